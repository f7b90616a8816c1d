import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { PROMETHEUS } from './panels';

/**
 * Template variables. Every multi-value variable has the "All" value `.*`, so panel queries
 * always match it with `=~"$name"`. No variable reads an external label (`cluster`,
 * `environment`): Prometheus adds those only to what leaves it (alerts, remote write,
 * federation), so `label_values` on the local TSDB never sees them and the variable stays empty.
 */

/** A variable filled from `label_values(<selector>, <label>)` on the Prometheus datasource. */
export function labelVariable(name: string, label: string, selector: string, title: string): dashboard.QueryVariableBuilder {
  return labelQueryVariable(name, label, selector, title)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ selected: true, text: 'All', value: '$__all' });
}

/**
 * A single-value variable filled from `label_values(<selector>, <label>)`: Grafana selects the
 * first value, so panels match exactly one (e.g. one node of a detail dashboard).
 */
export function singleLabelVariable(name: string, label: string, selector: string, title: string): dashboard.QueryVariableBuilder {
  return labelQueryVariable(name, label, selector, title).multi(false).includeAll(false);
}

function labelQueryVariable(name: string, label: string, selector: string, title: string): dashboard.QueryVariableBuilder {
  const query = `label_values(${selector}, ${label})`;
  return new dashboard.QueryVariableBuilder(name)
    .label(title)
    .datasource(PROMETHEUS)
    .query(query)
    .definition(query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc);
}

/** `instance`: node-exporter instances. */
export const instanceVariable = () => labelVariable('instance', 'instance', 'node_uname_info', 'Node');

/** `namespace`: namespaces with pods (kube-state-metrics). */
export const namespaceVariable = () => labelVariable('namespace', 'namespace', 'kube_pod_info', 'Namespace');

/** `service`: one of the declared monitored services (a fixed list: the stack knows them). */
export function serviceVariable(services: readonly string[]): dashboard.CustomVariableBuilder {
  const first = services[0] ?? '';
  return new dashboard.CustomVariableBuilder('service')
    .label('Service')
    .values(services.join(','))
    .options(services.map((name, i) => ({ selected: i === 0, text: name, value: name })))
    .current({ selected: true, text: first, value: first })
    .multi(false)
    .includeAll(false);
}
