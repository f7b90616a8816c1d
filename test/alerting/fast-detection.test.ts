import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { renderRuleFiles, ruleGroupsFor } from '../../constructs/stack/alerting';
import { stackEffectiveConfig } from '../support/prometheus-files';
import { resolveSettings } from '../../constructs/stack/resolve';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { DEMO, fullInput } from './fixtures';
import { expectedAnnotations, findRule } from './promtool-tests';

const promtool = realTool(TOOLS.promtool);
const version = promtool ? toolVersion(promtool) : 'promtool missing';
const dir = mkdtempSync(join(tmpdir(), 'alerting-fast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The example service with `alerting.fastDetection: true`. */
function fastSettings(alerts?: Record<string, { for?: string }>) {
  const base = fullInput();
  const demo = base.services![0];
  return resolveSettings({ ...base, services: [{ ...demo, alerting: { ...demo.alerting, fastDetection: true, alerts } }] }, 'test');
}

const up =
  `up{job="${DEMO.service}", instance="10.0.0.7:8080", namespace="${DEMO.namespace}", ` + `service="${DEMO.service}", team="${DEMO.team}"}`;
const labels = { job: DEMO.service, service: DEMO.service, namespace: DEMO.namespace, team: DEMO.team, severity: 'critical' };

describe('per-service fast detection', () => {
  it('scrapes the service every 5s and pages after 10s of failures; the service override still wins', () => {
    const settings = fastSettings();
    const config = stackEffectiveConfig(settings, {
      kind: 'static',
      targets: {},
      services: { [DEMO.service]: ['127.0.0.1:1'] },
      rulesDir: '/r',
    });
    const job = config.scrape_configs.find((j: { job_name: string }) => j.job_name === DEMO.service);
    expect(job).toMatchObject({ job_name: DEMO.service, scrape_interval: '5s' });
    const groups = Object.values(ruleGroupsFor(settings)).flat();
    const rule = findRule(groups, 'ServiceDown', { service: DEMO.service });
    expect(rule.for).toBe('10s');
    const group = groups.find((g) => g.rules.includes(rule));
    expect(group?.interval).toBe('5s');
    expect(findRule(Object.values(ruleGroupsFor(fastSettings({ ServiceDown: { for: '20s' } }))).flat(), 'ServiceDown').for).toBe('20s');
  });

  itWithTool(TOOLS.promtool)(`three failed 5s scrapes page, one or two never do (${version})`, () => {
    const settings = fastSettings();
    const groups = Object.values(ruleGroupsFor(settings)).flat();
    const rulesDir = join(dir, 'rules');
    mkdirSync(rulesDir);
    for (const [file, text] of Object.entries(renderRuleFiles(settings))) writeFileSync(join(rulesDir, file), text);
    const rule = findRule(groups, 'ServiceDown', { service: DEMO.service });
    const fires = [{ exp_labels: labels, exp_annotations: expectedAnnotations(rule, { labels, value: '100%' }, 'fast') }];
    const cases = [
      { name: 'three failed scrapes in a row page 10s after the first', values: '1 1 1 0 0 0 0 0', at: '25s', fires },
      { name: 'two failed scrapes in a row are still pending', values: '1 1 1 0 0 0 0 0', at: '20s', fires: [] },
      { name: 'one failed scrape never pages', values: '1 1 1 0 1 1 1 1', at: '35s', fires: [] },
      { name: 'two failed scrapes never page', values: '1 1 1 0 0 1 1 1', at: '35s', fires: [] },
    ];
    const testFile = join(dir, 'fast.test.yml');
    writeFileSync(
      testFile,
      stringify({
        rule_files: [join(rulesDir, `service-${DEMO.service}.yml`)],
        evaluation_interval: '5s',
        tests: cases.map((c) => ({
          name: c.name,
          interval: '5s',
          input_series: [{ series: up, values: c.values }],
          alert_rule_test: [{ alertname: 'ServiceDown', eval_time: c.at, exp_alerts: c.fires }],
        })),
      }),
    );
    const result = spawnSync(promtool as string, ['test', 'rules', testFile], { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`promtool test rules failed:\n${result.stdout}${result.stderr}`);
    expect(result.stdout).toMatch(/SUCCESS/);
  });
});
