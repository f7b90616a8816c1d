import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ComponentSettings, resolveComponent } from '../../config/component';
import { DEFAULT_PLACEMENT, ownNetworkPolicy, resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { metadata, selectorLabels } from '../k8s/labels';
import { serviceAccount } from '../k8s/objects';
import { availability, mainContainer, podDefaults } from '../k8s/pod';
import { nodeExporterSpec } from './spec';
import { podsOf } from '../component';
import { tcp } from '../../config/flows';

/** Props of the NodeExporter construct: its sizing (replicas are ignored: one pod per node) and where it runs. */
export interface NodeExporterProps extends ComponentSettings, WorkloadProps {}

const spec = nodeExporterSpec;

/** Mount points not reported: kernel and runtime file systems, and other containers' and pods' volumes. */
const EXCLUDED_MOUNT_POINTS = ['dev', 'proc', 'sys', 'run/k3s/containerd/.+', 'var/lib/docker/.+', 'var/lib/kubelet/pods/.+'];

/**
 * node-exporter as a DaemonSet in the agents namespace (Pod Security `privileged`). It is the
 * only stack workload with host access; every exemption below says why it is needed.
 * Prometheus finds it through node discovery (the node's InternalIP on port 9100), so it
 * needs no Service and no Kubernetes API access.
 */
export class NodeExporter extends Construct {
  constructor(scope: Construct, id: string, props: NodeExporterProps) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props, DEFAULT_PLACEMENT.agents);
    const component = resolveComponent(where, 'props', spec, profile, props);
    serviceAccount(this, spec, ns);
    if (networkPolicy) {
      // Prometheus scrapes it at the node's address, so the peer cannot be told by pod labels.
      ownNetworkPolicy(this, spec, ns, [
        { from: { kind: 'outside', label: 'scrapers' }, to: podsOf(spec, ns, true), ports: tcp(spec.web.port), purpose: 'scrape' },
      ]);
    }

    new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: metadata(spec, ns, spec.name, {
        // hostNetwork: network-device and netstat metrics must describe the host's interfaces.
        'ignore-check.kube-linter.io/host-network': 'host interface and netstat metrics need the host network namespace',
        'polaris.fairwinds.com/hostNetworkSet-exempt': 'true',
        // hostPID: process and systemd metrics must see the host's processes.
        'ignore-check.kube-linter.io/host-pid': 'host process metrics need the host PID namespace',
        'polaris.fairwinds.com/hostPIDSet-exempt': 'true',
        // hostPath / and /sys, read-only: filesystem, disk and hardware metrics of the node.
        'ignore-check.kube-linter.io/sensitive-host-mounts': 'read-only / and /sys are the node metrics being exported',
        'polaris.fairwinds.com/hostPathSet-exempt': 'true',
      }),
      spec: {
        selector: { matchLabels: selectorLabels(spec) },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromString('10%') } },
        template: {
          metadata: { labels: metadata(spec, ns).labels },
          spec: {
            ...podDefaults(spec, spec.name, priorityClassName),
            ...availability(spec, 1),
            hostNetwork: true,
            hostPid: true,
            dnsPolicy: 'ClusterFirstWithHostNet',
            // Runs on every node, control plane and tainted nodes included.
            tolerations: [{ operator: 'Exists' }],
            containers: [
              mainContainer(component, {
                args: [
                  `--web.listen-address=:${spec.web.port}`,
                  '--path.sysfs=/host/sys',
                  '--path.rootfs=/host/root',
                  '--path.udev.data=/host/root/run/udev/data',
                  `--collector.filesystem.mount-points-exclude=^/(${EXCLUDED_MOUNT_POINTS.join('|')})($|/)`,
                ],
                volumeMounts: [
                  { name: 'sys', mountPath: '/host/sys', readOnly: true, mountPropagation: 'HostToContainer' },
                  { name: 'root', mountPath: '/host/root', readOnly: true, mountPropagation: 'HostToContainer' },
                ],
              }),
            ],
            volumes: [
              { name: 'sys', hostPath: { path: '/sys', type: 'Directory' } },
              { name: 'root', hostPath: { path: '/', type: 'Directory' } },
            ],
          },
        },
      },
    });
  }
}
