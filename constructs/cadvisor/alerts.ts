import { absentJobAlert, CoveringDefinition } from '../../config/alerting/coverage';
import { NoContext } from '../../config/alerting/definition';
import { CADVISOR_JOB } from './scrape';

const periods = (metric: string) => `sum by (namespace, pod, container) (increase(${metric}{job="${CADVISOR_JOB}", container!=""}[5m]))`;

/** Container alerts from cAdvisor's series, and its scrape job. */
export const CADVISOR_ALERTS: ReadonlyArray<CoveringDefinition<NoContext>> = [
  {
    alert: 'CPUThrottlingHigh',
    severity: 'info',
    for: '15m',
    threshold: 0.25,
    thresholdUnit: 'ratio of CFS periods throttled (0..1)',
    expr: (_, t) => `${periods('container_cpu_cfs_throttled_periods_total')} / ${periods('container_cpu_cfs_periods_total')} > ${t}`,
    summary: 'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} is CPU throttled.',
    description:
      '{{ $value | humanizePercentage }} of the CPU periods of {{ $labels.container }} in {{ $labels.namespace }}/{{ $labels.pod }} ' +
      'hit its CPU limit: it runs slower than it could.',
  },
  absentJobAlert('CadvisorAbsent', CADVISOR_JOB, 'cAdvisor (container metrics)'),
];
