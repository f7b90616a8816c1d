import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ExporterKind } from '../../constructs/datastores/settings';
import { mysqlKind } from '../../constructs/mysqld-exporter/kind';
import { postgresKind } from '../../constructs/postgres-exporter/kind';
import { redisKind } from '../../constructs/redis-exporter/kind';
import { resolveSettings } from '../../constructs/stack/resolve';
import { freePort, http, Running, start, waitReady } from '../support/processes';
import { databaseFixture, fixtureSettings } from '../support/fixtures';
import { realTool } from '../support/tools';

/**
 * The exporter processes exactly as the stack renders them (args, literal env, the password as
 * a file or a variable), run as the real binaries on 127.0.0.1 against a database port where
 * nothing listens: each must accept its flags and variables, answer the probe paths while its
 * database is unreachable (so a down database does not make the pod unready and `*_up 0` still
 * reaches Prometheus), and report the `up` metric the alerts read. The binaries are Debian's
 * (postgres_exporter 0.19, mysqld_exporter 0.19, redis_exporter 1.86), a minor release below the
 * pinned images; kafka_exporter has no Debian package and is covered by unit tests only.
 */
const CASES: ReadonlyArray<{ binary: string; kind: ExporterKind<never>; up: string }> = [
  { binary: 'postgres_exporter', kind: postgresKind as ExporterKind<never>, up: 'pg_up 0' },
  { binary: 'mysqld_exporter', kind: mysqlKind as ExporterKind<never>, up: 'mysql_up 0' },
  { binary: 'redis_exporter', kind: redisKind as ExporterKind<never>, up: 'redis_up 0' },
];

const dir = mkdtempSync(join(tmpdir(), 'exporter-process-'));
const running: Running[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe.each(CASES)('$binary as rendered', ({ binary, kind, up }) => {
  const bin = realTool(binary);
  const runIt = bin ? it : it.skip;

  runIt(
    `${binary}: accepts the rendered flags, answers its probes without a database, reports ${up}`,
    async () => {
      const [webPort, closedPort] = await Promise.all([freePort(), freePort()]);
      const declared = databaseFixture()[kind.kind]![0];
      // Every optional flag on: PostgreSQL's pg_stat_statements collector too.
      const extra = kind.kind === 'postgres' ? { queryStatistics: true } : {};
      const settings = resolveSettings(
        { ...fixtureSettings('dev'), databases: { [kind.kind]: [{ ...declared, address: `127.0.0.1:${closedPort}`, ...extra }] } },
        'e2e',
      );
      const instance = settings.databases[kind.kind][0];
      const spec = instance.component.spec;
      const process = kind.process(instance.settings as never, spec);
      // Loopback only: the rendered `:<port>` listens on every interface.
      const args = process.args.map((a) => (a.startsWith('--web.listen-address=') ? `--web.listen-address=127.0.0.1:${webPort}` : a));
      const env: Record<string, string> = { ...process.env };
      for (const use of process.secrets) {
        if (use.env) env[use.env] = 'not-the-password';
        if (use.file) {
          const file = join(dir, `${binary}-password`);
          writeFileSync(file, 'not-the-password\n', { mode: 0o600 });
          for (const [name, value] of Object.entries(env)) if (value === use.file) env[name] = file;
        }
      }
      // `env` execs the exporter in place (same PID), so stop() ends the exporter itself.
      const exporter = start(binary, '/usr/bin/env', [...Object.entries(env).map(([k, v]) => `${k}=${v}`), bin!, ...args]);
      running.push(exporter);
      const base = `http://127.0.0.1:${webPort}`;
      try {
        await waitReady(`${base}${spec.readinessPath}`, 20_000);
        expect((await http('GET', `${base}${spec.livenessPath}`)).status).toBe(200);
        const metrics = (await http('GET', `${base}${spec.metricsPath}`)).body;
        expect(metrics.split('\n')).toContain(up);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- ${binary}\n${exporter.output()}`, { cause: error });
      } finally {
        await exporter.stop();
      }
      // The password file was read (no load error) and the password never reaches the output.
      expect(exporter.output()).not.toMatch(/failed loading|unknown long flag|error parsing/i);
      expect(exporter.output()).not.toContain('not-the-password');
    },
    40_000,
  );
});
