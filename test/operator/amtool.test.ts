/**
 * The AlertmanagerConfig routes alerts as the stack's own alertmanager.yml does, checked with the
 * real amtool 0.28. The test renders the configuration the operator would generate from it, modelled
 * on prometheus-operator's pkg/alertmanager/amcfg.go (AddAlertmanagerConfigs, convertRoute,
 * namespaceEnforcer). The object's top route becomes the first child of the Alertmanager's base
 * route, with `continue: true`. Receiver names get the `<namespace>/<name>/` prefix. The
 * OnNamespace strategy (the default) adds `namespace="<namespace>"` to that route and to each
 * inhibition. The base configuration is kube-prometheus-stack's default
 * (`alertmanager.config`: root receiver "null", the Watchdog routed to "null"). Secret references
 * become placeholder values, as the operator reads them from the Secret.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { AlertmanagerConfigSpec, Matcher, Receiver, Route } from '../../constructs/operator/routing';
import { alertmanagerConfigSpec } from '../../constructs/operator/routing';
import { renderAlertmanagerFiles } from '../../constructs/stack/alerting';
import { writeAlertmanagerFiles } from '../e2e/alertmanager-files';
import { fullSettings } from '../alerting/fixtures';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';

const amtool = realTool(TOOLS.amtool);
const version = amtool ? toolVersion(amtool) : 'amtool missing';
const dir = mkdtempSync(join(tmpdir(), 'operator-amtool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAMESPACE = 'monitoring';
const NAME = 'observability-stack';
const prefixed = (receiver: string) => `${NAMESPACE}/${NAME}/${receiver}`;
const matcherText = (m: Matcher) => `${m.name}${m.matchType}${JSON.stringify(m.value)}`;

/** Placeholder values of the Secret keys, as the operator would read them. */
const SECRET_VALUES: Record<string, string> = {
  'slack-api-url': 'https://hooks.slack.com/services/T000/B000/placeholder',
  'smtp-password': 'placeholder',
  'pagerduty-routing-key': 'placeholder',
  'watchdog-heartbeat-url': 'https://heartbeat.example.org/ping',
};
const secret = (ref: unknown) => SECRET_VALUES[(ref as { key: string }).key] ?? fail(`no placeholder for ${JSON.stringify(ref)}`);
function fail(message: string): never {
  throw new Error(message);
}

/** CRD field -> alertmanager.yml field, per integration; values that are Secret references are resolved. */
const FIELDS: Record<string, Record<string, string>> = {
  slackConfigs: { apiURL: 'api_url', channel: 'channel', sendResolved: 'send_resolved', title: 'title', text: 'text' },
  emailConfigs: {
    to: 'to',
    from: 'from',
    smarthost: 'smarthost',
    authUsername: 'auth_username',
    authPassword: 'auth_password',
    requireTLS: 'require_tls',
    headers: 'headers',
    html: 'html',
    sendResolved: 'send_resolved',
  },
  pagerdutyConfigs: {
    routingKey: 'routing_key',
    description: 'description',
    severity: 'severity',
    details: 'details',
    sendResolved: 'send_resolved',
  },
  webhookConfigs: { url: 'url', urlSecret: 'url', sendResolved: 'send_resolved' },
};
const SECRET_FIELDS = new Set(['apiURL', 'authPassword', 'routingKey', 'urlSecret']);

function receiverYml(receiver: Receiver): Record<string, unknown> {
  const out: Record<string, unknown> = { name: prefixed(receiver.name) };
  for (const [integration, configs] of Object.entries(receiver)) {
    if (integration === 'name') continue;
    const fields = FIELDS[integration] ?? fail(`integration ${integration}`);
    out[integration.replace(/Configs$/, '_configs').toLowerCase()] = (configs as Array<Record<string, unknown>>).map((config) =>
      Object.fromEntries(
        Object.entries(config).map(([key, value]) => {
          const field = fields[key] ?? fail(`${integration}.${key}`);
          if (SECRET_FIELDS.has(key)) return [field, secret(value)];
          if (key === 'headers' || key === 'details')
            return [field, Object.fromEntries((value as Array<{ key: string; value: string }>).map((kv) => [kv.key, kv.value]))];
          return [field, value];
        }),
      ),
    );
  }
  return out;
}

function routeYml(route: Route, top: boolean, onNamespace: boolean): Record<string, unknown> {
  const matchers = [...(route.matchers ?? []).map(matcherText), ...(top && onNamespace ? [`namespace="${NAMESPACE}"`] : [])];
  return {
    receiver: prefixed(route.receiver!),
    ...(route.groupBy ? { group_by: route.groupBy } : {}),
    ...(route.groupWait ? { group_wait: route.groupWait } : {}),
    ...(route.groupInterval ? { group_interval: route.groupInterval } : {}),
    ...(route.repeatInterval ? { repeat_interval: route.repeatInterval } : {}),
    ...(matchers.length ? { matchers } : {}),
    ...(top || route.continue ? { continue: true } : {}),
    ...(route.routes ? { routes: route.routes.map((r) => routeYml(r, false, onNamespace)) } : {}),
  };
}

