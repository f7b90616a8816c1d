/**
 * The order problem of settings resolution, solved by the registry: a component that needs
 * another's resolved settings gets them on demand, each component resolves once, a cycle is a
 * programming error naming the chain, and the Elasticsearch users come from every component.
 */
import { Component } from '../../constructs/component';
import { resolveComponents } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';

const input: StackSettings = { profile: 'dev', cluster: 'c', environment: 'dev' };
const stack = { where: 'test', input, profile: 'dev' as const, namespace: 'monitoring', agentsNamespace: 'monitoring-agents' };

/** A fake component owning `key`, recording when it resolves; its resolve may ask for other keys first. */
function fake(
  key: 'prometheus' | 'grafana' | 'kibana',
  log: string[],
  needs: ReadonlyArray<'prometheus' | 'grafana' | 'kibana'> = [],
): Component {
  return {
    key,
    targets: [],
    settings: {
      keys: [key],
      resolve: ({ resolved }) => {
        const seen = needs.map((other) => JSON.stringify(resolved(other)));
        log.push(key);
        return { [key]: { from: key, seen } } as never;
      },
      elasticsearchClients: ({ namespace }) => (key === 'kibana' ? [] : [{ name: key, access: 'read', indices: ['logs-*'], namespace }]),
    },
  };
}

describe('resolveComponents', () => {
  it('resolves in registry order, pulling a needed component forward, each once', () => {
    const log: string[] = [];
    const resolved = resolveComponents(
      [fake('prometheus', log, ['kibana']), fake('grafana', log), fake('kibana', log, ['grafana'])],
      stack,
    );
    expect(log).toEqual(['grafana', 'kibana', 'prometheus']);
    expect(Object.keys(resolved).sort()).toEqual(['grafana', 'kibana', 'prometheus']);
    expect((resolved.prometheus as unknown as { seen: string[] }).seen).toEqual([JSON.stringify(resolved.kibana)]);
  });

  it('refuses a cycle, naming the chain', () => {
    const log: string[] = [];
    expect(() => resolveComponents([fake('prometheus', log, ['grafana']), fake('grafana', log, ['prometheus'])], stack)).toThrow(
      "settings of prometheus -> grafana -> prometheus: a component's settings need their own",
    );
  });

  it('refuses a key no component owns', () => {
    expect(() => resolveComponents([fake('prometheus', [], ['grafana'])], stack)).toThrow(
      'no registered component owns the setting grafana',
    );
  });

  it("gathers the Elasticsearch users of every component, each component's in reverse registry order", () => {
    const users: string[] = [];
    const es: Component = {
      key: 'elasticsearch',
      targets: [],
      settings: {
        keys: ['elasticsearch'],
        resolve: ({ elasticsearchClients }) => (users.push(...elasticsearchClients().map((c) => c.name)), {}),
      },
    };
    resolveComponents([fake('prometheus', []), es, fake('grafana', []), fake('kibana', [])], stack);
    expect(users).toEqual(['grafana', 'prometheus']);
  });
});
