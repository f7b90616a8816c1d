import { Profile } from './catalog';
import { StackSettings } from './settings';

/**
 * The settings `npm run synth` uses: every feature switched on, with one example monitored
 * service (`demo-api` in namespace `demo`). Replace `services` with your own.
 */
export function defaultSettings(profile: Profile): StackSettings {
  return {
    profile,
    cluster: profile === 'prod' ? 'prod-cluster' : 'dev-cluster',
    environment: profile,
    namespace: 'monitoring',
    agentsNamespace: 'monitoring-agents',
    discovery: { scope: 'namespaces', namespaces: ['demo'] },
    services: [
      {
        name: 'demo-api',
        namespace: 'demo',
        port: 8080,
        path: '/metrics',
        team: 'platform',
      },
    ],
  };
}
