import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { renderAlertmanagerFiles } from '../../constructs/stack/alerting';
import { ResolvedSettings } from '../../constructs/stack/settings';

/**
 * Writes the rendered Alertmanager files into `dir`. The only change: the templates glob
 * points at `dir` instead of the container path, so the real binary loads our templates.
 */
export function writeAlertmanagerFiles(settings: ResolvedSettings, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const files = renderAlertmanagerFiles(settings);
  for (const [name, text] of Object.entries(files)) if (name !== 'alertmanager.yml') writeFileSync(join(dir, name), text);
  const config = parse(files['alertmanager.yml']) as Record<string, unknown>;
  config.templates = [join(dir, '*.tmpl')];
  const path = join(dir, 'alertmanager.yml');
  writeFileSync(path, stringify(config, { lineWidth: 0 }));
  return path;
}
