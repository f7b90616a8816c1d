import { join } from 'path';
import { FakeService } from '../e2e/fake-service';
import { instantQuery } from '../e2e/monitoring';
import { freePort, waitFor } from '../support/processes';
import { realTool, TOOLS, toolVersion } from '../support/tools';
import { Cleanup, harnessSettings, killHard, ruleFilesWith, startPrometheus, writePrometheusFiles } from './harness';

const prometheus = realTool(TOOLS.prometheus);
const runIt = prometheus ? it : it.skip;

const SERVICE = 'demo-api';
/** A recording rule of the service's shipped rule file. */
const RECORDING = 'service:requests:rate5m';

const cleanup = new Cleanup();
let service: FakeService | undefined;
afterAll(async () => {
  await cleanup.stop();
  await service?.stop();
});

/**
 * Prometheus crash on the real binary: our generated prometheus.yml and the service's rule file,
 * 1s scrape/evaluation (test-only, by settings). kill -9 while it ingests, restart on the same data
 * directory: the samples from before the kill come back from the WAL, and the recording rule
 * writes new samples after the restart.
 */
describe(`Prometheus crash (${prometheus ? toolVersion(prometheus) : 'prometheus missing'})`, () => {
  runIt(
    'kill -9 during ingestion: samples from before the kill are queryable after the restart, and rules resume',
    async () => {
      const dir = cleanup.tempDir('prom-crash');
      const [promPort, servicePort] = await Promise.all([freePort(), freePort()]);
      service = new FakeService(servicePort);
      await service.start();
      const settings = harnessSettings({ interval: '1s' });
      const files = writePrometheusFiles(settings, dir, {
        targets: { prometheus: [`127.0.0.1:${promPort}`] },
        services: { [SERVICE]: [`127.0.0.1:${servicePort}`] },
        ruleFiles: ruleFilesWith(settings, [`service-${SERVICE}.yml`]),
      });
      const dataDir = join(dir, 'data');
      const upSeries = `up{job="${SERVICE}"}`;
      const ruleSeries = `${RECORDING}{service="${SERVICE}"}`;
      /** Number of samples of `selector` in the hour up to `atSeconds` (@ modifier), or up to now. */
      const countAt = async (url: string, selector: string, atSeconds?: number) => {
        const [sample] = await instantQuery(url, `count_over_time(${selector}[1h]${atSeconds === undefined ? '' : ` @ ${atSeconds}`})`);
        return sample?.value ?? 0;
      };
      try {
        const first = await startPrometheus(prometheus!, 'prometheus', files, dataDir, promPort, cleanup);
        await waitFor(
          '5 scrapes of the service and 3 recording-rule samples',
          async () => ((await countAt(first.url, upSeries)) >= 5 && (await countAt(first.url, ruleSeries)) >= 3 ? true : undefined),
          30_000,
          500,
        );
        // What was queryable just before the kill, and when.
        const queriedAt = Date.now() / 1000;
        const upBefore = await countAt(first.url, upSeries, queriedAt);
        const ruleBefore = await countAt(first.url, ruleSeries, queriedAt);
        await killHard(first.running);

        const restartedAt = Date.now() / 1000;
        const second = await startPrometheus(prometheus!, 'prometheus-restarted', files, dataDir, promPort, cleanup);
        expect(second.running.output()).toMatch(/WAL/);
        // WAL replay: every sample that was queryable at queriedAt is back (at most the in-flight scrape more).
        const upReplayed = await countAt(second.url, upSeries, queriedAt);
        const ruleReplayed = await countAt(second.url, ruleSeries, queriedAt);
        expect(upReplayed).toBeGreaterThanOrEqual(upBefore);
        expect(upReplayed).toBeLessThanOrEqual(upBefore + 1);
        expect(ruleReplayed).toBeGreaterThanOrEqual(ruleBefore);
        expect(ruleReplayed).toBeLessThanOrEqual(ruleBefore + 1);

        // Rules resume: the recording rule has samples newer than the restart.
        await waitFor(
          'the recording rule to write after the restart',
          async () => {
            const [latest] = await instantQuery(second.url, `timestamp(${ruleSeries})`);
            return latest && latest.value > restartedAt + 1 ? true : undefined;
          },
          20_000,
          500,
        );
        const resumed = (await countAt(second.url, ruleSeries)) - ruleReplayed;
        expect(resumed).toBeGreaterThanOrEqual(1);
        const [upNow] = await instantQuery(second.url, upSeries);
        expect(upNow.value).toBe(1);

        console.log(
          `prometheus-crash: before kill -9: ${upBefore} samples of up{job="${SERVICE}"}, ${ruleBefore} of ${RECORDING}; ` +
            `after the restart (WAL replay): ${upReplayed} and ${ruleReplayed} at the same time; ` +
            `${resumed} new ${RECORDING} samples since the restart`,
        );
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${cleanup.logs()}`, { cause: error });
      }
    },
    60_000,
  );
});
