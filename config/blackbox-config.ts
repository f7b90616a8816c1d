import { stringify } from 'yaml';
import { fail } from './errors';
import { ResolvedSettings } from './settings';

/** Job name of the shipped blackbox exporter's probes (the alert catalog's default probe job). */
export const BLACKBOX_JOB = 'blackbox';

/** Prober modules the shipped blackbox exporter offers. */
export type ProbeModule = 'http_2xx' | 'tcp_connect';

/** One probe the shipped blackbox exporter runs for a monitored service. */
export interface ProbeTarget {
  /** Monitored service the probe belongs to. */
  readonly service: string;
  /** Namespace of that service. */
  readonly namespace: string;
  /** Owning team, when declared. */
  readonly team?: string;
  /** The probed target (URL for HTTP, host:port for TCP); becomes the `instance` label. */
  readonly target: string;
  /** Prober module: HTTP for URLs, TCP connect for host:port. */
  readonly module: ProbeModule;
  /** Destination port (for NetworkPolicies). */
  readonly port: number;
}

/** Probes of the services whose probe uses the shipped exporter's job. */
export function probeTargets(settings: ResolvedSettings): ProbeTarget[] {
  return settings.services.flatMap((service) => {
    const probe = service.alerting?.probe;
    if (!probe || (probe.job ?? BLACKBOX_JOB) !== BLACKBOX_JOB) return [];
    const target = probe.instance;
    const url = /^https?:\/\//.test(target) ? new URL(target) : undefined;
    const port = url ? Number(url.port || (url.protocol === 'https:' ? 443 : 80)) : Number(target.split(':').pop());
    return [{ service: service.name, namespace: service.namespace, team: service.team, target, module: url ? 'http_2xx' : 'tcp_connect', port }];
  });
}

/** `blackbox.yml`: an HTTP module expecting 2xx and a TCP connect module, both with timeouts. */
export function renderBlackboxConfig(): string {
  return stringify({
    modules: {
      http_2xx: {
        prober: 'http',
        timeout: '5s',
        // valid_status_codes left out: the default is any 2xx.
        http: { method: 'GET', preferred_ip_protocol: 'ip4', ip_protocol_fallback: true },
      },
      tcp_connect: { prober: 'tcp', timeout: '5s', tcp: { preferred_ip_protocol: 'ip4', ip_protocol_fallback: true } },
    },
  }, { lineWidth: 0 });
}

/** Fails at synth when a probe target is neither an http(s) URL nor host:port. */
export function validateProbeTargets(settings: ResolvedSettings, where: string): void {
  settings.services.forEach((service, i) => {
    const probe = service.alerting?.probe;
    if (!probe || (probe.job ?? BLACKBOX_JOB) !== BLACKBOX_JOB) return;
    let ok = false;
    if (/^https?:\/\//.test(probe.instance)) {
      try {
        ok = new URL(probe.instance).hostname !== '';
      } catch {
        ok = false;
      }
    } else {
      const match = /^[A-Za-z0-9.-]+:(\d+)$/.exec(probe.instance);
      ok = match !== null && Number(match[1]) >= 1 && Number(match[1]) <= 65535;
    }
    if (!ok) fail(where, `services[${i}].alerting.probe.instance`, probe.instance, 'an http(s) URL such as "http://api.shop.svc:8080/healthz", or host:port for a TCP connect probe');
  });
}
