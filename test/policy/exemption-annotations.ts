/**
 * POLICY.md 2e: exemption annotations appear only where the section allows them. A stray
 * `ignore-check.kube-linter.io/*`, `polaris.fairwinds.com/*-exempt` or `kube-score/ignore`
 * on any other object would silence the real tools, so it is a violation here.
 */
import {
  ALLOWED_EXEMPTIONS,
  annotationOf,
  Check,
  EXEMPTIONS,
  Exemption,
  hasExemption,
  Json,
  NAME_LABEL,
  ofKind,
  violation,
  Violation,
} from './objects';

/** Parses one annotation into the exemptions it claims. */
function claimed(key: string, value: string): Exemption[] {
  const kl = /^ignore-check\.kube-linter\.io\/(.+)$/.exec(key);
  if (kl) return [{ tool: 'kube-linter', check: kl[1] }];
  const po = /^polaris\.fairwinds\.com\/(.+)-exempt$/.exec(key);
  if (po) return [{ tool: 'polaris', check: po[1] }];
  if (key === 'kube-score/ignore') return value.split(',').map((c) => ({ tool: 'kube-score' as const, check: c.trim() }));
  if (key === 'polaris.fairwinds.com/exempt') return [{ tool: 'polaris', check: '*' }];
  return [];
}

/** Whether an object may carry an exemption (the table of 2e, plus W4's single-replica Deployments). */
function allowed(objects: readonly Json[], object: Json, exemption: Exemption): boolean {
  const name = object.metadata?.labels?.[NAME_LABEL];
  const entry = ALLOWED_EXEMPTIONS.find((a) => a.name === name && a.kinds.includes(object.kind));
  if (entry?.exemptions.some((e) => e.tool === exemption.tool && e.check === exemption.check)) return true;
  // W4/W5: Polaris deploymentMissingReplicas on a single-replica (dev) or HPA-managed Deployment.
  const replicasExemption = EXEMPTIONS.deploymentReplicas[0];
  if (object.kind === 'Deployment' && exemption.tool === replicasExemption.tool && exemption.check === replicasExemption.check) {
    const hpa = ofKind(objects, 'HorizontalPodAutoscaler', object.metadata?.namespace).some(
      (h) => h.spec?.scaleTargetRef?.name === object.metadata?.name,
    );
    return object.spec?.replicas === 1 || (hpa && object.spec?.replicas === undefined);
  }
  return false;
}

/** 2e: every exemption annotation in the set is one POLICY.md allows on that object, with a usable value. */
export const EXEMPTION_ANNOTATIONS: Check = (objects) => {
  const out: Violation[] = [];
  const annotated = (object: Json, where: string, annotations: Record<string, string> | undefined) => {
    for (const [key, value] of Object.entries(annotations ?? {})) {
      for (const exemption of claimed(key, value)) {
        if (where !== 'metadata')
          out.push(violation('2e', object, `${where}: exemption annotation ${key} belongs on the controller's metadata`));
        else if (!allowed(objects as Json[], object, exemption))
          out.push(violation('2e', object, `${exemption.tool} exemption ${exemption.check} is not allowed here (POLICY.md 2e)`));
        else if (!hasExemption(object, exemption))
          out.push(violation('2e', object, `${annotationOf(exemption)} has no usable value (${JSON.stringify(value)})`));
      }
    }
  };
  for (const object of objects as Json[]) {
    annotated(object, 'metadata', object.metadata?.annotations);
    annotated(object, 'pod template', object.spec?.template?.metadata?.annotations);
  }
  return out;
};
