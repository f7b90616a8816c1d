import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { parseDuration } from '../../config/duration';
import { ROUTING_DEFAULTS } from '../../constructs/alertmanager/files';
import { ExporterKind, ResolvedDatabaseInstance } from '../../constructs/datastores/settings';
import { mysqlKind } from '../../constructs/mysqld-exporter/kind';
import { postgresKind } from '../../constructs/postgres-exporter/kind';
import { redisKind } from '../../constructs/redis-exporter/kind';
import { buildDashboards } from '../../constructs/stack/dashboards';
import { resolveSettings } from '../../constructs/stack/resolve';
import { ResolvedSettings, StackSettings } from '../../constructs/stack/settings';
import { queriesOf } from '../dashboards/fixtures';
import { runPanelQueries } from '../dashboards/live-queries';
import { fixtureSettings } from '../support/fixtures';
import { freePort, Running, start, waitFor } from '../support/processes';
import { DatabaseServer } from './database-servers';
import { instantQuery, MonitoringBinaries, startMonitoring } from './monitoring';
import { Delivery, WebhookReceiver } from './webhook-receiver';

/** The database kinds with a real server here (Kafka has no Debian server package: promtool series cover it). */
export type ServerKind = 'postgres' | 'mysql' | 'redis';

const KINDS: Record<ServerKind, ExporterKind<any>> = { postgres: postgresKind, mysql: mysqlKind, redis: redisKind };

/**
 * Test-only timing, by settings: 2 s scrape (postgres_exporter takes ~1 s to answer while the
 * database refuses connections, so a 1 s scrape timeout would turn "database down" into a failed
 * scrape, TargetDown, instead of pg_up 0) and 1 s evaluation, `for` of the down alert 10 s and of
 * the connection alert 5 s (shipped: 1m and 5m), and 1 s / 2 s group wait / interval for the
 * non-critical routes so the warning and the resolved notifications come quickly. The critical
 * route keeps its shipped group_wait (10s).
 */
export const TIMING = {
  scrapeSeconds: 2,
  evaluationSeconds: 1,
  downForSeconds: 10,
  connectionsForSeconds: 5,
  groupWait: '1s',
  groupInterval: '2s',
};

/** Critical group_wait of the shipped routing. */
const CRITICAL_GROUP_WAIT_SECONDS = parseDuration(ROUTING_DEFAULTS.criticalGroupWait)! / 1000;

/** What a database test declares. */
export interface DatabaseScenario {
  readonly kind: ServerKind;
  /** Catalog alert names (constructs/datastores/alerts.ts). */
  readonly downAlert: string;
  readonly connectionsAlert: string;
  /** The exporter's `up` metric, e.g. `pg_up`. */
  readonly upMetric: string;
  /** Prefix of the exporter's metric names: the dashboard panels reading them are this database's. */
  readonly metricPrefix: string;
  /** Panels (`<dashboard uid>/<title>`) that cannot have data on this single server, each with the reason. */
  readonly noDataHere?: Readonly<Record<string, string>>;
  /** Connection-saturation threshold set through the instance's typed `thresholds.connections`. */
  readonly connectionsThreshold: number;
  /** Creates and starts the server in `dir`; returns it and the instance settings (without `name`, `thresholds`). */
  readonly server: (dir: string, password: string) => Promise<{ server: DatabaseServer; instance: Record<string, unknown> }>;
  /** Opens client connections up to near the limit (with some traffic); resolves once they are open, with a closer. */
  readonly load: (server: DatabaseServer) => Promise<() => Promise<void>>;
}

