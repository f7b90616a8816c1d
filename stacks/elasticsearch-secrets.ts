import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { elasticsearchNamespace } from '../constructs/elasticsearch';
import { EXPORTER_USER } from '../constructs/elasticsearch/settings';
import { ENCRYPTION_KEY_SETTINGS } from '../constructs/kibana/settings';
import { ResolvedSettings, StackSettings } from '../constructs/stack/settings';
import { SecretValues } from './secrets';

/** The users whose passwords the Elasticsearch credentials Secret holds (one key per user). */
export function elasticsearchUsers(settings: ResolvedSettings): string[] {
  const es = settings.elasticsearch;
  return es ? ['elastic', 'kibana_system', EXPORTER_USER, ...es.clients.map((c) => c.name)] : [];
}

/** The credentials Secret of the logs store: its name, namespace and one Pulumi secret per user. */
export interface ElasticsearchCredentials {
  readonly secretName: string;
  readonly namespace: string;
  readonly data: Record<string, pulumi.Output<string>>;
}

/**
 * The passwords of the Elasticsearch users as Pulumi secrets: `elastic` from the secret config
 * `elasticPassword` when set (people log in with it), every other one generated with
 * @pulumi/random (only programs use them). They stay in Pulumi state encrypted, never in files.
 */
export function elasticsearchCredentials(
  parent: pulumi.Resource,
  name: string,
  settings: ResolvedSettings,
  elasticPassword: pulumi.Input<string> | undefined,
): ElasticsearchCredentials | undefined {
  const es = settings.elasticsearch;
  if (!es) return undefined;
  const generated = (user: string) =>
    new random.RandomPassword(`${name}-elasticsearch-${user}-password`, { length: 32, special: false }, { parent }).result;
  const data = Object.fromEntries(
    elasticsearchUsers(settings).map((user) => [
      user,
      pulumi.secret(user === 'elastic' && elasticPassword !== undefined ? elasticPassword : generated(user)),
    ]),
  );
  return { secretName: es.credentialsSecret, namespace: elasticsearchNamespace(settings), data };
}

/**
 * Copies of the credentials Secret for the clients whose pods run outside the Elasticsearch
 * namespace (Filebeat in the agents namespace): a `secretKeyRef` reads its own namespace only.
 * One Secret of the same name per such namespace, holding only its clients' keys, with the same
 * Pulumi secret values as the original.
 */
export function clientCredentialCopies(
  settings: ResolvedSettings,
  credentials: ElasticsearchCredentials | undefined,
): ElasticsearchCredentials[] {
  const es = settings.elasticsearch;
  if (!es || !credentials) return [];
  const namespaces = [...new Set(es.clients.map((c) => c.namespace))].filter((ns) => ns !== credentials.namespace).sort();
  return namespaces.map((namespace) => ({
    secretName: credentials.secretName,
    namespace,
    data: Object.fromEntries(es.clients.filter((c) => c.namespace === namespace).map((c) => [c.name, credentials.data[c.name]])),
  }));
}

/**
 * The node certificate on Docker (there is no cert-manager): the PEM texts from the secret config
 * `elasticsearchTlsCertificate`, `elasticsearchTlsKey` and `elasticsearchTlsCa` as the TLS Secret's
 * keys, when TLS is on. Undefined when TLS is off or no logs store is configured.
 */
export function elasticsearchTlsSecret(
  settings: ResolvedSettings,
  given: SecretValues,
): { readonly secretName: string; readonly data: Record<string, pulumi.Output<string>> } | undefined {
  const es = settings.elasticsearch;
  if (!es || (!es.tls.http && !es.tls.transport)) return undefined;
  const { elasticsearchTlsCertificate: crt, elasticsearchTlsKey: key, elasticsearchTlsCa: ca } = given;
  if (!crt || !key || !ca) return undefined;
  return {
    secretName: es.tls.secretName,
    data: { 'tls.crt': pulumi.secret(crt), 'tls.key': pulumi.secret(key), 'ca.crt': pulumi.secret(ca) },
  };
}

/**
 * The Docker target deploys with no configuration at all: a logs store with TLS on but no
 * certificate in the secret config is left out (Docker has no cert-manager, and keys are never
 * generated at synth time), like a receiver without its secret; Jaeger, which stores its spans
 * there, is left out with it. Returns the settings to deploy
 * and whether Elasticsearch was left out.
 */
export function withoutUncertifiedElasticsearch(input: StackSettings, given: SecretValues): { settings: StackSettings; dropped: boolean } {
  const es = input.elasticsearch;
  const tlsOn = es !== undefined && (es.tls?.http !== false || es.tls?.transport !== false);
  if (!es || !tlsOn || (given.elasticsearchTlsCertificate && given.elasticsearchTlsKey && given.elasticsearchTlsCa))
    return { settings: input, dropped: false };
  // Tracing stores its spans there: it goes with it.
  const { elasticsearch: _dropped, jaeger: _traces, ...rest } = input;
  return { settings: rest as StackSettings, dropped: true };
}

/**
 * Kibana's three encryption keys (one Secret, keys named after the settings they fill), generated
 * with @pulumi/random: only Kibana reads them, and every replica must read the same ones.
 */
export function kibanaEncryptionKeys(
  parent: pulumi.Resource,
  name: string,
  settings: ResolvedSettings,
): ElasticsearchCredentials | undefined {
  const kibana = settings.kibana;
  if (!kibana) return undefined;
  const data = Object.fromEntries(
    ENCRYPTION_KEY_SETTINGS.map((setting) => [
      setting,
      pulumi.secret(new random.RandomPassword(`${name}-kibana-${setting}`, { length: 48, special: false }, { parent }).result),
    ]),
  );
  return { secretName: kibana.encryptionKeysSecret, namespace: kibana.namespace, data };
}
