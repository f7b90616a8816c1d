/**
 * CONTRACT TEST, NOT A REAL ELASTICSEARCH. No Elasticsearch binary can be had here, so the setup
 * Job's real script (the exact bytes of its ConfigMap) runs with bash and curl against a loopback
 * Node HTTP server that answers the way Elasticsearch's REST API documents: 503 while no master
 * is elected, 401 for bad credentials, 400 `resource_already_exists_exception` (or 409) for an
 * existing data stream, and idempotent PUTs. What it proves: the retries (bounded), the order of
 * the requests, idempotence (a second run changes nothing and exits 0), and that no secret
 * appears in the output. What it cannot prove: that a real cluster accepts these exact bodies
 * (their fields are checked by tsc against @elastic/elasticsearch's request types instead).
 */
import { IncomingMessage, ServerResponse } from 'http';
import { renderSetupFiles } from '../../constructs/elasticsearch/files';
import { resolveElasticsearch } from '../../constructs/elasticsearch/settings';
import { SETUP_SCRIPT } from '../../constructs/elasticsearch/setup-script';
import { describeWithBashAndCurl, FakeApi, SetupJobHarness } from '../support/setup-job';

/** Passwords with the characters that break naive quoting (JSON, curl config, shell). */
const SECRETS: Record<string, string> = {
  elastic: 'el"as\\tic:pw$HOME`x`',
  kibana_system: 'kib-sys "quoted" \\ pass',
  exporter: 'exp0rter-pass-0123',
  filebeat: "fb'pass:with:colons",
};

interface Options {
  /** /_cluster/health answers 503 this many times first. */
  notReady?: number;
  /** The password the server holds for `elastic` (defaults to the Secret's). */
  elasticPassword?: string;
  /** Answer an existing data stream with 409 instead of 400. */
  conflictAs409?: boolean;
  /** Answer every ILM PUT with this status and error type. */
  ilmError?: { status: number; type: string };
}

/** What the fake cluster holds, and every request it saw. */
class FakeElasticsearch implements FakeApi {
  readonly requests: string[] = [];
  readonly passwords = new Map<string, string>();
  readonly objects = new Map<string, string>();
  readonly dataStreams = new Set<string>();
  mutations = 0;
  private healthCalls = 0;
  constructor(readonly options: Options) {
    this.passwords.set('elastic', options.elasticPassword ?? SECRETS.elastic);
    this.passwords.set('kibana_system', 'built-in-unknown');
  }

  handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    const user = this.user(req);
    this.requests.push(`${req.method} ${path} as ${user ?? '(bad credentials)'}`);
    const answer = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const error = (status: number, type: string) => answer(status, { error: { type, reason: type }, status });
    if (!user) return error(401, 'security_exception');
    if (path === '/_security/_authenticate') return answer(200, { username: user });
    if (user !== 'elastic') return error(403, 'security_exception');
    if (path === '/_cluster/health') {
      this.healthCalls += 1;
      if (this.healthCalls <= (this.options.notReady ?? 0)) return error(503, 'master_not_discovered_exception');
      return answer(200, { status: 'green' });
    }
    let match = /^\/_security\/user\/([^/]+)\/_password$/.exec(path);
    if (match && req.method === 'POST') {
      this.setPassword(match[1], JSON.parse(body).password);
      return answer(200, {});
    }
    match = /^\/_security\/user\/([^/]+)$/.exec(path);
    if (match && req.method === 'PUT') {
      const { password, ...rest } = JSON.parse(body);
      if (password === undefined && !this.passwords.has(match[1])) return error(400, 'action_request_validation_exception');
      if (password !== undefined) this.setPassword(match[1], password);
      this.store(`user ${match[1]}`, JSON.stringify(rest));
      return answer(200, { created: password !== undefined });
    }
    if (path.startsWith('/_ilm/policy/') && this.options.ilmError) return error(this.options.ilmError.status, this.options.ilmError.type);
    if (/^\/_(security\/role|ilm\/policy|index_template)\/[^/]+$/.test(path) && req.method === 'PUT') {
      JSON.parse(body);
      this.store(path, body);
      return answer(200, { acknowledged: true });
    }
    match = /^\/_data_stream\/(logs-([a-z0-9_]+)-[a-z0-9_]+)$/.exec(path);
    if (match && req.method === 'PUT') {
      if (this.dataStreams.has(match[1]))
        return this.options.conflictAs409
          ? error(409, 'version_conflict_engine_exception')
          : error(400, 'resource_already_exists_exception');
      if (!this.objects.has(`/_index_template/logs-${match[2]}`)) return error(400, 'index_template_missing_exception');
      this.dataStreams.add(match[1]);
      this.mutations += 1;
      return answer(200, { acknowledged: true });
    }
    return error(404, 'unknown_endpoint');
  }

  private user(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return undefined;
    const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = text.indexOf(':');
    const [name, password] = [text.slice(0, colon), text.slice(colon + 1)];
    return this.passwords.get(name) === password ? name : undefined;
  }

  private setPassword(user: string, password: string): void {
    if (this.passwords.get(user) !== password) this.mutations += 1;
    this.passwords.set(user, password);
  }

  private store(key: string, body: string): void {
    if (this.objects.get(key) !== body) this.mutations += 1;
    this.objects.set(key, body);
  }
}

