import { ComponentSettings, Profile, resolveComponent, ResolvedComponent, Resources } from '../../config/component';
import { fail } from '../../config/errors';
import { checkComponentKeys, checkKeys, keysOf } from '../../config/strict';
import { SecretKeyReference, secretKeyReference } from '../datastores/settings';
import { thanosQuerySpec, thanosSidecarSpec } from './spec';

/**
 * Deduplicated HA queries: a Thanos sidecar in every Prometheus pod and Thanos Query in front of
 * them (`--query.replica-label=replica`); Grafana's Prometheus datasource then points at Thanos Query.
 */
export interface ThanosSettings {
  /** Thanos Query overrides (replicas, resources). @default catalog sizing (dev 1 replica, prod 2) */
  readonly query?: ComponentSettings;
  /** Sidecar container resources. @default catalog sizing for the profile */
  readonly sidecar?: { readonly resources?: Resources };
  /**
   * Upload the replicas' TSDB blocks to object storage: a key of an existing Secret holding the
   * Thanos bucket config (objstore.yml: type and config), mounted read-only. @default none (no upload)
   */
  readonly objectStorage?: SecretKeyReference;
}

/** Every key of ThanosSettings. */
export const THANOS_KEYS = keysOf<ThanosSettings>({ query: true, sidecar: true, objectStorage: true });
const SIDECAR_KEYS = keysOf<NonNullable<ThanosSettings['sidecar']>>({ resources: true });

/** Thanos settings with every default filled in (present only when Thanos is on). */
export interface ResolvedThanos {
  readonly query: ResolvedComponent;
  readonly sidecar: ResolvedComponent;
  readonly objectStorage?: SecretKeyReference;
}

/** Whether a profile runs Thanos when `prometheus.thanos` is unset: prod yes (two replicas to deduplicate), dev no. */
export const THANOS_BY_DEFAULT: Readonly<Record<Profile, boolean>> = { dev: false, prod: true };

/**
 * Validates `prometheus.thanos` (`field`): unset takes the profile's default, `false` turns it off,
 * an object (even `{}`) turns it on. Returns undefined when off.
 */
export function resolveThanos(where: string, field: string, profile: Profile, value: unknown): ResolvedThanos | undefined {
  if (value === false || (value === undefined && !THANOS_BY_DEFAULT[profile])) return undefined;
  const input = (value === undefined || value === true ? {} : value) as ThanosSettings;
  if (typeof input !== 'object' || Array.isArray(input) || input === null)
    fail(where, field, value, 'true or an object { query?, sidecar?, objectStorage? } (Thanos sidecar + Query), or false (none)');
  checkKeys(where, field, input, THANOS_KEYS);
  checkComponentKeys(where, `${field}.query`, input.query);
  checkComponentKeys(where, `${field}.sidecar`, input.sidecar, SIDECAR_KEYS);
  return {
    query: resolveComponent(where, `${field}.query`, thanosQuerySpec, profile, input.query),
    sidecar: resolveComponent(where, `${field}.sidecar`, thanosSidecarSpec, profile, { resources: input.sidecar?.resources }),
    ...(input.objectStorage !== undefined
      ? { objectStorage: secretKeyReference(where, `${field}.objectStorage`, input.objectStorage) }
      : {}),
  };
}

/** The settings that resolve to `thanos` again (a construct re-validates what the stack resolved). */
export function thanosSettingsOf(thanos: ResolvedThanos | undefined): ThanosSettings | false {
  if (!thanos) return false;
  return {
    query: { replicas: thanos.query.replicas, resources: thanos.query.resources },
    sidecar: { resources: thanos.sidecar.resources },
    ...(thanos.objectStorage ? { objectStorage: thanos.objectStorage } : {}),
  };
}
