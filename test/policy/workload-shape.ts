/**
 * POLICY.md 2c: workload shape, availability and cross-object consistency (W1–W19).
 * W20 (kube-linter's opt-in-only extras) is not enforced: see policy.test.ts for the reason.
 */
import {
  Check,
  CLUSTER_SCOPED,
  EXEMPTIONS,
  exemptionGaps,
  hasExemption,
  Json,
  KubeObject,
  ofKind,
  perPod,
  replicasOf,
  selects,
  subsetOf,
  violation,
  Violation,
  Workload,
  workloads,
} from './objects';

const CONTROLLERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const REPLICATED = new Set(['Deployment', 'StatefulSet']);
const controllers = (objects: readonly KubeObject[]) => workloads(objects).filter((w) => CONTROLLERS.has(w.object.kind));
/** Replicated workloads that need availability objects: replicas unset (HPA) or ≥ 2. */
const highlyAvailable = (objects: readonly KubeObject[]) =>
  workloads(objects).filter((w) => REPLICATED.has(w.object.kind) && (replicasOf(w.object) === undefined || replicasOf(w.object)! >= 2));

/** HPAs targeting a workload. */
function hpasOf(objects: readonly KubeObject[], w: Workload): Json[] {
  return ofKind(objects, 'HorizontalPodAutoscaler', w.namespace).filter(
    (h) => h.spec?.scaleTargetRef?.kind === w.object.kind && h.spec?.scaleTargetRef?.name === w.object.metadata?.name,
  );
}

/** W1: selector.matchLabels non-empty and ⊆ template labels. */
export const W1: Check = (objects) =>
  controllers(objects)
    .filter((w) => !subsetOf((w.object as Json).spec?.selector?.matchLabels, w.podLabels))
    .map((w) => violation('W1', w.object, 'spec.selector.matchLabels is empty or not a subset of the template labels'));

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** W2: label values valid (object labels and pod template labels). */
export const W2: Check = (objects) => {
  const out: Violation[] = [];
  const check = (object: KubeObject, where: string, labels: Record<string, unknown> | undefined) => {
    for (const [key, value] of Object.entries(labels ?? {})) {
      if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value))
        out.push(violation('W2', object, `${where} ${key}=${JSON.stringify(value)} is not a valid label value`));
    }
  };
  for (const object of objects) check(object, 'metadata.labels', (object as Json).metadata?.labels);
  for (const w of workloads(objects)) check(w.object, 'template labels', w.podLabels);
  return out;
};

/** W3: controllers' app.kubernetes.io/instance equals metadata.name. */
export const W3: Check = (objects) =>
  controllers(objects)
    .filter((w) => (w.object as Json).metadata?.labels?.['app.kubernetes.io/instance'] !== w.object.metadata?.name)
    .map((w) => violation('W3', w.object, 'metadata.labels["app.kubernetes.io/instance"] differs from metadata.name'));

/**
 * W4: Deployment replicas explicit and ≥ 2. Exempt: single-replica dev Deployments carrying
 * Polaris' deploymentMissingReplicas-exempt annotation (the dev profile runs one replica on
 * purpose); HPA-managed Deployments are W5's business (replicas unset, same annotation).
 */
export const W4: Check = (objects) =>
  workloads(objects)
    .filter((w) => w.object.kind === 'Deployment')
    .flatMap((w) => {
      const replicas = replicasOf(w.object);
      if (hpasOf(objects, w).length > 0) return [];
      if (replicas !== undefined && replicas >= 2) return [];
      const annotated = EXEMPTIONS.deploymentReplicas.every((e) => hasExemption(w.object, e));
      if (replicas === 1 && annotated) return [];
      return [
        violation(
          'W4',
          w.object,
          `spec.replicas is ` +
            `${replicas ?? 'unset'}` +
            (replicas === 1 ? ' without the polaris.fairwinds.com/deploymentMissingReplicas-exempt annotation' : ', expected >= 2'),
        ),
      ];
    });

