import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { isAlertRule } from '../../config/rules';
import { absentJobExpr } from '../../config/alerting/coverage';
import { stackPrometheusConfig, stackScrapeJobs } from '../../constructs/registry';
import { withScrapeFiles } from '../support/prometheus-files';
import { renderRuleFiles, ruleGroupsFor } from '../../constructs/stack/alerting';
import { ANNOTATED_PODS_JOB } from '../../constructs/services/scrape';
import { freePort, http, Running, start, waitFor, waitReady } from '../support/processes';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { fullSettings } from './fixtures';

const settings = fullSettings({ prometheus: { storage: '10Gi', scrapeInterval: '1s', evaluationInterval: '1s' } });
const alerts = Object.values(ruleGroupsFor(settings))
  .flat()
  .flatMap((g) => g.rules.filter(isAlertRule));
/** Jobs of the declared services: their absent alerts (ServiceDown) belong to the services' alerts. */
const serviceJobs = new Set([ANNOTATED_PODS_JOB, ...settings.services.map((s) => s.name)]);
/** job -> alert, for every absent alert of a job the stack ships. */
const absentByJob = new Map(
  alerts.flatMap((a) => {
    const job = /absent\(up\{job="([^"]+)"\}/.exec(a.expr)?.[1];
    return job && !serviceJobs.has(job) ? [[job, a] as const] : [];
  }),
);

describe('absent alerts', () => {
  it('every job the stack ships on Kubernetes has one; the declared services are left to their own alerts', () => {
    const jobs = stackScrapeJobs(settings, { kind: 'kubernetes' })
      .map((j) => j.job_name as string)
      .filter((job) => !serviceJobs.has(job));
    expect(jobs).toEqual(expect.arrayContaining(['prometheus', 'alertmanager', 'grafana', 'node-exporter', 'kube-state-metrics']));
    expect(jobs.filter((job) => !absentByJob.has(job))).toEqual([]);
    for (const job of jobs) expect(absentByJob.get(job)?.for).toBe('15m');
  });

  it('is gated on the job being configured, except for Prometheus itself whose discovery metric would vanish with it', () => {
    expect(absentJobExpr('kubelet')).toContain('prometheus_sd_discovered_targets{config="kubelet", name="scrape"}');
    expect(absentJobExpr('prometheus', false)).not.toContain('prometheus_sd_discovered_targets');
    for (const [job, alert] of absentByJob) expect([job, alert.expr.includes(`config="${job}"`)]).toEqual([job, job !== 'prometheus']);
  });
});

const prometheus = realTool(TOOLS.prometheus);
const version = prometheus ? toolVersion(prometheus).split(' (')[0] : 'prometheus missing';
describe(`absent alerts on a Docker-like configuration (real ${version})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'absent-'));
  let running: Running | undefined;
  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  itWithTool(TOOLS.prometheus)(
    'jobs configured but down go pending; Kubernetes-only jobs, absent from the configuration, stay inactive',
    async () => {
      const [port, closed] = [await freePort(), await freePort()];
      const rulesDir = join(dir, 'rules');
      mkdirSync(rulesDir);
      for (const [file, text] of Object.entries(renderRuleFiles(settings))) writeFileSync(join(rulesDir, file), text);
      const config = stackPrometheusConfig(
        settings,
        withScrapeFiles(settings, dir, {
          kind: 'static',
          // Prometheus scrapes itself; Alertmanager and node-exporter are configured on a port nobody listens on.
          targets: { prometheus: [`127.0.0.1:${port}`], alertmanager: [`127.0.0.1:${closed}`], 'node-exporter': [`127.0.0.1:${closed}`] },
          services: {},
          rulesDir,
        }),
      );
      writeFileSync(join(dir, 'prometheus.yml'), config);
      running = start('prometheus', prometheus as string, [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ]);
      const url = `http://127.0.0.1:${port}`;
      await waitReady(`${url}/-/ready`, 30000).catch((e) => {
        throw new Error(`${(e as Error).message}\n${running?.output()}`);
      });
      const states = () =>
        http('GET', `${url}/api/v1/rules?type=alert`).then((r) => {
          const groups = JSON.parse(r.body).data.groups as Array<{ rules: Array<{ name: string; state: string }> }>;
          return Object.fromEntries(groups.flatMap((g) => g.rules).map((rule) => [rule.name, rule.state]));
        });
      const seen = await waitFor(
        'NodeExporterAbsent and AlertmanagerAbsent to go pending',
        async () => {
          const s = await states();
          return s.NodeExporterAbsent === 'pending' && s.AlertmanagerAbsent === 'pending' ? s : undefined;
        },
        30000,
        500,
      );
      expect({
        KubeletDown: seen.KubeletDown,
        KubeAPIDown: seen.KubeAPIDown,
        KubeStateMetricsAbsent: seen.KubeStateMetricsAbsent,
        CadvisorAbsent: seen.CadvisorAbsent,
        GrafanaAbsent: seen.GrafanaAbsent,
        PrometheusAbsent: seen.PrometheusAbsent,
      }).toEqual({
        KubeletDown: 'inactive',
        KubeAPIDown: 'inactive',
        KubeStateMetricsAbsent: 'inactive',
        CadvisorAbsent: 'inactive',
        GrafanaAbsent: 'inactive',
        PrometheusAbsent: 'inactive',
      });
    },
    60000,
  );
});
