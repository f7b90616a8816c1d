import { SettingsError } from '../../config/errors';
import { defaultSettings } from '../../synth-settings';
import { DockerStack } from '../../stacks/docker';
import { installMocks, Registered } from './harness';

// DockerStack instantiated directly validates its arguments like the stack program does.
let registered: Registered[];
beforeAll(async () => {
  registered = await installMocks('direct');
});
const settings = { ...defaultSettings('dev'), alerting: {} };

test.each([
  ['bad host port', { hostPorts: { grafana: 70000 } }, 'args.hostPorts.grafana', '1 to 65535'],
  ['host port collision', { hostPorts: { grafana: 9090 } }, 'args.hostPorts.grafana', 'not already published by prometheus'],
  ['bad bind address', { bindAddress: 'localhost' }, 'args.bindAddress', 'IPv4 address'],
  ['unknown service target', { serviceTargets: { shop: ['shop:80'] } }, 'args.serviceTargets.shop', 'demo-api'],
])('%s is refused before any resource is registered', (_name, extra, field, allowed) => {
  let error: unknown;
  try {
    new DockerStack('direct', { settings, ...(extra as object) });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SettingsError);
  expect((error as SettingsError).field).toBe(field);
  expect((error as SettingsError).allowed).toContain(allowed);
  expect((error as SettingsError).message).toContain('DockerStack "direct"');
  expect(registered).toEqual([]);
});

test('an enabled receiver without its secret is refused', () => {
  expect(() => new DockerStack('direct', { settings: defaultSettings('dev') })).toThrow(/args\.secrets\.slackWebhookUrl/);
});
