import * as pulumi from '@pulumi/pulumi';
import { generatedPassword, RANDOM_PASSWORD, Registered, runProgram, settle, stackFileConfig } from './harness';
import { grafanaSpec } from '../../constructs/grafana/spec';

// `pulumi up` on the dev stack with nothing but Pulumi.dev.yaml (target, profile): no secrets.
let registered: Registered[];
let outputs: Record<string, any>;
let secretOutputs: string[];
let program: Record<string, unknown>;
const password = generatedPassword('observability-grafana-admin-password');

beforeAll(async () => {
  const config = stackFileConfig('dev');
  expect(Object.keys(config).sort()).toEqual(['observability-stack:profile', 'observability-stack:target']);
  ({ registered, outputs, secretOutputs, program } = await runProgram('dev', config, []));
});

test('creates the containers and a generated Grafana password', () => {
  const containers = registered
    .filter((r) => r.type === 'docker:index/container:Container')
    .map((c) => c.name)
    .sort();
  expect(containers).toContain(`observability-${grafanaSpec.name}`);
  expect(containers.length).toBeGreaterThanOrEqual(6);
  const random = registered.filter((r) => r.type === RANDOM_PASSWORD);
  expect(random.map((r) => r.name)).toEqual(['observability-grafana-admin-password']);
  expect(random[0].inputs).toMatchObject({ length: 24, special: false });
});

test('the password is a secret stack output', async () => {
  expect(secretOutputs).toEqual(['grafanaAdminPassword']);
  expect(outputs.grafanaAdminPassword).toBe('[secret]');
  expect(await pulumi.isSecret(program.grafanaAdminPassword as pulumi.Output<string>)).toBe(true);
  expect(await settle(program.grafanaAdminPassword as pulumi.Output<string>)).toBe(password);
});

test('the password never appears in plain state or uploads', () => {
  const grafana = registered.find((r) => r.name === `observability-${grafanaSpec.name}`)!;
  const secretUpload = (grafana.inputs.uploads as Array<{ file: string; content: string; permissions: string }>).find(
    (u) => u.content === password,
  )!;
  expect(secretUpload.permissions).toBe('0400');
  expect(grafana.secretInputs).toContain('uploads');
  expect(grafana.additionalSecretOutputs).toContain('uploads');
  for (const r of registered) {
    for (const [key, value] of Object.entries(r.inputs)) {
      if (JSON.stringify(value).includes(password))
        expect(`${r.name}.${key} secret=${r.secretInputs.includes(key)}`).toBe(`${r.name}.${key} secret=true`);
    }
  }
  expect(JSON.stringify(outputs)).not.toContain(password);
});

test('no receiver secret is uploaded; Alertmanager still runs', () => {
  const alertmanager = registered.find((r) => r.name === 'observability-alertmanager')!;
  expect((alertmanager.inputs.uploads as Array<{ permissions: string }>).filter((u) => u.permissions === '0400')).toEqual([]);
  expect(outputs.urls.alertmanager).toBe('http://127.0.0.1:9093');
});
