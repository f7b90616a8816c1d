import { describeClusterStack, fixtureSettings } from './cluster-cases';

// stacks/stack-config.ts (and examples/) build on synth-settings.ts, the user's file; the tests
// use their own fixtures instead, so editing synth-settings.ts cannot change these results.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

// Pulumi.prod.yaml sets target, profile, context and namespace only: the stack deploys exactly
// what `npm run synth:prod` writes.
describeClusterStack('prod', fixtureSettings('prod'), 'prod');
