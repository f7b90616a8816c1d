/**
 * Kubernetes OpenAPI validation of synthesized objects with `kubernetes-models` 4.5.1.
 *
 * Two checks per object:
 * 1. `new Model(object).validate()`: the model's compiled OpenAPI validator (types, formats,
 *    enums, required fields).
 * 2. Unknown fields. The models' validators accept properties the schema does not define
 *    (Kubernetes' schemas carry no `additionalProperties: false`), so a typo such as
 *    `spec.replica` would pass. The same compiled schema is therefore run over a recording
 *    proxy of the object: for every object node the validator visits, it reads each property
 *    its schema defines (and enumerates the keys of free-form maps such as `labels`). Any own
 *    key of a visited node that the schema never read is a property the schema does not
 *    define. Nodes the schema treats as opaque (no properties, no map schema) are not read at
 *    all and are not judged.
 */
import * as models from 'kubernetes-models';
import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';

/** A synthesized Kubernetes object (plain JSON). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string };
  [key: string]: unknown;
}

/** What a model class offers: construct from data, validate (throws on schema errors). */
type ModelClass = new (data: object) => { validate(): void };

/** `kubernetes-models` export name of an API group: `rbac.authorization.k8s.io` → `rbacAuthorizationK8sIo`. */
function groupExport(group: string): string {
  return group
    .split('.')
    .map((part, i) => (i === 0 ? part : part[0].toUpperCase() + part.slice(1)))
    .join('');
}

/** Operator CRDs the stack may write (optional outputs), with the @kubernetes-models package that knows their schema. */
const CRD_MODELS = [Certificate as unknown as ModelClass & { apiVersion: string; kind: string }];

/** The model class of an apiVersion/kind, or undefined if kubernetes-models does not know it. */
export function modelClass(apiVersion: string, kind: string): ModelClass | undefined {
  const crd = CRD_MODELS.find((m) => m.apiVersion === apiVersion && m.kind === kind);
  if (crd) return crd;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const root = models as unknown as Record<string, Record<string, Record<string, unknown>>>;
  const versions = group === '' ? { [version]: root[version] as unknown as Record<string, unknown> } : root[groupExport(group)];
  const candidate = versions?.[version]?.[kind] as (ModelClass & { apiVersion?: string; kind?: string }) | undefined;
  // Only top-level API objects carry apiVersion/kind (not e.g. `DeploymentSpec`).
  return typeof candidate === 'function' && candidate.apiVersion === apiVersion && candidate.kind === kind ? candidate : undefined;
}

/** Human-readable identity of an object for messages. */
export function describe(object: KubeObject): string {
  const ns = object.metadata?.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.apiVersion} ${object.kind} ${ns}${object.metadata?.name ?? '(unnamed)'}`;
}

/** Schema errors of the model's `validate()` (empty when valid or when the kind is unknown: see `unknownKind`). */
export function schemaErrors(object: KubeObject): string[] {
  const Model = modelClass(object.apiVersion, object.kind);
  if (!Model) return [`${describe(object)}: no kubernetes-models schema for this apiVersion/kind`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${describe(object)}: ${(error as Error).message}`];
  }
}

/** Records, per visited object node, the keys the validator read or enumerated. */
class ReadRecorder {
  readonly reads = new Map<object, Set<PropertyKey>>();
  readonly enumerated = new Set<object>();
  private readonly proxies = new WeakMap<object, object>();

  wrap<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value;
    const target = value as unknown as object;
    const existing = this.proxies.get(target);
    if (existing) return existing as T;
    if (!this.reads.has(target)) this.reads.set(target, new Set());
    const proxy = new Proxy(target, {
      get: (obj, key, receiver) => {
        this.reads.get(obj)!.add(key);
        return this.wrap(Reflect.get(obj, key, receiver));
      },
      ownKeys: (obj) => {
        this.enumerated.add(obj);
        return Reflect.ownKeys(obj);
      },
    });
    this.proxies.set(target, proxy);
    return proxy as T;
  }
}

/** Result of walking an object against its schema. */
export interface FieldWalk {
  /** Paths (JSON pointer style) of properties the OpenAPI schema does not define. */
  readonly unknown: string[];
  /** Paths of object nodes whose keys the schema does not constrain (maps such as labels). */
  readonly free: string[];
}

/** Walks an object against its model's schema: unknown properties and free-form maps. */
export function walkFields(object: KubeObject): FieldWalk {
  const Model = modelClass(object.apiVersion, object.kind);
  if (!Model) return { unknown: [], free: [] };
  const recorder = new ReadRecorder();
  try {
    // Same compiled schema as `validate()`, run over the recording proxy.
    Model.prototype.validate.call(recorder.wrap(object));
  } catch {
    // Type errors are schemaErrors' business; the visited nodes are still recorded.
  }
  const found: string[] = [];
  const free: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}/${i}`));
      return;
    }
    const reads = recorder.reads.get(node);
    // Not visited (beneath a type error) or opaque to the schema: nothing to judge here.
    const judged = reads !== undefined && !recorder.enumerated.has(node) && reads.size > 0;
    if (!judged && Object.keys(node).length > 0) free.push(path);
    for (const key of Object.keys(node)) {
      if (judged && !reads.has(key)) found.push(`${path}/${key}`);
      else walk((node as Record<string, unknown>)[key], `${path}/${key}`);
    }
  };
  walk(object, '');
  return { unknown: found, free };
}

/** Paths (JSON pointer style) of properties the OpenAPI schema does not define. */
export function unknownFields(object: KubeObject): string[] {
  return walkFields(object).unknown;
}

/** Every schema problem of an object: validation errors and unknown fields. */
export function schemaProblems(object: KubeObject): string[] {
  return [...schemaErrors(object), ...unknownFields(object).map((path) => `${describe(object)}: unknown field ${path}`)];
}
