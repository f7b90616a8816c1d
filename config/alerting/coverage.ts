import { AlertDefinition } from './definition';

/**
 * A shipped alert that also names the kube-prometheus alerts it stands for when its own name
 * differs (e.g. `NodeDiskSpaceLow` covers `NodeFilesystemAlmostOutOfSpace`). The coverage
 * table (`npm run alert-coverage`, docs/alert-coverage.md) reads `covers`; the runbook page
 * names the same alerts.
 */
export type CoveringDefinition<C> = AlertDefinition<C> & {
  /** kube-prometheus alert names this alert is the equivalent of. @default none (only its own name) */
  readonly covers?: readonly string[];
};

/** How long a job may have no target up before its absent alert fires; see the runbooks of the absent alerts. */
export const ABSENT_FOR = '15m';

/**
 * `<job> has no target up`, gated on the job being configured at all: Prometheus reports
 * `prometheus_sd_discovered_targets{config="<job>"}` (possibly 0) for every scrape job in its
 * configuration, so a job the target does not ship (the kubelet on Docker) stays quiet while a
 * job whose discovery finds nothing or whose targets are all down fires.
 */
export function absentJobExpr(job: string, gated = true): string {
  const quoted = JSON.stringify(job);
  const absent = `label_replace(absent(up{job=${quoted}} == 1), "job", ${quoted}, "", "")`;
  return gated ? `${absent} and on () count(prometheus_sd_discovered_targets{config=${quoted}, name="scrape"}) > 0` : absent;
}

/**
 * The absent alert of one scrape job the stack ships. `gated: false` for Prometheus's own job,
 * whose discovery metric disappears with it.
 */
export function absentJobAlert<C>(
  alert: string,
  job: string,
  what: string,
  extra: Partial<CoveringDefinition<C>> & { readonly gated?: boolean } = {},
): CoveringDefinition<C> {
  const { gated, ...rest } = extra;
  return {
    alert,
    severity: 'warning',
    for: ABSENT_FOR,
    expr: () => absentJobExpr(job, gated ?? true),
    summary: `No ${what} target is up (job {{ $labels.job }}).`,
    description:
      `Prometheus is configured to scrape job {{ $labels.job }} (${what}) but has had no target of it up for ${ABSENT_FOR}: ` +
      'none is discovered, or every one fails. The alerts built on its metrics cannot fire meanwhile.',
    ...rest,
  };
}
