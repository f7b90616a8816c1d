import { componentJob, ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';
import { elasticsearchExporterSpec } from './spec';

/** Scrape job of the Elasticsearch exporter (alerts and dashboards select it by this name). */
export const ELASTICSEARCH_JOB = 'elasticsearch';

/** Every exporter replica, through its Service's endpoints (Kubernetes) or its listed targets. */
export function elasticsearchScrapeJobs(settings: ResolvedSettings, topology: ScrapeTopology, namespace: string): ScrapeJob[] {
  return settings.elasticsearch ? componentJob(elasticsearchExporterSpec, ELASTICSEARCH_JOB, namespace, topology) : [];
}
