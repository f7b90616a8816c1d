/**
 * Adding a component is one folder plus one registry line: each component folder owns its
 * settings keys (added to StackSettings and ResolvedSettings by interface merging), their
 * resolution and its dashboards' names, and nothing of the stack's own code names the folder.
 * Read from the sources with TypeScript's own parser and import scanner, and from the registry.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import * as ts from 'typescript';
import { importsOf, ROOT, sourceFiles } from '../support/source-graph';
import { Component } from '../../constructs/component';
import { COMPONENTS, SHIPPED_DASHBOARDS, STACK_KEYS } from '../../constructs/registry';
import { resolveSettings } from '../../constructs/stack/resolve';
import { STACK_LEVEL_KEYS } from '../../constructs/stack/settings';
import { fixtureSettings } from '../support/fixtures';

const registered: readonly Component[] = COMPONENTS;

const FILES = [...['config', 'constructs', 'stacks'].flatMap((dir) => sourceFiles(join(ROOT, dir))), join(ROOT, 'main.ts')].map((f) =>
  relative(ROOT, f),
);
const GRAPH = new Map(FILES.map((file) => [file, importsOf(join(ROOT, file))]));

/** Component folders: constructs/<name>/ with an index.ts (the shared building blocks k8s/ and stack/ are not components). */
const FOLDERS = readdirSync(join(ROOT, 'constructs')).filter(
  (name) => !['k8s', 'stack'].includes(name) && existsSync(join(ROOT, 'constructs', name, 'index.ts')),
);
const folderOf = (file: string) => /^constructs\/([^/]+)\//.exec(file)?.[1];

/**
 * Files outside the component folders that still import one, each with its reason. The stack's
 * alerting (catalog validation, the Alertmanager configuration and the rule files) is built on
 * Alertmanager's routing, the services' and the databases' alert catalogs; the Pulumi stacks
 * generate the Elasticsearch and Kibana passwords and keys, and name Prometheus' scrape shards.
 */
const EXCEPTIONS: Readonly<Record<string, string>> = {
  'constructs/stack/alerting-validation.ts -> alertmanager': 'alerting overrides are checked against the routing and inhibitions',
  'constructs/stack/alerting-validation.ts -> datastores': 'alerting.exporters is validated against the database alert catalog',
  'constructs/stack/alerting-validation.ts -> services': 'alerting.services is validated against the service and SLO alert catalogs',
  'constructs/stack/alerting.ts -> alertmanager': 'renders alertmanager.yml and its templates from the stack-level alerting settings',
  'stacks/docker.ts -> prometheus': "the Docker target mounts Prometheus' scrape shards by their ConfigMap prefix",
  'stacks/elasticsearch-secrets.ts -> elasticsearch': 'Pulumi generates the passwords of the Elasticsearch users',
  'stacks/elasticsearch-secrets.ts -> kibana': "Pulumi generates Kibana's encryption keys",
};

/** The property names an interface-merging block of `file` adds to `interfaceName` in module `module`. */
function augmentedKeys(file: string, module: string, interfaceName: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
  const keys: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isModuleDeclaration(statement) || !ts.isStringLiteral(statement.name) || statement.name.text !== module) continue;
    const body = statement.body;
    if (!body || !ts.isModuleBlock(body)) continue;
    for (const member of body.statements)
      if (ts.isInterfaceDeclaration(member) && member.name.text === interfaceName)
        for (const property of member.members) if (property.name && ts.isIdentifier(property.name)) keys.push(property.name.text);
  }
  return keys;
}
const augmentations = (module: (file: string) => string, interfaceName: string) =>
  FILES.filter((f) => folderOf(f) && FOLDERS.includes(folderOf(f)!)).flatMap((file) =>
    augmentedKeys(file, module(file), interfaceName).map((key) => ({ file, folder: folderOf(file)!, key })),
  );
const toStack = (file: string) => relative(dirname(file), 'constructs/stack/settings').replace(/^(?!\.)/, './');
const toDashboards = (file: string) => relative(dirname(file), 'config/dashboards/settings').replace(/^(?!\.)/, './');
const STACK_AUGMENTATIONS = augmentations(toStack, 'StackSettings');
const RESOLVED_AUGMENTATIONS = augmentations(toStack, 'ResolvedSettings');
const DASHBOARD_AUGMENTATIONS = augmentations(toDashboards, 'ShippedDashboards');

/** The registered component of a folder: the one its index.ts exports. */
function componentOfFolder(folder: string): Component | undefined {
  const exported = Object.values(require(join(ROOT, 'constructs', folder, 'index.ts'))) as unknown[];
  return registered.find((c) => exported.includes(c));
}

