import { basename, join } from 'path';
import { FakeService } from '../e2e/fake-service';
import { instantQuery } from '../e2e/monitoring';
import { freePort, waitFor } from '../support/processes';
import { realTool, TOOLS, toolVersion } from '../support/tools';
import {
  Cleanup,
  harnessSettings,
  killHard,
  largestGap,
  sleep,
  startPrometheus,
  startVictoriaMetrics,
  VictoriaMetrics,
  writePrometheusFiles,
} from './harness';

const prometheus = realTool(TOOLS.prometheus);
const victoriaMetrics = realTool(TOOLS.victoriaMetrics);
const versions = [prometheus, victoriaMetrics].map((bin) => (bin ? toolVersion(bin) || basename(bin) : 'missing')).join('; ');
const runIt = prometheus && victoriaMetrics ? it : it.skip;

/** Scrape interval of the run, and VictoriaMetrics' dedup interval (the same, as deployed). */
const INTERVAL_MS = 1000;
const INTERVAL = `${INTERVAL_MS / 1000}s`;
const SERVICE = 'demo-api';
const REPLICA_LABEL = 'replica';

const cleanup = new Cleanup();
afterAll(() => cleanup.stop());

/**
 * HA dedup on the real binaries: two Prometheus replicas run our generated prometheus.yml for
 * one loopback topology, each with its own `replica` external label, and remote-write into a
 * real VictoriaMetrics started with `-dedup.minScrapeInterval` = the scrape interval, the
 * `replica` label dropped on write. A second VictoriaMetrics gets the same writes with the label
 * kept and no dedup: the view a query layer has without deduplication.
 */
