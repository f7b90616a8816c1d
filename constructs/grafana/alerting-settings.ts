/**
 * Typed settings of the Grafana-managed alerts (`grafana.alerts`): SQL checks Grafana evaluates
 * against the databases' read-only datasources. What one field can say is checked here; what
 * needs the rest of the stack (the datasource UIDs, the folders) is checked when the alerting
 * file is built (alerting.ts).
 */
import { parseDuration } from '../../config/duration';
import { fail } from '../../config/errors';
import { Severity, SEVERITIES } from '../../config/alerting/settings';
import { FOLDER_PATTERN, UID_PATTERN } from '../../config/dashboards/validate';
import { promLabelName } from '../../config/names';
import { checkEachKeys, checkKeys, keysOf } from '../../config/strict';

/** Comparisons Grafana's threshold expression offers for one value. */
export const SQL_CHECK_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'ne'] as const;
export type SqlCheckOperator = (typeof SQL_CHECK_OPERATORS)[number];
/** Grafana's states for a query that returns no rows. */
export const NO_DATA_STATES = ['Alerting', 'OK', 'NoData', 'KeepLast'] as const;
export type NoDataState = (typeof NO_DATA_STATES)[number];

/** When a SQL check fires: the query's value compared with a threshold. */
export interface SqlCheckCondition {
  /** Comparison: `gt`, `gte`, `lt`, `lte`, `eq` or `ne`. @default `gt` */
  readonly op?: SqlCheckOperator;
  /** The number the value is compared with. @default 0 */
  readonly threshold?: number;
}

/** One SQL check Grafana runs on a schedule; each row it returns is one alert instance. */
export interface GrafanaSqlCheck {
  /** Rule title, the `alertname` of its alerts (no `$`: Grafana's reader expands it); unique. @default none (required) */
  readonly name: string;
  /** Rule UID: 1-40 letters, digits, `-` or `_`; unique. @default the name in lower case, other characters as `-` */
  readonly uid?: string;
  /** UID of the provisioned datasource it queries, e.g. `postgres-orders` (a database's `grafanaDatasource`). @default none (required) */
  readonly datasource: string;
  /** SQL returning one numeric column (string columns become labels): the value the condition tests. @default none (required) */
  readonly sql: string;
  /** When it fires. @default the value is greater than 0 */
  readonly condition?: SqlCheckCondition;
  /** How long the condition must hold before it fires (`0s`: at once). @default `5m` */
  readonly for?: string;
  /** `severity` label; the stack's Alertmanager routes on it (critical pages). @default `warning` */
  readonly severity?: Severity;
  /** More labels of its alerts, e.g. `{ team: 'data' }` for an `alerting.routes` matcher (not `severity`). @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** State when the SQL returns no rows: `Alerting`, or `OK` for a query that lists only what is wrong. @default `Alerting` */
  readonly noDataState?: NoDataState;
  /** Folder of its rule group: a folder of the provisioned dashboards or of `grafana.alerts.folders`. @default none (required) */
  readonly folder: string;
  /** `summary` annotation (Grafana templating such as `{{ $values.A }}` allowed, `${...}` not). @default none (required) */
  readonly summary: string;
  /** `description` annotation. @default none */
  readonly description?: string;
  /** `runbook_url` annotation. @default none */
  readonly runbookUrl?: string;
}

/** Grafana-managed alerts, sent to the stack's Alertmanager. */
export interface GrafanaAlertsSettings {
  /** Folders for rule groups beyond those of the provisioned dashboards (Grafana creates them). @default none */
  readonly folders?: readonly string[];
  /** How often rules are evaluated (a multiple of Grafana's 10s tick) and firing alerts re-sent. @default `1m` */
  readonly interval?: string;
  /** SQL checks against the databases' read-only datasources. @default none */
  readonly sqlChecks?: readonly GrafanaSqlCheck[];
}

export const GRAFANA_ALERTS_KEYS = keysOf<GrafanaAlertsSettings>({ folders: true, interval: true, sqlChecks: true });
export const SQL_CHECK_KEYS = keysOf<GrafanaSqlCheck>({
  name: true,
  uid: true,
  datasource: true,
  sql: true,
  condition: true,
  for: true,
  severity: true,
  labels: true,
  noDataState: true,
  folder: true,
  summary: true,
  description: true,
  runbookUrl: true,
});
const CONDITION_KEYS = keysOf<SqlCheckCondition>({ op: true, threshold: true });

/** A SQL check with every default filled in (a valid GrafanaSqlCheck itself). */
export type ResolvedSqlCheck = Required<Omit<GrafanaSqlCheck, 'description' | 'runbookUrl' | 'condition'>> &
  Pick<GrafanaSqlCheck, 'description' | 'runbookUrl'> & { readonly condition: Required<SqlCheckCondition> };

/** `grafana.alerts` with every default filled in. */
export interface ResolvedGrafanaAlerts {
  readonly folders: readonly string[];
  readonly interval: string;
  readonly sqlChecks: readonly ResolvedSqlCheck[];
}

