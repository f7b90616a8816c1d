import { defaultSettings, describeClusterStack } from './cluster-cases';

// Pulumi.staging.yaml: the prod profile with its own cluster label and environment.
describeClusterStack('staging', { ...defaultSettings('prod'), cluster: 'staging-cluster', environment: 'staging' }, 'staging');
