import { spawnSync } from 'child_process';
import { accessSync, constants } from 'fs';
import { join } from 'path';

/** The project's pinned tools, installed by `bash scripts/install-tools.sh` (searched before PATH). */
export const PROJECT_TOOLS = join(__dirname, '..', '..', 'tools', 'bin');
const INSTALL_HINT = 'bash scripts/install-tools.sh';

/** The real tools and servers, by the names scripts/install-tools.sh links in tools/bin (upstream names). */
export const TOOLS = {
  promtool: 'promtool',
  amtool: 'amtool',
  prometheus: 'prometheus',
  alertmanager: 'alertmanager',
  nodeExporter: 'node_exporter',
  blackboxExporter: 'blackbox_exporter',
  postgresExporter: 'postgres_exporter',
  mysqldExporter: 'mysqld_exporter',
  redisExporter: 'redis_exporter',
  postgres: 'postgres',
  initdb: 'initdb',
  pgbench: 'pgbench',
  psql: 'psql',
  mariadbd: 'mariadbd',
  mariadbInstallDb: 'mariadb-install-db',
  mariadb: 'mariadb',
  redisServer: 'redis-server',
  victoriaMetrics: 'victoria-metrics',
  java: 'java',
  joniJar: 'joni.jar',
  jcodingsJar: 'jcodings.jar',
} as const;

/** Debian's names for the binaries it renames, tried on PATH after the upstream name. */
const DEBIAN_NAMES: Record<string, string> = {
  alertmanager: 'prometheus-alertmanager',
  node_exporter: 'prometheus-node-exporter',
  blackbox_exporter: 'prometheus-blackbox-exporter',
  postgres_exporter: 'prometheus-postgres-exporter',
  mysqld_exporter: 'prometheus-mysqld-exporter',
  redis_exporter: 'prometheus-redis-exporter',
};

/** An executable, or for a `.jar` (linked in tools/bin like the binaries) a readable file. */
function executable(path: string): boolean {
  try {
    accessSync(path, path.endsWith('.jar') ? constants.R_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    if (executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Absolute path of a tool: tools/bin first, then PATH (upstream name, then Debian's); or undefined. */
export function findTool(name: string): string | undefined {
  const local = join(PROJECT_TOOLS, name);
  if (executable(local)) return local;
  return onPath(name) ?? (DEBIAN_NAMES[name] ? onPath(DEBIAN_NAMES[name]) : undefined);
}

/**
 * Returns the tool's path. In CI (CI=true) a missing tool is a failure; elsewhere the caller
 * skips with a message saying how to install it.
 */
export function realTool(name: string): string | undefined {
  const path = findTool(name);
  if (!path && process.env.CI) {
    throw new Error(`${name} is required in CI; .ci/run installs it with: ${INSTALL_HINT}`);
  }
  if (!path) {
    console.warn(`SKIPPED: ${name} not found in tools/bin or on PATH. Install the pinned tools with: ${INSTALL_HINT}`);
  }
  return path;
}

/** The first line of `<tool> --version` (stdout, or stderr for tools printing it there), for tests stating their versions. */
export function toolVersion(path: string): string {
  const out = spawnSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
  return `${out.stdout ?? ''}`.trim() ? out.stdout.split('\n')[0] : `${out.stderr ?? ''}`.split('\n')[0];
}

/** `it` when the tool is present (always in CI), otherwise `it.skip` with the warning above. */
export function itWithTool(name: string): jest.It {
  return realTool(name) ? it : it.skip;
}
