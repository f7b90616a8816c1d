import { createServer, Server } from 'http';
import { closeServer } from '../support/processes';

/** One webhook delivery from Alertmanager. */
export interface Delivery {
  /** Date.now() when it arrived. */
  readonly at: number;
  readonly path: string;
  /** Alertmanager's webhook payload (receiver, status, alerts[].labels, ...). */
  readonly body: {
    receiver: string;
    status: string;
    alerts: Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string> }>;
  };
}

/** A local HTTP server standing in for Slack/PagerDuty/the heartbeat service; records every POST. */
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  private server?: Server;
  private waiters: Array<() => void> = [];

  constructor(readonly port: number) {}

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server = createServer((req, res) => {
        let text = '';
        req.on('data', (chunk) => (text += chunk));
        req.on('end', () => {
          try {
            this.deliveries.push({ at: Date.now(), path: req.url ?? '', body: JSON.parse(text) });
          } catch {
            // not a webhook payload: ignore
          }
          res.writeHead(200);
          res.end();
          this.waiters.splice(0).forEach((wake) => wake());
        });
      });
      this.server.on('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Resolves with the first delivery matching `match` (also ones already received), or rejects after `timeoutMs`. */
  waitFor(what: string, match: (d: Delivery) => boolean, timeoutMs: number): Promise<Delivery> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(
          new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${this.deliveries.length} deliveries: ${this.summary()}`),
        );
      }, timeoutMs);
      const check = () => {
        const found = this.deliveries.find(match);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else {
          this.waiters.push(check);
        }
      };
      check();
    });
  }

  summary(): string {
    return this.deliveries
      .map((d) => `${d.path} ${d.body.receiver} ${d.body.status} [${d.body.alerts.map((a) => a.labels.alertname).join(',')}]`)
      .join('; ');
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return closeServer(server);
  }
}
