import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as elasticsearch from '@grafana/grafana-foundation-sdk/elasticsearch';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { DATASOURCE_UIDS } from '../../config/dashboards/datasources';
import { composeDashboard, FolderedDashboard } from '../../config/dashboards/layout';
import { SizedPanel } from '../../config/dashboards/panels';
import { ResolvedSettings } from '../stack/settings';
import { SearchDefinition, shippedSearches, TIME_FIELD, toLucene } from './searches';

/** The provisioned Elasticsearch logs datasource, referenced by UID. */
export const LOGS: common.DataSourceRef = { type: 'elasticsearch', uid: DATASOURCE_UIDS.logs };

/** No threshold: counts of log lines have no good or bad value of their own. */
const neutral = () =>
  new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([{ value: null, color: 'green' }]);

/** How many rows a top-N table shows. */
const TOP = 10;

function query(search: SearchDefinition, buckets: Array<cog.Builder<elasticsearch.BucketAggregation>>): elasticsearch.DataqueryBuilder {
  return new elasticsearch.DataqueryBuilder()
    .refId('A')
    .datasource(LOGS)
    .query(toLucene(search.query))
    .timeField(TIME_FIELD)
    .metrics([new elasticsearch.CountBuilder().id('1')])
    .bucketAggs(buckets);
}

/** Matching log lines per interval. */
function overTime(search: SearchDefinition, title: string): SizedPanel {
  const builder = new timeseries.PanelBuilder()
    .title(title)
    .description(`${search.description} Count per interval (Lucene: ${toLucene(search.query)}).`)
    .datasource(LOGS)
    .withTarget(query(search, [new elasticsearch.DateHistogramBuilder().id('2').field(TIME_FIELD).settings({ interval: 'auto' })]))
    .unit('short')
    .thresholds(neutral())
    .lineWidth(1)
    .fillOpacity(10)
    .showPoints(common.VisibilityMode.Never)
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List));
  return { panel: builder, width: 12, height: 8 };
}

/** The top values of `field` among the matching log lines. */
function topN(search: SearchDefinition, title: string, field: string): SizedPanel {
  const terms = new elasticsearch.TermsBuilder()
    .id('2')
    .field(field)
    .settings({ size: String(TOP), order: elasticsearch.TermsOrder.Desc, orderBy: '_count', min_doc_count: '1' });
  const builder = new table.PanelBuilder()
    .title(title)
    .description(`Top ${TOP} ${field} values: ${search.description}`)
    .datasource(LOGS)
    .withTarget(query(search, [terms]))
    .unit('short')
    .thresholds(neutral())
    .showHeader(true);
  return { panel: builder, width: 12, height: 8 };
}

/**
 * The log-based audit dashboard, on the Elasticsearch logs datasource: server errors, slow
 * requests, authentication failures and sensitive-data access, each over time and as top-N
 * tables. The queries are the saved searches Kibana ships (same definitions), in Lucene.
 */
export function logsAuditDashboard(settings: ResolvedSettings): FolderedDashboard {
  // Built only while the Kibana component is on (its dashboards come with it).
  const searches = new Map(shippedSearches(settings.kibana!.slowRequestMs).map((s) => [s.id, s]));
  const get = (id: string) => searches.get(id)!;
  const errors = get('logs-server-errors');
  const slow = get('logs-slow-requests');
  const auth = get('logs-authentication-failures');
  const sensitive = get('logs-sensitive-data-access');
  const model: dashboard.Dashboard = composeDashboard(
    {
      uid: 'logs-audit',
      title: 'Log audit',
      description: 'From the logs store: 5xx responses, slow requests, authentication failures and sensitive-data access.',
      tags: ['logs', 'audit'],
      from: 'now-24h',
      refresh: '1m',
    },
    [
      {
        title: 'Server errors (5xx)',
        panels: [overTime(errors, '5xx responses'), topN(errors, 'Top endpoints with 5xx', 'url.path')],
      },
      {
        title: slow.title,
        panels: [overTime(slow, 'Slow requests'), topN(slow, 'Top slow endpoints', 'url.path')],
      },
      {
        title: 'Authentication failures',
        panels: [
          overTime(auth, 'Authentication failures'),
          topN(auth, 'Top source addresses', 'source.ip'),
          topN(auth, 'Top user names', 'user.name'),
        ],
      },
      {
        title: 'Sensitive-data access',
        panels: [
          overTime(sensitive, 'Sensitive-data accesses'),
          topN(sensitive, 'Top users', 'user.id'),
          topN(sensitive, 'Top actions', 'event.action'),
        ],
      },
    ],
  );
  return { folder: 'logs', model };
}
