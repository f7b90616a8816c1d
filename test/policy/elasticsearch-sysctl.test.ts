/**
 * POLICY.md S13: the opt-in Elasticsearch sysctl init container is the only privileged container
 * the suite accepts, and only with all of its exemption annotations on the StatefulSet and in a
 * namespace whose Pod Security level is `privileged`. Each case breaks one of those conditions.
 */
import { CHECKS, format } from './checks';
import { Json } from './objects';
import { objectsOf, VARIANTS } from './variants';

const variant = VARIANTS.find((v) => v.name.includes('maxMapCount initContainer'))!;
const fresh = (): Json[] => structuredClone(objectsOf(variant)) as Json[];
const sts = (o: Json[]) => o.find((x) => x.kind === 'StatefulSet' && x.metadata.name === 'elasticsearch');
const ids = ['S1', 'S3', 'S4', 'S5'];
const run = (o: Json[]) => ids.flatMap((id) => format(CHECKS[id](o)));

it('the variant as synthesized passes S1, S3, S4 and S5', () => {
  expect(run(fresh())).toEqual([]);
});

it.each([
  ['without one of its annotations', (o: Json[]) => delete sts(o).metadata.annotations['polaris.fairwinds.com/runAsPrivileged-exempt']],
  ['under another container name', (o: Json[]) => (sts(o).spec.template.spec.initContainers[0].name = 'tune')],
  [
    'in a restricted namespace',
    (o: Json[]) => {
      const ns = o.find((x) => x.kind === 'Namespace' && x.metadata.name === 'monitoring-agents');
      ns.metadata.labels['pod-security.kubernetes.io/enforce'] = 'restricted';
    },
  ],
])('is a violation %s', (_name, breakIt) => {
  const o = fresh();
  breakIt(o);
  const found = run(o);
  expect(found.some((v) => v.startsWith('[S4]') && v.includes('securityContext.privileged is true'))).toBe(true);
  expect(found.some((v) => v.startsWith('[S1]') && v.includes('runAsUser 0'))).toBe(true);
});

it('exempts nothing else: the config init container made privileged is a violation', () => {
  const o = fresh();
  const config = sts(o).spec.template.spec.initContainers.find((c: Json) => c.name === 'config');
  config.securityContext.privileged = true;
  expect(run(o)).toEqual([expect.stringMatching(/^\[S4\] .*initContainers\[config\]: securityContext.privileged is true/)]);
});
