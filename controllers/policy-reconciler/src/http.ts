/** /healthz (the process serves), /readyz (caches listed), /metrics (Prometheus). */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Metrics } from './metrics';

export interface HttpServerOptions {
  readonly port: number;
  /** @default 0.0.0.0 */
  readonly host?: string;
  readonly metrics: Metrics;
  readonly ready: () => boolean;
}

export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

export function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    if (path === '/readyz') {
      const ready = options.ready();
      return void response.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ok\n' : 'caches not synced\n');
    }
    if (path === '/metrics') {
      options.metrics.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(text),
        (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
