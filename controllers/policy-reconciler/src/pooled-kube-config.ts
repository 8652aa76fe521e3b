/**
 * A KubeConfig whose API calls share keep-alive connections. client-node 1.4 gives every request
 * a new https.Agent, so every call opened a TCP connection and paid a TLS handshake on both
 * sides; under a burst of changes those handshakes, not the API server's work, set the pace
 * (bench/reconciler.ts). Watches keep their own connections (applyToFetchOptions is untouched):
 * each is one long request.
 */
import * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

type RequestContext = Parameters<KubeConfig['applySecurityAuthentication']>[0];

export class PooledKubeConfig extends KubeConfig {
  private pool?: { readonly key: string; readonly agent: https.Agent };

  /** `config` itself when it pools already, else a pooling copy of its clusters, users and contexts. */
  static of(config: KubeConfig): PooledKubeConfig {
    if (config instanceof PooledKubeConfig) return config;
    const pooled = new PooledKubeConfig();
    pooled.loadFromOptions({ clusters: config.clusters, users: config.users, contexts: config.contexts, currentContext: config.currentContext });
    return pooled;
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const agent = context.getAgent();
    // Only the plain HTTPS agent: a proxy's agent (a subclass) and plain HTTP stay as they are.
    if (!agent || agent.constructor !== https.Agent) return;
    const options = (agent as https.Agent).options;
    // A new agent when what it authenticates with changes (a rotated client certificate).
    const key = JSON.stringify([options.ca, options.cert, options.key, options.pfx, options.rejectUnauthorized, options.servername].map((value) => (value === undefined ? null : String(value))));
    if (this.pool?.key !== key) this.pool = { key, agent: new https.Agent({ ...options, keepAlive: true }) };
    context.setAgent(this.pool.agent);
  }
}
