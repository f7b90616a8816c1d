/**
 * Every settings error the library gives, one example each: the bad input, the field the error
 * names, the value as the message shows it and the exact message. docs/errors.md is generated from
 * this list (`npm run errors-doc`); test/errors/errors.test.ts builds each input and asserts the
 * message, and that every `fail(` call site of the sources has a case (or a reason it has none).
 * Stack settings go through `new ObservabilityStack(chart 'test', 'obs', settings)`; constructs
 * used alone are built in a chart named `test`, so messages start with `test/<id>: `.
 */
/* eslint-disable max-len -- each message is the one exact string the library prints */
import { Chart } from 'cdk8s';
import { Prometheus, PostgresExporter, Grafana, Filebeat } from '../../constructs';
import { StackSettings } from '../../constructs/stack/settings';
import { databaseFixture, fixtureSettings, GRAFANA_DATABASE } from '../support/fixtures';

const dev = () => fixtureSettings('dev');
const prod = () => fixtureSettings('prod');
const demo = () => dev().services![0];
const gdb = (change: object): StackSettings => ({ ...prod(), grafana: { database: { ...GRAFANA_DATABASE, ...change } as never } });
const svc = (change: object): StackSettings => ({ ...dev(), services: [{ ...demo(), ...change } as never] });
const alerting = (change: object): StackSettings => ({ ...dev(), alerting: { ...dev().alerting, ...change } as never });
const svcAlerting = (change: object): StackSettings => svc({ alerting: { ...demo().alerting, ...change } });
const slo = (change: object): StackSettings => svcAlerting({ slos: [{ name: 'avail', kind: 'availability', objective: 99.9, ...change }] });
const pg = (change: object): StackSettings => ({
  ...dev(),
  databases: { postgres: [{ ...databaseFixture().postgres![0], ...change } as never] },
});
const es = (change: object, base: StackSettings = dev()): StackSettings => ({ ...base, elasticsearch: change as never });
const fb = (change: unknown): StackSettings => ({ ...dev(), elasticsearch: {}, filebeat: change as never });
const multiline = (change: object): StackSettings => fb({ multiline: change });
const op = (change: object): StackSettings => ({ ...dev(), operator: change as never });
const rules = (groups: unknown): StackSettings => ({ ...dev(), ruleGroups: groups as never });
const custom = (model: object, folder?: string): StackSettings => ({
  ...dev(),
  dashboards: { custom: [{ ...(folder ? { folder } : {}), dashboard: { uid: 'mine', title: 'Mine', panels: [], ...model } as never }] },
});
const stat = (extra: object) => ({ type: 'stat', title: 'Up', ...extra });
const rw = (target: object): StackSettings =>
  ({ ...dev(), prometheus: { remoteWrite: [{ name: 'mimir', url: 'https://mimir.example.org/api/v1/push', ...target }] } }) as never;
const writeRules = (rule: object): StackSettings => rw({ writeRelabelConfigs: [rule] });
const construct = (build: (chart: Chart) => void): ConstructInput => ({ construct: build });

/** A construct built alone in a chart (any other input is a stack settings object). */
export interface ConstructInput {
  readonly construct: (chart: Chart) => void;
}

/** One settings error, by example. */
export interface ErrorCase {
  /** What the setting belongs to (the doc's sections). */
  readonly area: string;
  /** The field the error names (SettingsError.field). */
  readonly field: string;
  /** The bad value as the message shows it. */
  readonly value: string;
  /** The exact message. */
  readonly message: string;
  /** Builds the bad input: stack settings (deliberately wrong, so not typed as StackSettings), or a ConstructInput. */
  readonly input: () => unknown;
}

