/**
 * Example: a business dashboard from your own metrics, provisioned next to the shipped ones.
 *
 * The `checkout` service exposes `orders_created_total{payment_method}`,
 * `order_value_euros_total` and `payment_failures_total{reason}`. The dashboard uses the panel
 * helpers (units, thresholds, legends, deterministic layout) for most panels and a plain SDK
 * builder for one, to show both ways. It goes into `dashboards.custom`; at synth it is
 * validated like the shipped ones (queries parse, datasource UIDs exist, UID unique and short).
 */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { composeDashboard, PROMETHEUS, serviceVariable, statPanel, THRESHOLDS, timeseriesPanel } from '../constructs/stack/dashboards';
import { defaultSettings } from '../synth-settings';
import { StackSettings } from '../constructs/stack/settings';

const CHECKOUT = 'service=~"$service"';

/** The business dashboard model (folder `business`, UID `business-checkout`). */
export function businessDashboard() {
  // A panel written with the SDK directly: any builder works, the layout gives it id and position.
  const valuePerOrder = new timeseries.PanelBuilder()
    .title('Average order value')
    .description('Euros per order over the last hour.')
    .datasource(PROMETHEUS)
    .unit('currencyEUR')
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.List)
        .placement(common.LegendPlacement.Bottom),
    )
    .withTarget(
      new prometheus.DataqueryBuilder()
        .refId('A')
        .datasource(PROMETHEUS)
        .expr(`sum(increase(order_value_euros_total{${CHECKOUT}}[1h])) / sum(increase(orders_created_total{${CHECKOUT}}[1h]))`)
        .legendFormat('value per order'),
    );

  return composeDashboard(
    {
      uid: 'business-checkout',
      title: 'Business / Checkout',
      description: 'Orders, revenue and payment failures of the checkout service.',
      tags: ['business'],
      variables: [serviceVariable(['checkout'])],
    },
    [
      {
        panels: [
          statPanel({
            title: 'Orders (1h)',
            description: 'Orders created in the last hour.',
            queries: [{ expr: `sum(increase(orders_created_total{${CHECKOUT}}[1h]))`, instant: true }],
            unit: 'none',
          }),
          statPanel({
            title: 'Revenue (1h)',
            description: 'Order value in the last hour.',
            queries: [{ expr: `sum(increase(order_value_euros_total{${CHECKOUT}}[1h]))`, instant: true }],
            unit: 'currencyEUR',
          }),
          statPanel({
            title: 'Payment failure ratio',
            description: 'Failed payments per order over 15 minutes; above 5% the payment provider needs a look.',
            queries: [
              {
                expr: `sum(rate(payment_failures_total{${CHECKOUT}}[15m])) / sum(rate(orders_created_total{${CHECKOUT}}[15m]))`,
                instant: true,
              },
            ],
            unit: 'percentunit',
            thresholds: THRESHOLDS.badAbove(0.02, 0.05),
            width: 12,
          }),
        ],
      },
      {
        title: 'Trends',
        panels: [
          timeseriesPanel({
            title: 'Orders by payment method',
            description: 'Orders per minute per payment method.',
            queries: [
              {
                expr: `sum by (payment_method) (rate(orders_created_total{${CHECKOUT}}[$__rate_interval])) * 60`,
                legend: '{{payment_method}}',
              },
            ],
            unit: 'none',
            stack: true,
          }),
          timeseriesPanel({
            title: 'Payment failures by reason',
            description: 'Failed payments per minute per reason.',
            queries: [{ expr: `sum by (reason) (rate(payment_failures_total{${CHECKOUT}}[$__rate_interval])) * 60`, legend: '{{reason}}' }],
            unit: 'none',
            legendTable: true,
          }),
          { panel: valuePerOrder, width: 24, height: 8 },
        ],
      },
    ],
  );
}

/** Settings that add the dashboard (and the service it reads) to the stack. */
export function settingsWithBusinessDashboard(): StackSettings {
  const base = defaultSettings('dev');
  return {
    ...base,
    services: [...(base.services ?? []), { name: 'checkout', namespace: 'shop', port: 9000, team: 'payments' }],
    dashboards: { custom: [{ folder: 'business', dashboard: businessDashboard() }] },
  };
}