/** The alertmanager.yml the operator generates from kube-prometheus-stack's base config plus this AlertmanagerConfig. */
function operatorAlertmanagerYml(spec: AlertmanagerConfigSpec, onNamespace: boolean): string {
  const ns = onNamespace ? [`namespace="${NAMESPACE}"`] : [];
  return stringify(
    {
      route: {
        receiver: 'null',
        group_by: ['namespace'],
        routes: [routeYml(spec.route, true, onNamespace), { receiver: 'null', matchers: ['alertname="Watchdog"'] }],
      },
      receivers: [{ name: 'null' }, ...spec.receivers.map(receiverYml)],
      inhibit_rules: spec.inhibitRules.map((rule) => ({
        source_matchers: [...rule.sourceMatch.map(matcherText), ...ns],
        target_matchers: [...rule.targetMatch.map(matcherText), ...ns],
        ...(rule.equal ? { equal: rule.equal } : {}),
      })),
    },
    { lineWidth: 0 },
  );
}

function amtoolRun(args: string[]): { status: number | null; output: string; stdout: string } {
  const result = spawnSync(amtool as string, args, { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, stdout: result.stdout.trim() };
}

const settings = fullSettings();
const spec = alertmanagerConfigSpec(renderAlertmanagerFiles(settings)['alertmanager.yml']);
const paths: Record<string, string> = {};
beforeAll(() => {
  paths.standalone = writeAlertmanagerFiles(settings, join(dir, 'standalone'));
  for (const [name, onNamespace] of [
    ['none', false],
    ['onNamespace', true],
  ] as const) {
    mkdirSync(join(dir, name));
    paths[name] = join(dir, name, 'alertmanager.yml');
    writeFileSync(paths[name], operatorAlertmanagerYml(spec, onNamespace));
  }
});

describe(`the operator's configuration from the AlertmanagerConfig, checked by ${version}`, () => {
  for (const strategy of ['none', 'onNamespace']) {
    itWithTool(TOOLS.amtool)(`amtool check-config accepts it (matcher strategy ${strategy})`, () => {
      const result = amtoolRun(['check-config', paths[strategy]]);
      expect(result.output).toContain('SUCCESS');
      expect(result.output).toMatch(/6 inhibit rules/);
      expect(result.output).toMatch(/6 receivers/); // kube-prometheus-stack's "null" + our 5
      expect(result.status).toBe(0);
    });
  }

  const alerts: Array<[string, string[]]> = [
    ['critical', ['alertname=ServiceDown', 'severity=critical', 'service=demo-api']],
    ['warning', ['alertname=ServiceHighLatency', 'severity=warning', 'service=demo-api']],
    ['info', ['alertname=Something', 'severity=info']],
    ['no severity', ['alertname=UserAlert']],
    ['the Watchdog', ['alertname=Watchdog', 'severity=none']],
  ];
  for (const [what, labels] of alerts) {
    itWithTool(TOOLS.amtool)(`routes ${what} to the same receiver as the stack's own Alertmanager`, () => {
      const own = amtoolRun(['config', 'routes', 'test', `--config.file=${paths.standalone}`, ...labels]);
      expect(own.status).toBe(0);
      for (const strategy of ['none', 'onNamespace']) {
        const result = amtoolRun(['config', 'routes', 'test', `--config.file=${paths[strategy]}`, ...labels, `namespace=${NAMESPACE}`]);
        expect(result.status).toBe(0);
        // Ours first; the base configuration's own Watchdog route also matches (routes continue).
        expect(result.stdout.split(',')[0]).toBe(prefixed(own.stdout));
        expect(result.stdout).toBe(what === 'the Watchdog' ? `${prefixed('watchdog')},null` : prefixed(own.stdout));
      }
    });
  }

  itWithTool(TOOLS.amtool)(
    'OnNamespace (the default): an alert from another namespace bypasses the stack routing (docs/operator.md)',
    () => {
      const labels = ['alertname=ServiceDown', 'severity=critical', 'namespace=shop'];
      expect(amtoolRun(['config', 'routes', 'test', `--config.file=${paths.onNamespace}`, ...labels]).stdout).toBe('null');
      expect(amtoolRun(['config', 'routes', 'test', `--config.file=${paths.none}`, ...labels]).stdout).toBe(prefixed('critical'));
    },
  );
});
