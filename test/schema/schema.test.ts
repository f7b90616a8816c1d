/**
 * Level 3 of the testing ladder: every synthesized object of every variant validated against the
 * Kubernetes OpenAPI schema of kubernetes-models 4.5.1, unknown fields included.
 */
import { objectsOf, VARIANTS } from '../policy/variants';
import { isOperatorObject } from '../operator/crd-schema';
import { KubeObject, modelClass, schemaErrors, schemaProblems, unknownFields, walkFields } from './kubernetes-schema';

/** The last path segment of free-form (map) nodes the schema allows; anything else must be judged. */
const MAP_FIELDS = new Set([
  'labels',
  'annotations',
  'data',
  'binaryData',
  'matchLabels',
  'selector',
  'requests',
  'limits',
  'nodeSelector',
  'capacity',
]);

describe.each(VARIANTS)('$name objects', (variant) => {
  // prometheus-operator objects (operator mode) are validated by test/operator/schema.test.ts.
  const objects = objectsOf(variant).filter((o) => !isOperatorObject(o));

  it('all have a kubernetes-models schema, validate, and define no unknown field (every problem listed at once)', () => {
    expect(objects.length).toBeGreaterThan(30);
    expect(objects.filter((o) => !modelClass(o.apiVersion, o.kind)).map((o) => `${o.apiVersion} ${o.kind}`)).toEqual([]);
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it('are judged field by field: the only nodes the schema leaves open are maps', () => {
    const open = objects.flatMap((o) => walkFields(o).free.map((path) => `${o.kind}${path}`));
    expect(open.length).toBeGreaterThan(0);
    expect(open.filter((path) => !MAP_FIELDS.has(path.split('/').pop()!))).toEqual([]);
  });
});

describe('the schema check catches deliberately wrong objects', () => {
  const base = () => structuredClone(objectsOf(VARIANTS[0]).find((o) => o.kind === 'Deployment')!) as any;

  it('starts from a valid Deployment', () => {
    expect(schemaProblems(base())).toEqual([]);
  });

  it("flags a typo'd field (spec.replica) that validate() alone lets through", () => {
    const bad = base();
    bad.spec.replica = 2;
    expect(schemaErrors(bad)).toEqual([]); // kubernetes-models allows additional properties ...
    expect(unknownFields(bad)).toEqual(['/spec/replica']); // ... the schema walk does not
  });

  it('flags unknown fields deep inside the pod template and in metadata', () => {
    const bad = base();
    bad.metadata.label = { a: 'b' };
    bad.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem = true;
    bad.spec.template.spec.volumes[0].configMap.nmae = 'x';
    bad.spec.template.spec.containers[0].resources.request = { cpu: '1' };
    expect(unknownFields(bad).sort()).toEqual([
      '/metadata/label',
      '/spec/template/spec/containers/0/resources/request',
      '/spec/template/spec/containers/0/securityContext/readOnlyRootFileSystem',
      '/spec/template/spec/volumes/0/configMap/nmae',
    ]);
  });

  it('flags a string where an integer is required', () => {
    const bad = base();
    bad.spec.replicas = '2';
    bad.spec.template.spec.containers[0].ports[0].containerPort = '3000';
    const errors = schemaErrors(bad).join('\n');
    expect(errors).toMatch(/\/spec\/replicas must be integer/);
    expect(errors).toMatch(/\/spec\/template\/spec\/containers\/0\/ports\/0\/containerPort must be integer/);
  });

  it('flags a missing required field and a wrong type of object', () => {
    const bad = base();
    delete bad.spec.template.spec.containers;
    bad.spec.selector = 'app=grafana';
    const errors = schemaErrors(bad).join('\n');
    expect(errors).toMatch(/\/spec\/template\/spec must have required property containers/);
    expect(errors).toMatch(/\/spec\/selector must be object/);
  });

  it('flags an apiVersion/kind without a schema (a misspelt kind, a version that does not exist)', () => {
    expect(schemaProblems({ ...base(), kind: 'Deploymnet' } as KubeObject)).toEqual([expect.stringMatching(/no kubernetes-models schema/)]);
    expect(schemaProblems({ ...base(), kind: 'DeploymentSpec' } as KubeObject)).toEqual([
      expect.stringMatching(/no kubernetes-models schema/),
    ]);
    const bad: KubeObject = { ...base(), apiVersion: 'apps/v2' };
    expect(schemaProblems(bad)).toEqual([expect.stringMatching(/no kubernetes-models schema/)]);
  });

  it('flags unknown fields in other kinds too (Service, NetworkPolicy, ClusterRole)', () => {
    const objects = structuredClone(objectsOf(VARIANTS[0])) as any[];
    const svc = objects.find((o) => o.kind === 'Service');
    svc.spec.ports[0].targetport = 'http';
    const np = objects.find((o) => o.kind === 'NetworkPolicy' && o.spec.ingress);
    np.spec.ingress[0].form = [];
    const role = objects.find((o) => o.kind === 'ClusterRole');
    role.rules[0].resource = ['pods'];
    expect(unknownFields(svc)).toEqual(['/spec/ports/0/targetport']);
    expect(unknownFields(np)).toEqual(['/spec/ingress/0/form']);
    expect(unknownFields(role)).toEqual(['/rules/0/resource']);
  });
});
