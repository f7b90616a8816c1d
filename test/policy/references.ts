/**
 * REF: references inside the set resolve (the API server or the kubelet would otherwise reject
 * or hang the pod). Not a POLICY.md row, but the same kind of cross-object consistency: every
 * volumeMount names a pod volume or a volumeClaimTemplate, and every ConfigMap volume names a
 * ConfigMap shipped in the namespace (`kube-root-ca.crt` is published by Kubernetes itself).
 * Secret volumes may name user-provided Secrets (credentials never ship in the set).
 */
import { Check, containersOf, Json, ofKind, perPod } from './objects';

/** ConfigMaps every namespace has without the set shipping them. */
const PUBLISHED_CONFIGMAPS = new Set(['kube-root-ca.crt']);

export const REF: Check = (objects) =>
  perPod(
    objects,
    (w) => {
      const problems: string[] = [];
      const volumes: Json[] = w.pod.volumes ?? [];
      const claimTemplates: string[] = ((w.object as Json).spec?.volumeClaimTemplates ?? []).map((t: Json) => t.metadata?.name);
      const names = new Set([...volumes.map((v) => v.name), ...claimTemplates]);
      for (const { container, where } of containersOf(w.pod)) {
        for (const mount of (container.volumeMounts ?? []) as Json[]) {
          if (!names.has(mount.name)) problems.push(`${where}: volumeMount ${mount.name} names no volume or volumeClaimTemplate`);
        }
      }
      const configMaps = new Set(ofKind(objects, 'ConfigMap', w.namespace).map((c) => c.metadata.name));
      const referenced = [
        ...volumes.filter((v) => v.configMap).map((v) => v.configMap),
        ...volumes.flatMap((v) => (v.projected?.sources ?? []).filter((s: Json) => s.configMap).map((s: Json) => s.configMap)),
      ];
      for (const ref of referenced) {
        if (!ref.optional && !configMaps.has(ref.name) && !PUBLISHED_CONFIGMAPS.has(ref.name))
          problems.push(`ConfigMap ${ref.name} is not shipped in namespace ${w.namespace}`);
      }
      return problems;
    },
    'REF',
  );
