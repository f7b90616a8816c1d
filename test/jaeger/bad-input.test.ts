import { App, Chart } from 'cdk8s';
import { SettingsError } from '../../config/errors';
import { UnknownSettingError } from '../../config/strict';
import { ObservabilityStack } from '../../constructs';
import { Jaeger } from '../../constructs/jaeger/jaeger';
import { StackSettings } from '../../constructs/stack/settings';
import { fixtureSettings } from '../support/fixtures';

/** The SettingsError the stack gives for these settings (fails when they are accepted). */
function errorOf(settings: StackSettings): SettingsError {
  try {
    new ObservabilityStack(new Chart(new App(), 'test'), 'obs', settings);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('the settings were accepted');
}
const dev = (jaeger: object, elasticsearch: object = {}): StackSettings => ({
  ...fixtureSettings('dev'),
  elasticsearch,
  jaeger: jaeger as never,
});
const prod = (jaeger: object, elasticsearch: object = {}): StackSettings => ({
  ...fixtureSettings('prod'),
  elasticsearch,
  jaeger: jaeger as never,
});
const sampling = (s: object) => dev({ sampling: s });

// Each bad input: the settings, the field the error names, and a part of what is allowed.
const CASES: ReadonlyArray<readonly [string, StackSettings, string, string]> = [
  ['jaeger without the logs store', { ...fixtureSettings('dev'), jaeger: {} }, 'jaeger', 'Jaeger stores spans in settings.elasticsearch'],
  // sampling values out of range, duplicate services
  ['probability above 1', sampling({ default: { type: 'probabilistic', param: 1.5 } }), 'jaeger.sampling.default.param', 'from 0 to 1'],
  ['negative probability', sampling({ default: { type: 'probabilistic', param: -0.1 } }), 'jaeger.sampling.default.param', 'from 0 to 1'],
  [
    'negative rate limit',
    sampling({ services: [{ service: 'a', type: 'ratelimiting', param: -1 }] }),
    'jaeger.sampling.services[0].param',
    '>= 0',
  ],
  [
    'unknown sampler',
    sampling({ default: { type: 'always', param: 1 } }),
    'jaeger.sampling.default.type',
    '"probabilistic" or "ratelimiting"',
  ],
  [
    'a param that is not a number',
    sampling({ default: { type: 'probabilistic', param: '0.5' } }),
    'jaeger.sampling.default.param',
    'a number',
  ],
  [
    'duplicate service',
    sampling({
      services: [
        { service: 'checkout', type: 'probabilistic', param: 0.5 },
        { service: 'checkout', type: 'ratelimiting', param: 2 },
      ],
    }),
    'jaeger.sampling.services[1].service',
    'one strategy per service',
  ],
  [
    'empty service name',
    sampling({ services: [{ service: '', type: 'probabilistic', param: 0.5 }] }),
    'jaeger.sampling.services[0].service',
    'a service name',
  ],
  [
    'operation probability above 1',
    sampling({ services: [{ service: 'a', type: 'probabilistic', param: 0.5, operations: [{ operation: 'GET /', probability: 2 }] }] }),
    'jaeger.sampling.services[0].operations[0].probability',
    'from 0 to 1',
  ],
  [
    'duplicate operation',
    sampling({
      services: [
        {
          service: 'a',
          type: 'probabilistic',
          param: 0.5,
          operations: [
            { operation: 'GET /', probability: 0.1 },
            { operation: 'GET /', probability: 0.2 },
          ],
        },
      ],
    }),
    'jaeger.sampling.services[0].operations[1].operation',
    'no other entry of this service',
  ],
  [
    'operations not a list',
    sampling({ services: [{ service: 'a', type: 'probabilistic', param: 0.5, operations: {} }] }),
    'jaeger.sampling.services[0].operations',
    'a list',
  ],
  ['services not a list', sampling({ services: {} }), 'jaeger.sampling.services', 'a list'],
  ['dropOperations not a list', sampling({ dropOperations: '/health' }), 'jaeger.sampling.dropOperations', 'a list of operation names'],
  ['empty dropped operation', sampling({ dropOperations: [''] }), 'jaeger.sampling.dropOperations[0]', 'an operation'],
  // lookback longer than the retention; retention and lookback format
  ['lookback longer than the retention', dev({ retention: '7d', lookback: '14d' }), 'jaeger.lookback', 'at most the retention (7d)'],
  ['retention in hours', dev({ retention: '36h' }), 'jaeger.retention', 'whole number of days'],
  ['zero retention', dev({ retention: '0d' }), 'jaeger.retention', 'longer than zero'],
  ['lookback not a duration', dev({ lookback: 'a week' }), 'jaeger.lookback', 'whole number of days'],
  // replicas higher than the Elasticsearch nodes allow
  ['index replicas on one node', dev({ indexReplicas: 1 }), 'jaeger.indexReplicas', 'from 0 to 0 (Elasticsearch has 1 node'],
  ['index replicas = nodes on three', prod({ indexReplicas: 3 }), 'jaeger.indexReplicas', 'from 0 to 2 (Elasticsearch has 3 nodes'],
  ['negative index replicas', prod({ indexReplicas: -1 }), 'jaeger.indexReplicas', 'a whole number from 0 to 2'],
  // shapes and scaling
  ['one collector in prod', prod({ collector: { replicas: 1 } }), 'jaeger.collector.replicas', '2 or more in prod'],
  ['two processes in dev', dev({ collector: { replicas: 2 } }), 'jaeger.collector.replicas', '1 in dev'],
  ['autoscaling in dev', dev({ collector: { autoscaling: { maxReplicas: 4 } } }), 'jaeger.collector.autoscaling', 'prod only'],
  [
    'HPA min below 2',
    prod({ collector: { autoscaling: { minReplicas: 1, maxReplicas: 4 } } }),
    'jaeger.collector.autoscaling.minReplicas',
    '>= 2',
  ],
  [
    'HPA max not above min',
    prod({ collector: { autoscaling: { maxReplicas: 2 } } }),
    'jaeger.collector.autoscaling.maxReplicas',
    '> minReplicas (2)',
  ],
  [
    'HPA target out of range',
    prod({ collector: { autoscaling: { maxReplicas: 4, targetCpuPercent: 150 } } }),
    'jaeger.collector.autoscaling.targetCpuPercent',
    'from 10 to 100',
  ],
  [
    'query ingress without TLS secret',
    dev({ query: { ingress: { host: 'jaeger.example.org' } } }),
    'jaeger.query.ingress.tlsSecretName',
    'DNS',
  ],
  [
    'query limit below request',
    dev({ query: { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '500m', memory: '1Gi' } } } }),
    'jaeger.query.resources.limits.cpu',
    '>= the request',
  ],
  // rotation, prefix, schedule
  ['unknown rotation', dev({ rotation: 'weekly' }), 'jaeger.rotation', '"daily" or "ilm"'],
  ['ILM policy with daily indices', dev({ ilmPolicy: 'p' }), 'jaeger.ilmPolicy', 'unless rotation is "ilm"'],
  ['cleaner schedule with ILM', dev({ rotation: 'ilm', cleanerSchedule: '0 1 * * *' }), 'jaeger.cleanerSchedule', 'the ILM policy deletes'],
  ['cleaner schedule not cron', dev({ cleanerSchedule: 'daily' }), 'jaeger.cleanerSchedule', 'five fields'],
  ['upper-case prefix', dev({ indexPrefix: 'Prod' }), 'jaeger.indexPrefix', ''],
  ['prefix with a trailing dash', dev({ indexPrefix: 'prod-' }), 'jaeger.indexPrefix', ''],
];

