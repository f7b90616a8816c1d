import { stackDashboards } from '../../constructs/stack/dashboards';
import { metricNamesIn, substituteVariables } from '../../config/dashboards/promql-variables';
import { allPanels } from '../../config/dashboards/validate';
import { SettingsError } from '../../config/errors';
import { businessDashboard, settingsWithBusinessDashboard } from '../../examples/business-dashboard';
import { queriesOf, resolve } from './fixtures';

// stacks/stack-config.ts (and examples/) build on synth-settings.ts, the user's file; the tests
// use their own fixtures instead, so editing synth-settings.ts cannot change these results.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

describe('example business dashboard', () => {
  const rendered = stackDashboards(resolve(settingsWithBusinessDashboard()));

  it('is provisioned in its own folder next to the shipped dashboards', () => {
    expect(rendered.map((d) => `${d.folder}/${d.uid}`)).toContain('business/business-checkout');
    expect(rendered.map((d) => d.uid)).toContain('system-health');
  });

  it("lays out the helper panels and the plain SDK panel with ids 1..n and reads the service's own metrics", () => {
    const model = JSON.parse(rendered.find((d) => d.uid === 'business-checkout')!.json);
    expect(allPanels(model).map((p) => p.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(allPanels(model).at(-1)).toMatchObject({ title: 'Average order value', gridPos: { x: 0, w: 24 } });
    const metrics = new Set(queriesOf(model).flatMap(({ expr }) => metricNamesIn(substituteVariables(expr))));
    expect([...metrics].sort()).toEqual(['order_value_euros_total', 'orders_created_total', 'payment_failures_total']);
  });

  it('is checked at synth: a typo in one of its queries is reported with the panel', () => {
    const model = businessDashboard();
    (model.panels![1] as unknown as { targets: Array<{ expr: string }> }).targets[0].expr = 'sum(increase(order_value_euros_total[1h])';
    const settings = { ...settingsWithBusinessDashboard(), dashboards: { custom: [{ folder: 'business', dashboard: model }] } };
    expect(() => stackDashboards(resolve(settings))).toThrow(SettingsError);
    expect(() => stackDashboards(resolve(settings))).toThrow(
      /dashboards\["business-checkout"\]: invalid panels\[1\] "Revenue \(1h\)"\.targets\[A\]\.expr/,
    );
  });
});
