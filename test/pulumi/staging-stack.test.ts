import { describeClusterStack, fixtureSettings } from './cluster-cases';

// stacks/stack-config.ts (and examples/) build on synth-settings.ts, the user's file; the tests
// use their own fixtures instead, so editing synth-settings.ts cannot change these results.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

// Pulumi.staging.yaml: the prod profile with its own cluster label and environment.
describeClusterStack('staging', { ...fixtureSettings('prod'), cluster: 'staging-cluster', environment: 'staging' }, 'staging');
