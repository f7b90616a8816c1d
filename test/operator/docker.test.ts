import { SettingsError } from '../../config/errors';
import { defaultSettings } from '../../synth-settings';
import { DockerStack } from '../../stacks/docker';
import { installMocks, Registered } from '../pulumi/harness';

// Operator mode has no Docker shape: the stack would run without a Prometheus.
let registered: Registered[];
beforeAll(async () => {
  registered = await installMocks('direct');
});

test('the Docker target refuses operator mode before registering anything', () => {
  let error: unknown;
  try {
    new DockerStack('direct', { settings: { ...defaultSettings('dev'), alerting: {}, operator: {} } });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SettingsError);
  expect((error as SettingsError).field).toBe('args.settings.operator');
  expect((error as SettingsError).message).toBe(
    'DockerStack "direct": invalid args.settings.operator = {"release":"kube-prometheus-stack"}; ' +
      'allowed: unset on Docker (operator mode needs a cluster that runs the prometheus-operator)',
  );
  expect(registered).toEqual([]);
});