/** W5: HPAs: target exists, its replicas unset (and Polaris exempted), minReplicas ≥ 2, maxReplicas > minReplicas. */
export const W5: Check = (objects) =>
  ofKind(objects, 'HorizontalPodAutoscaler').flatMap((hpa) => {
    const out: Violation[] = [];
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const target = workloads(objects).find(
      (w) => w.namespace === hpa.metadata?.namespace && w.object.kind === ref.kind && w.object.metadata?.name === ref.name,
    );
    if (!target) out.push(violation('W5', hpa, `scaleTargetRef ${ref.kind}/${ref.name} is not in the set`));
    else {
      if (replicasOf(target.object) !== undefined)
        out.push(violation('W5', target.object, 'spec.replicas is set although an HPA manages it'));
      if (target.object.kind === 'Deployment' && !EXEMPTIONS.deploymentReplicas.every((e) => hasExemption(target.object, e))) {
        out.push(violation('W5', target.object, 'HPA-managed Deployment lacks polaris.fairwinds.com/deploymentMissingReplicas-exempt'));
      }
    }
    const min = hpa.spec?.minReplicas ?? 1;
    if (min < 2) out.push(violation('W5', hpa, `minReplicas ${min} < 2`));
    if (!(hpa.spec?.maxReplicas > min)) out.push(violation('W5', hpa, `maxReplicas ${hpa.spec?.maxReplicas} is not > minReplicas ${min}`));
    return out;
  });

/** True when a pod affinity term spreads the pod's own replicas across hosts. */
function spreadsAcrossHosts(term: Json, w: Workload): boolean {
  const namespaces: string[] | undefined = term?.namespaces;
  return (
    term?.topologyKey === 'kubernetes.io/hostname' &&
    subsetOf(term.labelSelector?.matchLabels, w.podLabels) &&
    (namespaces === undefined || namespaces.length === 0 || namespaces.includes(w.namespace!))
  );
}

/** W6: host anti-affinity for replicated workloads with replicas ≥ 2 or unset. */
export const W6: Check = (objects) =>
  highlyAvailable(objects)
    .filter((w) => {
      const anti = w.pod.affinity?.podAntiAffinity ?? {};
      const terms = [
        ...((anti.preferredDuringSchedulingIgnoredDuringExecution ?? []) as Json[]).map((t) => t.podAffinityTerm),
        ...((anti.requiredDuringSchedulingIgnoredDuringExecution ?? []) as Json[]),
      ];
      return !terms.some((t) => spreadsAcrossHosts(t, w));
    })
    .map((w) => violation('W6', w.object, 'no podAntiAffinity term on kubernetes.io/hostname selecting its own pods'));

/** W7: valid topology spread constraints (DaemonSets may instead carry the Polaris exemption, POLICY.md 2e). */
export const W7: Check = (objects) =>
  perPod(
    objects,
    (w) => {
      if (!CONTROLLERS.has(w.object.kind)) return undefined;
      const constraints: Json[] = w.pod.topologySpreadConstraints ?? [];
      const problems: string[] = [];
      if (constraints.length === 0) {
        if (w.object.kind === 'DaemonSet' && exemptionGaps(w.object, EXEMPTIONS.topologySpread).length === 0) return undefined;
        problems.push('no pod.topologySpreadConstraints');
      }
      constraints.forEach((c, i) => {
        if (!c.labelSelector || !selects(c.labelSelector, w.podLabels))
          problems.push(`topologySpreadConstraints[${i}].labelSelector missing or not selecting its pods`);
        if (!(c.maxSkew >= 1)) problems.push(`topologySpreadConstraints[${i}].maxSkew ${c.maxSkew} < 1`);
        if (!c.topologyKey) problems.push(`topologySpreadConstraints[${i}].topologyKey missing`);
        if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable))
          problems.push(`topologySpreadConstraints[${i}].whenUnsatisfiable ${c.whenUnsatisfiable}`);
        if (c.minDomains !== undefined && !(c.minDomains >= 1))
          problems.push(`topologySpreadConstraints[${i}].minDomains ${c.minDomains} < 1`);
      });
      return problems;
    },
    'W7',
  );

/** PDBs (policy/v1) in the workload's namespace whose matchLabels ⊆ its template labels. */
function pdbsOf(objects: readonly KubeObject[], w: Workload): Json[] {
  return ofKind(objects, 'PodDisruptionBudget', w.namespace).filter(
    (p) => p.apiVersion === 'policy/v1' && subsetOf(p.spec?.selector?.matchLabels, w.podLabels),
  );
}

/** W8: every Deployment/StatefulSet with replicas unset or ≥ 2 has a PDB. */
export const W8: Check = (objects) =>
  highlyAvailable(objects)
    .filter((w) => pdbsOf(objects, w).length === 0)
    .map((w) => violation('W8', w.object, 'no policy/v1 PodDisruptionBudget with matchLabels selecting its pods'));

