/**
 * What Kibana and its setup Job read, rendered as text: `kibana.yml`, and the request bodies,
 * the import NDJSON and the plan of the setup Job. Pure and target-neutral: the cluster and the
 * Docker target both mount these exact bytes.
 */
import { toYaml } from '../../config/yaml';
import { clusterUrl } from '../elasticsearch/files';
import { ResolvedElasticsearch } from '../elasticsearch/settings';
import { CA_DIR } from '../elasticsearch/spec';
import { CreateDataViewBody, DataViewDefinition, logsDataView, renderNdjson, savedSearch, UpdateDataViewBody } from './saved-objects';
import { ENCRYPTION_KEY_SETTINGS, ResolvedKibana } from './settings';
import { kibanaSpec } from './spec';

const spec = kibanaSpec;

/** The user Kibana's server authenticates to Elasticsearch as (never `elastic`: Kibana refuses it). */
export const KIBANA_SYSTEM_USER = 'kibana_system';
/** Environment variable carrying the kibana_system password (from the credentials Secret). */
export const PASSWORD_ENV = 'KIBANA_SYSTEM_PASSWORD';

/** Environment variable of each encryption key (from the encryption keys Secret), by setting. */
export const ENCRYPTION_KEY_ENV: Readonly<Record<(typeof ENCRYPTION_KEY_SETTINGS)[number], string>> = {
  'xpack.security.encryptionKey': 'KIBANA_SECURITY_ENCRYPTION_KEY',
  'xpack.encryptedSavedObjects.encryptionKey': 'KIBANA_SAVED_OBJECTS_ENCRYPTION_KEY',
  'xpack.reporting.encryptionKey': 'KIBANA_REPORTING_ENCRYPTION_KEY',
};

/** URL of Kibana for clients in its namespace's cluster (the setup Job, the blackbox probe). */
export function kibanaUrl(namespace: string): string {
  return `http://${spec.name}.${namespace}.svc:${spec.web.port}`;
}

/**
 * `kibana.yml`. Secrets are `${ENV}` placeholders Kibana fills from its environment (the Secret
 * references of the pod), so no secret is ever in the file. Kibana serves plain HTTP inside the
 * cluster (the optional Ingress terminates TLS) and verifies the cluster's certificate, host name
 * included, against the CA of the Elasticsearch TLS Secret.
 */
export function renderKibanaYml(kibana: ResolvedKibana, es: Pick<ResolvedElasticsearch, 'tls'>, esNamespace: string): string {
  const config: Record<string, unknown> = {
    'server.name': spec.name,
    'server.host': '0.0.0.0',
    'server.port': spec.web.port,
    ...(kibana.publicBaseUrl ? { 'server.publicBaseUrl': kibana.publicBaseUrl } : {}),
    'path.data': spec.dataDir,
    'elasticsearch.hosts': [clusterUrl(es, esNamespace)],
    'elasticsearch.username': KIBANA_SYSTEM_USER,
    'elasticsearch.password': `\${${PASSWORD_ENV}}`,
    ...(es.tls.http
      ? {
          'elasticsearch.ssl.certificateAuthorities': [`${CA_DIR}/ca.crt`],
          'elasticsearch.ssl.verificationMode': 'full',
        }
      : {}),
    ...Object.fromEntries(ENCRYPTION_KEY_SETTINGS.map((setting) => [setting, `\${${ENCRYPTION_KEY_ENV[setting]}}`])),
  };
  return toYaml(config);
}

/** One step of the Kibana setup Job, in order; the script reads them from `plan.txt`. */
export type KibanaSetupStep =
  | { readonly op: 'wait' }
  | { readonly op: 'dataview'; readonly id: string; readonly create: string; readonly update: string }
  | { readonly op: 'import'; readonly file: string };

/** The setup Job's steps and the files they send, by file name. */
export interface KibanaSetupPlan {
  readonly steps: readonly KibanaSetupStep[];
  readonly files: Readonly<Record<string, string>>;
}

/** The data views the Job creates, each with the fields its searches may use. */
export function dataViews(kibana: Pick<ResolvedKibana, 'dataViewFields' | 'traceUrl'>): DataViewDefinition[] {
  return [logsDataView(kibana.dataViewFields, kibana.traceUrl)];
}

/**
 * What the setup Job does, in order: wait for Kibana's status; create (or update) each data
 * view; import the saved searches with `overwrite=true`. Every step is idempotent.
 */
export function kibanaSetupPlan(kibana: ResolvedKibana): KibanaSetupPlan {
  const files: Record<string, string> = {};
  const steps: KibanaSetupStep[] = [{ op: 'wait' }];
  const views = dataViews(kibana);
  for (const { fields: _fields, ...view } of views) {
    const create: CreateDataViewBody = { data_view: view, override: false };
    const { id: _id, ...rest } = view;
    const update: UpdateDataViewBody = { data_view: rest };
    files[`data-view-${view.id}.json`] = JSON.stringify(create);
    files[`data-view-${view.id}-update.json`] = JSON.stringify(update);
    steps.push({ op: 'dataview', id: view.id, create: `data-view-${view.id}.json`, update: `data-view-${view.id}-update.json` });
  }
  const [logs] = views;
  files['saved-searches.ndjson'] = renderNdjson(kibana.searches.map((search) => savedSearch(search, logs)));
  steps.push({ op: 'import', file: 'saved-searches.ndjson' });
  return { steps, files };
}

/** `plan.txt`: one step a line, fields separated by spaces (ids and file names never hold spaces). */
export function renderKibanaPlan(steps: readonly KibanaSetupStep[]): string {
  return (
    steps
      .map((step) => {
        switch (step.op) {
          case 'wait':
            return 'wait';
          case 'dataview':
            return `dataview ${step.id} ${step.create} ${step.update}`;
          case 'import':
            return `import ${step.file}`;
        }
      })
      .join('\n') + '\n'
  );
}

/** Every file of the setup ConfigMap except the script: the plan, the data-view bodies and the NDJSON. */
export function renderKibanaSetupFiles(kibana: ResolvedKibana): Record<string, string> {
  const { steps, files } = kibanaSetupPlan(kibana);
  return { 'plan.txt': renderKibanaPlan(steps), ...files };
}
