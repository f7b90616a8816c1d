import type { ShippedDashboard } from '../../config/dashboards/settings';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { MAX_STATIC_SLO_ROWS } from '../../constructs/services/slo-dashboard';
import { buildDashboards, stackDashboards } from '../../constructs/stack/dashboards';
import { metricNamesIn, substituteVariables, variablesIn } from '../../config/dashboards/promql-variables';
import { allPanels, dataPanels, UID_PATTERN } from '../../config/dashboards/validate';
import { databaseFixtureSettings, fixtureSettings } from '../support/fixtures';
import { DATASOURCE_UIDS } from '../../config/dashboards/datasources';
import { promqlSyntaxError } from '../../config/promql';
import { queriesOf, resolve, richDashboards, richSettings } from './fixtures';
import { parse } from 'yaml';
import { stackPrometheusConfig } from '../../constructs/registry';

/** The UID of each shipped dashboard, by its `dashboards.shipped` key, in the order they are provisioned. */
const SHIPPED: Readonly<Record<ShippedDashboard, string>> = {
  service: 'service-red',
  slo: 'slo-error-budget',
  alerts: 'alert-status',
  systemHealth: 'system-health',
  nodeDetail: 'node-detail',
  computeResources: 'compute-resources',
  stack: 'stack-health',
  datastores: 'datastores',
  caches: 'cache-health',
  queues: 'queue-health',
  elasticsearch: 'elasticsearch-cluster',
  logsAudit: 'logs-audit',
  loggingPipeline: 'logging-pipeline',
  tracing: 'tracing-pipeline',
};
const SHIPPED_UIDS = Object.values(SHIPPED);
/** Dashboards on the Elasticsearch logs datasource (Lucene queries), not on Prometheus. */
const ON_LOGS = new Set(['logs-audit']);
/** What every stack ships with the default dev fixture and no service: the dashboards that need nothing declared. */
const ALWAYS = ['slo-error-budget', 'alert-status', 'system-health', 'node-detail', 'compute-resources', 'stack-health'];

/**
 * Where each shipped dashboard's panel queries are shown to return data on a real Prometheus 3.5,
 * or why they cannot be here. A new dashboard fails this list until it says which.
 */
const LIVE_PROOF: Readonly<Record<string, string>> = {
  'service-red': 'test/dashboards/prometheus.e2e.test.ts (stand-in service)',
  'slo-error-budget': 'test/dashboards/prometheus.e2e.test.ts',
  'alert-status': 'test/dashboards/prometheus.e2e.test.ts',
  'system-health': 'test/dashboards/prometheus.e2e.test.ts (node-exporter) and kubernetes.e2e.test.ts (containers)',
  'node-detail': 'test/dashboards/prometheus.e2e.test.ts (real node-exporter)',
  'compute-resources': 'test/dashboards/kubernetes.e2e.test.ts (loopback kube-state-metrics/cAdvisor)',
  'stack-health': 'test/dashboards/prometheus.e2e.test.ts (Grafana panels: no Grafana binary here)',
  datastores: 'test/e2e/postgres.test.ts and mariadb.test.ts (real servers and exporters)',
  'cache-health': 'test/e2e/redis.test.ts (real server and exporter)',
  'queue-health': 'NOT LIVE: no Kafka server package here; metric names checked against kafka_exporter v1.9.0 sources',
  'elasticsearch-cluster': 'NOT LIVE: no Elasticsearch binary here; metric names checked against elasticsearch_exporter v1.11.0 sources',
  'logging-pipeline':
    'NOT LIVE: no Filebeat or Logstash binary here; metric names checked against beat-exporter 0.4.0 ' +
    'and kuskoman/logstash-exporter v1.9.1 sources',
  'logs-audit':
    'NOT LIVE: no Elasticsearch or Grafana binary here; its Lucene queries come from the saved searches, ' +
    'whose fields test/kibana checks against the logs data view',
  'tracing-pipeline':
    'NOT LIVE: no Jaeger binary here; otelcol_* names checked against OpenTelemetry Collector v0.155.0 metadata, ' +
    'jaeger_storage_* and the span metrics against the Jaeger 2.20.0 sources (test/jaeger)',
};

