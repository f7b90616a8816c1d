/**
 * The operator writes each PrometheusRule's `spec` as a rule file for its Prometheus. The same
 * files, written from the synthesized objects, pass the real `promtool check rules`.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { synthesize } from '../../constructs/stack/synthesize';
import { databaseFixtureSettings } from '../support/fixtures';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';

const promtool = realTool(TOOLS.promtool);
const version = promtool ? toolVersion(promtool) : 'promtool missing';
const dir = mkdtempSync(join(tmpdir(), 'operator-promtool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`PrometheusRule objects checked by ${version}`, () => {
  itWithTool(TOOLS.promtool)('promtool check rules passes, without lint findings, on the spec of every PrometheusRule', () => {
    const settings = { ...databaseFixtureSettings('prod'), elasticsearch: {}, operator: {} };
    const rules = synthesize(settings).manifests.filter((o) => o.kind === 'PrometheusRule') as Array<{
      metadata: { name: string };
      spec: { groups: unknown[] };
    }>;
    expect(rules.map((r) => r.metadata.name)).toContain('slo-demo-api');
    const files = rules.map((rule) => {
      const path = join(dir, `${rule.metadata.name}.yml`);
      writeFileSync(path, stringify(rule.spec, { lineWidth: 0 }));
      return path;
    });
    const result = spawnSync(promtool as string, ['check', 'rules', ...files], { encoding: 'utf8', timeout: 120_000 });
    const output = `${result.stdout}${result.stderr}`;
    expect(output).not.toMatch(/FAILED|lint error|duplicate/i);
    expect(result.status).toBe(0);
    expect(output.match(/SUCCESS/g)?.length).toBe(files.length);
  });
});
