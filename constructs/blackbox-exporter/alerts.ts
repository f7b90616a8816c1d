import { absentJobAlert, CoveringDefinition } from '../../config/alerting/coverage';
import { NoContext } from '../../config/alerting/definition';
import { BLACKBOX_JOB } from './files';

/** Probe alerts the exporter adds beyond each service's ServiceProbeFailed: TLS expiry, and its scrape job. */
export const BLACKBOX_ALERTS: ReadonlyArray<CoveringDefinition<NoContext>> = [
  {
    alert: 'ProbeCertificateExpiring',
    severity: 'warning',
    for: '15m',
    threshold: 1209600,
    thresholdUnit: 'seconds before the earliest certificate of the chain expires',
    expr: (_, t) => `probe_ssl_earliest_cert_expiry{job="${BLACKBOX_JOB}"} - time() < ${t}`,
    summary: 'TLS certificate of {{ $labels.instance }} expires soon.',
    description: 'A certificate in the chain {{ $labels.instance }} presents expires in {{ $value | humanizeDuration }}.',
  },
  absentJobAlert('BlackboxExporterAbsent', BLACKBOX_JOB, 'blackbox probe'),
];
