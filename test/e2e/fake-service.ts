import { createServer, Server } from 'http';
import { closeServer } from '../support/processes';

/**
 * Stands in for a monitored service: serves RED metrics on /metrics (request counter with
 * code/method/route, request-duration histogram) and can be stopped and started again on the
 * same port, like a crashed pod.
 */
export class FakeService {
  private server?: Server;
  private requests = 0;

  constructor(readonly port: number) {}

  private metrics(): string {
    this.requests += 10;
    const ok = this.requests;
    return [
      '# TYPE http_requests_total counter',
      `http_requests_total{code="200",method="GET",route="/items"} ${ok}`,
      '# TYPE http_request_duration_seconds histogram',
      `http_request_duration_seconds_bucket{le="0.1"} ${ok}`,
      `http_request_duration_seconds_bucket{le="0.5"} ${ok}`,
      `http_request_duration_seconds_bucket{le="+Inf"} ${ok}`,
      `http_request_duration_seconds_sum ${ok * 0.02}`,
      `http_request_duration_seconds_count ${ok}`,
      // What a connection-pool library reports about the service's database (alerting.databaseClient).
      '# TYPE db_pool_connections_in_use gauge',
      'db_pool_connections_in_use 3',
      '# TYPE db_pool_connections_max gauge',
      'db_pool_connections_max 10',
      '# TYPE db_query_duration_seconds histogram',
      `db_query_duration_seconds_bucket{le="0.01"} ${ok}`,
      `db_query_duration_seconds_bucket{le="0.1"} ${ok * 2}`,
      `db_query_duration_seconds_bucket{le="+Inf"} ${ok * 2}`,
      `db_query_duration_seconds_sum ${ok * 0.05}`,
      `db_query_duration_seconds_count ${ok * 2}`,
      '',
    ].join('\n');
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((req, res) => {
        if (req.url === '/metrics') {
          res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
          res.end(this.metrics());
        } else {
          res.writeHead(404);
          res.end();
        }
      });
      server.on('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
      this.server = server;
    });
  }

  /** Stops listening and drops open connections, so scrapes fail at once. */
  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return closeServer(server);
  }
}
