import { Flow, tcp } from '../../config/flows';
import { API_SERVER_PORTS } from '../../config/kubernetes';
import { podsOf } from '../component';
import { prometheusSpec } from '../prometheus/spec';
import { ResolvedSettings } from '../stack/settings';
import { kubeStateMetricsSpec } from './spec';

/** Prometheus scrapes it; it lists and watches the API server. */
export function kubeStateMetricsFlows(settings: Pick<ResolvedSettings, 'namespace'>): Flow[] {
  const ksm = podsOf(kubeStateMetricsSpec, settings.namespace);
  return [
    { from: podsOf(prometheusSpec, settings.namespace), to: ksm, ports: tcp(kubeStateMetricsSpec.web.port), purpose: 'scrape' },
    { from: ksm, to: { kind: 'outside', label: 'Kubernetes API' }, ports: tcp(...API_SERVER_PORTS), purpose: 'list and watch' },
  ];
}
