import { ComponentSpec, NOBODY } from '../../config/component';

/** Catalog entry of grafana: pinned image, ports, paths, user and sizing per profile. */
export const grafanaSpec = {
  name: 'grafana',
  repository: 'docker.io/grafana/grafana',
  tag: '12.1.1',
  web: { name: 'http', port: 3000 },
  // /healthz answers while the web server runs; /api/health also checks the database.
  livenessPath: '/healthz',
  readinessPath: '/api/health',
  metricsPath: '/metrics',
  runAs: NOBODY,
  // Datasources and dashboards are provisioned from files. What Grafana writes (users, sessions,
  // annotations, alert state) goes to its database: SQLite in the data dir by default, or the
  // shared PostgreSQL of `grafana.database`. Prod without a database runs ONE replica whose data
  // dir is a volume (a StatefulSet claim), so logins and annotations survive restarts; two
  // replicas with separate SQLite files would disagree per pod and lose it all on a reschedule.
  // Prod with a database runs the `replicas` below (2, a PodDisruptionBudget, no volume). Dev: one
  // replica, scratch data dir. More than one replica without a database is refused.
  dataDir: '/var/lib/grafana',
  configDir: '/etc/grafana/provisioning',
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } } },
    prod: { replicas: 2, storage: '5Gi', resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } },
  },
} as const satisfies ComponentSpec;
