import { ChildProcess, spawn } from 'child_process';
import { request } from 'http';
import { createServer } from 'net';

/** A free TCP port on 127.0.0.1 (listen on 0, read, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A started binary with its captured output. */
export interface Running {
  readonly name: string;
  readonly child: ChildProcess;
  /** Last output lines (for failure messages). */
  output(): string;
  /** The stop signal (SIGTERM unless started with another), then SIGKILL after 3 s; resolves when it has exited. */
  stop(): Promise<void>;
  /** Resolves when it has exited (by itself or stopped). */
  readonly exited: Promise<void>;
}

/** How to start a binary. */
export interface StartOptions {
  /** Added to this process's environment (e.g. a password, so that it is not in `ps` output). */
  readonly env?: Readonly<Record<string, string>>;
  /** The signal `stop()` sends first. @default SIGTERM */
  readonly stopSignal?: NodeJS.Signals;
  /** Working directory. @default this process's */
  readonly cwd?: string;
}

/** Starts a binary; its output is kept (bounded) for diagnostics. */
export function start(name: string, bin: string, args: readonly string[], options: StartOptions = {}): Running {
  const env = options.env ? { ...process.env, ...options.env } : process.env;
  const child = spawn(bin, [...args], { stdio: ['ignore', 'pipe', 'pipe'], env, cwd: options.cwd });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    child.on('exit', () => resolve());
  });
  return {
    name,
    child,
    output: () => log,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(options.stopSignal ?? 'SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** HTTP request to 127.0.0.1; resolves with status and body (never rejects on HTTP errors). */
export function http(method: string, url: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      { method, timeout: 5000, headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {} },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url}`)));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns a value, at most `timeoutMs`; throws with `what` otherwise. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; Date.now() < deadline && attempt < Math.ceil(timeoutMs / everyMs) + 1; attempt++) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // not up yet
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Waits until `GET url` answers 200. */
export function waitReady(url: string, timeoutMs = 20000): Promise<true> {
  return waitFor(`${url} to answer 200`, async () => ((await http('GET', url)).status === 200 ? true : undefined), timeoutMs);
}

/** Closes an HTTP server and drops its open connections at once (a crashed process, as seen by clients). */
export function closeServer(server: import('http').Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