/** Value of an int-or-percent against a replica count (percent rounded up). */
function absolute(value: number | string, replicas: number): number {
  return typeof value === 'string' && value.endsWith('%') ? Math.ceil((Number(value.slice(0, -1)) / 100) * replicas) : Number(value);
}

/** W9: PDB values allow disruptions, evict unhealthy pods, use maxUnavailable for DaemonSets. */
export const W9: Check = (objects) =>
  ofKind(objects, 'PodDisruptionBudget').flatMap((pdb) => {
    const out: Violation[] = [];
    const { minAvailable, maxUnavailable, unhealthyPodEvictionPolicy } = pdb.spec ?? {};
    if (minAvailable === undefined && maxUnavailable === undefined)
      out.push(violation('W9', pdb, 'neither minAvailable nor maxUnavailable is set'));
    if (maxUnavailable !== undefined && (maxUnavailable === 0 || maxUnavailable === '0%' || maxUnavailable === '0'))
      out.push(violation('W9', pdb, 'maxUnavailable is 0: no voluntary disruption is ever allowed'));
    if (minAvailable === '100%') out.push(violation('W9', pdb, 'minAvailable is 100%'));
    if (unhealthyPodEvictionPolicy !== 'AlwaysAllow')
      out.push(violation('W9', pdb, `unhealthyPodEvictionPolicy is ${unhealthyPodEvictionPolicy ?? 'unset'}, expected AlwaysAllow`));
    const targets = workloads(objects).filter((w) => w.namespace === pdb.metadata?.namespace && selects(pdb.spec?.selector, w.podLabels));
    if (targets.length === 0) out.push(violation('W9', pdb, 'selects no workload in its namespace'));
    for (const w of targets) {
      if (w.object.kind === 'DaemonSet' && maxUnavailable === undefined)
        out.push(violation('W9', pdb, `targets DaemonSet ${w.object.metadata?.name}: use maxUnavailable`));
      const replicas = replicasOf(w.object);
      if (minAvailable !== undefined && replicas !== undefined && absolute(minAvailable, replicas) >= replicas) {
        out.push(
          violation(
            'W9',
            pdb,
            `minAvailable ${minAvailable} is not below ${w.object.kind} ${w.object.metadata?.name} replicas ${replicas}`,
          ),
        );
      }
      for (const hpa of hpasOf(objects, w)) {
        if (minAvailable !== undefined && absolute(minAvailable, hpa.spec?.minReplicas ?? 1) > (hpa.spec?.minReplicas ?? 1)) {
          out.push(violation('W9', pdb, `minAvailable ${minAvailable} > HPA ${hpa.metadata.name} minReplicas`));
        }
      }
    }
    return out;
  });

/** W10: Deployment strategy unset or RollingUpdate. */
export const W10: Check = (objects) =>
  ofKind(objects, 'Deployment')
    .filter((d) => d.spec?.strategy?.type !== undefined && d.spec.strategy.type !== 'RollingUpdate')
    .map((d) => violation('W10', d, `spec.strategy.type is ${d.spec.strategy.type}`));

/** W11: priorityClassName set. */
export const W11: Check = (objects) =>
  perPod(objects, (w) => (w.pod.priorityClassName ? undefined : 'pod.priorityClassName is not set'), 'W11');

/** W12: Services select the pods of a workload in their namespace; no NodePort/LoadBalancer. */
export const W12: Check = (objects) =>
  ofKind(objects, 'Service').flatMap((svc) => {
    const out: Violation[] = [];
    const selector: Record<string, string> = svc.spec?.selector ?? {};
    if (['NodePort', 'LoadBalancer'].includes(svc.spec?.type)) out.push(violation('W12', svc, `spec.type is ${svc.spec.type}`));
    if (Object.keys(selector).length === 0) out.push(violation('W12', svc, 'spec.selector is empty'));
    else if (!workloads(objects).some((w) => w.namespace === svc.metadata?.namespace && subsetOf(selector, w.podLabels))) {
      out.push(
        violation('W12', svc, `spec.selector ${JSON.stringify(selector)} matches no workload in namespace ${svc.metadata?.namespace}`),
      );
    } else {
      // Named target ports must exist on the selected pods.
      const pods = workloads(objects).filter((w) => w.namespace === svc.metadata?.namespace && subsetOf(selector, w.podLabels));
      for (const port of (svc.spec?.ports ?? []) as Json[]) {
        const target = port.targetPort ?? port.port;
        const served = pods.every((w) =>
          ((w.pod.containers ?? []) as Json[]).some((c) =>
            ((c.ports ?? []) as Json[]).some((p) => p.name === target || p.containerPort === target),
          ),
        );
        if (!served) out.push(violation('W12', svc, `targetPort ${target} is not a container port of the selected pods`));
      }
    }
    return out;
  });

