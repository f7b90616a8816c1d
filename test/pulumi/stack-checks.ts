import * as path from 'path';
import {
  captureLogs,
  countsByType,
  expectSecretsOnlyInSecretInputs,
  PROJECT,
  projectConfig,
  Registered,
  REPO,
  resourceList,
  runProgram,
  stackFileConfig,
  textFilesUnder,
} from './harness';
import { DEFAULT_SECRETS, leakedIn, PROD_SECRETS } from './sentinels';

/** What one run of a stack's program left behind. */
export interface StackRun {
  registered: Registered[];
  outputs: Record<string, any>;
  /** Output names that are Pulumi secrets (resolved to `[secret]` in `outputs`). */
  secretOutputs: string[];
  logs: string;
}

/** Runs a stack with its own Pulumi.<stack>.yaml plus the planted secret values, capturing logs. */
export async function runStackWithSentinels(stack: string): Promise<StackRun> {
  const file = stackFileConfig(stack);
  const secrets = file[`${PROJECT}:profile`] === 'prod' ? PROD_SECRETS : DEFAULT_SECRETS;
  const run = await captureLogs(() => runProgram(stack, { ...file, ...projectConfig(secrets) }, Object.keys(secrets)));
  return { ...run.result, logs: run.logs };
}

/** The reviewed resource list and counts by type (call inside a test: the snapshots take its name). */
export function expectResourceListSnapshot(registered: readonly Registered[]): void {
  const list = resourceList(registered);
  expect(leakedIn(list)).toEqual([]);
  expect(list).toMatchSnapshot();
  expect(countsByType(registered)).toMatchSnapshot();
}

/** Planted secrets reach resources only as secret inputs: never outputs, logs, snapshots or dist/. */
export function expectSentinelsOnlyInSecretInputs(run: StackRun): void {
  expectSecretsOnlyInSecretInputs(run.registered, leakedIn);
  expect(leakedIn(JSON.stringify(run.outputs))).toEqual([]);
  expect(leakedIn(run.logs)).toEqual([]);
  for (const { file, text } of [...textFilesUnder(path.join(REPO, 'dist')), ...textFilesUnder(path.join(__dirname, '__snapshots__'))]) {
    expect(`${file}: ${leakedIn(text)}`).toBe(`${file}: `);
  }
}
