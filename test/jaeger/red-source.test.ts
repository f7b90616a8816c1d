import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { SettingsError } from '../../config/errors';
import { ObservabilityStack } from '../../constructs';
import { renderRuleFiles } from '../../constructs/stack/alerting';
import { resolveSettings } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';
import { fixtureSettings } from '../support/fixtures';
import { itWithTool, realTool, TOOLS } from '../support/tools';

// A service without /metrics of its own: its RED recordings (what the service dashboard reads)
// come from Jaeger's span metrics of its server spans.
const checkout = { name: 'checkout', namespace: 'demo', port: 8080, redSource: 'spanMetrics' as const };
const settings = (): StackSettings => ({
  ...fixtureSettings('dev'),
  services: [...fixtureSettings('dev').services!, checkout],
  elasticsearch: {},
  jaeger: {},
});
const recordings = (name: string) => {
  const file = parse(renderRuleFiles(resolveSettings(settings(), 'test'))[`service-${name}.yml`]);
  return file.groups.flatMap((g: any) => g.rules).filter((r: any) => r.record);
};

describe('services[].redSource', () => {
  it('spanMetrics: the RED recordings read the server spans of the service, labelled like its own', () => {
    const rules = recordings('checkout');
    const rate = rules.find((r: any) => r.record === 'service:requests:rate5m');
    expect(rate.expr).toBe(
      'sum(rate(traces_span_metrics_calls_total{job="jaeger-spanmetrics", service_name="checkout", span_kind="SPAN_KIND_SERVER"}[5m]))',
    );
    expect(rate.labels).toEqual({ service: 'checkout', namespace: 'demo' });
    const p99 = rules.find((r: any) => r.record === 'service:request_duration_seconds:p99_5m');
    expect(p99.expr).toContain('traces_span_metrics_duration_seconds_bucket{job="jaeger-spanmetrics", service_name="checkout"');
    const errors = rules.find((r: any) => r.record === 'service:request_errors:ratio_rate5m');
    expect(errors.expr).toContain('status_code="STATUS_CODE_ERROR"');
    const codes = rules.find((r: any) => r.record === 'service_code:requests:rate5m');
    expect(codes.expr).toContain('label_replace(');
    expect(codes.expr).toContain('"http_response_status_code"');
  });
  it('own (the default): the recordings read its own request counter', () => {
    const rate = recordings('demo-api').find((r: any) => r.record === 'service:requests:rate5m');
    expect(rate.expr).toContain('http_requests_total{job="demo-api"}');
  });
  it('spanMetrics without tracing is a synth error; an unknown source too', () => {
    const error = (s: StackSettings) => {
      try {
        new ObservabilityStack(new Chart(new App(), 'test'), 'obs', s);
      } catch (e) {
        if (e instanceof SettingsError) return e;
        throw e;
      }
      throw new Error('accepted');
    };
    const noTracing = { ...settings(), jaeger: undefined };
    expect(error(noTracing).message).toBe(
      'test/obs: invalid services[1].redSource = "spanMetrics"; allowed: "own" without tracing: span metrics come from settings.jaeger',
    );
    expect(error({ ...settings(), services: [{ ...checkout, redSource: 'traces' as never }] }).field).toBe('services[0].redSource');
  });
  itWithTool(TOOLS.promtool)('promtool check rules accepts the span-metrics recordings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jaeger-red-'));
    try {
      const files = renderRuleFiles(resolveSettings(settings(), 'test'));
      const paths = ['service-checkout.yml', 'jaeger.yml'].map((f) => {
        writeFileSync(join(dir, f), files[f]);
        return join(dir, f);
      });
      const result = spawnSync(realTool(TOOLS.promtool)!, ['check', 'rules', ...paths], { encoding: 'utf8', timeout: 60_000 });
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/FAILED|error/i);
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