/** W13: StatefulSet serviceName names a headless Service in its namespace selecting its pods. */
export const W13: Check = (objects) =>
  workloads(objects)
    .filter((w) => w.object.kind === 'StatefulSet')
    .flatMap((w) => {
      const name = (w.object as Json).spec?.serviceName;
      const svc = ofKind(objects, 'Service', w.namespace).find((s) => s.metadata.name === name);
      if (!name) return [violation('W13', w.object, 'spec.serviceName is not set')];
      if (!svc) return [violation('W13', w.object, `Service ${name} is not in namespace ${w.namespace}`)];
      if (svc.spec?.clusterIP !== 'None') return [violation('W13', w.object, `Service ${name} is not headless`)];
      if (!subsetOf(svc.spec?.selector, w.podLabels)) return [violation('W13', w.object, `Service ${name} does not select its pods`)];
      return [];
    });

/** W14: every workload has a NetworkPolicy selecting it by exactly one label, both directions, non-empty rules. */
export const W14: Check = (objects) =>
  workloads(objects)
    .filter(
      (w) =>
        !ofKind(objects, 'NetworkPolicy', w.namespace).some((np) => {
          const matchLabels: Record<string, string> = np.spec?.podSelector?.matchLabels ?? {};
          const types: string[] = np.spec?.policyTypes ?? [];
          return (
            Object.keys(matchLabels).length === 1 &&
            subsetOf(matchLabels, w.podLabels) &&
            !np.spec.podSelector.matchExpressions &&
            types.includes('Ingress') &&
            types.includes('Egress') &&
            (np.spec.ingress ?? []).length > 0 &&
            (np.spec.egress ?? []).length > 0
          );
        }),
    )
    .map((w) =>
      violation(
        'W14',
        w.object,
        'no NetworkPolicy selecting it by one pod label with Ingress and Egress types and non-empty ingress and egress rules',
      ),
    );

/** Namespace a peer's namespaceSelector names exactly (kubernetes.io/metadata.name), if any. */
function namedNamespace(peer: Json): string | undefined {
  const labels = peer.namespaceSelector?.matchLabels ?? {};
  return Object.keys(labels).length === 1 ? labels['kubernetes.io/metadata.name'] : undefined;
}

/**
 * Operator mode: the cluster's prometheus-operator runs the Prometheus pods, outside the object
 * set, labelled `app.kubernetes.io/name: prometheus`, in the namespace of the stack's monitors
 * (docs/operator.md: the stack goes into kube-prometheus-stack's namespace).
 */
function operatorPrometheus(objects: readonly Json[]): Array<{ namespace: string; podLabels: Record<string, string> }> {
  const namespaces = new Set(objects.filter((o) => o.kind === 'ServiceMonitor').map((o) => o.metadata?.namespace as string));
  return [...namespaces].map((namespace) => ({ namespace, podLabels: { 'app.kubernetes.io/name': 'prometheus' } }));
}

/**
 * W15: every NetworkPolicy selects some workload in its namespace, and every peer podSelector
 * selects some workload (in the policy's namespace, or in the namespace named by its
 * namespaceSelector when the set ships workloads there).
 */
export const W15: Check = (objects) =>
  ofKind(objects, 'NetworkPolicy').flatMap((np) => {
    const out: Violation[] = [];
    const ns = np.metadata?.namespace;
    const podsIn = (namespace: string) => [...workloads(objects), ...operatorPrometheus(objects)].filter((w) => w.namespace === namespace);
    if (!podsIn(ns).some((w) => selects(np.spec?.podSelector, w.podLabels)))
      out.push(violation('W15', np, `spec.podSelector selects no workload in namespace ${ns}`));
    const rules: Json[] = [
      ...(np.spec?.ingress ?? []).map((r: Json) => r.from ?? []),
      ...(np.spec?.egress ?? []).map((r: Json) => r.to ?? []),
    ].flat();
    for (const peer of rules) {
      if (!peer.podSelector || Object.keys(peer.podSelector).length === 0) continue;
      const peerNs = peer.namespaceSelector ? namedNamespace(peer) : ns;
      if (peerNs === undefined || podsIn(peerNs).length === 0) continue; // other namespaces: not in this set
      if (!podsIn(peerNs).some((w) => selects(peer.podSelector, w.podLabels))) {
        out.push(violation('W15', np, `peer podSelector ${JSON.stringify(peer.podSelector)} selects no workload in namespace ${peerNs}`));
      }
    }
    return out;
  });

