/**
 * POLICY.md 2a: pod and container security (S1–S18). One function per check id; each returns
 * every violation in the object set.
 */
import {
  Check,
  ContainerRef,
  containersOf,
  EXEMPTIONS,
  exemptionGaps,
  Json,
  NAME_LABEL,
  ofKind,
  perContainer,
  perPod,
  podSecurityLevel,
  violation,
  Violation,
  Workload,
  workloads,
  KubeObject,
} from './objects';

/**
 * POLICY.md S13: the one privileged container the stack may have, the opt-in Elasticsearch init
 * container `sysctl`, exempted only with every annotation of 2e on its StatefulSet and only in a
 * namespace whose Pod Security level is `privileged`.
 */
function exemptSysctl(objects: readonly KubeObject[], w: Workload, ref: ContainerRef): boolean {
  return (
    ref.init &&
    ref.container?.name === 'sysctl' &&
    w.object.kind === 'StatefulSet' &&
    exemptionGaps(w.object, EXEMPTIONS.privilegedSysctl).length === 0 &&
    podSecurityLevel(objects, w.namespace) === 'privileged'
  );
}

/** kube-score's floor for uid and gid. */
const MIN_ID = 10000;

/** S1: runAsNonRoot at pod level, effective uid and gid ≥ 10000, no container override to root. */
export const S1: Check = (objects) =>
  perPod(
    objects,
    (w) => {
      const problems: string[] = [];
      const psc = w.pod.securityContext ?? {};
      if (psc.runAsNonRoot !== true) problems.push('pod.securityContext.runAsNonRoot is not true');
      for (const ref of containersOf(w.pod)) {
        if (exemptSysctl(objects, w, ref)) continue;
        const { container, where } = ref;
        const csc = container.securityContext ?? {};
        const user = csc.runAsUser ?? psc.runAsUser;
        const group = csc.runAsGroup ?? psc.runAsGroup;
        if (csc.runAsNonRoot === false) problems.push(`${where}: securityContext.runAsNonRoot is false`);
        if (typeof user !== 'number' || user < MIN_ID) problems.push(`${where}: effective runAsUser ${user} is not >= ${MIN_ID}`);
        if (typeof group !== 'number' || group < MIN_ID) problems.push(`${where}: effective runAsGroup ${group} is not >= ${MIN_ID}`);
      }
      // Filebeat (POLICY.md 2e) may run as root, and only with all three tools' annotations.
      // Elasticsearch's root exemption covers only its sysctl init container (exemptSysctl), never the pod.
      const podExempt = w.podLabels[NAME_LABEL] !== 'elasticsearch' && exemptionGaps(w.object, EXEMPTIONS.runAsRoot).length === 0;
      if (problems.length === 0 || podExempt) return undefined;
      return problems;
    },
    'S1',
  );

/** S2: readOnlyRootFilesystem true on every container (the securityContext must exist). */
export const S2: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) =>
      container.securityContext?.readOnlyRootFilesystem === true ? undefined : 'securityContext.readOnlyRootFilesystem is not true',
    'S2',
  );

/** S3: allowPrivilegeEscalation explicitly false. */
export const S3: Check = (objects) =>
  perContainer(
    objects,
    (ref, w) =>
      exemptSysctl(objects, w, ref) || ref.container.securityContext?.allowPrivilegeEscalation === false
        ? undefined
        : 'securityContext.allowPrivilegeEscalation is not explicitly false',
    'S3',
  );

/** S4: not privileged. */
export const S4: Check = (objects) =>
  perContainer(
    objects,
    (ref, w) =>
      ref.container.securityContext?.privileged === true && !exemptSysctl(objects, w, ref)
        ? 'securityContext.privileged is true'
        : undefined,
    'S4',
  );

/** S5: capabilities.drop contains ALL. */
export const S5: Check = (objects) =>
  perContainer(
    objects,
    (ref, w) =>
      exemptSysctl(objects, w, ref) || ((ref.container.securityContext?.capabilities?.drop ?? []) as string[]).includes('ALL')
        ? undefined
        : 'securityContext.capabilities.drop does not contain ALL',
    'S5',
  );

/** S6: no added capabilities. */
export const S6: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) => {
      const added: string[] = container.securityContext?.capabilities?.add ?? [];
      return added.length === 0 ? undefined : `securityContext.capabilities.add = [${added.join(', ')}]`;
    },
    'S6',
  );

