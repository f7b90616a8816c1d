/**
 * Grafana-managed alerts as provisioning files: the rules, contact point and notification policy
 * are built with the Grafana Foundation SDK's alerting types (the API's model), checked against
 * the rest of the stack, then written in the layout Grafana's file reader expects
 * (`apiVersion: 1`, `groups`, `contactPoints`, `policies`; pkg/services/provisioning/alerting).
 */
import * as alerting from '@grafana/grafana-foundation-sdk/alerting';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as expr from '@grafana/grafana-foundation-sdk/expr';
import { toYaml } from '../../config/yaml';
import { formatDuration, parseDuration } from '../../config/duration';
import { fail } from '../../config/errors';
import { ProvisionedDatasource } from '../../config/dashboards/datasources';
import { RenderedDashboard } from '../../config/dashboards/layout';
import { ResolvedGrafanaAlerts, ResolvedSqlCheck } from './alerting-settings';
import { ALERTMANAGER_URL, provisionedDatasources } from './provisioning';

/** The contact point every Grafana-managed alert goes to: the stack's Alertmanager, which routes, inhibits and pages. */
export const STACK_CONTACT_POINT = 'stack-alertmanager';
/** Grafana's notifier type of an external Alertmanager (the SDK's union names it `alertmanager`, the server `prometheus-alertmanager`). */
export const ALERTMANAGER_NOTIFIER = 'prometheus-alertmanager';
/** The pseudo datasource of server-side expressions (threshold, reduce, math). */
export const EXPRESSION_DATASOURCE = '__expr__';
/** Grafana plugin ids of the datasources a SQL check can query. */
export const SQL_DATASOURCE_TYPES = ['grafana-postgresql-datasource', 'mysql'] as const;
/** Name of the rule group of the SQL checks in each folder. */
export const SQL_CHECKS_GROUP = 'sql-checks';
const ORG_ID = 1;
/** The query and the condition of every SQL check. */
const QUERY_REF = 'A';
const CONDITION_REF = 'C';
/** Time range handed to the SQL query (only `$__timeFilter`-style macros read it). */
const QUERY_RANGE_SECONDS = 600;

/** The query model of Grafana's SQL datasources in code mode, answered as a table (numeric data for alerting). */
export interface SqlQueryModel extends cog.Dataquery {
  readonly refId: string;
  readonly rawSql: string;
  readonly format: 'table';
  readonly rawQuery: true;
  readonly editorMode: 'code';
}

/** Builds the SQL query model (the SDK ships no PostgreSQL or MySQL query builder). */
class SqlQueryBuilder implements cog.Builder<cog.Dataquery> {
  constructor(
    private readonly refId: string,
    private readonly sql: string,
  ) {}

  build(): SqlQueryModel {
    return { refId: this.refId, rawSql: this.sql, format: 'table', rawQuery: true, editorMode: 'code', _implementsDataqueryVariant() {} };
  }
}

/** Grafana's alerting provisioning as SDK objects: rule groups with their folder, contact points and the policy tree. */
export interface GrafanaAlertingModel {
  readonly groups: ReadonlyArray<{ readonly folder: string; readonly group: alerting.RuleGroup }>;
  readonly contactPoints: readonly alerting.ContactPoint[];
  readonly policy: alerting.NotificationPolicy;
}

/** What the rules may name: the provisioned datasources (UID and plugin type) and the folders that exist. */
export interface AlertingReferences {
  readonly datasources: ReadonlyArray<{ readonly uid: string; readonly type: string }>;
  readonly folders: readonly string[];
}

/**
 * One SQL check as a rule: A runs the SQL (one numeric column, so each row is a number, not a
 * series), C compares it with the threshold. No rows counts as firing unless the check says
 * otherwise (a check that returns nothing proves nothing); a query error is Grafana's error
 * state, which also notifies.
 */
