import { composeDashboard, FolderedDashboard } from '../../config/dashboards/layout';
import { PanelQuery, statPanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';
import { labelVariable } from '../../config/dashboards/variables';
import { POD_WORKLOAD } from './recordings';

type Resource = 'cpu' | 'memory';

/** Real containers of the chosen namespaces (no pod-level aggregate or pause-container series). */
const CONTAINERS = 'namespace=~"$namespace", container!="", container!="POD", image!=""';
/** The chosen workloads' and pods' owner series, joined onto per-pod series to group them by workload. */
const OWNERS = `${POD_WORKLOAD}{namespace=~"$namespace", workload=~"$workload", pod=~"$pod"}`;
const byOwner = (series: string) => `(${series}) * on (namespace, pod) group_left (workload) ${OWNERS}`;
/** Pods that hold their requests: Pending or Running (finished pods keep their series in kube-state-metrics). */
const ACTIVE = 'on (namespace, pod) group_left () max by (namespace, pod) (kube_pod_status_phase{phase=~"Pending|Running"} == 1)';

const USAGE: Readonly<Record<Resource, (matchers: string) => string>> = {
  cpu: (m) => `rate(container_cpu_usage_seconds_total{${m}}[$__rate_interval])`,
  memory: (m) => `container_memory_working_set_bytes{${m}}`,
};
const UNIT: Readonly<Record<Resource, string>> = { cpu: 'short', memory: 'bytes' };
const spec = (resource: Resource, kind: 'requests' | 'limits', matchers = '') =>
  `kube_pod_container_resource_${kind}{resource="${resource}"${matchers}}`;

/** Usage, requests and limits of one resource, summed by `by` over the chosen workloads. */
function usageVsSpec(resource: Resource, by: string): PanelQuery[] {
  const ns = ', namespace=~"$namespace"';
  return [
    { expr: `sum by (${by}) (${byOwner(USAGE[resource](CONTAINERS))})`, legend: `{{${by}}} used` },
    { expr: `sum by (${by}) (${byOwner(`${spec(resource, 'requests', ns)} * ${ACTIVE}`)})`, legend: `{{${by}}} requested` },
    { expr: `sum by (${by}) (${byOwner(`${spec(resource, 'limits', ns)} * ${ACTIVE}`)})`, legend: `{{${by}}} limit` },
  ];
}

/** Share of the nodes' allocatable capacity that running pods request (or may use, for limits). */
const commitment = (resource: Resource, kind: 'requests' | 'limits') =>
  `sum(${spec(resource, kind)} * ${ACTIVE}) / sum(kube_node_status_allocatable{resource="${resource}"})`;

const ratio = { unit: 'percentunit', min: 0 } as const;

/**
 * Compute resources by cluster, namespace, workload and pod: CPU and memory used against what
 * the pods request and their limits, and CPU throttling (cAdvisor joined with kube-state-metrics).
 */
export function computeResourcesDashboard(): FolderedDashboard {
  const throttled = (by: string) =>
    `sum by (${by}) (${byOwner(`increase(container_cpu_cfs_throttled_periods_total{${CONTAINERS}}[$__rate_interval])`)}) / ` +
    `sum by (${by}) (${byOwner(`increase(container_cpu_cfs_periods_total{${CONTAINERS}}[$__rate_interval])`)})`;
  const model = composeDashboard(
    {
      uid: 'compute-resources',
      title: 'Compute resources',
      description:
        'CPU and memory used against requests and limits, by namespace, workload and pod, the share of node capacity ' +
        'the pods have claimed, and CPU throttling (cAdvisor and kube-state-metrics; Kubernetes only).',
      tags: ['infrastructure', 'kubernetes'],
      variables: [
        labelVariable('namespace', 'namespace', 'kube_pod_info', 'Namespace'),
        labelVariable('workload', 'workload', `${POD_WORKLOAD}{namespace=~"$namespace"}`, 'Workload'),
        labelVariable('pod', 'pod', `${POD_WORKLOAD}{namespace=~"$namespace", workload=~"$workload"}`, 'Pod'),
      ],
    },
    [
      {
        panels: (['cpu', 'memory'] as const).flatMap((resource) =>
          (['requests', 'limits'] as const).map((kind) =>
            statPanel({
              title: `${resource === 'cpu' ? 'CPU' : 'Memory'} ${kind} committed`,
              description:
                `${kind === 'requests' ? 'Requests' : 'Limits'} of pending and running pods over the nodes' allocatable ` +
                `${resource}. Requests above 100% leave pods unschedulable; limits above 100% overcommit the nodes.`,
              queries: [{ expr: commitment(resource, kind), instant: true }],
              ...ratio,
              thresholds: kind === 'requests' ? THRESHOLDS.badAbove(0.8, 1) : THRESHOLDS.badAbove(1, 1.5),
            }),
          ),
        ),
      },
      {
        title: 'Namespaces',
        panels: (['cpu', 'memory'] as const).map((resource) =>
          timeseriesPanel({
            title: `${resource === 'cpu' ? 'CPU cores' : 'Memory working set'} by namespace`,
            description: `${resource === 'cpu' ? 'CPU cores' : 'Working-set bytes'} used by the containers of each chosen namespace.`,
            queries: [{ expr: `sum by (namespace) (${USAGE[resource](CONTAINERS)})`, legend: '{{namespace}}' }],
            unit: UNIT[resource],
            stack: true,
          }),
        ),
      },
      {
        title: 'Workloads',
        panels: [
          ...(['cpu', 'memory'] as const).map((resource) =>
            timeseriesPanel({
              title: `${resource === 'cpu' ? 'CPU' : 'Memory'} by workload vs requests and limits`,
              description:
                `${resource === 'cpu' ? 'CPU cores' : 'Working-set bytes'} each workload uses, next to what its pods ` +
                `request and their limits. Use far below requests wastes capacity; use at the limit ` +
                `${resource === 'cpu' ? 'throttles' : 'gets containers OOM-killed'}.`,
              queries: usageVsSpec(resource, 'workload'),
              unit: UNIT[resource],
            }),
          ),
          timeseriesPanel({
            title: 'CPU throttling by workload',
            description: 'Share of CFS periods in which the workload was throttled; above 25% its CPU limit slows it down.',
            queries: [{ expr: throttled('workload'), legend: '{{workload}}' }],
            ...ratio,
            max: 1,
            thresholds: THRESHOLDS.badAbove(0.25, 0.5),
            width: 24,
          }),
        ],
      },
      {
        title: 'Pods',
        panels: [
          ...(['cpu', 'memory'] as const).map((resource) =>
            timeseriesPanel({
              title: `${resource === 'cpu' ? 'CPU' : 'Memory'} by pod vs requests and limits`,
              description: `${resource === 'cpu' ? 'CPU cores' : 'Working-set bytes'} of each chosen pod, its requests and limits.`,
              queries: usageVsSpec(resource, 'pod'),
              unit: UNIT[resource],
            }),
          ),
          timeseriesPanel({
            title: 'CPU throttling by pod',
            description: 'Share of CFS periods in which the pod was throttled.',
            queries: [{ expr: throttled('pod'), legend: '{{pod}}' }],
            ...ratio,
            max: 1,
            thresholds: THRESHOLDS.badAbove(0.25, 0.5),
            width: 24,
          }),
        ],
      },
    ],
  );
  return { folder: 'infrastructure', model };
}
