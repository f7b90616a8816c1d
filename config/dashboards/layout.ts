import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { SizedPanel } from './panels';

/** Grafana's grid is 24 columns wide. */
export const GRID_COLUMNS = 24;

/** A titled group of panels (a Grafana row), or untitled panels at the top. */
export interface Section {
  /** Row title; omit for panels above the first row. @default no row header */
  readonly title?: string;
  /** Repeat the row once per value of this template variable. @default no repeat */
  readonly repeat?: string;
  /** Panels in reading order. */
  readonly panels: readonly SizedPanel[];
}

/** What identifies a dashboard and how it opens. */
export interface DashboardMeta {
  /** Stable UID (<= 40 chars of letters, digits, '-' and '_'); also the file name. */
  readonly uid: string;
  /** Title shown in Grafana. */
  readonly title: string;
  /** What the dashboard is for. */
  readonly description: string;
  /** Extra tags besides `observability-stack`. @default none */
  readonly tags?: readonly string[];
  /** Template variables in display order. @default none */
  readonly variables?: ReadonlyArray<cog.Builder<dashboard.VariableModel>>;
  /** Default time range start. @default `now-6h` */
  readonly from?: string;
  /** Auto-refresh interval. @default `30s` */
  readonly refresh?: string;
}

/** Wraps an already built object so the SDK's builders accept it. */
const built = <T>(value: T): cog.Builder<T> => ({ build: () => value });

/**
 * Builds a dashboard with deterministic panel ids (1, 2, ... in reading order, rows included)
 * and grid positions: panels flow left to right and wrap when the next one would pass
 * column 24; every section starts on a new line under its row header.
 */
export function composeDashboard(meta: DashboardMeta, sections: readonly Section[]): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder(meta.title)
    .uid(meta.uid)
    .description(meta.description)
    .tags(['observability-stack', ...(meta.tags ?? [])])
    .readonly()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .time({ from: meta.from ?? 'now-6h', to: 'now' })
    .refresh(meta.refresh ?? '30s')
    .timezone('browser')
    .variables([...(meta.variables ?? [])]);
  let id = 1;
  let y = 0;
  for (const section of sections) {
    if (section.title !== undefined) {
      const row = new dashboard.RowBuilder(section.title).id(id++).collapsed(false).gridPos({ x: 0, y, w: GRID_COLUMNS, h: 1 });
      if (section.repeat) row.repeat(section.repeat);
      builder.withRow(row);
      y += 1;
    }
    let x = 0;
    let lineHeight = 0;
    for (const { panel, width, height } of section.panels) {
      if (x + width > GRID_COLUMNS) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      const model = panel.build();
      model.id = id++;
      model.gridPos = { x, y, w: width, h: height };
      builder.withPanel(built(model));
      x += width;
      lineHeight = Math.max(lineHeight, height);
    }
    y += lineHeight;
  }
  return builder.build();
}

/** A built dashboard and the Grafana folder (directory) it is provisioned into. */
export interface FolderedDashboard {
  /** Folder (directory name: lower-case letters, digits and '-'). */
  readonly folder: string;
  /** The dashboard model the SDK built. */
  readonly model: dashboard.Dashboard;
}

/** A rendered dashboard: its Grafana folder, file name and JSON text. */
export interface RenderedDashboard {
  /** Folder (a directory name: lower-case letters, digits and '-'). */
  readonly folder: string;
  /** Dashboard UID (also the file name without `.json`). */
  readonly uid: string;
  /** JSON text of the dashboard model. */
  readonly json: string;
}
