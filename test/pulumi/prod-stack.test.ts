import { defaultSettings, describeClusterStack } from './cluster-cases';

// Pulumi.prod.yaml sets target, profile, context and namespace only: the stack deploys exactly
// what `npm run synth:prod` writes.
describeClusterStack('prod', defaultSettings('prod'), 'prod');
