import { grafanaSpec } from '../../constructs/grafana/spec';
import { planContainer } from '../../stacks/docker-container';
import { Workload } from '../../stacks/workloads';

// The pod-to-container translation refuses what it cannot carry over faithfully.
const base: Workload = {
  kind: 'Deployment',
  name: 'grafana',
  component: 'grafana',
  initContainers: [],
  sidecars: [],
  namespace: 'monitoring',
  claims: [],
  hostPID: false,
  volumes: [],
  container: {
    name: 'grafana',
    ports: [{ name: 'http', containerPort: 3000 }],
    readinessProbe: { httpGet: { path: '/api/health', port: 'http' }, periodSeconds: 5 },
    livenessProbe: {
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 15,
      timeoutSeconds: 5,
      failureThreshold: 4,
      initialDelaySeconds: 10,
    },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  },
};

test('a ConfigMap without a Docker file source fails, naming the ConfigMap', () => {
  const workload = {
    ...base,
    volumes: [{ name: 'x', configMap: { name: 'grafana-unknown' } }],
    container: { ...base.container, volumeMounts: [{ name: 'x', mountPath: '/etc/x' }] },
  };
  expect(() => planContainer(workload, grafanaSpec, {}, {})).toThrow(/ConfigMap grafana-unknown/);
});

test('a required Secret that is not configured fails; an optional one is skipped', () => {
  const mount = { ...base.container, volumeMounts: [{ name: 's', mountPath: '/etc/s' }] };
  expect(() =>
    planContainer({ ...base, container: mount, volumes: [{ name: 's', secret: { secretName: 'grafana-admin' } }] }, grafanaSpec, {}, {}),
  ).toThrow(/Secret grafana-admin/);
  expect(
    planContainer(
      { ...base, container: mount, volumes: [{ name: 's', secret: { secretName: 'opt', optional: true } }] },
      grafanaSpec,
      {},
      {},
    ).uploads,
  ).toEqual([]);
});

test('a pod of several containers is refused, naming the others (each needs a Docker workload)', () => {
  expect(() => planContainer({ ...base, sidecars: ['exporter'] }, grafanaSpec, {}, {})).toThrow(
    /exactly one container \(also exporter\); give each container a Docker workload/,
  );
});

test('a writable host path is refused', () => {
  const workload = {
    ...base,
    volumes: [{ name: 'h', hostPath: { path: '/' } }],
    container: { ...base.container, volumeMounts: [{ name: 'h', mountPath: '/host' }] },
  };
  expect(() => planContainer(workload, grafanaSpec, {}, {})).toThrow(/read-only/);
});

test('limits, reservation and health check timing come from the pod spec', () => {
  const plan = planContainer(base, grafanaSpec, {}, {});
  expect([plan.memoryMb, plan.memoryReservationMb, plan.cpus]).toEqual([256, 128, '0.5']);
  expect(plan.healthcheck).toEqual({
    tests: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:3000/api/health'],
    interval: '15s',
    timeout: '5s',
    retries: 4,
    startPeriod: '10s',
  });
});

test('a container without limits is refused', () => {
  expect(() => planContainer({ ...base, container: { ...base.container, resources: {} } }, grafanaSpec, {}, {})).toThrow(/limits/);
});
