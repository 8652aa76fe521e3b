import * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { PooledKubeConfig } from './pooled-kube-config';

type RequestContext = Parameters<KubeConfig['applySecurityAuthentication']>[0];

/** What the generated API clients hand the auth method: a context that keeps the agent set. */
function context(): RequestContext {
  let agent: unknown;
  return { setHeaderParam: () => undefined, setAgent: (value: unknown) => (agent = value), getAgent: () => agent } as unknown as RequestContext;
}

function load(config: KubeConfig, certificate: string): KubeConfig {
  config.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', caData: Buffer.from('ca').toString('base64') }],
    users: [{ name: 'u', certData: Buffer.from(certificate).toString('base64'), keyData: Buffer.from('key').toString('base64') }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return config;
}

async function agentOf(config: KubeConfig): Promise<https.Agent> {
  const ctx = context();
  await config.applySecurityAuthentication(ctx);
  return ctx.getAgent() as https.Agent;
}

describe('PooledKubeConfig', () => {
  it('gives every API call the same keep-alive agent, where client-node alone makes one per call', async () => {
    const plain = load(new KubeConfig(), 'cert');
    expect(await agentOf(plain)).not.toBe(await agentOf(plain));

    const pooled = PooledKubeConfig.of(plain);
    const first = await agentOf(pooled);
    expect(await agentOf(pooled)).toBe(first);
    expect((first as https.Agent & { keepAlive: boolean }).keepAlive).toBe(true);
    expect(String(first.options.cert)).toBe('cert');
  });

  it('makes a new agent when the client certificate changes', async () => {
    const pooled = PooledKubeConfig.of(load(new KubeConfig(), 'cert-1'));
    const before = await agentOf(pooled);
    load(pooled, 'cert-2');
    const after = await agentOf(pooled);
    expect(after).not.toBe(before);
    expect(String(after.options.cert)).toBe('cert-2');
  });

  it('keeps a KubeConfig that pools already', () => {
    const pooled = PooledKubeConfig.of(load(new KubeConfig(), 'cert'));
    expect(PooledKubeConfig.of(pooled)).toBe(pooled);
  });
});
