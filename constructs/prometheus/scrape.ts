import { componentJob, ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';
import { prometheusSpec } from './spec';

/** Scrape job of prometheus's own metrics (dashboards and alerts select it by this name). */
export const PROMETHEUS_JOB = 'prometheus';

/** Every prometheus replica, through its Service's endpoints (Kubernetes) or its listed targets. */
export function prometheusScrapeJobs(settings: Pick<ResolvedSettings, 'namespace'>, topology: ScrapeTopology): ScrapeJob[] {
  return componentJob(prometheusSpec, PROMETHEUS_JOB, settings.namespace, topology);
}
