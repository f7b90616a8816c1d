import { Construct } from 'constructs';
import { ALERTMANAGER_SECRET_NAME, AlertingSettings } from '../../config/alerting/settings';
import { ANY_POD, ownNetworkPolicy, resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { renderAlertmanagerConfig } from './files';
import { alertmanagerFlows } from './flows';
import { tcp } from '../../config/flows';
import { podsOf } from '../component';
import { AlertmanagerSettings, resolveAlertmanager, ALERTMANAGER_KEYS } from './settings';
import { pickKeys } from '../../config/strict';
import { renderTemplates, TEMPLATE_FILE } from './templates';
import { clusterService, configMap, serviceAccount } from '../k8s/objects';
import { mainContainer } from '../k8s/pod';
import { replicatedWorkload } from '../k8s/workload';
import { externalUrlArgs } from '../prometheus/external-url';
import { alertmanagerSpec } from './spec';

/** Props of the Alertmanager construct: its settings, where it runs and the alerting settings its config is rendered from. */
export interface AlertmanagerProps extends AlertmanagerSettings, WorkloadProps {
  /** Receivers and routing (validated in full by ObservabilityStack; used as given here). @default the shipped routing, no receivers */
  readonly alerting?: AlertingSettings;
}

const spec = alertmanagerSpec;
const clusterPort = spec.extraPorts[0];

/** Gossip peer addresses of every replica, through the headless Service's stable pod DNS names. */
export function alertmanagerPeers(namespace: string, replicas: number): string[] {
  return Array.from({ length: replicas }, (_, i) => `${spec.name}-${i}.${spec.name}-peers.${namespace}.svc:${clusterPort.port}`);
}

/**
 * Alertmanager as a StatefulSet with a volume per replica (silences, notification log). With
 * more than one replica the instances form a gossip cluster (`--cluster.peer`), so Prometheus
 * sends every alert to all of them and they deduplicate notifications. Receiver credentials come
 * from files of an optional Secret, never from the config itself.
 */
export class Alertmanager extends Construct {
  constructor(scope: Construct, id: string, props: AlertmanagerProps) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props);
    const component = resolveAlertmanager(where, 'props', profile, pickKeys(props, ALERTMANAGER_KEYS));
    const alerting = { alerting: props.alerting ?? {} };
    const files = { 'alertmanager.yml': renderAlertmanagerConfig(alerting), [TEMPLATE_FILE]: renderTemplates() };
    serviceAccount(this, spec, ns);
    configMap(this, 'config', spec, ns, `${spec.name}-config`, files);
    clusterService(this, 'service', spec, ns);
    clusterService(this, 'peers-service', spec, ns, { name: `${spec.name}-peers`, headless: true, ports: [spec.web, clusterPort] });

    const clustered = component.replicas > 1;
    const clusterArgs = clustered
      ? [
          `--cluster.listen-address=0.0.0.0:${clusterPort.port}`,
          `--cluster.advertise-address=$(POD_IP):${clusterPort.port}`,
          ...alertmanagerPeers(ns, component.replicas).map((peer) => `--cluster.peer=${peer}`),
        ]
      : ['--cluster.listen-address='];

    if (networkPolicy) {
      // Its own flows (alerts, gossip, receivers), with any pod of the cluster as a client.
      const flows = alertmanagerFlows({ namespace: ns, alertmanager: component, ...alerting });
      ownNetworkPolicy(this, spec, ns, [
        ...flows.filter((f) => f.from.kind !== 'component' || f.from.name === spec.name),
        { from: ANY_POD, to: podsOf(spec, ns), ports: tcp(spec.web.port), purpose: 'alerts, API and UI' },
      ]);
    }

    replicatedWorkload(this, spec, {
      component,
      namespace: ns,
      priorityClassName,
      configFiles: files,
      statefulSet: { serviceName: `${spec.name}-peers`, storageClassName: component.storageClassName },
      container: mainContainer(component, {
        args: [
          `--config.file=${spec.configDir}/alertmanager.yml`,
          `--storage.path=${spec.dataDir}`,
          `--web.listen-address=:${spec.web.port}`,
          ...externalUrlArgs(component.externalUrl),
          ...clusterArgs,
        ],
        env: [{ name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } }],
        volumeMounts: [
          { name: 'config', mountPath: spec.configDir, readOnly: true },
          { name: 'receiver-secrets', mountPath: spec.secretsDir, readOnly: true },
          { name: 'data', mountPath: spec.dataDir },
        ],
      }),
      volumes: [
        { name: 'config', configMap: { name: `${spec.name}-config` } },
        // Optional: receivers whose credentials are absent are left out of the config.
        { name: 'receiver-secrets', secret: { secretName: ALERTMANAGER_SECRET_NAME, optional: true, defaultMode: 0o440 } },
      ],
    });
  }
}
