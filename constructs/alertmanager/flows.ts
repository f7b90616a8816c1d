import { Flow, tcp } from '../../config/flows';
import { parseHostPort, urlPort } from '../../config/names';
import { podsOf } from '../component';
import { prometheusSpec } from '../prometheus/spec';
import { ResolvedSettings } from '../stack/settings';
import { alertmanagerSpec } from './spec';
import { heartbeatReceiver } from './files';

/** Outbound ports receivers need: HTTPS (Slack, PagerDuty, webhooks) and SMTP submission. */
export const RECEIVER_PORTS = [443, 587, 465, 25] as const;

/** Ports of the receivers the settings name (webhook, heartbeat, SMTP smarthost) besides the standard ones. */
export function receiverPorts(settings: Pick<ResolvedSettings, 'alerting'>): number[] {
  const receivers = settings.alerting.receivers;
  const heartbeat = heartbeatReceiver(settings);
  // A heartbeat URL read from a Secret file is unknown here: it goes out on 443 like the others.
  const urls = [receivers?.webhook?.url, heartbeat && 'url' in heartbeat ? heartbeat.url : undefined].flatMap((text) =>
    text ? [urlPort(new URL(text))] : [],
  );
  const smarthost = receivers?.email?.smarthost ? parseHostPort(receivers.email.smarthost) : undefined;
  return [...new Set([...RECEIVER_PORTS, ...urls, ...(smarthost ? [smarthost.port] : [])])].sort((a, b) => a - b);
}

/** Alerts and scrapes from Prometheus, gossip between replicas, notifications to receivers. */
export function alertmanagerFlows(
  settings: Pick<ResolvedSettings, 'namespace' | 'alerting'> & { readonly alertmanager: { readonly replicas: number } },
): Flow[] {
  const am = podsOf(alertmanagerSpec, settings.namespace);
  const gossip = alertmanagerSpec.extraPorts[0].port;
  return [
    { from: podsOf(prometheusSpec, settings.namespace), to: am, ports: tcp(alertmanagerSpec.web.port), purpose: 'alerts and scrape' },
    ...(settings.alertmanager.replicas > 1
      ? [{ from: am, to: am, ports: [...tcp(gossip), { port: gossip, protocol: 'UDP' as const }], purpose: 'cluster gossip' }]
      : []),
    // Receivers: external services, or webhooks inside the cluster (e.g. an on-call bridge).
    { from: am, to: { kind: 'anywhere', label: 'receivers' }, ports: tcp(...receiverPorts(settings)), purpose: 'notifications' },
  ];
}
