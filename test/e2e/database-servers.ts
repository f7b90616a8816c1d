import { execFile, spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { chownSync, cpSync, mkdirSync, realpathSync, writeFileSync } from 'fs';
import { connect, Socket } from 'net';
import { basename, dirname, join, resolve } from 'path';
import { Running, start, waitFor } from '../support/processes';

/** Runs a short command (setup SQL, initdb) with a time bound; rejects with its output on failure. */
export function run(
  bin: string,
  args: readonly string[],
  options: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {},
) {
  return new Promise<string>((resolve, reject) => {
    execFile(
      bin,
      [...args],
      { timeout: options.timeoutMs ?? 30_000, env: { ...process.env, ...options.env }, encoding: 'utf8', cwd: options.cwd },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${bin} ${args[0] ?? ''}: ${error.message}\n${stdout}${stderr}`)) : resolve(stdout),
    );
  });
}

/** A password for one test run only, never printed. */
export const testPassword = () => randomBytes(12).toString('hex');

/** Resolves when 127.0.0.1:port accepts a TCP connection. */
function accepts(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(undefined));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(undefined);
    });
  });
}

/** A database server on 127.0.0.1 with its data in a temporary directory, stopped and started by PID. */
export interface DatabaseServer {
  /** `127.0.0.1:<port>`: the `instance` label its exporter's series must carry. */
  readonly address: string;
  readonly port: number;
  /** Starts it (again, on the same port and data) and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops the server process by PID (a crash as seen by clients). */
  stop(): Promise<void>;
  /** Its output, for failure messages. */
  output(): string;
}

/** Starts a server process and waits for the port; a process that exits early fails at once with its output. */
async function startServer(what: string, port: number, launch: () => Running, timeoutMs = 30_000): Promise<Running> {
  const proc = launch();
  let exited = false;
  void proc.exited.then(() => (exited = true));
  await waitFor(
    `${what} to accept connections on 127.0.0.1:${port}`,
    async () => {
      if (exited) throw new Error('exited');
      return accepts(port);
    },
    timeoutMs,
    200,
  ).catch((error) => {
    throw new Error(`${error.message}${exited ? ` (${what} exited)` : ''}\n${proc.output().slice(-3000)}`);
  });
  return proc;
}

/**
 * PostgreSQL refuses to run as root: when the tests run as root (CI), initdb and postgres run as
 * `nobody` through setpriv, which execs, so the PID is the postmaster's.
 */
function unprivileged(bin: string, args: readonly string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', bin, ...args]]
    : [bin, [...args]];
}

const NOBODY = ['--reuid=nobody', '--regid=nogroup', '--clear-groups'];

/**
 * Whether `nobody` can read and run the binary (every parent directory searchable by others), by
 * access(2) as initdb checks it ("invalid binary" otherwise).
 */
const nobodyCanRun = (bin: string) =>
  spawnSync('setpriv', [...NOBODY, '--', 'test', '-r', bin, '-a', '-x', bin], { stdio: 'ignore', timeout: 10_000, cwd: '/' }).status === 0;

/**
 * A copy of the PostgreSQL tree of `initdb` and `postgres` (Debian layout: lib/postgresql/<major>
 * and share/postgresql/<major>, which postgres finds relative to itself) under `dest`, for a
 * checkout `nobody` cannot reach (e.g. under /root). The JIT bitcode is left out.
 */
function copyPostgres(bins: PostgresBinaries, dest: string): PostgresBinaries {
  const binDir = dirname(realpathSync(bins.postgres));
  const major = basename(dirname(binDir));
  const usr = resolve(binDir, '..', '..', '..', '..');
  for (const part of ['lib', 'share'])
    cpSync(join(usr, part, 'postgresql', major), join(dest, part, 'postgresql', major), {
      recursive: true,
      filter: (path) => !path.includes(`${join('postgresql', major, 'lib', 'bitcode')}`),
    });
  const copied = join(dest, 'lib', 'postgresql', major, 'bin');
  return { ...bins, postgres: join(copied, 'postgres'), initdb: join(copied, 'initdb') };
}

/** PostgreSQL binaries (tools/bin). */
export interface PostgresBinaries {
  readonly postgres: string;
  readonly initdb: string;
  readonly psql: string;
}

/**
 * A PostgreSQL 15 cluster: superuser `postgres` over the Unix socket in the temp dir (trust), and
 * TCP on 127.0.0.1 with scram-sha-256 passwords, as the exporter connects.
 */
export class PostgresServer implements DatabaseServer {
  readonly address: string;
  private proc?: Running;
  private readonly data: string;
  /** Directory of the Unix socket (host for local clients such as pgbench). */
  readonly socketDir: string;

  private bins: PostgresBinaries;

  constructor(
    bins: PostgresBinaries,
    private readonly dir: string,
    readonly port: number,
    private readonly maxConnections: number,
  ) {
    this.bins = bins;
    this.address = `127.0.0.1:${port}`;
    this.data = join(dir, 'pgdata');
    this.socketDir = dir;
  }

  /** initdb into the temp dir (owned by the unprivileged user when root). */
  async init(): Promise<void> {
    if (process.getuid?.() === 0) {
      chownSync(this.dir, 65534, 65534);
      if (!nobodyCanRun(this.bins.initdb)) this.bins = copyPostgres(this.bins, join(this.dir, 'install'));
    }
    const [bin, args] = unprivileged(this.bins.initdb, [
      `--pgdata=${this.data}`,
      '--username=postgres',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    // PostgreSQL resolves its own path from the working directory, which nobody must be able to enter.
    await run(bin, args, { timeoutMs: 60_000, cwd: this.dir });
  }

  async start(): Promise<void> {
    const [bin, args] = unprivileged(this.bins.postgres, [
      '-D',
      this.data,
      '-p',
      String(this.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${this.socketDir}`,
      '-c',
      `max_connections=${this.maxConnections}`,
      '-c',
      'fsync=off',
      // Per-statement statistics (CREATE EXTENSION pg_stat_statements still needed per database).
      '-c',
      'shared_preload_libraries=pg_stat_statements',
    ]);
    // SIGINT is PostgreSQL's fast shutdown: SIGTERM (smart) would wait for the exporter's session.
    this.proc = await startServer('postgres', this.port, () => start('postgres', bin, args, { stopSignal: 'SIGINT', cwd: this.dir }));
    // The port opens before recovery ends ("the database system is starting up").
    await waitFor('postgres to answer SQL', async () => ((await this.sql('SELECT 1')).trim() === '1' ? true : undefined), 20_000, 200);
  }

  /** Runs SQL as the superuser over the Unix socket. */
  sql(text: string): Promise<string> {
    return run(this.bins.psql, [
      '-h',
      this.socketDir,
      '-p',
      String(this.port),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-Atc',
      text,
    ]);
  }

  stop(): Promise<void> {
    return this.proc?.stop() ?? Promise.resolve();
  }

  output(): string {
    return this.proc?.output() ?? '';
  }
}

/** MariaDB binaries (tools/bin; the wrappers pass --basedir). */
export interface MariaDbBinaries {
  readonly mariadbd: string;
  readonly installDb: string;
  readonly mariadb: string;
}

/**
 * A MariaDB 10.11 server: system tables from mariadb-install-db, root without a password over the
 * Unix socket in the temp dir, TCP on 127.0.0.1. As root it runs with `--user=root`, which
 * mariadbd requires to be said explicitly.
 */
export class MariaDbServer implements DatabaseServer {
  readonly address: string;
  private proc?: Running;
  private readonly data: string;
  readonly socket: string;
  private readonly user: string[];

  constructor(
    private readonly bins: MariaDbBinaries,
    dir: string,
    readonly port: number,
    private readonly maxConnections: number,
  ) {
    this.address = `127.0.0.1:${port}`;
    this.data = join(dir, 'data');
    this.socket = join(dir, 'mariadb.sock');
    this.user = process.getuid?.() === 0 ? ['--user=root'] : [];
  }

  async init(): Promise<void> {
    mkdirSync(this.data);
    await run(
      this.bins.installDb,
      ['--no-defaults', `--datadir=${this.data}`, ...this.user, '--auth-root-authentication-method=normal', '--skip-test-db'],
      { timeoutMs: 60_000 },
    );
  }

  async start(): Promise<void> {
    const args = [
      '--no-defaults',
      `--datadir=${this.data}`,
      ...this.user,
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      `--socket=${this.socket}`,
      `--max-connections=${this.maxConnections}`,
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=32M',
      '--innodb-flush-log-at-trx-commit=0',
      '--performance-schema=ON',
    ];
    this.proc = await startServer('mariadbd', this.port, () => start('mariadbd', this.bins.mariadbd, args));
  }

  /** Client arguments for root over the Unix socket. */
  clientArgs(): string[] {
    return ['--no-defaults', `--socket=${this.socket}`, '-uroot'];
  }

  /** Runs SQL as root over the Unix socket. */
  sql(text: string): Promise<string> {
    return run(this.bins.mariadb, [...this.clientArgs(), '-N', '-B', '-e', text]);
  }

  stop(): Promise<void> {
    return this.proc?.stop() ?? Promise.resolve();
  }

  output(): string {
    return this.proc?.output() ?? '';
  }
}

/** A Redis 7.0 server with `requirepass`, no persistence, TCP on 127.0.0.1 only. */
export class RedisServer implements DatabaseServer {
  readonly address: string;
  private proc?: Running;
  private readonly conf: string;

  constructor(
    private readonly redisServer: string,
    dir: string,
    readonly port: number,
    maxClients: number,
    readonly password: string,
  ) {
    this.address = `127.0.0.1:${port}`;
    // The password goes into a config file, not onto the command line (ps shows arguments).
    this.conf = join(dir, 'redis.conf');
    writeFileSync(
      this.conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        'save ""',
        'appendonly no',
        `maxclients ${maxClients}`,
        // A cache's memory limit (the memory-vs-max panel reads it).
        'maxmemory 64mb',
        'maxmemory-policy allkeys-lru',
        `requirepass ${password}`,
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
  }

  async start(): Promise<void> {
    this.proc = await startServer('redis-server', this.port, () => start('redis-server', this.redisServer, [this.conf]));
  }

  stop(): Promise<void> {
    return this.proc?.stop() ?? Promise.resolve();
  }

  output(): string {
    return this.proc?.output() ?? '';
  }
}

/** RESP encoding of one command. */
const resp = (...words: string[]) => `*${words.length}\r\n${words.map((w) => `$${Buffer.byteLength(w)}\r\n${w}\r\n`).join('')}`;

/**
 * Opens `count` authenticated Redis client connections (AUTH then PING over plain TCP, RESP) and
 * keeps them open; resolves once every one answered PONG, within `timeoutMs`. The first one then
 * sends a SET, a hit and a miss every 100 ms (cache traffic for the hit-ratio panels) until the
 * returned function closes them all.
 */
export async function openRedisClients(port: number, password: string, count: number, timeoutMs = 10_000): Promise<() => void> {
  const sockets: Socket[] = [];
  const close = () => sockets.forEach((s) => s.destroy());
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      sockets.push(socket);
      let reply = '';
      const timer = setTimeout(() => reject(new Error(`redis client: no PONG within ${timeoutMs} ms`)), timeoutMs);
      socket.on('connect', () => socket.write(resp('AUTH', password) + resp('PING')));
      const onData = (chunk: Buffer) => {
        reply += chunk.toString();
        if (reply.includes('+PONG')) {
          clearTimeout(timer);
          socket.off('data', onData);
          resolve();
        } else if (reply.startsWith('-')) {
          clearTimeout(timer);
          reject(new Error(`redis client: ${reply.trim()}`));
        }
      };
      socket.on('data', onData);
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  try {
    await Promise.all(Array.from({ length: count }, one));
  } catch (error) {
    close();
    throw error;
  }
  sockets[0].on('data', () => undefined);
  const traffic = setInterval(() => sockets[0].write(resp('SET', 'e2e', '1') + resp('GET', 'e2e') + resp('GET', 'e2e-missing')), 100);
  return () => {
    clearInterval(traffic);
    close();
  };
}
