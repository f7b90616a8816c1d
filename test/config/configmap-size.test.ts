import { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { App, Chart } from 'cdk8s';
import { renderRuleFiles } from '../../constructs/stack/alerting';
import { fixtureSettings } from '../support/fixtures';
import { SettingsError } from '../../config/errors';
import { ruleConfigMaps, RULES_SHARD_BYTES } from '../../constructs/prometheus/rule-shards';
import { resolveSettings } from '../../constructs/stack/resolve';
import { ObservabilityStack } from '../../constructs';

/** The example service, 40 times over: enough rules to need several ConfigMaps. */
function manyServices() {
  const base = fixtureSettings('prod');
  const demo = base.services![0];
  return {
    ...base,
    services: Array.from({ length: 40 }, (_, i) => ({ ...demo, name: `api-${i}`, alerting: { ...demo.alerting, probe: undefined } })),
  };
}

describe('rule files are spread over ConfigMaps that client-side kubectl apply accepts', () => {
  it('keeps every shard under the budget, every file in exactly one shard, in name order', () => {
    const files = renderRuleFiles(resolveSettings(manyServices(), 'test'));
    const shards = ruleConfigMaps(files, 'test');
    const names = Object.keys(shards);
    expect(names.length).toBeGreaterThan(3);
    expect(names).toEqual(names.map((_, i) => `prometheus-rules-${i}`));
    for (const data of Object.values(shards)) {
      expect(Object.entries(data).reduce((n, [k, v]) => n + Buffer.byteLength(v) + k.length, 0)).toBeLessThanOrEqual(RULES_SHARD_BYTES);
    }
    const packed = Object.values(shards).flatMap((data) => Object.keys(data));
    expect(packed).toEqual(Object.keys(files).sort());
  });

  it('mounts all shards into one rules directory of the Prometheus pods', () => {
    const chart = new Chart(new App(), 'test');
    new ObservabilityStack(chart, 'obs', manyServices());
    const manifests = chart.toJson() as any[];
    const shardNames = manifests
      .filter((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('prometheus-rules-'))
      .map((m) => m.metadata.name);
    const prometheus = manifests.find((m) => m.kind === 'StatefulSet' && m.metadata.name === 'prometheus');
    const rules = prometheus.spec.template.spec.volumes.find((v: any) => v.name === 'rules');
    expect(rules.projected.sources.map((s: any) => s.configMap.name)).toEqual(shardNames);
    for (const m of manifests.filter((x) => x.kind === 'ConfigMap')) {
      // The whole object must fit kubectl's last-applied annotation (256 KiB).
      expect(Buffer.byteLength(JSON.stringify(m))).toBeLessThan(256 * 1024);
    }
  });

  it('rejects a single rule file larger than a shard, naming the file', () => {
    const huge = { 'huge.yml': 'x'.repeat(RULES_SHARD_BYTES + 1) };
    expect(() => ruleConfigMaps(huge, 'obs/prometheus')).toThrow(SettingsError);
    expect(() => ruleConfigMaps(huge, 'obs/prometheus')).toThrow(
      /^obs\/prometheus: invalid rule file huge\.yml = "\d+ bytes"; allowed: at most 204800 bytes per rule file/,
    );
  });
});

describe('ConfigMap size guard', () => {
  it('fails at synth, naming the ConfigMap, when user dashboards outgrow one folder', () => {
    const big = (i: number) => new DashboardBuilder(`Big ${i}`).uid(`big-${i}`).description('x'.repeat(100_000));
    const chart = new Chart(new App(), 'test');
    expect(
      () =>
        new ObservabilityStack(chart, 'obs', {
          ...fixtureSettings('dev'),
          dashboards: { custom: [0, 1, 2].map((i) => ({ folder: 'custom', dashboard: big(i) })) },
        }),
    ).toThrow(
      new RegExp(
        '^test/obs/grafana: invalid ConfigMap grafana-dashboards-custom = ' +
          '"\\d+ bytes \\(files big-0\\.json, big-1\\.json, big-2\\.json\\)"; allowed: at most 262144 bytes',
      ),
    );
  });
});
