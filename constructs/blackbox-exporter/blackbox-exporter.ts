import { Construct } from 'constructs';
import { renderBlackboxConfig } from './files';
import { ComponentSettings, resolveComponent } from '../../config/component';
import { ANY_POD, ownNetworkPolicy, resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { clusterService, configMap, serviceAccount } from '../k8s/objects';
import { mainContainer } from '../k8s/pod';
import { replicatedWorkload } from '../k8s/workload';
import { blackboxExporterSpec } from './spec';
import { podsOf } from '../component';
import { tcp } from '../../config/flows';

/** Props of the BlackboxExporter construct: its sizing and where it runs. */
export interface BlackboxExporterProps extends ComponentSettings, WorkloadProps {}

const spec = blackboxExporterSpec;

/**
 * The blackbox exporter that runs the monitored services' health probes (HTTP and TCP connect,
 * no ICMP), as a stateless Deployment without Kubernetes API access. Prometheus asks it to
 * probe each target through `/probe`; the `ServiceProbeFailed` alert reads `probe_success`.
 */
export class BlackboxExporter extends Construct {
  constructor(scope: Construct, id: string, props: BlackboxExporterProps) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props);
    const component = resolveComponent(where, 'props', spec, profile, props);
    if (networkPolicy) {
      ownNetworkPolicy(this, spec, ns, [
        { from: ANY_POD, to: podsOf(spec, ns), ports: tcp(spec.web.port), purpose: 'probes' },
        // It probes whatever Prometheus asks it to, in the cluster or outside.
        { from: podsOf(spec, ns), to: { kind: 'anywhere', label: 'probe targets' }, ports: 'all', purpose: 'probe targets' },
      ]);
    }
    const files = { 'blackbox.yml': renderBlackboxConfig() };
    serviceAccount(this, spec, ns);
    configMap(this, 'config', spec, ns, `${spec.name}-config`, files);
    clusterService(this, 'service', spec, ns);
    replicatedWorkload(this, spec, {
      component,
      namespace: ns,
      priorityClassName,
      configFiles: files,
      container: mainContainer(component, {
        args: [`--config.file=${spec.configDir}/blackbox.yml`, `--web.listen-address=:${spec.web.port}`],
        volumeMounts: [{ name: 'config', mountPath: spec.configDir, readOnly: true }],
      }),
      volumes: [{ name: 'config', configMap: { name: `${spec.name}-config` } }],
    });
  }
}
