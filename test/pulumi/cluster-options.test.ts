import { projectConfig, Registered, runProgram, stackFileConfig } from './harness';
import { PROD_SECRETS } from './sentinels';

// stacks/stack-config.ts (and examples/) build on synth-settings.ts, the user's file; the tests
// use their own fixtures instead, so editing synth-settings.ts cannot change these results.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

// A cluster stack that keeps an existing Grafana Secret, uses the current kubeconfig context and
// client-side apply.
let registered: Registered[];
let outputs: Record<string, any>;

beforeAll(async () => {
  const { grafanaAdminUser: _u, grafanaAdminPassword: _p, ...receivers } = PROD_SECRETS;
  const { 'observability-stack:kubeContext': _c, ...file } = stackFileConfig('prod');
  ({ registered, outputs } = await runProgram(
    'prod-csa',
    { ...file, ...projectConfig({ serverSideApply: 'false' }), ...projectConfig(receivers) },
    Object.keys(receivers),
  ));
});

test('no Grafana Secret is created when its password is not configured (the cluster holds it)', () => {
  const secrets = registered.filter((r) => r.type === 'kubernetes:core/v1:Secret').map((s) => s.inputs.metadata.name);
  expect(secrets).toEqual(['alertmanager-receivers']);
  const objs = registered.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup')!.inputs.objs as Array<{ kind: string; spec?: any }>;
  // prod without grafana.database: one Grafana on a claim (a StatefulSet).
  const grafana = objs.find((o) => o.kind === 'StatefulSet' && (o as any).metadata.name === 'grafana')!;
  expect(grafana.spec.template.spec.volumes).toEqual(
    expect.arrayContaining([expect.objectContaining({ secret: expect.objectContaining({ secretName: 'grafana-admin' }) })]),
  );
});

test('server-side apply can be switched off; no context means the current one', () => {
  const provider = registered.find((r) => r.type === 'pulumi:providers:kubernetes')!;
  expect(String(provider.inputs.enableServerSideApply)).toBe('false');
  expect(provider.inputs.context).toBeUndefined();
  expect(outputs.portForward.prometheus.command).toBe('kubectl --namespace monitoring port-forward svc/prometheus 9090:9090');
});
