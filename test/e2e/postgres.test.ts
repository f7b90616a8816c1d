import { freePort, start, waitFor } from '../support/processes';
import { realTool, TOOLS, toolVersion } from '../support/tools';
import { PostgresServer, run, testPassword } from './database-servers';
import { report, runDatabaseScenario } from './database-stack';

const bins = {
  prometheus: realTool(TOOLS.prometheus),
  alertmanager: realTool(TOOLS.alertmanager),
  exporter: realTool(TOOLS.postgresExporter),
  postgres: realTool(TOOLS.postgres),
  initdb: realTool(TOOLS.initdb),
  psql: realTool(TOOLS.psql),
  pgbench: realTool(TOOLS.pgbench),
};
const versions = [bins.postgres, bins.exporter].map((b) => (b ? toolVersion(b) : 'missing')).join('; ');
const MAX_CONNECTIONS = 20;
/** pgbench clients: 15 of 20 connections (0.75) as pg_stat_activity_count counts them, over the 0.7 threshold set below. */
const CLIENTS = 15;

/** pgbench as the superuser over the server's Unix socket. */
const pgbench = (server: PostgresServer, args: string[]) =>
  [bins.pgbench!, ['-h', server.socketDir, '-p', String(server.port), '-U', 'postgres', ...args]] as const;

/**
 * PostgreSQL 15 (Debian), postgres_exporter run as our generated process, our scrape job and
 * rules on the real Prometheus, our routing on the real Alertmanager (steps: runDatabaseScenario).
 */
describe(`PostgreSQL on real servers (${versions})`, () => {
  (Object.values(bins).every(Boolean) ? it : it.skip)(
    'metrics with instance = the server, every panel has data, pgbench fires the connection alert, a stop pages critical',
    async () => {
      const password = testPassword();
      const measured = await runDatabaseScenario(
        {
          kind: 'postgres',
          downAlert: 'PostgresDown',
          connectionsAlert: 'PostgresConnectionsNearLimit',
          upMetric: 'pg_up',
          metricPrefix: 'pg_',
          connectionsThreshold: 0.7,
          server: async (dir) => {
            const bin = { postgres: bins.postgres!, initdb: bins.initdb!, psql: bins.psql! };
            const server = new PostgresServer(bin, dir, await freePort(), MAX_CONNECTIONS);
            await server.init();
            await server.start();
            // The exporter's role has pg_monitor and nothing more, as the settings document.
            await server.sql(`CREATE ROLE exporter LOGIN PASSWORD '${password}'; GRANT pg_monitor TO exporter;`);
            // queryStatistics: the extension in the exporter's database (`postgres`).
            await server.sql('CREATE EXTENSION pg_stat_statements');
            await server.sql('CREATE DATABASE bench');
            await run(...pgbench(server, ['-i', '-q', '-s', '1', 'bench']), { timeoutMs: 30_000 });
            const secret = { name: 'postgres-e2e', key: 'password' };
            return {
              server,
              instance: { address: server.address, user: 'exporter', passwordSecret: secret, sslMode: 'disable', queryStatistics: true },
            };
          },
          load: async (db) => {
            const server = db as PostgresServer;
            // Rate-limited TPC-B-like transactions on CLIENTS connections, for at most 90 s.
            const load = start('pgbench', ...pgbench(server, ['-n', '-c', String(CLIENTS), '-j', '2', '-R', '50', '-T', '90', 'bench']));
            await waitFor(
              `${CLIENTS} pgbench sessions`,
              async () => {
                if (load.child.exitCode !== null) throw new Error(`pgbench exited: ${load.output()}`);
                const sessions = Number(await server.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgbench'"));
                return sessions >= CLIENTS ? true : undefined;
              },
              20_000,
              250,
            ).catch(async (error) => {
              await load.stop();
              throw error;
            });
            return () => load.stop();
          },
        },
        { prometheus: bins.prometheus!, alertmanager: bins.alertmanager!, exporter: bins.exporter! },
        password,
      );
      console.log(
        report('PostgreSQL', measured, `pgbench -c ${CLIENTS} (${CLIENTS} of max_connections ${MAX_CONNECTIONS}, threshold 0.7)`),
      );
      expect(measured.panelQueries).toBeGreaterThan(0);
    },
    120_000,
  );
});
