import { fail } from '../config/errors';
import { parseHostPort } from '../config/names';
import { COMPONENT_SPECS } from '../constructs/registry';
import { ResolvedSettings } from '../constructs/stack/settings';

/** Components whose web port the Docker target publishes on the host (and the cluster target port-forwards). */
export const PUBLISHED_COMPONENTS = ['prometheus', 'alertmanager', 'grafana'] as const;
export type PublishedComponent = (typeof PUBLISHED_COMPONENTS)[number];

/** Docker-only options, validated and with their defaults. */
export interface DockerOptions {
  /** Host address published ports bind to. @default `127.0.0.1` */
  readonly bindAddress: string;
  /** Host port per published component. @default the catalog's web port of each */
  readonly hostPorts: Readonly<Record<PublishedComponent, number>>;
  /** host:port targets per monitored service. @default `<service name>:<port>` on the stack network */
  readonly serviceTargets: Readonly<Record<string, readonly string[]>>;
}

/** Docker options as given (config or component arguments), before validation. */
export interface DockerOptionsInput {
  readonly bindAddress?: unknown;
  readonly hostPorts?: unknown;
  readonly serviceTargets?: unknown;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Validates the Docker options and applies their defaults (the one place that does). Both the
 * stack program (errors name the Pulumi config key) and `DockerStack` (errors name the argument)
 * call it; `field(name)` spells the key of an option in the caller's terms.
 */
export function dockerOptions(
  where: string,
  field: (name: string) => string,
  input: DockerOptionsInput,
  settings: ResolvedSettings,
): DockerOptions {
  const bad = (name: string, value: unknown, allowed: string): never => fail(where, field(name), value, allowed);
  const objectOf = (name: string, value: unknown): Record<string, unknown> => {
    if (value === undefined) return {};
    if (!value || typeof value !== 'object' || Array.isArray(value)) bad(name, value, 'an object');
    return value as Record<string, unknown>;
  };

  const bindAddress = input.bindAddress ?? '127.0.0.1';
  if (typeof bindAddress !== 'string' || !IPV4.test(bindAddress))
    bad('bindAddress', bindAddress, 'an IPv4 address such as "127.0.0.1" (default) or "0.0.0.0" to publish on every interface');

  const given = objectOf('hostPorts', input.hostPorts);
  const hostPorts = {} as Record<PublishedComponent, number>;
  const owner = new Map<number, string>();
  for (const name of Object.keys(given)) {
    if (!PUBLISHED_COMPONENTS.includes(name as PublishedComponent))
      bad(`hostPorts.${name}`, given[name], `a port of one of: ${PUBLISHED_COMPONENTS.join(', ')}`);
  }
  for (const component of PUBLISHED_COMPONENTS) {
    const port = given[component] ?? COMPONENT_SPECS[component].web.port;
    if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535)
      bad(`hostPorts.${component}`, port, 'a whole number from 1 to 65535');
    const taken = owner.get(port as number);
    if (taken)
      bad(
        `hostPorts.${component}`,
        port,
        `a host port not already published by ${taken} (set ${field(`hostPorts.${component}`)} to a free port)`,
      );
    owner.set(port as number, component);
    hostPorts[component] = port as number;
  }

  const targets = objectOf('serviceTargets', input.serviceTargets);
  const serviceTargets: Record<string, readonly string[]> = {};
  for (const name of Object.keys(targets)) {
    if (!settings.services.some((s) => s.name === name))
      bad(
        `serviceTargets.${name}`,
        targets[name],
        `a monitored service name: ${settings.services.map((s) => s.name).join(', ') || '(none declared)'}`,
      );
    const list = targets[name];
    if (!Array.isArray(list) || list.length === 0 || list.some((t) => typeof t !== 'string' || !parseHostPort(t))) {
      bad(`serviceTargets.${name}`, list, 'a non-empty list of "host:port" strings');
    }
  }
  for (const service of settings.services)
    serviceTargets[service.name] = (targets[service.name] as string[] | undefined) ?? [`${service.name}:${service.port}`];
  return { bindAddress: bindAddress as string, hostPorts, serviceTargets };
}
