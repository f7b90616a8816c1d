import { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { stackDashboards, UserDashboard } from '../../constructs/stack/dashboards';
import { SettingsError } from '../../config/errors';
import { resolve, richSettings } from './fixtures';

/** A user dashboard with one "Orders" panel whose query and datasource UID are given. */
function orders(uid: string, expr: string, datasourceUid = 'prometheus'): DashboardBuilder {
  return new DashboardBuilder('Business').uid(uid).withPanel(
    new timeseries.PanelBuilder()
      .title('Orders')
      .datasource({ type: 'prometheus', uid: datasourceUid })
      .withTarget(new prometheus.DataqueryBuilder().refId('A').datasource({ type: 'prometheus', uid: datasourceUid }).expr(expr)),
  );
}

const render =
  (...custom: UserDashboard[]) =>
  () =>
    stackDashboards(resolve({ ...richSettings(), dashboards: { custom } }));

function errorOf(fn: () => unknown): SettingsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return error as SettingsError;
  }
  throw new Error('expected a SettingsError');
}

describe('bad dashboard input', () => {
  it('accepts a valid user dashboard and gives its panels ids', () => {
    const rendered = render({
      folder: 'business',
      dashboard: orders('business', 'sum(rate(orders_total{service="$service"}[$__rate_interval]))'),
    })();
    const user = rendered.find((d) => d.uid === 'business')!;
    expect(user.folder).toBe('business');
    expect(JSON.parse(user.json).panels[0].id).toBe(1);
  });

  it('rejects a panel query that does not parse, naming dashboard, panel and query', () => {
    const error = errorOf(render({ dashboard: orders('business', 'sum(rate(orders_total[$__rate_interval])') }));
    expect(error.message).toContain('dashboards["business"]');
    expect(error.message).toContain('panels[0] "Orders".targets[A].expr');
    expect(error.message).toContain('"sum(rate(orders_total[$__rate_interval])"');
    expect(error.message).toMatch(/PromQL expression that parses .*syntax error at character/);
  });

  it('rejects a datasource UID that is not provisioned, on the panel and on the query', () => {
    const error = errorOf(render({ dashboard: orders('business', 'up', 'loki') }));
    expect(error.message).toContain('dashboards["business"]: invalid panels[0] "Orders".datasource.uid = "loki"');
    expect(error.message).toContain('"prometheus", "alertmanager"');
    const queryOnly = new DashboardBuilder('Business')
      .uid('business')
      .withPanel(
        new timeseries.PanelBuilder()
          .title('Orders')
          .withTarget(new prometheus.DataqueryBuilder().refId('A').datasource({ uid: 'old-prom' }).expr('up')),
      );
    expect(errorOf(render({ dashboard: queryOnly })).message).toContain('panels[0] "Orders".targets[A].datasource.uid = "old-prom"');
  });

  it('rejects a UID already used by a shipped or another user dashboard', () => {
    expect(errorOf(render({ dashboard: orders('system-health', 'up') })).message).toMatch(
      /dashboards\["system-health"\]: invalid uid = "system-health"; allowed: a UID not already used by dashboard "System health"/,
    );
    expect(errorOf(render({ dashboard: orders('biz', 'up') }, { dashboard: orders('BIZ', 'up') })).message).toContain(
      'dashboards["BIZ"]: invalid uid = "BIZ"',
    );
  });

  it('rejects a UID that is too long, has bad characters or is missing', () => {
    const long = 'b'.repeat(41);
    expect(errorOf(render({ dashboard: orders(long, 'up') })).message).toContain(
      `invalid uid = "${long}"; allowed: 1 to 40 letters, digits, "-" or "_" (Grafana's limit; the UID is also ` +
        `the file name); this one has 41`,
    );
    expect(errorOf(render({ dashboard: orders('my dashboard', 'up') })).message).toContain('invalid uid = "my dashboard"');
    expect(errorOf(render({ dashboard: new DashboardBuilder('No uid') })).message).toContain(
      'dashboards["No uid"]: invalid uid = undefined',
    );
  });

  it('rejects a folder that is not a directory name, an unknown shipped dashboard and a missing dashboard', () => {
    expect(errorOf(render({ folder: 'My Folder', dashboard: orders('business', 'up') })).message).toContain(
      'dashboards["business"]: invalid folder = "My Folder"',
    );
    expect(
      errorOf(() => stackDashboards(resolve({ ...richSettings(), dashboards: { shipped: { nodes: false } as never } }))).message,
    ).toContain(
      'test: unknown setting dashboards.shipped.nodes; allowed: ' +
        'service, slo, alerts, systemHealth, nodeDetail, computeResources, stack, datastores, caches, queues',
    );
    expect(errorOf(render({ dashboard: undefined as never })).message).toContain('dashboards: invalid custom[0].dashboard = undefined');
  });

  it('rejects duplicate panel ids and panels outside the grid in a user dashboard model', () => {
    const model = orders('business', 'up').build();
    model.panels![0].id = 7;
    model.panels!.push({ ...model.panels![0], title: 'Copy' });
    expect(errorOf(render({ dashboard: model })).message).toContain('panels[1] "Copy".id');
    const wide = orders('business', 'up').build();
    wide.panels![0].gridPos = { x: 12, y: 0, w: 13, h: 8 };
    expect(errorOf(render({ dashboard: wide })).message).toContain('panels[0] "Orders".gridPos');
  });
});
