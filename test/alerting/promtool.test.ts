import { execFile, execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { renderRuleFiles, ruleGroupsFor } from '../../constructs/stack/alerting';
import { fixtureSettings } from '../support/fixtures';
import { catalogDefinitions } from '../../constructs/stack/alerting-validation';
import { isAlertRule } from '../../config/rules';
import { parseDuration } from '../../config/duration';
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

/** promtool as a child process, killed after 4 minutes; resolves with its exit status and output. */
function runAsync(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(promtool as string, args, { encoding: 'utf8', timeout: 240_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? ((error.code as number | undefined) ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** How many promtool processes a suite runs at once (the CI machine has 2 cores). */
const PARALLEL = 2;

/** Splits cases into `n` parts of about equal evaluated span (the longest first, each to the lightest part). */
function balancedParts<T extends { readonly at: string }>(cases: readonly T[], n: number): T[][] {
  const parts = Array.from({ length: n }, () => ({ span: 0, cases: [] as T[] }));
  const span = (c: T) => parseDuration(c.at) ?? 0;
  for (const c of [...cases].sort((a, b) => span(b) - span(a))) {
    const lightest = parts.reduce((a, b) => (b.span < a.span ? b : a));
    lightest.cases.push(c);
    lightest.span += span(c);
  }
  return parts.map((p) => p.cases).filter((p) => p.length > 0);
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
    const alerts = ALERT_CASES.filter((c) => c.suite === suite);
    const exprs = EXPR_CASES.filter((c) => c.suite === suite);
    itWithTool(TOOLS.promtool)(
      `${suite}: ${alerts.length + exprs.length} cases pass`,
      async () => {
        const rulesDir = writeRules(`unit-${suite}`, renderRuleFiles(settings));
        // promtool evaluates every rule of the suite's files at each step up to a case's `at`, one
        // case after another: the cases are split into PARALLEL files of about equal evaluated span,
        // each its own promtool process, run side by side.
        const parts = balancedParts([...alerts, ...exprs], PARALLEL);
        const results = await Promise.all(
          parts.map((part, i) => {
            const testFile = join(dir, `${suite}-${i}.test.yml`);
            writeFileSync(
              testFile,
              promtoolTestFile(
                suite,
                rulesDir,
                groups,
                alerts.filter((c) => part.includes(c)),
                exprs.filter((c) => part.includes(c)),
              ),
            );
            return runAsync(['test', 'rules', testFile]);
          }),
        );
        results.forEach((result, i) => {
          if (result.status !== 0) throw new Error(`promtool test rules ${suite} (part ${i + 1}) failed:\n${result.output.slice(0, 6000)}`);
          expect(result.output).toMatch(/SUCCESS/);
        });
      },
      300_000,
    );
  }
});
