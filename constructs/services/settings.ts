import { ServiceAlerting } from '../../config/alerting/settings';
import { duration } from '../../config/duration';
import { fail } from '../../config/errors';
import { dnsLabel, labelValue } from '../../config/names';
import { checkKeys, keysOf } from '../../config/strict';

/** A workload the stack scrapes: a Kubernetes Service (or, on Docker, a host:port) exposing metrics. */
export interface MonitoredService {
  /** Service name: the Kubernetes Service to scrape, the scrape `job` and the `service` label. @default none (required) */
  readonly name: string;
  /** Namespace of the Service. @default none (required) */
  readonly namespace: string;
  /** Port number on the Service's endpoints that serves metrics (1-65535). @default none (required) */
  readonly port: number;
  /** Metrics path. @default `/metrics` */
  readonly path?: string;
  /** Scrape interval. @default the global `prometheus.scrapeInterval` */
  readonly interval?: string;
  /** Scheme. @default `http` */
  readonly scheme?: 'http' | 'https';
  /** Team that owns the service; added as the `team` label to its series and alerts. @default none */
  readonly team?: string;
  /** Alerting settings for this service (RED metric names, SLOs, probes). @default the shipped defaults */
  readonly alerting?: ServiceAlerting;
  /** Where the service dashboard's RED series come from: its own metrics, or Jaeger's span metrics (needs `jaeger`). @default `own` */
  readonly redSource?: RedSource;
}

/** `own`: the service's request counter and duration histogram; `spanMetrics`: the span metrics of its server spans. */
export type RedSource = 'own' | 'spanMetrics';

/** Every key of MonitoredService (checked against the interface by tsc). */
export const SERVICE_KEYS = keysOf<MonitoredService>({
  name: true,
  namespace: true,
  port: true,
  path: true,
  interval: true,
  scheme: true,
  team: true,
  alerting: true,
  redSource: true,
});

/** A monitored service with its defaults filled in. */
export type ResolvedService = Required<Pick<MonitoredService, 'name' | 'namespace' | 'port' | 'path' | 'scheme'>> & MonitoredService;

/** Where Prometheus discovers annotated pods (`prometheus.io/scrape: "true"`). */
export type DiscoverySettings =
  | { /** Watch pods in every namespace (ClusterRole). @default `cluster` */ readonly scope: 'cluster' }
  | {
      /** Watch only the listed namespaces (a Role per namespace, no cluster-wide pod access). @default `cluster` */
      readonly scope: 'namespaces';
      /** Namespaces to watch; must not be empty. @default none (required) */
      readonly namespaces: readonly string[];
    };

type NamespacesDiscovery = Extract<DiscoverySettings, { scope: 'namespaces' }>;
/** Every key of DiscoverySettings, per scope (checked against the types by tsc). */
export const DISCOVERY_KEYS: Readonly<Record<DiscoverySettings['scope'], readonly string[]>> = {
  cluster: keysOf<Extract<DiscoverySettings, { scope: 'cluster' }>>({ scope: true }),
  namespaces: keysOf<NamespacesDiscovery>({ scope: true, namespaces: true }),
};

/** Validates the annotated-pod discovery scope and fills its default. */
export function resolveDiscovery(where: string, input: DiscoverySettings | undefined): DiscoverySettings {
  const discovery = input ?? { scope: 'cluster' as const };
  if (discovery.scope === 'cluster' && (discovery as { namespaces?: unknown }).namespaces !== undefined) {
    fail(
      where,
      'discovery.namespaces',
      (discovery as { namespaces?: unknown }).namespaces,
      'nothing when discovery.scope is "cluster" (set scope "namespaces" to watch only these namespaces)',
    );
  }
  checkKeys(where, 'discovery', discovery, DISCOVERY_KEYS[discovery.scope] ?? DISCOVERY_KEYS.namespaces);
  if (discovery.scope === 'namespaces') {
    if (!Array.isArray(discovery.namespaces) || discovery.namespaces.length === 0) {
      fail(
        where,
        'discovery.namespaces',
        (discovery as { namespaces?: unknown }).namespaces,
        'at least one namespace when discovery.scope is "namespaces" (or use scope "cluster")',
      );
    }
    discovery.namespaces.forEach((ns, i) => dnsLabel(where, `discovery.namespaces[${i}]`, ns));
    if (new Set(discovery.namespaces).size !== discovery.namespaces.length)
      fail(where, 'discovery.namespaces', discovery.namespaces, 'a list without repeated namespaces');
  } else if (discovery.scope !== 'cluster') {
    fail(where, 'discovery.scope', (discovery as { scope: unknown }).scope, '"cluster" or "namespaces"');
  }
  return discovery;
}

/** Validates the monitored services and fills their defaults; a repeated name names both entries. */
export function resolveServices(where: string, input: readonly MonitoredService[] | undefined): ResolvedService[] {
  const firstIndex = new Map<string, number>();
  return (input ?? []).map((service, i) => {
    const at = `services[${i}]`;
    if (!service || typeof service !== 'object') fail(where, at, service, 'an object with name, namespace and port');
    checkKeys(where, at, service, SERVICE_KEYS);
    dnsLabel(where, `${at}.name`, service.name);
    const first = firstIndex.get(service.name);
    if (first !== undefined)
      fail(
        where,
        `${at}.name`,
        service.name,
        `a service name not used by another monitored service (services[${first}] is also "${service.name}"; names are scrape job names)`,
      );
    firstIndex.set(service.name, i);
    dnsLabel(where, `${at}.namespace`, service.namespace);
    if (!Number.isInteger(service.port) || service.port < 1 || service.port > 65535)
      fail(where, `${at}.port`, service.port, 'a whole number from 1 to 65535');
    const path = service.path ?? '/metrics';
    if (typeof path !== 'string' || !path.startsWith('/')) fail(where, `${at}.path`, path, 'an HTTP path starting with "/"');
    if (service.interval !== undefined) duration(where, `${at}.interval`, service.interval);
    const scheme = service.scheme ?? 'http';
    if (scheme !== 'http' && scheme !== 'https') fail(where, `${at}.scheme`, scheme, '"http" or "https"');
    if (service.redSource !== undefined && service.redSource !== 'own' && service.redSource !== 'spanMetrics')
      fail(where, `${at}.redSource`, service.redSource, '"own" or "spanMetrics"');
    if (service.team !== undefined) labelValue(where, `${at}.team`, service.team);
    return { ...service, path, scheme };
  });
}

declare module '../stack/settings' {
  interface StackSettings {
    /** Annotated-pod discovery scope. @default `{ scope: 'cluster' }` */
    readonly discovery?: DiscoverySettings;
    /** Services to scrape (and, with the alerting catalog, to alert on). @default none */
    readonly services?: readonly MonitoredService[];
  }
  interface ResolvedSettings {
    readonly discovery: DiscoverySettings;
    readonly services: readonly ResolvedService[];
  }
}

declare module '../../config/dashboards/settings' {
  interface ShippedDashboards {
    /** RED metrics of one service. @default on when services are declared */
    readonly service: true;
    /** SLOs and error budgets of the declared services. @default on */
    readonly slo: true;
  }
}
