import { freePort } from '../support/processes';
import { realTool, TOOLS, toolVersion } from '../support/tools';
import { openRedisClients, RedisServer, testPassword } from './database-servers';
import { report, runDatabaseScenario } from './database-stack';

const bins = {
  prometheus: realTool(TOOLS.prometheus),
  alertmanager: realTool(TOOLS.alertmanager),
  exporter: realTool(TOOLS.redisExporter),
  redisServer: realTool(TOOLS.redisServer),
};
const versions = [bins.redisServer, bins.exporter]
  .map((b) => (b ? toolVersion(b).replace(/^.*msg="(Redis Metrics Exporter \S+).*$/, '$1') : 'missing'))
  .join('; ');
const MAX_CLIENTS = 20;
/** Client connections: 16 of maxclients 20 (0.8), over the 0.75 threshold set below. */
const CLIENTS = 16;

/**
 * Redis 7.0 (Debian) with requirepass, redis_exporter run as our generated process, our scrape
 * job and rules on the real Prometheus, our routing on the real Alertmanager (steps: runDatabaseScenario).
 */
describe(`Redis on real servers (${versions})`, () => {
  (Object.values(bins).every(Boolean) ? it : it.skip)(
    'metrics with instance = the server, every panel has data, client connections fire the connection alert, a stop pages critical',
    async () => {
      const password = testPassword();
      const measured = await runDatabaseScenario(
        {
          kind: 'redis',
          downAlert: 'RedisDown',
          connectionsAlert: 'RedisConnectionsNearLimit',
          upMetric: 'redis_up',
          metricPrefix: 'redis_',
          connectionsThreshold: 0.75,
          server: async (dir) => {
            const server = new RedisServer(bins.redisServer!, dir, await freePort(), MAX_CLIENTS, password);
            await server.start();
            return { server, instance: { address: server.address, passwordSecret: { name: 'redis-e2e', key: 'password' } } };
          },
          load: async (db) => {
            const close = await openRedisClients(db.port, password, CLIENTS);
            return async () => close();
          },
        },
        { prometheus: bins.prometheus!, alertmanager: bins.alertmanager!, exporter: bins.exporter! },
        password,
      );
      console.log(report('Redis', measured, `${CLIENTS} client connections (of maxclients ${MAX_CLIENTS})`));
      expect(measured.panelQueries).toBeGreaterThan(0);
    },
    120_000,
  );
});
