import { componentJob, ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';
import { PROMETHEUS_HEADLESS } from './files';
import { thanosQuerySpec, thanosSidecarSpec } from './spec';

/** Scrape job of Thanos Query (the Thanos alerts select it by this name). */
export const THANOS_QUERY_JOB = 'thanos-query';
/** Scrape job of the Thanos sidecars. */
export const THANOS_SIDECAR_JOB = 'thanos-sidecar';

/**
 * Thanos Query through its Service's endpoints, and each sidecar through the Prometheus headless
 * Service's `sidecar-http` port (the sidecar has no Service of its own).
 */
export function thanosScrapeJobs(settings: Pick<ResolvedSettings, 'namespace' | 'prometheus'>, topology: ScrapeTopology): ScrapeJob[] {
  if (!settings.prometheus.thanos) return [];
  const sidecars = { ...thanosSidecarSpec, name: PROMETHEUS_HEADLESS };
  return [
    ...componentJob(thanosQuerySpec, THANOS_QUERY_JOB, settings.namespace, topology),
    ...(topology.kind === 'static'
      ? componentJob(thanosSidecarSpec, THANOS_SIDECAR_JOB, settings.namespace, topology)
      : componentJob(sidecars, THANOS_SIDECAR_JOB, settings.namespace, topology)),
  ];
}