/** Grafana's rule scheduler ticks every 10 s; a group's interval is a multiple of it. */
const SCHEDULER_TICK_MS = 10_000;

/** The rule UID a name gives when none is set: lower case, other characters as `-`, at most 40. */
export const sqlCheckUid = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

function text(where: string, field: string, value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(where, field, value, `${what}: a non-empty string`);
  return value;
}

/** Annotations go through Grafana's `${VAR}` expansion when the file is read: refuse `${` so none is lost. */
function annotation(where: string, field: string, value: unknown, what: string): string {
  const checked = text(where, field, value, what);
  if (checked.includes('${'))
    fail(where, field, value, `${what} without "\${" (Grafana's file reader replaces \${NAME} with an environment variable)`);
  return checked;
}

/** Validates `grafana.alerts` at `field` (single fields, names and UIDs unique) and fills the defaults. */
export function resolveGrafanaAlerts(where: string, field: string, input: GrafanaAlertsSettings | undefined): ResolvedGrafanaAlerts {
  checkKeys(where, field, input, GRAFANA_ALERTS_KEYS);
  const folders = input?.folders ?? [];
  if (!Array.isArray(folders)) fail(where, `${field}.folders`, folders, 'a list of folder names');
  folders.forEach((folder, i) => {
    if (typeof folder !== 'string' || !FOLDER_PATTERN.test(folder))
      fail(where, `${field}.folders[${i}]`, folder, 'a folder name of lower-case letters, digits and "-" (at most 63 characters)');
  });
  const interval = input?.interval ?? '1m';
  const intervalMs = parseDuration(interval);
  if (intervalMs === undefined || intervalMs < SCHEDULER_TICK_MS || intervalMs % SCHEDULER_TICK_MS !== 0)
    fail(
      where,
      `${field}.interval`,
      interval,
      'a duration of at least 10s and a multiple of 10s, e.g. "1m" (Grafana evaluates rules on a 10s tick)',
    );
  const checks = input?.sqlChecks ?? [];
  if (!Array.isArray(checks)) fail(where, `${field}.sqlChecks`, checks, 'a list of SQL checks');
  checkEachKeys(where, `${field}.sqlChecks`, checks, SQL_CHECK_KEYS);
  const names = new Map<string, number>();
  const uids = new Map<string, number>();
  const sqlChecks = checks.map((check, i): ResolvedSqlCheck => {
    const at = `${field}.sqlChecks[${i}]`;
    if (!check || typeof check !== 'object') fail(where, at, check, 'an object { name, datasource, sql, folder, summary, ... }');
    const name = text(where, `${at}.name`, check.name, 'the rule title');
    if (name.includes('$')) fail(where, `${at}.name`, name, 'a title without "$" (Grafana\'s file reader expands $NAME)');
    if (names.has(name)) fail(where, `${at}.name`, name, `a name not used by ${field}.sqlChecks[${names.get(name)}]`);
    names.set(name, i);
    const uid = check.uid ?? sqlCheckUid(name);
    if (typeof uid !== 'string' || !UID_PATTERN.test(uid))
      fail(where, `${at}.uid`, uid, '1 to 40 letters, digits, "-" or "_" (Grafana\'s limit on rule UIDs)');
    if (uids.has(uid)) fail(where, `${at}.uid`, uid, `a UID not used by ${field}.sqlChecks[${uids.get(uid)}] (set uid to tell them apart)`);
    uids.set(uid, i);
    checkKeys(where, `${at}.condition`, check.condition, CONDITION_KEYS);
    const op = check.condition?.op ?? 'gt';
    if (!SQL_CHECK_OPERATORS.includes(op)) fail(where, `${at}.condition.op`, op, SQL_CHECK_OPERATORS.map((o) => `"${o}"`).join(', '));
    const threshold = check.condition?.threshold ?? 0;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold))
      fail(where, `${at}.condition.threshold`, threshold, 'a finite number');
    const forDuration = check.for ?? '5m';
    if (parseDuration(forDuration) === undefined)
      fail(where, `${at}.for`, forDuration, 'a duration such as "0s", "5m" or "2h" (units y, w, d, h, m, s, ms, largest first)');
    const severity = check.severity ?? 'warning';
    if (!SEVERITIES.includes(severity)) fail(where, `${at}.severity`, severity, SEVERITIES.map((s) => `"${s}"`).join(', '));
    const labels = check.labels ?? {};
    if (!labels || typeof labels !== 'object' || Array.isArray(labels))
      fail(where, `${at}.labels`, labels, 'an object of label name -> value');
    for (const [name, value] of Object.entries(labels)) {
      promLabelName(where, `${at}.labels`, name);
      if (name === 'severity') fail(where, `${at}.labels.severity`, value, `unset here: ${at}.severity sets it`);
      if (typeof value !== 'string' || value.includes('$'))
        fail(where, `${at}.labels.${name}`, value, 'a string without "$" (Grafana\'s file reader expands $NAME)');
    }
    const noDataState = check.noDataState ?? 'Alerting';
    if (!NO_DATA_STATES.includes(noDataState))
      fail(where, `${at}.noDataState`, noDataState, NO_DATA_STATES.map((n) => `"${n}"`).join(', '));
    if (typeof check.folder !== 'string' || !FOLDER_PATTERN.test(check.folder))
      fail(where, `${at}.folder`, check.folder, 'a folder name of lower-case letters, digits and "-"');
    return {
      name,
      uid,
      datasource: text(where, `${at}.datasource`, check.datasource, 'the UID of a provisioned datasource'),
      sql: text(where, `${at}.sql`, check.sql, 'the SQL query'),
      condition: { op, threshold },
      for: forDuration,
      severity,
      labels,
      noDataState,
      folder: check.folder,
      summary: annotation(where, `${at}.summary`, check.summary, 'the summary'),
      ...(check.description !== undefined
        ? { description: annotation(where, `${at}.description`, check.description, 'the description') }
        : {}),
      ...(check.runbookUrl !== undefined ? { runbookUrl: annotation(where, `${at}.runbookUrl`, check.runbookUrl, 'the runbook URL') } : {}),
    };
  });
  return { folders, interval, sqlChecks };
}

