/**
 * Entry point of the policy-reconciler image: configuration from the environment (set by
 * charts/estate/policy-reconciler-chart.ts, checked by config.ts: a bad value exits at once), the real client, clock and logger, the HTTP
 * server, a clean shutdown on SIGTERM that hands the Lease over, and a full resync on SIGUSR2.
 */
import * as os from 'node:os';
import { KubeConfig } from '@kubernetes/client-node';
import { ClientNodeKube } from './client-node';
import { systemClock } from './clock';
import { loadConfig } from './config';
import { Controller } from './controller';
import { startHttpServer } from './http';
import { JsonLogger } from './logger';
import { Metrics } from './metrics';

async function main(): Promise<void> {
  const config = loadConfig(process.env, os.hostname());
  const logger = new JsonLogger(config.logLevel).with({ component: 'policy-reconciler' });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromDefault();
  const metrics = new Metrics({ defaultMetrics: true });
  const controller = new Controller({
    client: new ClientNodeKube(kubeConfig),
    clock: systemClock,
    logger,
    metrics,
    identity: config.identity,
    policySelector: config.policySelector,
    workers: config.workers,
    resyncMs: config.resyncMs,
    leaderElection: config.leaderElection,
  });
  const server = await startHttpServer({ port: config.httpPort, host: config.httpHost, metrics, ready: () => controller.ready() });
  logger.log('info', 'starting', { identity: config.identity, policySelector: config.policySelector, workers: config.workers, httpPort: server.port });
  controller.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log('info', 'shutting down', { signal });
    await controller.stop();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // An operator (or bench/reconciler.ts) can ask for a full resync without a restart.
  process.on('SIGUSR2', () => {
    logger.log('info', 'resync requested', { signal: 'SIGUSR2' });
    controller.enqueueAll();
  });
}

main().catch((error: Error) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'fatal', error: error.message })}\n`);
  process.exit(1);
});
