import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { Grafana } from '../../constructs';
import { ProvisionedDatasource } from '../../config/dashboards/datasources';
import { renderGrafanaDatasources } from '../../constructs/grafana/provisioning';

const logs: ProvisionedDatasource = {
  entry: { name: 'Logs', uid: 'logs-test', type: 'elasticsearch', secureJsonData: { basicAuthPassword: '$__file{/etc/ds/logs/pw}' } },
  secretMounts: [{ secretName: 'logs-reader', mountPath: '/etc/ds/logs' }],
};

describe('datasources added by components', () => {
  it('follow Prometheus and Alertmanager in the provisioning file', () => {
    const file = parse(renderGrafanaDatasources([logs]));
    expect(file.datasources.map((d: { uid: string }) => d.uid)).toEqual(['prometheus', 'alertmanager', 'logs-test']);
  });

  it('refuse a UID provisioned twice', () => {
    expect(() => renderGrafanaDatasources([logs, logs])).toThrow('Grafana datasource UID "logs-test" is provisioned twice');
    expect(() => renderGrafanaDatasources([{ entry: { name: 'P', uid: 'prometheus' } }])).toThrow('"prometheus"');
  });

  it('mount the Secrets they read, read-only, and nothing from the Secret lands in the ConfigMap', () => {
    const chart = new Chart(Testing.app(), 'alone');
    new Grafana(chart, 'grafana', { profile: 'dev', namespace: 'monitoring', datasources: [logs] });
    const manifests = Testing.synth(chart);
    const deployment = manifests.find((m) => m.kind === 'Deployment');
    const pod = deployment.spec.template.spec;
    const volume = pod.volumes.find((v: { secret?: { secretName: string } }) => v.secret?.secretName === 'logs-reader');
    expect(volume).toBeDefined();
    const mount = pod.containers[0].volumeMounts.find((m: { name: string }) => m.name === volume.name);
    expect(mount).toEqual({ name: volume.name, mountPath: '/etc/ds/logs', readOnly: true });
    const datasources = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'grafana-datasources');
    expect(datasources.data['datasources.yaml']).toContain('$__file{/etc/ds/logs/pw}');
  });
});
