/**
 * CONTRACT TEST, NOT A REAL KIBANA. No Kibana binary can be had here, so the Kibana setup Job's
 * real script (the exact bytes of its ConfigMap) runs with bash and curl against a loopback Node
 * HTTP server that answers the way Kibana's HTTP API documents: `GET /api/status` 503 until
 * Kibana is available; 401 for bad credentials; 400 without the `kbn-xsrf` header; the data
 * views API (`POST /api/data_views/data_view` answers 409 for an existing id, `POST
 * /api/data_views/data_view/<id>` updates); the saved objects import API (multipart `file`,
 * conflicts unless `overwrite=true`, `missing_references` for an unknown data view). What it
 * proves: the order, the bounded retries, idempotence (a second run changes nothing and exits 0),
 * and that no secret appears in the output. What it cannot prove: that a real Kibana 9.5 accepts
 * these exact saved objects (their shape is typed in constructs/kibana/saved-objects.ts).
 */
import { IncomingMessage, ServerResponse } from 'http';
import { renderKibanaSetupFiles } from '../../constructs/kibana/files';
import { resolveKibana } from '../../constructs/kibana/settings';
import { KIBANA_SETUP_SCRIPT } from '../../constructs/kibana/setup-script';
import { describeWithBashAndCurl, FakeApi, SetupJobHarness } from '../support/setup-job';

/** The password of `elastic`, with the characters that break naive quoting (JSON, curl config, shell). */
const ELASTIC = 'el"as\\tic:pw$HOME`x`';

interface Options {
  /** /api/status answers 503 this many times first. */
  notReady?: number;
  /** The password the server holds for `elastic` (defaults to the Secret's). */
  elasticPassword?: string;
  /** Answer every import as Kibana does when a reference does not resolve. */
  dropDataViews?: boolean;
}

interface Stored {
  readonly type: string;
  readonly body: string;
}

/** What the fake Kibana holds, and every request it saw. */
class FakeKibana implements FakeApi {
  readonly requests: string[] = [];
  readonly dataViews = new Map<string, string>();
  readonly objects = new Map<string, Stored>();
  mutations = 0;
  private statusCalls = 0;
  constructor(readonly options: Options) {}

  handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://kibana');
    const authenticated = this.authenticated(req);
    this.requests.push(`${req.method} ${url.pathname}${url.search} as ${authenticated ? 'elastic' : '(bad credentials)'}`);
    const answer = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const error = (status: number, name: string, message: string) => answer(status, { statusCode: status, error: name, message });
    if (!authenticated) return error(401, 'Unauthorized', '[security_exception] unable to authenticate user');
    if (req.method === 'POST' && !req.headers['kbn-xsrf']) return error(400, 'Bad Request', 'Request must contain a kbn-xsrf header.');
    if (url.pathname === '/api/status' && req.method === 'GET') {
      this.statusCalls += 1;
      const available = this.statusCalls > (this.options.notReady ?? 0);
      return answer(available ? 200 : 503, { status: { overall: { level: available ? 'available' : 'unavailable' } } });
    }
    if (url.pathname === '/api/data_views/data_view' && req.method === 'POST') {
      const { data_view: view } = JSON.parse(body);
      if (this.dataViews.has(view.id)) return error(409, 'Conflict', `Saved object [index-pattern/${view.id}] conflict`);
      this.dataViews.set(view.id, JSON.stringify(view));
      this.mutations += 1;
      return answer(200, { data_view: view });
    }
    const update = /^\/api\/data_views\/data_view\/([^/]+)$/.exec(url.pathname);
    if (update && req.method === 'POST') {
      const stored = this.dataViews.get(update[1]);
      if (!stored) return error(404, 'Not Found', `Saved object [index-pattern/${update[1]}] not found`);
      const next = JSON.stringify({ ...JSON.parse(stored), ...JSON.parse(body).data_view });
      if (next !== stored) this.mutations += 1;
      this.dataViews.set(update[1], next);
      return answer(200, { data_view: JSON.parse(next) });
    }
    if (url.pathname === '/api/saved_objects/_import' && req.method === 'POST') return this.import(req, body, url, answer);
    return error(404, 'Not Found', 'Not Found');
  }

  private import(req: IncomingMessage, body: string, url: URL, answer: (status: number, json: unknown) => void): void {
    const boundary = /boundary=(.+)$/.exec(req.headers['content-type'] ?? '')?.[1];
    const part = boundary ? body.split(`--${boundary}`).find((p) => /name="file"/.test(p)) : undefined;
    if (!part) return answer(400, { statusCode: 400, error: 'Bad Request', message: '[request body.file]: expected a file' });
    const ndjson = part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
    const overwrite = url.searchParams.get('overwrite') === 'true';
    const errors: unknown[] = [];
    let successCount = 0;
    for (const line of ndjson.split('\n').filter((l) => l.trim() !== '')) {
      const object = JSON.parse(line);
      const key = `${object.type}/${object.id}`;
      const missing = (object.references ?? []).filter(
        (r: { type: string; id: string }) => r.type !== 'index-pattern' || this.options.dropDataViews || !this.dataViews.has(r.id),
      );
      if (missing.length) {
        errors.push({ id: object.id, type: object.type, error: { type: 'missing_references', references: missing } });
        continue;
      }
      if (this.objects.has(key) && !overwrite) {
        errors.push({ id: object.id, type: object.type, error: { type: 'conflict' } });
        continue;
      }
      const text = JSON.stringify(object);
      if (this.objects.get(key)?.body !== text) this.mutations += 1;
      this.objects.set(key, { type: object.type, body: text });
      successCount += 1;
    }
    answer(200, errors.length ? { success: false, successCount, errors } : { success: true, successCount });
  }

  private authenticated(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return text === `elastic:${this.options.elasticPassword ?? ELASTIC}`;
  }
}

