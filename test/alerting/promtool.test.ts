import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { renderRuleFiles, ruleGroupsFor } from '../../constructs/stack/alerting';
import { fixtureSettings } from '../support/fixtures';
import { catalogDefinitions } from '../../constructs/stack/alerting-validation';
import { isAlertRule } from '../../config/rules';
import { resolveSettings } from '../../constructs/stack/resolve';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { fullSettings } from './fixtures';
import { COVERAGE_CASES } from './coverage-cases';
import { ALERT_CASES as SHIPPED_CASES, EXPR_CASES, Suite, SUITES } from './promtool-cases';
import { promtoolTestFile } from './promtool-tests';

/** The cases of the original alerts and of the kube-prometheus-level coverage (coverage-cases.ts). */
const ALERT_CASES = [...SHIPPED_CASES, ...COVERAGE_CASES];
const promtool = realTool(TOOLS.promtool);
const version = promtool ? toolVersion(promtool) : 'promtool missing';
const dir = mkdtempSync(join(tmpdir(), 'alerting-promtool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeRules(name: string, files: Record<string, string>): string {
  const rulesDir = join(dir, name);
  execFileSync('mkdir', ['-p', rulesDir]);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(rulesDir, file), text);
  return rulesDir;
}

function run(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(promtool as string, args, { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe(`rule files checked by ${version}`, () => {
  const settingsByName = {
    'default dev': resolveSettings(fixtureSettings('dev'), 'test'),
    'default prod': resolveSettings(fixtureSettings('prod'), 'test'),
    'every alert enabled': fullSettings(),
  };
  for (const [name, settings] of Object.entries(settingsByName)) {
    itWithTool(TOOLS.promtool)(`promtool check rules passes, without lint findings, on every file (${name})`, () => {
      const files = renderRuleFiles(settings);
      const rulesDir = writeRules(name.replace(/ /g, '-'), files);
      const result = run(['check', 'rules', ...Object.keys(files).map((f) => join(rulesDir, f))]);
      expect(result.output).not.toMatch(/FAILED|lint error|duplicate/i);
      expect(result.status).toBe(0);
      expect(result.output.match(/SUCCESS/g)?.length).toBe(Object.keys(files).length);
    });
  }
});

describe(`promtool test rules (${version}): every shipped alert fires and stays quiet`, () => {
  const settings = fullSettings();
  const groups = Object.values(ruleGroupsFor(settings)).flat();
  const shipped = [...new Set(groups.flatMap((g) => g.rules.filter(isAlertRule).map((r) => r.alert)))].sort();

  it('has a firing and a quiet case for every shipped alert (the Watchdog is never quiet by design)', () => {
    const firing = new Set(ALERT_CASES.filter((c) => c.fires.length > 0).map((c) => c.alert));
    const quiet = new Set(ALERT_CASES.filter((c) => c.fires.length === 0).map((c) => c.alert));
    expect(shipped.filter((a) => !firing.has(a))).toEqual([]);
    expect(shipped.filter((a) => a !== 'Watchdog' && !quiet.has(a))).toEqual([]);
    expect(ALERT_CASES.map((c) => c.alert).filter((a) => !shipped.includes(a))).toEqual([]);
    expect(shipped).toEqual([...catalogDefinitions().keys()].sort());
  });

  for (const suite of Object.keys(SUITES) as Suite[]) {
    const count = ALERT_CASES.filter((c) => c.suite === suite).length + EXPR_CASES.filter((c) => c.suite === suite).length;
    itWithTool(TOOLS.promtool)(`${suite}: ${count} cases pass`, () => {
      const rulesDir = writeRules(`unit-${suite}`, renderRuleFiles(settings));
      const testFile = join(dir, `${suite}.test.yml`);
      writeFileSync(testFile, promtoolTestFile(suite, rulesDir, groups, ALERT_CASES, EXPR_CASES));
      const result = run(['test', 'rules', testFile]);
      if (result.status !== 0) throw new Error(`promtool test rules ${suite} failed:\n${result.output.slice(0, 6000)}`);
      expect(result.output).toMatch(/SUCCESS/);
    });
  }
});