/** S7: pod seccompProfile RuntimeDefault or Localhost; never Unconfined anywhere. */
export const S7: Check = (objects) =>
  perPod(
    objects,
    (w) => {
      const problems: string[] = [];
      const type = w.pod.securityContext?.seccompProfile?.type;
      if (type !== 'RuntimeDefault' && type !== 'Localhost') problems.push(`pod.securityContext.seccompProfile.type is ${type ?? 'unset'}`);
      for (const { container, where } of containersOf(w.pod)) {
        if (container.securityContext?.seccompProfile?.type === 'Unconfined') problems.push(`${where}: seccompProfile Unconfined`);
      }
      return problems;
    },
    'S7',
  );

/**
 * S8: no host namespaces. node-exporter may use hostNetwork and hostPID (POLICY.md 2e), with
 * each tool's annotation on the DaemonSet, in a namespace whose Pod Security level is
 * `privileged`; hostIPC never.
 */
export const S8: Check = (objects) =>
  perPod(
    objects,
    (w) => {
      const problems: string[] = [];
      if (w.pod.hostIPC === true) problems.push('pod.hostIPC is true');
      for (const [field, set] of [
        ['hostNetwork', EXEMPTIONS.hostNetwork],
        ['hostPID', EXEMPTIONS.hostPID],
      ] as const) {
        if (w.pod[field] !== true) continue;
        problems.push(...exemptionGaps(w.object, set).map((gap) => `pod.${field} is true: ${gap}`));
        const level = podSecurityLevel(objects, w.namespace);
        if (level !== 'privileged')
          problems.push(
            `pod.${field} is true but namespace ${w.namespace} enforces Pod Security ${level ?? '(namespace not shipped)'}, not privileged`,
          );
      }
      return problems;
    },
    'S8',
  );

/** Host paths kube-linter's sensitive-host-mounts flags. */
const SENSITIVE_HOST_PATHS = /^\/(boot|dev|etc|lib|proc|sys|usr)?\/?$/;

/**
 * S9: no hostPath. Host agents may mount host paths read-only with the annotations of
 * POLICY.md 2e (sensitive paths need kube-linter's sensitive-host-mounts too); writable host
 * mounts need writable-host-mount (Filebeat only); docker.sock never.
 */
export const S9: Check = (objects) =>
  perPod(
    objects,
    (w) => {
      const problems: string[] = [];
      for (const volume of (w.pod.volumes ?? []) as Json[]) {
        const path: string | undefined = volume.hostPath?.path;
        if (path === undefined) continue;
        if (/docker\.sock$/.test(path)) {
          problems.push(`volume ${volume.name}: hostPath ${path} (docker socket)`);
          continue;
        }
        const sensitive = SENSITIVE_HOST_PATHS.test(path);
        const mounts = containersOf(w.pod).flatMap(({ container }) =>
          ((container.volumeMounts ?? []) as Json[]).filter((m) => m.name === volume.name),
        );
        const writable = mounts.some((m) => m.readOnly !== true);
        const needed = [
          ...(sensitive ? EXEMPTIONS.sensitiveHostPath : EXEMPTIONS.hostPath),
          ...(writable ? EXEMPTIONS.writableHostMount : []),
        ];
        problems.push(
          ...[...new Set(exemptionGaps(w.object, needed))].map(
            (gap) => `volume ${volume.name}: hostPath ${path}${writable ? ' (writable)' : ''}: ${gap}`,
          ),
        );
        if (sensitive && writable) problems.push(`volume ${volume.name}: sensitive host path ${path} is mounted writable`);
      }
      return problems;
    },
    'S9',
  );

/** S10: no hostPort. */
export const S10: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) =>
      ((container.ports ?? []) as Json[])
        .filter((p) => p.hostPort)
        .map((p) => `port ${p.name ?? p.containerPort} sets hostPort ${p.hostPort}`),
    'S10',
  );

/** S11: no cAdvisor workload (the kubelet's /metrics/cadvisor is scraped instead). */
export const S11: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) =>
      /(^|\/)cadvisor(:|@|$)/.test(String(container.image))
        ? `runs cAdvisor (${container.image}); scrape the kubelet's /metrics/cadvisor instead`
        : undefined,
    'S11',
  );

/** S12: procMount absent or Default. */
export const S12: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) => {
      const procMount = container.securityContext?.procMount;
      return procMount === undefined || procMount === 'Default' ? undefined : `securityContext.procMount is ${procMount}`;
    },
    'S12',
  );

/** S13: no sysctls. */
export const S13: Check = (objects) =>
  perPod(objects, (w) => (w.pod.securityContext?.sysctls !== undefined ? 'pod.securityContext.sysctls is set' : undefined), 'S13');

const SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
const APPARMOR_TYPES = new Set(['RuntimeDefault', 'Localhost']);