describe('shipped dashboards', () => {
  it('each says where its queries are shown to return data, or why they cannot be here', () => {
    expect(Object.keys(LIVE_PROOF).sort()).toEqual([...SHIPPED_UIDS].sort());
  });

  const dashboards = richDashboards();

  it('ships every dashboard for settings that declare services, SLOs and exporters, foldered by theme', () => {
    expect([...dashboards.keys()]).toEqual(SHIPPED_UIDS);
    const folders = Object.fromEntries(buildDashboards(resolve(richSettings())).map(({ folder, model }) => [model.uid, folder]));
    expect(folders).toEqual({
      'service-red': 'services',
      'slo-error-budget': 'services',
      'alert-status': 'alerting',
      'system-health': 'infrastructure',
      'node-detail': 'infrastructure',
      'compute-resources': 'infrastructure',
      'stack-health': 'stack',
      datastores: 'infrastructure',
      'cache-health': 'infrastructure',
      'queue-health': 'infrastructure',
      'elasticsearch-cluster': 'logs',
      'logs-audit': 'logs',
      'logging-pipeline': 'logs',
      'tracing-pipeline': 'tracing',
    });
  });

  describe.each(SHIPPED_UIDS)('%s', (uid) => {
    const model = () => dashboards.get(uid)!;

    it('has a stable UID Grafana accepts and the same JSON on every render', () => {
      expect(model().uid).toMatch(UID_PATTERN);
      const again = new Map(buildDashboards(resolve(richSettings())).map(({ model: m }) => [m.uid, JSON.stringify(m)]));
      expect(again.get(uid)).toBe(JSON.stringify(model()));
    });

    it('numbers panels 1..n in reading order and places them on the grid without overlap', () => {
      const panels = allPanels(model());
      expect(panels.map((p) => p.id)).toEqual(panels.map((_, i) => i + 1));
      const cells = new Set<string>();
      for (const { gridPos } of panels) {
        expect(gridPos).toBeDefined();
        const { x, y, w, h } = gridPos!;
        expect(x + w).toBeLessThanOrEqual(24);
        for (let i = x; i < x + w; i++)
          for (let j = y; j < y + h; j++) {
            expect(cells.has(`${i},${j}`)).toBe(false);
            cells.add(`${i},${j}`);
          }
      }
      const ys = panels.map((p) => p.gridPos!.y);
      expect(ys).toEqual([...ys].sort((a, b) => a - b));
    });

    it('references its provisioned datasource by UID in every panel and query, with units and thresholds', () => {
      const datasource = ON_LOGS.has(uid)
        ? { type: 'elasticsearch', uid: DATASOURCE_UIDS.logs }
        : { type: 'prometheus', uid: DATASOURCE_UIDS.prometheus };
      for (const panel of dataPanels(model())) {
        expect(panel.datasource).toEqual(datasource);
        expect(panel.targets!.length).toBeGreaterThan(0);
        for (const target of panel.targets!)
          expect(target).toMatchObject({ datasource: { uid: datasource.uid }, refId: expect.stringMatching(/^[A-Z]$/) });
        expect(panel.fieldConfig?.defaults.unit).toEqual(expect.any(String));
        expect(panel.fieldConfig?.defaults.thresholds?.steps?.[0]).toMatchObject({ value: null });
        expect(panel.description).toBeTruthy();
        if (panel.type === 'timeseries') expect(panel.options.legend.showLegend).toBe(true);
      }
    });

    it('has queries that parse once Grafana variables are substituted, using only defined variables', () => {
      if (ON_LOGS.has(uid)) {
        // Lucene queries on the logs datasource, from the saved-search definitions (their fields: test/kibana).
        const targets = dataPanels(model()).flatMap((p) => p.targets ?? []) as Array<{ query?: string; expr?: string }>;
        expect(targets.length).toBeGreaterThan(0);
        for (const target of targets)
          expect({ query: typeof target.query, expr: target.expr }).toEqual({ query: 'string', expr: undefined });
        return;
      }
      const defined = new Set([...(model().templating?.list ?? []).map((v) => v.name), '__rate_interval', '__interval', '__range']);
      const queries = queriesOf(model());
      expect(queries.length).toBeGreaterThan(0);
      for (const { panel, expr } of queries) {
        expect({ panel, error: promqlSyntaxError(substituteVariables(expr)) }).toEqual({ panel, error: undefined });
        for (const name of variablesIn(expr)) expect({ panel, name, defined: defined.has(name) }).toEqual({ panel, name, defined: true });
      }
    });

    it('reads no external label: Prometheus adds them only to what leaves it, so the local TSDB has none', () => {
      const config = parse(stackPrometheusConfig(resolve(richSettings()), { kind: 'kubernetes' }));
      const external = Object.keys(config.global.external_labels);
      expect(external).toEqual(expect.arrayContaining(['cluster', 'environment']));
      const texts = [
        ...queriesOf(model()).map(({ panel, expr }) => ({ where: panel, text: expr })),
        ...(model().templating?.list ?? []).map((v) => ({ where: `$${v.name}`, text: String(v.query ?? '') })),
      ];
      for (const label of external) {
        const use = new RegExp(`\\b${label}\\s*(=~|!~|!=|=)|,\\s*${label}\\s*\\)|\\(\\s*${label}\\s*[,)]`);
        for (const { where, text } of texts) expect({ where, label, reads: use.test(text) }).toEqual({ where, label, reads: false });
      }
    });

    it('matches its snapshot', () => {
      expect(model()).toMatchSnapshot();
    });
  });

  it('gives the service dashboard a service variable listing exactly the declared services', () => {
    const variable = dashboards.get('service-red')!.templating!.list!.find((v) => v.name === 'service')!;
    expect(variable.query).toBe('demo-api,checkout');
    expect(variable.current).toMatchObject({ value: 'demo-api' });
  });

  it('gives the SLO dashboard one row per declared SLO, with the declared window', () => {
    const model = dashboards.get('slo-error-budget')!;
    const rows = allPanels(model).filter((p) => p.type === 'row');
    expect(rows.map((r) => r.title)).toEqual(['demo-api / availability (99.9% over 30d)', 'demo-api / fast-requests (99% over 28d)']);
    const exprs = queriesOf(model)
      .map((q) => q.expr)
      .join('\n');
    expect(exprs).toContain('slo:sli_error:ratio_rate28d{slo="fast-requests", service="demo-api"}');
    expect(exprs).toContain('slo:sli_error:ratio_rate30d{slo="availability", service="demo-api"}');
  });

  it('falls back to one row repeated per value of an `slo` variable when no SLO is declared', () => {
    const model = buildDashboards(resolve({ ...fixtureSettings('dev'), services: [{ name: 'api', namespace: 'demo', port: 8080 }] })).find(
      (d) => d.model.uid === 'slo-error-budget',
    )!.model;
    const rows = allPanels(model).filter((p) => p.type === 'row') as dashboard.RowPanel[];
    expect(rows).toHaveLength(1);
    expect(rows[0].repeat).toBe('slo');
    expect(model.templating?.list?.map((v) => v.name)).toEqual(['service', 'slo']);
  });

  it('repeats one row per SLO instead of drawing them all once more than MAX_STATIC_SLO_ROWS are declared', () => {
    const base = fixtureSettings('dev');
    const many = {
      ...base,
      services: Array.from({ length: 7 }, (_, i) => ({
        ...base.services![0],
        name: `api-${i}`,
        alerting: { ...base.services![0].alerting, probe: undefined },
      })),
    };
    const model = buildDashboards(resolve(many)).find((d) => d.model.uid === 'slo-error-budget')!.model;
    const rows = allPanels(model).filter((p) => p.type === 'row') as dashboard.RowPanel[];
    expect(14).toBeGreaterThan(MAX_STATIC_SLO_ROWS);
    expect(rows.map((r) => r.repeat)).toEqual(['slo']);
    expect(JSON.stringify(model).length).toBeLessThan(40_000);
  });

  it.each([
    ['datastores', ['PostgreSQL', 'MySQL']],
    ['cache-health', ['Redis']],
    ['queue-health', ['Kafka']],
  ])('puts one section per declared exporter kind on %s, selecting its series by the declared matchers and instance', (uid, rows) => {
    const model = dashboards.get(uid as string)!;
    expect(
      allPanels(model)
        .filter((p) => p.type === 'row')
        .map((r) => r.title),
    ).toEqual(rows);
    for (const { panel, expr } of queriesOf(model)) {
      for (const name of metricNamesIn(substituteVariables(expr))) {
        const job = name.startsWith('pg_') ? 'postgres' : name.split('_')[0];
        const selected = expr.includes(`${name}{job="${job}", instance=~"$${job}"}`);
        expect({ panel, name, selected }).toEqual({ panel, name, selected: true });
      }
    }
  });

  it('covers what the teams asked for: connections vs max, locks, deadlocks, replication lag, hit ratios, evictions, lag', () => {
    const titles = (uid: string) => dataPanels(dashboards.get(uid)!).map((p) => p.title);
    expect(titles('datastores')).toEqual(
      expect.arrayContaining(['Connections vs max_connections', 'Locks by mode', 'Deadlocks', 'Replication lag', 'Buffer cache hit ratio']),
    );
    expect(titles('datastores')).toEqual(expect.arrayContaining(['Statements by command', 'Statement latency', 'Lock waits']));
    expect(titles('cache-health')).toEqual(
      expect.arrayContaining([
        'Cache hit rate',
        'Commands by command',
        'Memory vs maxmemory',
        'Evictions and expirations',
        'Connected clients',
      ]),
    );
    expect(titles('queue-health')).toEqual(expect.arrayContaining(['Consumer group lag', 'Under-replicated partitions']));
  });

  it('shows the pg_stat_statements panels only when an instance collects them (queryStatistics)', () => {
    const titles = (settings: Parameters<typeof resolve>[0]) =>
      dataPanels(buildDashboards(resolve(settings)).find((d) => d.model.uid === 'datastores')!.model).map((p) => p.title);
    expect(titles(richSettings())).toEqual(
      expect.arrayContaining(['Statement calls (pg_stat_statements)', 'Statement duration (pg_stat_statements)']),
    );
    expect(titles(databaseFixtureSettings('dev')).filter((t) => t?.includes('pg_stat_statements'))).toEqual([]);
  });

  it('for exporters the stack deploys (`databases`), selects job="<kind>" and has an instance variable per kind', () => {
    const deployed = new Map(buildDashboards(resolve(databaseFixtureSettings('dev'))).map(({ model }) => [model.uid!, model]));
    expect([...deployed.keys()]).toEqual(expect.arrayContaining(['datastores', 'cache-health', 'queue-health']));
    const variables = deployed.get('datastores')!.templating!.list!.map((v) => [v.name, (v as { query?: unknown }).query]);
    expect(variables).toEqual([
      ['postgres', 'label_values(pg_up{job="postgres"}, instance)'],
      ['mysql', 'label_values(mysql_up{job="mysql"}, instance)'],
    ]);
    const exprs = queriesOf(deployed.get('queue-health')!).map((q) => q.expr);
    expect(exprs.every((e) => e.includes('{job="kafka", instance=~"$kafka"}'))).toBe(true);
  });
});

describe('dashboard selection', () => {
  const uids = (settings: Parameters<typeof resolve>[0]) => stackDashboards(resolve(settings)).map((d) => d.uid);

  it('ships the service dashboard only with services and the datastore one only with exporters', () => {
    expect(uids({ ...fixtureSettings('dev'), services: [] })).toEqual(ALWAYS);
    expect(uids(fixtureSettings('dev'))).toEqual(['service-red', ...ALWAYS]);
  });

  it('switches each shipped dashboard off', () => {
    const all = uids(richSettings());
    for (const [key, uid] of Object.entries(SHIPPED)) {
      expect(uids({ ...richSettings(), dashboards: { shipped: { [key]: false } } })).toEqual(all.filter((u) => u !== uid));
    }
  });

  it('renders each dashboard as `<folder>/<uid>.json` content whose uid matches', () => {
    for (const rendered of stackDashboards(resolve(richSettings()))) {
      const parsed = JSON.parse(rendered.json);
      expect(parsed.uid).toBe(rendered.uid);
      expect(rendered.folder).toMatch(/^[a-z0-9-]+$/);
      expect(rendered.json).not.toMatch(/password|secret|token/i);
    }
  });
});
