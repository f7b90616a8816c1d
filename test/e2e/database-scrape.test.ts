import { createServer, Server } from 'http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stackPrometheusConfig } from '../../constructs/registry';
import { withScrapeFiles } from '../support/prometheus-files';
import { renderRuleFiles } from '../../constructs/stack/alerting';
import { resolveSettings } from '../../constructs/stack/resolve';
import { closeServer, freePort, http, Running, start, waitFor, waitReady } from '../support/processes';
import { databaseFixture, fixtureSettings } from '../support/fixtures';
import { realTool, TOOLS, toolVersion } from '../support/tools';

/**
 * The generated database scrape job and instance rules on the real Prometheus: a stand-in
 * postgres_exporter (loopback HTTP, real metric names) reports its database down; Prometheus must
 * store the series with job="postgres" and instance = the declared database address (not the
 * exporter's 127.0.0.1:port), and the PostgresDown rule of that instance must go pending with
 * the instance's labels. The real-server drills (PostgreSQL, MariaDB, Redis) are the db-e2e tests.
 */
const prometheus = realTool(TOOLS.prometheus);
const runIt = prometheus ? it : it.skip;
if (!prometheus) console.warn('database-scrape.test.ts: skipped, install Prometheus 3.5 into tools/bin (scripts/install-tools.sh)');

const DATABASE = databaseFixture().postgres![0];

async function query(base: string, expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const body = JSON.parse((await http('GET', `${base}/api/v1/query?query=${encodeURIComponent(expr)}`)).body);
  return body?.data?.result ?? [];
}

describe(`database scrape job and rules on ${prometheus ? toolVersion(prometheus) : 'Prometheus (missing)'}`, () => {
  let dir: string;
  let exporter: Server | undefined;
  let running: Running | undefined;
  afterAll(async () => {
    await running?.stop();
    await closeServer(exporter);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  runIt(
    'instance is the database address and the instance rule selects it',
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'db-scrape-'));
      const [promPort, exporterPort] = await Promise.all([freePort(), freePort()]);
      exporter = createServer((req, res) => {
        res.writeHead(req.url === '/metrics' ? 200 : 404, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(req.url === '/metrics' ? '# TYPE pg_up gauge\npg_up 0\n' : '');
      });
      await new Promise<void>((resolve) => exporter!.listen(exporterPort, '127.0.0.1', resolve));

      const settings = resolveSettings(
        { ...fixtureSettings('dev'), prometheus: { scrapeInterval: '1s', evaluationInterval: '1s' }, databases: { postgres: [DATABASE] } },
        'e2e',
      );
      const rulesDir = join(dir, 'rules');
      mkdirSync(rulesDir);
      writeFileSync(join(rulesDir, 'databases.yml'), renderRuleFiles(settings)['databases.yml']);
      const config = join(dir, 'prometheus.yml');
      const text = stackPrometheusConfig(
        settings,
        withScrapeFiles(settings, dir, {
          kind: 'static',
          targets: { 'postgres-exporter-orders': [`127.0.0.1:${exporterPort}`] },
          services: {},
          rulesDir,
        }),
      );
      writeFileSync(config, text);
      running = start('prometheus', prometheus!, [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ]);
      const base = `http://127.0.0.1:${promPort}`;
      await waitReady(`${base}/-/ready`);

      const series = await waitFor(
        'pg_up to be scraped',
        async () => ((await query(base, 'pg_up')).length ? query(base, 'pg_up') : undefined),
        20_000,
      );
      expect(series.map((s) => s.metric)).toEqual([
        expect.objectContaining({ __name__: 'pg_up', job: 'postgres', instance: 'orders-db.data.svc:5432' }),
      ]);
      expect(JSON.stringify(series)).not.toContain(`127.0.0.1:${exporterPort}`);
      const pending = await waitFor(
        'PostgresDown to go pending',
        async () => {
          const alerts = await query(base, 'ALERTS{alertname="PostgresDown"}');
          return alerts.length ? alerts : undefined;
        },
        20_000,
      );
      expect(pending[0].metric).toEqual(
        expect.objectContaining({ alertstate: 'pending', instance: 'orders-db.data.svc:5432', database: 'orders', severity: 'critical' }),
      );
    },
    60_000,
  );
});
