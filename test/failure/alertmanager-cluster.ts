import { join } from 'path';
import { alertmanagerPeers } from '../../constructs/alertmanager/alertmanager';
import { alertmanagerSpec } from '../../constructs/alertmanager/spec';
import { Manifest } from '../../constructs/stack/footprint';
import { http, Running, start, waitFor, waitReady } from '../support/processes';
import { Cleanup } from './harness';

/**
 * The Alertmanager gossip cluster of the synthesized prod stack, run on loopback: the flags are
 * read from the generated StatefulSet and only their addresses and paths are moved to 127.0.0.1
 * and temp dirs. A flag this file does not know fails the test, so a new generated flag is
 * either run here or stated as not runnable.
 */

/** `--cluster.peer-timeout` (test-only timing): member N waits N x this before it notifies in place of member 0; default 15s. */
export const PEER_TIMEOUT_MS = 2000;
/**
 * Test-only timing flags added to the generated ones. The gossip interval also paces the
 * settling wait (10 x interval, three stable rounds) before a member sends anything: 200ms by
 * default, about 10 s per cluster start.
 */
const TEST_TIMINGS = [`--cluster.peer-timeout=${PEER_TIMEOUT_MS / 1000}s`, '--cluster.gossip-interval=50ms'];

/** One member of the loopback cluster. */
export interface Member {
  readonly index: number;
  readonly url: string;
  /** The generated args, localized. */
  readonly args: readonly string[];
}

/** The container args and replica count of the generated Alertmanager StatefulSet. */
export function generatedAlertmanager(manifests: readonly Manifest[]): { args: string[]; replicas: number; namespace: string } {
  const set = manifests.find((m) => m.kind === 'StatefulSet' && m.metadata.name === alertmanagerSpec.name);
  if (!set) throw new Error('no Alertmanager StatefulSet in the synthesized objects');
  const spec = set.spec as { replicas: number; template: { spec: { containers: Array<{ name: string; args: string[] }> } } };
  const container = spec.template.spec.containers.find((c) => c.name === alertmanagerSpec.name);
  if (!container) throw new Error('no alertmanager container in the Alertmanager StatefulSet');
  return { args: container.args, replicas: spec.replicas, namespace: set.metadata.namespace! };
}

/** Loopback ports and dirs of one member. */
interface Local {
  readonly config: string;
  readonly storage: string;
  readonly webPort: number;
  /** Gossip port of every member, by replica index. */
  readonly clusterPorts: readonly number[];
}

/** The generated args of replica `index`, with every address and path moved to loopback and temp dirs. */
export function localizeArgs(args: readonly string[], index: number, namespace: string, replicas: number, local: Local): string[] {
  const peers = alertmanagerPeers(namespace, replicas);
  const gossipPort = alertmanagerSpec.extraPorts[0].port;
  const own = `127.0.0.1:${local.clusterPorts[index]}`;
  return args.map((arg) => {
    const [, name, value] = /^--([a-z.-]+)=(.*)$/.exec(arg) ?? [];
    switch (name) {
      case 'config.file':
        return `--${name}=${local.config}`;
      case 'storage.path':
        return `--${name}=${local.storage}`;
      case 'web.listen-address':
        return `--${name}=127.0.0.1:${local.webPort}`;
      case 'cluster.listen-address':
      case 'cluster.advertise-address':
        if (!value.endsWith(`:${gossipPort}`)) throw new Error(`${arg}: expected the gossip port ${gossipPort}`);
        return `--${name}=${own}`;
      case 'cluster.peer': {
        const peer = peers.indexOf(value);
        if (peer < 0) throw new Error(`${arg}: not one of the generated peers ${peers.join(', ')}`);
        return `--${name}=127.0.0.1:${local.clusterPorts[peer]}`;
      }
      default:
        throw new Error(`generated Alertmanager flag ${arg} has no loopback translation in test/failure/alertmanager-cluster.ts`);
    }
  });
}

/** The loopback cluster: members by replica index; `start(i)` (re)starts one on its own data dir. */
export class LoopbackCluster {
  readonly members: Member[];
  private readonly running = new Map<number, Running>();

  constructor(
    private readonly bin: string,
    private readonly cleanup: Cleanup,
    generated: { args: string[]; replicas: number; namespace: string },
    config: string,
    dir: string,
    webPorts: readonly number[],
    clusterPorts: readonly number[],
  ) {
    this.members = Array.from({ length: generated.replicas }, (_, index) => ({
      index,
      url: `http://127.0.0.1:${webPorts[index]}`,
      args: [
        ...localizeArgs(generated.args, index, generated.namespace, generated.replicas, {
          config,
          storage: join(dir, `am-${index}`),
          webPort: webPorts[index],
          clusterPorts,
        }),
        ...TEST_TIMINGS,
      ],
    }));
  }

  /** Starts member `index` (again, on the same data dir); resolves when it is ready. */
  async start(index: number): Promise<void> {
    const member = this.members[index];
    const running = this.cleanup.track(start(`alertmanager-${index}`, this.bin, member.args));
    this.running.set(index, running);
    await waitReady(`${member.url}/-/ready`, 30_000).catch((error) => {
      throw new Error(`${error}\n${running.output()}`);
    });
  }

  /** The process of member `index` (the last one started). */
  process(index: number): Running {
    const running = this.running.get(index);
    if (!running) throw new Error(`alertmanager-${index} was never started`);
    return running;
  }

  /** Waits until every listed member sees `size` members, all alive; returns each one's gossip name. */
  async waitMembers(indexes: readonly number[], size: number, timeoutMs: number): Promise<Map<number, string>> {
    const names = new Map<number, string>();
    await waitFor(
      `alertmanagers ${indexes.join(', ')} to see ${size} cluster members`,
      async () => {
        for (const index of indexes) {
          const status = JSON.parse((await http('GET', `${this.members[index].url}/api/v2/status`)).body) as {
            cluster: { name: string; status: string; peers?: Array<{ name: string }> };
          };
          if (status.cluster.status !== 'ready' || (status.cluster.peers ?? []).length !== size) return undefined;
          names.set(index, status.cluster.name);
        }
        return true;
      },
      timeoutMs,
      250,
    );
    return names;
  }
}

/** An alert as Prometheus posts it to `/api/v2/alerts`. */
export interface PostedAlert {
  readonly labels: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/**
 * Posts the same alerts the way each Prometheus replica does: to every Alertmanager (members that
 * are down refuse the connection, as they do for Prometheus), each replica with its own generatorURL.
 */
export async function postFromReplicas(
  cluster: LoopbackCluster,
  replicas: readonly string[],
  alerts: readonly PostedAlert[],
): Promise<number> {
  const startsAt = new Date(Date.now() - 1000).toISOString();
  const endsAt = new Date(Date.now() + 5 * 60_000).toISOString();
  let accepted = 0;
  for (const replica of replicas) {
    const body = alerts.map((a) => ({
      labels: a.labels,
      annotations: a.annotations ?? {},
      startsAt,
      endsAt,
      generatorURL: `http://prometheus-${replica}.example/graph`,
    }));
    await Promise.all(
      cluster.members.map(async (member) => {
        const res = await http('POST', `${member.url}/api/v2/alerts`, body).catch(() => undefined);
        if (res?.status === 200) accepted++;
      }),
    );
  }
  return accepted;
}
