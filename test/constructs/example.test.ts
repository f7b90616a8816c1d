import { buildExample } from '../../examples/use-in-your-repo';

describe('README example (examples/use-in-your-repo.ts)', () => {
  it('synthesizes the user services into scrape jobs with the chosen retention', () => {
    const manifests = buildExample().toJson() as any[];
    // Each service's job is a file of its own in the scrape shards (scrape_config_files).
    const files = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'prometheus-scrape-0').data;
    expect(Object.keys(files).sort()).toEqual(['checkout-api.yml', 'payments-worker.yml']);
    expect(files['checkout-api.yml']).toContain('job_name: checkout-api');
    expect(files['payments-worker.yml']).toContain('job_name: payments-worker');
    expect(files['payments-worker.yml']).toContain('metrics_path: /internal/metrics');
    const prometheus = manifests.find((m) => m.kind === 'StatefulSet' && m.metadata.name === 'prometheus');
    expect(prometheus.spec.template.spec.containers[0].args).toContain('--storage.tsdb.retention.time=30d');
    expect(prometheus.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('200Gi');
  });
});
