import { execFileSync } from 'child_process';
import { join } from 'path';
import type { KubeObject } from '../schema/kubernetes-schema';

/** The API group of the prometheus-operator CRDs. */
export const OPERATOR_GROUP = 'monitoring.coreos.com';

/** Whether an object is a prometheus-operator CRD object (validated here, not by kubernetes-models). */
export const isOperatorObject = (o: KubeObject) => o.apiVersion.startsWith(`${OPERATOR_GROUP}/`);

/**
 * Every schema problem of the objects per @kubernetes-models/prometheus-operator (its `validate()`
 * errors and the properties its schema does not define), as `<kind>/<name>: <problem>` lines.
 */
export function crdProblems(objects: readonly KubeObject[]): string[] {
  const output = execFileSync(process.execPath, [join(__dirname, 'crd-validate.mjs')], {
    input: JSON.stringify(objects),
    maxBuffer: 64 << 20,
  });
  const result = JSON.parse(output.toString()) as Record<string, { errors: string[]; unknown: string[] }>;
  return objects.flatMap((o, i) => {
    const { errors, unknown } = result[i];
    const id = `${o.kind}/${o.metadata?.name}`;
    return [...errors.map((e) => `${id}: ${e}`), ...unknown.map((path) => `${id}: unknown field ${path}`)];
  });
}
