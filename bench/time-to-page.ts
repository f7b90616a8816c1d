/**
 * Time to page: from stopping a monitored target to the critical notification arriving at the
 * critical receiver, on the real binaries. Two settings: the shipped defaults (scrape and
 * evaluation 15s, availability group every 5s, ServiceDown `for: 30s`, critical group_wait 10s)
 * and a service with `alerting.fastDetection` (scrape 5s, ServiceDown `for: 10s`). Each run
 * starts a fresh loopback stack (so no Alertmanager group state carries over) and stops the
 * target at a random phase of the scrape interval.
 */
import { findTool, TOOLS } from '../test/support/tools';
import { isCriticalServiceDown, startLoopbackStack, waitServiceUp } from '../test/e2e/loopback-stack';
import { parseDuration } from '../config/duration';
import { summarize } from './synth';
import { FAST_DETECTION } from '../constructs/services/context';

async function oneRun(
  bins: { prometheus: string; alertmanager: string; nodeExporter: string },
  run: number,
  fastDetection: boolean,
): Promise<number> {
  const stack = await startLoopbackStack(bins, { fastDetection });
  try {
    await waitServiceUp(stack, 60_000);
    const scrapeMs = parseDuration(fastDetection ? FAST_DETECTION.scrapeInterval : stack.settings.prometheus.scrapeInterval) ?? 15_000;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * scrapeMs));
    const stoppedAt = Date.now();
    await stack.service.stop();
    const page = await stack.webhook.waitFor('the critical ServiceDown page', isCriticalServiceDown, 180_000);
    const seconds = (page.at - stoppedAt) / 1000;
    console.log(`  run ${run}: ${seconds.toFixed(1)} s`);
    return seconds;
  } finally {
    await stack.stop();
  }
}

export async function reportTimeToPage(
  runs = Number(process.env.BENCH_RUNS ?? 10),
  parallel = Number(process.env.BENCH_PARALLEL ?? 5),
): Promise<void> {
  const bins = {
    prometheus: findTool(TOOLS.prometheus),
    alertmanager: findTool(TOOLS.alertmanager),
    nodeExporter: findTool(TOOLS.nodeExporter),
  };
  if (!bins.prometheus || !bins.alertmanager || !bins.nodeExporter) {
    console.log('time-to-page: skipped (install prometheus, prometheus-alertmanager and prometheus-node-exporter)');
    return;
  }
  const resolved = bins as { prometheus: string; alertmanager: string; nodeExporter: string };
  const modes = [
    { fast: false, label: 'shipped defaults (scrape/eval 15s, availability group 5s, ServiceDown for 30s, critical group_wait 10s)' },
    { fast: true, label: 'fastDetection (scrape 5s, availability group 5s, ServiceDown for 10s, critical group_wait 10s)' },
  ];
  for (const mode of modes.filter(
    (m) => process.env.BENCH_MODE === undefined || process.env.BENCH_MODE === (m.fast ? 'fast' : 'default'),
  )) {
    console.log(`time-to-page: ${runs} runs, ${parallel} at a time, ${mode.label}`);
    const samples: number[] = [];
    for (let first = 1; first <= runs; first += parallel) {
      const batch = Array.from({ length: Math.min(parallel, runs - first + 1) }, (_, i) => oneRun(resolved, first + i, mode.fast));
      samples.push(...(await Promise.all(batch)));
    }
    const s = summarize(samples);
    console.log(
      `time-to-page median${mode.fast ? ' (fastDetection)' : ''}: ${s.median.toFixed(1)} s ` +
        `(n=${s.n}, min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)})`,
    );
  }
}

if (require.main === module) {
  reportTimeToPage().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
