/**
 * The optional cert-manager Certificate for the nodes. Typed here with the fields of
 * `cert-manager.io/v1` Certificate that the stack sets (the schema suite validates the object
 * against @kubernetes-models/cert-manager). cert-manager writes the key into the Secret in the
 * cluster: nothing secret is ever synthesized.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { metadata } from '../k8s/labels';
import { nodesServiceName } from './files';
import { ResolvedElasticsearch } from './settings';
import { elasticsearchSpec } from './spec';

/** The part of cert-manager's `CertificateSpec` the stack uses. */
export interface CertificateSpec {
  readonly secretName: string;
  readonly issuerRef: { readonly name: string; readonly kind: 'Issuer' | 'ClusterIssuer'; readonly group: 'cert-manager.io' };
  readonly commonName: string;
  readonly dnsNames: readonly string[];
  readonly duration: string;
  readonly renewBefore: string;
  readonly usages: ReadonlyArray<'server auth' | 'client auth' | 'digital signature' | 'key encipherment'>;
  readonly privateKey: { readonly algorithm: 'ECDSA' | 'RSA'; readonly size: number; readonly rotationPolicy: 'Always' | 'Never' };
}

/** DNS names of the cluster's certificate: the client Service and every node behind the headless Service. */
export function certificateDnsNames(namespace: string): string[] {
  const service = elasticsearchSpec.name;
  const nodes = nodesServiceName();
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `*.${nodes}.${namespace}.svc`, `${nodes}.${namespace}.svc`];
}

/** The Certificate spec for these settings (used only when `tls.certManagerIssuer` is set). */
export function certificateSpec(es: ResolvedElasticsearch, namespace: string): CertificateSpec {
  const issuer = es.tls.certManagerIssuer!;
  return {
    secretName: es.tls.secretName,
    issuerRef: { name: issuer.name, kind: issuer.kind, group: 'cert-manager.io' },
    commonName: `${elasticsearchSpec.name}.${namespace}.svc`,
    dnsNames: certificateDnsNames(namespace),
    duration: '2160h',
    renewBefore: '360h',
    // Transport TLS is mutual: each node is server and client.
    usages: ['server auth', 'client auth', 'digital signature', 'key encipherment'],
    privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
  };
}

/** Adds the Certificate object. */
export function certificate(scope: Construct, es: ResolvedElasticsearch, namespace: string): ApiObject {
  return new ApiObject(scope, 'certificate', {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: metadata(elasticsearchSpec, namespace, es.tls.secretName),
    spec: certificateSpec(es, namespace),
  });
}
