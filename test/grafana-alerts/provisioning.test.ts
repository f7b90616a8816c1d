import type * as alerting from '@grafana/grafana-foundation-sdk/alerting';
import type * as expr from '@grafana/grafana-foundation-sdk/expr';
import { parse } from 'yaml';
import { parseDuration } from '../../config/duration';
import { grafanaAlertingModel, renderGrafanaAlerting, SqlQueryModel } from '../../constructs/grafana/alerting';
import { resolveGrafanaAlerts } from '../../constructs/grafana/alerting-settings';
import { Manifest } from '../../constructs/stack/footprint';
import { synthesize } from '../../constructs/stack/synthesize';
import { configMapData } from '../support/manifests';
import { fixtureSettings } from '../support/fixtures';
import { grafanaAlertsSettings, ORDERS_FRESHNESS } from './fixtures';

type Json = Record<string, any>;

const manifests = synthesize(grafanaAlertsSettings('dev')).manifests;
const file = parse(configMapData(manifests, 'grafana-alerting')['alerting.yaml']) as Json;
const grafanaPod = (objects: readonly Manifest[]) =>
  (objects.find((m) => m.kind === 'Deployment' && m.metadata.name === 'grafana') as unknown as Json).spec.template.spec;

/**
 * The fields Grafana's file reader maps (yaml tags of pkg/services/provisioning/alerting: types.go
 * AlertingFileV1, rules_types.go AlertRuleGroupV1 / AlertRuleV1 / QueryV1, contact_point_types.go
 * ContactPointV1 / ReceiverV1, notification_policy_types.go NotificiationPolicyV1 = orgId + the
 * inline route). Go's YAML decoder drops any other key without a word: a misspelt field would be
 * lost, as the team's "deferred" import was.
 */
const READER_FIELDS = {
  file: ['apiVersion', 'groups', 'deleteRules', 'contactPoints', 'deleteContactPoints', 'policies', 'resetPolicies'],
  group: ['orgId', 'name', 'folder', 'interval', 'rules'],
  rule: [
    'uid',
    'title',
    'condition',
    'data',
    'dasboardUid',
    'dashboardUid',
    'panelId',
    'noDataState',
    'execErrState',
    'for',
    'keepFiringFor',
    'missing_series_evals_to_resolve',
    'annotations',
    'labels',
    'isPaused',
    'notification_settings',
    'record',
  ],
  query: ['refId', 'queryType', 'relativeTimeRange', 'datasourceUid', 'model'],
  contactPoint: ['orgId', 'name', 'receivers'],
  receiver: ['uid', 'type', 'settings', 'disableResolveMessage'],
  // Alertmanager's route (JSON tags of definition.Route) plus orgId.
  policy: [
    'orgId',
    'receiver',
    'group_by',
    'continue',
    'object_matchers',
    'matchers',
    'match',
    'match_re',
    'mute_time_intervals',
    'active_time_intervals',
    'group_wait',
    'group_interval',
    'repeat_interval',
    'routes',
  ],
};
const NO_DATA_STATES = ['OK', 'NoData', 'Alerting', 'KeepLast'];
const EXEC_ERR_STATES = ['OK', 'Error', 'Alerting', 'KeepLast'];

const unknownKeys = (object: Json, known: readonly string[]) => Object.keys(object).filter((k) => !known.includes(k));

