import { Construct } from 'constructs';
import { Component, podsOf } from '../component';
import { prometheusSpec } from '../prometheus/spec';
import { ResolvedSettings } from '../stack/settings';
import { DatabaseExporter, exporterFlows } from './exporter';
import { databaseDatasource, datasourceFlow } from './grafana-datasource';
import { databaseScrapeJobs } from './scrape';
import { DatabaseInstanceSettings, ExporterKind, ResolvedDatabaseInstance } from './settings';

/**
 * The registry entry of a database exporter kind: on when an instance is declared, one workload
 * per instance (Kubernetes and Docker), its scrape job and flows, and the read-only Grafana
 * datasource of each instance that declares one (with Grafana's egress to it). The alerts and dashboards of
 * every kind are the datastores component's.
 */
export function databaseExporterComponent<S extends DatabaseInstanceSettings>(
  key: string,
  kind: ExporterKind<S>,
  instancesOf: (settings: ResolvedSettings) => ReadonlyArray<ResolvedDatabaseInstance<S>>,
): Component<never, never> {
  return {
    key,
    spec: kind.spec,
    targets: ['kubernetes', 'docker'],
    enabled: (s) => instancesOf(s).length > 0,
    instances: (s) => instancesOf(s).map((i) => i.component.spec),
    scrapeJobs: (s, topology) => databaseScrapeJobs(kind.kind, instancesOf(s), s, topology),
    flows: (s) =>
      instancesOf(s).flatMap((i) => [
        ...exporterFlows(kind.title, i, s.namespace, podsOf(prometheusSpec, s.namespace)),
        ...(kind.grafanaDatasource?.(i.settings) ? [datasourceFlow(kind.title, i, s.namespace)] : []),
      ]),
    grafanaDatasources: (s) =>
      instancesOf(s).flatMap((i) => {
        const datasource = kind.grafanaDatasource?.(i.settings);
        return datasource ? [databaseDatasource(kind.title, i, datasource.settings, datasource.flavour)] : [];
      }),
    construct: (scope, s, _wiring, workload) => {
      // One construct per instance under one parent, so the stack keeps one construct per component.
      const parent = new Construct(scope, kind.spec.name);
      for (const instance of instancesOf(s)) new DatabaseExporter(parent, instance.name, { kind, instance, ...workload });
      return parent;
    },
  };
}
