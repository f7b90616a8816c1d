import { absentJobAlert, CoveringDefinition } from '../../config/alerting/coverage';
import { NoContext } from '../../config/alerting/definition';
import { APISERVER_JOB, KUBELET_JOB } from './scrape';

const apiserver = `job="${APISERVER_JOB}"`;
/** Ratio of 5xx answers of the API server over a window. */
const apiErrorRatio = (window: string) =>
  `sum(rate(apiserver_request_total{${apiserver}, code=~"5.."}[${window}])) / sum(rate(apiserver_request_total{${apiserver}}[${window}]))`;
/** The long and the short window must both burn: fast detection that resets as soon as the errors stop. */
const FAST_BURN = 14.4;

/** The kubelets and the API server: reachability, certificates, latency, evictions, error budget. */
export const KUBERNETES_ALERTS: ReadonlyArray<CoveringDefinition<NoContext>> = [
  absentJobAlert('KubeletDown', KUBELET_JOB, 'kubelet', { severity: 'critical' }),
  absentJobAlert('KubeAPIDown', APISERVER_JOB, 'Kubernetes API server', { severity: 'critical' }),
  {
    alert: 'KubeletTooManyPods',
    severity: 'info',
    for: '15m',
    threshold: 0.95,
    thresholdUnit: 'ratio of running pods to the node pod capacity (0..1)',
    expr: (_, t) => `max by (node) (kubelet_running_pods) / on (node) max by (node) (kube_node_status_capacity{resource="pods"}) > ${t}`,
    summary: 'Node {{ $labels.node }} is close to its pod limit.',
    description: 'The kubelet of {{ $labels.node }} runs {{ $value | humanizePercentage }} of the pods the node admits.',
  },
  {
    alert: 'KubeletPlegDurationHigh',
    severity: 'warning',
    for: '5m',
    threshold: 10,
    thresholdUnit: 'seconds (99th percentile of a PLEG relist)',
    expr: (_, t) => `histogram_quantile(0.99, sum by (node, le) (rate(kubelet_pleg_relist_duration_seconds_bucket[5m]))) >= ${t}`,
    summary: 'Kubelet of {{ $labels.node }} is slow to see container changes.',
    description:
      'The 99th percentile of the pod lifecycle event generator relist on {{ $labels.node }} is over the limit: the container ' +
      'runtime is overloaded and the node may turn NotReady.',
  },
  {
    alert: 'KubeletPodStartUpLatencyHigh',
    severity: 'warning',
    for: '15m',
    threshold: 60,
    thresholdUnit: 'seconds (99th percentile of pod worker operations)',
    expr: (_, t) => `histogram_quantile(0.99, sum by (node, le) (rate(kubelet_pod_worker_duration_seconds_bucket[5m]))) > ${t}`,
    summary: 'Pods start slowly on {{ $labels.node }}.',
    description: 'The 99th percentile of pod sync operations of the kubelet on {{ $labels.node }} is over the limit: pods start late.',
  },
  {
    alert: 'KubeletClientCertificateExpiration',
    severity: 'warning',
    threshold: 604800,
    thresholdUnit: 'seconds before the kubelet client certificate expires',
    expr: (_, t) => `kubelet_certificate_manager_client_ttl_seconds < ${t}`,
    summary: 'Client certificate of the kubelet on {{ $labels.node }} expires soon.',
    description:
      'The certificate the kubelet of {{ $labels.node }} uses towards the API server expires in {{ $value | humanizeDuration }}.',
  },
  {
    alert: 'KubeletServerCertificateExpiration',
    severity: 'warning',
    threshold: 604800,
    thresholdUnit: 'seconds before the kubelet serving certificate expires',
    expr: (_, t) => `kubelet_certificate_manager_server_ttl_seconds < ${t}`,
    summary: 'Serving certificate of the kubelet on {{ $labels.node }} expires soon.',
    description: 'The serving certificate of the kubelet on {{ $labels.node }} expires in {{ $value | humanizeDuration }}.',
  },
  {
    alert: 'KubeletClientCertificateRenewalErrors',
    severity: 'warning',
    for: '15m',
    expr: () => 'increase(kubelet_certificate_manager_client_expiration_renew_errors[5m]) > 0',
    summary: 'Kubelet on {{ $labels.node }} fails to renew its client certificate.',
    description: 'The kubelet of {{ $labels.node }} keeps failing to renew the certificate it uses towards the API server.',
  },
  {
    alert: 'KubeletServerCertificateRenewalErrors',
    severity: 'warning',
    for: '15m',
    expr: () => 'increase(kubelet_server_expiration_renew_errors[5m]) > 0',
    summary: 'Kubelet on {{ $labels.node }} fails to renew its serving certificate.',
    description: 'The kubelet of {{ $labels.node }} keeps failing to renew its serving certificate.',
  },
  {
    alert: 'KubeNodeEviction',
    severity: 'info',
    expr: () => 'sum by (node, eviction_signal) (rate(kubelet_evictions[15m])) > 0',
    summary: 'Kubelet on {{ $labels.node }} evicts pods ({{ $labels.eviction_signal }}).',
    description: 'The kubelet of {{ $labels.node }} evicted pods in the last 15 minutes because of {{ $labels.eviction_signal }}.',
  },
  {
    alert: 'KubeAPIErrorBudgetBurn',
    severity: 'critical',
    for: '2m',
    threshold: 0.01,
    thresholdUnit: 'error budget of the API server (1 - availability objective)',
    expr: (_, t) => `${apiErrorRatio('1h')} > (${FAST_BURN} * ${t}) and ${apiErrorRatio('5m')} > (${FAST_BURN} * ${t})`,
    summary: 'The Kubernetes API server burns its error budget fast.',
    description:
      '{{ $value | humanizePercentage }} of the API server requests failed in the last hour, 14.4 times the budget, and still do: ' +
      'controllers, kubectl and deployments are failing.',
  },
  {
    alert: 'KubeClientCertificateExpiration',
    severity: 'warning',
    for: '5m',
    threshold: 604800,
    thresholdUnit: 'seconds before the soonest client certificate expires',
    expr: (_, t) =>
      'histogram_quantile(0.01, sum by (job, instance, le) ' +
      `(rate(apiserver_client_certificate_expiration_seconds_bucket{${apiserver}}[5m]))) ` +
      `< ${t} and on (job, instance) apiserver_client_certificate_expiration_seconds_count{${apiserver}} > 0`,
    summary: 'A client of the API server uses a certificate about to expire.',
    description: 'Clients authenticate to API server {{ $labels.instance }} with certificates expiring in {{ $value | humanizeDuration }}.',
  },
  {
    alert: 'KubeAggregatedAPIErrors',
    severity: 'warning',
    for: '10m',
    expr: () => `sum by (name, reason) (increase(aggregator_unavailable_apiservice_total{${apiserver}}[5m])) > 0`,
    summary: 'Aggregated API {{ $labels.name }} keeps becoming unavailable.',
    description: 'The API server keeps marking aggregated API {{ $labels.name }} unavailable ({{ $labels.reason }}).',
  },
  {
    alert: 'KubeAggregatedAPIDown',
    severity: 'warning',
    for: '5m',
    threshold: 0.85,
    thresholdUnit: 'availability ratio over 10 minutes (0..1)',
    expr: (_, t) => `1 - max by (name) (avg_over_time(aggregator_unavailable_apiservice{${apiserver}}[10m])) < ${t}`,
    summary: 'Aggregated API {{ $labels.name }} is down.',
    description: 'Aggregated API {{ $labels.name }} was available {{ $value | humanizePercentage }} of the last 10 minutes.',
  },
  {
    alert: 'KubeAPITerminatedRequests',
    severity: 'warning',
    for: '5m',
    threshold: 0.2,
    thresholdUnit: 'ratio of requests the API server terminated (0..1)',
    expr: (_, t) =>
      `sum(rate(apiserver_request_terminations_total{${apiserver}}[10m])) / (sum(rate(apiserver_request_total{${apiserver}}[10m])) + ` +
      `sum(rate(apiserver_request_terminations_total{${apiserver}}[10m]))) > ${t}`,
    summary: 'The API server sheds requests.',
    description:
      'The API server terminated {{ $value | humanizePercentage }} of its requests (overload protection): clients see 429s and timeouts.',
  },
  {
    alert: 'KubeClientErrors',
    severity: 'warning',
    for: '15m',
    threshold: 0.01,
    thresholdUnit: 'ratio of 5xx answers to a client (0..1)',
    expr: (_, t) =>
      `sum by (job, instance) (rate(rest_client_requests_total{code=~"5.."}[5m])) / sum by (job, instance) ` +
      `(rate(rest_client_requests_total[5m])) > ${t}`,
    summary: 'Kubernetes client {{ $labels.job }}/{{ $labels.instance }} gets server errors.',
    description: '{{ $value | humanizePercentage }} of the API requests of {{ $labels.job }}/{{ $labels.instance }} fail with a 5xx.',
  },
  {
    alert: 'KubeVersionMismatch',
    severity: 'warning',
    for: '15m',
    expr: () =>
      `count(count by (git_version) (label_replace(kubernetes_build_info{job=~"${APISERVER_JOB}|${KUBELET_JOB}"}, ` +
      `"git_version", "$1", "git_version", "(v[0-9]+[.][0-9]+).*"))) > 1`,
    summary: 'The cluster runs several Kubernetes minor versions.',
    description: 'API server and kubelets report {{ $value }} different Kubernetes minor versions: an upgrade is incomplete.',
  },
];
