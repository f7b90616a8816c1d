import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { receiverSecretKeys } from '../../constructs/stack/alerting';
import { ALERTMANAGER_SECRET_NAME } from '../../config/alerting/settings';
import { fixtureSettings } from '../support/fixtures';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { objectKey } from '../../stacks/workloads';
import { nameOf, Registered } from './harness';
import { expectResourceListSnapshot, expectSentinelsOnlyInSecretInputs, runStackWithSentinels, StackRun } from './stack-checks';
import { DEFAULT_SECRETS, leakedIn } from './sentinels';

/** What `npm run synth` writes for these settings: synthesized into a temp dir and read back. */
function writtenManifests(settings: StackSettings): any[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulumi-synth-'));
  try {
    synthesize(settings, dir).app.synth();
    const text = fs.readFileSync(path.join(dir, `observability-${settings.profile}.k8s.yaml`), 'utf8');
    return parseAllDocuments(text).map((d) => d.toJS());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const drop = (value: unknown) => JSON.parse(JSON.stringify(value));

/**
 * The shared checks of a cluster stack (staging, prod): run the program with the stack's own
 * Pulumi.<stack>.yaml and planted secrets, then check the graph, secrets and deployed objects.
 * `expected` are the settings whose synth output the stack must deploy.
 */
export function describeClusterStack(stackName: string, expected: StackSettings, context: string): void {
  let registered: Registered[];
  let outputs: Record<string, any>;
  let run: StackRun;
  beforeAll(async () => {
    run = await runStackWithSentinels(stackName);
    ({ registered, outputs } = run);
  });

  const ofType = (type: string) => registered.filter((r) => r.type === type);
  const byUrn = (urn: string) => registered.find((r) => r.urn === urn)!;
  const configGroup = () => ofType('kubernetes:yaml/v2:ConfigGroup')[0];

  describe(`${stackName} stack (Kubernetes) resource graph`, () => {
    test('resource list', () => expectResourceListSnapshot(registered));

    test('one component owns a provider with server-side apply for the stack context', () => {
      const [root, ...others] = ofType('observability:stack:Cluster');
      expect(others).toEqual([]);
      for (const r of registered.filter((x) => x !== root)) expect(`${r.name} <- ${nameOf(r.parent)}`).toBe(`${r.name} <- observability`);
      const [provider] = ofType('pulumi:providers:kubernetes');
      expect(provider.inputs.context).toBe(context);
      expect(String(provider.inputs.enableServerSideApply)).toBe('true');
      for (const r of registered.filter((x) => x.type.startsWith('kubernetes:'))) expect(r.provider.startsWith(provider.urn)).toBe(true);
    });

    test('namespaces first, then Secrets, then every other object depending on both', () => {
      const namespaces = ofType('kubernetes:core/v1:Namespace');
      const secrets = ofType('kubernetes:core/v1:Secret');
      expect(namespaces.map((n) => n.inputs.metadata.name).sort()).toEqual(['monitoring', 'monitoring-agents']);
      for (const s of secrets) expect(s.dependencies.map(byUrn)).toEqual(expect.arrayContaining(namespaces));
      expect(configGroup().dependencies.map(byUrn)).toEqual(expect.arrayContaining([...namespaces, ...secrets]));
      expect(configGroup().dependencies).toHaveLength(namespaces.length + secrets.length);
    });
  });

  describe(`${stackName}: deployed objects`, () => {
    test('exactly the objects `npm run synth` writes (namespaces as their own resources)', () => {
      const written = writtenManifests(expected);
      const deployed = [...ofType('kubernetes:core/v1:Namespace').map((n) => n.inputs), ...configGroup().inputs.objs];
      expect(deployed.map(objectKey).sort()).toEqual(written.map(objectKey).sort());
      const byKey = new Map(written.map((m) => [objectKey(m), m]));
      for (const object of deployed) expect(drop(object)).toEqual(drop(byKey.get(objectKey(object))));
      expect(new Set(deployed.map(objectKey)).size).toBe(deployed.length);
    });

    test('the synthesized objects hold no Secret and no secret value', () => {
      const objs = configGroup().inputs.objs as Array<{ kind: string }>;
      expect(objs.filter((o) => o.kind === 'Secret')).toEqual([]);
      expect(leakedIn(JSON.stringify(objs))).toEqual([]);
      expect(configGroup().secretInputs).toEqual([]);
    });
  });

  describe(`${stackName}: secrets`, () => {
    test('Secrets from Pulumi secret config, with the keys the rendered configs read', () => {
      const secrets: Record<string, Registered> = Object.fromEntries(
        ofType('kubernetes:core/v1:Secret').map((s) => [s.inputs.metadata.name, s]),
      );
      expect(Object.keys(secrets).sort()).toEqual([ALERTMANAGER_SECRET_NAME, 'grafana-admin']);
      for (const s of Object.values(secrets)) {
        expect(s.secretInputs).toContain('stringData');
        expect(s.additionalSecretOutputs).toEqual(expect.arrayContaining(['data', 'stringData']));
        expect(s.inputs.metadata.namespace).toBe('monitoring');
      }
      expect(secrets['grafana-admin'].inputs.stringData).toEqual({
        'admin-user': DEFAULT_SECRETS.grafanaAdminUser,
        'admin-password': DEFAULT_SECRETS.grafanaAdminPassword,
      });
      const settings = synthesize(expected).stack.settings;
      expect(Object.keys(secrets[ALERTMANAGER_SECRET_NAME].inputs.stringData).sort()).toEqual(receiverSecretKeys(settings).sort());
    });

    test('planted secrets appear only in secret inputs, never in outputs, logs, snapshots or dist/', () =>
      expectSentinelsOnlyInSecretInputs(run));
  });

  test(`${stackName}: outputs name the services and the port-forward commands`, () => {
    expect(outputs.target).toBe('kubernetes');
    expect(outputs.urls).toBeUndefined();
    expect(outputs.services).toEqual({
      prometheus: 'prometheus.monitoring.svc:9090',
      alertmanager: 'alertmanager.monitoring.svc:9093',
      grafana: 'grafana.monitoring.svc:3000',
    });
    expect(outputs.portForward.grafana).toEqual({
      command: `kubectl --context ${context} --namespace monitoring port-forward svc/grafana 3000:3000`,
      url: 'http://127.0.0.1:3000',
    });
    expect(Object.keys(outputs.portForward).sort()).toEqual(['alertmanager', 'grafana', 'prometheus']);
  });
}

export { fixtureSettings };
