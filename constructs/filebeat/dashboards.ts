import { composeDashboard, FolderedDashboard, Section } from '../../config/dashboards/layout';
import { statPanel, timeseriesPanel } from '../../config/dashboards/panels';
import { logstashPipelineSections } from '../logstash/dashboards';
import { ResolvedSettings } from '../stack/settings';
import { FILEBEAT_JOB } from './scrape';

const FB = `job="${FILEBEAT_JOB}"`;
/** Per-second rate of one of beat-exporter's event counters (`<metric>{type}`), summed over nodes or by a label. */
const events = (metric: string, type: string, by = '') => `sum${by ? ` by (${by})` : ''} (rate(${metric}{${FB}, type="${type}"}[5m]))`;
const PIPELINE = 'filebeat_libbeat_pipeline_events';
const OUTPUT = 'filebeat_libbeat_output_events';

/**
 * The Filebeat rows of the logging-pipeline dashboard, on beat-exporter 0.4.0's series
 * (collector/libbeat.go): events the inputs published into Filebeat's queue, events its output
 * had acknowledged, what was dropped or failed at each of the two stages, and what is still in
 * flight per node (the shipper's lag).
 */
export function filebeatPipelineSections(): Section[] {
  return [
    {
      title: 'Filebeat: nodes to the output',
      panels: [
        statPanel({
          title: 'Filebeat up',
          description: 'Nodes whose Filebeat answers its exporter (FilebeatDown names the others).',
          queries: [{ expr: `count(filebeat_up{${FB}} == 1)`, instant: true }],
          unit: 'none',
        }),
        statPanel({
          title: 'Published / s',
          description: 'Events the inputs published into the queue, all nodes.',
          queries: [{ expr: events(PIPELINE, 'published'), instant: true }],
          unit: 'short',
        }),
        statPanel({
          title: 'Acknowledged / s',
          description: 'Events the output (Logstash or Elasticsearch) acknowledged, all nodes.',
          queries: [{ expr: events(OUTPUT, 'acked'), instant: true }],
          unit: 'short',
        }),
        timeseriesPanel({
          title: 'Events published, acknowledged',
          description: 'Per second: into the queue, and acknowledged by the output; a gap that stays is a backlog.',
          queries: [
            { expr: events(PIPELINE, 'published'), legend: 'published' },
            { expr: events(OUTPUT, 'acked'), legend: 'acknowledged' },
          ],
          unit: 'short',
        }),
        timeseriesPanel({
          title: 'Events dropped or failed',
          description: 'Per second, per stage: the queue (processors, full queue) and the output (rejected, failed batches).',
          queries: [
            { expr: events(PIPELINE, 'dropped'), legend: 'queue dropped' },
            { expr: events(PIPELINE, 'failed'), legend: 'queue failed' },
            { expr: events(OUTPUT, 'dropped'), legend: 'output dropped' },
            { expr: events(OUTPUT, 'failed'), legend: 'output failed' },
          ],
          unit: 'short',
        }),
        timeseriesPanel({
          title: 'In flight (lag)',
          description: 'Events published but not yet acknowledged, per node: what a restart would resend.',
          queries: [{ expr: `sum by (node) (${PIPELINE}{${FB}, type="active"})`, legend: '{{node}}' }],
          unit: 'short',
        }),
      ],
    },
  ];
}

/**
 * The logging-pipeline dashboard: Filebeat's rows, then Logstash's when the stack runs it (with
 * `logstash: false` Filebeat ships straight to Elasticsearch and the Logstash rows would stay empty).
 */
export function loggingPipelineDashboard(settings: ResolvedSettings): FolderedDashboard {
  const model = composeDashboard(
    {
      uid: 'logging-pipeline',
      title: 'Logging pipeline',
      description:
        'Logs on their way to Elasticsearch: events in, out and dropped per stage (Filebeat, Logstash), ' +
        'queue depth, lag and the dead-letter queue.',
      tags: ['logs', 'filebeat', ...(settings.logstash ? ['logstash'] : [])],
      refresh: '30s',
    },
    [...filebeatPipelineSections(), ...(settings.logstash ? logstashPipelineSections() : [])],
  );
  return { folder: 'logs', model };
}