export const ERROR_CASES: readonly ErrorCase[] = [
  {
    area: 'Stack',
    field: 'profile',
    value: '"staging"',
    message: 'test/obs: invalid profile = "staging"; allowed: "dev" or "prod"',
    input: () => ({ ...dev(), profile: 'staging' }),
  },
  {
    area: 'Stack',
    field: 'cluster',
    value: '"prod cluster!"',
    message:
      "test/obs: invalid cluster = \"prod cluster!\"; allowed: a Kubernetes label value: at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
    input: () => ({ ...dev(), cluster: 'prod cluster!' }),
  },
  {
    area: 'Stack',
    field: 'cluster',
    value: '""',
    message: 'test/obs: invalid cluster = ""; allowed: a non-empty Kubernetes label value naming the cluster',
    input: () => ({ ...dev(), cluster: '' }),
  },
  {
    area: 'Stack',
    field: 'environment',
    value: '""',
    message: 'test/obs: invalid environment = ""; allowed: a non-empty Kubernetes label value such as "dev", "staging" or "prod"',
    input: () => ({ ...dev(), environment: '' }),
  },
  {
    area: 'Stack',
    field: 'namespace',
    value: '"monitoring."',
    message:
      'test/obs: invalid namespace = "monitoring."; allowed: a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters',
    input: () => ({ ...dev(), namespace: 'monitoring.' }),
  },
  {
    area: 'Stack',
    field: 'agentsNamespace',
    value: '"monitoring"',
    message:
      'test/obs: invalid agentsNamespace = "monitoring"; allowed: a namespace other than the stack namespace "monitoring" (host agents need a privileged namespace)',
    input: () => ({ ...dev(), agentsNamespace: 'monitoring' }),
  },
  {
    area: 'Stack',
    field: 'promethues',
    value: '{}',
    message: 'test/obs: unknown setting promethues; did you mean prometheus?',
    input: () => ({ ...dev(), promethues: {} }),
  },
  {
    area: 'Stack',
    field: 'priorityClassNames.stack',
    value: '"High_Priority"',
    message:
      'test/obs: invalid priorityClassNames.stack = "High_Priority"; allowed: a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 253 characters',
    input: () => ({ ...dev(), priorityClassNames: { stack: 'High_Priority' } }),
  },
  {
    area: 'Stack',
    field: 'settings',
    value: '"profile: dev"',
    message: 'test/obs: invalid settings = "profile: dev"; allowed: an object with at least profile, cluster and environment',
    input: () => 'profile: dev',
  },
  {
    area: 'Discovery and services',
    field: 'discovery.scope',
    value: '"everywhere"',
    message: 'test/obs: invalid discovery.scope = "everywhere"; allowed: "cluster" or "namespaces"',
    input: () => ({ ...dev(), discovery: { scope: 'everywhere' } }),
  },
  {
    area: 'Discovery and services',
    field: 'discovery.namespaces',
    value: '[]',
    message:
      'test/obs: invalid discovery.namespaces = []; allowed: at least one namespace when discovery.scope is "namespaces" (or use scope "cluster")',
    input: () => ({ ...dev(), discovery: { scope: 'namespaces', namespaces: [] } }),
  },
  {
    area: 'Discovery and services',
    field: 'discovery.namespaces',
    value: '["demo","demo"]',
    message: 'test/obs: invalid discovery.namespaces = ["demo","demo"]; allowed: a list without repeated namespaces',
    input: () => ({ ...dev(), discovery: { scope: 'namespaces', namespaces: ['demo', 'demo'] } }),
  },
  {
    area: 'Discovery and services',
    field: 'services[1].name',
    value: '"demo-api"',
    message:
      'test/obs: invalid services[1].name = "demo-api"; allowed: a service name not used by another monitored service (services[0] is also "demo-api"; names are scrape job names)',
    input: () => ({ ...dev(), services: [demo(), { ...demo(), namespace: 'other' }] }),
  },
  {
    area: 'Discovery and services',
    field: 'services[0].name',
    value: '"Demo_API"',
    message:
      'test/obs: invalid services[0].name = "Demo_API"; allowed: a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters',
    input: () => svc({ name: 'Demo_API' }),
  },
  {
    area: 'Discovery and services',
    field: 'services[0].namespace',
    value: '"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"',
    message:
      'test/obs: invalid services[0].namespace = "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"; allowed: a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters',
    input: () => svc({ namespace: 'n'.repeat(64) }),
  },
  {
    area: 'Discovery and services',
    field: 'services[0].port',
    value: '70000',
    message: 'test/obs: invalid services[0].port = 70000; allowed: a whole number from 1 to 65535',
    input: () => svc({ port: 70000 }),
  },
  {
    area: 'Discovery and services',
    field: 'services[0].path',
    value: '"metrics"',
    message: 'test/obs: invalid services[0].path = "metrics"; allowed: an HTTP path starting with "/"',
    input: () => svc({ path: 'metrics' }),
  },
  {
    area: 'Discovery and services',
    field: 'services[0].interval',
    value: '"10"',
    message:
      'test/obs: invalid services[0].interval = "10"; allowed: a positive Prometheus duration such as "30s", "5m", "15d" or "1h30m" (units y, w, d, h, m, s, ms, largest first)',
    input: () => svc({ interval: '10' }),
  },
  {
    area: 'Discovery and services',
    field: 'services[0].scheme',
    value: '"ftp"',
    message: 'test/obs: invalid services[0].scheme = "ftp"; allowed: "http" or "https"',
    input: () => svc({ scheme: 'ftp' }),
  },
  {
    area: 'Discovery and services',
    field: 'services[0].team',
    value: '"-platform"',
    message:
      "test/obs: invalid services[0].team = \"-platform\"; allowed: a Kubernetes label value: at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
    input: () => svc({ team: '-platform' }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'prometheus.retention',
    value: '"15 days"',
    message:
      'test/obs: invalid prometheus.retention = "15 days"; allowed: a positive Prometheus duration such as "30s", "5m", "15d" or "1h30m" (units y, w, d, h, m, s, ms, largest first)',
    input: () => ({ ...dev(), prometheus: { retention: '15 days' } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'prometheus.replicas',
    value: '1.5',
    message: 'test/obs: invalid prometheus.replicas = 1.5; allowed: a whole number >= 1',
    input: () => ({ ...dev(), prometheus: { replicas: 1.5 } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'prometheus.storage',
    value: '"10 gigs"',
    message:
      'test/obs: invalid prometheus.storage = "10 gigs"; allowed: a positive Kubernetes byte quantity such as "256Mi", "2Gi" or "500M"',
    input: () => ({ ...dev(), prometheus: { storage: '10 gigs' } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'prometheus.retentionSize',
    value: '"50GB"',
    message: 'test/obs: invalid prometheus.retentionSize = "50GB"; allowed: a size no larger than the volume (10Gi)',
    input: () => ({ ...dev(), prometheus: { storage: '10Gi', retentionSize: '50GB' } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'prometheus.retentionSize',
    value: '"8Gi"',
    message:
      'test/obs: invalid prometheus.retentionSize = "8Gi"; allowed: a Prometheus byte size: a positive whole number followed by B, KB, MB, GB, TB, PB or EB, e.g. "40GB"',
    input: () => ({ ...dev(), prometheus: { retentionSize: '8Gi' } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'prometheus.resources.requests.cpu',
    value: '"one"',
    message:
      'test/obs: invalid prometheus.resources.requests.cpu = "one"; allowed: a positive Kubernetes CPU quantity such as "100m", "0.5" or "2"',
    input: () => ({
      ...dev(),
      prometheus: { resources: { requests: { cpu: 'one', memory: '4Gi' }, limits: { cpu: '2', memory: '8Gi' } } },
    }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'prometheus.resources.requests.memory',
    value: '"4GB"',
    message:
      'test/obs: invalid prometheus.resources.requests.memory = "4GB"; allowed: a positive Kubernetes byte quantity such as "256Mi", "2Gi" or "500M"',
    input: () => ({ ...dev(), prometheus: { resources: { requests: { cpu: '1', memory: '4GB' }, limits: { cpu: '2', memory: '8Gi' } } } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'prometheus.externalUrl',
    value: '"prometheus.example.org"',
    message:
      'test/obs: invalid prometheus.externalUrl = "prometheus.example.org"; allowed: an absolute http(s) URL such as "https://prometheus.example.org/"',
    input: () => ({ ...dev(), prometheus: { externalUrl: 'prometheus.example.org' } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'alertmanager.replicas',
    value: '0',
    message: 'test/obs: invalid alertmanager.replicas = 0; allowed: a whole number >= 1',
    input: () => ({ ...dev(), alertmanager: { replicas: 0 } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.resources.limits.memory',
    value: '"512Mi"',
    message: 'test/obs: invalid grafana.resources.limits.memory = "512Mi"; allowed: a memory limit >= the request (1Gi)',
    input: () => ({
      ...dev(),
      grafana: { resources: { requests: { cpu: '100m', memory: '1Gi' }, limits: { cpu: '1', memory: '512Mi' } } },
    }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.resources.limits.cpu',
    value: '"500m"',
    message: 'test/obs: invalid grafana.resources.limits.cpu = "500m"; allowed: a CPU limit >= the request (2)',
    input: () => ({ ...dev(), grafana: { resources: { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '500m', memory: '1Gi' } } } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.replicas',
    value: '2',
    message:
      'test/obs: invalid grafana.replicas = 2; allowed: 1 without grafana.database (each replica would keep its own SQLite: users, sessions and annotations would differ per pod); set grafana.database (PostgreSQL) to run more',
    input: () => ({ ...prod(), grafana: { replicas: 2 } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.database.host',
    value: '"grafana-db:5432"',
    message:
      'test/obs: invalid grafana.database.host = "grafana-db:5432"; allowed: a DNS name or IPv4 address of the PostgreSQL server, without port or credentials',
    input: () => gdb({ host: 'grafana-db:5432' }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.database.port',
    value: '0',
    message: 'test/obs: invalid grafana.database.port = 0; allowed: a whole number from 1 to 65535',
    input: () => gdb({ port: 0 }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.database.name',
    value: '"grafana-prod"',
    message:
      'test/obs: invalid grafana.database.name = "grafana-prod"; allowed: a PostgreSQL name of letters, digits and "_" (not starting with a digit), at most 63',
    input: () => gdb({ name: 'grafana-prod' }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.database.user',
    value: '"grafana;drop"',
    message:
      'test/obs: invalid grafana.database.user = "grafana;drop"; allowed: a PostgreSQL name of letters, digits and "_" (not starting with a digit), at most 63',
    input: () => gdb({ user: 'grafana;drop' }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.database.passwordSecret',
    value: '"(hidden: a string here may be the password)"',
    message:
      'test/obs: invalid grafana.database.passwordSecret = "(hidden: a string here may be the password)"; allowed: the Secret holding the password: { name, key? } (never the password itself)',
    input: () => gdb({ passwordSecret: 's3cret' }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.database.passwordSecret.key',
    value: '"pass word"',
    message:
      'test/obs: invalid grafana.database.passwordSecret.key = "pass word"; allowed: a Secret key (letters, digits, "-", "_" and ".")',
    input: () => gdb({ passwordSecret: { name: 'grafana-db', key: 'pass word' } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.database.sslMode',
    value: '"prefer"',
    message: 'test/obs: invalid grafana.database.sslMode = "prefer"; allowed: "disable", "require", "verify-ca", "verify-full"',
    input: () => gdb({ sslMode: 'prefer' }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.database.cidr',
    value: '"10.0.0.0"',
    message: 'test/obs: invalid grafana.database.cidr = "10.0.0.0"; allowed: an IPv4 CIDR such as "10.20.0.0/16" or "10.20.3.4/32"',
    input: () => gdb({ cidr: '10.0.0.0' }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.ingress.host',
    value: '"Grafana_UI"',
    message:
      'test/obs: invalid grafana.ingress.host = "Grafana_UI"; allowed: a fully qualified DNS name such as "grafana.example.org" (lower case)',
    input: () => ({ ...dev(), grafana: { ingress: { host: 'Grafana_UI', tlsSecretName: 'tls' } } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'grafana.ingress.tlsSecretName',
    value: '""',
    message:
      'test/obs: invalid grafana.ingress.tlsSecretName = ""; allowed: a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 253 characters',
    input: () => ({ ...dev(), grafana: { ingress: { host: 'grafana.example.org', tlsSecretName: '' } } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'nodeExporter.replicas',
    value: '-1',
    message: 'test/obs: invalid nodeExporter.replicas = -1; allowed: a whole number >= 1',
    input: () => ({ ...dev(), nodeExporter: { replicas: -1 } }),
  },
  {
    area: 'Prometheus, Alertmanager, Grafana, exporters',
    field: 'prometheus.verifyKubeletTls',
    value: '"yes"',
    message: 'test/obs: invalid prometheus.verifyKubeletTls = "yes"; allowed: true or false',
    input: () => ({ ...dev(), prometheus: { verifyKubeletTls: 'yes' } }),
  },
  {
    area: 'Rule groups',
    field: 'ruleGroups[0].rules[0].expr (Broken)',
    value: '"sum(rate(http_requests_total[5m]) by (job)"',
    message:
      'test/obs: invalid ruleGroups[0].rules[0].expr (Broken) = "sum(rate(http_requests_total[5m]) by (job)"; allowed: a valid PromQL expression (syntax error at character 34 near "by (job)")',
    input: () => rules([{ name: 'mine', rules: [{ alert: 'Broken', expr: 'sum(rate(http_requests_total[5m]) by (job)' }] }]),
  },
  {
    area: 'Rule groups',
    field: 'ruleGroups[0].rules[1].alert',
    value: '"A"',
    message: 'test/obs: invalid ruleGroups[0].rules[1].alert = "A"; allowed: a alert name not already used in group "mine"',
    input: () =>
      rules([
        {
          name: 'mine',
          rules: [
            { alert: 'A', expr: 'up == 0' },
            { alert: 'A', expr: 'up == 0' },
          ],
        },
      ]),
  },
  {
    area: 'Rule groups',
    field: 'ruleGroups[0].rules[1].record',
    value: '"job:up:sum"',
    message: 'test/obs: invalid ruleGroups[0].rules[1].record = "job:up:sum"; allowed: a record name not already used in group "mine"',
    input: () =>
      rules([
        {
          name: 'mine',
          rules: [
            { record: 'job:up:sum', expr: 'sum by (job) (up)' },
            { record: 'job:up:sum', expr: 'sum(up)' },
          ],
        },
      ]),
  },
  {
    area: 'Rule groups',
    field: 'ruleGroups[0].rules[0].for',
    value: '"five minutes"',
    message:
      'test/obs: invalid ruleGroups[0].rules[0].for = "five minutes"; allowed: a positive Prometheus duration such as "30s", "5m", "15d" or "1h30m" (units y, w, d, h, m, s, ms, largest first)',
    input: () => rules([{ name: 'mine', rules: [{ alert: 'A', expr: 'up == 0', for: 'five minutes' }] }]),
  },
  {
    area: 'Rule groups',
    field: 'ruleGroups[0].rules',
    value: '[]',
    message: 'test/obs: invalid ruleGroups[0].rules = []; allowed: a non-empty list of rules',
    input: () => rules([{ name: 'mine', rules: [] }]),
  },
  {
    area: 'Rule groups',
    field: 'ruleGroups[0].rules[0].labels.severity',
    value: '"page"',
    message:
      'test/obs: invalid ruleGroups[0].rules[0].labels.severity = "page"; allowed: one of "critical", "warning", "info", "none" (alert MineDown)',
    input: () => rules([{ name: 'mine', rules: [{ alert: 'MineDown', expr: 'up == 0', labels: { severity: 'page' } }] }]),
  },
  {
    area: 'Rule groups',
    field: 'rule file user.yml',
    value: '"375821 bytes"',
    message:
      'test/obs/prometheus: invalid rule file user.yml = "375821 bytes"; allowed: at most 204800 bytes per rule file (move groups into another file)',
    input: () =>
      rules([
        {
          name: 'big',
          rules: Array.from({ length: 3000 }, (_, i) => ({
            record: `mine:series_${i}:sum`,
            expr: `sum by (job) (rate(http_requests_total{handler="/api/v1/items/${i}"}[5m]))`,
          })),
        },
      ]),
  },
  {
    area: 'Alerting',
    field: 'alerting.alerts',
    value: '"ServiceDwn"',
    message:
      'test/obs: invalid alerting.alerts = "ServiceDwn"; allowed: a shipped alert name (docs/alert-coverage.md); did you mean ServiceDown?',
    input: () => alerting({ alerts: { ServiceDwn: { enabled: false } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.alerts.NodeHighCpu.threshold',
    value: '"80%"',
    message:
      'test/obs: invalid alerting.alerts.NodeHighCpu.threshold = "80%"; allowed: a finite number (CPU utilisation ratio (0..1), default 0.8)',
    input: () => alerting({ alerts: { NodeHighCpu: { threshold: '80%' } } }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.alerts.ServiceDown.threshold',
    value: '2',
    message:
      'test/obs: invalid services[0].alerting.alerts.ServiceDown.threshold = 2; allowed: a number greater than 0 and at most 1 (fraction of the instances down (1 = all of them), default 1)',
    input: () => svcAlerting({ alerts: { ServiceDown: { threshold: 2 } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.alerts.KubeJobFailed.threshold',
    value: '2',
    message: 'test/obs: invalid alerting.alerts.KubeJobFailed.threshold = 2; allowed: no threshold: KubeJobFailed has none to override',
    input: () => alerting({ alerts: { KubeJobFailed: { threshold: 2 } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.alerts.NodeHighCpu.severity',
    value: '"page"',
    message: 'test/obs: invalid alerting.alerts.NodeHighCpu.severity = "page"; allowed: "critical", "warning", "info"',
    input: () => alerting({ alerts: { NodeHighCpu: { severity: 'page' } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.alerts.NodeHighCpu.for',
    value: '"10 minutes"',
    message:
      'test/obs: invalid alerting.alerts.NodeHighCpu.for = "10 minutes"; allowed: a positive Prometheus duration such as "30s", "5m", "15d" or "1h30m" (units y, w, d, h, m, s, ms, largest first)',
    input: () => alerting({ alerts: { NodeHighCpu: { for: '10 minutes' } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.alerts.NodeHighCpu.enabled',
    value: '"no"',
    message: 'test/obs: invalid alerting.alerts.NodeHighCpu.enabled = "no"; allowed: true or false',
    input: () => alerting({ alerts: { NodeHighCpu: { enabled: 'no' } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.alerts.NodeHighCpu.labels key',
    value: '"severity"',
    message:
      'test/obs: invalid alerting.alerts.NodeHighCpu.labels key = "severity"; allowed: a label other than severity and alertname (use the severity field)',
    input: () => alerting({ alerts: { NodeHighCpu: { labels: { severity: 'critical' } } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.routes[0].receiver',
    value: '"pagerduty-data"',
    message:
      'test/obs: invalid alerting.routes[0].receiver = "pagerduty-data"; allowed: a known receiver: critical, warning, info, watchdog, null',
    input: () => alerting({ routes: [{ matchers: { team: 'data' }, receiver: 'pagerduty-data' }] }),
  },
  {
    area: 'Alerting',
    field: 'alerting.inhibitions[0].source',
    value: '{"alertname":"DatabaseOnFire"}',
    message:
      'test/obs: invalid alerting.inhibitions[0].source = {"alertname":"DatabaseOnFire"}; allowed: matchers that match at least one alert this stack defines (check alertname and severity)',
    input: () =>
      alerting({ inhibitions: [{ source: { alertname: 'DatabaseOnFire' }, target: { severity: 'warning' }, equal: ['service'] }] }),
  },
  {
    area: 'Alerting',
    field: 'alerting.receivers.webhook.url',
    value: '"ftp://x"',
    message: 'test/obs: invalid alerting.receivers.webhook.url = "ftp://x"; allowed: an http(s) URL',
    input: () => alerting({ receivers: { webhook: { url: 'ftp://x' } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.receivers.email.to',
    value: '"nobody"',
    message: 'test/obs: invalid alerting.receivers.email.to = "nobody"; allowed: an e-mail address',
    input: () => alerting({ receivers: { email: { to: 'nobody', from: 'a@b.c', smarthost: 'smtp:25' } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.receivers.pagerduty.routingKeyKey',
    value: '"bad key/"',
    message:
      'test/obs: invalid alerting.receivers.pagerduty.routingKeyKey = "bad key/"; allowed: a Kubernetes Secret key: letters, digits, "-", "_", "."',
    input: () => alerting({ receivers: { pagerduty: { routingKeyKey: 'bad key/' } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.exporters.mongodb',
    value: '{}',
    message: 'test/obs: unknown setting alerting.exporters.mongodb; allowed: postgres, mysql, redis, kafka',
    input: () => alerting({ exporters: { mongodb: {} } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.ruleFiles key',
    value: '"service-demo-api.yml"',
    message:
      'test/obs: invalid alerting.ruleFiles key = "service-demo-api.yml"; allowed: a name other than the shipped files (infrastructure.yml, recordings.yml, self-monitoring.yml, user.yml, service-<name>.yml, slo-<name>.yml)',
    input: () => alerting({ ruleFiles: { 'service-demo-api.yml': 'groups: []' } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.ruleFiles key',
    value: '"mine.yaml"',
    message:
      'test/obs: invalid alerting.ruleFiles key = "mine.yaml"; allowed: a file name of lower-case letters, digits, "-", "_", "." ending in ".yml"',
    input: () => alerting({ ruleFiles: { 'mine.yaml': 'groups: []' } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.ruleFiles["mine.yml"]',
    value: '"rules: []"',
    message:
      'test/obs: invalid alerting.ruleFiles["mine.yml"] = "rules: []"; allowed: a Prometheus rule file: a YAML map with a "groups" list',
    input: () => alerting({ ruleFiles: { 'mine.yml': 'rules: []' } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.runbookBaseUrl',
    value: '"docs/runbooks"',
    message:
      'test/obs: invalid alerting.runbookBaseUrl = "docs/runbooks"; allowed: an absolute http(s) URL in the prod profile (where the runbook pages are published, e.g. "https://github.com/acme/observability/blob/main/docs/runbooks"), so every notification links a page',
    input: () => ({ ...prod(), alerting: { ...prod().alerting, runbookBaseUrl: 'docs/runbooks' } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.watchdog.heartbeat',
    value: 'undefined',
    message:
      "test/obs: invalid alerting.watchdog.heartbeat = undefined; allowed: a dead-man's-switch receiver in the prod profile: { urlKey: '<Secret key>' } (URL read from the alertmanager-receivers Secret) or { url: '<plain URL>' }, or alerting.watchdog.optOut: { reason: '...' }",
    input: () => ({ ...prod(), alerting: { ...prod().alerting, watchdog: undefined } }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.requestsMetric',
    value: '"http-requests"',
    message:
      'test/obs: invalid services[0].alerting.requestsMetric = "http-requests"; allowed: a Prometheus metric name matching [a-zA-Z_:][a-zA-Z0-9_:]*',
    input: () => svcAlerting({ requestsMetric: 'http-requests' }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.alerts',
    value: '"NodeHighCpu"',
    message:
      'test/obs: invalid services[0].alerting.alerts = "NodeHighCpu"; allowed: a shipped alert name: SLOErrorBudgetBurnFast, SLOErrorBudgetBurnSlow, SLOErrorBudgetExhausted, ServiceConnectionPoolSaturated, ServiceDataStale, ServiceDown, ServiceHealthCheckFailing, ServiceHighErrorRate, ServiceHighLatency, ServiceInstanceDown, ServiceProbeFailed, ServiceSlowQueries, ServiceTargetMissing, ServiceTrafficDrop',
    input: () => svcAlerting({ alerts: { NodeHighCpu: { threshold: 0.9 } } }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.slos[0].objective',
    value: '100',
    message: 'test/obs: invalid services[0].alerting.slos[0].objective = 100; allowed: a percentage strictly between 0 and 100, e.g. 99.9',
    input: () => slo({ objective: 100 }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.slos[0].window',
    value: '"2d"',
    message:
      'test/obs: invalid services[0].alerting.slos[0].window = "2d"; allowed: a window of at least 3d, the longest burn-rate window (default 30d)',
    input: () => slo({ window: '2d' }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.slos[0].latencyThreshold',
    value: 'undefined',
    message:
      'test/obs: invalid services[0].alerting.slos[0].latencyThreshold = undefined; allowed: a positive number of seconds equal to a histogram bucket boundary (le), e.g. 0.3',
    input: () => slo({ kind: 'latency' }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.slos[0].kind',
    value: '"throughput"',
    message: 'test/obs: invalid services[0].alerting.slos[0].kind = "throughput"; allowed: "availability" or "latency"',
    input: () => slo({ kind: 'throughput' }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.slos[0].latencyThreshold',
    value: '0.5',
    message:
      'test/obs: invalid services[0].alerting.slos[0].latencyThreshold = 0.5; allowed: nothing: only latency SLOs take a latencyThreshold',
    input: () => slo({ latencyThreshold: 0.5 }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.slos[1].name',
    value: '"a"',
    message: 'test/obs: invalid services[0].alerting.slos[1].name = "a"; allowed: an SLO name not used by another SLO of the same service',
    input: () =>
      svcAlerting({
        slos: [
          { name: 'a', kind: 'availability', objective: 99 },
          { name: 'a', kind: 'availability', objective: 99.9 },
        ],
      }),
  },
  {
    area: 'Alerting',
    field: 'alerting.alerts.NodeHighCpu.labels.team',
    value: '7',
    message: 'test/obs: invalid alerting.alerts.NodeHighCpu.labels.team = 7; allowed: a string',
    input: () => alerting({ alerts: { NodeHighCpu: { labels: { team: 7 } } } }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.errorCodes',
    value: '"5("',
    message: 'test/obs: invalid services[0].alerting.errorCodes = "5("; allowed: a valid regular expression, e.g. "5.."',
    input: () => svcAlerting({ errorCodes: '5(' }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.fastDetection',
    value: '"yes"',
    message: 'test/obs: invalid services[0].alerting.fastDetection = "yes"; allowed: true or false',
    input: () => svcAlerting({ fastDetection: 'yes' }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.fastDetection',
    value: 'true',
    message:
      'test/obs: invalid services[0].alerting.fastDetection = true; allowed: false when the service sets its own interval ("30s"): fast detection scrapes every 5s',
    input: () => svc({ interval: '30s', alerting: { ...demo().alerting, fastDetection: true } }),
  },
  {
    area: 'Alerting',
    field: 'services[0].alerting.probe.instance',
    value: '"demo-api"',
    message:
      'test/obs: invalid services[0].alerting.probe.instance = "demo-api"; allowed: an http(s) URL such as "http://api.shop.svc:8080/healthz", or host:port for a TCP connect probe',
    input: () => svcAlerting({ probe: { instance: 'demo-api' } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.receivers.email.smarthost',
    value: '"smtp.example.org"',
    message:
      'test/obs: invalid alerting.receivers.email.smarthost = "smtp.example.org"; allowed: host:port of the SMTP server, e.g. "smtp.example.org:587"',
    input: () => alerting({ receivers: { email: { to: 'oncall@example.org', from: 'am@example.org', smarthost: 'smtp.example.org' } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.receivers.webhook.severities[0]',
    value: '"page"',
    message: 'test/obs: invalid alerting.receivers.webhook.severities[0] = "page"; allowed: "critical", "warning", "info"',
    input: () => alerting({ receivers: { webhook: { url: 'https://hooks.example.org/x', severities: ['page'] } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.routes[0].matchers',
    value: '{}',
    message: 'test/obs: invalid alerting.routes[0].matchers = {}; allowed: at least one label matcher',
    input: () => alerting({ routes: [{ matchers: {}, receiver: 'critical' }] }),
  },
  {
    area: 'Alerting',
    field: 'alerting.watchdog.heartbeat.urlKey',
    value: '"heartbeat url"',
    message:
      'test/obs: invalid alerting.watchdog.heartbeat.urlKey = "heartbeat url"; allowed: a Kubernetes Secret key: letters, digits, "-", "_", "."',
    input: () => alerting({ watchdog: { heartbeat: { urlKey: 'heartbeat url' } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.watchdog.heartbeatUrl',
    value: '"https://hc.example.org/ping"',
    message:
      'test/obs: invalid alerting.watchdog.heartbeatUrl = "https://hc.example.org/ping"; allowed: unset when alerting.watchdog.heartbeat is set (one heartbeat)',
    input: () => alerting({ watchdog: { heartbeat: { urlKey: 'heartbeat' }, heartbeatUrl: 'https://hc.example.org/ping' } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.watchdog.optOut',
    value: '{"reason":"test cluster"}',
    message:
      'test/obs: invalid alerting.watchdog.optOut = {"reason":"test cluster"}; allowed: unset when a heartbeat is configured (opt out or configure one, not both)',
    input: () => alerting({ watchdog: { heartbeatUrl: 'https://hc.example.org/ping', optOut: { reason: 'test cluster' } } }),
  },
  {
    area: 'Alerting',
    field: 'alerting.receivers',
    value: '["webhook"]',
    message:
      'test/obs: invalid alerting.receivers = ["webhook"]; allowed: at least one integration that pages for critical alerts in the prod profile: pagerduty, slack with a criticalChannel other than its channel, email, or a webhook whose severities include "critical"',
    input: () => ({
      ...prod(),
      alerting: { ...prod().alerting, receivers: { webhook: { url: 'https://hooks.example.org/x', severities: ['warning', 'info'] } } },
    }),
  },
  {
    area: 'Alerting',
    field: 'alerting.exporters.postgres.matchers.env',
    value: '1',
    message: 'test/obs: invalid alerting.exporters.postgres.matchers.env = 1; allowed: a label value (string)',
    input: () => alerting({ exporters: { postgres: { matchers: { env: 1 } } } }),
  },
  {
    area: 'Databases',
    field: 'databases.postgres[0].name',
    value: '"Orders"',
    message:
      'test/obs: invalid databases.postgres[0].name = "Orders"; allowed: a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 45 characters',
    input: () => pg({ name: 'Orders' }),
  },
  {
    area: 'Databases',
    field: 'databases.postgres[0].password',
    value: '"(value hidden)"',
    message:
      'test/obs: invalid databases.postgres[0].password = "(value hidden)"; allowed: no literal credential in settings: reference a key of an existing Secret with passwordSecret: { name, key }',
    input: () => pg({ password: 'hunter2' }),
  },
  {
    area: 'Databases',
    field: 'databases.postgres[0].passwordSecret',
    value: '"(a string, hidden)"',
    message:
      'test/obs: invalid databases.postgres[0].passwordSecret = "(a string, hidden)"; allowed: a reference to an existing Secret: { name: "<secret name>", key: "<key in it>" }, not the value itself',
    input: () => pg({ passwordSecret: 'hunter2' }),
  },
  {
    area: 'Databases',
    field: 'databases.postgres[0].passwordSecret.name',
    value: '"Bad_Name"',
    message:
      'test/obs: invalid databases.postgres[0].passwordSecret.name = "Bad_Name"; allowed: a Secret name (DNS-1123 subdomain: lower-case letters, digits, "-" and ".")',
    input: () => pg({ passwordSecret: { name: 'Bad_Name', key: 'password' } }),
  },
  {
    area: 'Databases',
    field: 'databases.postgres[0].passwordSecret.key',
    value: '"pass word"',
    message:
      'test/obs: invalid databases.postgres[0].passwordSecret.key = "pass word"; allowed: a Secret key of letters, digits, "-", "_" and "."',
    input: () => pg({ passwordSecret: { name: 'orders-db', key: 'pass word' } }),
  },
  {
    area: 'Databases',
    field: 'databases.postgres[0].thresholds.connections',
    value: '1.5',
    message:
      'test/obs: invalid databases.postgres[0].thresholds.connections = 1.5; allowed: a ratio greater than 0 and at most 1 (threshold of PostgresConnectionsNearLimit)',
    input: () => pg({ thresholds: { connections: 1.5 } }),
  },
  {
    area: 'Databases',
    field: 'databases.postgres[0].cidr',
    value: '"10.0.0.0/8"',
    message:
      'test/obs: invalid databases.postgres[0].cidr = "10.0.0.0/8"; allowed: unset when databases.postgres[0].pods selects the database pods (one or the other)',
    input: () => pg({ cidr: '10.0.0.0/8', pods: { namespace: 'data', labels: { app: 'orders' } } }),
  },
  {
    area: 'Databases',
    field: 'databases.postgres[0].pods.labels',
    value: '{}',
    message:
      'test/obs: invalid databases.postgres[0].pods.labels = {}; allowed: at least one label of the database pods, e.g. { "app.kubernetes.io/name": "orders-db" }',
    input: () => pg({ pods: { namespace: 'data', labels: {} } }),
  },
  {
    area: 'Databases',
    field: 'databases.postgres[1].name',
    value: '"orders"',
    message:
      'test/obs: invalid databases.postgres[1].name = "orders"; allowed: a name not used by another postgres instance (databases.postgres[0] is also "orders"; the exporter is named postgres-exporter-orders)',
    input: () => ({ ...dev(), databases: { postgres: [databaseFixture().postgres![0], databaseFixture().postgres![0]] } }),
  },
  {
    area: 'Databases',
    field: 'databases.postgres',
    value: '{"name":"orders"}',
    message: 'test/obs: invalid databases.postgres = {"name":"orders"}; allowed: a list of PostgreSQL instances, each with at least a name',
    input: () => ({ ...dev(), databases: { postgres: { name: 'orders' } } }),
  },
  {
    area: 'Databases',
    field: 'databases.kafka[0].brokers',
    value: '[]',
    message: 'test/obs: invalid databases.kafka[0].brokers = []; allowed: a non-empty list of broker "host:port" addresses',
    input: () => ({ ...dev(), databases: { kafka: [{ ...databaseFixture().kafka![0], brokers: [] }] } }),
  },
  {
    area: 'Databases',
    field: 'databases.kafka[0].brokers[1]',
    value: '"kafka-0.kafka.data.svc:9092"',
    message: 'test/obs: invalid databases.kafka[0].brokers[1] = "kafka-0.kafka.data.svc:9092"; allowed: a broker address not listed twice',
    input: () => ({
      ...dev(),
      databases: { kafka: [{ ...databaseFixture().kafka![0], brokers: ['kafka-0.kafka.data.svc:9092', 'kafka-0.kafka.data.svc:9092'] }] },
    }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.replicas',
    value: '2',
    message:
      'test/obs: invalid elasticsearch.replicas = 2; allowed: 1, or 3 or more: a cluster of two master-eligible nodes cannot lose either of them',
    input: () => es({ replicas: 2 }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.heap',
    value: '"2GB"',
    message: 'test/obs: invalid elasticsearch.heap = "2GB"; allowed: a JVM size in whole megabytes or gigabytes such as "512m" or "2g"',
    input: () => es({ heap: '2GB' }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.heap',
    value: '"64g"',
    message: 'test/obs: invalid elasticsearch.heap = "64g"; allowed: at most 31g (above that the JVM loses compressed object pointers)',
    input: () => es({ heap: '64g' }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.maxMapCount',
    value: '"sysctl"',
    message: 'test/obs: invalid elasticsearch.maxMapCount = "sysctl"; allowed: "initContainer", "nodeTuned", "noMmap"',
    input: () => es({ maxMapCount: 'sysctl' }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.tls.certManagerIssuer.kind',
    value: '"Vault"',
    message: 'test/obs: invalid elasticsearch.tls.certManagerIssuer.kind = "Vault"; allowed: "Issuer" or "ClusterIssuer"',
    input: () => es({ tls: { certManagerIssuer: { name: 'ca', kind: 'Vault' } } }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.logStreams',
    value: '[]',
    message: 'test/obs: invalid elasticsearch.logStreams = []; allowed: a non-empty list of { name, retention? }',
    input: () => es({ logStreams: [] }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.logStreams[0].name',
    value: '"App-Logs"',
    message:
      'test/obs: invalid elasticsearch.logStreams[0].name = "App-Logs"; allowed: a dataset name: lower-case letters, digits and "_" (no "-": it separates the data stream parts)',
    input: () => es({ logStreams: [{ name: 'App-Logs' }] }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.logStreams[1].name',
    value: '"app"',
    message: 'test/obs: invalid elasticsearch.logStreams[1].name = "app"; allowed: a name no other log stream has',
    input: () => es({ logStreams: [{ name: 'app' }, { name: 'app' }] }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.rolloverAge',
    value: '"1w"',
    message:
      'test/obs: invalid elasticsearch.rolloverAge = "1w"; allowed: a rollover age: a whole number of days or hours such as "90d" or "36h"',
    input: () => es({ rolloverAge: '1w' }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.clients[0].name',
    value: '"elastic"',
    message:
      'test/obs: invalid elasticsearch.clients[0].name = "elastic"; allowed: a name other than elastic, kibana_system, kibana, logstash_system, beats_system, apm_system, exporter',
    input: () => es({ clients: [{ name: 'elastic', access: 'write' }] }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.clients[0].access',
    value: '"admin"',
    message: 'test/obs: invalid elasticsearch.clients[0].access = "admin"; allowed: "write" or "read"',
    input: () => es({ clients: [{ name: 'shipper', access: 'admin' }] }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.clients[0].indices',
    value: '[]',
    message:
      'test/obs: invalid elasticsearch.clients[0].indices = []; allowed: a non-empty list of index patterns such as "logs-generic-*"',
    input: () => es({ clients: [{ name: 'shipper', access: 'write', indices: [] }] }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.bootstrap',
    value: 'true',
    message:
      'test/obs: invalid elasticsearch.bootstrap = true; allowed: false with one node: a single node runs with discovery.type single-node, which Elasticsearch refuses to combine with cluster.initial_master_nodes',
    input: () => es({ bootstrap: true }),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.storage',
    value: '"1Gi"',
    message: 'test/obs: invalid elasticsearch.storage = "1Gi"; allowed: at least 30Gi per node in prod',
    input: () => es({ storage: '1Gi' }, prod()),
  },
  {
    area: 'Elasticsearch',
    field: 'elasticsearch.tls.transport',
    value: 'false',
    message:
      'test/obs: invalid elasticsearch.tls.transport = false; allowed: true with more than one node (3): nodes authenticate each other by TLS',
    input: () =>
      es({
        replicas: 3,
        tls: { transport: false },
        resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '2', memory: '4Gi' } },
      }),
  },
  {
    area: 'Logstash',
    field: 'logstash.queueMaxBytes',
    value: '"2Gi"',
    message:
      'test/obs: invalid logstash.queueMaxBytes = "2Gi"; allowed: a queue that fits the volume (logstash.storage = 2Gi) with the dead-letter queue (256Mi) and 5% headroom: lower it, or raise logstash.storage',
    input: () => ({ ...dev(), elasticsearch: {}, logstash: { queueMaxBytes: '2Gi' } }),
  },
  {
    area: 'Logstash',
    field: 'logstash.scrubRules[0].pattern',
    value: '"token=(\\\\w+"',
    message:
      'test/obs: invalid logstash.scrubRules[0].pattern = "token=(\\\\w+"; allowed: a regular expression that compiles (Invalid regular expression: /token=(\\w+/gm: Unterminated group)',
    input: () => ({ ...dev(), elasticsearch: {}, logstash: { scrubRules: [{ name: 'token', pattern: 'token=(\\w+' }] } }),
  },
  {
    area: 'Logstash',
    field: 'logstash.scrubRules[0].pattern',
    value: '"(?<=key=)\\\\w+"',
    message:
      'test/obs: invalid logstash.scrubRules[0].pattern = "(?<=key=)\\\\w+"; allowed: a regular expression in the Ruby/JavaScript common subset, without lookbehind (docs/logstash.md, "The regex subset")',
    input: () => ({ ...dev(), elasticsearch: {}, logstash: { scrubRules: [{ name: 'key', pattern: '(?<=key=)\\w+' }] } }),
  },
  {
    area: 'Logstash',
    field: 'logstash.fieldMappings[0].to',
    value: '"tenant.id"',
    message:
      'test/obs: invalid logstash.fieldMappings[0].to = "tenant.id"; allowed: an ECS field the pipeline knows (http.response.status_code, http.response.body.bytes, http.request.body.bytes, http.request.method, http.request.id, http.request.referrer, url.path, url.original, url.query, event.duration, event.action, event.dataset, user.id, user.name, trace.id, span.id, transaction.id, log.level, log.logger, error.type, error.message, error.stack_trace, service.name, service.version, service.environment, client.ip, source.ip, user_agent.original, host.name), or labels.<name> (text) / business.<name> (number)',
    input: () => ({ ...dev(), elasticsearch: {}, logstash: { fieldMappings: [{ from: 'tenant', to: 'tenant.id' }] } }),
  },
  {
    area: 'Logstash',
    field: 'logstash',
    value: '{}',
    message: 'test/obs: invalid logstash = {}; allowed: unset or false without the logs store: Logstash comes with settings.elasticsearch',
    input: () => ({ ...dev(), logstash: {} }),
  },
  {
    area: 'Operator mode',
    field: 'operator.release',
    value: '"bad release"',
    message:
      "test/obs: invalid operator.release = \"bad release\"; allowed: a Kubernetes label value: at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
    input: () => op({ release: 'bad release' }),
  },
  {
    area: 'Operator mode',
    field: 'operator.monitorLabels',
    value: '{}',
    message: 'test/obs: invalid operator.monitorLabels = {}; allowed: a non-empty map of Kubernetes label keys to label values',
    input: () => op({ monitorLabels: {} }),
  },
  {
    area: 'Operator mode',
    field: 'operator.kubeletService',
    value: '"kubelet"',
    message:
      'test/obs: invalid operator.kubeletService = "kubelet"; allowed: a "namespace/name" of the Service, e.g. "kube-system/kube-prometheus-stack-kubelet"',
    input: () => op({ kubeletService: 'kubelet' }),
  },
  {
    area: 'Operator mode',
    field: 'operator.release',
    value: '""',
    message: 'test/obs: invalid operator.release = ""; allowed: the non-empty Helm release name of kube-prometheus-stack',
    input: () => op({ release: '' }),
  },
  {
    area: 'Operator mode',
    field: 'operator.ruleLabels key',
    value: '"team name"',
    message:
      'test/obs: invalid operator.ruleLabels key = "team name"; allowed: a Kubernetes label key such as "release" or "example.org/team"',
    input: () => op({ ruleLabels: { 'team name': 'platform' } }),
  },
  {
    area: 'Operator mode',
    field: 'operator.dashboardLabels.grafana_dashboard',
    value: '1',
    message:
      "test/obs: invalid operator.dashboardLabels.grafana_dashboard = 1; allowed: a Kubernetes label value: at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
    input: () => op({ dashboardLabels: { grafana_dashboard: 1 } }),
  },
  {
    area: 'Operator mode',
    field: 'operator.dashboardFolderAnnotation',
    value: '"grafana folder"',
    message: 'test/obs: invalid operator.dashboardFolderAnnotation = "grafana folder"; allowed: an annotation key such as "grafana_folder"',
    input: () => op({ dashboardFolderAnnotation: 'grafana folder' }),
  },
  {
    area: 'Operator mode',
    field: 'operator.kubeletService',
    value: '"Kubelet"',
    message:
      'test/obs: invalid operator.kubeletService = "Kubelet"; allowed: a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters',
    input: () => op({ kubeletService: 'kube-system/Kubelet' }),
  },
  {
    area: 'Operator mode',
    field: 'ConfigMap dashboard-mine',
    value: '"307586 bytes"',
    message: 'test/obs/operator: invalid ConfigMap dashboard-mine = "307586 bytes"; allowed: at most 262144 bytes',
    input: () => ({ ...custom({ description: 'x'.repeat(300 * 1024) }), operator: {} }),
  },
  {
    area: 'Dashboards',
    field: 'dashboards.shipped.nodes',
    value: '"yes"',
    message:
      'test/obs: unknown setting dashboards.shipped.nodes; allowed: service, slo, alerts, systemHealth, nodeDetail, computeResources, stack, datastores, caches, queues, elasticsearch, logsAudit, loggingPipeline, tracing',
    input: () => ({ ...dev(), dashboards: { shipped: { nodes: 'yes' } } }),
  },
  {
    area: 'Dashboards',
    field: 'custom[0].dashboard',
    value: '"my dashboard"',
    message:
      'dashboards: invalid custom[0].dashboard = "my dashboard"; allowed: a DashboardBuilder from @grafana/grafana-foundation-sdk/dashboard or the dashboard model it builds',
    input: () => ({ ...dev(), dashboards: { custom: [{ dashboard: 'my dashboard' }] } }),
  },
  {
    area: 'Dashboards',
    field: 'uid',
    value: '"my dashboard!"',
    message:
      'dashboards["my dashboard!"]: invalid uid = "my dashboard!"; allowed: 1 to 40 letters, digits, "-" or "_" (Grafana\'s limit; the UID is also the file name)',
    input: () => custom({ uid: 'my dashboard!' }),
  },
  {
    area: 'Dashboards',
    field: 'folder',
    value: '"My Folder"',
    message:
      'dashboards["mine"]: invalid folder = "My Folder"; allowed: a directory name of lower-case letters, digits and "-" (at most 63 characters)',
    input: () => custom({}, 'My Folder'),
  },
  {
    area: 'Dashboards',
    field: 'panels[1] "Down".id',
    value: '1',
    message: 'dashboards["mine"]: invalid panels[1] "Down".id = 1; allowed: an id not already used by panel "Up"',
    input: () => custom({ panels: [stat({ id: 1 }), stat({ id: 1, title: 'Down' })] }),
  },
  {
    area: 'Dashboards',
    field: 'panels[0] "Up".gridPos',
    value: '{"x":20,"y":0,"w":8,"h":4}',
    message:
      'dashboards["mine"]: invalid panels[0] "Up".gridPos = {"x":20,"y":0,"w":8,"h":4}; allowed: a position inside the 24-column grid (x >= 0, w >= 1, x + w <= 24, y >= 0, h >= 1)',
    input: () => custom({ panels: [stat({ gridPos: { x: 20, y: 0, w: 8, h: 4 } })] }),
  },
  {
    area: 'Dashboards',
    field: 'panels[0] "Up".datasource.uid',
    value: '"influx"',
    message:
      'dashboards["mine"]: invalid panels[0] "Up".datasource.uid = "influx"; allowed: a provisioned datasource UID ("prometheus", "alertmanager")',
    input: () => custom({ panels: [stat({ datasource: { type: 'influxdb', uid: 'influx' } })] }),
  },
  {
    area: 'Dashboards',
    field: 'panels[0] "Up".targets[A].expr',
    value: '"rate(up[5m]"',
    message:
      'dashboards["mine"]: invalid panels[0] "Up".targets[A].expr = "rate(up[5m]"; allowed: a PromQL expression that parses once Grafana variables are substituted (syntax error at character 11)',
    input: () => custom({ panels: [stat({ targets: [{ refId: 'A', expr: 'rate(up[5m]' }] })] }),
  },
  {
    area: 'Dashboards',
    field: 'uid',
    value: '"service-red"',
    message:
      'dashboards["service-red"]: invalid uid = "service-red"; allowed: a UID not already used by dashboard "Service overview (RED)" (UIDs are unique per Grafana instance, compared case-insensitively)',
    input: () => custom({ uid: 'service-red' }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat',
    value: '{}',
    message: 'test/obs: invalid filebeat = {}; allowed: unset or false without the logs store: Filebeat comes with settings.elasticsearch',
    input: () => ({ ...dev(), filebeat: {} }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat',
    value: '"on"',
    message: 'test/obs: invalid filebeat = "on"; allowed: false, or an object of Filebeat settings',
    input: () => fb('on'),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.output',
    value: '"kafka"',
    message: 'test/obs: invalid filebeat.output = "kafka"; allowed: "logstash" or "elasticsearch"',
    input: () => fb({ output: 'kafka' }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.multiline',
    value: '"java"',
    message:
      'test/obs: invalid filebeat.multiline = "java"; allowed: false, or an object { languages?, continuationPatterns?, maxLines?, timeout? }',
    input: () => fb({ multiline: 'java' }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.multiline.languages',
    value: '"java"',
    message: 'test/obs: invalid filebeat.multiline.languages = "java"; allowed: a list of "java", "node", "python"',
    input: () => multiline({ languages: 'java' }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.multiline.languages[0]',
    value: '"go"',
    message: 'test/obs: invalid filebeat.multiline.languages[0] = "go"; allowed: "java", "node", "python"',
    input: () => multiline({ languages: ['go'] }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.multiline.languages',
    value: '[]',
    message:
      'test/obs: invalid filebeat.multiline.languages = []; allowed: at least one language or continuation pattern (or multiline: false to join nothing)',
    input: () => multiline({ languages: [] }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.multiline.continuationPatterns',
    value: '"^ +at "',
    message: 'test/obs: invalid filebeat.multiline.continuationPatterns = "^ +at "; allowed: a list of regular expressions',
    input: () => multiline({ continuationPatterns: '^ +at ' }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.multiline.continuationPatterns[0]',
    value: '""',
    message: 'test/obs: invalid filebeat.multiline.continuationPatterns[0] = ""; allowed: a non-empty regular expression',
    input: () => multiline({ continuationPatterns: [''] }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.multiline.continuationPatterns[0]',
    value: '"^[ \\\\t]+(at "',
    message:
      'test/obs: invalid filebeat.multiline.continuationPatterns[0] = "^[ \\\\t]+(at "; allowed: a regular expression that compiles (Invalid regular expression: /^[ \\t]+(at /: Unterminated group)',
    input: () => multiline({ continuationPatterns: ['^[ \\t]+(at '] }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.multiline.continuationPatterns[0]',
    value: '"^[ \\\\t]+at (?!java)"',
    message:
      'test/obs: invalid filebeat.multiline.continuationPatterns[0] = "^[ \\\\t]+at (?!java)"; allowed: a pattern in the Go/JavaScript common subset, without lookaround (Go has none)',
    input: () => multiline({ continuationPatterns: ['^[ \\t]+at (?!java)'] }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.multiline.continuationPatterns[0]',
    value: '".*"',
    message:
      'test/obs: invalid filebeat.multiline.continuationPatterns[0] = ".*"; allowed: a pattern matching continuation lines only; it matches the empty line, so it would join every line into the event before it (anchor it, e.g. "^[ \\t]+at ")',
    input: () => multiline({ continuationPatterns: ['.*'] }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.multiline.maxLines',
    value: '1',
    message: 'test/obs: invalid filebeat.multiline.maxLines = 1; allowed: a whole number from 2 to 10000',
    input: () => multiline({ maxLines: 1 }),
  },
  {
    area: 'Filebeat',
    field: 'filebeat.multiline.timeout',
    value: '"1h"',
    message:
      'test/obs: invalid filebeat.multiline.timeout = "1h"; allowed: a duration in whole milliseconds, seconds or minutes such as "5s" (Go syntax)',
    input: () => multiline({ timeout: '1h' }),
  },
  {
    area: 'Constructs used alone',
    field: 'props.logstash',
    value: '"yes"',
    message: 'test/filebeat: invalid props.logstash = "yes"; allowed: true or false',
    input: () => construct((chart) => new Filebeat(chart, 'filebeat', { logstash: 'yes' } as never)),
  },
  {
    area: 'Constructs used alone',
    field: 'props.profile',
    value: '"qa"',
    message: 'test/prometheus: invalid props.profile = "qa"; allowed: "dev" or "prod"',
    input: () => construct((chart) => new Prometheus(chart, 'prometheus', { profile: 'qa' } as never)),
  },
  {
    area: 'Constructs used alone',
    field: 'props.scrapeFileJobs',
    value: '"Orders_API"',
    message:
      'test/prometheus: invalid props.scrapeFileJobs = "Orders_API"; allowed: job names of lowercase letters, digits, "-" and "." (each names its file)',
    input: () =>
      construct(
        (chart) =>
          new Prometheus(chart, 'prometheus', {
            scrapeJobs: [{ job_name: 'Orders_API', static_configs: [{ targets: ['orders:8080'] }] }],
            scrapeFileJobs: ['Orders_API'],
          }),
      ),
  },
  {
    area: 'Constructs used alone',
    field: 'props.networkPolicy',
    value: '"yes"',
    message: 'test/grafana: invalid props.networkPolicy = "yes"; allowed: true or false',
    input: () => construct((chart) => new Grafana(chart, 'grafana', { networkPolicy: 'yes' } as never)),
  },
  {
    area: 'Constructs used alone',
    field: 'props.address',
    value: '"orders-db"',
    message:
      'test/pg: invalid props.address = "orders-db"; allowed: host:port with an IPv4 address or DNS name and a port from 1 to 65535, e.g. "orders-db.data.svc:5432", without credentials',
    input: () =>
      construct((chart) => new PostgresExporter(chart, 'pg', { ...databaseFixture().postgres![0], address: 'orders-db' } as never)),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite',
    value: '{"url":"https://x"}',
    message:
      'test/obs: invalid prometheus.remoteWrite = {"url":"https://x"}; allowed: a list of remote-write targets { name, url, auth?, headers?, queue?, writeRelabelConfigs? }',
    input: () => ({ ...dev(), prometheus: { remoteWrite: { url: 'https://x' } } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].url',
    value: '"mimir:9009/api/v1/push"',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].url = "mimir:9009/api/v1/push"; allowed: an absolute http(s) URL such as "https://prometheus.example.org/"',
    input: () => rw({ url: 'mimir:9009/api/v1/push' }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].name',
    value: '"Mimir"',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].name = "Mimir"; allowed: a DNS-1123 label: lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 49 characters',
    input: () => rw({ name: 'Mimir' }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[1].name',
    value: '"a"',
    message: 'test/obs: invalid prometheus.remoteWrite[1].name = "a"; allowed: a name no other remote-write target has',
    input: () => ({
      ...dev(),
      prometheus: {
        remoteWrite: [
          { name: 'a', url: 'https://a.example.org/push' },
          { name: 'a', url: 'https://b.example.org/push' },
        ],
      },
    }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].password',
    value: '"hunter2"',
    message: 'test/obs: unknown setting prometheus.remoteWrite[0].password; allowed: name, url, auth, headers, queue, writeRelabelConfigs',
    input: () => rw({ password: 'hunter2' }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].auth.kind',
    value: '"oauth2"',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].auth.kind = "oauth2"; allowed: "basic" (username + passwordSecret) or "bearer" (tokenSecret)',
    input: () => rw({ auth: { kind: 'oauth2' } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].auth.username',
    value: '"a:b"',
    message: 'test/obs: invalid prometheus.remoteWrite[0].auth.username = "a:b"; allowed: a non-empty username without spaces or ":"',
    input: () => rw({ auth: { kind: 'basic', username: 'a:b', passwordSecret: { name: 'mimir', key: 'password' } } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].auth.tokenSecret',
    value: '"(a string, hidden)"',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].auth.tokenSecret = "(a string, hidden)"; allowed: a reference to an existing Secret: { name: "<secret name>", key: "<key in it>" }, not the value itself',
    input: () => rw({ auth: { kind: 'bearer', tokenSecret: 'eyJhbGciOi' } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].headers',
    value: '"Authorization"',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].headers = "Authorization"; allowed: an HTTP header name Prometheus lets you set (credentials go through auth)',
    input: () => rw({ headers: { Authorization: 'Bearer x' } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].queue.maxShards',
    value: '0',
    message: 'test/obs: invalid prometheus.remoteWrite[0].queue.maxShards = 0; allowed: a whole number >= 1',
    input: () => rw({ queue: { maxShards: 0 } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].queue.minShards',
    value: '8',
    message: 'test/obs: invalid prometheus.remoteWrite[0].queue.minShards = 8; allowed: at most maxShards (4)',
    input: () => rw({ queue: { minShards: 8, maxShards: 4 } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].queue.batchSendDeadline',
    value: '"5 seconds"',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].queue.batchSendDeadline = "5 seconds"; allowed: a positive Prometheus duration such as "30s", "5m", "15d" or "1h30m" (units y, w, d, h, m, s, ms, largest first)',
    input: () => rw({ queue: { batchSendDeadline: '5 seconds' } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].writeRelabelConfigs[0].action',
    value: '"hashmod"',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].writeRelabelConfigs[0].action = "hashmod"; allowed: "drop", "keep", "labeldrop", "labelkeep", "replace"',
    input: () => writeRules({ action: 'hashmod', sourceLabels: ['__name__'] }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].writeRelabelConfigs[0].regex',
    value: '"(?!up).*"',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].writeRelabelConfigs[0].regex = "(?!up).*"; allowed: an RE2 regular expression (no lookahead, lookbehind or backreferences), e.g. "apiserver_request_duration_seconds_bucket"',
    input: () => writeRules({ action: 'drop', sourceLabels: ['__name__'], regex: '(?!up).*' }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].writeRelabelConfigs[0].regex',
    value: '"apiserver_("',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].writeRelabelConfigs[0].regex = "apiserver_("; allowed: an RE2 regular expression (no lookahead, lookbehind or backreferences), e.g. "apiserver_request_duration_seconds_bucket"',
    input: () => writeRules({ action: 'drop', sourceLabels: ['__name__'], regex: 'apiserver_(' }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].writeRelabelConfigs[0]',
    value: '{"action":"labeldrop","sourceLabels":["pod"],"regex":"pod"}',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].writeRelabelConfigs[0] = {"action":"labeldrop","sourceLabels":["pod"],"regex":"pod"}; allowed: labeldrop with a regex over label names only (no sourceLabels or targetLabel)',
    input: () => writeRules({ action: 'labeldrop', sourceLabels: ['pod'], regex: 'pod' }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].writeRelabelConfigs[0].sourceLabels',
    value: 'undefined',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].writeRelabelConfigs[0].sourceLabels = undefined; allowed: the labels drop matches (at least one)',
    input: () => writeRules({ action: 'drop', regex: 'up' }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].writeRelabelConfigs[0].targetLabel',
    value: 'undefined',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].writeRelabelConfigs[0].targetLabel = undefined; allowed: the label replace writes',
    input: () => writeRules({ action: 'replace', sourceLabels: ['pod'] }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].writeRelabelConfigs[0].sourceLabels[0]',
    value: '"kubernetes.pod"',
    message:
      'test/obs: invalid prometheus.remoteWrite[0].writeRelabelConfigs[0].sourceLabels[0] = "kubernetes.pod"; allowed: a Prometheus label name matching [a-zA-Z_][a-zA-Z0-9_]* (e.g. "__name__", "le")',
    input: () => writeRules({ action: 'keep', sourceLabels: ['kubernetes.pod'] }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.thanos',
    value: '"yes"',
    message:
      'test/obs: invalid prometheus.thanos = "yes"; allowed: true or an object { query?, sidecar?, objectStorage? } (Thanos sidecar + Query), or false (none)',
    input: () => ({ ...dev(), prometheus: { thanos: 'yes' } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.thanos.store',
    value: '{}',
    message: 'test/obs: unknown setting prometheus.thanos.store; allowed: query, sidecar, objectStorage',
    input: () => ({ ...dev(), prometheus: { thanos: { store: {} } } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.thanos.query.replicas',
    value: '0',
    message: 'test/obs: invalid prometheus.thanos.query.replicas = 0; allowed: a whole number >= 1',
    input: () => ({ ...prod(), prometheus: { thanos: { query: { replicas: 0 } } } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.thanos.objectStorage.name',
    value: '"Thanos_Bucket"',
    message:
      'test/obs: invalid prometheus.thanos.objectStorage.name = "Thanos_Bucket"; allowed: a Secret name (DNS-1123 subdomain: lower-case letters, digits, "-" and ".")',
    input: () => ({ ...prod(), prometheus: { thanos: { objectStorage: { name: 'Thanos_Bucket', key: 'objstore.yml' } } } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite',
    value: '[]',
    message:
      "test/obs: invalid prometheus.remoteWrite = []; allowed: unset in operator mode: kube-prometheus-stack's Prometheus takes it from its own chart values (prometheus.prometheusSpec.remoteWrite)",
    input: () => ({ ...dev(), operator: {}, prometheus: { remoteWrite: [] } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.thanos',
    value: '{}',
    message:
      "test/obs: invalid prometheus.thanos = {}; allowed: unset in operator mode: kube-prometheus-stack's Prometheus takes it from its own chart values (prometheus.prometheusSpec.thanos)",
    input: () => ({ ...prod(), operator: {}, prometheus: { thanos: {} } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0]',
    value: '"https://mimir.example.org/api/v1/push"',
    message: 'test/obs: invalid prometheus.remoteWrite[0] = "https://mimir.example.org/api/v1/push"; allowed: an object { name, url, ... }',
    input: () => ({ ...dev(), prometheus: { remoteWrite: ['https://mimir.example.org/api/v1/push'] } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].headers.X-Scope-OrgID',
    value: '42',
    message: 'test/obs: invalid prometheus.remoteWrite[0].headers.X-Scope-OrgID = 42; allowed: a string',
    input: () => rw({ headers: { 'X-Scope-OrgID': 42 } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].writeRelabelConfigs',
    value: '{"action":"drop"}',
    message: 'test/obs: invalid prometheus.remoteWrite[0].writeRelabelConfigs = {"action":"drop"}; allowed: a list of relabelling rules',
    input: () => rw({ writeRelabelConfigs: { action: 'drop' } }),
  },
  {
    area: 'Prometheus remote write and Thanos',
    field: 'prometheus.remoteWrite[0].writeRelabelConfigs[0].replacement',
    value: '1',
    message: 'test/obs: invalid prometheus.remoteWrite[0].writeRelabelConfigs[0].replacement = 1; allowed: a string',
    input: () => writeRules({ action: 'replace', sourceLabels: ['pod'], targetLabel: 'replica_pod', replacement: 1 }),
  },
];
