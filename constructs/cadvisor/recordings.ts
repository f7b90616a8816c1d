import { RecordingRule } from '../../config/rules';

/** Container resource recordings from cAdvisor and their share of the container's limit. */
export function containerRecordings(): RecordingRule[] {
  const real = 'container!="", container!="POD", image!=""';
  return [
    {
      record: 'namespace_pod_container:container_cpu_usage_seconds:rate5m',
      expr: `sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{${real}}[5m]))`,
    },
    {
      record: 'namespace_pod_container:container_memory_working_set_bytes:sum',
      expr: `sum by (namespace, pod, container) (container_memory_working_set_bytes{${real}})`,
    },
    {
      record: 'namespace_pod_container:container_cpu_usage:ratio_limit',
      expr:
        'namespace_pod_container:container_cpu_usage_seconds:rate5m / on (namespace, pod, container) max by ' +
        '(namespace, pod, container) (kube_pod_container_resource_limits{resource="cpu"})',
    },
    {
      record: 'namespace_pod_container:container_memory_usage:ratio_limit',
      expr:
        'namespace_pod_container:container_memory_working_set_bytes:sum / on (namespace, pod, container) max by ' +
        '(namespace, pod, container) (kube_pod_container_resource_limits{resource="memory"})',
    },
  ];
}
