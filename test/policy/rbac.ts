/**
 * POLICY.md 2d: RBAC (B1–B7), and the grants of a ServiceAccount for the least-privilege
 * assertions of POLICY.md section 4.
 */
import { Check, Json, KubeObject, ofKind, violation, Violation } from './objects';

const ROLE_KINDS = new Set(['Role', 'ClusterRole']);
const roles = (objects: readonly KubeObject[]) => objects.filter((o) => ROLE_KINDS.has(o.kind)) as Json[];
const rulesOf = (role: Json): Json[] => role.rules ?? [];
const has = (list: string[] | undefined, ...values: string[]) => (list ?? []).some((v) => values.includes(v));
const CORE = ['', '*'];

/** Per-rule checks over every Role and ClusterRole of the set. */
function perRule(check: string, objects: readonly KubeObject[], fn: (rule: Json) => string | undefined): Violation[] {
  return roles(objects).flatMap((role) =>
    rulesOf(role).flatMap((rule, i) => {
      const message = fn(rule);
      return message ? [violation(check, role, `rules[${i}]: ${message}`)] : [];
    }),
  );
}

/** B1: no exec/attach. */
export const B1: Check = (objects) =>
  perRule('B1', objects, (r) =>
    has(r.apiGroups, ...CORE) && has(r.resources, '*', 'pods/exec', 'pods/attach') && has(r.verbs, '*', 'get', 'create')
      ? 'grants pods/exec or pods/attach'
      : undefined,
  );

const ALL_CRUD = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

/** B2: no cluster-admin binding, no admin-equivalent role. */
export const B2: Check = (objects) => [
  ...perRule('B2', objects, (r) =>
    has(r.apiGroups, '*') && has(r.resources, '*') && (has(r.verbs, '*') || ALL_CRUD.every((v) => (r.verbs ?? []).includes(v)))
      ? 'is cluster-admin equivalent'
      : undefined,
  ),
  ...objects
    .filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')
    .filter((b) => (b as Json).roleRef?.name === 'cluster-admin')
    .map((b) => violation('B2', b, 'binds cluster-admin')),
];

/** B3: no wildcards. */
export const B3: Check = (objects) =>
  perRule('B3', objects, (r) => {
    const fields = ['apiGroups', 'resources', 'verbs', 'nonResourceURLs'].filter((f) =>
      ((r[f] ?? []) as string[]).some((v) => v.includes('*')),
    );
    return fields.length ? `wildcard in ${fields.join(', ')}` : undefined;
  });

/** B4: no read/write access to secrets. */
export const B4: Check = (objects) =>
  perRule('B4', objects, (r) =>
    has(r.apiGroups, ...CORE) && has(r.resources, 'secrets', '*') && has(r.verbs, 'get', 'list', 'watch', 'create', 'delete', '*')
      ? 'grants access to secrets'
      : undefined,
  );

const WORKLOAD_RESOURCES: Record<string, string[]> = {
  '': ['pods'],
  apps: ['deployments', 'statefulsets', 'replicasets', 'daemonsets'],
  batch: ['jobs', 'cronjobs'],
};

/** B5: no create on workload resources. */
export const B5: Check = (objects) =>
  perRule('B5', objects, (r) => {
    if (!has(r.verbs, 'create', '*')) return undefined;
    const hits = Object.entries(WORKLOAD_RESOURCES).filter(
      ([group, resources]) => has(r.apiGroups, group, '*') && has(r.resources, '*', ...resources),
    );
    return hits.length ? `grants create on ${hits.map(([g, rs]) => `${g || 'core'}/${rs.join('|')}`).join(', ')}` : undefined;
  });

