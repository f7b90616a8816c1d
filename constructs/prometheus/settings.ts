import { ComponentSettings, Profile, resolveComponent, ResolvedComponent } from '../../config/component';
import { duration, retentionSize } from '../../config/duration';
import { fail } from '../../config/errors';
import { dnsLabel, httpUrl } from '../../config/names';
import { byteQuantity } from '../../config/quantity';
import { checkComponentKeys, COMPONENT_KEYS, keysOf } from '../../config/strict';
import { ResolvedThanos, resolveThanos, ThanosSettings } from '../thanos-query/settings';
import { RemoteWriteTarget, resolveRemoteWrite } from './remote-write';
import { prometheusSpec } from './spec';

/** Prometheus server settings. */
export interface PrometheusSettings extends ComponentSettings {
  /** How long to keep samples. @default `15d` */
  readonly retention?: string;
  /** Size cap of the TSDB (`--storage.tsdb.retention.size`). @default 85% of the volume, e.g. `8GB` for 10Gi */
  readonly retentionSize?: string;
  /** Default scrape interval. @default `15s` */
  readonly scrapeInterval?: string;
  /** Rule evaluation interval. @default `15s` */
  readonly evaluationInterval?: string;
  /** Verify the kubelet's serving certificate against the cluster CA (set false where kubelet certs are self-signed). @default true */
  readonly verifyKubeletTls?: boolean;
  /** StorageClass for the data volume. @default the cluster default */
  readonly storageClassName?: string;
  /** URL users reach Prometheus at (links in alerts point there). @default none (pod address) */
  readonly externalUrl?: string;
  /** Where Prometheus remote-writes every series (Mimir, Thanos Receive, VictoriaMetrics; docs/remote-write.md). @default none */
  readonly remoteWrite?: readonly RemoteWriteTarget[];
  /** Thanos sidecar + Thanos Query for deduplicated HA queries: `false` off, `true`/an object on. @default dev off, prod on */
  readonly thanos?: ThanosSettings | boolean;
}

/** Every key of PrometheusSettings (checked against the interface by tsc). */
export const PROMETHEUS_KEYS = [
  ...COMPONENT_KEYS,
  ...keysOf<Omit<PrometheusSettings, keyof ComponentSettings>>({
    retention: true,
    retentionSize: true,
    scrapeInterval: true,
    evaluationInterval: true,
    verifyKubeletTls: true,
    storageClassName: true,
    externalUrl: true,
    remoteWrite: true,
    thanos: true,
  }),
];

/** Prometheus settings with every default filled in. */
export interface ResolvedPrometheus extends ResolvedComponent {
  readonly retention: string;
  readonly retentionSize: string;
  readonly scrapeInterval: string;
  readonly evaluationInterval: string;
  readonly verifyKubeletTls: boolean;
  readonly storageClassName?: string;
  readonly externalUrl?: string;
  readonly remoteWrite: readonly RemoteWriteTarget[];
  /** Undefined when Thanos is off. */
  readonly thanos?: ResolvedThanos;
  /** Size of the data volume (the profile's, or the override). */
  readonly storage: string;
}

/** Default retention size: 85% of the volume in whole GB (MB below 2 GB), so the disk never fills first. */
function defaultRetentionSize(volumeBytes: number): string {
  const gb = Math.floor((volumeBytes * 0.85) / 1024 ** 3);
  return gb >= 2 ? `${gb}GB` : `${Math.max(1, Math.floor((volumeBytes * 0.85) / 1024 ** 2))}MB`;
}

/** Validates Prometheus settings (`field` is their path, e.g. `prometheus`) and fills the defaults. */
export function resolvePrometheus(where: string, field: string, profile: Profile, input: PrometheusSettings = {}): ResolvedPrometheus {
  checkComponentKeys(where, field, input, PROMETHEUS_KEYS);
  const component = resolveComponent(where, field, prometheusSpec, profile, input);
  const storage = component.storage ?? prometheusSpec.sizing[profile].storage;
  const scrapeInterval = input.scrapeInterval ?? '15s';
  duration(where, `${field}.scrapeInterval`, scrapeInterval);
  const evaluationInterval = input.evaluationInterval ?? '15s';
  duration(where, `${field}.evaluationInterval`, evaluationInterval);
  const retention = input.retention ?? '15d';
  duration(where, `${field}.retention`, retention);
  const volumeBytes = byteQuantity(where, `${field}.storage`, storage);
  const size = input.retentionSize ?? defaultRetentionSize(volumeBytes);
  if (retentionSize(where, `${field}.retentionSize`, size) > volumeBytes)
    fail(where, `${field}.retentionSize`, size, `a size no larger than the volume (${storage})`);
  if (input.externalUrl !== undefined) httpUrl(where, `${field}.externalUrl`, input.externalUrl);
  if (input.storageClassName !== undefined) dnsLabel(where, `${field}.storageClassName`, input.storageClassName, 253);
  if (input.verifyKubeletTls !== undefined && typeof input.verifyKubeletTls !== 'boolean')
    fail(where, `${field}.verifyKubeletTls`, input.verifyKubeletTls, 'true or false');
  const thanos = resolveThanos(where, `${field}.thanos`, profile, input.thanos);
  return {
    ...component,
    storage,
    retention,
    retentionSize: size,
    scrapeInterval,
    evaluationInterval,
    verifyKubeletTls: input.verifyKubeletTls ?? true,
    storageClassName: input.storageClassName,
    externalUrl: input.externalUrl,
    remoteWrite: resolveRemoteWrite(where, `${field}.remoteWrite`, input.remoteWrite),
    ...(thanos ? { thanos } : {}),
  };
}

declare module '../stack/settings' {
  interface StackSettings {
    /** Prometheus overrides. @default catalog sizing for the profile */
    readonly prometheus?: PrometheusSettings;
  }
  interface ResolvedSettings {
    readonly prometheus: ResolvedPrometheus;
  }
}

declare module '../../config/dashboards/settings' {
  interface ShippedDashboards {
    /** The stack's own health (Prometheus, its rules and targets). @default on */
    readonly stack: true;
  }
}