/** W16: Job TTL; CronJob deadline, no TTL in the job template, explicit restartPolicy. */
export const W16: Check = (objects) => [
  ...ofKind(objects, 'Job')
    .filter((j) => j.spec?.ttlSecondsAfterFinished === undefined)
    .map((j) => violation('W16', j, 'spec.ttlSecondsAfterFinished is not set')),
  ...ofKind(objects, 'CronJob').flatMap((c) => [
    ...(c.spec?.startingDeadlineSeconds === undefined ? [violation('W16', c, 'spec.startingDeadlineSeconds is not set')] : []),
    ...(c.spec?.jobTemplate?.spec?.ttlSecondsAfterFinished !== undefined
      ? [violation('W16', c, 'jobTemplate sets ttlSecondsAfterFinished')]
      : []),
    ...(['OnFailure', 'Never'].includes(c.spec?.jobTemplate?.spec?.template?.spec?.restartPolicy)
      ? []
      : [violation('W16', c, 'pod restartPolicy is not OnFailure or Never')]),
  ]),
];

/** Stable API versions (the core group `v1` included). */
export const STABLE_API_VERSIONS = new Set([
  'v1',
  'apps/v1',
  'batch/v1',
  'policy/v1',
  'networking.k8s.io/v1',
  'autoscaling/v2',
  'rbac.authorization.k8s.io/v1',
  // cert-manager's GA API: the optional Elasticsearch Certificate (tls.certManagerIssuer).
  'cert-manager.io/v1',
  // prometheus-operator's CRDs in operator interop mode (`operator`): ScrapeConfig exists only as
  // v1alpha1, and v1alpha1 is the AlertmanagerConfig version every operator release serves.
  'monitoring.coreos.com/v1',
  'monitoring.coreos.com/v1alpha1',
]);

/** W17: only stable API groups. */
export const W17: Check = (objects) =>
  objects
    .filter((o) => !STABLE_API_VERSIONS.has(o.apiVersion))
    .map((o) => violation('W17', o, `apiVersion ${o.apiVersion} is not one of ${[...STABLE_API_VERSIONS].join(', ')}`));

/** W18: Ingresses have TLS and point at existing Service ports. */
export const W18: Check = (objects) =>
  ofKind(objects, 'Ingress').flatMap((ing) => {
    const out: Violation[] = [];
    if (!(ing.spec?.tls ?? []).length) out.push(violation('W18', ing, 'spec.tls is missing'));
    const backends: Json[] = [
      ing.spec?.defaultBackend,
      ...((ing.spec?.rules ?? []) as Json[]).flatMap((r) => (r.http?.paths ?? []).map((p: Json) => p.backend)),
    ].filter(Boolean);
    for (const backend of backends) {
      const { name, port } = backend.service ?? {};
      const svc = ofKind(objects, 'Service', ing.metadata?.namespace).find((s) => s.metadata.name === name);
      const hasPort =
        svc &&
        ((svc.spec?.ports ?? []) as Json[]).some(
          (p) => (port?.number !== undefined && p.port === port.number) || (port?.name !== undefined && p.name === port.name),
        );
      if (!hasPort) out.push(violation('W18', ing, `backend ${name}:${port?.number ?? port?.name} is not a Service port in the namespace`));
    }
    return out;
  });

/** W19: namespaced objects carry a namespace other than default. */
export const W19: Check = (objects) =>
  objects
    .filter((o) => !CLUSTER_SCOPED.has(o.kind))
    .filter((o) => !o.metadata?.namespace || o.metadata.namespace === 'default')
    .map((o) => violation('W19', o, `metadata.namespace is ${o.metadata?.namespace ?? 'unset'}`));

export const WORKLOAD_CHECKS = { W1, W2, W3, W4, W5, W6, W7, W8, W9, W10, W11, W12, W13, W14, W15, W16, W17, W18, W19 } as const;
