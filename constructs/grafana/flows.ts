import { Flow, tcp } from '../../config/flows';
import { alertmanagerSpec } from '../alertmanager/spec';
import { podsOf } from '../component';
import { prometheusSpec } from '../prometheus/spec';
import { ResolvedSettings } from '../stack/settings';
import { grafanaSpec } from './spec';

/** People reach the UI, Prometheus scrapes it, and it queries its two datasources. */
export function grafanaFlows(settings: Pick<ResolvedSettings, 'namespace'>): Flow[] {
  const grafana = podsOf(grafanaSpec, settings.namespace);
  return [
    // The UI is the entry point for people (port-forward or an ingress controller anywhere).
    { from: { kind: 'anywhere', label: 'users' }, to: grafana, ports: tcp(grafanaSpec.web.port), purpose: 'UI and API' },
    { from: podsOf(prometheusSpec, settings.namespace), to: grafana, ports: tcp(grafanaSpec.web.port), purpose: 'scrape' },
    {
      from: grafana,
      to: podsOf(prometheusSpec, settings.namespace),
      ports: tcp(prometheusSpec.web.port),
      purpose: 'Prometheus datasource',
    },
    {
      from: grafana,
      to: podsOf(alertmanagerSpec, settings.namespace),
      ports: tcp(alertmanagerSpec.web.port),
      purpose: 'Alertmanager datasource',
    },
  ];
}