describe(`HA dedup: two Prometheus replicas into VictoriaMetrics (${versions})`, () => {
  runIt(
    'the global view holds one series per target, and kill -9 of one replica leaves no gap',
    async () => {
      const dir = cleanup.tempDir('ha-dedup');
      const [portA, portB, dedupPort, rawPort, servicePort] = await Promise.all([
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
      ]);
      const service = new FakeService(servicePort);
      await service.start();
      try {
        const [dedup, raw] = await Promise.all([
          startVictoriaMetrics(victoriaMetrics!, 'vm-dedup', join(dir, 'vm-dedup'), dedupPort, INTERVAL, cleanup),
          startVictoriaMetrics(victoriaMetrics!, 'vm-raw', join(dir, 'vm-raw'), rawPort, undefined, cleanup),
        ]);
        const settings = harnessSettings({ interval: INTERVAL });
        const targets = { prometheus: [`127.0.0.1:${portA}`, `127.0.0.1:${portB}`] };
        const services = { [SERVICE]: [`127.0.0.1:${servicePort}`] };
        const replicaOf = async (name: 'a' | 'b', port: number) => {
          const files = writePrometheusFiles(settings, join(dir, `prom-${name}`), {
            targets,
            services,
            replica: name,
            remoteWrite: [{ url: dedup.writeUrl, dropLabels: [REPLICA_LABEL] }, { url: raw.writeUrl }],
          });
          return startPrometheus(prometheus!, `prometheus-${name}`, files, join(dir, `prom-${name}`, 'data'), port, cleanup);
        };
        const [replicaA] = await Promise.all([replicaOf('a', portA), replicaOf('b', portB)]);

        // Both replicas write: the raw store sees the service's `up` twice (replica a and b).
        await waitFor(
          'both replicas to reach the raw store',
          async () => {
            await raw.flush();
            const series = await instantQuery(raw.url, `up{job="${SERVICE}"}`);
            return series.length === 2 ? true : undefined;
          },
          30_000,
          500,
        );
        await sleep(5 * INTERVAL_MS);
        await Promise.all([dedup.flush(), raw.flush()]);

        // The global view: one series per target in the dedup store, two without dedup.
        const perTarget = async (vm: VictoriaMetrics) =>
          Object.fromEntries(
            (await instantQuery(vm.url, 'count by (job, instance) (up)')).map((s) => [`${s.metric.job}/${s.metric.instance}`, s.value]),
          );
        const dedupCounts = await perTarget(dedup);
        const rawCounts = await perTarget(raw);
        const targetNames = [
          `prometheus/127.0.0.1:${portA}`,
          `prometheus/127.0.0.1:${portB}`,
          `${SERVICE}/127.0.0.1:${servicePort}`,
        ].sort();
        expect(Object.keys(dedupCounts).sort()).toEqual(targetNames);
        expect(Object.values(dedupCounts)).toEqual([1, 1, 1]);
        expect(Object.keys(rawCounts).sort()).toEqual(targetNames);
        expect(Object.values(rawCounts)).toEqual([2, 2, 2]);
        // Every series, not only `up`: the raw store holds each twice.
        const [dedupAll] = await instantQuery(dedup.url, 'count({__name__=~".+"})');
        const [rawAll] = await instantQuery(raw.url, 'count({__name__=~".+"})');
        expect(rawAll.value).toBe(2 * dedupAll.value);
        expect(await instantQuery(dedup.url, `count({${REPLICA_LABEL}!=""})`)).toEqual([]);

        // Samples: one per interval in the dedup store, about two per interval without.
        const windowEnd = Date.now() - 2 * INTERVAL_MS;
        const windowStart = windowEnd - 4 * INTERVAL_MS;
        const dedupSamples = (await dedup.samples(`up{job="${SERVICE}"}`, windowStart, windowEnd)).flatMap((s) => s.timestamps);
        const rawSamples = (await raw.samples(`up{job="${SERVICE}"}`, windowStart, windowEnd)).flatMap((s) => s.timestamps);
        expect(dedupSamples.length).toBeLessThanOrEqual(5);
        expect(rawSamples.length).toBeGreaterThanOrEqual(dedupSamples.length + 3);

        // kill -9 one replica mid-ingestion; the survivor keeps the series without a gap.
        const killedAt = Date.now();
        await killHard(replicaA.running);
        await sleep(5 * INTERVAL_MS);
        await waitFor(
          'the surviving replica to write past the kill',
          async () => {
            await Promise.all([dedup.flush(), raw.flush()]);
            const survivor = await raw.samples(`up{job="${SERVICE}",${REPLICA_LABEL}="b"}`, killedAt, Date.now());
            return Math.max(...survivor.flatMap((s) => s.timestamps)) >= killedAt + 4 * INTERVAL_MS ? true : undefined;
          },
          15_000,
          500,
        );
        const from = killedAt - 5 * INTERVAL_MS;
        const to = killedAt + 4 * INTERVAL_MS;
        const [series, ...others] = await dedup.samples(`up{job="${SERVICE}"}`, from, to);
        expect(others).toEqual([]);
        const around = series.timestamps.filter((t) => t <= to);
        expect(around[0]).toBeLessThanOrEqual(killedAt - 3 * INTERVAL_MS);
        expect(around[around.length - 1]).toBeGreaterThanOrEqual(killedAt + 3 * INTERVAL_MS);
        const gap = largestGap(around);
        expect(gap).toBeLessThanOrEqual(2 * INTERVAL_MS);
        // The killed replica really stopped writing.
        const killed = await raw.samples(`up{job="${SERVICE}",${REPLICA_LABEL}="a"}`, killedAt, Date.now());
        expect(killed.flatMap((s) => s.timestamps).filter((t) => t > killedAt + INTERVAL_MS)).toEqual([]);

        console.log(
          `ha-dedup: series per target ${JSON.stringify(dedupCounts)} with dedup, ${JSON.stringify(rawCounts)} without; ` +
            `all series ${dedupAll.value} vs ${rawAll.value}; ` +
            `up{job="${SERVICE}"} samples in 4s: ${dedupSamples.length} vs ${rawSamples.length}; ` +
            `around the kill: ${around.length} samples, largest gap ${gap} ms (scrape interval ${INTERVAL_MS} ms)`,
        );
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${cleanup.logs()}`, { cause: error });
      } finally {
        await service.stop();
      }
    },
    60_000,
  );
});