const kibana = resolveKibana('test', 'kibana', 'prod', 'monitoring', {});
const files = renderKibanaSetupFiles(kibana);
const SEARCHES = kibana.searches.length;

const job = new SetupJobHarness<FakeKibana>({
  name: 'kibana-setup',
  script: KIBANA_SETUP_SCRIPT,
  files,
  secrets: { elastic: ELASTIC },
  urlVariable: 'KIBANA_URL',
});

describeWithBashAndCurl('the Kibana setup contract test')(
  'the Kibana setup Job script against a loopback fake of the Kibana HTTP API (contract test, not a real Kibana)',
  () => {
    it('waits through 503s, creates the data view, then imports every saved search with overwrite=true', async () => {
      await job.serve(new FakeKibana({ notReady: 2 }));
      const { code, output } = await job.run();
      // The data view is a change the script counts; an import replaces objects and cannot tell whether they differed.
      expect(output).toContain('done: 1 change(s)');
      expect(code).toBe(0);
      expect(job.fake.requests).toEqual([
        'GET /api/status as elastic',
        'GET /api/status as elastic',
        'GET /api/status as elastic',
        'POST /api/data_views/data_view as elastic',
        'POST /api/saved_objects/_import?overwrite=true as elastic',
      ]);
      expect(output.match(/HTTP 503 \(not ready yet\)/g)).toHaveLength(2);
      expect(JSON.parse(job.fake.dataViews.get('logs-all')!)).toEqual({
        id: 'logs-all',
        title: 'logs-*',
        name: 'Logs (all streams)',
        timeFieldName: '@timestamp',
      });
      expect([...job.fake.objects.keys()]).toEqual(kibana.searches.map((s) => `search/${s.id}`));
      expect(output).toContain(`imported saved-searches.ndjson: "successCount":${SEARCHES}`);
      job.expectNoSecrets(output);
    });

    it('is idempotent: a second run updates the data view in place, re-imports the same objects, changes nothing and exits 0', async () => {
      await job.serve(new FakeKibana({}));
      const second = await job.runTwice();
      expect(second.output).toContain('data view logs-all: exists, updated');
      expect(second.output).toContain('done: 0 change(s)');
      expect(second.requests).toEqual([
        'GET /api/status as elastic',
        'POST /api/data_views/data_view as elastic',
        'POST /api/data_views/data_view/logs-all as elastic',
        'POST /api/saved_objects/_import?overwrite=true as elastic',
      ]);
      job.expectNoSecrets(second.output);
    });

    it('stops at once on an authentication failure (401), naming the Secret key, without retrying or leaking', async () => {
      await job.serve(new FakeKibana({ elasticPassword: 'something-else' }));
      const { code, output } = await job.run();
      expect(code).not.toBe(0);
      expect(job.fake.requests).toEqual(['GET /api/status as (bad credentials)']);
      expect(output).toMatch(/GET \/api\/status: HTTP 401 "error":"Unauthorized": user elastic was refused; check key elastic/);
      job.expectNoSecrets(output);
    });

    it('gives up after ATTEMPTS tries when Kibana never becomes available', async () => {
      await job.serve(new FakeKibana({ notReady: 1000 }));
      const { code, output } = await job.run({ ATTEMPTS: '3' });
      expect(code).not.toBe(0);
      expect(job.fake.requests).toHaveLength(3);
      expect(output).toContain('GET /api/status: still HTTP 503 after 3 attempts');
    });

    it('fails when Kibana reports an import error (HTTP 200, success false), naming the error types', async () => {
      await job.serve(new FakeKibana({ dropDataViews: true }));
      const { code, output } = await job.run();
      expect(code).not.toBe(0);
      expect(output).toMatch(/saved-searches\.ndjson was not imported: .*"type":"missing_references"/);
      job.expectNoSecrets(output);
    });

    it('fails clearly when the password of elastic is missing from the Secret, before any request', async () => {
      await job.serve(new FakeKibana({}));
      job.removeSecret('elastic');
      const { code, output } = await job.run();
      expect(code).not.toBe(0);
      expect(output).toContain('no password for user elastic: key elastic of the credentials Secret is missing');
      expect(job.fake.requests).toEqual([]);
    });
  },
);