/** S14: SELinux options, AppArmor profile and Windows hostProcess within the baseline. */
export const S14: Check = (objects) =>
  perPod(
    objects,
    (w) => {
      const problems: string[] = [];
      const contexts: Array<[string, Json]> = [
        ['pod', w.pod.securityContext],
        ...containersOf(w.pod).map(({ container, where }) => [where, container.securityContext] as [string, Json]),
      ];
      for (const [where, sc] of contexts) {
        if (!sc) continue;
        const se = sc.seLinuxOptions;
        if (se && (se.user || se.role || (se.type && !SELINUX_TYPES.has(se.type))))
          problems.push(`${where}: seLinuxOptions ${JSON.stringify(se)}`);
        if (sc.appArmorProfile && !APPARMOR_TYPES.has(sc.appArmorProfile.type))
          problems.push(`${where}: appArmorProfile.type ${sc.appArmorProfile.type}`);
        if (sc.windowsOptions?.hostProcess === true) problems.push(`${where}: windowsOptions.hostProcess is true`);
      }
      return problems;
    },
    'S14',
  );

/** S15: probe and lifecycle handlers do not name a host. */
export const S15: Check = (objects) =>
  perContainer(
    objects,
    ({ container }) => {
      const handlers: Array<[string, Json]> = [
        ...['livenessProbe', 'readinessProbe', 'startupProbe'].map((p) => [p, container[p]] as [string, Json]),
        ...['postStart', 'preStop'].map((h) => [`lifecycle.${h}`, container.lifecycle?.[h]] as [string, Json]),
      ];
      return handlers.flatMap(([where, h]) =>
        ['httpGet', 'tcpSocket'].filter((t) => h?.[t]?.host).map((t) => `${where}.${t}.host is ${h[t].host}`),
      );
    },
    'S15',
  );

const RESTRICTED_VOLUME_TYPES = new Set([
  'configMap',
  'secret',
  'emptyDir',
  'projected',
  'downwardAPI',
  'persistentVolumeClaim',
  'ephemeral',
  'csi',
  'image',
]);

/** S16: only restricted volume types; hostPath only for host agents exempted under S9. */
export const S16: Check = (objects) =>
  perPod(
    objects,
    (w) => {
      const problems: string[] = [];
      for (const volume of (w.pod.volumes ?? []) as Json[]) {
        const types = Object.keys(volume).filter((k) => k !== 'name');
        for (const type of types) {
          if (RESTRICTED_VOLUME_TYPES.has(type)) continue;
          if (type === 'hostPath') {
            // Host agents only: the same annotations S9 asks for (POLICY.md 2e), in a privileged namespace.
            const sensitive = SENSITIVE_HOST_PATHS.test(volume.hostPath.path);
            const gaps = exemptionGaps(w.object, sensitive ? EXEMPTIONS.sensitiveHostPath : EXEMPTIONS.hostPath);
            const level = podSecurityLevel(objects, w.namespace);
            if (gaps.length === 0 && level === 'privileged') continue;
            problems.push(
              `volume ${volume.name}: hostPath outside Pod Security ` +
                `restricted${gaps.length ? `: ${gaps.join('; ')}` : ''}` +
                (level !== 'privileged' ? `; namespace ${w.namespace} is ${level ?? 'not shipped'}` : ''),
            );
            continue;
          }
          problems.push(`volume ${volume.name}: type ${type} is not allowed by Pod Security restricted`);
        }
      }
      return problems;
    },
    'S16',
  );

const TOKEN_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** True when the projected volume carries token, kube-root-ca.crt ca.crt and the namespace. */
function isServiceAccountTokenVolume(volume: Json): boolean {
  const sources: Json[] = volume?.projected?.sources ?? [];
  const token = sources.some((s) => s.serviceAccountToken?.path === 'token');
  const ca = sources.some(
    (s) =>
      s.configMap?.name === 'kube-root-ca.crt' && (s.configMap.items ?? []).some((i: Json) => i.key === 'ca.crt' && i.path === 'ca.crt'),
  );
  const ns = sources.some((s) =>
    (s.downwardAPI?.items ?? []).some((i: Json) => i.path === 'namespace' && i.fieldRef?.fieldPath === 'metadata.namespace'),
  );
  return token && ca && ns;
}

/** Names of ServiceAccounts (`namespace/name`) that some binding in the set grants API access. */
function boundServiceAccounts(objects: readonly Json[]): Set<string> {
  const bound = new Set<string>();
  for (const b of objects.filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')) {
    for (const s of (b.subjects ?? []) as Json[]) {
      if (s.kind === 'ServiceAccount') bound.add(`${s.namespace ?? b.metadata?.namespace}/${s.name}`);
    }
  }
  return bound;
}

