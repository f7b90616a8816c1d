import { projectConfig, Registered, runProgram, stackFileConfig } from './harness';
import { DEFAULT_SECRETS } from './sentinels';

// stacks/stack-config.ts (and examples/) build on synth-settings.ts, the user's file; the tests
// use their own fixtures instead, so editing synth-settings.ts cannot change these results.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

// Opt-in: publish on every interface, on other host ports.
let registered: Registered[];
let outputs: Record<string, any>;

beforeAll(async () => {
  const config = {
    ...stackFileConfig('dev'),
    ...projectConfig({ bindAddress: '0.0.0.0', hostPorts: { grafana: 13000, prometheus: 19090 } }),
    ...projectConfig(DEFAULT_SECRETS),
  };
  ({ registered, outputs } = await runProgram('laptop', config, Object.keys(DEFAULT_SECRETS)));
});

const ports = (name: string) => registered.find((r) => r.name === `observability-${name}`)!.inputs.ports;

test('published ports use the configured address and host ports; container ports stay the catalog ones', () => {
  expect(ports('grafana')).toEqual([{ internal: 3000, external: 13000, ip: '0.0.0.0' }]);
  expect(ports('prometheus')).toEqual([{ internal: 9090, external: 19090, ip: '0.0.0.0' }]);
  expect(ports('alertmanager')).toEqual([{ internal: 9093, external: 9093, ip: '0.0.0.0' }]);
  expect(ports('node-exporter') ?? []).toEqual([]);
});

test('URLs follow the host ports', () => {
  expect(outputs.urls).toEqual({
    prometheus: 'http://127.0.0.1:19090',
    alertmanager: 'http://127.0.0.1:9093',
    grafana: 'http://127.0.0.1:13000',
  });
});

test('Docker names carry the environment label of the settings', () => {
  expect(registered.find((r) => r.type === 'docker:index/network:Network')!.inputs.name).toBe('observability-dev');
});
