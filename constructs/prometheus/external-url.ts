/**
 * Prometheus/Alertmanager flags for the URL users reach them at: links in alerts use it, while
 * the routes stay at `/` so probes, scrapes and in-cluster clients keep working behind a proxy
 * that strips the path.
 */
export function externalUrlArgs(externalUrl: string | undefined): string[] {
  return externalUrl ? [`--web.external-url=${externalUrl}`, '--web.route-prefix=/'] : [];
}
