/**
 * Pulumi program (Pulumi.yaml `main: stacks/`): reads the stack's config once, validated and
 * synthesized (the settings are resolved once), then deploys that synthesized stack to local
 * Docker (`target: docker`) or to a cluster (`target: kubernetes`).
 * See docs/pulumi.md for every config key.
 */
import * as pulumi from '@pulumi/pulumi';
import { ClusterStack } from './cluster';
import { DockerStack } from './docker';
import { readStackConfig } from './stack-config';

const config = readStackConfig(new pulumi.Config(), pulumi.getStack());
const name = 'observability';

const cluster =
  config.target === 'kubernetes'
    ? new ClusterStack(name, {
        settings: config.synthesized,
        secrets: config.secrets,
        context: config.kubernetes.context,
        serverSideApply: config.kubernetes.serverSideApply,
      })
    : undefined;
const local =
  config.target === 'docker'
    ? new DockerStack(name, { settings: config.synthesized, secrets: config.secrets, ...config.docker })
    : undefined;

/** `docker` or `kubernetes`. */
export const target = config.target;
/** Profile deployed. */
export const profile = config.settings.profile;
/** Docker: local URLs of Grafana, Prometheus and Alertmanager. */
export const urls = local?.urls;
/**
 * Docker: the Grafana admin password (secret output; generated unless grafanaAdminPassword is set).
 * Show it with `pulumi stack output grafanaAdminPassword --show-secrets`.
 */
export const grafanaAdminPassword = local?.grafanaAdminPassword;
/** Kubernetes: in-cluster addresses of Grafana, Prometheus and Alertmanager. */
export const services = cluster ? Object.fromEntries(Object.entries(cluster.services).map(([k, v]) => [k, v.address])) : undefined;
/** Kubernetes: `kubectl port-forward` commands and the local URL each one serves. */
export const portForward = cluster
  ? Object.fromEntries(Object.entries(cluster.services).map(([k, v]) => [k, { command: v.portForward, url: v.localUrl }]))
  : undefined;
