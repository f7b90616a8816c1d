import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { ScrapeTopology } from '../../config/scrape';
import { Manifest } from '../../constructs/stack/footprint';
import { SCRAPE_SHARD_PREFIX } from '../../constructs/prometheus/rule-shards';
import { RULES_DIR, SCRAPE_DIR } from '../../constructs/prometheus/files';
import { prometheusSpec } from '../../constructs/prometheus/spec';
import { SERVICE_ACCOUNT_DIR } from '../../config/kubernetes';
import { stackPrometheusConfig, stackScrapeFiles } from '../../constructs/registry';
import { ResolvedSettings } from '../../constructs/stack/settings';

type Config = { scrape_configs: Array<{ job_name: string } & Record<string, any>> } & Record<string, any>;

/**
 * prometheus.yml with the jobs of its scrape-job files appended, as Prometheus loads them
 * (`scrape_configs` first, then each file of the `scrape_config_files` glob in name order).
 */
export function effectiveConfig(prometheusYml: string, scrapeFiles: Readonly<Record<string, string>>): Config {
  const config = parse(prometheusYml) as Config;
  const fromFiles = Object.keys(scrapeFiles)
    .sort()
    .flatMap((name) => (parse(scrapeFiles[name]) as Config).scrape_configs);
  return { ...config, scrape_configs: [...config.scrape_configs, ...fromFiles] };
}

/** The stack's effective Prometheus configuration for a topology (prometheus.yml plus its scrape files). */
export function stackEffectiveConfig(settings: ResolvedSettings, topology: ScrapeTopology): Config {
  return effectiveConfig(stackPrometheusConfig(settings, topology), stackScrapeFiles(settings, topology));
}

/** The effective configuration the synthesized Prometheus mounts: prometheus-config plus every scrape shard. */
export function manifestsEffectiveConfig(manifests: readonly Manifest[]): Config {
  const data = (name: string) => (manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === name) as any)?.data ?? {};
  const shards = manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith(`${SCRAPE_SHARD_PREFIX}-`));
  return effectiveConfig(data('prometheus-config')['prometheus.yml'], Object.assign({}, ...shards.map((m) => data(m.metadata.name))));
}

/**
 * Writes the stack's scrape-job files for a static topology into `dir/scrape` and returns the
 * topology pointing there: render prometheus.yml from it (stackPrometheusConfig) to load them.
 */
export function withScrapeFiles(
  settings: ResolvedSettings,
  dir: string,
  topology: Extract<ScrapeTopology, { kind: 'static' }>,
): Extract<ScrapeTopology, { kind: 'static' }> {
  const scrapeDir = join(dir, 'scrape');
  mkdirSync(scrapeDir, { recursive: true });
  const full = { ...topology, scrapeDir };
  for (const [file, text] of Object.entries(stackScrapeFiles(settings, full))) writeFileSync(join(scrapeDir, file), text);
  return full;
}

/**
 * Copies what the synthesized Prometheus mounts into `dir`, so the real promtool can check it in
 * full (not only its syntax): prometheus.yml with only its pod paths pointed into `dir` (the
 * scrape directory, the rules directory and the service-account directory), every scrape shard's
 * files in `dir/scrape`, every rule shard's files in `dir/rules`, and a placeholder token and CA
 * file (promtool checks that they exist). Returns the config file's path.
 */
export function deployedPrometheusFiles(manifests: readonly Manifest[], dir: string): string {
  const configMaps = manifests.filter((m) => m.kind === 'ConfigMap') as Array<Manifest & { data?: Record<string, string> }>;
  const copy = (prefix: string, sub: string) => {
    mkdirSync(join(dir, sub), { recursive: true });
    for (const m of configMaps.filter((c) => c.metadata.name.startsWith(`${prefix}-`)))
      for (const [file, text] of Object.entries(m.data ?? {})) writeFileSync(join(dir, sub, file), text);
  };
  copy(SCRAPE_SHARD_PREFIX, 'scrape');
  copy(`${prometheusSpec.name}-rules`, 'rules');
  mkdirSync(join(dir, 'serviceaccount'), { recursive: true });
  writeFileSync(join(dir, 'serviceaccount', 'token'), 'placeholder');
  writeFileSync(join(dir, 'serviceaccount', 'ca.crt'), '');
  const deployed = configMaps.find((m) => m.metadata.name === `${prometheusSpec.name}-config`)!.data!['prometheus.yml'];
  const local = [
    [SCRAPE_DIR, join(dir, 'scrape')],
    [RULES_DIR, join(dir, 'rules')],
    [SERVICE_ACCOUNT_DIR, join(dir, 'serviceaccount')],
  ].reduce((text, [from, to]) => text.split(`${from}/`).join(`${to}/`), deployed);
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, local);
  return configFile;
}