describe('the Grafana alerting provisioning file', () => {
  it("has only the fields Grafana's reader maps, and every field it requires", () => {
    expect(file.apiVersion).toBe(1);
    expect(unknownKeys(file, READER_FIELDS.file)).toEqual([]);
    expect(file.groups).toHaveLength(1);
    for (const group of file.groups) {
      expect(unknownKeys(group, READER_FIELDS.group)).toEqual([]);
      // MapToModel: "rule group has no name set", "no folder set", model.ParseDuration(interval).
      expect(group.name.trim()).not.toBe('');
      expect(group.folder.trim()).not.toBe('');
      expect(parseDuration(group.interval)).toBeGreaterThan(0);
      for (const rule of group.rules) {
        expect(unknownKeys(rule, READER_FIELDS.rule)).toEqual([]);
        // mapToModel: title, UID, data and a condition are required; `for` parses; the states are Grafana's.
        expect(rule.title).not.toBe('');
        expect(rule.uid).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
        expect(rule.data.length).toBeGreaterThan(0);
        expect(rule.data.map((q: Json) => q.refId)).toContain(rule.condition);
        expect(parseDuration(rule.for)).toBeDefined();
        expect(NO_DATA_STATES).toContain(rule.noDataState);
        expect(EXEC_ERR_STATES).toContain(rule.execErrState);
        for (const query of rule.data) {
          expect(unknownKeys(query, READER_FIELDS.query)).toEqual([]);
          expect(unknownKeys(query.relativeTimeRange, ['from', 'to'])).toEqual([]);
          expect(query.model.refId).toBe(query.refId);
        }
      }
    }
    expect(file.contactPoints).toHaveLength(1);
    for (const contactPoint of file.contactPoints) {
      expect(unknownKeys(contactPoint, READER_FIELDS.contactPoint)).toEqual([]);
      for (const receiver of contactPoint.receivers) {
        expect(unknownKeys(receiver, READER_FIELDS.receiver)).toEqual([]);
        // ReceiverV1.mapToModel: "no uid is set", "no type is set", "no settings are set".
        expect(receiver.uid).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
        expect(receiver.type).not.toBe('');
        expect(Object.keys(receiver.settings).length).toBeGreaterThan(0);
      }
    }
    expect(file.policies).toHaveLength(1);
    expect(unknownKeys(file.policies[0], READER_FIELDS.policy)).toEqual([]);
  });

  it('holds the freshness check: SQL as a table on the PostgreSQL datasource, a threshold on its value, critical', () => {
    const [rule] = file.groups[0].rules;
    expect(file.groups[0]).toMatchObject({ orgId: 1, name: 'sql-checks', folder: 'infrastructure', interval: '1m' });
    expect(rule).toMatchObject({
      uid: 'ordersnotwritten',
      title: 'OrdersNotWritten',
      condition: 'C',
      for: '0s',
      noDataState: 'Alerting',
      execErrState: 'Error',
      labels: { severity: 'critical' },
      annotations: { summary: 'No new rows in shop.orders for 2h.' },
      isPaused: false,
    });
    expect(rule.data[0]).toEqual({
      refId: 'A',
      relativeTimeRange: { from: 600, to: 0 },
      datasourceUid: 'postgres-orders',
      model: { refId: 'A', rawSql: ORDERS_FRESHNESS.sql, format: 'table', rawQuery: true, editorMode: 'code' },
    });
    expect(rule.data[1]).toEqual({
      refId: 'C',
      relativeTimeRange: { from: 0, to: 0 },
      datasourceUid: '__expr__',
      model: {
        refId: 'C',
        type: 'threshold',
        expression: 'A',
        datasource: { type: '__expr__', uid: '__expr__' },
        conditions: [{ evaluator: { type: 'gt', params: [0] } }],
      },
    });
  });

  it("sends every alert to the stack's Alertmanager, re-sent each interval, before Grafana's end time (4 x interval) lapses", () => {
    expect(file.contactPoints[0]).toEqual({
      orgId: 1,
      name: 'stack-alertmanager',
      receivers: [
        {
          uid: 'stack-alertmanager',
          type: 'prometheus-alertmanager',
          settings: { url: 'http://alertmanager:9093' },
          disableResolveMessage: false,
        },
      ],
    });
    expect(file.policies[0]).toEqual({
      orgId: 1,
      receiver: 'stack-alertmanager',
      group_by: ['...'],
      group_wait: '0s',
      group_interval: '1m',
      repeat_interval: '1m',
    });
  });

  it('is the SDK model mapped field by field (the file is rendered from alerting.Rule, not written by hand)', () => {
    const model = grafanaAlertingModel(resolveGrafanaAlerts('test', 'alerts', { interval: '2m', sqlChecks: [ORDERS_FRESHNESS] }));
    const rule: alerting.Rule = model.groups[0].group.rules![0];
    const sql = rule.data[0].model as SqlQueryModel;
    const threshold = rule.data[1].model as expr.TypeThreshold;
    expect(sql.rawSql).toBe(ORDERS_FRESHNESS.sql);
    expect(threshold.type).toBe('threshold');
    expect(model.groups[0].group.interval).toBe(120);
    const rendered = parse(renderGrafanaAlerting(model)) as Json;
    const entry = rendered.groups[0].rules[0];
    expect(rendered.groups[0].interval).toBe('2m');
    expect(rendered.policies[0].repeat_interval).toBe('2m');
    expect([entry.uid, entry.title, entry.condition, entry.for, entry.noDataState, entry.execErrState]).toEqual([
      rule.uid,
      rule.title,
      rule.condition,
      rule.for,
      rule.noDataState,
      rule.execErrState,
    ]);
    expect(entry.data).toEqual(JSON.parse(JSON.stringify(rule.data)));
    expect(entry.labels).toEqual(rule.labels);
  });

  it("renders a check's own labels beside its severity, and its no-data state", () => {
    const listing = { ...ORDERS_FRESHNESS, name: 'StuckPayments', labels: { team: 'payments' }, noDataState: 'OK' as const };
    const model = grafanaAlertingModel(resolveGrafanaAlerts('test', 'alerts', { sqlChecks: [listing] }));
    const entry = (parse(renderGrafanaAlerting(model)) as Json).groups[0].rules[0];
    expect(entry.labels).toEqual({ team: 'payments', severity: 'critical' });
    expect(entry.noDataState).toBe('OK');
  });
});

