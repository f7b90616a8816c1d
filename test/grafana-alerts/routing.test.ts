import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { grafanaAlertingModel } from '../../constructs/grafana/alerting';
import { resolveSettings } from '../../constructs/stack/resolve';
import { writeAlertmanagerFiles } from '../e2e/alertmanager-files';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { grafanaAlertsSettings, ORDERS_FRESHNESS } from './fixtures';

const amtool = realTool(TOOLS.amtool);
const version = amtool ? toolVersion(amtool) : 'amtool missing';
const dir = mkdtempSync(join(tmpdir(), 'grafana-alerts-amtool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A Grafana-managed alert reaches the stack's Alertmanager with the rule's labels plus
 * `alertname` (the rule title) and `grafana_folder`; the real amtool routes those label sets
 * through the stack's generated alertmanager.yml.
 */
describe(`Grafana-managed alerts in the stack's Alertmanager routing (${version})`, () => {
  const settings = resolveSettings(grafanaAlertsSettings('dev'), 'obs');
  const model = grafanaAlertingModel(settings.grafana.alerts);
  const rule = model.groups[0].group.rules![0];
  const labels = (severity: string) => [`alertname=${rule.title}`, `grafana_folder=${model.groups[0].folder}`, `severity=${severity}`];
  const route = (args: string[]) => {
    const path = writeAlertmanagerFiles(settings, join(dir, 'routes'));
    const result = spawnSync(amtool!, ['config', 'routes', 'test', `--config.file=${path}`, ...args], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    return result.stdout.trim();
  };

  itWithTool(TOOLS.amtool)('the critical freshness check pages: it goes to the critical receiver', () => {
    expect(rule.labels).toEqual({ severity: ORDERS_FRESHNESS.severity });
    expect(route(labels('critical'))).toBe('critical');
  });

  itWithTool(TOOLS.amtool)('a warning SQL check goes to the warning receiver, not the pager', () => {
    expect(route(labels('warning'))).toBe('warning');
  });
});