/**
 * S17: no implicit token. `pod.automountServiceAccountToken: false` (or unset with a shipped
 * ServiceAccount that sets false); never true. Pods whose ServiceAccount is bound to a role call
 * the API and must mount the projected token volume (token, ca.crt, namespace) at the standard path
 * in their main container; a sidecar that calls no API leaves it out.
 */
export const S17: Check = (objects) => {
  const bound = boundServiceAccounts(objects as Json[]);
  return perPod(
    objects,
    (w) => {
      const problems: string[] = [];
      const saName = w.pod.serviceAccountName ?? 'default';
      const sa = ofKind(objects, 'ServiceAccount', w.namespace).find((s) => s.metadata.name === saName);
      const automount = w.pod.automountServiceAccountToken;
      if (automount === true) problems.push('pod.automountServiceAccountToken is true');
      else if (automount === undefined && sa?.automountServiceAccountToken !== false) {
        problems.push(
          `pod.automountServiceAccountToken unset and ServiceAccount ${saName} ${sa ? 'does not set it to false' : 'is not shipped'}`,
        );
      }
      if (bound.has(`${w.namespace}/${saName}`) && automount !== true) {
        const volumes = ((w.pod.volumes ?? []) as Json[]).filter(isServiceAccountTokenVolume).map((v) => v.name);
        // The main container (the API user) mounts it read-only at the standard path; a sidecar
        // that calls no API (Prometheus's Thanos sidecar) mounts no token at all, and any container
        // that does mount the volume mounts it read-only there too.
        const tokenMounts = (container: Json) => ((container.volumeMounts ?? []) as Json[]).filter((m) => volumes.includes(m.name));
        const readOnlyAtPath = (m: Json) => m.mountPath === TOKEN_DIR && m.readOnly === true;
        const main = containersOf(w.pod).filter(({ init }) => !init);
        const mounted =
          main.length > 0 &&
          tokenMounts(main[0].container).some(readOnlyAtPath) &&
          main.every(({ container }) => tokenMounts(container).every(readOnlyAtPath));
        if (volumes.length === 0)
          problems.push(
            `ServiceAccount ${saName} is bound to a role but the pod has no projected token volume (token, ` +
              `kube-root-ca.crt ca.crt, namespace)`,
          );
        else if (!mounted)
          problems.push(
            `projected token volume is not mounted read-only at ${TOKEN_DIR} in the main container (and wherever it is mounted)`,
          );
      }
      return problems;
    },
    'S17',
  );
};

/** S18: serviceAccountName names a ServiceAccount shipped in the same namespace; never `serviceAccount`. */
export const S18: Check = (objects) =>
  perPod(
    objects,
    (w) => {
      const problems: string[] = [];
      if (w.pod.serviceAccount !== undefined) problems.push('pod.serviceAccount (deprecated) is set');
      const name = w.pod.serviceAccountName;
      if (!name) problems.push('pod.serviceAccountName is not set (default ServiceAccount)');
      else if (name === 'default') problems.push('pod.serviceAccountName is default');
      else if (!ofKind(objects, 'ServiceAccount', w.namespace).some((s) => s.metadata.name === name)) {
        problems.push(`ServiceAccount ${name} is not shipped in namespace ${w.namespace}`);
      }
      return problems;
    },
    'S18',
  );

/** Namespace Pod Security level (POLICY.md 2e): restricted, unless a host agent runs there (privileged). */
export const PSS: Check = (objects) => {
  const out: Violation[] = [];
  const hostAgentNamespaces = new Set(
    workloads(objects)
      .filter((w) => w.pod.hostNetwork || w.pod.hostPID || (w.pod.volumes ?? []).some((v: Json) => v.hostPath))
      .map((w) => w.namespace),
  );
  for (const ns of ofKind(objects, 'Namespace')) {
    const labels = ns.metadata.labels ?? {};
    const expected = hostAgentNamespaces.has(ns.metadata.name) ? 'privileged' : 'restricted';
    for (const mode of ['enforce', 'audit', 'warn']) {
      const level = labels[`pod-security.kubernetes.io/${mode}`];
      if (level !== expected)
        out.push(violation('PSS', ns, `pod-security.kubernetes.io/${mode} is ${level ?? 'unset'}, expected ${expected}`));
    }
  }
  return out;
};

export const POD_SECURITY_CHECKS = { S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, S12, S13, S14, S15, S16, S17, S18 } as const;