describe('Grafana mounts it and the database datasources', () => {
  it('mounts the alerting file in provisioning/alerting, only when there are Grafana-managed alerts', () => {
    const pod = grafanaPod(manifests);
    const volume = pod.volumes.find((v: Json) => v.configMap?.name === 'grafana-alerting');
    expect(pod.containers[0].volumeMounts).toContainEqual({
      name: volume.name,
      mountPath: '/etc/grafana/provisioning/alerting',
      readOnly: true,
    });
    const plain = synthesize(fixtureSettings('dev')).manifests;
    expect(plain.some((m) => m.metadata.name === 'grafana-alerting')).toBe(false);
    expect(grafanaPod(plain).volumes.some((v: Json) => v.name === 'alerting')).toBe(false);
  });

  it('provisions one read-only datasource per declaring instance, with a stable UID and the password as a file reference', () => {
    const datasources = parse(configMapData(manifests, 'grafana-datasources')['datasources.yaml']).datasources as Json[];
    expect(datasources.map((d) => d.uid)).toEqual(['prometheus', 'alertmanager', 'postgres-orders', 'mysql-shop']);
    expect(datasources[2]).toEqual({
      name: 'PostgreSQL orders',
      uid: 'postgres-orders',
      type: 'grafana-postgresql-datasource',
      access: 'proxy',
      url: 'orders-db.data.svc:5432',
      user: 'grafana_reader',
      editable: false,
      jsonData: { database: 'orders', sslmode: 'require' },
      secureJsonData: { password: '$__file{/etc/grafana/datasource-secrets/postgres-orders/password}' },
    });
    expect(datasources[3]).toMatchObject({
      type: 'mysql',
      url: 'shop-db.data.svc:3306',
      user: 'grafana_reader',
      jsonData: { database: 'shop' },
    });
  });

  it("mounts only the reader's Secret key, read-only, at the path the entry reads", () => {
    const pod = grafanaPod(manifests);
    const volume = pod.volumes.find((v: Json) => v.secret?.secretName === 'orders-db-grafana');
    expect(volume.secret).toEqual({ secretName: 'orders-db-grafana', defaultMode: 0o440, items: [{ key: 'password', path: 'password' }] });
    expect(pod.containers[0].volumeMounts).toContainEqual({
      name: volume.name,
      mountPath: '/etc/grafana/datasource-secrets/postgres-orders',
      readOnly: true,
    });
    // The exporter's Secret is not Grafana's business.
    expect(pod.volumes.some((v: Json) => v.secret?.secretName === 'orders-db-exporter')).toBe(false);
  });

  it('lets Grafana out to exactly the declared database host:port, and nowhere for instances without a datasource', () => {
    const policy = manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'grafana') as unknown as Json;
    const egress = policy.spec.egress as Json[];
    const onPort = (port: number) => egress.filter((rule) => rule.ports?.some((p: Json) => p.port === port));
    expect(onPort(5432)).toHaveLength(1);
    // orders-db.data.svc is a DNS name without a cidr: any address, on its port only.
    expect(onPort(5432)[0].ports).toEqual([{ port: 5432, protocol: 'TCP' }]);
    // shop declares its pods: exactly them.
    expect(onPort(3306)).toEqual([
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'shop-db' } },
          },
        ],
        ports: [{ port: 3306, protocol: 'TCP' }],
      },
    ]);
    // billing (10.20.3.4) declares no datasource.
    expect(JSON.stringify(egress)).not.toContain('10.20.3.4');
    const plain = synthesize(fixtureSettings('dev')).manifests;
    const plainPolicy = plain.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'grafana') as unknown as Json;
    expect(JSON.stringify(plainPolicy.spec.egress)).not.toMatch(/"port":(5432|3306)/);
  });
});