const es = resolveElasticsearch('test', 'elasticsearch', 'prod', 'monitoring', {
  logStreams: [{ name: 'generic' }, { name: 'audit', retention: '365d' }],
  clients: [{ name: 'filebeat', access: 'write' }],
});
const files = renderSetupFiles(es);

const job = new SetupJobHarness<FakeElasticsearch>({
  name: 'es-setup',
  script: SETUP_SCRIPT,
  files,
  secrets: SECRETS,
  urlVariable: 'ES_URL',
  env: { CA_FILE: '' },
});

describeWithBashAndCurl('the setup contract test')(
  'the setup Job script against a loopback fake of the Elasticsearch REST API (contract test, not a real ES)',
  () => {
    it('waits through 503s, then makes every request in the plan order, and leaves the cluster configured', async () => {
      await job.serve(new FakeElasticsearch({ notReady: 2 }));
      const { code, output } = await job.run();
      expect(output).toContain('done: ');
      expect(code).toBe(0);
      expect(job.fake.requests).toEqual([
        'GET /_cluster/health as elastic',
        'GET /_cluster/health as elastic',
        'GET /_cluster/health as elastic',
        'GET /_security/_authenticate as (bad credentials)',
        'POST /_security/user/kibana_system/_password as elastic',
        'PUT /_security/role/exporter_monitor as elastic',
        'PUT /_security/role/filebeat_writer as elastic',
        'GET /_security/_authenticate as (bad credentials)',
        'PUT /_security/user/exporter as elastic',
        'GET /_security/_authenticate as (bad credentials)',
        'PUT /_security/user/filebeat as elastic',
        'PUT /_ilm/policy/logs-generic-retention as elastic',
        'PUT /_index_template/logs-generic as elastic',
        'PUT /_data_stream/logs-generic-default as elastic',
        'PUT /_ilm/policy/logs-audit-retention as elastic',
        'PUT /_index_template/logs-audit as elastic',
        'PUT /_data_stream/logs-audit-default as elastic',
      ]);
      expect(output.match(/HTTP 503 \(not ready yet\)/g)).toHaveLength(2);
      // Passwords arrive intact, special characters and all (JSON and curl-config escaping).
      for (const user of ['kibana_system', 'exporter', 'filebeat']) expect(job.fake.passwords.get(user)).toBe(SECRETS[user]);
      expect(JSON.parse(job.fake.objects.get('user filebeat')!)).toEqual({ ...JSON.parse(files['user-filebeat.json']) });
      const audit = JSON.parse(job.fake.objects.get('/_ilm/policy/logs-audit-retention')!);
      expect(audit.policy.phases.delete).toEqual({ min_age: '365d', actions: { delete: {} } });
      expect([...job.fake.dataStreams]).toEqual(['logs-generic-default', 'logs-audit-default']);
      job.expectNoSecrets(output);
    });

    it('is idempotent: a second run changes nothing, sends no password and exits 0', async () => {
      await job.serve(new FakeElasticsearch({}));
      const second = await job.runTwice();
      expect(second.output).toContain('done: 0 change(s)');
      expect(second.output).toContain('PUT /_data_stream/logs-generic-default: already exists');
      expect(second.requests.filter((r) => r.includes('/_password'))).toEqual([]);
      expect(second.requests.filter((r) => r.startsWith('GET /_security/_authenticate'))).toEqual([
        'GET /_security/_authenticate as kibana_system',
        'GET /_security/_authenticate as exporter',
        'GET /_security/_authenticate as filebeat',
      ]);
      job.expectNoSecrets(second.output);
    });

    it('takes 409 for an existing data stream as "already exists" too', async () => {
      await job.serve(new FakeElasticsearch({ conflictAs409: true }));
      expect((await job.run()).code).toBe(0);
      const second = await job.run();
      expect(second.code).toBe(0);
      expect(second.output.match(/already exists/g)).toHaveLength(2);
    });

    it('stops at once on an authentication failure (401), naming the Secret key, without retrying or leaking', async () => {
      await job.serve(new FakeElasticsearch({ elasticPassword: 'something-else' }));
      const { code, output } = await job.run();
      expect(code).not.toBe(0);
      expect(job.fake.requests).toEqual(['GET /_cluster/health as (bad credentials)']);
      expect(output).toMatch(/HTTP 401 "type":"security_exception": user elastic was refused; check key elastic of the credentials Secret/);
      job.expectNoSecrets(output);
    });

    it('pauses between retries, doubling up to MAX_DELAY', async () => {
      await job.serve(new FakeElasticsearch({ notReady: 3 }));
      const started = Date.now();
      const { code, output } = await job.run({ DELAY: '1', MAX_DELAY: '2' });
      expect(code).toBe(0);
      expect(output.match(/next in (\d+)s/g)).toEqual(['next in 1s', 'next in 2s', 'next in 2s']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
    });

    it('gives up after ATTEMPTS tries when the cluster never becomes ready', async () => {
      await job.serve(new FakeElasticsearch({ notReady: 1000 }));
      const { code, output } = await job.run({ ATTEMPTS: '3' });
      expect(code).not.toBe(0);
      expect(job.fake.requests).toHaveLength(3);
      expect(output).toContain('GET /_cluster/health?wait_for_status=yellow&timeout=20s: still HTTP 503 after 3 attempts');
    });

    it('fails on any other error, naming the request and the error type, and stops there', async () => {
      await job.serve(new FakeElasticsearch({ ilmError: { status: 400, type: 'x_content_parse_exception' } }));
      const { code, output } = await job.run();
      expect(code).not.toBe(0);
      expect(output).toContain('PUT /_ilm/policy/logs-generic-retention: HTTP 400 "type":"x_content_parse_exception"');
      expect(job.fake.requests[job.fake.requests.length - 1]).toBe('PUT /_ilm/policy/logs-generic-retention as elastic');
      job.expectNoSecrets(output);
    });

    it('fails clearly when a password is missing from the Secret', async () => {
      await job.serve(new FakeElasticsearch({}));
      job.removeSecret('filebeat');
      const { code, output } = await job.run();
      expect(code).not.toBe(0);
      expect(output).toContain('no password for user filebeat: key filebeat of the credentials Secret is missing');
      expect(job.fake.requests.some((r) => r.startsWith('PUT /_ilm'))).toBe(false);
    });
  },
);
