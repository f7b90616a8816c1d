import { Construct } from 'constructs';
import { ComponentSettings, resolveComponent, ResolvedComponent } from '../../config/component';
import { COMPONENT_KEYS, pickKeys } from '../../config/strict';
import { clusterService, serviceAccount } from '../k8s/objects';
import { mainContainer } from '../k8s/pod';
import { ownNetworkPolicy, resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { replicatedWorkload } from '../k8s/workload';
import { thanosQueryArgs } from './files';
import { thanosQueryFlows } from './flows';
import { thanosQuerySpec } from './spec';

/** Props of the Thanos Query construct: its sizing and where it runs (the Prometheus pods with sidecars in the same namespace). */
export interface ThanosQueryProps extends ComponentSettings, WorkloadProps {}

const spec = thanosQuerySpec;

/**
 * Thanos Query as a stateless Deployment (prod: 2 replicas, PDB, anti-affinity): fans out to the
 * sidecar of every Prometheus replica found through the headless Service's DNS and
 * deduplicates their series along the `replica` label, so a graph shows one history and a
 * restart of one replica leaves no gap. No Kubernetes API access, no token.
 */
export class ThanosQuery extends Construct {
  /** The sizing after validation. */
  readonly settings: ResolvedComponent;

  constructor(scope: Construct, id: string, props: ThanosQueryProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props);
    const query = resolveComponent(where, 'props', spec, profile, pickKeys(props, COMPONENT_KEYS));
    this.settings = query;
    serviceAccount(this, spec, ns);
    clusterService(this, 'service', spec, ns);
    if (networkPolicy) ownNetworkPolicy(this, spec, ns, thanosQueryFlows(ns));
    replicatedWorkload(this, spec, {
      component: query,
      namespace: ns,
      priorityClassName,
      container: mainContainer(query, { args: thanosQueryArgs(ns), volumeMounts: [] }),
    });
  }
}
