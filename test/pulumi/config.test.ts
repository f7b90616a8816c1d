import * as pulumi from '@pulumi/pulumi';
import { SettingsError } from '../../config/errors';
import { readStackConfig, StackConfig } from '../../stacks/stack-config';
import { installMocks, PROJECT, projectConfig } from './harness';
import { DEFAULT_SECRETS, leakedIn, PROD_SECRETS, SENTINELS } from './sentinels';

// stacks/stack-config.ts (and examples/) build on synth-settings.ts, the user's file; the tests
// use their own fixtures instead, so editing synth-settings.ts cannot change these results.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

beforeAll(() => installMocks('unit'));

/** Reads config built from `plain` keys and `secret` keys (marked secret), as the CLI would pass them. */
function read(plain: Record<string, unknown>, secret?: Record<string, string>): StackConfig {
  // The prod profile's default settings read the Watchdog heartbeat URL from a secret too.
  secret ??= plain.profile === 'prod' ? PROD_SECRETS : DEFAULT_SECRETS;
  pulumi.runtime.setAllConfig(
    { ...projectConfig(plain), ...projectConfig(secret) },
    Object.keys(secret).map((k) => `${PROJECT}:${k}`),
  );
  return readStackConfig(new pulumi.Config(PROJECT), 'unit');
}

/** The SettingsError thrown for this config (fails the test if none). */
function errorOf(plain: Record<string, unknown>, secret?: Record<string, string>): SettingsError {
  try {
    read(plain, secret);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    expect(leakedIn((error as Error).message)).toEqual([]);
    return error as SettingsError;
  }
  throw new Error(`no error for ${JSON.stringify(plain)}`);
}

const docker = { target: 'docker', profile: 'dev' };
const cluster = { target: 'kubernetes', profile: 'prod' };

describe('valid config', () => {
  test('docker dev with only target, profile and secrets: defaults filled', () => {
    const config = read(docker);
    expect(config.target).toBe('docker');
    expect(config.settings.profile).toBe('dev');
    expect(config.settings.prometheus.retention).toBe('15d');
    expect(config.docker).toEqual({
      bindAddress: '127.0.0.1',
      hostPorts: { prometheus: 9090, alertmanager: 9093, grafana: 3000 },
      serviceTargets: { 'demo-api': ['demo-api:8080'] },
    });
    expect(config.kubernetes.serverSideApply).toBe(true);
  });

  test('flat keys and the settings object reach the settings', () => {
    const config = read({
      ...cluster,
      retention: '30d',
      cluster: 'eu-1',
      environment: 'staging',
      kubeContext: 'eu',
      serverSideApply: 'false',
      settings: { prometheus: { replicas: 3 } },
    });
    expect(config.settings.prometheus).toMatchObject({ retention: '30d', replicas: 3 });
    expect(config.settings.cluster).toBe('eu-1');
    expect(config.kubernetes).toEqual({ context: 'eu', serverSideApply: false });
  });

  test('the cluster target may leave the Grafana login to an existing Secret', () => {
    const { grafanaAdminUser: _u, grafanaAdminPassword: _p, ...receivers } = PROD_SECRETS;
    expect(read(cluster, receivers).secrets.grafanaAdminPassword).toBeUndefined();
  });

  test('secret config arrives as Pulumi secrets', async () => {
    const config = read(docker);
    for (const value of Object.values(config.secrets)) expect(await pulumi.isSecret(value!)).toBe(true);
  });
});

describe('docker (dev) needs no configuration', () => {
  test('receivers without their secret are left out with a warning; no Grafana password needed', () => {
    const warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(() => Promise.resolve());
    try {
      const config = read(docker, {});
      expect(config.secrets).toEqual({});
      expect(config.settings.alerting.receivers ?? {}).toEqual({});
      expect(warn.mock.calls.map((c) => c[0]).join('\n')).toMatch(/receiver slack is left out[\s\S]*receiver email is left out/);
    } finally {
      warn.mockRestore();
    }
  });

  test('a receiver whose secret is set stays', () => {
    const config = read(docker, { slackWebhookUrl: SENTINELS.slackWebhookUrl });
    expect(Object.keys(config.settings.alerting.receivers ?? {})).toEqual(['slack']);
  });
});

