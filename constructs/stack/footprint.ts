import { NAME_LABEL } from '../k8s/labels';
import { byteQuantity, cpuQuantity, formatBytes, formatCpu } from '../../config/quantity';

/** A Kubernetes object as synthesized (plain JSON). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the spec of any kind of object, read by the code that knows the kind.
export type Manifest = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any };

/** The parts of a workload's spec the footprint reads. */
interface WorkloadSpec {
  readonly replicas?: number;
  readonly template: {
    readonly spec: {
      readonly containers: ReadonlyArray<{
        readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
      }>;
    };
  };
  readonly volumeClaimTemplates?: ReadonlyArray<{
    readonly spec: { readonly resources: { readonly requests: { readonly storage: string } } };
  }>;
}

/** Resource totals of one component across its replicas. */
export interface ComponentFootprint {
  /** `app.kubernetes.io/name` of the component, or `(shared)` for unlabelled objects. */
  readonly component: string;
  /** Number of Kubernetes objects belonging to it. */
  readonly objects: number;
  /** Pods it runs (`per node` for DaemonSets, counted as 1). */
  readonly pods: number;
  /** CPU requested across replicas, in cores. */
  readonly cpuRequest: number;
  /** CPU limit across replicas, in cores. */
  readonly cpuLimit: number;
  /** Memory requested across replicas, in bytes. */
  readonly memoryRequest: number;
  /** Memory limit across replicas, in bytes. */
  readonly memoryLimit: number;
  /** Persistent volume bytes requested across replicas. */
  readonly storage: number;
  /** True for DaemonSets: figures are per node. */
  readonly perNode: boolean;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Sums requests, limits and storage per component from synthesized manifests. */
export function footprint(manifests: readonly Manifest[]): ComponentFootprint[] {
  const rows = new Map<
    string,
    {
      objects: number;
      pods: number;
      cpuRequest: number;
      cpuLimit: number;
      memoryRequest: number;
      memoryLimit: number;
      storage: number;
      perNode: boolean;
    }
  >();
  for (const object of manifests) {
    const component = object.metadata.labels?.[NAME_LABEL] ?? '(shared)';
    const row = rows.get(component) ?? {
      objects: 0,
      pods: 0,
      cpuRequest: 0,
      cpuLimit: 0,
      memoryRequest: 0,
      memoryLimit: 0,
      storage: 0,
      perNode: false,
    };
    rows.set(component, row);
    row.objects += 1;
    if (!WORKLOADS.has(object.kind)) continue;
    const replicas = object.kind === 'DaemonSet' ? 1 : (object.spec.replicas ?? 1);
    row.perNode = object.kind === 'DaemonSet';
    row.pods += replicas;
    for (const container of (object.spec as WorkloadSpec).template.spec.containers) {
      const { requests, limits } = container.resources;
      row.cpuRequest += replicas * cpuQuantity(component, 'requests.cpu', requests.cpu);
      row.cpuLimit += replicas * cpuQuantity(component, 'limits.cpu', limits.cpu);
      row.memoryRequest += replicas * byteQuantity(component, 'requests.memory', requests.memory);
      row.memoryLimit += replicas * byteQuantity(component, 'limits.memory', limits.memory);
    }
    for (const claim of (object.spec as WorkloadSpec).volumeClaimTemplates ?? []) {
      row.storage += replicas * byteQuantity(component, 'storage', claim.spec.resources.requests.storage);
    }
  }
  return [...rows.entries()].map(([component, row]) => ({ component, ...row })).sort((a, b) => a.component.localeCompare(b.component));
}

/** A fixed-width table of the footprint with a totals line (DaemonSets counted once per node). */
export function footprintTable(rows: readonly ComponentFootprint[]): string {
  const header = ['component', 'objects', 'pods', 'cpu req', 'cpu lim', 'mem req', 'mem lim', 'storage'];
  const line = (r: ComponentFootprint) => [
    r.component,
    String(r.objects),
    r.perNode ? `${r.pods}/node` : String(r.pods),
    formatCpu(r.cpuRequest),
    formatCpu(r.cpuLimit),
    formatBytes(r.memoryRequest),
    formatBytes(r.memoryLimit),
    r.storage ? formatBytes(r.storage) : '-',
  ];
  const sum = (key: keyof ComponentFootprint) => rows.reduce((total, r) => total + (r[key] as number), 0);
  const total = [
    'TOTAL (+ per-node agents once)',
    String(sum('objects')),
    String(sum('pods')),
    formatCpu(sum('cpuRequest')),
    formatCpu(sum('cpuLimit')),
    formatBytes(sum('memoryRequest')),
    formatBytes(sum('memoryLimit')),
    formatBytes(sum('storage')),
  ];
  const table = [header, ...rows.map(line), total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const format = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [
    format(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((r) => format(line(r))),
    widths.map((w) => '-'.repeat(w)).join('  '),
    format(total),
  ].join('\n');
}
