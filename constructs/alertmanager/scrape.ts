import { componentJob, ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';
import { alertmanagerSpec } from './spec';

/** Scrape job of alertmanager's own metrics (dashboards and alerts select it by this name). */
export const ALERTMANAGER_JOB = 'alertmanager';

/** Every alertmanager replica, through its Service's endpoints (Kubernetes) or its listed targets. */
export function alertmanagerScrapeJobs(settings: ResolvedSettings, topology: ScrapeTopology): ScrapeJob[] {
  return componentJob(alertmanagerSpec, ALERTMANAGER_JOB, settings.namespace, topology);
}
