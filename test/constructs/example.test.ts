import { buildExample } from '../../examples/use-in-your-repo';

describe('README example (examples/use-in-your-repo.ts)', () => {
  it('synthesizes the user services into scrape jobs with the chosen retention', () => {
    const manifests = buildExample().toJson() as any[];
    const config = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'prometheus-config').data['prometheus.yml'];
    expect(config).toContain('job_name: checkout-api');
    expect(config).toContain('job_name: payments-worker');
    expect(config).toContain('metrics_path: /internal/metrics');
    const prometheus = manifests.find((m) => m.kind === 'StatefulSet' && m.metadata.name === 'prometheus');
    expect(prometheus.spec.template.spec.containers[0].args).toContain('--storage.tsdb.retention.time=30d');
    expect(prometheus.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('200Gi');
  });
});
