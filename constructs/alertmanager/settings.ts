import { ComponentSettings, Profile, resolveComponent, ResolvedComponent } from '../../config/component';
import { dnsLabel, httpUrl } from '../../config/names';
import { checkComponentKeys, COMPONENT_KEYS, keysOf } from '../../config/strict';
import { alertmanagerSpec } from './spec';

/** Alertmanager server settings. */
export interface AlertmanagerSettings extends ComponentSettings {
  /** StorageClass for the data volume. @default the cluster default */
  readonly storageClassName?: string;
  /** URL users reach Alertmanager at (silence links in notifications). @default none (pod address) */
  readonly externalUrl?: string;
}

/** Every key of AlertmanagerSettings (checked against the interface by tsc). */
export const ALERTMANAGER_KEYS = [
  ...COMPONENT_KEYS,
  ...keysOf<Omit<AlertmanagerSettings, keyof ComponentSettings>>({ storageClassName: true, externalUrl: true }),
];

/** Alertmanager settings with every default filled in. */
export interface ResolvedAlertmanager extends ResolvedComponent {
  readonly storageClassName?: string;
  readonly externalUrl?: string;
}

/** Validates Alertmanager settings (`field` is their path, e.g. `alertmanager`) and fills the defaults. */
export function resolveAlertmanager(
  where: string,
  field: string,
  profile: Profile,
  input: AlertmanagerSettings = {},
): ResolvedAlertmanager {
  checkComponentKeys(where, field, input, ALERTMANAGER_KEYS);
  if (input.externalUrl !== undefined) httpUrl(where, `${field}.externalUrl`, input.externalUrl);
  if (input.storageClassName !== undefined) dnsLabel(where, `${field}.storageClassName`, input.storageClassName, 253);
  return {
    ...resolveComponent(where, field, alertmanagerSpec, profile, input),
    storageClassName: input.storageClassName,
    externalUrl: input.externalUrl,
  };
}

declare module '../stack/settings' {
  interface StackSettings {
    /** Alertmanager overrides. @default catalog sizing for the profile */
    readonly alertmanager?: AlertmanagerSettings;
  }
  interface ResolvedSettings {
    readonly alertmanager: ResolvedAlertmanager;
  }
}

declare module '../../config/dashboards/settings' {
  interface ShippedDashboards {
    /** Firing alerts and notifications. @default on */
    readonly alerts: true;
  }
}