describe('bad Jaeger settings are synth-time errors naming the field', () => {
  it.each(CASES)('%s', (_name, settings, field, allowed) => {
    const error = errorOf(settings);
    expect(error.field).toBe(field);
    expect(error.message).toContain(`test/obs: invalid ${field} = `);
    expect(error.allowed).toContain(allowed);
  });
});

describe('unknown keys are errors, at every level', () => {
  it.each([
    ['jaeger.retension', dev({ retension: '7d' }), 'retention'],
    ['jaeger.collector.autoscalling', prod({ collector: { autoscalling: {} } }), 'autoscaling'],
    ['jaeger.collector.autoscaling.max', prod({ collector: { autoscaling: { max: 3, maxReplicas: 4 } } }), undefined],
    ['jaeger.query.ingres', dev({ query: { ingres: {} } }), 'ingress'],
    ['jaeger.sampling.defaults', sampling({ defaults: {} }), 'default'],
    [
      'jaeger.sampling.services[0].operation',
      sampling({ services: [{ service: 'a', type: 'probabilistic', param: 1, operation: [] }] }),
      'operations',
    ],
    [
      'jaeger.sampling.services[0].operations[0].prob',
      sampling({ services: [{ service: 'a', type: 'probabilistic', param: 1, operations: [{ operation: 'x', prob: 1 }] }] }),
      undefined,
    ],
  ] as const)('%s', (field, settings, suggestion) => {
    const error = errorOf(settings);
    expect(error).toBeInstanceOf(UnknownSettingError);
    expect(error.field).toBe(field);
    if (suggestion) expect((error as UnknownSettingError).suggestion).toBe(suggestion);
  });
});

test('the construct alone names its own path and props', () => {
  const chart = new Chart(new App(), 'test');
  expect(() => new Jaeger(chart, 'traces', { profile: 'prod', lookback: '30d' })).toThrow(
    'test/traces: invalid props.lookback = "30d"; allowed: at most the retention (14d): query would search indices the cleaner has deleted',
  );
});
