/**
 * The harness of the setup Jobs' contract tests: the Job's real script in a scratch directory
 * laid out as its pod mounts it (plan/, secrets/, work/), a loopback HTTP server playing the API
 * it talks to, a bounded run of the script with bash and curl, and the check that no password
 * reaches the output. Each suite brings its own fake API and its own assertions.
 */
import { spawn } from 'child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { closeServer } from './processes';
import { findTool } from './tools';

/** A fake API: answers one request whose body has been read in full, and says what it saw and holds. */
export interface FakeApi {
  handle(req: IncomingMessage, body: string, res: ServerResponse): void;
  /** Every request, as `METHOD path as user`. */
  readonly requests: readonly string[];
  /** How many requests changed what it holds. */
  readonly mutations: number;
  /** What it holds, by key. */
  readonly objects: ReadonlyMap<string, unknown>;
}

/** What a setup Job is: its script, its rendered plan files, the passwords its Secret holds and how its URL is passed. */
export interface SetupJob {
  /** Prefix of the scratch directory. */
  readonly name: string;
  /** The script's exact bytes (its ConfigMap's). */
  readonly script: string;
  /** The plan files (file name -> text). */
  readonly files: Readonly<Record<string, string>>;
  /** The credentials Secret (user -> password). */
  readonly secrets: Readonly<Record<string, string>>;
  /** The environment variable that carries the API's URL (ES_URL, KIBANA_URL). */
  readonly urlVariable: string;
  /** Further environment of every run. @default none */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts and stops the fake and the scratch directory around each test, and runs the script. */
export class SetupJobHarness<F extends FakeApi> {
  private dir = '';
  private server?: Server;
  private url = '';
  /** The fake of the current test. */
  fake!: F;

  constructor(private readonly job: SetupJob) {
    beforeEach(() => {
      this.dir = mkdtempSync(join(tmpdir(), `${job.name}-`));
      writeFileSync(join(this.dir, 'setup.sh'), job.script);
      for (const sub of ['plan', 'secrets', 'work']) mkdirSync(join(this.dir, sub));
      for (const [name, text] of Object.entries(job.files)) writeFileSync(join(this.dir, 'plan', name), text);
      for (const [user, password] of Object.entries(job.secrets)) writeFileSync(join(this.dir, 'secrets', user), `${password}\n`);
    });
    afterEach(async () => {
      await closeServer(this.server);
      this.server = undefined;
      rmSync(this.dir, { recursive: true, force: true });
    });
  }

  /** Serves `fake` on a free loopback port for the rest of the test. */
  async serve(fake: F): Promise<void> {
    this.fake = fake;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => fake.handle(req, body, res));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  /** Removes a user's password file from the mounted Secret. */
  removeSecret(user: string): void {
    rmSync(join(this.dir, 'secrets', user));
  }

  /** Runs the Job's script once (killed after 30 s); resolves with its exit code and output. */
  run(env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn('bash', [join(this.dir, 'setup.sh')], {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          [this.job.urlVariable]: this.url,
          PLAN_DIR: join(this.dir, 'plan'),
          CREDENTIALS_DIR: join(this.dir, 'secrets'),
          WORK_DIR: join(this.dir, 'work'),
          ATTEMPTS: '5',
          DELAY: '0',
          ...this.job.env,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  }

  /**
   * Runs the script twice: both runs exit 0 and the second changes nothing the fake counts or
   * holds. Resolves with the second run's output and requests.
   */
  async runTwice(): Promise<{ output: string; requests: string[] }> {
    expect((await this.run()).code).toBe(0);
    const mutations = this.fake.mutations;
    const objects = new Map(this.fake.objects);
    const first = this.fake.requests.length;
    const second = await this.run();
    expect(second.code).toBe(0);
    expect(this.fake.mutations).toBe(mutations);
    expect(this.fake.objects).toEqual(objects);
    return { output: second.output, requests: this.fake.requests.slice(first) };
  }

  /** Asserts that no password of the Secret, and no curl credentials line, is in `output`. */
  expectNoSecrets(output: string): void {
    for (const [user, password] of Object.entries(this.job.secrets))
      expect(output.includes(password) ? `${user}'s password` : 'none').toBe('none');
    expect(output).not.toMatch(/user = "/);
  }
}

/**
 * `describe`, or `describe.skip` with a message saying what to install when bash or curl is
 * missing (what the Jobs' image has); in CI a missing tool is a failure.
 */
export function describeWithBashAndCurl(suite: string): jest.Describe {
  const missing = ['bash', 'curl'].filter((tool) => !findTool(tool));
  if (missing.length && process.env.CI) throw new Error(`${missing.join(' and ')} required in CI (apt-get install ${missing.join(' ')})`);
  if (missing.length) console.warn(`SKIPPED: ${suite} needs ${missing.join(' and ')} (apt-get install ${missing.join(' ')})`);
  return missing.length ? describe.skip : describe;
}