/** A SQL identifier the freshness SQL can name unquoted: lower-case letters, digits and `_`. */
const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** What a data-freshness check watches. */
export interface FreshnessCheckOptions {
  /** Rule title. @default none (required) */
  readonly name: string;
  /** UID of the database's datasource, e.g. `postgres-orders` or `mysql-shop`. @default none (required) */
  readonly datasource: string;
  /** Table (`orders` or `shop.orders`, lower case) that must keep getting rows. @default none (required) */
  readonly table: string;
  /** Its column stamped when a row is written (`timestamptz` on PostgreSQL, `TIMESTAMP` on MySQL). @default none (required) */
  readonly timestampColumn: string;
  /** How old its newest row may get. @default `2h` */
  readonly maxAge?: string;
  /** Grafana folder of the rule. @default none (required) */
  readonly folder: string;
}

/** The freshness SQL of a dialect: 0 when the newest `column` of `table` is at most `seconds` old, else 1. */
type FreshnessSql = (table: string, column: string, seconds: number) => string;

/**
 * A critical data-freshness check ("no new rows in 2 h"): the SQL answers 1 (stale) when the
 * newest row is older than `maxAge` or the table is empty (its max is NULL), else 0 (fresh), and
 * the rule fires on 1. It reads only `timestampColumn` of `table`: that column is all the
 * datasource's user needs SELECT on.
 */
function freshnessCheck(where: string, options: FreshnessCheckOptions, sql: FreshnessSql): GrafanaSqlCheck {
  const parts = typeof options.table === 'string' ? options.table.split('.') : [];
  if (parts.length < 1 || parts.length > 2 || !parts.every((p) => SQL_IDENTIFIER.test(p)))
    fail(where, 'table', options.table, 'a lower-case table name, optionally schema-qualified ("orders", "shop.orders")');
  if (typeof options.timestampColumn !== 'string' || !SQL_IDENTIFIER.test(options.timestampColumn))
    fail(where, 'timestampColumn', options.timestampColumn, 'a lower-case column name such as "created_at"');
  const maxAge = options.maxAge ?? '2h';
  const maxAgeMs = parseDuration(maxAge);
  if (maxAgeMs === undefined || maxAgeMs < 1000) fail(where, 'maxAge', maxAge, 'a duration of at least 1s, e.g. "2h"');
  return {
    name: options.name,
    datasource: options.datasource,
    sql: sql(options.table, options.timestampColumn, Math.floor(maxAgeMs / 1000)),
    condition: { op: 'gt', threshold: 0 },
    for: '0s',
    severity: 'critical',
    folder: options.folder,
    summary: `No new rows in ${options.table} for ${maxAge}.`,
    description:
      `The newest ${options.table}.${options.timestampColumn} is older than ${maxAge} (or the table is empty): ` +
      'whatever writes it has stopped.',
  };
}

/** The data-freshness check on a PostgreSQL table (see freshnessCheck). */
export function postgresFreshnessCheck(options: FreshnessCheckOptions): GrafanaSqlCheck {
  return freshnessCheck('postgresFreshnessCheck', options, (table, column, seconds) =>
    [`SELECT CASE WHEN max(${column}) >= now() - interval '${seconds} seconds'`, 'THEN 0 ELSE 1 END AS stale', `FROM ${table}`].join(' '),
  );
}

/** The data-freshness check on a MySQL or MariaDB table (a `TIMESTAMP` column, compared in the session time zone). */
export function mysqlFreshnessCheck(options: FreshnessCheckOptions): GrafanaSqlCheck {
  return freshnessCheck('mysqlFreshnessCheck', options, (table, column, seconds) =>
    [`SELECT CASE WHEN MAX(${column}) >= NOW() - INTERVAL ${seconds} SECOND`, 'THEN 0 ELSE 1 END AS stale', `FROM ${table}`].join(' '),
  );
}
