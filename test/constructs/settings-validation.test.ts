import { App, Chart } from 'cdk8s';
import { fixtureSettings } from '../support/fixtures';
import { SettingsError } from '../../config/errors';
import { StackSettings } from '../../constructs/stack/settings';
import { ObservabilityStack } from '../../constructs';

/** Builds the stack in a fresh chart and returns the error it throws. */
function errorOf(change: (base: StackSettings) => unknown): SettingsError {
  const chart = new Chart(new App(), 'test');
  const settings = change(fixtureSettings('dev')) as StackSettings;
  try {
    new ObservabilityStack(chart, 'obs', settings);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw new Error(`expected a SettingsError, got: ${String(error)}`, { cause: error });
  }
  throw new Error('expected the settings to be rejected');
}

const base = fixtureSettings('dev');
const demo = base.services![0];

/** [case, settings change, field named in the error, the bad value as shown, words of the allowed values] */
const cases: Array<[string, (s: StackSettings) => unknown, string, string, RegExp]> = [
  [
    'bad retention string',
    (s) => ({ ...s, prometheus: { retention: '15 days' } }),
    'prometheus.retention',
    '"15 days"',
    /Prometheus duration/,
  ],
  ['replicas < 1', (s) => ({ ...s, alertmanager: { replicas: 0 } }), 'alertmanager.replicas', '0', /whole number >= 1/],
  ['fractional replicas', (s) => ({ ...s, prometheus: { replicas: 1.5 } }), 'prometheus.replicas', '1.5', /whole number >= 1/],
  [
    'limit < request (memory)',
    (s) => ({ ...s, grafana: { resources: { requests: { cpu: '100m', memory: '1Gi' }, limits: { cpu: '1', memory: '512Mi' } } } }),
    'grafana.resources.limits.memory',
    '"512Mi"',
    /limit >= the request \(1Gi\)/,
  ],
  [
    'limit < request (cpu)',
    (s) => ({ ...s, grafana: { resources: { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '500m', memory: '1Gi' } } } }),
    'grafana.resources.limits.cpu',
    '"500m"',
    /CPU limit >= the request \(2\)/,
  ],
  [
    'malformed memory quantity',
    (s) => ({ ...s, prometheus: { resources: { requests: { cpu: '1', memory: '4GB' }, limits: { cpu: '2', memory: '8Gi' } } } }),
    'prometheus.resources.requests.memory',
    '"4GB"',
    /byte quantity/,
  ],
  [
    'malformed CPU quantity',
    (s) => ({ ...s, prometheus: { resources: { requests: { cpu: 'one', memory: '4Gi' }, limits: { cpu: '2', memory: '8Gi' } } } }),
    'prometheus.resources.requests.cpu',
    '"one"',
    /CPU quantity/,
  ],
  ['storage size malformed', (s) => ({ ...s, prometheus: { storage: '10 gigs' } }), 'prometheus.storage', '"10 gigs"', /byte quantity/],
  [
    'retention size larger than the volume',
    (s) => ({ ...s, prometheus: { storage: '10Gi', retentionSize: '50GB' } }),
    'prometheus.retentionSize',
    '"50GB"',
    /no larger than the volume/,
  ],
  [
    'retention size malformed',
    (s) => ({ ...s, prometheus: { retentionSize: '8Gi' } }),
    'prometheus.retentionSize',
    '"8Gi"',
    /B, KB, MB, GB/,
  ],
  [
    'duplicate service names',
    (s) => ({ ...s, services: [demo, { ...demo, namespace: 'other' }] }),
    'services[1].name',
    '"demo-api"',
    /not used by another monitored service/,
  ],
  ['service port out of range', (s) => ({ ...s, services: [{ ...demo, port: 70000 }] }), 'services[0].port', '70000', /1 to 65535/],
  ['service port zero', (s) => ({ ...s, services: [{ ...demo, port: 0 }] }), 'services[0].port', '0', /1 to 65535/],
  [
    'invalid service name',
    (s) => ({ ...s, services: [{ ...demo, name: 'Demo_API' }] }),
    'services[0].name',
    '"Demo_API"',
    /DNS-1123 label/,
  ],
  ['invalid namespace', (s) => ({ ...s, namespace: 'monitoring.' }), 'namespace', '"monitoring."', /DNS-1123 label/],
  [
    'namespace too long',
    (s) => ({ ...s, services: [{ ...demo, namespace: 'n'.repeat(64) }] }),
    'services[0].namespace',
    `"${'n'.repeat(64)}"`,
    /at most 63/,
  ],
  ['invalid label value (cluster)', (s) => ({ ...s, cluster: 'prod cluster!' }), 'cluster', '"prod cluster!"', /label value/],
  [
    'invalid label value (team)',
    (s) => ({ ...s, services: [{ ...demo, team: '-platform' }] }),
    'services[0].team',
    '"-platform"',
    /label value/,
  ],
  ['unknown profile', (s) => ({ ...s, profile: 'staging' }), 'profile', '"staging"', /"dev" or "prod"/],
  [
    'empty namespace list with namespace-scoped discovery',
    (s) => ({ ...s, discovery: { scope: 'namespaces', namespaces: [] } }),
    'discovery.namespaces',
    '[]',
    /at least one namespace/,
  ],
  [
    'unknown discovery scope',
    (s) => ({ ...s, discovery: { scope: 'everywhere' } }),
    'discovery.scope',
    '"everywhere"',
    /"cluster" or "namespaces"/,
  ],
  [
    'agents namespace equal to the stack namespace',
    (s) => ({ ...s, agentsNamespace: 'monitoring' }),
    'agentsNamespace',
    '"monitoring"',
    /other than the stack namespace/,
  ],
  [
    'invalid PromQL in a user rule',
    (s) => ({ ...s, ruleGroups: [{ name: 'mine', rules: [{ alert: 'Broken', expr: 'sum(rate(http_requests_total[5m]) by (job)' }] }] }),
    'ruleGroups[0].rules[0].expr (Broken)',
    '"sum(rate(http_requests_total[5m]) by (job)"',
    /valid PromQL expression \(syntax error at character/,
  ],
  [
    'duplicate rule names in a group',
    (s) => ({
      ...s,
      ruleGroups: [
        {
          name: 'mine',
          rules: [
            { alert: 'A', expr: 'up == 0' },
            { alert: 'A', expr: 'up == 0' },
          ],
        },
      ],
    }),
    'ruleGroups[0].rules[1].alert',
    '"A"',
    /not already used in group "mine"/,
  ],
  [
    'duplicate recording names in a group',
    (s) => ({
      ...s,
      ruleGroups: [
        {
          name: 'mine',
          rules: [
            { record: 'job:up:sum', expr: 'sum by (job) (up)' },
            { record: 'job:up:sum', expr: 'sum(up)' },
          ],
        },
      ],
    }),
    'ruleGroups[0].rules[1].record',
    '"job:up:sum"',
    /not already used/,
  ],
  [
    'bad for duration in a user rule',
    (s) => ({ ...s, ruleGroups: [{ name: 'mine', rules: [{ alert: 'A', expr: 'up == 0', for: 'five minutes' }] }] }),
    'ruleGroups[0].rules[0].for',
    '"five minutes"',
    /Prometheus duration/,
  ],
  [
    'bad scrape interval',
    (s) => ({ ...s, services: [{ ...demo, interval: '10' }] }),
    'services[0].interval',
    '"10"',
    /Prometheus duration/,
  ],
  [
    'external URL that is not a URL',
    (s) => ({ ...s, prometheus: { externalUrl: 'prometheus.example.org' } }),
    'prometheus.externalUrl',
    '"prometheus.example.org"',
    /absolute http\(s\) URL/,
  ],
  [
    'Ingress host that is not a DNS name',
    (s) => ({ ...s, grafana: { ingress: { host: 'Grafana_UI', tlsSecretName: 'tls' } } }),
    'grafana.ingress.host',
    '"Grafana_UI"',
    /fully qualified DNS name/,
  ],
  [
    'Ingress without a valid TLS Secret name',
    (s) => ({ ...s, grafana: { ingress: { host: 'grafana.example.org', tlsSecretName: '' } } }),
    'grafana.ingress.tlsSecretName',
    '""',
    /DNS-1123/,
  ],
  [
    'path without leading slash',
    (s) => ({ ...s, services: [{ ...demo, path: 'metrics' }] }),
    'services[0].path',
    '"metrics"',
    /starting with "\/"/,
  ],
];

describe('settings validation at synth', () => {
  it.each(cases)('%s: names the construct path, field, value and what is allowed', (_name, change, field, shown, allowed) => {
    const error = errorOf(change);
    expect(error.message.startsWith('test/obs: ')).toBe(true);
    expect(error.field).toBe(field);
    expect(error.message).toContain(`invalid ${field} = ${shown}`);
    expect(error.message).toMatch(allowed);
  });

  it('accepts the default settings of both profiles', () => {
    for (const profile of ['dev', 'prod'] as const) {
      const chart = new Chart(new App(), profile);
      expect(() => new ObservabilityStack(chart, 'obs', fixtureSettings(profile))).not.toThrow();
    }
  });
});
