/* eslint-disable max-len -- one realistic log line per entry */
/**
 * The scrub corpus: realistic log lines as Filebeat ships them (one event each; multi-line stack
 * traces already joined), each with the secrets that must not survive the scrub list and the
 * harmless parts that must. The secrets here are made up.
 */
export interface CorpusLine {
  readonly kind: 'json' | 'text' | 'stack' | 'url' | 'header';
  readonly line: string;
  /** Substrings that must be gone after scrubbing. */
  readonly secrets: readonly string[];
  /** Substrings that must still be there. */
  readonly keep: readonly string[];
  /** Harmless text the rules redact anyway (a secret-named key's value is always redacted): documented, not a secret. */
  readonly overRedacted?: string;
}

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTQyIiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJlLXZhbHVlLTEyMw';

export const CORPUS: readonly CorpusLine[] = [
  // ---- JSON application logs
  {
    kind: 'json',
    line: '{"level":"info","message":"user logged in","userId":"u-42","password":"hunter2-Secret!"}',
    secrets: ['hunter2-Secret!'],
    keep: ['user logged in', 'u-42', '"level":"info"'],
  },
  {
    kind: 'json',
    line: '{"level":"debug","message":"calling billing","apiKey":"sk_live_51HxYzAbCdEf","durationMs":87}',
    secrets: ['sk_live_51HxYzAbCdEf'],
    keep: ['calling billing', '"durationMs":87'],
  },
  {
    kind: 'json',
    line: '{"level":"info","msg":"token refreshed","access_token":"ya29.a0AfH6SMBx3kLmN","expires_in":3599}',
    secrets: ['ya29.a0AfH6SMBx3kLmN'],
    keep: ['token refreshed', '"expires_in":3599'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"signup","email":"jane.doe@example.com","plan":"pro"}',
    secrets: ['jane.doe@example.com'],
    keep: ['signup', '"plan":"pro"'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"payment accepted","card":"4111 1111 1111 1111","amount":49.90,"currency":"EUR"}',
    secrets: ['4111 1111 1111 1111'],
    keep: ['payment accepted', '"amount":49.90', 'EUR'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"payment accepted","cardNumber":"5500-0000-0000-0004","orderId":"1700000000123"}',
    secrets: ['5500-0000-0000-0004'],
    keep: ['1700000000123'],
  },
  {
    kind: 'json',
    line: '{"level":"warn","message":"amex declined","pan":"378282246310005","statusCode":402}',
    secrets: ['378282246310005'],
    keep: ['amex declined', '"statusCode":402'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"request","headers":{"authorization":"Bearer ' + JWT + '","accept":"application/json"}}',
    secrets: [JWT, 'c2lnbmF0dXJl'],
    keep: ['"accept":"application/json"'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"db connect","dsn":"postgres://app:Pa55w0rd@db.internal:5432/shop"}',
    secrets: ['Pa55w0rd'],
    keep: ['postgres://app:', 'db.internal:5432/shop'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"webhook","secret":"whsec_9f8e7d6c5b4a"}',
    secrets: ['whsec_9f8e7d6c5b4a'],
    keep: ['webhook'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"client credentials","client_secret":"c1i3nt-s3cr3t-XyZ","client_id":"web-app"}',
    secrets: ['c1i3nt-s3cr3t-XyZ'],
    keep: ['"client_id":"web-app"'],
  },
  {
    kind: 'json',
    line: '{"level":"error","message":"upstream timeout","statusCode":504,"duration":30012,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}',
    secrets: [],
    keep: ['"statusCode":504', '"duration":30012', '4bf92f3577b34da6a3ce929d0e0e4736'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"order placed","businessEvent":"order_placed","amount":120.5,"quantity":3,"userId":"u-7"}',
    secrets: [],
    keep: ['order_placed', '"amount":120.5', '"quantity":3', 'u-7'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"password policy checked","passwordPolicy":"strict","tokensUsed":512}',
    secrets: [],
    keep: ['password policy checked', '"passwordPolicy":"strict"', '"tokensUsed":512'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"profile viewed","user":{"email":"bob+test@mail.example.org"},"requestId":"req-9a8b"}',
    secrets: ['bob+test@mail.example.org'],
    keep: ['profile viewed', 'req-9a8b'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"aws upload","accessKeyId":"AKIAIOSFODNN7EXAMPLE","bucket":"logs-archive"}',
    secrets: ['AKIAIOSFODNN7EXAMPLE'],
    keep: ['"bucket":"logs-archive"'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"session started","sessionId":"sess_8f7e6d5c4b3a2910","ip":"10.1.2.3"}',
    secrets: ['sess_8f7e6d5c4b3a2910'],
    keep: ['"ip":"10.1.2.3"'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"refresh","refresh_token":"rt.9XyZ-abc_DEF.123"}',
    secrets: ['rt.9XyZ-abc_DEF.123'],
    keep: ['refresh'],
  },
  {
    kind: 'json',
    line: '{"level":"info","message":"config loaded","version":"2.14.1","features":["a","b"],"timestamp":1733140800000}',
    secrets: [],
    keep: ['"version":"2.14.1"', '1733140800000'],
  },
  {
    kind: 'json',
    line: '{"level":"warn","message":"Authentication failed for user","userId":"u-13","reason":"invalid password"}',
    secrets: [],
    keep: ['Authentication failed for user', 'invalid password', 'u-13'],
  },
  // ---- plain text
  {
    kind: 'text',
    line: '2026-12-02T10:00:01Z INFO  login ok user=alice password=correct-horse-battery',
    secrets: ['correct-horse-battery'],
    keep: ['login ok', 'user=alice'],
  },
  {
    kind: 'text',
    line: '2026-12-02T10:00:02Z WARN  retrying with token: ghp_16C7e42F292c6912E7710c838347Ae178B4a',
    secrets: ['ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
    keep: ['retrying with'],
  },
  {
    kind: 'text',
    line: 'INFO mail sent to carol@example.co.uk (template=welcome)',
    secrets: ['carol@example.co.uk'],
    keep: ['mail sent to', 'template=welcome'],
  },
  {
    kind: 'text',
    line: 'ERROR charge failed card=4012888888881881 amount=10.00 reason=insufficient_funds',
    secrets: ['4012888888881881'],
    keep: ['charge failed', 'amount=10.00', 'insufficient_funds'],
  },
  {
    kind: 'text',
    line: 'level=info msg="export finished" rows=12500 duration_ms=843 api_key=AbC123dEf456GhI789',
    secrets: ['AbC123dEf456GhI789'],
    keep: ['export finished', 'rows=12500', 'duration_ms=843'],
  },
  { kind: 'text', line: 'DEBUG pwd=letmein cwd=/srv/app', secrets: ['letmein'], keep: ['cwd=/srv/app'] },
  {
    kind: 'text',
    line: '[main] INFO  Server started on port 8080 in 2.31 seconds (pid 4711)',
    secrets: [],
    keep: ['Server started on port 8080 in 2.31 seconds (pid 4711)'],
  },
  {
    kind: 'text',
    line: 'WARN  Access denied for user u-99 to /admin/reports',
    secrets: [],
    keep: ['Access denied for user u-99 to /admin/reports'],
  },
  {
    kind: 'text',
    line: 'INFO  user u-5 exported customer data (3201 records)',
    secrets: [],
    keep: ['exported customer data (3201 records)'],
  },
  { kind: 'text', line: 'INFO  GET /health 200 1ms', secrets: [], keep: ['GET /health 200 1ms'] },
  {
    kind: 'text',
    line: 'INFO  private_key=MIIEvQIBADANBgkqhkiG9w0BAQEFAASC loaded',
    secrets: ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'],
    keep: ['loaded'],
  },
  {
    kind: 'text',
    line: 'INFO  key material:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\nAbCdEf0123456789\n-----END RSA PRIVATE KEY-----\nend',
    secrets: ['MIIEowIBAAKCAQEA7bq', 'AbCdEf0123456789'],
    keep: ['key material:', 'end'],
  },
  {
    kind: 'text',
    line: 'INFO  reply-to: "Dave" <dave_smith@corp.example.net>',
    secrets: ['dave_smith@corp.example.net'],
    keep: ['reply-to: "Dave"'],
  },
  {
    kind: 'text',
    line: 'INFO  build 2026.12.02-1415 sha=3f2a9c1 deployed to prod-eu-1',
    secrets: [],
    keep: ['build 2026.12.02-1415 sha=3f2a9c1 deployed to prod-eu-1'],
  },
  // ---- multi-line stack traces (joined by Filebeat)
  {
    kind: 'stack',
    line: 'ERROR Request failed\njava.lang.IllegalStateException: token=abcd1234efgh5678 expired\n\tat com.shop.auth.TokenService.check(TokenService.java:88)\n\tat com.shop.api.Controller.handle(Controller.java:42)',
    secrets: ['abcd1234efgh5678'],
    keep: ['java.lang.IllegalStateException', 'TokenService.java:88', 'Controller.java:42'],
  },
  {
    kind: 'stack',
    line: "Exception in thread \"main\" java.sql.SQLException: Access denied for user 'app'@'10.0.0.8' (using password: YES)\n\tat com.mysql.cj.jdbc.ConnectionImpl.<init>(ConnectionImpl.java:448)",
    secrets: [],
    keep: ['java.sql.SQLException', 'ConnectionImpl.java:448', 'using password:'],
    overRedacted: 'YES',
  },
  {
    kind: 'stack',
    line: "TypeError: Cannot read properties of undefined (reading 'email')\n    at renderProfile (/app/src/profile.js:17:23)\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)",
    secrets: [],
    keep: ['TypeError', "reading 'email'", '/app/src/profile.js:17:23'],
  },
  {
    kind: 'stack',
    line: 'Traceback (most recent call last):\n  File "/app/pay.py", line 31, in charge\n    gateway.charge(card="4242424242424242")\nValueError: card declined for erin@example.com',
    secrets: ['4242424242424242', 'erin@example.com'],
    keep: ['Traceback (most recent call last):', '/app/pay.py', 'ValueError: card declined for'],
  },
  {
    kind: 'stack',
    line: 'ERROR Unhandled\norg.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized\n\tat org.springframework.web.client.DefaultResponseErrorHandler.handleError(DefaultResponseErrorHandler.java:186)',
    secrets: [],
    keep: ['HttpClientErrorException$Unauthorized', 'DefaultResponseErrorHandler.java:186'],
  },
  {
    kind: 'stack',
    line: 'panic: runtime error: invalid memory address\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:12 +0x1d',
    secrets: [],
    keep: ['panic: runtime error', '/src/main.go:12 +0x1d'],
  },
  // ---- secrets in URLs
  {
    kind: 'url',
    line: 'GET /api/v1/reset?email=frank@example.com&token=9c1e5f2a7b3d HTTP/1.1 200',
    secrets: ['frank@example.com', '9c1e5f2a7b3d'],
    keep: ['GET /api/v1/reset?email=', 'HTTP/1.1 200'],
  },
  {
    kind: 'url',
    line: 'GET /oauth/callback?code=ok&access_token=eyJraWQiOiJ4In0.payloadpart.sigpart123&state=xyz 302',
    secrets: ['eyJraWQiOiJ4In0.payloadpart.sigpart123'],
    keep: ['/oauth/callback?code=ok', 'state=xyz 302'],
  },
  {
    kind: 'url',
    line: 'fetching https://deploy:glpat-AbCdEfGh123@gitlab.example.com/group/repo.git',
    secrets: ['glpat-AbCdEfGh123'],
    keep: ['https://deploy:', 'gitlab.example.com/group/repo.git'],
  },
  {
    kind: 'url',
    line: 'POST /login?next=%2Fdashboard&apikey=ZXhhbXBsZWtleQ 401 12ms',
    secrets: ['ZXhhbXBsZWtleQ'],
    keep: ['/login?next=%2Fdashboard', '401 12ms'],
  },
  {
    kind: 'url',
    line: 'redis://:r3d1sP4ss@cache.internal:6379/0 connected',
    secrets: ['r3d1sP4ss'],
    keep: ['cache.internal:6379/0 connected'],
  },
  {
    kind: 'url',
    line: 'GET /search?q=running+shoes&page=2&sort=price 200 45ms',
    secrets: [],
    keep: ['GET /search?q=running+shoes&page=2&sort=price 200 45ms'],
  },
  {
    kind: 'url',
    line: 'amqp://guest:guest-pass-42@rabbit:5672/%2F',
    secrets: ['guest-pass-42'],
    keep: ['amqp://guest:', 'rabbit:5672/%2F'],
  },
  // ---- secrets in headers
  {
    kind: 'header',
    line: 'request headers: Authorization: Bearer ' + JWT + ' Accept: */*',
    secrets: [JWT],
    keep: ['request headers:', 'Accept: */*'],
  },
  { kind: 'header', line: 'Authorization: Basic dXNlcjpwYXNzd29yZA==', secrets: ['dXNlcjpwYXNzd29yZA=='], keep: ['Authorization: Basic'] },
  { kind: 'header', line: 'Proxy-Authorization: Basic cHJveHk6c2VjcmV0', secrets: ['cHJveHk6c2VjcmV0'], keep: ['Proxy-Authorization:'] },
  { kind: 'header', line: 'X-API-Key: 3f9a8b7c6d5e4f3a2b1c', secrets: ['3f9a8b7c6d5e4f3a2b1c'], keep: ['X-API-Key:'] },
  { kind: 'header', line: 'Cookie: session_id=aa11bb22cc33dd44; theme=dark', secrets: ['aa11bb22cc33dd44'], keep: ['theme=dark'] },
  { kind: 'header', line: 'Set-Cookie: sid=Zm9vYmFyYmF6; Path=/; HttpOnly', secrets: ['Zm9vYmFyYmF6'], keep: ['Path=/; HttpOnly'] },
  {
    kind: 'header',
    line: 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 Content-Type: application/json',
    secrets: [],
    keep: ['Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', 'Content-Type: application/json'],
  },
  { kind: 'header', line: 'authorization failed: missing header', secrets: [], keep: ['authorization failed: missing header'] },
  // ---- edge cases: CRLF line ends, non-ASCII letters, spaces and digits (the rules must read them as Joni does)
  {
    kind: 'header',
    line: 'GET /api HTTP/1.1\r\nHost: shop.example.com\r\nAuthorization: Basic dXNlcjpwYXNzd29yZA==\r\nCookie: session_id=abc123def456\r\n\r\n',
    secrets: ['dXNlcjpwYXNzd29yZA==', 'abc123def456'],
    keep: ['Host: shop.example.com\r\n', 'Authorization: Basic ', '\r\nCookie: '],
  },
  {
    kind: 'stack',
    line: 'java.lang.RuntimeException: password=abc123 rejected\r\n\tat com.shop.Login.check(Login.java:12)\r\n\tat com.shop.Api.run(Api.java:7)',
    secrets: ['abc123'],
    keep: [' rejected\r\n\tat com.shop.Login.check(Login.java:12)\r\n'],
  },
  {
    kind: 'json',
    line: '{"msg":"Zahlung für Jürgen Müller","email":"jürgen.müller@example.com","password":"pässwört-123"}',
    secrets: ['jürgen', 'müller@', 'pässwört-123'],
    keep: ['Zahlung für Jürgen Müller', '"email":"'],
  },
  {
    kind: 'text',
    line: 'naïve_token=abc123 étoken=def456 ütoken=ghi789',
    secrets: ['def456', 'ghi789'],
    keep: ['naïve_token=abc123', 'étoken=', 'ütoken='],
  },
  {
    kind: 'text',
    line: 'password=\u00a0hunter2 token:\u2003abcdef secret=\u2028xyz',
    secrets: ['hunter2', 'abcdef', 'xyz'],
    keep: ['password=', 'token:', 'secret='],
  },
  {
    kind: 'text',
    line: 'card ４１１１ １１１１ １１１１ １１１１ and ٤١١١٤١١١٤١١١٤١١١ are not ASCII digits; session 🔑 ok ✓',
    secrets: [],
    keep: ['４１１１ １１１１', '٤١١١٤١١١٤١١١٤١١١', 'session 🔑 ok ✓'],
  },
  {
    kind: 'text',
    line: 'key 🔑 token=🔑abc123🔑 for ünïcode user: Login failed — permission denied',
    secrets: ['abc123'],
    keep: ['key 🔑 token=', 'for ünïcode user: Login failed — permission denied'],
  },
];
