/**
 * Remote write, typed: the rendered `remote_write` entries, the read-only Secret files they read,
 * the egress they open, the remote-write alerts beside them, and the real promtool accepting the
 * prometheus.yml as deployed (rung: real binary for the Prometheus side).
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { Manifest } from '../../constructs/stack/footprint';
import { fixtureSettings } from '../support/fixtures';
import { configMapData } from '../support/manifests';
import { findTool, itWithTool, toolVersion } from '../support/tools';

const MIMIR = {
  name: 'mimir',
  url: 'https://mimir.example.org/api/v1/push',
  auth: { kind: 'basic', username: 'tenant-1', passwordSecret: { name: 'mimir-remote-write', key: 'password' } },
  headers: { 'X-Scope-OrgID': 'tenant-1' },
  queue: { capacity: 20000, maxShards: 30, minShards: 2, maxSamplesPerSend: 4000, batchSendDeadline: '10s' },
  writeRelabelConfigs: [
    { action: 'drop', sourceLabels: ['__name__'], regex: 'apiserver_request_duration_seconds_bucket|etcd_.*' },
    { action: 'labeldrop', regex: 'pod_template_hash' },
  ],
} as const;
const VM = {
  name: 'victoria',
  url: 'http://10.20.30.40:8480/insert/0/prometheus/api/v1/write',
  auth: { kind: 'bearer', tokenSecret: { name: 'vm-token', key: 'token' } },
} as const;

function withRemoteWrite(profile: 'dev' | 'prod', targets: readonly object[]): StackSettings {
  const base = fixtureSettings(profile);
  return { ...base, prometheus: { ...base.prometheus, remoteWrite: targets as never } };
}
const manifests = synthesize(withRemoteWrite('prod', [MIMIR, VM])).manifests;
const config = parse(configMapData(manifests, 'prometheus-config')['prometheus.yml']);
const statefulSet = manifests.find((m) => m.kind === 'StatefulSet' && m.metadata.name === 'prometheus') as Manifest;
const pod = statefulSet.spec.template.spec;
const prometheus = pod.containers.find((c: { name: string }) => c.name === 'prometheus');

describe('prometheus.remoteWrite renders remote_write', () => {
  it('one entry per target: name, URL, credentials as files, headers, queue and write relabelling', () => {
    expect(config.remote_write).toEqual([
      {
        name: 'mimir',
        url: 'https://mimir.example.org/api/v1/push',
        basic_auth: { username: 'tenant-1', password_file: '/etc/prometheus/secrets/remote-write/mimir/password' },
        headers: { 'X-Scope-OrgID': 'tenant-1' },
        queue_config: { capacity: 20000, min_shards: 2, max_shards: 30, max_samples_per_send: 4000, batch_send_deadline: '10s' },
        write_relabel_configs: [
          { source_labels: ['__name__'], regex: 'apiserver_request_duration_seconds_bucket|etcd_.*', action: 'drop' },
          { regex: 'pod_template_hash', action: 'labeldrop' },
        ],
      },
      {
        name: 'victoria',
        url: 'http://10.20.30.40:8480/insert/0/prometheus/api/v1/write',
        authorization: { type: 'Bearer', credentials_file: '/etc/prometheus/secrets/remote-write/victoria/token' },
      },
    ]);
  });

  it('no remote_write section without targets (the fixtures), and none in dev by default', () => {
    for (const profile of ['dev', 'prod'] as const) {
      const plain = parse(configMapData(synthesize(fixtureSettings(profile)).manifests, 'prometheus-config')['prometheus.yml']);
      expect(plain.remote_write).toBeUndefined();
    }
  });

  it('mounts only the referenced key of each Secret, read-only, mode 0440; no credential in any object', () => {
    expect(pod.volumes).toEqual(
      expect.arrayContaining([
        {
          name: 'remote-write-mimir',
          secret: { secretName: 'mimir-remote-write', items: [{ key: 'password', path: 'password' }], defaultMode: 0o440 },
        },
        { name: 'remote-write-victoria', secret: { secretName: 'vm-token', items: [{ key: 'token', path: 'token' }], defaultMode: 0o440 } },
      ]),
    );
    expect(prometheus.volumeMounts).toEqual(
      expect.arrayContaining([
        { name: 'remote-write-mimir', mountPath: '/etc/prometheus/secrets/remote-write/mimir', readOnly: true },
        { name: 'remote-write-victoria', mountPath: '/etc/prometheus/secrets/remote-write/victoria', readOnly: true },
      ]),
    );
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
  });

  it('opens egress to each target host and port only (a /32 for an IPv4 address)', () => {
    const policy = manifests.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'prometheus') as Manifest;
    const egress = policy.spec.egress as Array<{ to?: unknown[]; ports?: Array<{ port: number }> }>;
    expect(egress).toContainEqual({ to: [{ ipBlock: { cidr: '10.20.30.40/32' } }], ports: [{ port: 8480, protocol: 'TCP' }] });
    expect(egress.some((rule) => rule.ports?.some((p) => p.port === 443))).toBe(true);
  });

  it('ships the remote-write alerts with it (PrometheusRemoteStorageFailures, ...Behind, ...DesiredShards)', () => {
    const rules = Object.assign(
      {},
      ...manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('prometheus-rules-')).map((m: any) => m.data),
    ) as Record<string, string>;
    const alerts = Object.values(rules).flatMap((text) => (parse(text).groups as any[]).flatMap((g) => g.rules.map((r: any) => r.alert)));
    expect(alerts).toEqual(
      expect.arrayContaining(['PrometheusRemoteStorageFailures', 'PrometheusRemoteWriteBehind', 'PrometheusRemoteWriteDesiredShards']),
    );
  });
});

const promtool = findTool('promtool');
describe(`the real promtool (${promtool ? toolVersion(promtool) : 'promtool missing'}) and remote_write`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'remote-write-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const check = (name: string, yaml: string) => {
    const file = join(dir, name);
    writeFileSync(file, yaml);
    const result = spawnSync(promtool!, ['check', 'config', '--syntax-only', file], { encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };

  itWithTool('promtool')('accepts the prometheus.yml as deployed, with both targets (basic auth and bearer token)', () => {
    const result = check('deployed.yml', configMapData(manifests, 'prometheus-config')['prometheus.yml']);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  itWithTool('promtool')('rejects what the settings refuse: an Authorization header, a bad regex (the checks mirror the binary)', () => {
    const bad = (change: object) => stringify({ ...config, remote_write: [{ ...config.remote_write[0], ...change }] });
    const header = check('header.yml', bad({ headers: { Authorization: 'Bearer x' } }));
    expect(header.status).not.toBe(0);
    expect(header.output).toMatch(/authorization header/i);
    const regex = check('regex.yml', bad({ write_relabel_configs: [{ source_labels: ['__name__'], regex: '(?!up).*', action: 'drop' }] }));
    expect(regex.status).not.toBe(0);
    expect(regex.output).toMatch(/invalid or unsupported Perl syntax|error parsing regexp/);
  });
});
