import { execFileSync } from 'child_process';

/** Debian's binary names for the real Prometheus tools. */
export const TOOLS = {
  promtool: 'promtool',
  amtool: 'amtool',
  prometheus: 'prometheus',
  alertmanager: 'prometheus-alertmanager',
  nodeExporter: 'prometheus-node-exporter',
  blackboxExporter: 'prometheus-blackbox-exporter',
} as const;

/** Absolute path of a tool on PATH, or undefined. */
export function findTool(name: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns the tool's path. In CI (CI=true) a missing tool is a failure; elsewhere the caller
 * skips with a message saying what to install.
 */
export function realTool(name: string): string | undefined {
  const path = findTool(name);
  if (!path && process.env.CI) {
    throw new Error(`${name} is required in CI; .ci/run installs it with apt-get (prometheus, prometheus-alertmanager, prometheus-node-exporter)`);
  }
  if (!path) {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED: ${name} not found. Install it with: apt-get install prometheus prometheus-alertmanager prometheus-node-exporter`);
  }
  return path;
}

/** The first line of `<tool> --version`, for tests that state which version checked them. */
export function toolVersion(path: string): string {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0];
  } catch (error) {
    const out = (error as { stdout?: string; stderr?: string });
    return `${out.stdout ?? ''}${out.stderr ?? ''}`.split('\n')[0];
  }
}

/** `it` when the tool is present (always in CI), otherwise `it.skip` with the warning above. */
export function itWithTool(name: string): jest.It {
  return realTool(name) ? it : it.skip;
}
