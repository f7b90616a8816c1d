/** An optional Ingress in front of a component's web port, always with TLS (Grafana, Kibana). */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ComponentSpec } from '../../config/component';
import { fail } from '../../config/errors';
import { dnsLabel } from '../../config/names';
import { checkKeys, keysOf } from '../../config/strict';
import { metadata } from './labels';

/** An Ingress in front of a UI, always with TLS. */
export interface IngressSettings {
  /** Host name, e.g. `grafana.example.org`. @default none (required) */
  readonly host: string;
  /** Secret (type kubernetes.io/tls) in the component's namespace holding the certificate. @default none (required) */
  readonly tlsSecretName: string;
  /** IngressClass. @default the cluster's default class */
  readonly className?: string;
  /** Annotations for the controller (e.g. cert-manager's issuer). @default none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Every key of IngressSettings (checked against the interface by tsc). */
export const INGRESS_KEYS = keysOf<IngressSettings>({ host: true, tlsSecretName: true, className: true, annotations: true });

/** Validates the Ingress settings at `field` (undefined: no Ingress). */
export function resolveIngress(where: string, field: string, ingress: IngressSettings | undefined): IngressSettings | undefined {
  checkKeys(where, field, ingress, INGRESS_KEYS);
  if (!ingress) return undefined;
  if (typeof ingress.host !== 'string' || !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$/.test(ingress.host)) {
    fail(where, `${field}.host`, ingress.host, 'a fully qualified DNS name such as "grafana.example.org" (lower case)');
  }
  dnsLabel(where, `${field}.tlsSecretName`, ingress.tlsSecretName, 253);
  if (ingress.className !== undefined) dnsLabel(where, `${field}.className`, ingress.className, 253);
  return ingress;
}

/** The Ingress routing every path of `host` to the component's Service, with TLS from `tlsSecretName`. */
export function componentIngress(scope: Construct, spec: ComponentSpec, namespace: string, ingress: IngressSettings): k8s.KubeIngress {
  return new k8s.KubeIngress(scope, 'ingress', {
    metadata: metadata(spec, namespace, spec.name, ingress.annotations ? { ...ingress.annotations } : undefined),
    spec: {
      ...(ingress.className ? { ingressClassName: ingress.className } : {}),
      tls: [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }],
      rules: [
        {
          host: ingress.host,
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: spec.name, port: { number: spec.web.port } } } }],
          },
        },
      ],
    },
  });
}
