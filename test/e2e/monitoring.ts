import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { renderRuleFiles } from '../../constructs/stack/alerting';
import { stackPrometheusConfig } from '../../constructs/registry';
import { withScrapeFiles } from '../support/prometheus-files';
import { ResolvedSettings } from '../../constructs/stack/settings';
import { writeAlertmanagerFiles } from './alertmanager-files';
import { http, Running, start, waitReady } from '../support/processes';

/** The real Prometheus and Alertmanager binaries. */
export interface MonitoringBinaries {
  readonly prometheus: string;
  readonly alertmanager: string;
}

/** Ports of the real Prometheus and Alertmanager. */
export interface MonitoringPorts {
  readonly prometheus: number;
  readonly alertmanager: number;
}

/**
 * Writes our generated prometheus.yml (static loopback topology: `targets` by workload name,
 * `services` by service name), rule files and Alertmanager files into `dir`, starts the real
 * Prometheus and Alertmanager on 127.0.0.1 (pushed onto `processes` as they start, so the
 * caller stops them even when a later step fails) and waits until both are ready.
 */
export async function startMonitoring(
  bins: MonitoringBinaries,
  settings: ResolvedSettings,
  dir: string,
  ports: MonitoringPorts,
  topology: { targets: Record<string, string[]>; services?: Record<string, string[]> },
  processes: Running[],
): Promise<{ prometheusUrl: string; alertmanagerUrl: string }> {
  const rulesDir = join(dir, 'rules');
  mkdirSync(rulesDir);
  for (const [file, text] of Object.entries(renderRuleFiles(settings))) writeFileSync(join(rulesDir, file), text);
  const promConfig = join(dir, 'prometheus.yml');
  writeFileSync(
    promConfig,
    stackPrometheusConfig(
      settings,
      withScrapeFiles(settings, dir, {
        kind: 'static',
        targets: {
          prometheus: [`127.0.0.1:${ports.prometheus}`],
          alertmanager: [`127.0.0.1:${ports.alertmanager}`],
          ...topology.targets,
        },
        services: topology.services ?? {},
        rulesDir,
      }),
    ),
  );
  const amConfig = writeAlertmanagerFiles(settings, join(dir, 'alertmanager'));
  const { url: alertmanagerUrl } = await startAlertmanager(
    bins.alertmanager,
    amConfig,
    join(dir, 'am-data'),
    ports.alertmanager,
    processes,
  );
  processes.push(
    start('prometheus', bins.prometheus, [
      `--config.file=${promConfig}`,
      `--storage.tsdb.path=${join(dir, 'prom-data')}`,
      `--web.listen-address=127.0.0.1:${ports.prometheus}`,
    ]),
  );
  const prometheusUrl = `http://127.0.0.1:${ports.prometheus}`;
  await waitReady(`${prometheusUrl}/-/ready`);
  return { prometheusUrl, alertmanagerUrl };
}

/**
 * Starts the real Alertmanager with a config file on 127.0.0.1:`port`, its state in `storage`, as
 * a single node (no gossip), pushed onto `processes` before it is waited for; resolves when it is
 * ready, or rejects with its output.
 */
export async function startAlertmanager(
  bin: string,
  config: string,
  storage: string,
  port: number,
  processes: Running[],
): Promise<{ running: Running; url: string }> {
  const running = start('alertmanager', bin, [
    `--config.file=${config}`,
    `--storage.path=${storage}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ]);
  processes.push(running);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/-/ready`).catch((error) => {
    throw new Error(`${error}\n${running.output()}`);
  });
  return { running, url };
}

/** One series of an instant query. */
export interface Sample {
  readonly metric: Record<string, string>;
  readonly value: number;
}

/** Instant query against the real Prometheus; throws on a query error (e.g. a PromQL syntax error). */
export async function instantQuery(prometheusUrl: string, expr: string): Promise<Sample[]> {
  const res = await http('GET', `${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = JSON.parse(res.body);
  if (body.status !== 'success') throw new Error(`query ${expr}: ${body.error ?? res.status}`);
  if (body.data.resultType === 'scalar') return [{ metric: {}, value: Number(body.data.result[1]) }];
  return body.data.result.map((r: { metric: Record<string, string>; value: [number, string] }) => ({
    metric: r.metric,
    value: Number(r.value[1]),
  }));
}
