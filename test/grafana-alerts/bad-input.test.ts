import * as alerting from '@grafana/grafana-foundation-sdk/alerting';
import { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { Chart, Testing } from 'cdk8s';
import { SettingsError } from '../../config/errors';
import { UnknownSettingError } from '../../config/strict';
import { Grafana } from '../../constructs';
import { grafanaAlertingModel, GrafanaAlertingModel, validateGrafanaAlerting } from '../../constructs/grafana/alerting';
import {
  GrafanaSqlCheck,
  mysqlFreshnessCheck,
  postgresFreshnessCheck,
  resolveGrafanaAlerts,
} from '../../constructs/grafana/alerting-settings';
import { stackDashboards } from '../../constructs/stack/dashboards';
import { resolveSettings } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { fixtureSettings } from '../support/fixtures';
import { grafanaAlertsSettings, ORDERS_FRESHNESS, ORDERS_READER } from './fixtures';

/** The settings error of `run`, failing the test when there is none. */
function errorOf(run: () => unknown): SettingsError {
  try {
    run();
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

/** The stack with the fixture's datasources and these SQL checks (and `alerts` besides). */
const withChecks = (sqlChecks: unknown[], alerts: Record<string, unknown> = {}): StackSettings =>
  grafanaAlertsSettings('dev', { alerts: { sqlChecks, ...alerts } as never });
const synth = (settings: StackSettings) => () => synthesize(settings);
const check = (override: Partial<Record<keyof GrafanaSqlCheck, unknown>>) => ({ ...ORDERS_FRESHNESS, ...override });

describe('grafana.alerts: single-field errors name the field at settings time', () => {
  const resolveWith =
    (sqlChecks: unknown[], alerts: Record<string, unknown> = {}) =>
    () =>
      resolveSettings(withChecks(sqlChecks, alerts), 'obs');

  it('refuses an empty or blank SQL', () => {
    expect(errorOf(resolveWith([check({ sql: '' })])).message).toBe(
      'obs: invalid grafana.alerts.sqlChecks[0].sql = ""; allowed: the SQL query: a non-empty string',
    );
    expect(errorOf(resolveWith([check({ sql: '  \n ' })])).field).toBe('grafana.alerts.sqlChecks[0].sql');
  });

  it('refuses a `for` that is not a duration, and takes 0s', () => {
    const error = errorOf(resolveWith([check({ for: '2 hours' })]));
    expect(error.field).toBe('grafana.alerts.sqlChecks[0].for');
    expect(error.message).toContain('"2 hours"');
    expect(() => resolveWith([check({ for: '0s' })])()).not.toThrow();
  });

  it('refuses two checks of one name, and two of one UID', () => {
    const twice = errorOf(resolveWith([ORDERS_FRESHNESS, ORDERS_FRESHNESS]));
    expect(twice.message).toBe(
      'obs: invalid grafana.alerts.sqlChecks[1].name = "OrdersNotWritten"; allowed: a name not used by grafana.alerts.sqlChecks[0]',
    );
    // Names that differ but derive one UID.
    const sameUid = errorOf(resolveWith([ORDERS_FRESHNESS, check({ name: 'OrdersNotWritten!' })]));
    expect(sameUid.field).toBe('grafana.alerts.sqlChecks[1].uid');
    expect(sameUid.value).toBe('ordersnotwritten');
    expect(errorOf(resolveWith([ORDERS_FRESHNESS, check({ name: 'Other', uid: 'ordersnotwritten' })])).field).toBe(
      'grafana.alerts.sqlChecks[1].uid',
    );
  });

  it("refuses what Grafana's file reader would expand or reject: $ in a title, ${ in an annotation, a bad UID", () => {
    expect(errorOf(resolveWith([check({ name: 'Orders $LATE' })])).field).toBe('grafana.alerts.sqlChecks[0].name');
    expect(errorOf(resolveWith([check({ summary: 'late by ${HOURS}' })])).field).toBe('grafana.alerts.sqlChecks[0].summary');
    expect(errorOf(resolveWith([check({ uid: 'a'.repeat(41) })])).field).toBe('grafana.alerts.sqlChecks[0].uid');
  });

  it('refuses an unknown key, a bad severity, operator, threshold, interval or folder name', () => {
    expect(errorOf(resolveWith([check({ threshold: 1 } as never)]))).toBeInstanceOf(UnknownSettingError);
    expect(errorOf(resolveWith([check({ severity: 'page' })])).field).toBe('grafana.alerts.sqlChecks[0].severity');
    expect(errorOf(resolveWith([check({ condition: { op: '>' } })])).field).toBe('grafana.alerts.sqlChecks[0].condition.op');
    expect(errorOf(resolveWith([check({ condition: { threshold: 'high' } })])).field).toBe(
      'grafana.alerts.sqlChecks[0].condition.threshold',
    );
    expect(errorOf(resolveWith([ORDERS_FRESHNESS], { interval: '15s' })).message).toContain('multiple of 10s');
    expect(errorOf(resolveWith([check({ folder: 'Databases' })])).field).toBe('grafana.alerts.sqlChecks[0].folder');
    expect(errorOf(resolveWith([], { folders: ['ok', 'Not OK'] })).field).toBe('grafana.alerts.folders[1]');
    expect(errorOf(resolveWith([check({ noDataState: 'Quiet' })])).field).toBe('grafana.alerts.sqlChecks[0].noDataState');
  });

  it('refuses labels that are not Prometheus label names, a severity label, or a $ in a value', () => {
    expect(errorOf(resolveWith([check({ labels: { 'team-name': 'data' } })])).field).toBe('grafana.alerts.sqlChecks[0].labels');
    expect(errorOf(resolveWith([check({ labels: { severity: 'info' } })])).field).toBe('grafana.alerts.sqlChecks[0].labels.severity');
    expect(errorOf(resolveWith([check({ labels: { team: '$TEAM' } })])).field).toBe('grafana.alerts.sqlChecks[0].labels.team');
    expect(() => resolveWith([check({ labels: { team: 'data' } })])()).not.toThrow();
  });

  it('refuses a freshness check on a table or column it cannot name safely', () => {
    const base = { name: 'X', datasource: 'postgres-orders', folder: 'infrastructure', timestampColumn: 'created_at' };
    expect(errorOf(() => postgresFreshnessCheck({ ...base, table: 'orders; DROP TABLE orders' })).field).toBe('table');
    expect(errorOf(() => postgresFreshnessCheck({ ...base, table: 'orders', timestampColumn: 'Created At' })).field).toBe(
      'timestampColumn',
    );
    expect(errorOf(() => postgresFreshnessCheck({ ...base, table: 'orders', maxAge: 'two hours' })).field).toBe('maxAge');
    const mysql = errorOf(() => mysqlFreshnessCheck({ ...base, table: 'shop.orders.x' }));
    expect([mysql.where, mysql.field]).toEqual(['mysqlFreshnessCheck', 'table']);
  });
});

describe('grafana.alerts: what needs the rest of the stack is checked at synth', () => {
  it('refuses a datasource UID that is not provisioned, listing the SQL datasources that are', () => {
    expect(errorOf(synth(withChecks([check({ datasource: 'postgres-billing' })]))).message).toContain(
      'obs: invalid grafana.alerts.sqlChecks[0].datasource = "postgres-billing"; allowed: the UID of a provisioned SQL ' +
        'datasource ("postgres-orders", "mysql-shop")',
    );
  });

  it('refuses the Prometheus datasource for a SQL check (provisioned, but not SQL)', () => {
    expect(errorOf(synth(withChecks([check({ datasource: 'prometheus' })]))).field).toBe('grafana.alerts.sqlChecks[0].datasource');
  });

  it('says how to get a SQL datasource when there is none', () => {
    const settings: StackSettings = { ...fixtureSettings('dev'), grafana: { alerts: { sqlChecks: [ORDERS_FRESHNESS] } } };
    expect(errorOf(synth(settings)).message).toContain('declare grafanaDatasource on a databases.postgres or databases.mysql instance');
  });

  it('refuses a folder that neither a dashboard nor grafana.alerts.folders provides, and takes a declared one', () => {
    const error = errorOf(synth(withChecks([check({ folder: 'data-quality' })])));
    expect(error.field).toBe('grafana.alerts.sqlChecks[0].folder');
    expect(error.allowed).toContain('"infrastructure"');
    expect(() => synthesize(withChecks([check({ folder: 'data-quality' })], { folders: ['data-quality'] }))).not.toThrow();
  });

  it('names props.alerts for the Grafana construct used alone', () => {
    const chart = new Chart(Testing.app(), 'alone');
    const error = errorOf(() => new Grafana(chart, 'grafana', { alerts: { sqlChecks: [ORDERS_FRESHNESS] } }));
    expect(error.where).toBe('alone/grafana');
    expect(error.field).toBe('props.alerts.sqlChecks[0].datasource');
  });
});

describe('the alerting model is checked whichever way it was built', () => {
  const resolved = resolveGrafanaAlerts('test', 'alerts', { sqlChecks: [ORDERS_FRESHNESS] });
  const known = {
    datasources: [
      { uid: 'prometheus', type: 'prometheus' },
      { uid: 'postgres-orders', type: 'grafana-postgresql-datasource' },
    ],
    folders: ['infrastructure'],
  };
  const validate = (model: GrafanaAlertingModel) => () => validateGrafanaAlerting('test', 'alerts', resolved, model, known);

  it('accepts the built model', () => {
    expect(validate(grafanaAlertingModel(resolved))).not.toThrow();
  });

  it('refuses a policy naming a contact point that is not provisioned, at any depth', () => {
    const model = grafanaAlertingModel(resolved);
    const routed = {
      ...model,
      policy: new alerting.NotificationPolicyBuilder()
        .receiver('stack-alertmanager')
        .routes([new alerting.NotificationPolicyBuilder().receiver('pagerduty-oncall')])
        .build(),
    };
    expect(errorOf(validate(routed)).message).toBe(
      'test: invalid policies[0].routes[0].receiver = "pagerduty-oncall"; allowed: a provisioned contact point ("stack-alertmanager")',
    );
  });

  it("refuses a rule query on an unknown datasource and accepts one on Prometheus (every rule's UID, Prometheus's included)", () => {
    const ruleOn = (uid: string) =>
      new alerting.RuleBuilder('Up')
        .uid(`up-${uid}`)
        .condition('A')
        .withQuery(new alerting.QueryBuilder('A').datasourceUid(uid).model(new prometheus.DataqueryBuilder().expr('up == 0')));
    const model = grafanaAlertingModel(resolved);
    const withRule = (uid: string): GrafanaAlertingModel => ({
      ...model,
      groups: [...model.groups, { folder: 'infrastructure', group: new alerting.RuleGroupBuilder('extra').rules([ruleOn(uid)]).build() }],
    });
    expect(validate(withRule('prometheus'))).not.toThrow();
    const error = errorOf(validate(withRule('loki')));
    expect(error.field).toBe('groups["infrastructure/extra"].rules["Up"].data[A].datasourceUid');
    expect(error.allowed).toContain('"prometheus", "postgres-orders"');
  });

  it('refuses two rules of one UID across groups', () => {
    const model = grafanaAlertingModel(resolved);
    const copy = { ...model, groups: [...model.groups, { folder: 'infrastructure', group: { ...model.groups[0].group, title: 'copy' } }] };
    expect(errorOf(validate(copy)).field).toBe('groups["infrastructure/copy"].rules["OrdersNotWritten"].uid');
  });
});

describe('grafanaDatasource settings', () => {
  const withReader = (reader: unknown, name = 'orders'): StackSettings => {
    const settings = grafanaAlertsSettings('dev', { alerts: {} });
    const [orders, ...rest] = settings.databases!.postgres!;
    return {
      ...settings,
      databases: { ...settings.databases, postgres: [{ ...orders, name, grafanaDatasource: reader } as never, ...rest] },
    };
  };
  const resolveWith = (reader: unknown, name?: string) => () => resolveSettings(withReader(reader, name), 'obs');

  it('refuses a literal password without showing it', () => {
    const error = errorOf(resolveWith({ ...ORDERS_READER, password: 's3cret!' }));
    expect(error.field).toBe('databases.postgres[0].grafanaDatasource.password');
    expect(error.message).not.toContain('s3cret!');
    expect(errorOf(resolveWith({ ...ORDERS_READER, passwordSecret: 's3cret!' })).message).not.toContain('s3cret!');
  });

  it('refuses a missing user or database, and an unknown key', () => {
    expect(errorOf(resolveWith({ ...ORDERS_READER, user: undefined })).field).toBe('databases.postgres[0].grafanaDatasource.user');
    expect(errorOf(resolveWith({ ...ORDERS_READER, database: '' })).field).toBe('databases.postgres[0].grafanaDatasource.database');
    expect(errorOf(resolveWith({ ...ORDERS_READER, readOnly: true }))).toBeInstanceOf(UnknownSettingError);
  });

  it("refuses an instance name whose datasource UID would exceed Grafana's 40 characters", () => {
    const error = errorOf(resolveWith(ORDERS_READER, 'a'.repeat(32)));
    expect(error.field).toBe('databases.postgres[0].grafanaDatasource');
    expect(error.allowed).toContain('at most 31 characters');
    expect(() => resolveWith(ORDERS_READER, 'a'.repeat(31))()).not.toThrow();
  });

  it('adds its Secret key to those the Docker target must be given', () => {
    const orders = resolveSettings(withReader(ORDERS_READER), 'obs').databases.postgres[0];
    expect(orders.secretRefs).toEqual([
      { name: 'orders-db-exporter', key: 'password' },
      { name: 'orders-db-grafana', key: 'password' },
    ]);
  });
});

describe('dashboards check their datasource first', () => {
  const sqlPanel = (uid: string) =>
    new DashboardBuilder('Orders').uid('orders').withPanel(
      new timeseries.PanelBuilder()
        .title('Orders per hour')
        .datasource({ type: 'grafana-postgresql-datasource', uid })
        .withTarget({ build: () => ({ refId: 'A', datasource: { uid }, rawSql: 'SELECT 1', format: 'table' }) } as never),
    );
  const withDashboard = (uid: string, settings = grafanaAlertsSettings('dev')) =>
    resolveSettings({ ...settings, dashboards: { custom: [{ folder: 'business', dashboard: sqlPanel(uid) }] } }, 'obs');

  it('take a dashboard on a provisioned database datasource', () => {
    expect(stackDashboards(withDashboard('postgres-orders')).map((d) => d.uid)).toContain('orders');
  });

  it('refuse a dashboard naming a datasource UID that is not provisioned, naming the panel', () => {
    const error = errorOf(() => stackDashboards(withDashboard('postgres-orders', fixtureSettings('dev'))));
    expect(error.message).toContain('dashboards["orders"]: invalid panels[0] "Orders per hour".datasource.uid = "postgres-orders"');
    expect(error.allowed).toBe('a provisioned datasource UID ("prometheus", "alertmanager")');
    // The logs UID is a well-known one, but only provisioned with a logs store.
    expect(errorOf(() => stackDashboards(withDashboard('elasticsearch-logs', fixtureSettings('dev')))).field).toBe(
      'panels[0] "Orders per hour".datasource.uid',
    );
  });

  it('refuse it on the Grafana construct used alone, too', () => {
    const chart = new Chart(Testing.app(), 'alone');
    const json = JSON.stringify(sqlPanel('postgres-orders').build());
    const error = errorOf(() => new Grafana(chart, 'grafana', { dashboards: [{ folder: 'business', uid: 'orders', json }] }));
    expect(error.field).toBe('panels[0] "Orders per hour".datasource.uid');
  });
});
