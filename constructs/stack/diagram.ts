import { Flow, FlowPeer, peerKey, portsText } from '../../config/flows';
import { footprintTable, ComponentFootprint } from './footprint';

/** The Mermaid node id of a flow end. */
export const nodeId = (peer: FlowPeer): string => peerKey(peer).replace(/[^A-Za-z0-9]/g, '_');

function nodeLabel(peer: FlowPeer): string {
  switch (peer.kind) {
    case 'component':
      return `${peer.name}<br/>${peer.namespace}${peer.hostNetwork ? ' (host network)' : ''}`;
    case 'namespaces':
      return peer.namespaces === 'all' ? 'pods in every namespace' : `pods in ${peer.namespaces.join(', ')}`;
    case 'anywhere':
      return `${peer.label} (in or outside the cluster)`;
    case 'outside':
      return `${peer.label} (node and control-plane IPs)`;
    case 'address':
      return `${peer.label}<br/>${peer.host}${peer.pods ? ` (pods in ${peer.pods.namespace})` : peer.cidr ? ` (${peer.cidr})` : ''}`;
  }
}

/** One Mermaid edge per flow: `from -->|ports| to`. */
export function diagramEdges(flows: readonly Flow[]): string[] {
  return flows.map((f) => `  ${nodeId(f.from)} -->|${portsText(f.ports)}| ${nodeId(f.to)}`);
}

/**
 * A Mermaid flowchart of the stack: its components and the flows between them, exactly the
 * flows the NetworkPolicies allow (DNS, allowed to every pod, left out).
 */
export function mermaidDiagram(flows: readonly Flow[]): string {
  const nodes = new Map<string, FlowPeer>();
  for (const f of flows) for (const peer of [f.from, f.to]) nodes.set(nodeId(peer), peer);
  const shape = (id: string, peer: FlowPeer) =>
    peer.kind === 'component' ? `  ${id}["${nodeLabel(peer)}"]` : `  ${id}(["${nodeLabel(peer)}"])`;
  return ['flowchart LR', ...[...nodes].map(([id, peer]) => shape(id, peer)), ...diagramEdges(flows)].join('\n');
}

/** `dist/<stack>.md`: the diagram and the footprint table of one synthesized stack. */
export function stackMarkdown(title: string, flows: readonly Flow[], footprint: readonly ComponentFootprint[]): string {
  return [
    `# ${title}`,
    '',
    'Components and the network flows between them (the same flows the NetworkPolicies allow, with ports; every pod may also resolve DNS):',
    '',
    '```mermaid',
    mermaidDiagram(flows),
    '```',
    '',
    'Footprint (requests and limits summed over replicas):',
    '',
    '```',
    footprintTable(footprint),
    '```',
    '',
  ].join('\n');
}