function sqlCheckRule(check: ResolvedSqlCheck): alerting.RuleBuilder {
  const threshold = new expr.TypeThresholdBuilder()
    .refId(CONDITION_REF)
    .datasource({ type: EXPRESSION_DATASOURCE, uid: EXPRESSION_DATASOURCE })
    .expression(QUERY_REF)
    .conditions([{ evaluator: { type: check.condition.op, params: [check.condition.threshold] } }]);
  return new alerting.RuleBuilder(check.name)
    .uid(check.uid)
    .orgID(ORG_ID)
    .ruleGroup(SQL_CHECKS_GROUP)
    .condition(CONDITION_REF)
    .queries([
      new alerting.QueryBuilder(QUERY_REF)
        .datasourceUid(check.datasource)
        .relativeTimeRange({ from: QUERY_RANGE_SECONDS, to: 0 })
        .model(new SqlQueryBuilder(QUERY_REF, check.sql)),
      new alerting.QueryBuilder(CONDITION_REF).datasourceUid(EXPRESSION_DATASOURCE).relativeTimeRange({ from: 0, to: 0 }).model(threshold),
    ])
    .forDuration(check.for)
    .noDataState(check.noDataState)
    .execErrState('Error')
    .labels({ ...check.labels, severity: check.severity })
    .annotations({
      summary: check.summary,
      ...(check.description !== undefined ? { description: check.description } : {}),
      ...(check.runbookUrl !== undefined ? { runbook_url: check.runbookUrl } : {}),
    })
    .isPaused(false);
}

/**
 * The alerting model of `grafana.alerts`: one `sql-checks` group per folder, one contact point
 * (the stack's Alertmanager) and a root policy sending everything there. The policy groups by
 * every label (`...`), so Grafana forwards each alert at once and Alertmanager does the grouping,
 * and it re-sends firing alerts every evaluation interval: Grafana stamps each alert with an end
 * time of 4 x max(30s, interval) ahead, and Alertmanager would resolve an alert not re-sent by then.
 */
export function grafanaAlertingModel(alerts: ResolvedGrafanaAlerts): GrafanaAlertingModel {
  const interval = formatDuration(parseDuration(alerts.interval)!);
  const folders = [...new Set(alerts.sqlChecks.map((c) => c.folder))];
  return {
    groups: folders.map((folder) => ({
      folder,
      group: new alerting.RuleGroupBuilder(SQL_CHECKS_GROUP)
        .interval(parseDuration(alerts.interval)! / 1000)
        .rules(alerts.sqlChecks.filter((c) => c.folder === folder).map(sqlCheckRule))
        .build(),
    })),
    contactPoints: [
      new alerting.ContactPointBuilder()
        .name(STACK_CONTACT_POINT)
        .uid(STACK_CONTACT_POINT)
        // The SDK's type union lags the server's notifier ids; the file reader takes Grafana's id.
        .type(ALERTMANAGER_NOTIFIER as alerting.ContactPoint['type'])
        .settings({ url: ALERTMANAGER_URL })
        .disableResolveMessage(false)
        .build(),
    ],
    policy: new alerting.NotificationPolicyBuilder()
      .receiver(STACK_CONTACT_POINT)
      .groupBy(['...'])
      .groupWait('0s')
      .groupInterval(interval)
      .repeatInterval(interval)
      .build(),
  };
}

/** Every receiver a policy tree names, with the field that names it. */
function policyReceivers(policy: alerting.NotificationPolicy, field: string): Array<{ field: string; receiver?: string }> {
  return [
    { field: `${field}.receiver`, receiver: policy.receiver },
    ...(policy.routes ?? []).flatMap((r, i) => policyReceivers(r, `${field}.routes[${i}]`)),
  ];
}

/**
 * The checks that need the rest of the stack, each failing with the field at fault: every SQL
 * check's datasource is a provisioned SQL datasource and its folder exists (`settingsField` is
 * where `alerts` was given, e.g. `grafana.alerts`); in the model, every query names a
 * provisioned datasource (or the expression engine), rule UIDs and titles are unique per
 * folder, and every contact point a policy names exists.
 */
