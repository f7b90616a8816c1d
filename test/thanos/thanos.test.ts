/**
 * Deduplicated HA queries: the `replica` external label and the alert relabelling, the Thanos
 * sidecar in every Prometheus pod, Thanos Query (prod default), its flows, and Grafana's datasource.
 * Rung: unit + schema/policy (suites in test/schema and test/policy cover prod with these
 * objects); Thanos has no binary here. The Prometheus side runs on the real binary below.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { ThanosQuery } from '../../constructs/thanos-query/thanos-query';
import { stackPrometheusConfig } from '../../constructs/registry';
import { resolveSettings } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { footprint, Manifest } from '../../constructs/stack/footprint';
import { fixtureSettings } from '../support/fixtures';
import { configMapData, manifestsFor } from '../support/manifests';
import { freePort, http, start, waitReady } from '../support/processes';
import { itWithTool, realTool, TOOLS } from '../support/tools';

const find = (ms: readonly Manifest[], kind: string, name: string) =>
  ms.find((m) => m.kind === kind && m.metadata.name === name) as Manifest;
const prod = manifestsFor('prod');
const dev = manifestsFor('dev');
const podOf = (ms: readonly Manifest[]) => find(ms, 'StatefulSet', 'prometheus').spec.template.spec;
const sidecarOf = (ms: readonly Manifest[]) => podOf(ms).containers.find((c: { name: string }) => c.name === 'thanos-sidecar');
const withPrometheus = (profile: 'dev' | 'prod', prometheus: object): StackSettings => {
  const base = fixtureSettings(profile);
  return { ...base, prometheus: { ...base.prometheus, ...prometheus } };
};

describe('the replica external label and Alertmanager deduplication', () => {
  const config = parse(configMapData(prod, 'prometheus-config')['prometheus.yml']);

  it('labels every series with the pod name (POD_NAME from the downward API, expanded by Prometheus 3)', () => {
    expect(config.global.external_labels).toEqual({ cluster: 'prod-cluster', environment: 'prod', replica: '${POD_NAME}' });
    const prometheus = podOf(prod).containers[0];
    expect(prometheus.env).toEqual([{ name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }]);
  });

  it('drops the replica label from alerts, so both replicas send the same alert and Alertmanager groups them as one', () => {
    expect(config.alerting.alert_relabel_configs).toEqual([{ action: 'labeldrop', regex: 'replica' }]);
  });
});

describe('Thanos: prod default, dev off', () => {
  it('prod runs a sidecar in each Prometheus pod and Thanos Query; dev neither', () => {
    expect(podOf(prod).containers.map((c: { name: string }) => c.name)).toEqual(['prometheus', 'thanos-sidecar']);
    expect(find(prod, 'Deployment', 'thanos-query')).toBeDefined();
    expect(podOf(dev).containers.map((c: { name: string }) => c.name)).toEqual(['prometheus']);
    expect(dev.filter((m) => m.metadata.name.startsWith('thanos'))).toEqual([]);
  });

  it('`thanos: true` turns it on in dev, `thanos: false` off in prod', () => {
    const on = synthesize(withPrometheus('dev', { thanos: true })).manifests;
    expect(find(on, 'Deployment', 'thanos-query').spec.replicas).toBe(1);
    const off = synthesize(withPrometheus('prod', { thanos: false })).manifests;
    expect(off.filter((m) => m.metadata.name.startsWith('thanos'))).toEqual([]);
    expect(podOf(off).containers).toHaveLength(1);
  });

  it('the dev footprint is unchanged by Thanos; prod adds the query pair and two sidecars', () => {
    const cpu = (ms: Manifest[], name: string) => footprint(ms).find((c) => c.component === name);
    expect(cpu(dev, 'thanos-query')).toBeUndefined();
    expect(cpu(prod, 'thanos-query')).toMatchObject({ pods: 2, cpuRequest: 0.4, memoryRequest: 2 * 512 * 1024 ** 2 });
  });
});

describe('the Thanos sidecar', () => {
  const sidecar = sidecarOf(prod);

  it('serves the StoreAPI on 10901 and its HTTP on 10902, reading Prometheus on localhost', () => {
    expect(sidecar.image).toBe('quay.io/thanos/thanos:v0.42.4');
    expect(sidecar.args).toEqual([
      'sidecar',
      '--prometheus.url=http://localhost:9090',
      '--grpc-address=:10901',
      '--http-address=:10902',
      '--log.format=logfmt',
    ]);
    expect(sidecar.ports).toEqual([
      { name: 'sidecar-http', containerPort: 10902, protocol: 'TCP' },
      { name: 'grpc', containerPort: 10901, protocol: 'TCP' },
    ]);
    expect(sidecar.readinessProbe.httpGet).toEqual({ path: '/-/ready', port: 'sidecar-http' });
  });

  it('is hardened like every container and mounts no service-account token', () => {
    expect(sidecar.securityContext).toEqual({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(sidecar.volumeMounts ?? []).toEqual([]);
    expect(sidecar.resources.requests).toMatchObject({ cpu: '100m', memory: '128Mi' });
  });

  it('with object storage: mounts the data volume and only the bucket-config key; Prometheus stops compacting (2h blocks)', () => {
    const ms = synthesize(withPrometheus('prod', { thanos: { objectStorage: { name: 'thanos-bucket', key: 'objstore.yml' } } })).manifests;
    const upload = sidecarOf(ms);
    expect(upload.args).toEqual(
      expect.arrayContaining(['--tsdb.path=/prometheus', '--objstore.config-file=/etc/thanos/objstore/objstore.yml']),
    );
    expect(upload.volumeMounts).toEqual([
      { name: 'data', mountPath: '/prometheus' },
      { name: 'thanos-objstore', mountPath: '/etc/thanos/objstore', readOnly: true },
    ]);
    expect(podOf(ms).volumes).toContainEqual({
      name: 'thanos-objstore',
      secret: { secretName: 'thanos-bucket', items: [{ key: 'objstore.yml', path: 'objstore.yml' }], defaultMode: 0o440 },
    });
    expect(podOf(ms).containers[0].args).toEqual(
      expect.arrayContaining(['--storage.tsdb.min-block-duration=2h', '--storage.tsdb.max-block-duration=2h']),
    );
    expect(podOf(prod).containers[0].args.join(' ')).not.toContain('block-duration');
    // One more egress rule: HTTPS to any address (the bucket), beside the API-server rules.
    const egress = find(ms, 'NetworkPolicy', 'prometheus').spec.egress as object[];
    const plain = (find(prod, 'NetworkPolicy', 'prometheus').spec.egress as object[]).map((r) => JSON.stringify(r));
    const added = egress.filter((r) => !plain.includes(JSON.stringify(r)));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ ports: [{ port: 443, protocol: 'TCP' }] });
    expect((added[0] as { to: object[] }).to).toContainEqual({ namespaceSelector: {} });
  });

  it('the headless Service names the sidecars: DNS for Thanos Query, the sidecar-http port for the scrape job', () => {
    expect(find(prod, 'Service', 'prometheus-headless').spec.ports.map((p: { name: string; port: number }) => [p.name, p.port])).toEqual([
      ['web', 9090],
      ['sidecar-http', 10902],
      ['grpc', 10901],
    ]);
    const jobs = parse(configMapData(prod, 'prometheus-config')['prometheus.yml']).scrape_configs;
    const sidecarJob = jobs.find((j: { job_name: string }) => j.job_name === 'thanos-sidecar');
    expect(sidecarJob.relabel_configs[0]).toEqual({
      source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port_name'],
      regex: 'prometheus-headless;sidecar-http',
      action: 'keep',
    });
    expect(jobs.find((j: { job_name: string }) => j.job_name === 'thanos-query').relabel_configs[0].regex).toBe('thanos-query;http');
  });
});

describe('Thanos Query', () => {
  const deployment = find(prod, 'Deployment', 'thanos-query');
  const pod = deployment.spec.template.spec;

  it('deduplicates along the replica label, with the sidecars found by DNS of the headless Service', () => {
    expect(pod.containers[0].args).toEqual([
      'query',
      '--http-address=:10902',
      '--grpc-address=:10901',
      '--log.format=logfmt',
      '--query.replica-label=replica',
      '--endpoint.sd-config={"endpoints":[{"address":"dns+prometheus-headless.monitoring.svc:10901"}]}',
    ]);
  });

  it('prod: 2 replicas, a PDB, host anti-affinity; no token, no service links', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(find(prod, 'PodDisruptionBudget', 'thanos-query').spec.selector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'thanos-query',
    });
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe(
      'kubernetes.io/hostname',
    );
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].volumeMounts ?? []).toEqual([]);
  });

  it('NetworkPolicies: Grafana and Prometheus reach Query on 10902; Query reaches the sidecars on 10901', () => {
    const query = find(prod, 'NetworkPolicy', 'thanos-query').spec;
    const fromNames = (rules: any[], port: number) =>
      rules
        .filter((r) => r.ports?.some((p: { port: number }) => p.port === port))
        .flatMap((r) => r.from ?? r.to)
        .map((peer: any) => peer.podSelector?.matchLabels?.['app.kubernetes.io/name']);
    expect(fromNames(query.ingress, 10902).sort()).toEqual(['grafana', 'prometheus']);
    expect(fromNames(query.egress, 10901)).toEqual(['prometheus']);
    const prometheus = find(prod, 'NetworkPolicy', 'prometheus').spec;
    expect(fromNames(prometheus.ingress, 10901)).toEqual(['thanos-query']);
    expect(fromNames(prometheus.ingress, 10902)).toEqual(['prometheus']);
  });

  it("Grafana's Prometheus datasource points at Thanos Query in prod, at Prometheus in dev", () => {
    const url = (ms: Manifest[]) =>
      parse(configMapData(ms, 'grafana-datasources')['datasources.yaml']).datasources.find((d: { uid: string }) => d.uid === 'prometheus')
        .url;
    expect(url(prod)).toBe('http://thanos-query:10902');
    expect(url(dev)).toBe('http://prometheus:9090');
  });

  it('used alone: its own NetworkPolicy and the props named as `props.<field>`', () => {
    const chart = new Chart(new App(), 'test');
    new ThanosQuery(chart, 'query', { namespace: 'metrics', profile: 'prod' });
    const ms = chart.toJson() as Manifest[];
    expect(find(ms, 'NetworkPolicy', 'thanos-query')).toBeDefined();
    expect(find(ms, 'Deployment', 'thanos-query').spec.template.spec.containers[0].args).toContain(
      '--endpoint.sd-config={"endpoints":[{"address":"dns+prometheus-headless.metrics.svc:10901"}]}',
    );
    expect(() => new ThanosQuery(new Chart(new App(), 'test'), 'query', { replicas: 0 })).toThrow(
      'test/query: invalid props.replicas = 0; allowed: a whole number >= 1',
    );
  });
});

describe('operator mode', () => {
  it('prod in operator mode runs neither the sidecar nor Thanos Query (kube-prometheus-stack has its own)', () => {
    const ms = synthesize({ ...fixtureSettings('prod'), operator: {} }).manifests;
    expect(ms.filter((m) => m.metadata.name.startsWith('thanos'))).toEqual([]);
    expect(resolveSettings({ ...fixtureSettings('prod'), operator: {} }, 't').prometheus.thanos).toBeUndefined();
  });
});

const prometheusBin = realTool(TOOLS.prometheus);
describe('the real Prometheus expands the replica label from POD_NAME', () => {
  itWithTool(TOOLS.prometheus)(
    'external_labels.replica is the pod name it was started with',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'replica-'));
      const port = await freePort();
      const settings = resolveSettings(fixtureSettings('prod'), 't');
      writeFileSync(
        join(dir, 'prometheus.yml'),
        stackPrometheusConfig(settings, { kind: 'static', targets: {}, services: {}, rulesDir: join(dir, 'rules') }),
      );
      const running = start(
        'prometheus',
        prometheusBin!,
        [
          `--config.file=${join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        { env: { POD_NAME: 'prometheus-1' } },
      );
      try {
        await waitReady(`http://127.0.0.1:${port}/-/ready`, 30_000).catch((error) => {
          throw new Error(`${error}\n${running.output()}`);
        });
        const status = await http('GET', `http://127.0.0.1:${port}/api/v1/status/config`);
        const loaded = parse(JSON.parse(status.body).data.yaml);
        expect(loaded.global.external_labels).toEqual({ cluster: 'prod-cluster', environment: 'prod', replica: 'prometheus-1' });
        expect(loaded.alerting.alert_relabel_configs[0]).toMatchObject({ action: 'labeldrop', regex: 'replica' });
      } finally {
        await running.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
