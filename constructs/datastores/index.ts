import { Component } from '../component';
import { DATABASE_ALERTS } from './alerts';
import { datastoresDashboard, declaredDatastores } from './dashboards';
import { databaseGroups } from './rules';

/** Database, cache and queue alerts and dashboards for the exporters declared in `alerting.exporters`. */
export const datastoresComponent: Component = {
  key: 'datastores',
  targets: [],
  alerts: DATABASE_ALERTS.flatMap((d) => d.alerts) as Component['alerts'],
  ruleFiles: (s) => ({ 'databases.yml': databaseGroups(s) }),
  dashboards: { datastores: { build: datastoresDashboard, byDefault: (s) => declaredDatastores(s).length > 0 } },
};