describe('bad config names the key, the value and what is allowed', () => {
  test.each([
    ['unknown target', { ...docker, target: 'swarm' }, `${PROJECT}:target`, '"swarm"', '"docker" or "kubernetes"'],
    ['missing target', { profile: 'dev' }, `${PROJECT}:target`, 'undefined', '"docker" or "kubernetes"'],
    ['bad profile', { ...docker, profile: 'staging' }, `${PROJECT}:profile`, '"staging"', '"dev" or "prod"'],
    ['prod profile on Docker', { ...docker, profile: 'prod' }, `${PROJECT}:profile`, '"prod"', '"dev" on target "docker"'],
    [
      'Thanos on Docker',
      { ...docker, settings: { prometheus: { thanos: true } } },
      `${PROJECT}:settings.prometheus.thanos`,
      'true',
      'false or unset on target "docker"',
    ],
    ['bad retention (flat key)', { ...docker, retention: '15x' }, `${PROJECT}:retention`, '"15x"', 'duration'],
    [
      'bad retention (settings object)',
      { ...docker, settings: { prometheus: { retention: 'forever' } } },
      `${PROJECT}:settings.prometheus.retention`,
      '"forever"',
      'duration',
    ],
    [
      'retention set twice',
      { ...docker, retention: '10d', settings: { prometheus: { retention: '20d' } } },
      `${PROJECT}:retention`,
      '"10d"',
      'not both',
    ],
    [
      'negative replicas',
      { ...cluster, settings: { alertmanager: { replicas: -1 } } },
      `${PROJECT}:settings.alertmanager.replicas`,
      '-1',
      'a whole number >= 1',
    ],
    ['bad cluster label', { ...docker, cluster: 'my cluster!' }, `${PROJECT}:cluster`, '"my cluster!"', 'label'],
    ['settings not an object', { ...docker, settings: '[1]' }, `${PROJECT}:settings`, '[1]', 'an object'],
    [
      'port collision',
      { ...docker, hostPorts: { grafana: 9090 } },
      `${PROJECT}:hostPorts.grafana`,
      '9090',
      'not already published by prometheus',
    ],
    ['port out of range', { ...docker, hostPorts: { prometheus: 70000 } }, `${PROJECT}:hostPorts.prometheus`, '70000', '1 to 65535'],
    [
      'port of an unpublished component',
      { ...docker, hostPorts: { 'kube-state-metrics': 8080 } },
      `${PROJECT}:hostPorts.kube-state-metrics`,
      '8080',
      'prometheus, alertmanager, grafana',
    ],
    ['bad bind address', { ...docker, bindAddress: 'localhost' }, `${PROJECT}:bindAddress`, '"localhost"', 'IPv4 address'],
    [
      'service target of an unknown service',
      { ...docker, serviceTargets: { shop: ['shop:80'] } },
      `${PROJECT}:serviceTargets.shop`,
      '["shop:80"]',
      'demo-api',
    ],
    [
      'service target not host:port',
      { ...docker, serviceTargets: { 'demo-api': ['http://x'] } },
      `${PROJECT}:serviceTargets.demo-api`,
      '["http://x"]',
      'host:port',
    ],
    ['bad serverSideApply', { ...cluster, serverSideApply: 'yes' }, `${PROJECT}:serverSideApply`, '"yes"', 'true or false'],
    ['typo in a key', { ...docker, retension: '15d' }, `${PROJECT}:retension`, '"(set)"', 'documented keys'],
    [
      'typo in the settings object',
      { ...docker, settings: { prometheus: { retension: '30d' } } },
      `${PROJECT}:settings.prometheus.retension`,
      '"30d"',
      'a known setting; did you mean retention?',
    ],
    [
      'typo deep in the settings object',
      { ...docker, settings: { alerting: { receivers: { slack: { chanel: '#ops' } } } } },
      `${PROJECT}:settings.alerting.receivers.slack.chanel`,
      '"#ops"',
      'did you mean channel?',
    ],
    [
      'unknown key in the settings object',
      { ...cluster, settings: { grafana: { ingress: { host: 'g.example.org', tlsSecretName: 't', port: 443 } } } },
      `${PROJECT}:settings.grafana.ingress.port`,
      '443',
      'host, tlsSecretName, className, annotations',
    ],
  ])('%s', (_name, plain, key, value, allowed) => {
    const error = errorOf(plain);
    expect(error.field).toBe(key);
    expect(error.message).toContain(`invalid ${key} = ${value}`);
    expect(error.allowed).toContain(allowed);
    expect(error.message).toContain('Pulumi config of stack "unit"');
  });

  test('a cluster receiver enabled without its secret names the secret key and the receiver', () => {
    const { slackWebhookUrl: _s, ...rest } = DEFAULT_SECRETS;
    const error = errorOf(cluster, rest);
    expect(error.field).toBe(`${PROJECT}:slackWebhookUrl`);
    expect(error.allowed).toContain('settings.alerting.receivers.slack is enabled');
    expect(error.allowed).toContain('pulumi config set --secret slackWebhookUrl');
  });

  test('PagerDuty enabled in settings needs pagerdutyRoutingKey on a cluster', () => {
    const prodAlerting = {
      runbookBaseUrl: 'https://runbooks.example.org',
      watchdog: { heartbeat: { url: 'https://hb.example.org/ping' } },
    };
    const settings = { alerting: { ...prodAlerting, receivers: { pagerduty: {} } } };
    expect(errorOf({ ...cluster, settings }, {}).field).toBe(`${PROJECT}:pagerdutyRoutingKey`);
    expect(
      read({ ...cluster, settings }, { pagerdutyRoutingKey: SENTINELS.pagerdutyRoutingKey }).secrets.pagerdutyRoutingKey,
    ).toBeDefined();
  });

  test('a heartbeat read from a Secret file needs watchdogHeartbeatUrl on a cluster, and the value never shows', () => {
    const { watchdogHeartbeatUrl: _h, ...rest } = PROD_SECRETS;
    const error = errorOf(cluster, rest);
    expect(error.field).toBe(`${PROJECT}:watchdogHeartbeatUrl`);
    expect(error.allowed).toContain('settings.alerting.watchdog.heartbeat reads its URL from a Secret file');
    expect(read(cluster).secrets.watchdogHeartbeatUrl).toBeDefined();
  });

  test('the prod profile without a heartbeat is refused with the settings key', () => {
    const settings = { alerting: { receivers: { pagerduty: {} }, runbookBaseUrl: 'https://runbooks.example.org' } };
    const error = errorOf({ ...cluster, settings }, { pagerdutyRoutingKey: SENTINELS.pagerdutyRoutingKey });
    expect(error.field).toBe(`${PROJECT}:settings.alerting.watchdog.heartbeat`);
  });

  test('the docker target leaves an unconfigured secret heartbeat out, like a receiver', () => {
    const settings = { alerting: { watchdog: { heartbeat: {} } } };
    const config = read({ ...docker, settings }, { grafanaAdminPassword: SENTINELS.grafanaAdminPassword });
    expect(config.settings.alerting.watchdog).toEqual({});
  });

  test('a receiver secret without its receiver is refused without showing the value', () => {
    const error = errorOf(docker, { ...DEFAULT_SECRETS, pagerdutyRoutingKey: SENTINELS.pagerdutyRoutingKey });
    expect(error.field).toBe(`${PROJECT}:pagerdutyRoutingKey`);
    expect(error.message).toContain('[secret]');
  });

  test('a Grafana user without a password is refused', () => {
    expect(errorOf(docker, { grafanaAdminUser: SENTINELS.grafanaAdminUser }).field).toBe(`${PROJECT}:grafanaAdminPassword`);
  });
});

