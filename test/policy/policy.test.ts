/**
 * Level 4 of the testing ladder: the POLICY.md checklist (kube-linter, Polaris, kube-score and
 * Pod Security class checks) over the whole object set of each variant.
 *
 * W20 (kube-linter's `--add-all-built-in` extras) is deliberately not enforced, for both
 * profiles: its requirements are organisation- or cluster-specific, not properties of a correct
 * stack. `owner` labels and `email` annotations belong to whoever deploys the library (they can
 * add them through their own chart); `nodeAffinity` needs node labels only the target cluster
 * knows; `dnsConfig ndots: 2` changes name resolution for every lookup; and sorted YAML keys are
 * a property of the serializer, not of the objects. Everything W20 leaves aside is checked
 * by W1–W19.
 */
import { CHECKS, format, runChecks } from './checks';
import { EXEMPTIONS, hasExemption, Json, ofKind, podSecurityLevel, workloads } from './objects';
import { objectsOf, VARIANTS } from './variants';

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

it('implements every check id of POLICY.md 2a–2d (S1–S18, R1–R16, W1–W19, B1–B7), plus PSS, 2e and REF', () => {
  expect(Object.keys(CHECKS).sort()).toEqual(
    [...range('S', 18), ...range('R', 16), ...range('W', 19), ...range('B', 7), 'PSS', '2e', 'REF'].sort(),
  );
});

