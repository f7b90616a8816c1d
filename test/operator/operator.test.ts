/**
 * Operator interop mode (`operator`): the prometheus-operator objects that replace the stack's own
 * Prometheus, Alertmanager and Grafana, validated against @kubernetes-models/prometheus-operator
 * 6.0.0's CRD schemas, and compared with what standalone mode renders for the same settings.
 */
import { parse } from 'yaml';
import { SettingsError } from '../../config/errors';
import { ScrapeJob } from '../../config/scrape';
import { stackScrapeJobs } from '../../constructs/registry';
import { monitorFor } from '../../constructs/operator/monitors';
import { alertmanagerConfigSpec, matcher } from '../../constructs/operator/routing';
import { resolveOperator } from '../../constructs/operator/settings';
import { renderAlertmanagerFiles, renderRuleFiles } from '../../constructs/stack/alerting';
import { resolveSettings } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { databaseFixtureSettings } from '../support/fixtures';
import type { KubeObject } from '../schema/kubernetes-schema';
import { crdModelsInstalled, crdProblems, isOperatorObject } from './crd-schema';

/** Every feature on: services with probes and SLOs, every database exporter, Elasticsearch, PagerDuty and a webhook. */
function fullSettings(operator: StackSettings['operator']): StackSettings {
  const base = databaseFixtureSettings('prod');
  return {
    ...base,
    elasticsearch: {},
    alerting: {
      ...base.alerting,
      receivers: { ...base.alerting!.receivers, pagerduty: {}, webhook: { url: 'https://hooks.example.org/alerts' } },
    },
    ...(operator ? { operator } : {}),
  };
}

const objects = synthesize(fullSettings({})).manifests as unknown as KubeObject[];
const standalone = resolveSettings(fullSettings(undefined), 'obs');
const operatorMode = resolveSettings(fullSettings({}), 'obs');
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind) as Array<KubeObject & { spec: any; metadata: any; data?: any }>;
const withModels = crdModelsInstalled();
const itWithModels = withModels ? it : it.skip;
const problems = withModels ? crdProblems(objects.filter(isOperatorObject)) : [];

describe('every kind validates against the prometheus-operator CRD schema (no unknown field)', () => {
  itWithModels.each(['ServiceMonitor', 'PodMonitor', 'ScrapeConfig', 'PrometheusRule', 'AlertmanagerConfig'])('%s', (kind) => {
    expect(ofKind(kind).length).toBeGreaterThan(0);
    expect(problems.filter((p) => p.startsWith(`${kind}/`))).toEqual([]);
  });

  itWithModels('child routes too (the CRD keeps them opaque): each validates as the top route of an AlertmanagerConfig', () => {
    const config = ofKind('AlertmanagerConfig')[0];
    const children = config.spec.route.routes as object[];
    expect(children.length).toBe(4);
    const asTop = children.map((route, i) => ({
      ...config,
      metadata: { ...config.metadata, name: `child-${i}` },
      spec: { ...config.spec, route },
    }));
    expect(crdProblems(asTop)).toEqual([]);
  });

  itWithModels('the validator catches a wrong object (type error, misspelt field)', () => {
    const monitor = structuredClone(ofKind('ServiceMonitor')[0]);
    monitor.spec.endpoints[0].intervall = '30s';
    monitor.spec.selector = 'all';
    const found = crdProblems([monitor]);
    expect(found.some((p) => p.includes('unknown field /spec/endpoints/0/intervall'))).toBe(true);
    expect(found.some((p) => p.includes('selector') && !p.includes('unknown field'))).toBe(true);
  });
});

describe('what the operator replaces is not emitted', () => {
  it('no Prometheus or Alertmanager StatefulSet, no Grafana Deployment, no prometheus.yml / alertmanager.yml', () => {
    const names = objects.filter((o) => ['StatefulSet', 'Deployment'].includes(o.kind)).map((o) => o.metadata?.name);
    expect(names).not.toContain('prometheus');
    expect(names).not.toContain('alertmanager');
    expect(names).not.toContain('grafana');
    expect(names).toContain('elasticsearch'); // the components we still run are there
    expect(names).toContain('kube-state-metrics');
    const files = ofKind('ConfigMap').flatMap((c) => Object.keys(c.data ?? {}));
    expect(files).not.toContain('prometheus.yml');
    expect(files).not.toContain('alertmanager.yml');
  });

  it('standalone mode emits no operator object', () => {
    expect((synthesize(fullSettings(undefined)).manifests as unknown as KubeObject[]).filter(isOperatorObject)).toEqual([]);
  });
});

