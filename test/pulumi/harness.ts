import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';

/** Project name of Pulumi.yaml: the prefix of every config key. */
export const PROJECT = 'observability-stack';
export const REPO = path.resolve(__dirname, '../..');

/** One resource the program registered, as the (mock) engine saw it. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** URN of the parent ('' for the stack itself). */
  readonly parent: string;
  /** URNs of explicit dependencies (dependsOn, including those inherited from parents). */
  readonly dependencies: readonly string[];
  /** Inputs with secrets unwrapped (for assertions). */
  readonly inputs: Record<string, any>;
  /** Input property names that arrived as Pulumi secrets. */
  readonly secretInputs: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  readonly provider: string;
}

/** The `config:` map of a Pulumi.<stack>.yaml file. */
export function stackFileConfig(stack: string): Record<string, string> {
  const doc = parse(fs.readFileSync(path.join(REPO, `Pulumi.${stack}.yaml`), 'utf8')) as { config: Record<string, unknown> };
  return Object.fromEntries(Object.entries(doc.config).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** Prefixes short keys with the project name. */
export function projectConfig(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k.includes(':') ? k : `${PROJECT}:${k}`, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

/** Resource type of `random.RandomPassword`; its mock `result` is `generatedPassword(name)`. */
export const RANDOM_PASSWORD = 'random:index/randomPassword:RandomPassword';
/** The value the mocks give a RandomPassword's `result`. */
export const generatedPassword = (name: string) => `MOCK-generated-pw-${name}`;

const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

function secretKeysOf(struct: any): string[] {
  const object = struct?.toJavaScript?.() ?? {};
  return Object.keys(object).filter((k) => JSON.stringify(object[k]).includes(SECRET_SIG));
}

/** Installs mocks (once per test file) that record every registration with parent and dependencies. */
export async function installMocks(stack: string): Promise<Registered[]> {
  const registered: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type === 'docker:index/remoteImage:RemoteImage') state.imageId = `sha256:mock-${args.name}`;
        if (args.type === RANDOM_PASSWORD) state.result = generatedPassword(args.name);
        return { id: `${args.name}-id`, state };
      },
      call: (args) => args.inputs,
    },
    PROJECT,
    stack,
    false,
  );
  const monitor = pulumi.runtime.getMonitor() as any;
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: any, res: any) => void) =>
    original(req, (err: any, res: any) => {
      if (!err) {
        const object = req.getObject()?.toJavaScript?.() ?? {};
        registered.push({
          type: req.getType(),
          name: req.getName(),
          urn: res.getUrn(),
          parent: req.getParent(),
          dependencies: req.getDependenciesList(),
          inputs: unwrapSecrets(object),
          secretInputs: secretKeysOf(req.getObject()),
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          provider: req.getProvider(),
        });
      }
      callback(err, res);
    });
  return registered;
}

function unwrapSecrets(value: any): any {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === 'object') {
    if (value['4dabf18193072939515e22adb298388d'] === SECRET_SIG) return unwrapSecrets(value.value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/** Resolves an Output (or plain value) under mocks. */
export function settle<T>(value: pulumi.Input<T> | undefined): Promise<T | undefined> {
  if (value === undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => pulumi.output(value).apply((v) => resolve(v as T)));
}

/** Waits until no new registration arrives for a few event-loop turns (bounded). */
export async function quiesce(registered: readonly Registered[]): Promise<void> {
  let last = -1;
  for (let i = 0; i < 200 && last !== registered.length; i++) {
    last = registered.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Runs stacks/index.ts for a stack: installs mocks, feeds the config (secret keys marked secret)
 * and returns the recorded resources and the resolved stack outputs. Secret outputs (stored
 * encrypted by Pulumi) resolve to `[secret]` and are listed in `secretOutputs`.
 */
export async function runProgram(stack: string, config: Record<string, string>, secretKeys: readonly string[]) {
  pulumi.runtime.setAllConfig(
    config,
    secretKeys.map((k) => (k.includes(':') ? k : `${PROJECT}:${k}`)),
  );
  const registered = await installMocks(stack);

  const program = require('../../stacks/index') as Record<string, unknown>;
  const outputs: Record<string, unknown> = {};
  const secretOutputs: string[] = [];
  for (const [k, v] of Object.entries(program)) {
    if (pulumi.Output.isInstance(v) && (await pulumi.isSecret(v))) {
      secretOutputs.push(k);
      outputs[k] = '[secret]';
    } else {
      outputs[k] = await settle(v as pulumi.Input<unknown>);
    }
  }
  await quiesce(registered);
  return { registered, outputs, secretOutputs, program };
}

/** The last URN segment: the resource's name. */
export const nameOf = (urn: string) => urn.split('::').pop() ?? '';

/** Sorted `type name <- parent [dependencies]` lines: the resource graph as a snapshot. */
export function resourceList(registered: readonly Registered[]): string {
  return registered
    .map(
      (r) =>
        `${r.type} ${r.name} <- ` +
        `${nameOf(r.parent) || '(stack)'}${r.dependencies.length ? ` [${r.dependencies.map(nameOf).sort().join(', ')}]` : ''}`,
    )
    .sort()
    .join('\n');
}

/** Resource counts by type. */
export function countsByType(registered: readonly Registered[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of registered) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort());
}

/** Captures everything written to stdout/stderr and the console while `run` executes. */
export async function captureLogs<T>(run: () => Promise<T>): Promise<{ result: T; logs: string }> {
  const chunks: string[] = [];
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => (chunks.push(String(chunk)), true)),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => (chunks.push(String(chunk)), true)),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void chunks.push(args.map(String).join(' '))),
    ),
  ];
  try {
    return { result: await run(), logs: chunks.join('\n') };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}

/** Every text file below a directory (bounded walk). */
export function textFilesUnder(dir: string): Array<{ file: string; text: string }> {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true } as any)
    .filter((e: any) => e.isFile())
    .map((e: any) => path.join(e.parentPath ?? e.path, e.name))
    .map((file: string) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

/** Asserts that planted secrets appear only in inputs the engine received as secrets, nowhere else. */
export function expectSecretsOnlyInSecretInputs(registered: readonly Registered[], leaked: (text: string) => string[]): void {
  for (const r of registered) {
    for (const [key, value] of Object.entries(r.inputs)) {
      if (leaked(JSON.stringify(value)).length > 0)
        expect(`${r.name}.${key} secret=${r.secretInputs.includes(key)}`).toBe(`${r.name}.${key} secret=true`);
    }
  }
}