/** What a run measured (seconds), for the test output and the integrator's note. */
export interface Measurements {
  panelQueries: number;
  /** UIDs of the dashboards showing the database. */
  dashboards: string;
  /** Panels left out by `noDataHere`, with the reason. */
  withoutDataByDesign: string[];
  connectionsPageSeconds: number;
  connectionsValue: string;
  connectionsClearSeconds: number;
  stopToPageSeconds: number;
  promisedPageSeconds: number;
  restartToResolvedSeconds: number;
  /** The exporter's own process metrics, as Prometheus scraped them under load (2 s scrape interval). */
  exporterMemoryMiB: number;
  exporterCpuMillicores: number;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** Settings with one instance of the kind: the shipped defaults, the receivers pointed at the local webhook, test timing. */
export function databaseSettings(
  scenario: DatabaseScenario,
  webhook: WebhookReceiver,
  instance: Record<string, unknown>,
): ResolvedSettings {
  const { services: _services, ...base } = fixtureSettings('dev');
  const input: StackSettings = {
    ...base,
    prometheus: { ...base.prometheus, scrapeInterval: `${TIMING.scrapeSeconds}s`, evaluationInterval: `${TIMING.evaluationSeconds}s` },
    alerting: {
      ...base.alerting,
      receivers: { webhook: { url: webhook.url('/notify') } },
      routing: { groupWait: TIMING.groupWait, groupInterval: TIMING.groupInterval },
      alerts: {
        [scenario.downAlert]: { for: `${TIMING.downForSeconds}s` },
        [scenario.connectionsAlert]: { for: `${TIMING.connectionsForSeconds}s` },
      },
    },
    databases: { [scenario.kind]: [{ name: 'e2e', ...instance, thresholds: { connections: scenario.connectionsThreshold } }] },
  };
  return resolveSettings(input, `${scenario.kind} e2e`);
}

/**
 * Runs the instance's exporter as our generated process describes it (args, env, Secret uses),
 * with only the listen address moved to 127.0.0.1:port and the secrets directory to `dir`; every
 * Secret gets the test password (as a file or an environment variable, as generated).
 */
function startExporter(
  kind: ServerKind,
  instance: ResolvedDatabaseInstance,
  bin: string,
  port: number,
  dir: string,
  password: string,
): Running {
  const spec = instance.component.spec;
  const generated = KINDS[kind].process(instance.settings, spec);
  const secretsDir = join(dir, 'secrets');
  const local = (value: string) => (spec.secretsDir ? value.split(spec.secretsDir).join(secretsDir) : value);
  const args = generated.args.map((a) => (a.startsWith('--web.listen-address=') ? `--web.listen-address=127.0.0.1:${port}` : local(a)));
  const env: Record<string, string> = Object.fromEntries(Object.entries(generated.env).map(([k, v]) => [k, local(v)]));
  for (const use of generated.secrets) {
    if (use.env) env[use.env] = password;
    if (use.file) {
      mkdirSync(dirname(local(use.file)), { recursive: true });
      writeFileSync(local(use.file), password, { mode: 0o600 });
    }
  }
  return start(spec.name, bin, args, { env });
}

const isAlert = (d: Delivery, receiver: string, status: string, alertname: string, instance: string) =>
  d.body.receiver === receiver &&
  d.body.alerts.some((a) => a.status === status && a.labels.alertname === alertname && a.labels.instance === instance);

/**
 * The whole proof for one database, on 127.0.0.1 with free ports: server, our exporter process,
 * the real Prometheus with our generated scrape config and rules, the real Alertmanager with our
 * routing and a webhook receiver. Every wait is bounded; everything is stopped (by PID) and the
 * temp dir removed, also on failure.
 */
export async function runDatabaseScenario(
  scenario: DatabaseScenario,
  bins: MonitoringBinaries & { exporter: string },
  password: string,
): Promise<Measurements> {
  const dir = mkdtempSync(join(tmpdir(), `obs-${scenario.kind}-`));
  // Traversable (not listable) by PostgreSQL's unprivileged user; the secrets below are 0600.
  chmodSync(dir, 0o711);
  mkdirSync(join(dir, 'db'));
  const [promPort, amPort, exporterPort, hookPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const webhook = new WebhookReceiver(hookPort);
  const processes: Running[] = [];
  let server: DatabaseServer | undefined;
  let closeLoad: (() => Promise<void>) | undefined;
  const logs = () =>
    [...processes.map((p) => `--- ${p.name}\n${p.output().slice(-1500)}`), `--- database\n${server?.output().slice(-1500) ?? ''}`].join(
      '\n',
    ) + `\n--- webhook: ${webhook.summary()}`;
  const step = async <T>(what: string, body: () => Promise<T>): Promise<T> => {
    try {
      return await body();
    } catch (error) {
      throw new Error(`${scenario.kind}: ${what}: ${(error as Error).message}\n${logs()}`, { cause: error });
    }
  };
  try {
    await webhook.start();
    const created = await step('starting the database', () => scenario.server(join(dir, 'db'), password));
    server = created.server;
    const db = server;
    const settings = databaseSettings(scenario, webhook, created.instance);
    const instance = settings.databases[scenario.kind][0];
    expect(instance.instance).toBe(db.address);
    const exporter = startExporter(scenario.kind, instance, bins.exporter, exporterPort, dir, password);
    processes.push(exporter);
    const { prometheusUrl } = await step('starting Prometheus and Alertmanager', () =>
      startMonitoring(
        bins,
        settings,
        dir,
        { prometheus: promPort, alertmanager: amPort },
        { targets: { [instance.component.spec.name]: [`127.0.0.1:${exporterPort}`] } },
        processes,
      ),
    );
    const query = (expr: string) => instantQuery(prometheusUrl, expr);

    // 1. The exporter's series arrive with instance = the database address (job = the kind).
    const up = `${scenario.upMetric}{job="${scenario.kind}", instance="${db.address}"}`;
    await step(`waiting for ${up} == 1`, () =>
      waitFor(up, async () => ((await query(up))[0]?.value === 1 ? true : undefined), 30_000, 500),
    );

    // 2. Load near the connection limit: the connection alert pages the warning receiver.
    const loadStarted = Date.now();
    closeLoad = await step('opening the client connections', () => scenario.load(db));
    const connectionsPage = await step(`waiting for ${scenario.connectionsAlert}`, () =>
      webhook.waitFor(scenario.connectionsAlert, (d) => isAlert(d, 'warning', 'firing', scenario.connectionsAlert, db.address), 40_000),
    );
    const connectionsPageSeconds = seconds(connectionsPage.at - loadStarted);
    const connectionsValue =
      connectionsPage.body.alerts.find((a) => a.labels.alertname === scenario.connectionsAlert)?.annotations.description ?? '';

    // 3. While the load runs: every panel query of the dashboards showing this database returns data,
    // with the variables Grafana would pick (runPanelQueries; bounded: 20 rounds of 1 s).
    const reads = new RegExp(`\\b${scenario.metricPrefix}\\w+`);
    const dashboards = buildDashboards(settings)
      .map((d) => d.model)
      .filter((model) => queriesOf(model).some((q) => reads.test(q.expr)));
    const noData = scenario.noDataHere ?? {};
    const live = await step('running the panel queries', () => runPanelQueries(prometheusUrl, dashboards, noData, 20));
    expect({ stillEmpty: live.stillEmpty, errors: live.errors, excluded: live.excluded }).toEqual({
      stillEmpty: [],
      errors: {},
      excluded: Object.keys(noData),
    });
    const withoutDataByDesign = live.excluded.map((key) => `${key} (${noData[key]})`);
    // The exporter's footprint from its own process metrics (scraped through our job, so `job` = the kind).
    const footprint = async (expr: string) => (await query(expr))[0]?.value ?? NaN;
    const exporterMemoryMiB = Math.round(
      (await footprint(`max_over_time(process_resident_memory_bytes{job="${scenario.kind}"}[5m])`)) / 2 ** 20,
    );
    const exporterCpuMillicores = Math.round((await footprint(`rate(process_cpu_seconds_total{job="${scenario.kind}"}[10s])`)) * 1000);

    // 4. Closing the connections clears the alert (a resolved notification).
    const loadStopped = Date.now();
    await closeLoad();
    closeLoad = undefined;
    const cleared = await step(`waiting for ${scenario.connectionsAlert} to resolve`, () =>
      webhook.waitFor(
        `${scenario.connectionsAlert} resolved`,
        (d) => d.at >= loadStopped && isAlert(d, 'warning', 'resolved', scenario.connectionsAlert, db.address),
        30_000,
      ),
    );
    const connectionsClearSeconds = seconds(cleared.at - loadStopped);
    // The documented privileges are enough: the exporter logged no permission error while the database was up.
    expect(exporter.output()).not.toMatch(/denied|permission|privilege/i);

    // 5. Stopping the database pages the critical receiver within what the rule and the route promise.
    // The promise: up to one scrape interval until the next scrape, up to one scrape timeout (= the
    // interval) for its answer, one evaluation to go pending, `for`, then the critical group_wait.
    const promisedPageSeconds = TIMING.downForSeconds + 2 * TIMING.scrapeSeconds + TIMING.evaluationSeconds + CRITICAL_GROUP_WAIT_SECONDS;
    const stoppedAt = Date.now();
    await db.stop();
    const page = await step(`waiting for ${scenario.downAlert}`, () =>
      webhook.waitFor(
        scenario.downAlert,
        (d) => isAlert(d, 'critical', 'firing', scenario.downAlert, db.address),
        (promisedPageSeconds + 15) * 1000,
      ),
    );
    const stopToPageSeconds = seconds(page.at - stoppedAt);
    const alert = page.body.alerts.find((a) => a.labels.alertname === scenario.downAlert)!;
    expect(alert.labels).toMatchObject({
      severity: 'critical',
      job: scenario.kind,
      instance: db.address,
      database: 'e2e',
      cluster: 'dev-cluster',
    });
    expect(page.at - stoppedAt).toBeGreaterThanOrEqual(TIMING.downForSeconds * 1000);
    // Slack of 2 s for the evaluation-to-notification round trips (Prometheus -> Alertmanager -> webhook).
    expect(stopToPageSeconds).toBeLessThanOrEqual(promisedPageSeconds + 2);

    // 6. Restarting it resolves the page.
    const restartedAt = Date.now();
    await step('restarting the database', () => db.start());
    const resolved = await step(`waiting for ${scenario.downAlert} to resolve`, () =>
      webhook.waitFor(
        `${scenario.downAlert} resolved`,
        (d) => d.at >= restartedAt && isAlert(d, 'critical', 'resolved', scenario.downAlert, db.address),
        30_000,
      ),
    );
    return {
      panelQueries: live.total,
      dashboards: dashboards.map((d) => d.uid ?? '').join(', '),
      withoutDataByDesign,
      connectionsPageSeconds,
      connectionsValue,
      connectionsClearSeconds,
      stopToPageSeconds,
      promisedPageSeconds,
      restartToResolvedSeconds: seconds(resolved.at - restartedAt),
      exporterMemoryMiB,
      exporterCpuMillicores,
    };
  } finally {
    await closeLoad?.().catch(() => undefined);
    await Promise.all(processes.map((p) => p.stop()));
    await server?.stop();
    await webhook.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per database for the test output (and the integrator's note). */
export function report(kind: string, m: Measurements, loadWhat: string): string {
  return (
    `${kind}: ${m.panelQueries} panel queries (dashboards ${m.dashboards}) returned data` +
    `${m.withoutDataByDesign.length ? `, without data here by design: ${m.withoutDataByDesign.join('; ')}` : ''}; ` +
    `connection alert paged ${m.connectionsPageSeconds} s after ${loadWhat} (${m.connectionsValue}), ` +
    `cleared ${m.connectionsClearSeconds} s after closing them; ` +
    `stop to critical page ${m.stopToPageSeconds} s (promised <= ${m.promisedPageSeconds} s: ` +
    `for ${TIMING.downForSeconds}s + 2 x scrape + evaluation + critical group_wait ${CRITICAL_GROUP_WAIT_SECONDS}s); ` +
    `resolved ${m.restartToResolvedSeconds} s after restart; ` +
    `exporter footprint under load: ${m.exporterMemoryMiB} MiB RSS, ${m.exporterCpuMillicores}m CPU at a ${TIMING.scrapeSeconds} s scrape`
  );
}
