/** Stable datasource UIDs: dashboards reference these, never names; Grafana's provisioning creates them. */
export const DATASOURCE_UIDS = {
  prometheus: 'prometheus',
  alertmanager: 'alertmanager',
  /** Elasticsearch, the logs store (when the stack has one). */
  logs: 'elasticsearch-logs',
  /** Jaeger, the traces store (when the stack has one). */
  traces: 'jaeger',
} as const;

/** A Secret Grafana mounts read-only, so that a datasource can read a key as `$__file{<mountPath>/<key>}`. */
export interface DatasourceSecretMount {
  /** Name of the Secret in Grafana's namespace. */
  readonly secretName: string;
  /** Directory it is mounted at. */
  readonly mountPath: string;
  /** The keys to mount, each as a file of its name (least privilege). @default every key */
  readonly keys?: readonly string[];
}

/** A datasource a component adds to Grafana's provisioning, with the Secrets its credentials come from. */
export interface ProvisionedDatasource {
  /** The entry of `datasources:` in Grafana's provisioning file; `uid` is one of DATASOURCE_UIDS or a stable id of its own. */
  readonly entry: Readonly<Record<string, unknown>> & { readonly uid: string; readonly name: string };
  /** Secrets the entry reads files from. @default none */
  readonly secretMounts?: readonly DatasourceSecretMount[];
}

/** A datasource UID one datasource's settings name (a correlation: traces to logs, exemplars, data links). */
export interface DatasourceLink {
  /** Dotted path of the field inside the entry, e.g. `jsonData.tracesToLogsV2.datasourceUid`. */
  readonly field: string;
  readonly uid: unknown;
}

/** Every `datasourceUid` field anywhere in a datasource entry (Grafana's name for a link to another datasource). */
export function datasourceLinks(entry: Readonly<Record<string, unknown>>): DatasourceLink[] {
  const links: DatasourceLink[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'datasourceUid') links.push({ field: `${path}.${key}`, uid: inner });
        else walk(inner, path ? `${path}.${key}` : key);
      }
  };
  walk(entry, '');
  return links.map((l) => ({ ...l, field: l.field.replace(/^\./, '') }));
}
