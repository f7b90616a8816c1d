import { freePort, Running, start, waitFor } from '../support/processes';
import { realTool, TOOLS, toolVersion } from '../support/tools';
import { MariaDbServer, testPassword } from './database-servers';
import { report, runDatabaseScenario } from './database-stack';

const bins = {
  prometheus: realTool(TOOLS.prometheus),
  alertmanager: realTool(TOOLS.alertmanager),
  exporter: realTool(TOOLS.mysqldExporter),
  mariadbd: realTool(TOOLS.mariadbd),
  installDb: realTool(TOOLS.mariadbInstallDb),
  mariadb: realTool(TOOLS.mariadb),
};
const versions = [bins.mariadbd, bins.exporter].map((b) => (b ? toolVersion(b) : 'missing')).join('; ');
const MAX_CONNECTIONS = 20;
/** Client sessions: with the exporter's 16 of 20 threads connected (0.8), over the 0.75 threshold set below. */
const CLIENTS = 15;

/**
 * The exporter's grants as the README documents them (section "Declaring databases"), plus SLAVE
 * MONITOR: MariaDB 10.5+ requires it for SHOW SLAVE STATUS (mysqld_exporter's default slave_status
 * collector), where MySQL accepts REPLICATION CLIENT; without it the exporter logs "Access denied;
 * you need (at least one of) the SUPER, SLAVE MONITOR privilege(s)" on every scrape.
 */
const GRANTS = [
  "GRANT PROCESS, REPLICATION CLIENT ON *.* TO 'exporter'@'127.0.0.1'",
  "GRANT SELECT ON performance_schema.* TO 'exporter'@'127.0.0.1'",
  "GRANT SLAVE MONITOR ON *.* TO 'exporter'@'127.0.0.1'",
];

/**
 * MariaDB 10.11 (Debian), mysqld_exporter run as our generated process, our scrape job and rules
 * on the real Prometheus, our routing on the real Alertmanager (steps: runDatabaseScenario).
 */
describe(`MariaDB on real servers (${versions})`, () => {
  (Object.values(bins).every(Boolean) ? it : it.skip)(
    'metrics with instance = the server, every panel has data, client sessions fire the connection alert, a stop pages critical',
    async () => {
      const password = testPassword();
      const measured = await runDatabaseScenario(
        {
          kind: 'mysql',
          downAlert: 'MySQLDown',
          connectionsAlert: 'MySQLConnectionsNearLimit',
          upMetric: 'mysql_up',
          metricPrefix: 'mysql_',
          connectionsThreshold: 0.75,
          noDataHere: { 'datastores/Replication lag': 'needs a replica: SHOW SLAVE STATUS is empty on a primary' },
          server: async (dir) => {
            const bin = { mariadbd: bins.mariadbd!, installDb: bins.installDb!, mariadb: bins.mariadb! };
            const server = new MariaDbServer(bin, dir, await freePort(), MAX_CONNECTIONS);
            await server.init();
            await server.start();
            await server.sql(
              `CREATE USER 'exporter'@'127.0.0.1' IDENTIFIED BY '${password}' WITH MAX_USER_CONNECTIONS 3; ${GRANTS.join('; ')};`,
            );
            const secret = { name: 'mysql-e2e', key: 'password' };
            return { server, instance: { address: server.address, user: 'exporter', passwordSecret: secret } };
          },
          load: async (db) => {
            const server = db as MariaDbServer;
            // A bounded client loop: CLIENTS sessions, each reading an InnoDB table once a second for at most 60 s.
            const queries = 'SELECT COUNT(*) FROM mysql.innodb_index_stats; DO SLEEP(1); '.repeat(60);
            const others = "FROM information_schema.PROCESSLIST WHERE USER = 'root' AND ID <> CONNECTION_ID()";
            const clients: Running[] = [];
            const close = async () => {
              // A running query outlives its client: end the sessions on the server, then the clients.
              const ids = await server.sql(`SELECT ID ${others}`);
              for (const id of ids.split('\n').filter(Boolean)) await server.sql(`KILL CONNECTION ${Number(id)}`).catch(() => undefined);
              await Promise.all(clients.map((c) => c.stop()));
            };
            for (let i = 0; i < CLIENTS; i++) clients.push(start(`mariadb-${i}`, bins.mariadb!, [...server.clientArgs(), '-e', queries]));
            await waitFor(
              `${CLIENTS} client sessions`,
              async () => (Number(await server.sql(`SELECT COUNT(*) ${others}`)) >= CLIENTS ? true : undefined),
              20_000,
              250,
            ).catch(async (error) => {
              await close();
              throw error;
            });
            return close;
          },
        },
        { prometheus: bins.prometheus!, alertmanager: bins.alertmanager!, exporter: bins.exporter! },
        password,
      );
      console.log(report('MariaDB', measured, `${CLIENTS} client sessions (+ the exporter: 16 of max_connections ${MAX_CONNECTIONS})`));
      expect(measured.panelQueries).toBeGreaterThan(0);
    },
    120_000,
  );
});
