import { Construct } from 'constructs';
import { renderBlackboxConfig } from './files';
import { ResolvedSettings } from '../stack/settings';
import { clusterService, configMap, serviceAccount } from '../k8s/objects';
import { mainContainer } from '../k8s/pod';
import { replicatedWorkload } from '../k8s/workload';
import { blackboxExporterSpec } from './spec';

/** Props of the BlackboxExporter construct. */
export interface BlackboxExporterProps {
  /** Validated stack settings (see `resolveSettings`). */
  readonly settings: ResolvedSettings;
}

const spec = blackboxExporterSpec;

/**
 * The blackbox exporter that runs the monitored services' health probes (HTTP and TCP connect,
 * no ICMP), as a stateless Deployment without Kubernetes API access. Prometheus asks it to
 * probe each target through `/probe`; the `ServiceProbeFailed` alert reads `probe_success`.
 */
export class BlackboxExporter extends Construct {
  constructor(scope: Construct, id: string, props: BlackboxExporterProps) {
    super(scope, id);
    const { settings } = props;
    const ns = settings.namespace;
    const component = settings.blackboxExporter;
    const files = { 'blackbox.yml': renderBlackboxConfig() };
    serviceAccount(this, spec, ns);
    configMap(this, 'config', spec, ns, `${spec.name}-config`, files);
    clusterService(this, 'service', spec, ns);
    replicatedWorkload(this, spec, {
      component,
      namespace: ns,
      priorityClassName: settings.priorityClassNames.stack,
      configFiles: files,
      container: mainContainer(component, {
        args: [`--config.file=${spec.configDir}/blackbox.yml`, `--web.listen-address=:${spec.web.port}`],
        volumeMounts: [{ name: 'config', mountPath: spec.configDir, readOnly: true }],
      }),
      volumes: [{ name: 'config', configMap: { name: `${spec.name}-config` } }],
    });
  }
}
