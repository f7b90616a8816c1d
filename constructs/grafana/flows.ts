import { Flow, tcp } from '../../config/flows';
import { alertmanagerSpec } from '../alertmanager/spec';
import { podsOf } from '../component';
import { prometheusSpec } from '../prometheus/spec';
import { ResolvedSettings } from '../stack/settings';
import { grafanaSpec } from './spec';
import { ResolvedGrafana } from './settings';

/** People reach the UI, Prometheus scrapes it, it queries its two datasources and, when set, its shared database. */
export function grafanaFlows(
  settings: Pick<ResolvedSettings, 'namespace'> & { readonly grafana?: Pick<ResolvedGrafana, 'database'> },
): Flow[] {
  const grafana = podsOf(grafanaSpec, settings.namespace);
  const database = settings.grafana?.database;
  return [
    ...(database
      ? [
          {
            from: grafana,
            to: {
              kind: 'address' as const,
              label: 'Grafana database',
              host: database.host,
              ...(database.cidr ? { cidr: database.cidr } : {}),
            },
            ports: tcp(database.port),
            purpose: 'Grafana database (PostgreSQL)',
          },
        ]
      : []),
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