describe('scrape jobs', () => {
  const jobs = stackScrapeJobs(standalone, { kind: 'kubernetes' });
  const monitors = [...ofKind('ServiceMonitor'), ...ofKind('PodMonitor'), ...ofKind('ScrapeConfig')];

  it('one object per standalone job, minus the jobs of what the operator replaces (it scrapes its own)', () => {
    // Thanos Query and its sidecars come with our Prometheus only.
    const replaced = ['prometheus', 'alertmanager', 'grafana', 'thanos-query', 'thanos-sidecar'];
    const expected = jobs.map((j) => String(j.job_name)).filter((name) => !replaced.includes(name));
    expect(monitors.map((m) => m.metadata.name).sort()).toEqual(expected.sort());
    // 13 before Filebeat's and Logstash's jobs.
    expect(expected.length).toBe(15);
  });

  it('every target keeps its job label: the last relabelling sets job, or the ScrapeConfig names the job', () => {
    for (const m of monitors) {
      if (m.kind === 'ScrapeConfig') expect(m.spec.jobName).toBe(m.metadata.name);
      else {
        const endpoints = m.spec.endpoints ?? m.spec.podMetricsEndpoints;
        expect(endpoints.at(-1).relabelings.at(-1)).toEqual({ targetLabel: 'job', replacement: m.metadata.name });
      }
    }
  });

  it('a declared service: ServiceMonitor on EndpointSlices of its namespace, same path, scheme, relabelling (service, team, pod)', () => {
    const monitor = ofKind('ServiceMonitor').find((m) => m.metadata.name === 'demo-api')!;
    const job = jobs.find((j) => j.job_name === 'demo-api')! as any;
    expect(monitor.spec.serviceDiscoveryRole).toBe('EndpointSlice');
    expect(monitor.spec.namespaceSelector).toEqual({ matchNames: ['demo'] });
    const [endpoint] = monitor.spec.endpoints;
    expect(endpoint.path).toBe(job.metrics_path);
    expect(endpoint.scheme).toBe('HTTP');
    expect(endpoint.relabelings.slice(0, -1)).toEqual(
      job.relabel_configs
        .map((r: any) => ({
          sourceLabels: r.source_labels,
          regex: r.regex,
          action: r.action,
          targetLabel: r.target_label,
          replacement: r.replacement,
        }))
        .map((r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
    );
  });

  it('a stack component behind a Service: the port name of the job is the endpoint port', () => {
    const monitor = ofKind('ServiceMonitor').find((m) => m.metadata.name === 'elasticsearch')!;
    expect(monitor.spec.endpoints[0].port).toBe('http');
    expect(monitor.spec.endpoints[0].relabelings[0]).toEqual({
      sourceLabels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port_name'],
      regex: 'elasticsearch-exporter;http',
      action: 'keep',
    });
  });

  it('kubelet and cAdvisor: the operator kubelet Service, token file, node and instance from the endpoint target', () => {
    const cadvisor = ofKind('ServiceMonitor').find((m) => m.metadata.name === 'cadvisor')!;
    expect(cadvisor.spec.namespaceSelector).toEqual({ matchNames: ['kube-system'] });
    const [endpoint] = cadvisor.spec.endpoints;
    expect(endpoint).toMatchObject({ port: 'https-metrics', path: '/metrics/cadvisor', scheme: 'HTTPS' });
    expect(endpoint.bearerTokenFile).toBe('/var/run/secrets/kubernetes.io/serviceaccount/token');
    expect(endpoint.relabelings[0]).toEqual({
      sourceLabels: ['__meta_kubernetes_service_name'],
      regex: 'kube-prometheus-stack-kubelet',
      action: 'keep',
    });
    expect(endpoint.relabelings.filter((r: any) => ['node', 'instance'].includes(r.targetLabel))).toEqual([
      { sourceLabels: ['__meta_kubernetes_endpointslice_address_target_name'], targetLabel: 'node' },
      { sourceLabels: ['__meta_kubernetes_endpointslice_address_target_name'], targetLabel: 'instance' },
    ]);
    expect(endpoint.metricRelabelings).toEqual([{ sourceLabels: ['__name__', 'container'], regex: 'container_.*;POD', action: 'drop' }]);
  });

  it('the API server: a ServiceMonitor on default/kubernetes, certificate checked against its DNS name', () => {
    const [endpoint] = ofKind('ServiceMonitor').find((m) => m.metadata.name === 'apiserver')!.spec.endpoints;
    expect(endpoint.relabelings[0]).toEqual({ sourceLabels: ['__meta_kubernetes_service_name'], regex: 'kubernetes', action: 'keep' });
    expect(endpoint.tlsConfig).toEqual({
      caFile: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
      serverName: 'kubernetes.default.svc',
    });
  });

  it('static jobs (databases, probes) keep their targets and per-target labels in a ScrapeConfig', () => {
    const postgres = ofKind('ScrapeConfig').find((m) => m.metadata.name === 'postgres')!;
    const job = jobs.find((j) => j.job_name === 'postgres')! as any;
    expect(postgres.spec.staticConfigs).toEqual(job.static_configs);
    expect(postgres.spec.relabelings).toEqual([{ sourceLabels: ['__database_address'], targetLabel: 'instance' }]);
    const blackbox = ofKind('ScrapeConfig').find((m) => m.metadata.name === 'blackbox')!;
    expect(blackbox.spec.metricsPath).toBe('/probe');
    expect(blackbox.spec.staticConfigs[0].labels.__param_module).toBe('http_2xx');
  });

  it('node-exporter: a ScrapeConfig with Node discovery and the same relabelling', () => {
    const ne = ofKind('ScrapeConfig').find((m) => m.metadata.name === 'node-exporter')!;
    expect(ne.spec.kubernetesSDConfigs).toEqual([{ role: 'Node' }]);
    expect(ne.spec.relabelings[0]).toEqual({
      sourceLabels: ['__meta_kubernetes_node_address_InternalIP'],
      targetLabel: '__address__',
      replacement: '$1:9100',
    });
  });

  it('annotated pods: a PodMonitor in the discovery namespaces with the annotation relabelling', () => {
    const [pm] = ofKind('PodMonitor');
    expect(pm.spec.namespaceSelector).toEqual({ matchNames: ['demo'] });
    // One target per pod, as in prometheus.yml: the operator's per-container label is dropped.
    expect(pm.spec.podMetricsEndpoints[0].relabelings.at(-2)).toEqual({ regex: 'container', action: 'labeldrop' });
    expect(pm.spec.podMetricsEndpoints[0].relabelings[0]).toEqual({
      sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'],
      regex: 'true',
      action: 'keep',
    });
  });

  it('a job field without a translation is an error, not dropped', () => {
    const operator = operatorMode.operator!;
    const job: ScrapeJob = { job_name: 'x', static_configs: [{ targets: ['a:1'] }], sample_limit: 10 };
    expect(() => monitorFor(job, operator)).toThrow('scrape job x: field sample_limit has no operator translation');
    expect(() => monitorFor({ job_name: 'y', kubernetes_sd_configs: [{ role: 'ingress' }] }, operator)).toThrow('role ingress');
    expect(() => monitorFor({ job_name: 'z', relabel_configs: [{ source_labels: ['a'], regexp: 'b' }] }, operator)).toThrow(
      'relabel_configs[].regexp',
    );
  });
});

describe('rules', () => {
  it('one PrometheusRule per rule file, holding exactly its groups (SLOs included)', () => {
    const files = renderRuleFiles(operatorMode);
    const rules = ofKind('PrometheusRule');
    expect(rules.map((r) => `${r.metadata.name}.yml`).sort()).toEqual(Object.keys(files).sort());
    expect(Object.keys(files)).toContain('slo-demo-api.yml');
    for (const rule of rules) expect(rule.spec.groups).toEqual(parse(files[`${rule.metadata.name}.yml`]).groups);
  });

  it('the rule files are the standalone ones minus the self-monitoring of what the operator replaces', () => {
    const own = renderRuleFiles(standalone);
    const ours = renderRuleFiles(operatorMode);
    for (const file of Object.keys(ours).filter((f) => f !== 'self-monitoring.yml')) expect(ours[file]).toBe(own[file]);
    const alerts = (yaml: string | undefined) => (yaml ? parse(yaml).groups.flatMap((g: any) => g.rules.map((r: any) => r.alert)) : []);
    expect(alerts(own['self-monitoring.yml']).some((a: string) => a.startsWith('Prometheus'))).toBe(true);
    expect(alerts(ours['self-monitoring.yml']).filter((a: string) => /^(Prometheus|Alertmanager|Grafana)/.test(a))).toEqual([]);
  });
});

describe('routing: one AlertmanagerConfig', () => {
  const [config] = ofKind('AlertmanagerConfig');
  const own = parse(renderAlertmanagerFiles(standalone)['alertmanager.yml']);

  it('the same route tree, receivers and inhibitions as alertmanager.yml', () => {
    expect(config.spec.route.receiver).toBe(own.route.receiver);
    expect(config.spec.route.groupBy).toEqual(own.route.group_by);
    expect(config.spec.route.routes.map((r: any) => r.receiver)).toEqual(own.route.routes.map((r: any) => r.receiver));
    expect(config.spec.route.routes[0].matchers).toEqual([{ name: 'alertname', matchType: '=', value: 'Watchdog' }]);
    expect(config.spec.receivers.map((r: any) => r.name)).toEqual(own.receivers.map((r: any) => r.name));
    expect(config.spec.inhibitRules).toHaveLength(own.inhibit_rules.length);
    expect(config.spec.inhibitRules[0]).toEqual({
      sourceMatch: [{ name: 'severity', matchType: '=', value: 'critical' }],
      targetMatch: [{ name: 'severity', matchType: '=~', value: 'warning|info' }],
      equal: ['alertname', 'cluster', 'service'],
    });
  });

  it('credentials only by Secret reference; the global SMTP and Slack settings are in each receiver', () => {
    const critical = config.spec.receivers.find((r: any) => r.name === 'critical');
    const secret = (key: string) => ({ name: 'alertmanager-receivers', key });
    expect(critical.pagerdutyConfigs[0].routingKey).toEqual(secret('pagerduty-routing-key'));
    expect(critical.slackConfigs[0]).toMatchObject({ apiURL: secret('slack-api-url'), channel: '#incidents', sendResolved: true });
    expect(critical.emailConfigs[0]).toMatchObject({
      to: 'oncall@example.org',
      from: 'alertmanager@example.org',
      smarthost: 'smtp.example.org:587',
      authPassword: secret('smtp-password'),
      requireTLS: true,
    });
    const watchdog = config.spec.receivers.find((r: any) => r.name === 'watchdog');
    expect(watchdog.webhookConfigs).toEqual([{ urlSecret: secret('watchdog-heartbeat-url'), sendResolved: false }]);
    expect(JSON.stringify(config)).not.toMatch(/_file|\/etc\/alertmanager/);
  });

  it('template calls (not loadable from an AlertmanagerConfig) are left out, plain values kept', () => {
    expect(JSON.stringify(config.spec)).not.toContain('{{ template');
    const critical = config.spec.receivers.find((r: any) => r.name === 'critical');
    expect(critical.pagerdutyConfigs[0].details).toEqual([
      { key: 'service', value: '{{ .CommonLabels.service }}' },
      { key: 'cluster', value: '{{ .CommonLabels.cluster }}' },
    ]);
  });

  it('matchers parse every operator; a field without a translation is an error', () => {
    expect(matcher('a!~"x|y"')).toEqual({ name: 'a', matchType: '!~', value: 'x|y' });
    expect(matcher('b!="q\\"uote"')).toEqual({ name: 'b', matchType: '!=', value: 'q"uote' });
    expect(() => matcher('c ~ d')).toThrow('matcher');
    expect(() => alertmanagerConfigSpec('route: { receiver: a, mute_time_intervals: [x] }\nreceivers: [{ name: a }]\n')).toThrow(
      'field mute_time_intervals has no AlertmanagerConfig translation',
    );
    expect(() => alertmanagerConfigSpec('route: { receiver: a }\nreceivers: [{ name: a, opsgenie_configs: [{}] }]\n')).toThrow(
      'opsgenie_configs',
    );
  });
});

describe('dashboards and labels', () => {
  it('every dashboard as a Grafana sidecar ConfigMap labelled grafana_dashboard: "1"', () => {
    const maps = ofKind('ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
    const uids = maps.map((c) => JSON.parse(Object.values(c.data as Record<string, string>)[0]).uid);
    expect(uids.length).toBeGreaterThan(5);
    expect(new Set(uids).size).toBe(uids.length);
    for (const c of maps)
      expect(Object.keys(c.data)).toEqual([`${JSON.parse(Object.values(c.data as Record<string, string>)[0]).uid}.json`]);
    // The folder, for a sidecar with folderAnnotation: grafana_folder.
    const folders = Object.fromEntries(maps.map((c) => [c.metadata.name, c.metadata.annotations.grafana_folder]));
    expect(folders['dashboard-service-red']).toBe('services');
    expect(folders['dashboard-node-detail']).toBe('infrastructure');
  });

  it("kube-prometheus-stack's default selectors: release: kube-prometheus-stack on monitors, rules and the AlertmanagerConfig", () => {
    for (const o of objects.filter(isOperatorObject)) expect((o.metadata as any).labels.release).toBe('kube-prometheus-stack');
  });

  it('the selector labels are typed props', () => {
    const custom = synthesize(
      fullSettings({
        release: 'kps',
        ruleLabels: { role: 'alert-rules' },
        dashboardLabels: { dashboards: 'yes' },
        kubeletService: 'kube-system/kubelet',
      }),
    ).manifests as unknown as KubeObject[];
    const labelsOf = (kind: string) => custom.filter((o) => o.kind === kind).map((o) => (o.metadata as any).labels);
    expect(labelsOf('ServiceMonitor')[0]).toMatchObject({ release: 'kps' });
    expect(labelsOf('PrometheusRule')[0]).toMatchObject({ role: 'alert-rules' });
    expect(labelsOf('PrometheusRule')[0].release).toBeUndefined();
    expect(labelsOf('ConfigMap').filter((l) => l.dashboards === 'yes').length).toBeGreaterThan(5);
    const kubelet = custom.find((o) => o.kind === 'ServiceMonitor' && o.metadata?.name === 'kubelet') as any;
    expect(kubelet.spec.endpoints[0].relabelings[0].regex).toBe('kubelet');
  });
});

describe('bad operator settings', () => {
  const error = (input: unknown) => {
    try {
      resolveOperator('obs', 'operator', input as never);
    } catch (e) {
      if (e instanceof SettingsError) return e.message;
      throw e;
    }
    throw new Error('accepted');
  };
  it.each([
    [{ releas: 'x' }, 'obs: unknown setting operator.releas; did you mean release?'],
    [{ release: 'bad release' }, 'obs: invalid operator.release = "bad release"'],
    [{ release: '' }, 'obs: invalid operator.release = ""; allowed: the non-empty Helm release name of kube-prometheus-stack'],
    [{ monitorLabels: {} }, 'obs: invalid operator.monitorLabels = {}; allowed: a non-empty map of Kubernetes label keys to label values'],
    [{ ruleLabels: { 'a b': 'x' } }, 'obs: invalid operator.ruleLabels key = "a b"'],
    [{ dashboardLabels: { grafana_dashboard: 1 } }, 'obs: invalid operator.dashboardLabels.grafana_dashboard = 1'],
    [{ kubeletService: 'kubelet' }, 'obs: invalid operator.kubeletService = "kubelet"; allowed: a "namespace/name" of the Service'],
    [{ kubeletService: 'kube-system/Kubelet' }, 'obs: invalid operator.kubeletService = "Kubelet"'],
    [
      { dashboardFolderAnnotation: 'grafana folder' },
      'obs: invalid operator.dashboardFolderAnnotation = "grafana folder"; allowed: an annotation key',
    ],
  ])('%j', (input, message) => {
    expect(error(input)).toContain(message);
  });
});
