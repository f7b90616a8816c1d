import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import type { KubeObject } from '../schema/kubernetes-schema';

/**
 * The validator and the prometheus-operator CRD models it imports: a test tool with its own
 * package.json, outside the project's dependencies (the models declare Node >=22; see there).
 */
const CRD_MODELS = join(__dirname, '..', '..', 'scripts', 'operator-crd-models');
const CRD_MODELS_INSTALL = 'npm ci --prefix scripts/operator-crd-models';

/**
 * Whether the CRD models are installed. In CI (CI=true) missing models are a failure; elsewhere
 * the caller skips, with a message saying how to install them.
 */
export function crdModelsInstalled(): boolean {
  if (existsSync(join(CRD_MODELS, 'node_modules', '@kubernetes-models', 'prometheus-operator', 'package.json'))) return true;
  if (process.env.CI)
    throw new Error(`the prometheus-operator CRD models are required in CI; .ci/run installs them with: ${CRD_MODELS_INSTALL}`);
  console.warn(`SKIPPED: the prometheus-operator CRD models are not installed. Install them with: ${CRD_MODELS_INSTALL}`);
  return false;
}

/** The API group of the prometheus-operator CRDs. */
export const OPERATOR_GROUP = 'monitoring.coreos.com';

/** Whether an object is a prometheus-operator CRD object (validated here, not by kubernetes-models). */
export const isOperatorObject = (o: KubeObject) => o.apiVersion.startsWith(`${OPERATOR_GROUP}/`);

/**
 * Every schema problem of the objects per @kubernetes-models/prometheus-operator (its `validate()`
 * errors and the properties its schema does not define), as `<kind>/<name>: <problem>` lines.
 */
export function crdProblems(objects: readonly KubeObject[]): string[] {
  const output = execFileSync(process.execPath, [join(CRD_MODELS, 'crd-validate.mjs')], {
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