describe('databaseSecrets', () => {
  const databases = {
    postgres: [{ name: 'orders', address: 'db:5432', user: 'exporter', passwordSecret: { name: 'orders-db', key: 'pw' } }],
  };

  test('docker with a declared database and no databaseSecrets is refused, naming the Secret key', () => {
    const error = errorOf({ ...docker, settings: { databases } });
    expect(error.field).toBe(`${PROJECT}:databaseSecrets`);
    expect(error.allowed).toContain('orders-db/pw');
  });

  test('a cluster needs none (the referenced Secrets exist there); a bad database setting names its config key', () => {
    expect(read({ ...cluster, settings: { databases } }).settings.databases.postgres).toHaveLength(1);
    const bad = { postgres: [{ ...databases.postgres[0], password: 'SENTINEL-literal-pw' }] };
    const error = errorOf({ ...cluster, settings: { databases: bad } });
    expect(error.field).toBe(`${PROJECT}:settings.databases.postgres[0].password`);
    expect(error.message).not.toContain('SENTINEL-literal-pw');
  });

  test('databaseSecrets without a database that reads a Secret is refused', () => {
    expect(errorOf(cluster, { ...PROD_SECRETS, databaseSecrets: '{}' }).field).toBe(`${PROJECT}:databaseSecrets`);
  });
});
