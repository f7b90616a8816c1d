/**
 * Every check can fail: each case breaks one thing in an otherwise clean object set and expects
 * the named check to report it (on the right object, with a telling message).
 */
import { CHECKS, format } from './checks';
import { Json } from './objects';
import { objectsOf, VARIANTS } from './variants';

type Objects = Json[];
const fresh = (profile: 'dev' | 'prod'): Objects => structuredClone(objectsOf(VARIANTS.find((v) => v.name === profile)!)) as Objects;
const get = (objects: Objects, kind: string, name: string): Json => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${kind} ${name} not in the set`);
  return found;
};
const pod = (objects: Objects, kind: string, name: string): Json => get(objects, kind, name).spec.template.spec;
const main = (objects: Objects, kind: string, name: string): Json => pod(objects, kind, name).containers[0];
const grafana = (o: Objects) => main(o, 'Deployment', 'grafana');
const prometheus = (o: Objects) => main(o, 'StatefulSet', 'prometheus');
const nodeExporter = (o: Objects) => get(o, 'DaemonSet', 'node-exporter');
const meta = (name: string, namespace = 'monitoring') => ({ name, namespace, labels: { 'app.kubernetes.io/name': name } });
const clusterRole = (rules: Json[]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'bad' },
  rules,
});

/** [case, profile, break it, check id, object (substring), message pattern] */
const CASES: Array<[string, 'dev' | 'prod', (o: Objects) => void, string, string, RegExp]> = [
  // 2a
  [
    'container runAsUser: 0',
    'dev',
    (o) => {
      grafana(o).securityContext.runAsUser = 0;
    },
    'S1',
    'Deployment monitoring/grafana',
    /runAsUser 0/,
  ],
  [
    'pod uid below 10000',
    'dev',
    (o) => {
      pod(o, 'StatefulSet', 'alertmanager').securityContext.runAsGroup = 472;
    },
    'S1',
    'alertmanager',
    /runAsGroup 472/,
  ],
  [
    'runAsNonRoot missing',
    'dev',
    (o) => {
      delete pod(o, 'Deployment', 'grafana').securityContext.runAsNonRoot;
    },
    'S1',
    'grafana',
    /runAsNonRoot is not true/,
  ],
  [
    'node-exporter claims the Filebeat root exemption without all annotations',
    'dev',
    (o) => {
      pod(o, 'DaemonSet', 'node-exporter').securityContext.runAsUser = 0;
      nodeExporter(o).metadata.annotations['polaris.fairwinds.com/runAsRootAllowed-exempt'] = 'true';
    },
    'S1',
    'node-exporter',
    /runAsUser 0/,
  ],
  [
    'writable root filesystem',
    'dev',
    (o) => {
      grafana(o).securityContext.readOnlyRootFilesystem = false;
    },
    'S2',
    'grafana',
    /readOnlyRootFilesystem/,
  ],
  [
    'no container securityContext',
    'dev',
    (o) => {
      delete prometheus(o).securityContext;
    },
    'S2',
    'prometheus',
    /readOnlyRootFilesystem/,
  ],
  [
    'allowPrivilegeEscalation absent',
    'dev',
    (o) => {
      delete grafana(o).securityContext.allowPrivilegeEscalation;
    },
    'S3',
    'grafana',
    /explicitly false/,
  ],
  [
    'privileged container',
    'dev',
    (o) => {
      grafana(o).securityContext.privileged = true;
    },
    'S4',
    'grafana',
    /privileged is true/,
  ],
  [
    'capabilities not dropped',
    'dev',
    (o) => {
      grafana(o).securityContext.capabilities.drop = ['NET_RAW'];
    },
    'S5',
    'grafana',
    /drop does not contain ALL/,
  ],
  [
    'capability added',
    'dev',
    (o) => {
      grafana(o).securityContext.capabilities.add = ['NET_ADMIN'];
    },
    'S6',
    'grafana',
    /NET_ADMIN/,
  ],
  [
    'seccomp Unconfined',
    'dev',
    (o) => {
      pod(o, 'Deployment', 'grafana').securityContext.seccompProfile.type = 'Unconfined';
    },
    'S7',
    'grafana',
    /Unconfined/,
  ],
  [
    'hostNetwork on grafana',
    'dev',
    (o) => {
      pod(o, 'Deployment', 'grafana').hostNetwork = true;
    },
    'S8',
    'grafana',
    /hostNetwork is true: missing exemption annotation ignore-check.kube-linter.io\/host-network/,
  ],
  [
    'node-exporter without its hostNetworkSet annotation',
    'dev',
    (o) => {
      delete nodeExporter(o).metadata.annotations['polaris.fairwinds.com/hostNetworkSet-exempt'];
    },
    'S8',
    'node-exporter',
    /polaris.fairwinds.com\/hostNetworkSet-exempt/,
  ],
  [
    'node-exporter with an empty kube-linter reason',
    'dev',
    (o) => {
      nodeExporter(o).metadata.annotations['ignore-check.kube-linter.io/host-pid'] = '';
    },
    'S8',
    'node-exporter',
    /host-pid/,
  ],
  [
    'node-exporter in a restricted namespace',
    'dev',
    (o) => {
      get(o, 'Namespace', 'monitoring-agents').metadata.labels['pod-security.kubernetes.io/enforce'] = 'restricted';
    },
    'S8',
    'node-exporter',
    /enforces Pod Security restricted/,
  ],
  [
    'hostIPC anywhere',
    'dev',
    (o) => {
      pod(o, 'DaemonSet', 'node-exporter').hostIPC = true;
    },
    'S8',
    'node-exporter',
    /hostIPC/,
  ],
  [
    'hostPath on grafana',
    'dev',
    (o) => {
      pod(o, 'Deployment', 'grafana').volumes.push({ name: 'host', hostPath: { path: '/var/log' } });
    },
    'S9',
    'grafana',
    /hostPath \/var\/log.*hostPathSet-exempt/,
  ],
  [
    'node-exporter without sensitive-host-mounts',
    'dev',
    (o) => {
      delete nodeExporter(o).metadata.annotations['ignore-check.kube-linter.io/sensitive-host-mounts'];
    },
    'S9',
    'node-exporter',
    /sensitive-host-mounts/,
  ],
  [
    'node-exporter mounting / writable',
    'dev',
    (o) => {
      main(o, 'DaemonSet', 'node-exporter').volumeMounts[1].readOnly = false;
    },
    'S9',
    'node-exporter',
    /writable/,
  ],
  [
    'docker socket',
    'dev',
    (o) => {
      pod(o, 'DaemonSet', 'node-exporter').volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } });
    },
    'S9',
    'node-exporter',
    /docker socket/,
  ],
  [
    'hostPort',
    'dev',
    (o) => {
      main(o, 'DaemonSet', 'node-exporter').ports[0].hostPort = 9100;
    },
    'S10',
    'node-exporter',
    /hostPort 9100/,
  ],
  [
    'a cAdvisor container',
    'dev',
    (o) => {
      grafana(o).image = 'gcr.io/cadvisor/cadvisor:v0.52.1';
    },
    'S11',
    'grafana',
    /cAdvisor/,
  ],
  [
    'procMount Unmasked',
    'dev',
    (o) => {
      grafana(o).securityContext.procMount = 'Unmasked';
    },
    'S12',
    'grafana',
    /Unmasked/,
  ],
  [
    'sysctls',
    'dev',
    (o) => {
      pod(o, 'Deployment', 'grafana').securityContext.sysctls = [{ name: 'net.core.somaxconn', value: '1024' }];
    },
    'S13',
    'grafana',
    /sysctls/,
  ],
  [
    'SELinux user',
    'dev',
    (o) => {
      grafana(o).securityContext.seLinuxOptions = { user: 'system_u' };
    },
    'S14',
    'grafana',
    /seLinuxOptions/,
  ],
  [
    'Windows hostProcess',
    'dev',
    (o) => {
      pod(o, 'Deployment', 'grafana').securityContext.windowsOptions = { hostProcess: true };
    },
    'S14',
    'grafana',
    /hostProcess/,
  ],
  [
    'probe host',
    'dev',
    (o) => {
      grafana(o).livenessProbe.httpGet.host = '10.0.0.1';
    },
    'S15',
    'grafana',
    /livenessProbe.httpGet.host/,
  ],
  [
    'nfs volume',
    'dev',
    (o) => {
      pod(o, 'Deployment', 'grafana').volumes.push({ name: 'nfs', nfs: { server: 'nfs', path: '/' } });
    },
    'S16',
    'grafana',
    /type nfs/,
  ],
  [
    'automountServiceAccountToken: true',
    'dev',
    (o) => {
      pod(o, 'Deployment', 'grafana').automountServiceAccountToken = true;
    },
    'S17',
    'grafana',
    /automountServiceAccountToken is true/,
  ],
  [
    'API user without the projected token',
    'dev',
    (o) => {
      const spec = pod(o, 'StatefulSet', 'prometheus');
      spec.volumes = spec.volumes.filter((v: Json) => !v.projected);
    },
    'S17',
    'prometheus',
    /no projected token volume/,
  ],
  [
    'token unset with an automounting ServiceAccount',
    'dev',
    (o) => {
      delete pod(o, 'Deployment', 'grafana').automountServiceAccountToken;
      delete get(o, 'ServiceAccount', 'grafana').automountServiceAccountToken;
    },
    'S17',
    'grafana',
    /does not set it to false/,
  ],
  [
    'ServiceAccount not shipped',
    'dev',
    (o) => {
      pod(o, 'Deployment', 'grafana').serviceAccountName = 'ghost';
    },
    'S18',
    'grafana',
    /ghost is not shipped/,
  ],
  [
    'deprecated serviceAccount field',
    'dev',
    (o) => {
      pod(o, 'Deployment', 'grafana').serviceAccount = 'grafana';
    },
    'S18',
    'grafana',
    /deprecated/,
  ],
  // 2b
  [
    'latest image',
    'dev',
    (o) => {
      grafana(o).image = 'docker.io/grafana/grafana:latest';
    },
    'R1',
    'grafana',
    /latest/,
  ],
  [
    'image without a tag',
    'dev',
    (o) => {
      grafana(o).image = 'registry.local:5000/grafana';
    },
    'R1',
    'grafana',
    /not registry\/repository:tag/,
  ],
  [
    'pull policy Always (the documented deviation asserts IfNotPresent)',
    'dev',
    (o) => {
      grafana(o).imagePullPolicy = 'Always';
    },
    'R2',
    'grafana',
    /expected IfNotPresent/,
  ],
  [
    'zero CPU request',
    'dev',
    (o) => {
      grafana(o).resources.requests.cpu = '0';
    },
    'R3',
    'grafana',
    /requests.cpu/,
  ],
  [
    'no CPU limit',
    'dev',
    (o) => {
      delete grafana(o).resources.limits.cpu;
    },
    'R4',
    'grafana',
    /limits.cpu is unset/,
  ],
  [
    'no memory request',
    'dev',
    (o) => {
      delete grafana(o).resources.requests.memory;
    },
    'R5',
    'grafana',
    /requests.memory/,
  ],
  [
    'no memory limit',
    'dev',
    (o) => {
      delete grafana(o).resources.limits.memory;
    },
    'R6',
    'grafana',
    /limits.memory/,
  ],
  [
    'no ephemeral-storage limit',
    'dev',
    (o) => {
      delete grafana(o).resources.limits['ephemeral-storage'];
    },
    'R7',
    'grafana',
    /ephemeral-storage/,
  ],
  [
    'no readiness probe',
    'dev',
    (o) => {
      delete grafana(o).readinessProbe;
    },
    'R8',
    'grafana',
    /readinessProbe/,
  ],
  [
    'no liveness probe',
    'dev',
    (o) => {
      delete grafana(o).livenessProbe;
    },
    'R9',
    'grafana',
    /livenessProbe/,
  ],
  [
    'probe on an undeclared port',
    'dev',
    (o) => {
      grafana(o).readinessProbe.httpGet.port = 'metrics';
    },
    'R10',
    'grafana',
    /readinessProbe port metrics/,
  ],
  [
    'identical probes',
    'dev',
    (o) => {
      grafana(o).readinessProbe.httpGet.path = grafana(o).livenessProbe.httpGet.path;
    },
    'R11',
    'grafana',
    /identical/,
  ],
  [
    'invalid port name',
    'dev',
    (o) => {
      grafana(o).ports[0].name = 'HTTP_port_is_long';
    },
    'R12',
    'grafana',
    /IANA_SVC_NAME/,
  ],
  [
    'SSH port',
    'dev',
    (o) => {
      grafana(o).ports.push({ name: 'ssh', containerPort: 22 });
    },
    'R13',
    'grafana',
    /22/,
  ],
  [
    'duplicate env',
    'dev',
    (o) => {
      grafana(o).env.push({ ...grafana(o).env[0] });
    },
    'R14',
    'grafana',
    /more than once/,
  ],
  [
    'literal password in env',
    'dev',
    (o) => {
      grafana(o).env.push({ name: 'GF_SECURITY_ADMIN_PASSWORD', value: 'hunter2' });
    },
    'R15',
    'grafana',
    /literal value/,
  ],
  [
    'private key in a ConfigMap',
    'dev',
    (o) => {
      get(o, 'ConfigMap', 'grafana-config').data['tls.key'] = '-----BEGIN RSA PRIVATE KEY-----\nabc';
    },
    'R16',
    'grafana-config',
    /PEM private key/,
  ],
  [
    'secret-like ConfigMap key',
    'dev',
    (o) => {
      get(o, 'ConfigMap', 'grafana-config').data['admin-password'] = 'x';
    },
    'R16',
    'grafana-config',
    /looks like a secret/,
  ],
  // 2c
  [
    'selector not matching the template',
    'dev',
    (o) => {
      get(o, 'Deployment', 'grafana').spec.selector.matchLabels['app.kubernetes.io/name'] = 'grafana2';
    },
    'W1',
    'grafana',
    /not a subset/,
  ],
  [
    'invalid label value',
    'dev',
    (o) => {
      get(o, 'Service', 'grafana').metadata.labels.team = 'platform team';
    },
    'W2',
    'Service monitoring/grafana',
    /platform team/,
  ],
  [
    'instance label mismatch',
    'dev',
    (o) => {
      get(o, 'Deployment', 'grafana').metadata.labels['app.kubernetes.io/instance'] = 'other';
    },
    'W3',
    'grafana',
    /instance/,
  ],
  [
    'single replica without the exemption annotation',
    'dev',
    (o) => {
      delete get(o, 'Deployment', 'grafana').metadata.annotations;
    },
    'W4',
    'grafana',
    /deploymentMissingReplicas-exempt/,
  ],
  [
    'HPA with minReplicas 1 on a Deployment with replicas set',
    'prod',
    (o) => {
      o.push({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: meta('grafana'),
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'grafana' }, minReplicas: 1, maxReplicas: 1 },
      });
    },
    'W5',
    'grafana',
    /minReplicas 1 < 2|replicas is set/,
  ],
  [
    'no anti-affinity with 3 replicas',
    'prod',
    (o) => {
      delete pod(o, 'StatefulSet', 'alertmanager').affinity;
    },
    'W6',
    'alertmanager',
    /podAntiAffinity/,
  ],
  [
    'no topology spread',
    'dev',
    (o) => {
      delete pod(o, 'Deployment', 'grafana').topologySpreadConstraints;
    },
    'W7',
    'grafana',
    /topologySpreadConstraints/,
  ],
  [
    'no PDB for a replicated workload',
    'prod',
    (o) => {
      o.splice(o.indexOf(get(o, 'PodDisruptionBudget', 'prometheus')), 1);
    },
    'W8',
    'prometheus',
    /PodDisruptionBudget/,
  ],
  [
    'PDB that blocks every disruption',
    'prod',
    (o) => {
      get(o, 'PodDisruptionBudget', 'kube-state-metrics').spec.maxUnavailable = 0;
    },
    'W9',
    'PodDisruptionBudget monitoring/kube-state-metrics',
    /maxUnavailable is 0/,
  ],
  [
    'PDB minAvailable = replicas',
    'prod',
    (o) => {
      const spec = get(o, 'PodDisruptionBudget', 'alertmanager').spec;
      delete spec.maxUnavailable;
      spec.minAvailable = 3;
    },
    'W9',
    'alertmanager',
    /not below StatefulSet alertmanager replicas 3/,
  ],
  [
    'Recreate strategy',
    'dev',
    (o) => {
      get(o, 'Deployment', 'grafana').spec.strategy = { type: 'Recreate' };
    },
    'W10',
    'grafana',
    /Recreate/,
  ],
  [
    'no priority class',
    'dev',
    (o) => {
      delete pod(o, 'Deployment', 'grafana').priorityClassName;
    },
    'W11',
    'grafana',
    /priorityClassName/,
  ],
  [
    'dangling Service',
    'dev',
    (o) => {
      get(o, 'Service', 'grafana').spec.selector = { 'app.kubernetes.io/name': 'grafana-old' };
    },
    'W12',
    'Service monitoring/grafana',
    /matches no workload/,
  ],
  [
    'NodePort Service',
    'dev',
    (o) => {
      get(o, 'Service', 'grafana').spec.type = 'NodePort';
    },
    'W12',
    'grafana',
    /NodePort/,
  ],
  [
    'Service targetPort not on the pods',
    'dev',
    (o) => {
      get(o, 'Service', 'grafana').spec.ports[0].targetPort = 'web';
    },
    'W12',
    'grafana',
    /targetPort web/,
  ],
  [
    'StatefulSet service not headless',
    'dev',
    (o) => {
      delete get(o, 'Service', 'prometheus-headless').spec.clusterIP;
    },
    'W13',
    'StatefulSet monitoring/prometheus',
    /not headless/,
  ],
  [
    'workload without its NetworkPolicy',
    'dev',
    (o) => {
      o.splice(o.indexOf(o.find((x) => x.kind === 'NetworkPolicy' && x.metadata.name === 'grafana')), 1);
    },
    'W14',
    'Deployment monitoring/grafana',
    /NetworkPolicy/,
  ],
  [
    'deny-all egress',
    'dev',
    (o) => {
      o.find((x) => x.kind === 'NetworkPolicy' && x.metadata.name === 'grafana').spec.egress = [];
    },
    'W14',
    'grafana',
    /non-empty ingress and egress/,
  ],
  [
    'NetworkPolicy selecting nothing',
    'dev',
    (o) => {
      o.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta('loki'),
        spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'loki' } }, policyTypes: ['Ingress'] },
      });
    },
    'W15',
    'NetworkPolicy monitoring/loki',
    /selects no workload/,
  ],
  [
    'NetworkPolicy peer selecting nothing',
    'dev',
    (o) => {
      o.find((x) => x.kind === 'NetworkPolicy' && x.metadata.name === 'grafana').spec.egress.push({
        to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'tempo' } } }],
      });
    },
    'W15',
    'grafana',
    /peer podSelector/,
  ],
  [
    'Job without TTL',
    'dev',
    (o) => {
      const template = structuredClone(get(o, 'Deployment', 'grafana').spec.template);
      o.push({ apiVersion: 'batch/v1', kind: 'Job', metadata: meta('cleanup'), spec: { template } });
    },
    'W16',
    'Job monitoring/cleanup',
    /ttlSecondsAfterFinished/,
  ],
  [
    'CronJob without deadline',
    'dev',
    (o) => {
      const template = structuredClone(get(o, 'Deployment', 'grafana').spec.template);
      template.spec.restartPolicy = 'Always';
      o.push({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: meta('report'),
        spec: { schedule: '@daily', jobTemplate: { spec: { template } } },
      });
    },
    'W16',
    'CronJob monitoring/report',
    /startingDeadlineSeconds/,
  ],
  [
    'beta API version',
    'dev',
    (o) => {
      get(o, 'Deployment', 'grafana').apiVersion = 'extensions/v1beta1';
    },
    'W17',
    'extensions/v1beta1 Deployment',
    /not one of/,
  ],
  [
    'Ingress without TLS to a missing port',
    'dev',
    (o) => {
      o.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: meta('grafana'),
        spec: {
          rules: [
            { http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'grafana', port: { number: 80 } } } }] } },
          ],
        },
      });
    },
    'W18',
    'Ingress monitoring/grafana',
    /tls|backend grafana:80/,
  ],
  [
    'object in the default namespace',
    'dev',
    (o) => {
      get(o, 'ConfigMap', 'grafana-config').metadata.namespace = 'default';
    },
    'W19',
    'grafana-config',
    /default/,
  ],
  [
    'object without a namespace',
    'dev',
    (o) => {
      delete get(o, 'Service', 'grafana').metadata.namespace;
    },
    'W19',
    'Service grafana',
    /unset/,
  ],
  // 2d
  [
    'pods/exec grant',
    'dev',
    (o) => {
      o.push(clusterRole([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]));
    },
    'B1',
    'ClusterRole bad',
    /pods\/exec/,
  ],
  [
    'ClusterRole with *',
    'dev',
    (o) => {
      o.push(clusterRole([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]));
    },
    'B2',
    'ClusterRole bad',
    /cluster-admin equivalent/,
  ],
  [
    'binding to cluster-admin',
    'dev',
    (o) => {
      get(o, 'ClusterRoleBinding', 'monitoring-prometheus').roleRef.name = 'cluster-admin';
    },
    'B2',
    'ClusterRoleBinding monitoring-prometheus',
    /cluster-admin/,
  ],
  [
    'wildcard verb',
    'dev',
    (o) => {
      get(o, 'ClusterRole', 'monitoring-kube-state-metrics').rules[0].verbs = ['*'];
    },
    'B3',
    'monitoring-kube-state-metrics',
    /wildcard in verbs/,
  ],
  [
    'secrets grant',
    'dev',
    (o) => {
      get(o, 'ClusterRole', 'monitoring-kube-state-metrics').rules.push({
        apiGroups: [''],
        resources: ['secrets'],
        verbs: ['list', 'watch'],
      });
    },
    'B4',
    'monitoring-kube-state-metrics',
    /secrets/,
  ],
  [
    'create pods',
    'dev',
    (o) => {
      o.push(clusterRole([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] }]));
    },
    'B5',
    'ClusterRole bad',
    /create on apps\/deployments/,
  ],
  [
    'binding to a role not shipped',
    'dev',
    (o) => {
      get(o, 'ClusterRoleBinding', 'monitoring-prometheus').roleRef.name = 'view';
    },
    'B6',
    'monitoring-prometheus',
    /ClusterRole view is not shipped/,
  ],
  [
    'binding to a ServiceAccount not shipped',
    'dev',
    (o) => {
      get(o, 'ClusterRoleBinding', 'monitoring-prometheus').subjects[0].namespace = 'default';
    },
    'B6',
    'monitoring-prometheus',
    /default\/prometheus is not shipped/,
  ],
  [
    'nodes/proxy grant',
    'dev',
    (o) => {
      get(o, 'ClusterRole', 'monitoring-prometheus').rules[1].resources = ['nodes/proxy'];
    },
    'B7',
    'monitoring-prometheus',
    /nodes\/proxy/,
  ],
  // Namespaces and exemptions
  [
    'stack namespace not restricted',
    'dev',
    (o) => {
      get(o, 'Namespace', 'monitoring').metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline';
    },
    'PSS',
    'Namespace monitoring',
    /enforce is baseline/,
  ],
  [
    'stray exemption on grafana',
    'dev',
    (o) => {
      get(o, 'Deployment', 'grafana').metadata.annotations['ignore-check.kube-linter.io/run-as-non-root'] = 'because';
    },
    '2e',
    'grafana',
    /run-as-non-root is not allowed/,
  ],
  [
    'exemption on a replicated Deployment',
    'prod',
    (o) => {
      get(o, 'Deployment', 'kube-state-metrics').metadata.annotations = {
        'polaris.fairwinds.com/deploymentMissingReplicas-exempt': 'true',
      };
    },
    '2e',
    'kube-state-metrics',
    /deploymentMissingReplicas is not allowed/,
  ],
  [
    'volumeMount without a volume',
    'dev',
    (o) => {
      grafana(o).volumeMounts.push({ name: 'cache', mountPath: '/cache' });
    },
    'REF',
    'grafana',
    /volumeMount cache/,
  ],
  [
    'ConfigMap volume naming a ConfigMap not shipped',
    'dev',
    (o) => {
      pod(o, 'StatefulSet', 'prometheus').volumes[0].configMap.name = 'prometheus-cfg';
    },
    'REF',
    'prometheus',
    /prometheus-cfg is not shipped/,
  ],
];

describe.each(CASES)('%s', (_title, profile, breakIt, check, object, message) => {
  it(`is caught by ${check}`, () => {
    const clean = fresh(profile);
    expect(format(CHECKS[check](clean))).toEqual([]);
    breakIt(clean);
    const found = CHECKS[check](clean).filter((v) => v.object.includes(object));
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((v) => `${v.check} ${v.message}`).join('\n')).toMatch(message);
    expect(found.every((v) => v.check === check)).toBe(true);
  });
});

it('covers every check id with at least one failing case', () => {
  expect([...new Set(CASES.map((c) => c[3]))].sort()).toEqual(Object.keys(CHECKS).sort());
});
