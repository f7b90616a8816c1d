import { Profile } from '../../config/component';
import { dnsLabel } from '../../config/names';
import { ElasticsearchSettings, resolveElasticsearch, ResolvedElasticsearch } from './settings';

/** Props of a construct that connects to the stack's Elasticsearch (Kibana, Logstash, Filebeat, Jaeger). */
export interface ElasticsearchClientProps {
  /** The Elasticsearch cluster it connects to (TLS, credentials Secret, nodes, log streams). @default the Elasticsearch defaults */
  readonly elasticsearch?: ElasticsearchSettings;
  /** Namespace of the Elasticsearch pods. @default the workload's namespace (`monitoring` for Filebeat) */
  readonly elasticsearchNamespace?: string;
}

/**
 * The cluster a client construct at `where` connects to: `props.elasticsearchNamespace` and
 * `props.elasticsearch` validated like the stack's own settings (an unknown key is an error).
 */
export function resolveClientElasticsearch(
  where: string,
  profile: Profile,
  props: ElasticsearchClientProps,
  defaultNamespace: string,
): { readonly namespace: string; readonly es: ResolvedElasticsearch } {
  const namespace = dnsLabel(where, 'props.elasticsearchNamespace', props.elasticsearchNamespace ?? defaultNamespace);
  return { namespace, es: resolveElasticsearch(where, 'props.elasticsearch', profile, namespace, props.elasticsearch) };
}
