import { MonitoredService } from '../../constructs/services/settings';
import { StackSettings } from '../../constructs/stack/settings';
import { Profile } from '../../config/component';
import { fixtureSettings } from './fixtures';

/** Namespaces the scale fixture spreads its services over. */
export const SCALE_NAMESPACES = 20;

/**
 * `count` monitored services like the fixture's demo service (RED metrics, database client), in
 * SCALE_NAMESPACES namespaces; every other one (half) declares the demo's two SLOs. No probes.
 */
export function scaleServices(count: number): MonitoredService[] {
  const demo = fixtureSettings('prod').services![0];
  return Array.from({ length: count }, (_, i) => ({
    ...demo,
    name: `svc-${String(i).padStart(4, '0')}`,
    namespace: `team-${i % SCALE_NAMESPACES}`,
    alerting: { ...demo.alerting, probe: undefined, slos: i % 2 === 0 ? demo.alerting!.slos : undefined },
  }));
}

/** The fixture settings of a profile with `count` services from scaleServices. */
export function scaleSettings(profile: Profile, count: number): StackSettings {
  return { ...fixtureSettings(profile), services: scaleServices(count) };
}
