// Misspelt keys, each of which the consumer's tsc must refuse (test/consumer/consumer.test.ts
// reads the errors): a component key, a key inside a component's settings, a dashboard name.
import type { StackSettings } from 'typed-observability-stack';

const base = { profile: 'dev', cluster: 'c', environment: 'dev' } as const;

export const componentKey: StackSettings = { ...base, logstahs: {} };
export const insideComponent: StackSettings = { ...base, logstash: { heapp: '1g' } };
export const dashboardName: StackSettings = { ...base, dashboards: { shipped: { tracng: false } } };
