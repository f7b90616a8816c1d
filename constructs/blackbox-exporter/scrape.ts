import { ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';
import { BLACKBOX_JOB, probeTargets } from './files';
import { blackboxExporterSpec } from './spec';

/**
 * The probes job: each target is a probed URL or host:port, sent to the blackbox exporter as the
 * `target` parameter with its module; `instance` keeps the probed target.
 */
export function blackboxScrapeJobs(settings: ResolvedSettings, topology: ScrapeTopology): ScrapeJob[] {
  const spec = blackboxExporterSpec;
  const exporter =
    topology.kind === 'kubernetes' ? `${spec.name}.${settings.namespace}.svc:${spec.web.port}` : topology.targets[spec.name]?.[0];
  const targets = probeTargets(settings);
  if (targets.length === 0 || !exporter) return [];
  return [
    {
      job_name: BLACKBOX_JOB,
      metrics_path: '/probe',
      static_configs: targets.map((t) => ({
        targets: [t.target],
        labels: { __param_module: t.module, service: t.service, namespace: t.namespace, ...(t.team ? { team: t.team } : {}) },
      })),
      relabel_configs: [
        { source_labels: ['__address__'], target_label: '__param_target' },
        { source_labels: ['__param_target'], target_label: 'instance' },
        { target_label: '__address__', replacement: exporter },
      ],
    },
  ];
}
