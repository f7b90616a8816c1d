import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { probeTargets } from '../blackbox-exporter/files';
import { ComponentSpec } from '../../config/component';
import { ResolvedSettings } from './settings';
import { metadata, NAME_LABEL, PART_OF } from '../k8s/workload';
import { COMPONENT_SPECS } from '../registry';

/** Props of the StackNetworkPolicies construct. */
export interface StackNetworkPoliciesProps {
  /** Validated stack settings (see `resolveSettings`). */
  readonly settings: ResolvedSettings;
}

/** Ports of the API server as seen from pods (Service port 443, often 6443 on the endpoints). */
export const API_SERVER_PORTS = [443, 6443] as const;
/** Outbound ports receivers need: HTTPS (Slack, PagerDuty, webhooks) and SMTP submission. */
export const RECEIVER_PORTS = [443, 587, 465, 25] as const;

/** Ports of the receivers the settings name (webhook, heartbeat, SMTP smarthost) beyond the standard ones. */
export function receiverPorts(settings: ResolvedSettings): number[] {
  const urlPort = (text: string | undefined) => {
    if (!text) return [];
    const url = new URL(text);
    return [Number(url.port || (url.protocol === 'https:' ? 443 : 80))];
  };
  const smarthost = settings.alerting.receivers?.email?.smarthost;
  const smtpPort = smarthost && /:(\d+)$/.test(smarthost) ? [Number(/:(\d+)$/.exec(smarthost)![1])] : [];
  const ports = [...RECEIVER_PORTS, ...urlPort(settings.alerting.receivers?.webhook?.url), ...urlPort(settings.alerting.watchdog?.heartbeatUrl), ...smtpPort];
  return [...new Set(ports)].sort((a, b) => a - b);
}

const ANYWHERE = [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];
const tcp = (port: number | string) => ({ protocol: 'TCP', port });
const pods = (spec: ComponentSpec) => ({ podSelector: { matchLabels: { [NAME_LABEL]: spec.name } } });
const podsIn = (namespace: string, spec: ComponentSpec) => ({ ...pods(spec), namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } });
const namespace = (name: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });
/** DNS to any resolver on port 53 (cluster DNS, or node-local DNS caches on link-local addresses). */
const DNS_EGRESS = { ports: [{ protocol: 'UDP', port: 53 }, tcp(53)] };

/**
 * Default-deny NetworkPolicies for the stack and agent namespaces, plus one policy per workload
 * allowing exactly its real flows: scrapes from Prometheus, alerts to Alertmanager, Grafana
 * queries, gossip between Alertmanager peers, API and kubelet access, receivers, and DNS.
 */
export class StackNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: StackNetworkPoliciesProps) {
    super(scope, id);
    const { settings } = props;
    const ns = settings.namespace;
    const { prometheus, alertmanager, grafana, kubeStateMetrics, nodeExporter, blackboxExporter } = COMPONENT_SPECS;
    const probes = probeTargets(settings);
    const policy = (pid: string, spec: ComponentSpec, policyNs: string, ingress: unknown[], egress: unknown[]) =>
      new ApiObject(this, pid, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: metadata(spec, policyNs),
        spec: { podSelector: { matchLabels: { [NAME_LABEL]: spec.name } }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
      });

    for (const denyNs of [ns, settings.agentsNamespace]) {
      new ApiObject(this, `default-deny-${denyNs}`, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny', namespace: denyNs, labels: { 'app.kubernetes.io/part-of': PART_OF } },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      });
    }

    const scrapedNamespaces = settings.discovery.scope === 'cluster' ? [{ namespaceSelector: {} }] : settings.discovery.namespaces.map(namespace);
    policy('prometheus', prometheus, ns,
      [{ from: [pods(grafana), pods(prometheus)], ports: [tcp(prometheus.web.port)] }],
      [
        DNS_EGRESS,
        { to: [pods(prometheus)], ports: [tcp(prometheus.web.port)] },
        { to: [pods(alertmanager)], ports: [tcp(alertmanager.web.port)] },
        { to: [pods(grafana)], ports: [tcp(grafana.web.port)] },
        { to: [pods(kubeStateMetrics)], ports: [tcp(kubeStateMetrics.web.port)] },
        ...(probes.length > 0 ? [{ to: [pods(blackboxExporter)], ports: [tcp(blackboxExporter.web.port)] }] : []),
        // Host-network targets and the API server have node/control-plane IPs, not pod IPs.
        { to: ANYWHERE, ports: [tcp(10250), tcp(nodeExporter.web.port), ...API_SERVER_PORTS.map(tcp)] },
        ...settings.services.map((service) => ({ to: [namespace(service.namespace)], ports: [tcp(service.port)] })),
        // Annotated pods choose their own port (prometheus.io/port), in the discovery namespaces only.
        { to: scrapedNamespaces },
      ]);
    policy('alertmanager', alertmanager, ns,
      [
        { from: [pods(prometheus), pods(grafana)], ports: [tcp(alertmanager.web.port)] },
        { from: [pods(alertmanager)], ports: [tcp(alertmanager.extraPorts[0].port), { protocol: 'UDP', port: alertmanager.extraPorts[0].port }] },
      ],
      [
        DNS_EGRESS,
        { to: [pods(alertmanager)], ports: [tcp(alertmanager.extraPorts[0].port), { protocol: 'UDP', port: alertmanager.extraPorts[0].port }] },
        // Receivers: external services, or webhooks inside the cluster (e.g. an on-call bridge).
        { to: [{ namespaceSelector: {} }, ...ANYWHERE], ports: receiverPorts(settings).map(tcp) },
      ]);
    policy('grafana', grafana, ns,
      // The UI is the entry point for people (port-forward or an ingress controller anywhere).
      [{ ports: [tcp(grafana.web.port)] }],
      [DNS_EGRESS, { to: [pods(prometheus)], ports: [tcp(prometheus.web.port)] }, { to: [pods(alertmanager)], ports: [tcp(alertmanager.web.port)] }]);
    policy('kube-state-metrics', kubeStateMetrics, ns,
      [{ from: [pods(prometheus)], ports: [tcp(kubeStateMetrics.web.port), tcp(kubeStateMetrics.extraPorts[0].port)] }],
      [DNS_EGRESS, { to: ANYWHERE, ports: API_SERVER_PORTS.map(tcp) }]);
    if (probes.length > 0) {
      // Probed targets may be Services in any namespace or addresses outside the cluster.
      policy('blackbox-exporter', blackboxExporter, ns,
        [{ from: [pods(prometheus)], ports: [tcp(blackboxExporter.web.port)] }],
        [DNS_EGRESS, { to: [{ namespaceSelector: {} }, ...ANYWHERE], ports: [...new Set(probes.map((p) => p.port))].sort((a, b) => a - b).map(tcp) }]);
    }
    // node-exporter runs on the host network, where NetworkPolicies do not apply; the policy
    // still documents the one flow (Prometheus scrapes) and keeps policy checkers satisfied.
    policy('node-exporter', nodeExporter, settings.agentsNamespace,
      [{ from: [podsIn(ns, prometheus)], ports: [tcp(nodeExporter.web.port)] }],
      [DNS_EGRESS]);
  }
}