describe.each(VARIANTS)('$name', (variant) => {
  const objects = objectsOf(variant);
  const profile = variant.settings().profile;

  it('passes every policy check (all violations listed at once)', () => {
    expect(format(runChecks(objects))).toEqual([]);
  });

  it('contains what the checks are about (no vacuous pass)', () => {
    const kinds = new Set(objects.map((o) => o.kind));
    for (const kind of [
      'Namespace',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'Service',
      'ConfigMap',
      'StatefulSet',
      'Deployment',
      'DaemonSet',
      'NetworkPolicy',
    ]) {
      expect(kinds).toContain(kind);
    }
    // Prometheus, Alertmanager, Grafana, kube-state-metrics, node-exporter, blackbox exporter
    // (+ Elasticsearch, its exporter and its setup Job when the logs store is on),
    // plus one exporter per declared database instance.
    const logs = variant.settings().elasticsearch !== undefined;
    // Kibana and its setup Job come with the logs store unless switched off.
    const kibana = logs && variant.settings().kibana !== false;
    const databases = Object.values(variant.settings().databases ?? {}).flat().length;
    // Operator mode: the cluster's kube-prometheus-stack runs Prometheus, Alertmanager and Grafana.
    const replaced = variant.settings().operator ? 3 : 0;
    // Thanos Query: the prod default (prometheus.thanos), not in operator mode.
    const thanosSetting = variant.settings().prometheus?.thanos;
    const thanos = !variant.settings().operator && thanosSetting !== false && (profile === 'prod' || thanosSetting !== undefined) ? 1 : 0;
    // Tracing: one Jaeger process in dev, collector and query in prod, plus the cleaner CronJob with daily indices.
    const tracing = variant.settings().jaeger;
    const jaeger = tracing ? (profile === 'prod' ? 2 : 1) + (tracing.rotation === 'ilm' ? 0 : 1) : 0;
    // Filebeat comes with the logs store unless switched off.
    const filebeat = logs && variant.settings().filebeat !== false;
    // Logstash too (a PDB of its own in prod).
    const logstash = logs && variant.settings().logstash !== false;
    expect(workloads(objects)).toHaveLength(
      (logs ? 9 : 6) + (kibana ? 2 : 0) + (filebeat ? 1 : 0) + (logstash ? 1 : 0) + jaeger + databases + thanos - replaced,
    );
    // prod runs every Deployment/StatefulSet replicated, so W6/W8/W9 have work to do.
    // Grafana without a shared database is one replica (SQLite on a claim): no PDB.
    const grafanaHa = !variant.settings().operator && variant.settings().grafana?.database !== undefined;
    expect(ofKind(objects, 'PodDisruptionBudget')).toHaveLength(
      profile === 'prod'
        ? (logs ? 6 : 4) +
            (grafanaHa ? 1 : 0) +
            (kibana ? 1 : 0) +
            (logstash ? 1 : 0) +
            (tracing ? 2 : 0) +
            databases +
            thanos -
            (replaced ? replaced - 1 : 0)
        : 0,
    );
  });

  it('R2 deviation: every container is pulled IfNotPresent (pinned tags; a registry outage must not block restarts)', () => {
    const policies = workloads(objects).flatMap((w) =>
      [...(w.pod.containers ?? []), ...(w.pod.initContainers ?? [])].map((c: Json) => c.imagePullPolicy),
    );
    expect(policies.length).toBeGreaterThan(0);
    expect(new Set(policies)).toEqual(new Set(['IfNotPresent']));
  });

  it('W4: single-replica Deployments exist only in dev, each with the Polaris deploymentMissingReplicas exemption', () => {
    const deployments = ofKind(objects, 'Deployment');
    const single = deployments.filter((d) => d.spec.replicas === 1);
    expect(single.length).toBe(profile === 'dev' ? deployments.length : 0);
    for (const d of single) expect(EXEMPTIONS.deploymentReplicas.every((e) => hasExemption(d, e))).toBe(true);
    for (const d of deployments.filter((x) => x.spec.replicas >= 2))
      expect(d.metadata.annotations ?? {}).not.toHaveProperty(['polaris.fairwinds.com/deploymentMissingReplicas-exempt']);
  });

  it('host access only for node-exporter and Filebeat, with exactly the exemptions of POLICY.md 2e in a privileged namespace', () => {
    const host = workloads(objects).filter(
      (w) => w.pod.hostNetwork || w.pod.hostPID || w.pod.hostIPC || (w.pod.volumes ?? []).some((v: Json) => v.hostPath),
    );
    const filebeatOn = variant.settings().elasticsearch !== undefined && variant.settings().filebeat !== false;
    expect(host.map((w) => `${w.object.kind}/${w.object.metadata?.name}`)).toEqual([
      'DaemonSet/node-exporter',
      ...(filebeatOn ? ['DaemonSet/filebeat'] : []),
    ]);
    const exemptionsOf = (w: (typeof host)[number]) =>
      Object.keys((w.object as Json).metadata.annotations)
        .filter((k) => /kube-linter|polaris|kube-score/.test(k))
        .sort();
    const [nodeExporter, filebeat] = host;
    expect(exemptionsOf(nodeExporter)).toEqual([
      'ignore-check.kube-linter.io/host-network',
      'ignore-check.kube-linter.io/host-pid',
      'ignore-check.kube-linter.io/sensitive-host-mounts',
      'polaris.fairwinds.com/hostNetworkSet-exempt',
      'polaris.fairwinds.com/hostPIDSet-exempt',
      'polaris.fairwinds.com/hostPathSet-exempt',
    ]);
    if (filebeat) {
      // Root (S1) and hostPath (S9): /var/log read-only, the registry directory writable. No host namespaces.
      expect(exemptionsOf(filebeat)).toEqual([
        'ignore-check.kube-linter.io/run-as-non-root',
        'ignore-check.kube-linter.io/writable-host-mount',
        'kube-score/ignore',
        'polaris.fairwinds.com/hostPathSet-exempt',
        'polaris.fairwinds.com/runAsRootAllowed-exempt',
      ]);
      expect((filebeat.object as Json).metadata.annotations['kube-score/ignore']).toBe('container-security-context-user-group-id');
      expect([filebeat.pod.hostNetwork, filebeat.pod.hostPID, filebeat.pod.hostIPC]).toEqual([undefined, undefined, undefined]);
      expect(podSecurityLevel(objects, filebeat.namespace)).toBe('privileged');
    }
    expect(podSecurityLevel(objects, nodeExporter.namespace)).toBe('privileged');
    // The opt-in Elasticsearch sysctl init container moves Elasticsearch and its helpers there too (POLICY.md S13).
    const sysctl = variant.settings().elasticsearch?.maxMapCount === 'initContainer';
    for (const w of workloads(objects).filter((x) => !host.some((h) => h.object === x.object)))
      expect(podSecurityLevel(objects, w.namespace)).toBe(
        sysctl && (w.podLabels['app.kubernetes.io/name'] ?? '').startsWith('elasticsearch') ? 'privileged' : 'restricted',
      );
  });

  it('S13: a privileged container only with maxMapCount initContainer, and then exactly one: the sysctl init container', () => {
    const privileged = workloads(objects).flatMap((w) =>
      [...(w.pod.initContainers ?? []), ...(w.pod.containers ?? [])]
        .filter((c: Json) => c.securityContext?.privileged)
        .map((c: Json) => `${w.object.kind}/${w.object.metadata?.name}/${c.name}`),
    );
    const sysctl = variant.settings().elasticsearch?.maxMapCount === 'initContainer';
    expect(privileged).toEqual(sysctl ? ['StatefulSet/elasticsearch/sysctl'] : []);
  });
});
