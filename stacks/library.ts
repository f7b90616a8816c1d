/**
 * Pulumi entry point for library users (`import ... from 'typed-observability-stack/pulumi'`):
 * the stack as Pulumi components, for a Kubernetes cluster or a local Docker engine, and the
 * validated reader of the stack's Pulumi config. Needs `@pulumi/pulumi` plus
 * `@pulumi/kubernetes` (ClusterStack) and/or `@pulumi/docker` (DockerStack) installed.
 * (`stacks/index.ts` is this repository's own Pulumi program; it runs on import.)
 * @packageDocumentation
 */
// The stack settings as the main entry declares them: every component's keys are added by its
// folder (interface merging), so this entry's declarations must reach the same files.
export type { StackSettings, ResolvedSettings } from '../constructs';
export { ClusterStack } from './cluster';
export type { ClusterStackArgs, ServiceAccess } from './cluster';
export { DockerStack } from './docker';
export type { DockerStackArgs } from './docker';
export { readStackConfig, CONFIG_KEYS, TARGETS } from './stack-config';
export type { StackConfig, Target, DockerOptions, KubernetesOptions } from './stack-config';
export type { SecretValues, SecretConfigKey } from './secrets';
export type { PublishedComponent } from './docker-components';
