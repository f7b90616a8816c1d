/**
 * The policy suite: every check of POLICY.md 2a–2d by id, plus the namespace Pod Security
 * levels, the exemption-annotation audit of section 2e and the in-set references (REF).
 */
import { EXEMPTION_ANNOTATIONS } from './exemption-annotations';
import { IMAGE_RESOURCE_CHECKS } from './images-resources';
import { Check, KubeObject, Violation } from './objects';
import { POD_SECURITY_CHECKS, PSS } from './pod-security';
import { RBAC_CHECKS } from './rbac';
import { REF } from './references';
import { WORKLOAD_CHECKS } from './workload-shape';

export const CHECKS: Readonly<Record<string, Check>> = {
  ...POD_SECURITY_CHECKS,
  ...IMAGE_RESOURCE_CHECKS,
  ...WORKLOAD_CHECKS,
  ...RBAC_CHECKS,
  PSS,
  '2e': EXEMPTION_ANNOTATIONS,
  REF,
};

/** Runs every check (or the named ones) over an object set. */
export function runChecks(objects: readonly KubeObject[], ids: readonly string[] = Object.keys(CHECKS)): Violation[] {
  return ids.flatMap((id) => CHECKS[id](objects));
}

/** One line per violation, for readable test failures. */
export function format(violations: readonly Violation[]): string[] {
  return violations.map((v) => `[${v.check}] ${v.object}: ${v.message}`);
}