export function validateGrafanaAlerting(
  where: string,
  settingsField: string,
  alerts: ResolvedGrafanaAlerts,
  model: GrafanaAlertingModel,
  known: AlertingReferences,
): void {
  const uids = known.datasources.map((d) => d.uid);
  const sqlUids = known.datasources.filter((d) => (SQL_DATASOURCE_TYPES as readonly string[]).includes(d.type)).map((d) => d.uid);
  const folders = [...new Set([...known.folders, ...alerts.folders])].sort();
  alerts.sqlChecks.forEach((check, i) => {
    const at = `${settingsField}.sqlChecks[${i}]`;
    if (!sqlUids.includes(check.datasource))
      fail(
        where,
        `${at}.datasource`,
        check.datasource,
        sqlUids.length
          ? `the UID of a provisioned SQL datasource (${sqlUids.map((u) => `"${u}"`).join(', ')})`
          : 'the UID of a provisioned SQL datasource, and there is none: ' +
              'declare grafanaDatasource on a databases.postgres or databases.mysql instance',
      );
    if (!folders.includes(check.folder))
      fail(
        where,
        `${at}.folder`,
        check.folder,
        `a folder of the provisioned dashboards or of ${settingsField}.folders (${folders.map((f) => `"${f}"`).join(', ')})`,
      );
  });
  const seen = new Map<string, string>();
  for (const { folder, group } of model.groups) {
    const titles = new Set<string>();
    for (const rule of group.rules ?? []) {
      const field = `groups["${folder}/${group.title}"].rules["${rule.title}"]`;
      if (titles.has(rule.title)) fail(where, `${field}.title`, rule.title, `a title not used by another rule of folder "${folder}"`);
      titles.add(rule.title);
      const uid = rule.uid ?? '';
      if (seen.has(uid)) fail(where, `${field}.uid`, uid, `a UID not used by rule "${seen.get(uid)}" (rule UIDs are unique per Grafana)`);
      seen.set(uid, rule.title);
      for (const query of rule.data) {
        if (query.datasourceUid !== EXPRESSION_DATASOURCE && !uids.includes(query.datasourceUid ?? ''))
          fail(
            where,
            `${field}.data[${query.refId}].datasourceUid`,
            query.datasourceUid,
            `a provisioned datasource UID (${uids.map((u) => `"${u}"`).join(', ')}) or "${EXPRESSION_DATASOURCE}"`,
          );
      }
    }
  }
  const contactPoints = [...new Set(model.contactPoints.map((c) => c.name))];
  for (const { field, receiver } of policyReceivers(model.policy, 'policies[0]')) {
    if (receiver !== undefined && !contactPoints.includes(receiver))
      fail(where, field, receiver, `a provisioned contact point (${contactPoints.map((c) => `"${c}"`).join(', ')})`);
  }
}

/**
 * The alerting model of `alerts` checked against what this Grafana provisions (its datasources,
 * the folders of its dashboards), or undefined without alerts. `field` is where `alerts` was
 * given (`grafana.alerts` in the stack, `props.alerts` for the construct alone).
 */
export function checkedAlertingModel(
  where: string,
  field: string,
  alerts: ResolvedGrafanaAlerts,
  dashboards: readonly RenderedDashboard[],
  datasources: readonly ProvisionedDatasource[],
): GrafanaAlertingModel | undefined {
  if (alerts.sqlChecks.length === 0) return undefined;
  const model = grafanaAlertingModel(alerts);
  validateGrafanaAlerting(where, field, alerts, model, {
    datasources: provisionedDatasources(datasources).map((d) => ({ uid: d.uid, type: String(d.type) })),
    folders: dashboards.map((d) => d.folder),
  });
  return model;
}

/** One rule in the reader's layout (`AlertRuleV1`): the fields it reads, named as it names them. */
function ruleEntry(rule: alerting.Rule): Record<string, unknown> {
  return {
    uid: rule.uid,
    title: rule.title,
    condition: rule.condition,
    data: rule.data.map((q) => ({
      refId: q.refId,
      relativeTimeRange: q.relativeTimeRange,
      datasourceUid: q.datasourceUid,
      model: q.model,
    })),
    noDataState: rule.noDataState,
    execErrState: rule.execErrState,
    for: rule.for,
    ...(rule.keep_firing_for !== undefined ? { keepFiringFor: rule.keep_firing_for } : {}),
    annotations: rule.annotations ?? {},
    labels: rule.labels ?? {},
    isPaused: rule.isPaused ?? false,
  };
}

/**
 * The file Grafana reads from `provisioning/alerting`: the SDK objects mapped onto the reader's
 * layout (a group names its folder by title and its interval as a duration; a contact point
 * lists its integrations as `receivers`; a policy is the route tree with its `orgId`).
 */
export function renderGrafanaAlerting(model: GrafanaAlertingModel): string {
  const names = [...new Set(model.contactPoints.map((c) => c.name ?? ''))];
  const file = {
    apiVersion: 1,
    groups: model.groups.map(({ folder, group }) => ({
      orgId: ORG_ID,
      name: group.title,
      folder,
      interval: formatDuration((group.interval ?? 0) * 1000),
      rules: (group.rules ?? []).map(ruleEntry),
    })),
    contactPoints: names.map((name) => ({
      orgId: ORG_ID,
      name,
      receivers: model.contactPoints
        .filter((c) => (c.name ?? '') === name)
        .map((c) => ({ uid: c.uid, type: c.type, settings: c.settings, disableResolveMessage: c.disableResolveMessage ?? false })),
    })),
    policies: [{ orgId: ORG_ID, ...model.policy }],
  };
  // Through JSON: the SDK's query models carry a marker method, which is not data.
  return toYaml(JSON.parse(JSON.stringify(file)));
}
