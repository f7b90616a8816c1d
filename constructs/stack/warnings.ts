import { IConstruct } from 'constructs';
import { stackWarnings } from './alerting';
import { ResolvedSettings } from './settings';

/**
 * Metadata type of a warning entry. Neither `constructs` nor cdk8s ships an `Annotations`
 * helper; this is the type AWS CDK's `Annotations.of(scope).addWarning()` writes, so tools
 * that read CDK construct metadata see these as warnings.
 */
export const WARNING_METADATA_TYPE = 'aws:cdk:warning';

/**
 * Attaches each of `stackWarnings(settings)` to `scope` as a metadata entry of type
 * `aws:cdk:warning` (read them back with `scope.node.metadata`, or `warningsOf`).
 * Returns the warnings it added.
 */
export function annotateWarnings(scope: IConstruct, settings: ResolvedSettings): string[] {
  const warnings = stackWarnings(settings);
  for (const warning of warnings) scope.node.addMetadata(WARNING_METADATA_TYPE, warning);
  return warnings;
}

/** The warnings attached to `scope` and every construct below it, as `<construct path>: <warning>`. */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === WARNING_METADATA_TYPE).map((m) => `${c.node.path}: ${String(m.data)}`));
}
