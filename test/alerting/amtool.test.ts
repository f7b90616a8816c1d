import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { fixtureSettings } from '../support/fixtures';
import { resolveSettings } from '../../constructs/stack/resolve';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { writeAlertmanagerFiles } from '../e2e/alertmanager-files';
import { fullSettings, withAlerting } from './fixtures';

const amtool = realTool(TOOLS.amtool);
const version = amtool ? toolVersion(amtool) : 'amtool missing';
const dir = mkdtempSync(join(tmpdir(), 'alerting-amtool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function amtoolRun(args: string[]): { status: number | null; output: string; stdout: string } {
  const result = spawnSync(amtool as string, args, { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}

describe(`alertmanager.yml checked by ${version}`, () => {
  const cases = {
    'default dev': resolveSettings(fixtureSettings('dev'), 'test'),
    'default prod': resolveSettings(fixtureSettings('prod'), 'test'),
    'all receivers': fullSettings(),
    'no receivers': withAlerting({ receivers: {}, watchdog: {} }),
  };
  for (const [name, settings] of Object.entries(cases)) {
    itWithTool(TOOLS.amtool)(`amtool check-config accepts the config and loads the templates (${name})`, () => {
      const path = writeAlertmanagerFiles(settings, join(dir, name.replace(/ /g, '-')));
      const result = amtoolRun(['check-config', path]);
      expect(result.output).toContain('SUCCESS');
      expect(result.output).toMatch(/6 inhibit rules/);
      expect(result.output).toMatch(/5 receivers/);
      expect(result.output).toMatch(/1 templates/);
      expect(result.status).toBe(0);
    });
  }
});

describe(`routing tested with amtool config routes test (${version})`, () => {
  const settings = withAlerting({ routes: [{ matchers: { team: 'data' }, receiver: 'null' }] });
  let path = '';
  beforeAll(() => {
    path = writeAlertmanagerFiles(settings, join(dir, 'routes'));
  });
  const cases: Array<[string, string[], string]> = [
    [
      'critical goes to the critical receiver (PagerDuty, Slack, e-mail)',
      ['alertname=ServiceDown', 'severity=critical', 'service=demo-api'],
      'critical',
    ],
    ['warning goes to the warning receiver (Slack)', ['alertname=ServiceHighLatency', 'severity=warning', 'service=demo-api'], 'warning'],
    [
      'one instance down is a warning: it goes to Slack, not to the pager',
      ['alertname=ServiceInstanceDown', 'severity=warning', 'service=demo-api', 'instance=10.0.0.7:8080'],
      'warning',
    ],
    ['a missing scrape target pages', ['alertname=ServiceTargetMissing', 'severity=critical', 'service=demo-api'], 'critical'],
    ['info goes to the info receiver (e-mail)', ['alertname=Something', 'severity=info'], 'info'],
    ['the Watchdog goes to its heartbeat receiver', ['alertname=Watchdog', 'severity=none'], 'watchdog'],
    ['an alert without severity falls back to warning', ['alertname=UserAlert'], 'warning'],
    ['a user route comes before the severity routes', ['alertname=ServiceDown', 'severity=critical', 'team=data'], 'null'],
  ];
  for (const [why, labels, receiver] of cases) {
    itWithTool(TOOLS.amtool)(why, () => {
      const result = amtoolRun(['config', 'routes', 'test', `--config.file=${path}`, ...labels]);
      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe(receiver);
    });
  }
});
