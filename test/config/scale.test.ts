import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { MAX_CONFIGMAP_BYTES } from '../../constructs/k8s/objects';
import { SCRAPE_SHARD_PREFIX } from '../../constructs/prometheus/rule-shards';
import { Manifest } from '../../constructs/stack/footprint';
import { synthesize } from '../../constructs/stack/synthesize';
import { deployedPrometheusFiles, manifestsEffectiveConfig } from '../support/prometheus-files';
import { scaleSettings, SCALE_NAMESPACES } from '../support/scale';
import { findTool, itWithTool, toolVersion } from '../support/tools';

const COUNT = 1000;
const bytes = (m: Manifest) => Buffer.byteLength(JSON.stringify(m), 'utf8');
const data = (m: Manifest) => (m as { data?: Record<string, string> }).data ?? {};

describe(`${COUNT} monitored services (half with SLOs), prod profile`, () => {
  let manifests: Manifest[];
  beforeAll(() => {
    manifests = synthesize(scaleSettings('prod', COUNT)).manifests;
  });

  it('synthesizes, every object within the 256 KiB kubectl keeps in its last-applied annotation', () => {
    const largest = [...manifests].sort((a, b) => bytes(b) - bytes(a))[0];
    expect({ object: `${largest.kind}/${largest.metadata.name}`, fits: bytes(largest) <= MAX_CONFIGMAP_BYTES }).toEqual({
      object: `${largest.kind}/${largest.metadata.name}`,
      fits: true,
    });
    for (const m of manifests) {
      const annotations = Object.entries((m.metadata as { annotations?: Record<string, string> }).annotations ?? {});
      expect(annotations.reduce((n, [k, v]) => n + k.length + v.length, 0)).toBeLessThan(MAX_CONFIGMAP_BYTES);
    }
  });

  it('keeps prometheus.yml small: the services are in the scrape shards, one file and one job each', () => {
    const config = data(manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'prometheus-config')!)['prometheus.yml'];
    expect(Buffer.byteLength(config)).toBeLessThan(16 * 1024);
    const shards = manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith(`${SCRAPE_SHARD_PREFIX}-`));
    expect(shards.length).toBeGreaterThanOrEqual(3);
    const files = shards.flatMap((m) => Object.keys(data(m)));
    expect(files).toHaveLength(COUNT);
    expect(new Set(files).size).toBe(COUNT);
    const jobs = manifestsEffectiveConfig(manifests).scrape_configs.map((j) => j.job_name);
    const serviceJobs = jobs.filter((name) => name.startsWith('svc-'));
    expect(serviceJobs).toHaveLength(COUNT);
    expect(new Set(jobs).size).toBe(jobs.length);
    // The Prometheus pod mounts every shard into the one scrape directory.
    const prometheus = manifests.find((m) => m.kind === 'StatefulSet' && m.metadata.name === 'prometheus') as any;
    const scrape = prometheus.spec.template.spec.volumes.find((v: any) => v.name === 'scrape');
    expect(scrape.projected.sources.map((s: any) => s.configMap.name)).toEqual(shards.map((m) => m.metadata.name));
  });

  it('keeps the rule files (a service file each, an SLO file each) in shards under the limit', () => {
    const shards = manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('prometheus-rules-'));
    const files = shards.flatMap((m) => Object.keys(data(m)));
    expect(files.filter((f) => f.startsWith('service-svc-'))).toHaveLength(COUNT);
    // Only half the services declare SLOs: an SLO file each, with its groups.
    const slo = shards.flatMap((m) => Object.entries(data(m)).filter(([f]) => f.startsWith('slo-svc-')));
    expect(slo).toHaveLength(COUNT / 2);
    for (const [, text] of slo) expect(parse(text).groups.length).toBeGreaterThan(0);
    for (const m of shards) expect(bytes(m)).toBeLessThanOrEqual(MAX_CONFIGMAP_BYTES);
  });

  it('holds one discovery Role per service namespace, not per service', () => {
    const roles = manifests.filter((m) => m.kind === 'Role' && m.metadata.name.startsWith('prometheus-discovery-'));
    expect(roles.length).toBeLessThanOrEqual(SCALE_NAMESPACES + 3);
  });

  const promtool = findTool('promtool');
  describe(`the real promtool (${promtool ? toolVersion(promtool) : 'promtool missing'})`, () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'scale-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    itWithTool('promtool')('accepts the sharded configuration in full, reading every scrape file and every rule file', () => {
      const configFile = deployedPrometheusFiles(manifests, join(dir, 'ok'));
      expect(readdirSync(join(dir, 'ok', 'scrape'))).toHaveLength(COUNT);
      // A full check: promtool loads every scrape file and every rule file through the globs.
      const out = execFileSync(promtool!, ['check', 'config', configFile], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      expect(out).toContain('SUCCESS');
      const ruleFiles = readdirSync(join(dir, 'ok', 'rules')).length;
      expect(ruleFiles).toBeGreaterThan(COUNT * 1.5);
      expect(out).toContain(`SUCCESS: ${ruleFiles} rule files found`);
      expect(out).not.toContain('FAILED');
    });

    itWithTool('promtool')('reads the scrape files: a bad or repeated job in one of them fails the check', () => {
      for (const [what, edit, expected] of [
        ['bad-role', (text: string) => text.replace('role: endpointslice', 'role: endpointslices'), /unknown Kubernetes SD role/],
        ['repeated', (text: string) => text, /found multiple scrape configs with job name "svc-0999"/],
      ] as const) {
        const configFile = deployedPrometheusFiles(manifests, join(dir, what));
        const file = join(dir, what, 'scrape', 'svc-0999.yml');
        writeFileSync(what === 'repeated' ? join(dir, what, 'scrape', 'zz-copy.yml') : file, edit(readFileSync(file, 'utf8')));
        const result = spawnSync(promtool!, ['check', 'config', configFile], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
        expect(result.status).not.toBe(0);
        expect(result.stdout + result.stderr).toMatch(expected);
      }
    });
  });
});
