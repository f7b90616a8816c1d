import { ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';
import { DatabaseKind, ResolvedDatabaseInstance } from './settings';

/** Hidden target label carrying the database address to the `instance` relabel rule. */
const DATABASE_ADDRESS_LABEL = '__database_address';

/**
 * The exporter address of an instance: its Service on Kubernetes, its listed targets on a
 * static topology (keyed by the instance's workload name, e.g. `postgres-exporter-orders`).
 */
function exporterTargets(instance: ResolvedDatabaseInstance, namespace: string, topology: ScrapeTopology): readonly string[] {
  const spec = instance.component.spec;
  return topology.kind === 'kubernetes' ? [`${spec.name}.${namespace}.svc:${spec.web.port}`] : (topology.targets[spec.name] ?? []);
}

/**
 * One scrape job per kind (`job` = `postgres`, `mysql`, `redis` or `kafka`, what the database
 * alerts select), one target per declared instance: the instance's exporter, relabelled so
 * that `instance` is the database address, not the exporter pod. Instances without a target
 * on a static topology are left out; no job without targets.
 */
export function databaseScrapeJobs(
  kind: DatabaseKind,
  instances: readonly ResolvedDatabaseInstance[],
  settings: Pick<ResolvedSettings, 'namespace'>,
  topology: ScrapeTopology,
): ScrapeJob[] {
  const configs = instances.flatMap((instance) => {
    const targets = exporterTargets(instance, settings.namespace, topology);
    return targets.length ? [{ targets: [...targets], labels: { [DATABASE_ADDRESS_LABEL]: instance.instance } }] : [];
  });
  if (configs.length === 0) return [];
  const metricsPath = instances[0].component.spec.metricsPath;
  return [
    {
      job_name: kind,
      ...(metricsPath !== '/metrics' ? { metrics_path: metricsPath } : {}),
      static_configs: configs,
      relabel_configs: [{ source_labels: [DATABASE_ADDRESS_LABEL], target_label: 'instance' }],
    },
  ];
}
