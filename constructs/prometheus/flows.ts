import { API_SERVER_PORTS } from '../../config/kubernetes';
import { Flow, tcp } from '../../config/flows';
import { podsOf } from '../component';
import { ResolvedSettings } from '../stack/settings';
import { thanosSidecarSpec } from '../thanos-query/spec';
import { ResolvedPrometheus } from './settings';
import { remoteWriteEndpoint } from './remote-write';
import { prometheusSpec } from './spec';

/**
 * Prometheus's own flows: scraping every replica (and its Thanos sidecar), discovery through the
 * API server, and remote write to each target's host and port.
 */
export function prometheusFlows(
  settings: Pick<ResolvedSettings, 'namespace'> & { readonly prometheus?: Pick<ResolvedPrometheus, 'remoteWrite' | 'thanos'> },
): Flow[] {
  const prometheus = podsOf(prometheusSpec, settings.namespace);
  const remoteWrite = settings.prometheus?.remoteWrite ?? [];
  return [
    ...(settings.prometheus?.thanos
      ? [{ from: prometheus, to: prometheus, ports: tcp(thanosSidecarSpec.web.port), purpose: 'scrape of the Thanos sidecars' }]
      : []),
    // The sidecar's block uploads: object stores (S3, GCS, Azure) answer HTTPS on 443, at addresses
    // a NetworkPolicy cannot name; a store on another port needs an allow rule of its own.
    ...(settings.prometheus?.thanos?.objectStorage
      ? [{ from: prometheus, to: { kind: 'anywhere' as const, label: 'object storage' }, ports: tcp(443), purpose: 'Thanos block upload' }]
      : []),
    ...remoteWrite.map((target): Flow => {
      const { host, port } = remoteWriteEndpoint(target);
      return {
        from: prometheus,
        // An IPv4 host becomes a /32; a DNS name any address, on the target's port only.
        to: { kind: 'address', label: `remote write ${target.name}`, host },
        ports: tcp(port),
        purpose: `remote write (${target.name})`,
      };
    }),
    { from: prometheus, to: prometheus, ports: tcp(prometheusSpec.web.port), purpose: 'self-scrape of every replica' },
    {
      from: prometheus,
      to: { kind: 'outside', label: 'Kubernetes API' },
      ports: tcp(...API_SERVER_PORTS),
      purpose: 'discovery and API server metrics',
    },
  ];
}
