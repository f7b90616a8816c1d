/**
 * Filebeat: the rendered filebeat.yml (unit), the stack-trace joining against a corpus, the
 * output rule, the synthesized objects (DaemonSet, RBAC, NetworkPolicy, exemptions), the
 * standalone construct, the scrape job, the Docker workloads and the footprint. Rung: no
 * Filebeat binary here; the file is checked for the shape Filebeat 9 reads, not loaded by it.
 */
import { App, Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { Filebeat } from '../../constructs';
import { renderFilebeatYml } from '../../constructs/filebeat/files';
import { filebeatDockerWorkloads } from '../../constructs/filebeat/docker';
import {
  CONTINUATION_PATTERNS,
  effectiveOutput,
  EVENT_START_LINES,
  resolveFilebeat,
  resolveMultiline,
} from '../../constructs/filebeat/settings';
import { filebeatSpec } from '../../constructs/filebeat/spec';
import { stackPrometheusConfig } from '../../constructs/registry';
import { footprint } from '../../constructs/stack/footprint';
import { resolveSettings } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { setupPlan } from '../../constructs/elasticsearch/files';
import { byteQuantity, cpuQuantity } from '../../config/quantity';
import { planContainer } from '../../stacks/docker-container';
import { workloadsOf } from '../../stacks/workloads';
import { fixtureSettings } from '../support/fixtures';

const withLogs = (profile: 'dev' | 'prod', extra: Partial<StackSettings> = {}): StackSettings => ({
  ...fixtureSettings(profile),
  elasticsearch: {},
  ...extra,
});
/** The logs store without Logstash: Filebeat ships straight to Elasticsearch. */
const direct = (profile: 'dev' | 'prod', extra: Partial<StackSettings> = {}): StackSettings =>
  withLogs(profile, { logstash: false, ...extra });
const manifests = (settings: StackSettings) => synthesize(settings).manifests as any[];
const find = (objects: any[], kind: string, name: string, namespace = 'monitoring-agents') =>
  objects.find((m) => m.kind === kind && m.metadata.name === name && m.metadata.namespace === namespace);
const filebeatYml = (objects: any[]) => parse(find(objects, 'ConfigMap', 'filebeat-config').data['filebeat.yml']);

/** What Filebeat's pattern multiline does with negate: false, match: after: a matching line continues the event before it. */
function joinLines(lines: readonly string[], pattern: string): string[] {
  const re = new RegExp(pattern);
  const events: string[] = [];
  for (const line of lines) {
    if (events.length > 0 && re.test(line)) events[events.length - 1] += `\n${line}`;
    else events.push(line);
  }
  return events;
}

const JAVA = [
  '2026-01-01 12:00:00,123 ERROR [main] c.e.OrderService - order 42 failed',
  'java.lang.IllegalStateException: stock is negative',
  '\tat com.example.orders.Stock.take(Stock.java:31)',
  '\tat com.example.orders.OrderService.place(OrderService.java:77)',
  'Caused by: java.sql.SQLException: deadlock detected',
  '\tat org.postgresql.jdbc.PgStatement.execute(PgStatement.java:12)',
  '\t... 12 more',
];
const NODE = [
  '{"level":"error","msg":"request failed","status":500}',
  "TypeError: Cannot read properties of undefined (reading 'id')",
  '    at handler (/app/server.js:10:5)',
  '    at async Promise.all (index 0)',
];
const PYTHON = [
  'ERROR:root:payment declined',
  'Traceback (most recent call last):',
  '  File "/app/main.py", line 3, in <module>',
  '    charge(card)',
  '  File "/app/pay.py", line 9, in charge',
  '    raise ValueError("card expired")',
  'ValueError: card expired',
];
const PLAIN = [
  '2026-01-01T12:00:00.000Z INFO  Server started on port 8080',
  'level=info ts=2026-01-01T12:00:00Z caller=main.go:42 msg="listening"',
  '127.0.0.1 - - [01/Jan/2026:12:00:00 +0000] "GET /healthz HTTP/1.1" 200 2',
  'Error handling request /orders',
];

describe('stack-trace joining (the multiline pattern against a corpus)', () => {
  const all = resolveMultiline('test', 'multiline', undefined)!;

  it('joins each trace into the event of the line that logged it, and leaves ordinary lines alone', () => {
    const corpus = [PLAIN[0], ...JAVA, PLAIN[1], ...NODE, PLAIN[2], ...PYTHON, PLAIN[3]];
    expect(joinLines(corpus, all.pattern)).toEqual([
      PLAIN[0],
      JAVA.join('\n'),
      PLAIN[1],
      NODE.join('\n'),
      PLAIN[2],
      PYTHON.join('\n'),
      PLAIN[3],
    ]);
  });

  it('never joins an ordinary first line, for each language alone and all together', () => {
    for (const languages of [['java'], ['node'], ['python'], ['java', 'node', 'python']] as const) {
      const { pattern } = resolveMultiline('test', 'multiline', { languages: [...languages] })!;
      expect(EVENT_START_LINES.filter((line) => new RegExp(pattern).test(line))).toEqual([]);
    }
  });

  it('joins only the languages asked for: a Python traceback stays split with Java alone', () => {
    const { pattern } = resolveMultiline('test', 'multiline', { languages: ['java'] })!;
    expect(joinLines(PYTHON, pattern).length).toBeGreaterThan(1);
    expect(joinLines(JAVA, pattern)).toEqual([JAVA.join('\n')]);
  });

  it('every built-in pattern is anchored and in the Go/JavaScript common subset', () => {
    for (const pattern of Object.values(CONTINUATION_PATTERNS).flat()) {
      expect(pattern.startsWith('^')).toBe(true);
      expect(pattern).not.toMatch(/\\s|\\d|\\w|\[\[:|\(\?[=!<]/);
    }
  });

  it('adds user patterns, and refuses one that would join every line, naming the field and the line it swallows', () => {
    const { pattern } = resolveMultiline('test', 'multiline', { continuationPatterns: ['^[ \\t]*\\|'] })!;
    expect(joinLines(['table:', '  | a | b |'], pattern)).toEqual(['table:\n  | a | b |']);
    expect(() => resolveMultiline('obs', 'filebeat.multiline', { continuationPatterns: ['^[A-Z]'] })).toThrow(
      'obs: invalid filebeat.multiline.continuationPatterns[0] = "^[A-Z]"; allowed: a pattern matching continuation lines only; ' +
        'it matches "I0101 12:00:00.000000       1 reflector.go:123] watch started", an ordinary first line',
    );
    expect(() => resolveMultiline('obs', 'filebeat.multiline', { continuationPatterns: ['x*'] })).toThrow(/it matches the empty line/);
    expect(() => resolveMultiline('obs', 'filebeat.multiline', { continuationPatterns: ['^[[:space:]]+at'] })).toThrow(
      /continuationPatterns\[0\].*without a POSIX class/,
    );
    expect(() => resolveMultiline('obs', 'filebeat.multiline', { continuationPatterns: ['^(a)\\1'] })).toThrow(/back-reference/);
    expect(() => resolveMultiline('obs', 'filebeat.multiline', { languages: ['java'], colour: 1 } as never)).toThrow(
      /unknown setting filebeat.multiline.colour/,
    );
  });

  it('multiline: false joins nothing (no multiline parser is rendered)', () => {
    const fb = resolveFilebeat('test', 'filebeat', 'dev', 'monitoring-agents', false, { multiline: false });
    const yml = parse(renderFilebeatYml(fb, { kind: 'logstash', address: 'logstash.monitoring.svc:5044' }));
    expect(yml['filebeat.inputs'][0].parsers).toEqual([{ container: { stream: 'all', format: 'auto' } }]);
  });
});

describe('filebeat.yml', () => {
  const fb = resolveFilebeat('test', 'filebeat', 'dev', 'monitoring-agents', true, {});
  const toLogstash = parse(renderFilebeatYml(fb, { kind: 'logstash', address: 'logstash.monitoring.svc:5044' }));

  it('reads every container log with filestream and the container parser (the container input is gone in 9.x)', () => {
    const [input, ...others] = toLogstash['filebeat.inputs'];
    expect(others).toEqual([]);
    expect(input.type).toBe('filestream');
    expect(input.id).toBe('container-logs');
    expect(input.paths).toEqual(['/var/log/containers/*.log', '/var/lib/docker/containers/*/*.log']);
    expect(input['prospector.scanner.symlinks']).toBe(true);
    expect(input.parsers[0]).toEqual({ container: { stream: 'all', format: 'auto' } });
    expect(input.parsers[1].multiline).toMatchObject({ type: 'pattern', negate: false, match: 'after', max_lines: 500, timeout: '5s' });
  });

  it('adds Kubernetes metadata of its own node, with owner names and without the kubeadm ConfigMap', () => {
    const [{ add_kubernetes_metadata: meta }] = toLogstash['filebeat.inputs'][0].processors;
    expect(meta.host).toBe('${NODE_NAME}');
    expect(meta.use_kubeadm).toBe(false);
    expect(meta.add_resource_metadata).toEqual({ namespace: { enabled: true }, node: { enabled: true }, deployment: true, cronjob: true });
    expect(meta.matchers).toEqual([{ logs_path: { logs_path: '/var/log/containers/' } }]);
  });

  it('keeps the registry in the data directory and serves its stats on 5066', () => {
    expect(toLogstash['path.data']).toBe(filebeatSpec.dataDir);
    expect([toLogstash['http.enabled'], toLogstash['http.port']]).toEqual([true, 5066]);
    expect(toLogstash['logging.to_stderr']).toBe(true);
  });

  it('Logstash output: the beats input, nothing else', () => {
    expect(toLogstash['output.logstash']).toEqual({ hosts: ['logstash.monitoring.svc:5044'] });
    expect(Object.keys(toLogstash).filter((k) => k.startsWith('output.') || k.startsWith('setup.'))).toEqual(['output.logstash']);
  });

  it('Elasticsearch output: the data stream, the writer user, the password from the environment, the CA; no setup', () => {
    const yml = parse(
      renderFilebeatYml(fb, {
        kind: 'elasticsearch',
        url: 'https://elasticsearch.monitoring.svc:9200',
        user: 'filebeat',
        dataStream: 'logs-generic-default',
        caFile: '/etc/elasticsearch-ca/ca.crt',
      }),
    );
    expect(yml['output.elasticsearch']).toEqual({
      hosts: ['https://elasticsearch.monitoring.svc:9200'],
      username: 'filebeat',
      password: '${ELASTICSEARCH_PASSWORD}',
      index: 'logs-generic-default',
      'ssl.certificate_authorities': ['/etc/elasticsearch-ca/ca.crt'],
    });
    expect([yml['setup.template.enabled'], yml['setup.ilm.enabled']]).toEqual([false, false]);
  });
});

describe('the output rule', () => {
  it('Logstash only when asked for and running; Elasticsearch otherwise', () => {
    expect(effectiveOutput('logstash', true)).toBe('logstash');
    expect(effectiveOutput('logstash', false)).toBe('elasticsearch');
    expect(effectiveOutput('elasticsearch', true)).toBe('elasticsearch');
  });

  it("with the logs store ships to the stack's Logstash (the default): its beats input, no Elasticsearch user", () => {
    const settings = resolveSettings(withLogs('dev'), 'obs');
    expect([settings.filebeat?.requestedOutput, settings.filebeat?.output]).toEqual(['logstash', 'logstash']);
    expect(settings.elasticsearch!.clients.map((c) => c.name)).not.toContain('filebeat');
    const yml = filebeatYml(manifests(withLogs('dev')));
    expect(yml['output.logstash'].hosts).toEqual(['logstash.monitoring.svc:5044']);
    expect(yml['output.elasticsearch']).toBeUndefined();
  });

  it('a stack without Logstash ships to Elasticsearch as its own least-privilege writer', () => {
    const settings = resolveSettings(direct('dev'), 'obs');
    expect([settings.filebeat?.requestedOutput, settings.filebeat?.output]).toEqual(['logstash', 'elasticsearch']);
    const client = settings.elasticsearch!.clients.find((c) => c.name === 'filebeat');
    expect(client).toEqual({ name: 'filebeat', access: 'write', indices: ['logs-generic-*'], namespace: 'monitoring-agents' });
    const { payloads } = setupPlan(settings.elasticsearch!);
    expect(payloads['role-filebeat_writer.json']).toMatchObject({
      cluster: ['monitor', 'read_ilm', 'read_pipeline'],
      indices: [{ names: ['logs-generic-*'], privileges: ['create_doc', 'auto_configure', 'view_index_metadata'] }],
    });
    const yml = filebeatYml(manifests(direct('dev')));
    expect(yml['output.elasticsearch'].index).toBe('logs-generic-default');
  });

  it('writes the first log stream of the cluster', () => {
    const settings = resolveSettings(direct('dev', { elasticsearch: { logStreams: [{ name: 'apps' }, { name: 'audit' }] } }), 'obs');
    expect(settings.elasticsearch!.clients.find((c) => c.name === 'filebeat')?.indices).toEqual(['logs-apps-*']);
  });

  it('is on with the logs store, off with filebeat: false (then no writer user), refused without Elasticsearch', () => {
    expect(resolveSettings(fixtureSettings('dev'), 'obs').filebeat).toBeUndefined();
    const off = resolveSettings(withLogs('dev', { filebeat: false }), 'obs');
    expect(off.filebeat).toBeUndefined();
    expect(off.elasticsearch!.clients.map((c) => c.name)).not.toContain('filebeat');
    expect(find(manifests(withLogs('dev', { filebeat: false })), 'DaemonSet', 'filebeat')).toBeUndefined();
    expect(() => resolveSettings({ ...fixtureSettings('dev'), filebeat: {} }, 'obs')).toThrow(
      'obs: invalid filebeat = {}; allowed: unset or false without the logs store',
    );
    expect(() => resolveSettings(withLogs('dev', { filebeat: { outptu: 'logstash' } as never }), 'obs')).toThrow(
      /unknown setting filebeat.outptu; did you mean output\?/,
    );
  });

  it('a client of the same name as the stack user is refused', () => {
    expect(() => resolveSettings(direct('dev', { elasticsearch: { clients: [{ name: 'filebeat', access: 'write' }] } }), 'obs')).toThrow(
      /elasticsearch.clients\[0\].name = "filebeat"; allowed: a name other than "filebeat", the user of a stack component/,
    );
  });
});

describe('the synthesized objects', () => {
  const dev = manifests(withLogs('dev'));
  const directDev = manifests(direct('dev'));
  const ds = find(dev, 'DaemonSet', 'filebeat');
  const pod = ds.spec.template.spec;
  const [filebeat, exporter] = pod.containers;

  it('a DaemonSet in the agents namespace on every node, with the exporter sidecar', () => {
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(pod.containers.map((c: any) => c.name)).toEqual(['filebeat', 'filebeat-exporter']);
    expect(filebeat.image).toBe(`docker.elastic.co/beats/filebeat:${filebeatSpec.tag}`);
    expect(exporter.image).toBe('docker.io/trustpilot/beat-exporter:0.4.0');
    expect(exporter.args).toContain('-beat.uri=http://127.0.0.1:5066');
    expect(pod.priorityClassName).toBe('system-node-critical');
  });

  it('root without privilege: uid 0, no escalation, every capability dropped, read-only root; the exporter as nobody', () => {
    expect(pod.securityContext).toEqual({ runAsUser: 0, runAsGroup: 0, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.hostNetwork ?? pod.hostPID ?? pod.hostIPC).toBeUndefined();
    for (const c of pod.containers)
      expect(c.securityContext).toMatchObject({
        privileged: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    expect(exporter.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534 });
    expect(exporter.volumeMounts).toEqual([]);
  });

  it('log mounts read-only; the registry on the node (DirectoryOrCreate), writable', () => {
    const volume = (name: string) => pod.volumes.find((v: any) => v.name === name);
    const mount = (name: string) => filebeat.volumeMounts.find((m: any) => m.name === name);
    expect(volume('logs').hostPath).toEqual({ path: '/var/log', type: 'Directory' });
    expect(mount('logs')).toEqual({ name: 'logs', mountPath: '/var/log', readOnly: true });
    expect(volume('registry').hostPath).toEqual({ path: '/var/lib/filebeat-data/monitoring-agents', type: 'DirectoryOrCreate' });
    expect(mount('registry')).toEqual({ name: 'registry', mountPath: '/usr/share/filebeat/data' });
    const hostPaths = pod.volumes.filter((v: any) => v.hostPath).map((v: any) => v.name);
    expect(hostPaths).toEqual(['logs', 'registry']);
  });

  it('the host-agent exemption is written on the DaemonSet, with its reasons', () => {
    expect(ds.metadata.annotations['ignore-check.kube-linter.io/run-as-non-root']).toMatch(/root-owned container log files/);
    expect(ds.metadata.annotations['ignore-check.kube-linter.io/writable-host-mount']).toMatch(/registry/);
    expect(ds.metadata.annotations['kube-score/ignore']).toBe('container-security-context-user-group-id');
  });

  it('to Logstash: no password, no CA; to Elasticsearch: the password from the Secret, never inlined, the CA from the TLS Secret', () => {
    expect(filebeat.env).toEqual([{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }]);
    expect(pod.volumes.find((v: any) => v.name === 'ca')).toBeUndefined();
    const directPod = find(directDev, 'DaemonSet', 'filebeat').spec.template.spec;
    expect(directPod.containers[0].env).toEqual([
      { name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
      { name: 'ELASTICSEARCH_PASSWORD', valueFrom: { secretKeyRef: { name: 'elasticsearch-credentials', key: 'filebeat' } } },
    ]);
    expect(directPod.volumes.find((v: any) => v.name === 'ca').secret).toMatchObject({
      secretName: 'elasticsearch-certs',
      items: [{ key: 'ca.crt', path: 'ca.crt' }],
    });
  });

  it('a ClusterRole with get/list/watch on pods, namespaces, nodes, replicasets and jobs only', () => {
    const role = dev.find((m) => m.kind === 'ClusterRole' && m.metadata.name === 'monitoring-agents-filebeat');
    const grants = role.rules.flatMap((r: any) =>
      r.apiGroups.flatMap((g: string) => r.resources.map((res: string) => `${g}/${res}:${r.verbs}`)),
    );
    expect(grants.sort()).toEqual(
      ['/pods', '/namespaces', '/nodes', 'apps/replicasets', 'batch/jobs'].map((r) => `${r}:get,list,watch`).sort(),
    );
    const binding = dev.find((m) => m.kind === 'ClusterRoleBinding' && m.metadata.name === 'monitoring-agents-filebeat');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'filebeat', namespace: 'monitoring-agents' }]);
  });

  it('the NetworkPolicy: Prometheus to the exporter port in; DNS, the API server and Logstash 5044 out; nothing else', () => {
    const policy = find(dev, 'NetworkPolicy', 'filebeat');
    const ports = (rules: any[]) => rules.map((r) => (r.ports ?? []).map((p: any) => p.port).join(','));
    expect(ports(policy.spec.ingress)).toEqual(['9479']);
    expect(ports(policy.spec.egress).sort()).toEqual(['443,6443', '53,53', '5044'].sort());
    const logstash = policy.spec.egress.find((r: any) => r.ports[0].port === 5044);
    expect(logstash.to[0].podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'logstash' });
    expect(logstash.to[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'monitoring' });
  });

  it('without Logstash, the NetworkPolicy: Prometheus to the exporter port in; DNS, the API server and Elasticsearch 9200 out', () => {
    const policy = find(directDev, 'NetworkPolicy', 'filebeat');
    const ports = (rules: any[]) => rules.map((r) => (r.ports ?? []).map((p: any) => p.port).join(','));
    expect(ports(policy.spec.ingress)).toEqual(['9479']);
    expect(policy.spec.ingress[0].from[0].podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'prometheus' });
    expect(ports(policy.spec.egress).sort()).toEqual(['443,6443', '53,53', '9200'].sort());
    const es = policy.spec.egress.find((r: any) => r.ports[0].port === 9200);
    expect(es.to[0].podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'elasticsearch' });
  });

  it('Prometheus scrapes every exporter through the headless Service, labelled with the node', () => {
    const settings = resolveSettings(withLogs('dev'), 'obs');
    const job = (parse(stackPrometheusConfig(settings, { kind: 'kubernetes' })).scrape_configs as any[]).find(
      (j) => j.job_name === 'filebeat',
    );
    expect(job.kubernetes_sd_configs).toEqual([{ role: 'endpointslice', namespaces: { names: ['monitoring-agents'] } }]);
    expect(job.relabel_configs[0]).toMatchObject({ regex: 'filebeat;metrics', action: 'keep' });
    expect(job.relabel_configs.map((r: any) => r.target_label)).toEqual(expect.arrayContaining(['node', 'instance']));
    const service = find(dev, 'Service', 'filebeat');
    expect([service.spec.clusterIP, service.spec.publishNotReadyAddresses]).toEqual(['None', true]);
    expect(service.spec.ports).toEqual([{ name: 'metrics', port: 9479, targetPort: 'metrics', protocol: 'TCP' }]);
  });

  it('dev footprint: about 50m CPU and 100Mi memory per node (Filebeat and its exporter)', () => {
    const row = footprint(dev).find((r) => r.component === 'filebeat')!;
    expect(row.perNode).toBe(true);
    expect(row.cpuRequest).toBeCloseTo(cpuQuantity('t', 'cpu', '50m'));
    expect(row.memoryRequest).toBe(byteQuantity('t', 'memory', '96Mi'));
  });

  it('the whole dev stack with the logs store still fits 2 CPU and 4Gi of requests', () => {
    const rows = footprint(dev);
    expect(rows.reduce((sum, r) => sum + r.cpuRequest, 0)).toBeLessThanOrEqual(2);
    expect(rows.reduce((sum, r) => sum + r.memoryRequest, 0)).toBeLessThanOrEqual(4 * 1024 ** 3);
  });
});

describe('Filebeat used alone', () => {
  const synth = (props: object) => {
    const chart = new Chart(Testing.app(), 'test');
    new Filebeat(chart, 'filebeat', props);
    return Testing.synth(chart) as any[];
  };

  it('ships to Logstash by default, with its own NetworkPolicy allowing exactly that', () => {
    const objects = synth({});
    const yml = parse(objects.find((o) => o.kind === 'ConfigMap').data['filebeat.yml']);
    expect(yml['output.logstash']).toEqual({ hosts: ['logstash.monitoring.svc:5044'] });
    const policy = objects.find((o) => o.kind === 'NetworkPolicy');
    const logstash = policy.spec.egress.find((r: any) => r.ports?.[0]?.port === 5044);
    expect(logstash.to[0].podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'logstash' });
    const ds = objects.find((o) => o.kind === 'DaemonSet');
    expect(ds.spec.template.spec.containers[0].env).toEqual([
      { name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
    ]);
  });

  it('falls back to Elasticsearch when told there is no Logstash', () => {
    const objects = synth({ logstash: false, elasticsearch: { tls: { http: false, transport: false } } });
    const yml = parse(objects.find((o) => o.kind === 'ConfigMap').data['filebeat.yml']);
    expect(yml['output.elasticsearch'].hosts).toEqual(['http://elasticsearch.monitoring.svc:9200']);
    expect(yml['output.elasticsearch']['ssl.certificate_authorities']).toBeUndefined();
  });

  it('names the construct path in errors', () => {
    expect(() => synth({ output: 'kafka' })).toThrow(
      'test/filebeat: invalid props.output = "kafka"; allowed: "logstash" or "elasticsearch"',
    );
    expect(() => new Filebeat(new Chart(new App(), 'test'), 'filebeat', { multiline: { maxLines: 0 } })).toThrow(
      'test/filebeat: invalid props.multiline.maxLines = 0',
    );
  });
});

describe('the Docker target', () => {
  const settings = resolveSettings(withLogs('dev'), 'obs');
  const workloads = workloadsOf(filebeatDockerWorkloads(settings));
  const configMap = find(manifests(withLogs('dev')), 'ConfigMap', 'filebeat-config');
  const files = { 'filebeat-config': configMap.data };
  const fake = { 'elasticsearch-credentials': { filebeat: 'x' as never }, 'elasticsearch-certs': { 'ca.crt': 'y' as never } };

  it('one container per workload: Filebeat reading the Docker logs read-only with the same filebeat.yml, and its exporter', () => {
    expect(workloads.map((w) => [w.component, w.sidecars.length])).toEqual([
      ['filebeat', 0],
      ['filebeat-exporter', 0],
    ]);
    const plan = planContainer(workloads[0], filebeatSpec, files, fake as never);
    expect(plan.binds).toEqual([
      { hostPath: '/var/lib/docker/containers', containerPath: '/var/lib/docker/containers', propagation: 'rprivate' },
    ]);
    expect(plan.volumes).toEqual([{ claim: 'registry', containerPath: '/usr/share/filebeat/data' }]);
    expect(plan.user).toBe('0:0');
    expect(plan.envs).toEqual(['NODE_NAME=docker']);
    const upload = plan.uploads.find((u) => u.file === '/usr/share/filebeat/filebeat.yml')!;
    expect(upload.content).toBe(configMap.data['filebeat.yml']);
    expect(plan.healthcheck?.tests).toEqual(['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/5066']);
  });

  it('the exporter reaches Filebeat by its container name', () => {
    expect(workloads[1].container.args).toContain('-beat.uri=http://filebeat:5066');
    expect(workloads[1].runAsUser).toBe(65534);
  });

  it('the synthesized two-container pod is never translated as it is', () => {
    const synthesized = workloadsOf([find(manifests(withLogs('dev')), 'DaemonSet', 'filebeat')]);
    expect(() => planContainer(synthesized[0], filebeatSpec, files, fake as never)).toThrow(/also filebeat-exporter/);
  });
});
