import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { fail } from '../errors';
import { GRID_COLUMNS } from './layout';
import { panelQueryError } from './promql-variables';

/** Dashboard UIDs Grafana accepts and we use as file names: 1-40 letters, digits, '-' or '_'. */
export const UID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
/** Folder (directory) names: lower-case letters, digits and inner '-'. */
export const FOLDER_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

type AnyPanel = dashboard.Panel | dashboard.RowPanel;

/** Every panel of a dashboard in order, including those nested in collapsed rows. */
export function allPanels(model: dashboard.Dashboard): AnyPanel[] {
  return (model.panels ?? []).flatMap((panel) => [panel, ...(panel.type === 'row' ? ((panel as dashboard.RowPanel).panels ?? []) : [])]);
}

/** Panels that query data (rows left out). */
export function dataPanels(model: dashboard.Dashboard): dashboard.Panel[] {
  return allPanels(model).filter((panel): panel is dashboard.Panel => panel.type !== 'row');
}

/** The configuration path of a dashboard in error messages. */
export const dashboardWhere = (model: { uid?: string; title?: string }): string => `dashboards["${model.uid ?? model.title ?? '?'}"]`;

/**
 * Checks what Grafana would only report at load time, or never: the UID, the folder, that
 * every datasource is one of the `provisioned` UIDs, that every PromQL query parses (with Grafana
 * variables substituted), and that panel ids are unique and panels fit the 24-column grid.
 * Errors name the dashboard (`where`) and the panel (`field`).
 */
export function validateDashboard(folder: string, model: dashboard.Dashboard, provisioned: readonly string[]): void {
  const where = dashboardWhere(model);
  if (typeof model.uid !== 'string' || !UID_PATTERN.test(model.uid)) {
    fail(
      where,
      'uid',
      model.uid,
      `1 to 40 letters, digits, "-" or "_" (Grafana's limit; the UID is also the file ` +
        `name)${typeof model.uid === 'string' && model.uid.length > 40 ? `; this one has ${model.uid.length}` : ''}`,
    );
  }
  if (!FOLDER_PATTERN.test(folder))
    fail(where, 'folder', folder, 'a directory name of lower-case letters, digits and "-" (at most 63 characters)');
  const ids = new Map<number, string>();
  allPanels(model).forEach((panel, index) => {
    const field = `panels[${index}] "${panel.title ?? ''}"`;
    if (panel.id !== undefined) {
      if (ids.has(panel.id)) fail(where, `${field}.id`, panel.id, `an id not already used by panel ${ids.get(panel.id)}`);
      ids.set(panel.id, `"${panel.title ?? ''}"`);
    }
    const grid = panel.gridPos;
    if (grid && (grid.x < 0 || grid.w < 1 || grid.x + grid.w > GRID_COLUMNS || grid.h < 1 || grid.y < 0)) {
      fail(
        where,
        `${field}.gridPos`,
        grid,
        `a position inside the ${GRID_COLUMNS}-column grid (x >= 0, w >= 1, x + w <= ${GRID_COLUMNS}, y >= 0, h >= 1)`,
      );
    }
    if (panel.type === 'row') return;
    ((panel as dashboard.Panel).targets ?? []).forEach((query, t) => {
      const target = query as { refId?: string; expr?: unknown };
      const targetField = `${field}.targets[${target.refId ?? t}]`;
      const expr = target.expr;
      if (expr === undefined) return;
      const error = typeof expr === 'string' ? panelQueryError(expr) : { offset: 0, near: '' };
      if (error) {
        fail(
          where,
          `${targetField}.expr`,
          expr,
          `a PromQL expression that parses once Grafana variables are substituted (syntax error ` +
            `at character ${error.offset}${error.near ? ` near ${JSON.stringify(error.near)}` : ''})`,
        );
      }
    });
  });
  checkDashboardDatasources(model, provisioned);
}

/** Every datasource a dashboard's panels (rows included) and their queries name, with the field naming it. */
export function dashboardDatasourceRefs(model: dashboard.Dashboard): Array<{ readonly field: string; readonly uid: unknown }> {
  return allPanels(model).flatMap((panel, index) => {
    const field = `panels[${index}] "${panel.title ?? ''}"`;
    const targets =
      panel.type === 'row' ? [] : (((panel as dashboard.Panel).targets ?? []) as Array<{ refId?: string; datasource?: { uid?: unknown } }>);
    return [
      ...(panel.datasource ? [{ field: `${field}.datasource.uid`, uid: panel.datasource.uid }] : []),
      ...targets.flatMap((target, t) =>
        target.datasource ? [{ field: `${field}.targets[${target.refId ?? t}].datasource.uid`, uid: target.datasource.uid }] : [],
      ),
    ];
  });
}

/**
 * A dashboard "checks its datasource first": every datasource UID its panels and queries name
 * must be one Grafana is provisioned with (`provisioned`), or the panels show "datasource not
 * found" at run time. The error names the dashboard, the panel and the query.
 */
export function checkDashboardDatasources(model: dashboard.Dashboard, provisioned: readonly string[]): void {
  for (const { field, uid } of dashboardDatasourceRefs(model)) {
    if (typeof uid !== 'string' || !provisioned.includes(uid))
      fail(dashboardWhere(model), field, uid, `a provisioned datasource UID (${provisioned.map((p) => `"${p}"`).join(', ')})`);
  }
}
