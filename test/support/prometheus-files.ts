import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { ScrapeTopology } from '../../config/scrape';
import { Manifest } from '../../constructs/stack/footprint';
import { SCRAPE_SHARD_PREFIX } from '../../constructs/prometheus/rule-shards';
import { SCRAPE_DIR } from '../../constructs/prometheus/files';
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
 * Copies what the synthesized Prometheus mounts into `dir`: prometheus.yml, with only its
 * `scrape_config_files` glob pointed from the pod path to `dir/scrape`, and there the files of
 * every scrape shard ConfigMap. Returns the config file's path (for promtool).
 */
export function deployedPrometheusFiles(manifests: readonly Manifest[], dir: string): string {
  const scrapeDir = join(dir, 'scrape');
  mkdirSync(scrapeDir, { recursive: true });
  const shards = manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith(`${SCRAPE_SHARD_PREFIX}-`));
  for (const shard of shards)
    for (const [file, text] of Object.entries((shard as { data?: Record<string, string> }).data ?? {}))
      writeFileSync(join(scrapeDir, file), text);
  const deployed = (manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'prometheus-config') as any).data[
    'prometheus.yml'
  ] as string;
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, deployed.split(`${SCRAPE_DIR}/*.yml`).join(`${scrapeDir}/*.yml`));
  return configFile;
}