describe('each component folder is imported only by the registry, the public API and other components', () => {
  it(`reads the component folders (${FOLDERS.length}) and the files importing them`, () => {
    expect(FOLDERS).toEqual(expect.arrayContaining(['blackbox-exporter', 'kibana', 'logstash', 'elasticsearch', 'prometheus']));
    expect(FOLDERS.length).toBeGreaterThanOrEqual(registered.length - 1);
  });

  it('no shared file (constructs/stack/, config/, stacks/, main.ts) imports a component folder, except those listed', () => {
    const found = [...GRAPH].flatMap(([file, imports]) => {
      const own = folderOf(file);
      if (own && FOLDERS.includes(own)) return [];
      if (['constructs/registry.ts', 'constructs/index.ts'].includes(file)) return [];
      return [...new Set(imports.map(folderOf).filter((f): f is string => !!f && FOLDERS.includes(f)))].map((f) => `${file} -> ${f}`);
    });
    expect(found.filter((edge) => !EXCEPTIONS[edge])).toEqual([]);
    // Every listed exception is still needed.
    expect(Object.keys(EXCEPTIONS).filter((edge) => !found.includes(edge))).toEqual([]);
  });

  it.each(['blackbox-exporter', 'logstash', 'kibana'])('%s: the files outside it that import it', (folder) => {
    const importers = [...GRAPH].filter(([file, imports]) => folderOf(file) !== folder && imports.some((i) => folderOf(i) === folder));
    for (const [file] of importers)
      expect(file).toMatch(/^constructs\/(registry|index)\.ts$|^constructs\/[^/]+\/|^stacks\/elasticsearch-secrets\.ts$/);
    expect(importers.map(([file]) => file)).toEqual(expect.arrayContaining(['constructs/registry.ts']));
  });
});

describe('the stack settings are assembled from the registry', () => {
  const owned = registered.flatMap((c) => (c.settings?.keys ?? []).map((key) => ({ key, component: c.key })));

  it('STACK_KEYS is the stack-level keys plus every registered component key, each owned once', () => {
    expect([...STACK_KEYS].sort()).toEqual([...STACK_LEVEL_KEYS, ...owned.map((o) => o.key)].sort());
    expect(new Set(STACK_KEYS).size).toBe(STACK_KEYS.length);
    expect(owned.map((o) => o.key)).toEqual(expect.arrayContaining(['logstash', 'kibana', 'blackboxExporter', 'databases', 'services']));
  });

  it('every key a component folder adds to StackSettings is owned by the component that folder registers (and resolved back)', () => {
    expect(STACK_AUGMENTATIONS.length).toBeGreaterThanOrEqual(15);
    for (const { file, folder, key } of STACK_AUGMENTATIONS) {
      const component = componentOfFolder(folder);
      expect(component ? `${file}: ${key}` : `${file}: ${key} (the folder's component is not in the registry)`).toBe(`${file}: ${key}`);
      expect(component!.settings?.keys ?? []).toContain(key);
    }
    // The owned keys are exactly the keys the folders add, to StackSettings and to ResolvedSettings alike.
    expect(STACK_AUGMENTATIONS.map((a) => a.key).sort()).toEqual(owned.map((o) => o.key).sort());
    expect(RESOLVED_AUGMENTATIONS.map((a) => a.key).sort()).toEqual(owned.map((o) => o.key).sort());
  });

  it('every dashboard name a folder adds is shipped by its component, in a unique order', () => {
    expect(DASHBOARD_AUGMENTATIONS.map((a) => a.key).sort()).toEqual([...SHIPPED_DASHBOARDS].sort());
    for (const { folder, key } of DASHBOARD_AUGMENTATIONS) expect(Object.keys(componentOfFolder(folder)?.dashboards ?? {})).toContain(key);
    const orders = registered.flatMap((c) => Object.values(c.dashboards ?? {}).map((d) => d!.order));
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('every file that adds settings keys or dashboard names is part of the public API (consumers see its keys)', () => {
    const publicApi = GRAPH.get('constructs/index.ts')!;
    const files = new Set([...STACK_AUGMENTATIONS, ...DASHBOARD_AUGMENTATIONS].map((a) => a.file));
    for (const file of files) expect(publicApi.includes(file) ? file : `${file} is not exported from constructs/index.ts`).toBe(file);
    // The ./pulumi entry's declarations reach them through the main entry's.
    expect(GRAPH.get('stacks/library.ts')).toContain('constructs/index.ts');
  });

  it('a key that belongs to a component of the registry resolves through its hook, and an unowned key is refused', () => {
    const settings = resolveSettings({ ...fixtureSettings('dev'), elasticsearch: {}, jaeger: {} }, 'test');
    // With the logs store and tracing on, every owned key is resolved but operator mode's.
    expect(owned.map((o) => o.key).filter((key) => !(key in settings))).toEqual(['operator']);
    expect(settings.logstash?.namespace).toBe('monitoring');
    expect(settings.elasticsearch?.clients.map((c) => c.name)).toEqual(['grafana', 'jaeger', 'jaeger-es-index-cleaner', 'logstash']);
    expect(() => resolveSettings({ ...fixtureSettings('dev'), logstsah: {} } as never, 'test')).toThrow(
      'test: unknown setting logstsah; did you mean logstash?',
    );
  });
});
