import { toYaml } from '../../config/yaml';
import { fail } from '../../config/errors';
import { parseHostPort, urlPort } from '../../config/names';
import { kibanaStatusUrl } from '../kibana/probe';
import { kibanaSpec } from '../kibana/spec';
import { ResolvedSettings } from '../stack/settings';

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

/** Module and destination port of a probe target, or undefined when it is neither a URL nor host:port. */
function parseProbeTarget(target: string): { module: ProbeModule; port: number } | undefined {
  if (/^https?:\/\//.test(target)) {
    try {
      const url = new URL(target);
      return url.hostname ? { module: 'http_2xx', port: urlPort(url) } : undefined;
    } catch {
      return undefined;
    }
  }
  const hostPort = parseHostPort(target);
  return hostPort ? { module: 'tcp_connect', port: hostPort.port } : undefined;
}

/** Services whose probe runs on the shipped exporter (the default probe job). */
function probedServices(settings: ResolvedSettings) {
  return settings.services.flatMap((service, index) => {
    const probe = service.alerting?.probe;
    return probe && (probe.job ?? BLACKBOX_JOB) === BLACKBOX_JOB ? [{ service, index, target: probe.instance }] : [];
  });
}

/** Probes of the services whose probe uses the shipped exporter's job (validated settings), then Kibana's status. */
export function probeTargets(settings: ResolvedSettings): ProbeTarget[] {
  // Unparsable targets are reported by validateProbeTargets; until then they probe nothing.
  const services = probedServices(settings).flatMap(({ service, target }) => {
    const parsed = parseProbeTarget(target);
    return parsed ? [{ service: service.name, namespace: service.namespace, team: service.team, target, ...parsed }] : [];
  });
  const kibana = settings.kibana;
  return kibana
    ? [
        ...services,
        {
          service: kibanaSpec.name,
          namespace: kibana.namespace,
          target: kibanaStatusUrl(kibana.namespace),
          module: 'http_2xx',
          port: kibanaSpec.web.port,
        },
      ]
    : services;
}

/** `blackbox.yml`: an HTTP module expecting 2xx and a TCP connect module, both with timeouts. */
export function renderBlackboxConfig(): string {
  return toYaml({
    modules: {
      http_2xx: {
        prober: 'http',
        timeout: '5s',
        // valid_status_codes left out: the default is any 2xx.
        http: { method: 'GET', preferred_ip_protocol: 'ip4', ip_protocol_fallback: true },
      },
      tcp_connect: { prober: 'tcp', timeout: '5s', tcp: { preferred_ip_protocol: 'ip4', ip_protocol_fallback: true } },
    },
  });
}

/** Fails at synth when a probe target is neither an http(s) URL nor host:port. */
export function validateProbeTargets(settings: ResolvedSettings, where: string): void {
  for (const { index, target } of probedServices(settings)) {
    if (!parseProbeTarget(target)) {
      fail(
        where,
        `services[${index}].alerting.probe.instance`,
        target,
        'an http(s) URL such as "http://api.shop.svc:8080/healthz", or host:port for a TCP connect probe',
      );
    }
  }
}
