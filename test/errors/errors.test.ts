/**
 * docs/errors.md and the code agree: every case of test/errors/cases.ts is built and fails with
 * exactly its message; the committed doc is what `npm run errors-doc` writes; and every `fail(`
 * call site of the sources has a case, or is in the justified list below.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { SettingsError, show } from '../../config/errors';
import { ObservabilityStack } from '../../constructs';
import { ERRORS_FILE, renderErrorsDoc } from '../../scripts/errors-doc';
import { failSites, fieldMatches } from './call-sites';
import { ConstructInput, ERROR_CASES } from './cases';

const ROOT = join(__dirname, '..', '..');

/** The SettingsError the case's input gives (stack settings through ObservabilityStack, constructs alone). */
function errorOf(input: unknown): SettingsError {
  const chart = new Chart(new App(), 'test');
  try {
    if (input && typeof (input as ConstructInput).construct === 'function') (input as ConstructInput).construct(chart);
    else new ObservabilityStack(chart, 'obs', input as never);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

/**
 * `fail(` call sites without a case of their own, by file and field expression, each with the
 * reason. Helpers take the field from their caller (their callers' fields have cases: e.g.
 * `prometheus.retention` goes through duration()); the Pulumi program's own config errors are
 * Pulumi config keys, not library settings, and test/pulumi covers them.
 */
const NO_CASE: Readonly<Record<string, string>> = {
  // Merged after this table was written: their errors are asserted in their own bad-input suites.
  'constructs/grafana/alerting-settings.ts': 'asserted in test/grafana-alerts (bad inputs); not yet in this table',
  'constructs/grafana/alerting.ts': 'asserted in test/grafana-alerts (bad inputs); not yet in this table',
  'constructs/kibana/settings.ts': 'asserted in test/kibana (bad inputs); not yet in this table',
  'constructs/logstash/settings.ts': 'asserted in test/logstash (bad inputs); not yet in this table',
  'constructs/logstash/patterns.ts': 'asserted in test/logstash (bad inputs: the regex subset); not yet in this table',
  'constructs/grafana/provisioning.ts':
    'checkDatasourceLinks(): a programming error (shipped correlations name shipped datasources); asserted in test/jaeger',
  'constructs/services/settings.ts `${at}.redSource`': 'asserted in test/jaeger/red-source.test.ts; not yet in this table',
  'constructs/services/index.ts `services[${i}].redSource`': 'asserted in test/jaeger/red-source.test.ts; not yet in this table',
  'constructs/jaeger/settings.ts': 'asserted in test/jaeger/bad-input.test.ts (every field, stack and construct); not yet in this table',
  "constructs/jaeger/index.ts 'jaeger'": 'asserted in test/jaeger/bad-input.test.ts (jaeger without elasticsearch); not yet in this table',
  "constructs/kibana/index.ts 'kibana'": 'asserted in test/kibana (kibana without elasticsearch); not yet in this table',
  'config/dashboards/validate.ts field': 'asserted in test/grafana-alerts (dashboard datasource UIDs); not yet in this table',
  'config/address.ts field': 'hostPort(): the caller names the field (databases.*.address, kafka brokers)',
  'config/duration.ts field': 'duration()/byteSize(): the caller names the field (prometheus.retention, *.for, retentionSize)',
  'config/names.ts field': 'dnsLabel()/labelValue()/promLabelName()/promMetricName()/httpUrl(): the caller names the field',
  'config/promql.ts field': 'the PromQL check: the caller names the field (ruleGroups[].rules[].expr)',
  'config/quantity.ts field': 'cpuQuantity()/byteQuantity(): the caller names the field (resources, storage)',
  'config/component.ts field': 'resolveComponent(): the caller names the component (prometheus, grafana, ...)',
  "config/strict.ts field || 'settings'": "checkKeys(): the caller names the object ('settings' at the top level has a case)",
  'config/alerting/rule-files.ts field': 'loadRuleFiles(): the field is alerting.ruleFiles["<file>"] (a case has it)',
  'constructs/datastores/settings.ts field':
    'instance helpers (Secret references, pods, plain names, booleans, closed sets, the instance list): the caller names the field',
  'constructs/filebeat/settings.ts field':
    'checkPattern()/resolveMultiline()/resolveFilebeat(): the caller names the field ' +
    '(filebeat.multiline.continuationPatterns[i], filebeat.multiline and filebeat have cases)',
  'constructs/elasticsearch/settings.ts field': 'esAge()/bool(): the caller names the field (elasticsearch.rolloverAge, .bootstrap)',
  'constructs/prometheus/remote-write.ts field':
    'labelName()/wholeNumber()/re2Regex()/the relabel-rule shape: the caller names the field (writeRelabelConfigs[], queue cases)',
  'constructs/thanos-query/settings.ts field': 'resolveThanos(): the caller names the field (prometheus.thanos has a case)',
  'constructs/operator/settings.ts field': 'the label-map helper: the caller names the field (operator.monitorLabels has a case)',
  'constructs/services/settings.ts at': 'services[<i>] is not an object: the field is the list entry itself',
  'constructs/stack/alerting-validation.ts field':
    'nonEmpty()/checkOverrides()/plainUrl(): the caller names the field (alerting.alerts, services[].alerting.alerts have cases)',
  "constructs/stack/alerting-validation.ts 'alerting.exporters'":
    'unreachable from settings: checkKeys on alerting.exporters rejects an unknown exporter first (case alerting.exporters.mongodb)',
  'constructs/stack/alerting-validation.ts at': 'the field is the override or database-client entry itself, named by the caller',
  'stacks/cluster.ts': 'Pulumi program arguments (args.*), not library settings: test/pulumi/cluster-options.test.ts',
  'stacks/docker.ts': 'Pulumi program arguments (args.*), not library settings: test/pulumi/docker-*.test.ts',
  'stacks/docker-components.ts': 'Docker target internals named by Pulumi config key: test/pulumi/docker-*.test.ts',
  'stacks/secrets.ts': 'Pulumi secret config keys (docs/pulumi.md lists them): test/pulumi/*secrets*.test.ts, config.test.ts',
  'stacks/stack-config.ts': 'Pulumi config keys: test/pulumi/config.test.ts',
};

describe('every case fails with exactly its message', () => {
  it.each(ERROR_CASES.map((c, i) => [i, c.field, c] as const))('%i %s', (_i, _field, c) => {
    const error = errorOf(c.input());
    expect(error.message).toBe(c.message);
    expect(error.field).toBe(c.field);
    expect(show(error.value)).toBe(c.value);
  });
});

describe('the table', () => {
  it('has at least 60 entries across the components, no two alike', () => {
    expect(ERROR_CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ERROR_CASES.map((c) => c.area)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(ERROR_CASES.map((c) => c.message)).size).toBe(ERROR_CASES.length);
  });

  it('the committed docs/errors.md is what `npm run errors-doc` writes', () => {
    expect(readFileSync(join(ROOT, ERRORS_FILE), 'utf8')).toBe(renderErrorsDoc());
  });

  it('the doc shows each case once, pipes escaped', () => {
    const doc = renderErrorsDoc();
    const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(ERROR_CASES.length);
    const piped = renderErrorsDoc([{ area: 'A', field: 'f', value: '"a|b"', message: 'm `x` | n', input: () => ({}) }]);
    expect(piped).toContain('| `f` | `"a\\|b"` | m `x` \\| n |');
  });
});

describe('every fail( call site of the sources has a case, or a reason it has none', () => {
  const sites = failSites(ROOT, ['config', 'constructs', 'stacks']);
  const reasonFor = (site: { file: string; field: string }) => NO_CASE[`${site.file} ${site.field}`] ?? NO_CASE[site.file];

  it('finds the call sites (not a vacuous pass)', () => {
    expect(sites.length).toBeGreaterThan(140);
    expect(sites.some((s) => s.file === 'constructs/operator/settings.ts' && s.field === '`${field}.kubeletService`')).toBe(true);
  });

  it('each site: a case with a field it can produce, or a listed reason', () => {
    const missing = sites.filter((s) => !ERROR_CASES.some((c) => fieldMatches(s.field, c.field)) && !reasonFor(s));
    expect(missing.map((s) => `${s.file}:${s.line} ${s.field}`)).toEqual([]);
  });

  it('every listed reason is still needed (no stale exclusion)', () => {
    const used = new Set(
      sites
        .filter((s) => !ERROR_CASES.some((c) => fieldMatches(s.field, c.field)))
        .map((s) => (NO_CASE[`${s.file} ${s.field}`] ? `${s.file} ${s.field}` : s.file)),
    );
    expect(Object.keys(NO_CASE).filter((key) => !used.has(key))).toEqual([]);
  });

  it('the field matcher: literals exactly, template parts as any text', () => {
    expect(fieldMatches("'profile'", 'profile')).toBe(true);
    expect(fieldMatches("'profile'", 'prometheus.profile')).toBe(false);
    expect(fieldMatches('`${field}.heap`', 'elasticsearch.heap')).toBe(true);
    expect(fieldMatches('`${field}.heap`', 'elasticsearch.heapSize')).toBe(false);
    expect(fieldMatches('field', 'field')).toBe(false);
  });
});
