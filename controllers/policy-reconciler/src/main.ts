/**
 * Entry point of the policy-reconciler image: configuration from the environment (set by
 * charts/estate/policy-reconciler-chart.ts), the real client, clock and logger, the HTTP
 * server, a clean shutdown on SIGTERM that hands the Lease over, and a full resync on SIGUSR2.
 */
import * as os from 'node:os';
import { KubeConfig } from '@kubernetes/client-node';
import { ClientNodeKube } from './client-node';
import { systemClock } from './clock';
import { Controller } from './controller';
import { startHttpServer } from './http';
import { JsonLogger, parseLevel } from './logger';
import { Metrics } from './metrics';

async function main(): Promise<void> {
  const env = process.env;
  const logger = new JsonLogger(parseLevel(env.LOG_LEVEL)).with({ component: 'policy-reconciler' });
  const identity = env.POD_NAME || os.hostname();
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromDefault();
  const metrics = new Metrics({ defaultMetrics: true });
  const controller = new Controller({
    client: new ClientNodeKube(kubeConfig),
    clock: systemClock,
    logger,
    metrics,
    identity,
    policySelector: env.POLICY_SELECTOR || undefined,
    workers: env.WORKERS ? Number(env.WORKERS) : undefined,
    resyncMs: env.RESYNC_SECONDS ? Number(env.RESYNC_SECONDS) * 1000 : undefined,
    leaderElection: env.LEADER_ELECTION === 'false' ? undefined : { namespace: env.POD_NAMESPACE || 'default', name: env.LEASE_NAME || 'policy-reconciler' },
  });
  const server = await startHttpServer({ port: Number(env.HTTP_PORT ?? 8080), host: env.HTTP_HOST, metrics, ready: () => controller.ready() });
  logger.log('info', 'starting', { identity, policySelector: env.POLICY_SELECTOR ?? '', httpPort: server.port });
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
