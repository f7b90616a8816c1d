import { API_SERVER_PORTS } from '../../config/kubernetes';
import { Flow, tcp } from '../../config/flows';
import { podsOf } from '../component';
import { ResolvedSettings } from '../stack/settings';
import { prometheusSpec } from './spec';

/** Prometheus's own flows: scraping every replica, and discovery through the API server. */
export function prometheusFlows(settings: Pick<ResolvedSettings, 'namespace'>): Flow[] {
  const prometheus = podsOf(prometheusSpec, settings.namespace);
  return [
    { from: prometheus, to: prometheus, ports: tcp(prometheusSpec.web.port), purpose: 'self-scrape of every replica' },
    {
      from: prometheus,
      to: { kind: 'outside', label: 'Kubernetes API' },
      ports: tcp(...API_SERVER_PORTS),
      purpose: 'discovery and API server metrics',
    },
  ];
}
