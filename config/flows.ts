/**
 * Network flows between the stack's components and the world, target-neutral. Each component
 * declares the flows it takes part in; the Kubernetes target turns them into NetworkPolicies
 * (one per component, ingress and egress), and the stack diagram draws the same flows.
 */

/** One end of a flow. */
export type FlowPeer =
  /** Pods of a stack component (by its name label) in a namespace; host-network ones are reached at node IPs. */
  | { readonly kind: 'component'; readonly name: string; readonly namespace: string; readonly hostNetwork?: boolean }
  /** Any pod of the listed namespaces, or of every namespace. */
  | { readonly kind: 'namespaces'; readonly namespaces: readonly string[] | 'all' }
  /** Any pod in the cluster and any address outside it (receivers, probe targets, people). */
  | { readonly kind: 'anywhere'; readonly label: string }
  /** Addresses outside the pod network only: node IPs (kubelet) and the API server. */
  | { readonly kind: 'outside'; readonly label: string }
  /**
   * One declared address (a database server): its pods when declared (an in-cluster server),
   * else `cidr` when known (the host's own /32 when it is an IPv4 address), else any address,
   * since NetworkPolicies cannot match DNS names; the flow's port still restricts it.
   */
  | {
      readonly kind: 'address';
      readonly label: string;
      readonly host: string;
      readonly cidr?: string;
      readonly pods?: { readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
    };

/** A port of a flow. */
export interface FlowPort {
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
}

/** A connection the stack needs: who opens it, to whom, on which ports, and why. */
export interface Flow {
  readonly from: FlowPeer;
  readonly to: FlowPeer;
  /** Destination ports, or `all` (annotated pods choose their own port). */
  readonly ports: readonly FlowPort[] | 'all';
  /** Why the flow exists, e.g. `scrape` or `alerts`. */
  readonly purpose: string;
}

/** TCP ports of a flow. */
export function tcp(...ports: number[]): FlowPort[] {
  return ports.map((port) => ({ port, protocol: 'TCP' as const }));
}

/** A stable text key of a peer (diagram node id, deduplication). */
export function peerKey(peer: FlowPeer): string {
  switch (peer.kind) {
    case 'component':
      return peer.name;
    case 'namespaces':
      return peer.namespaces === 'all' ? 'namespaces:all' : `namespaces:${[...peer.namespaces].sort().join(',')}`;
    case 'address':
      return `address:${peer.host}`;
    default:
      return `${peer.kind}:${peer.label}`;
  }
}

/** Ports as text, e.g. `9090/TCP, 9094/UDP` or `any port`. */
export function portsText(ports: Flow['ports']): string {
  return ports === 'all' ? 'any port' : ports.map((p) => `${p.port}/${p.protocol}`).join(', ');
}

/** Flows without repeats (two components may declare the same flow). */
export function uniqueFlows(flows: readonly Flow[]): Flow[] {
  const seen = new Set<string>();
  return flows.filter((flow) => {
    const key = `${peerKey(flow.from)} -> ${peerKey(flow.to)} ${portsText(flow.ports)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
