import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ruleGroupsFor } from '../../constructs/stack/alerting';
import { catalogDefinitions } from '../../constructs/stack/alerting-validation';
import { isAlertRule } from '../../config/rules';
import { fullSettings } from './fixtures';

const ROOT = join(__dirname, '..', '..');
const RUNBOOKS = join(ROOT, 'docs', 'runbooks');

describe('runbooks', () => {
  const alerts = Object.values(ruleGroupsFor(fullSettings()))
    .flat()
    .flatMap((g) => g.rules.filter(isAlertRule));

  it('every shipped alert links a runbook page that exists and says what it means, what to check and how to mitigate', () => {
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      const path = join(ROOT, alert.annotations?.runbook_url ?? 'missing');
      expect(existsSync(path) ? path : `missing ${path}`).toBe(path);
      const page = readFileSync(path, 'utf8');
      expect(page.startsWith(`# ${alert.alert}\n`)).toBe(true);
      for (const heading of ['## What it means', '## What to check', '## How to mitigate']) expect(page).toContain(heading);
      expect(page).toContain(`Severity: **${alert.labels?.severity}**`);
    }
  });

  it('has no page for an alert that does not exist, and the index lists every page', () => {
    const pages = readdirSync(RUNBOOKS)
      .filter((f) => f !== 'README.md')
      .map((f) => f.replace(/\.md$/, ''))
      .sort();
    expect(pages).toEqual([...catalogDefinitions().keys()].sort());
    const index = readFileSync(join(RUNBOOKS, 'README.md'), 'utf8');
    for (const page of pages) expect(index).toContain(`(${page}.md)`);
  });
});