/** B6: bindings reference a shipped role (a Role in the binding's namespace) and shipped ServiceAccounts. */
export const B6: Check = (objects) =>
  objects
    .filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')
    .flatMap((object) => {
      const b = object as Json;
      const out: Violation[] = [];
      const ref = b.roleRef ?? {};
      const role =
        ref.kind === 'Role'
          ? ofKind(objects, 'Role', b.metadata?.namespace).find((r) => r.metadata.name === ref.name)
          : ofKind(objects, 'ClusterRole').find((r) => r.metadata.name === ref.name);
      if (b.kind === 'ClusterRoleBinding' && ref.kind !== 'ClusterRole')
        out.push(violation('B6', b, `roleRef kind ${ref.kind} in a ClusterRoleBinding`));
      if (ref.apiGroup !== 'rbac.authorization.k8s.io') out.push(violation('B6', b, `roleRef.apiGroup is ${ref.apiGroup}`));
      if (!role)
        out.push(
          violation(
            'B6',
            b,
            `roleRef ${ref.kind} ${ref.name} is not shipped${ref.kind === 'Role' ? ` in namespace ${b.metadata?.namespace}` : ''}`,
          ),
        );
      const subjects: Json[] = b.subjects ?? [];
      if (subjects.length === 0) out.push(violation('B6', b, 'has no subjects'));
      for (const s of subjects) {
        if (s.kind !== 'ServiceAccount') {
          out.push(violation('B6', b, `subject ${s.kind} ${s.name} is not a shipped ServiceAccount`));
          continue;
        }
        const ns = s.namespace ?? b.metadata?.namespace;
        if (!ofKind(objects, 'ServiceAccount', ns).some((sa) => sa.metadata.name === s.name))
          out.push(violation('B6', b, `ServiceAccount ${ns}/${s.name} is not shipped`));
      }
      return out;
    });

/** B7: never nodes/proxy (nor a wildcard that includes it). */
export const B7: Check = (objects) =>
  perRule('B7', objects, (r) =>
    has(r.apiGroups, ...CORE) && has(r.resources, 'nodes/proxy', 'nodes/*', '*')
      ? 'grants nodes/proxy (kubelet exec/attach/portforward)'
      : undefined,
  );

export const RBAC_CHECKS = { B1, B2, B3, B4, B5, B6, B7 } as const;

/** One granted permission, flattened: where it applies and what it allows. */
export interface Grant {
  /** Namespace of a Role grant, `*` for a ClusterRole bound cluster-wide. */
  readonly scope: string;
  readonly apiGroup: string;
  /** Resource (`nodes/metrics` for subresources) or a non-resource URL. */
  readonly resource: string;
  readonly verb: string;
  readonly nonResource: boolean;
  /** The role that grants it, for messages. */
  readonly role: string;
}

/** Everything the bindings of the set grant one ServiceAccount. */
export function grantsOf(objects: readonly KubeObject[], namespace: string, name: string): Grant[] {
  const grants: Grant[] = [];
  for (const b of objects.filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') as Json[]) {
    const subject = (b.subjects ?? []).some(
      (s: Json) => s.kind === 'ServiceAccount' && s.name === name && (s.namespace ?? b.metadata?.namespace) === namespace,
    );
    if (!subject) continue;
    const scope = b.kind === 'ClusterRoleBinding' ? '*' : b.metadata.namespace;
    const role =
      b.roleRef.kind === 'Role'
        ? ofKind(objects, 'Role', b.metadata.namespace).find((r) => r.metadata.name === b.roleRef.name)
        : ofKind(objects, 'ClusterRole').find((r) => r.metadata.name === b.roleRef.name);
    for (const rule of role ? rulesOf(role) : []) {
      const label = `${role.kind} ${role.metadata.namespace ? `${role.metadata.namespace}/` : ''}${role.metadata.name}`;
      for (const verb of rule.verbs ?? []) {
        for (const url of rule.nonResourceURLs ?? [])
          grants.push({ scope, apiGroup: '', resource: url, verb, nonResource: true, role: label });
        for (const apiGroup of rule.apiGroups ?? []) {
          for (const resource of rule.resources ?? []) grants.push({ scope, apiGroup, resource, verb, nonResource: false, role: label });
        }
      }
    }
  }
  return grants;
}
