import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { isAlertRule } from '../../config/rules';
import { DATABASE_ALERTS } from '../../constructs/datastores/alerts';
import { renderRuleFiles, ruleGroupsFor } from '../../constructs/stack/alerting';
import { resolveSettings } from '../../constructs/stack/resolve';
import { databaseFixtureSettings } from '../support/fixtures';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { DATABASE_INSTANCE_CASES } from './database-instance-cases';
import { promtoolTestFile } from './promtool-tests';

const promtool = realTool(TOOLS.promtool);
const version = promtool ? toolVersion(promtool) : 'promtool missing';
const settings = resolveSettings(databaseFixtureSettings('dev'), 'test');
const groups = Object.values(ruleGroupsFor(settings)).flat();
const instanceGroups = groups.filter((g) => g.name.endsWith('-instances'));
const dir = mkdtempSync(join(tmpdir(), 'database-instances-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('database alerts per declared instance', () => {
  it('one group per kind, every catalog alert of the kind once per instance', () => {
    expect(instanceGroups.map((g) => g.name)).toEqual(['postgres-instances', 'mysql-instances', 'redis-instances', 'kafka-instances']);
    for (const { exporter, alerts } of DATABASE_ALERTS) {
      const rules = instanceGroups.find((g) => g.name === `${exporter}-instances`)!.rules.filter(isAlertRule);
      expect(rules).toHaveLength(alerts.length * settings.databases[exporter].length);
      for (const instance of settings.databases[exporter])
        for (const { alert } of alerts)
          expect(
            rules.filter((r) => r.alert === alert && r.expr.includes(`job="${exporter}", instance="${instance.instance}"`)),
          ).toHaveLength(1);
    }
  });

  it('the typed thresholds win over the catalog, global overrides still apply', () => {
    const near = instanceGroups[0].rules.filter(isAlertRule).filter((r) => r.alert === 'PostgresConnectionsNearLimit');
    expect(near.map((r) => r.expr.split(' > ')[1])).toEqual(['0.9', '0.8']);
    const off = resolveSettings(
      { ...databaseFixtureSettings('dev'), alerting: { alerts: { PostgresSlowQueries: { enabled: false } } } },
      't',
    );
    const names = Object.values(ruleGroupsFor(off))
      .flat()
      .flatMap((g) => g.rules.filter(isAlertRule).map((r) => r.alert));
    expect(names).not.toContain('PostgresSlowQueries');
    expect(names).toContain('PostgresDown');
  });

  it('has a firing and a quiet case for every alert of every kind', () => {
    const alerts = DATABASE_ALERTS.flatMap((d) => d.alerts.map((a) => a.alert));
    for (const alert of alerts) {
      expect(DATABASE_INSTANCE_CASES.some((c) => c.alert === alert && c.fires.length > 0) ? alert : `${alert}: no firing case`).toBe(alert);
      expect(DATABASE_INSTANCE_CASES.some((c) => c.alert === alert && c.fires.length === 0) ? alert : `${alert}: no quiet case`).toBe(
        alert,
      );
    }
  });

  itWithTool(TOOLS.promtool)(`promtool check rules and test rules (${version}): ${DATABASE_INSTANCE_CASES.length} cases`, () => {
    const rulesDir = join(dir, 'rules');
    mkdirSync(rulesDir, { recursive: true });
    const files = renderRuleFiles(settings);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(rulesDir, file), text);
    const check = spawnSync(promtool!, ['check', 'rules', join(rulesDir, 'databases.yml')], { encoding: 'utf8', timeout: 60_000 });
    expect(`${check.stdout}${check.stderr}`).not.toMatch(/FAILED|lint error|duplicate/i);
    expect(check.status).toBe(0);
    const testFile = join(dir, 'database-instances.test.yml');
    writeFileSync(testFile, promtoolTestFile('databases', rulesDir, groups, DATABASE_INSTANCE_CASES, []));
    const result = spawnSync(promtool!, ['test', 'rules', testFile], { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`promtool test rules failed:\n${`${result.stdout}${result.stderr}`.slice(0, 6000)}`);
    expect(result.stdout).toMatch(/SUCCESS/);
  });
});
