import { App, Chart } from 'cdk8s';
import { ObservabilityStack } from '../../constructs';
import { stackWarnings } from '../../constructs/stack/alerting';
import { StackSettings } from '../../constructs/stack/settings';
import { annotateWarnings, WARNING_METADATA_TYPE, warningsOf } from '../../constructs/stack/warnings';
import { fullSettings } from '../alerting/fixtures';
import { fixtureSettings } from '../support/fixtures';

const NO_RECEIVER =
  'alerting: no receiver configured: alerts go nowhere except the Alertmanager UI (set ' +
  'alerting.receivers.slack, email, pagerduty or webhook).';

/** A stack in a chart, with its warnings annotated on the chart (as ObservabilityStack will do on itself). */
function annotated(settings: StackSettings): { chart: Chart; stack: ObservabilityStack; added: string[] } {
  const chart = new Chart(new App(), 'test');
  const stack = new ObservabilityStack(chart, 'obs', settings);
  return { chart, stack, added: annotateWarnings(chart, stack.settings) };
}

describe('stack warnings reach library users', () => {
  test('no receiver at all: the "alerts go nowhere" warning, first', () => {
    const { alerting: _a, ...settings } = fixtureSettings('dev');
    const warnings = stackWarnings(annotated(settings).stack.settings);
    expect(warnings[0]).toBe(NO_RECEIVER);
    expect(warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/Slack webhook/), expect.stringMatching(/receiver "critical" has no integration/)]),
    );
  });

  test('any one receiver silences it', () => {
    for (const receivers of [{ webhook: { url: 'http://bridge.oncall.svc/hook' } }, { pagerduty: {} }, { slack: { channel: '#a' } }]) {
      const { stack } = annotated({ ...fixtureSettings('dev'), alerting: { receivers } });
      expect(stackWarnings(stack.settings)).not.toContain(NO_RECEIVER);
    }
    expect(stackWarnings(fullSettings())).toEqual([]);
  });

  test('annotateWarnings adds each warning as aws:cdk:warning metadata of the scope', () => {
    const { alerting: _a, ...settings } = fixtureSettings('dev');
    const { chart, stack, added } = annotated(settings);
    expect(added).toEqual(stackWarnings(stack.settings));
    const entries = chart.node.metadata.filter((m) => m.type === WARNING_METADATA_TYPE);
    expect(WARNING_METADATA_TYPE).toBe('aws:cdk:warning');
    expect(entries.map((m) => m.data)).toEqual(added);
    expect(entries.map((m) => m.data)).toContain(NO_RECEIVER);
    expect(warningsOf(chart.node.root)).toContain(`test: ${NO_RECEIVER}`);
    // Annotating warns; it does not change what is synthesized.
    expect(() => chart.toJson()).not.toThrow();
  });

  test('the fixture settings (Slack and e-mail, no PagerDuty, no heartbeat) warn about exactly those', () => {
    const { chart, added } = annotated(fixtureSettings('dev'));
    expect(added).toEqual([
      'alerting: no PagerDuty routing key configured (alerting.receivers.pagerduty); critical alerts will not page PagerDuty.',
      'alerting: no Watchdog heartbeat (alerting.watchdog.heartbeat); nobody notices if the alerting pipeline itself dies.',
    ]);
    // The chart's own (added by this test) and the stack's (ObservabilityStack annotates itself): two each.
    expect(warningsOf(chart)).toHaveLength(4);
    expect(warningsOf(chart).filter((w) => w.startsWith('test/obs: '))).toHaveLength(2);
  });
});
