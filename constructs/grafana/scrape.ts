import { componentJob, ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';
import { grafanaSpec } from './spec';

/** Scrape job of grafana's own metrics (dashboards and alerts select it by this name). */
export const GRAFANA_JOB = 'grafana';

/** Every grafana replica, through its Service's endpoints (Kubernetes) or its listed targets. */
export function grafanaScrapeJobs(settings: ResolvedSettings, topology: ScrapeTopology): ScrapeJob[] {
  return componentJob(grafanaSpec, GRAFANA_JOB, settings.namespace, topology);
}
