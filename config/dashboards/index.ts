import { DATASOURCE_UIDS } from '../grafana-provisioning';
import { ResolvedSettings } from '../settings';

/** A rendered dashboard: its Grafana folder, file name and JSON text. */
export interface RenderedDashboard {
  /** Folder (a directory name: lower-case letters, digits and '-'). */
  readonly folder: string;
  /** Dashboard UID (also the file name without `.json`). */
  readonly uid: string;
  /** JSON text of the dashboard model. */
  readonly json: string;
}

/** Every dashboard the stack ships for these settings. */
export function renderDashboards(settings: ResolvedSettings): RenderedDashboard[] {
  void settings;
  const prometheus = { type: 'prometheus', uid: DATASOURCE_UIDS.prometheus };
  const dashboard = {
    uid: 'stack-prometheus',
    title: 'Stack / Prometheus',
    schemaVersion: 39,
    tags: ['observability-stack'],
    time: { from: 'now-6h', to: 'now' },
    panels: [
      {
        id: 1,
        type: 'timeseries',
        title: 'Targets up',
        datasource: prometheus,
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        targets: [{ refId: 'A', datasource: prometheus, expr: 'sum by (job) (up)' }],
      },
    ],
  };
  return [{ folder: 'stack', uid: dashboard.uid, json: JSON.stringify(dashboard, null, 2) }];
}
