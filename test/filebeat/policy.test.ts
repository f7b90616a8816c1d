/**
 * The policy suite knows Filebeat's host-agent exemption (POLICY.md 2e) and nothing more: each
 * case breaks one part of it on the dev stack with the logs store and expects the named check to
 * report it on the Filebeat DaemonSet.
 */
import { CHECKS, format } from '../policy/checks';
import { Json } from '../policy/objects';
import { objectsOf, VARIANTS } from '../policy/variants';

const variant = VARIANTS.find((v) => v.name.startsWith('dev with Elasticsearch and Kibana'))!;
const fresh = (): Json[] => structuredClone(objectsOf(variant)) as Json[];
const daemonSet = (o: Json[]) => o.find((x) => x.kind === 'DaemonSet' && x.metadata.name === 'filebeat')!;
const pod = (o: Json[]) => daemonSet(o).spec.template.spec;
const annotations = (o: Json[]) => daemonSet(o).metadata.annotations;

const CASES: Array<[string, (o: Json[]) => void, string, RegExp]> = [
  [
    'root without the Polaris annotation',
    (o) => delete annotations(o)['polaris.fairwinds.com/runAsRootAllowed-exempt'],
    'S1',
    /runAsUser 0/,
  ],
  ['root without the kube-score ignore', (o) => delete annotations(o)['kube-score/ignore'], 'S1', /runAsUser 0/],
  [
    'the writable registry without writable-host-mount',
    (o) => delete annotations(o)['ignore-check.kube-linter.io/writable-host-mount'],
    'S9',
    /hostPath \/var\/lib\/filebeat-data\/monitoring-agents \(writable\).*writable-host-mount/,
  ],
  ['a privileged Filebeat', (o) => (pod(o).containers[0].securityContext.privileged = true), 'S4', /privileged/],
  ['the host network', (o) => (pod(o).hostNetwork = true), 'S8', /hostNetwork/],
  ['the Docker socket', (o) => pod(o).volumes.push({ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }), 'S9', /docker socket/],
  ['a capability added', (o) => (pod(o).containers[0].securityContext.capabilities.add = ['DAC_OVERRIDE']), 'S6', /DAC_OVERRIDE/],
];

describe.each(CASES)('Filebeat with %s', (_title, breakIt, check, message) => {
  it(`is caught by ${check}`, () => {
    const objects = fresh();
    expect(format(CHECKS[check](objects as never))).toEqual([]);
    breakIt(objects);
    const found = CHECKS[check](objects as never).filter((v) => v.object.includes('filebeat'));
    expect(found.map((v) => v.message).join('\n')).toMatch(message);
  });
});

it('the exemption is Filebeat’s alone: the same annotations on Grafana are a 2e violation', () => {
  const objects = fresh();
  const grafana = objects.find((x) => x.kind === 'Deployment' && x.metadata.name === 'grafana')!;
  grafana.metadata.annotations = { ...grafana.metadata.annotations, 'polaris.fairwinds.com/runAsRootAllowed-exempt': 'true' };
  expect(format(CHECKS['2e'](objects as never)).join('\n')).toMatch(/grafana.*runAsRootAllowed is not allowed here/);
});
