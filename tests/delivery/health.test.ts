import { describe, expect, it } from 'vitest';
import { argocdCmEntries, customizationKey, healthScript, KIND_HEALTH } from '../../charts/delivery/health-checks';
import { isAckObject, kindKey, TAG_SHAPES } from '../../policy/tag-shapes';
import { ENVIRONMENT_NAMES, manifestValidator } from '../support/estate';
import { runHealthScript } from './lua-vm';
import { argocdObjects, envObjects } from './synthesized';

type Condition = { type: string; status: 'True' | 'False' | 'Unknown'; message?: string };

const SYNCED: Condition = { type: 'ACK.ResourceSynced', status: 'True', message: 'Resource synced successfully' };
const NOT_SYNCED: Condition = { type: 'ACK.ResourceSynced', status: 'False', message: 'Unable to resolve reference vpc' };
const TERMINAL: Condition = { type: 'ACK.Terminal', status: 'True', message: 'InvalidParameterCombination: bad storage size' };

/** A sample object of `kindKey` with conditions and, optionally, its state field set to `state`. */
function sample(key: string, conditions: Condition[] | undefined, state?: string): Record<string, unknown> {
  const [group, kind] = key.split('/');
  const object: Record<string, unknown> = { apiVersion: `${group}/v1alpha1`, kind, metadata: { name: 'sample' }, spec: {} };
  if (conditions === undefined && state === undefined) return object;
  const status: Record<string, unknown> = { conditions: conditions ?? [] };
  object.status = status;
  const check = KIND_HEALTH[key];
  if (check && state !== undefined) {
    let node = object;
    check.path.slice(0, -1).forEach((segment) => {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    });
    node[check.path[check.path.length - 1]] = state;
  }
  return object;
}

const health = (key: string, object: unknown) => runHealthScript(healthScript(key), object);
const ACK_KINDS = Object.keys(TAG_SHAPES).sort();

describe('Argo CD health checks of ACK kinds, run in a real Lua VM', () => {
  describe.each(ACK_KINDS)('%s (generic part)', (key) => {
    const ready = KIND_HEALTH[key]?.healthy[0];

    it('is Progressing before the controller reports anything', () => {
      expect(health(key, sample(key, undefined))).toEqual({ status: 'Progressing', message: 'Waiting for the ACK controller to report on the resource' });
    });

    it('is Progressing with the controller message while ACK.ResourceSynced is False', () => {
      expect(health(key, sample(key, [NOT_SYNCED], ready))).toEqual({ status: 'Progressing', message: NOT_SYNCED.message });
    });

    it('is Degraded when ACK.Terminal is True, even if synced', () => {
      expect(health(key, sample(key, [SYNCED, TERMINAL], ready))).toEqual({ status: 'Degraded', message: TERMINAL.message });
    });

    it('is Healthy when ACK.ResourceSynced is True (and the kind says it serves)', () => {
      expect(health(key, sample(key, [SYNCED, { type: 'ACK.Terminal', status: 'False' }], ready))).toEqual({ status: 'Healthy', message: SYNCED.message });
    });
  });

  describe.each(Object.entries(KIND_HEALTH))('%s (its own status)', (key, check) => {
    it.each(check.healthy)(`is Healthy when synced and ${check.path.join('.')} is %s`, (state) => {
      expect(health(key, sample(key, [SYNCED], state)).status).toBe('Healthy');
    });

    if (check.settled) it.each(check.settled.states)('is Healthy, saying why, when synced and the state is %s (a later wave moves it on)', (state) => {
      expect(health(key, sample(key, [SYNCED], state))).toEqual({ status: 'Healthy', message: `${check.label} is ${state}: ${check.settled!.reason}` });
      expect(health(key, sample(key, [NOT_SYNCED], state)).status).toBe('Progressing');
    });

    it('is Progressing when synced but the AWS resource is still being created', () => {
      expect(health(key, sample(key, [SYNCED], 'creating'))).toEqual({ status: 'Progressing', message: `${check.label} is creating` });
    });

    it('is Progressing when synced but the state is not reported yet', () => {
      expect(health(key, sample(key, [SYNCED]))).toEqual({ status: 'Progressing', message: `${check.label} is not reported yet` });
    });

    if (check.degraded.length > 0) it.each(check.degraded)('is Degraded when the state is %s, synced or not', (state) => {
      expect(health(key, sample(key, [SYNCED], state))).toEqual({ status: 'Degraded', message: `${check.label} is ${state}` });
      expect(health(key, sample(key, [NOT_SYNCED], state)).status).toBe('Degraded');
    });
  });

  it('knows the exact states of the seed\'s key kinds', () => {
    expect(health('rds.services.k8s.aws/DBInstance', sample('rds.services.k8s.aws/DBInstance', [SYNCED], 'available')).status).toBe('Healthy');
    expect(health('rds.services.k8s.aws/DBInstance', sample('rds.services.k8s.aws/DBInstance', [SYNCED], 'modifying')).status).toBe('Progressing');
    expect(health('acm.services.k8s.aws/Certificate', sample('acm.services.k8s.aws/Certificate', [SYNCED], 'ISSUED')).status).toBe('Healthy');
    expect(health('elbv2.services.k8s.aws/LoadBalancer', sample('elbv2.services.k8s.aws/LoadBalancer', [SYNCED], 'provisioning')).status).toBe('Progressing');
    expect(health('elbv2.services.k8s.aws/LoadBalancer', sample('elbv2.services.k8s.aws/LoadBalancer', [SYNCED], 'active')).status).toBe('Healthy');
    expect(health('cloudfront.services.k8s.aws/Distribution', sample('cloudfront.services.k8s.aws/Distribution', [SYNCED], 'InProgress')).status).toBe('Progressing');
    expect(health('cloudfront.services.k8s.aws/Distribution', sample('cloudfront.services.k8s.aws/Distribution', [SYNCED], 'Deployed')).status).toBe('Healthy');
  });

  it.each(Object.entries(KIND_HEALTH))('%s: the state field exists in the CRD status schema', (key, check) => {
    const [group, kind] = key.split('/');
    const crd = manifestValidator().crdOf(`${group}/v1alpha1`, kind);
    expect(crd, `no CRD for ${key}`).toBeDefined();
    let schema = crd!.schema as { properties?: Record<string, unknown>; type?: string };
    for (const segment of check.path) {
      expect(schema.properties, `${key}: ${check.path.join('.')}`).toHaveProperty(segment);
      schema = schema.properties![segment] as typeof schema;
    }
    expect(schema.type).toBe('string');
  });
});

describe('health rules that keep a first sync moving', () => {
  const CERTIFICATE = 'acm.services.k8s.aws/Certificate';
  const SERVICE = 'ecs.services.k8s.aws/Service';
  const withDeployments = (deployments: Record<string, unknown>[]) => {
    const object = sample(SERVICE, [SYNCED], 'ACTIVE');
    (object.status as Record<string, unknown>).deployments = deployments;
    return object;
  };

  it('a certificate pending DNS validation does not hold the sync (Healthy, with the reason)', () => {
    const result = health(CERTIFICATE, sample(CERTIFICATE, [SYNCED], 'PENDING_VALIDATION'));
    expect(result.status).toBe('Healthy');
    expect(result.message).toContain('PENDING_VALIDATION');
  });

  it('an ECS service whose PRIMARY deployment the circuit breaker rolled back is Degraded', () => {
    const result = health(SERVICE, withDeployments([
      { status: 'ACTIVE', rolloutState: 'COMPLETED' },
      { status: 'PRIMARY', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' },
    ]));
    expect(result).toEqual({ status: 'Degraded', message: 'PRIMARY rolloutState is FAILED: ECS deployment circuit breaker: tasks failed to start.' });
  });

  it('an ECS service rolling out is Progressing, and Healthy once the rollout completed', () => {
    expect(health(SERVICE, withDeployments([{ status: 'PRIMARY', rolloutState: 'IN_PROGRESS' }])).status).toBe('Progressing');
    expect(health(SERVICE, withDeployments([{ status: 'PRIMARY', rolloutState: 'COMPLETED' }])).status).toBe('Healthy');
    expect(health(SERVICE, withDeployments([{ status: 'ACTIVE', rolloutState: 'FAILED' }, { status: 'PRIMARY', rolloutState: 'COMPLETED' }])).status).toBe('Healthy');
  });

  it('a Terminal ACK error is Degraded with the AWS message', () => {
    expect(health(SERVICE, sample(SERVICE, [{ type: 'ACK.ResourceSynced', status: 'False', message: 'Resource not synced' }, TERMINAL]))).toEqual({ status: 'Degraded', message: TERMINAL.message });
  });

  it('a Recoverable error shows the AWS error, not the generic sync text', () => {
    const recoverable: Condition = { type: 'ACK.Recoverable', status: 'True', message: 'AccessDenied: User is not authorized to perform: rds:CreateDBInstance' };
    const unknown: Condition = { type: 'ACK.ResourceSynced', status: 'Unknown', message: 'Unable to determine if desired resource state matches latest observed state' };
    expect(health(SERVICE, sample(SERVICE, [unknown, recoverable]))).toEqual({ status: 'Progressing', message: recoverable.message });
  });

  it.each(Object.entries(KIND_HEALTH).filter(([, check]) => check.rollout))('%s: the rollout fields exist in the CRD status schema', (key, check) => {
    const [group, kind] = key.split('/');
    let schema = manifestValidator().crdOf(`${group}/v1alpha1`, kind)!.schema as { properties?: Record<string, unknown>; items?: unknown };
    for (const segment of check.rollout!.path) schema = schema.properties![segment] as typeof schema;
    const entry = (schema.items as { properties: Record<string, unknown> }).properties;
    for (const field of [check.rollout!.key, check.rollout!.field, `${check.rollout!.field}Reason`]) expect(entry, `${key}: ${field}`).toHaveProperty(field);
  });
});

describe('manifests/argocd/argocd-cm-health.yaml', () => {
  it('has a health check (and status updates ignored) for exactly the ACK kinds of the estate', () => {
    const estateKinds = [...new Set(ENVIRONMENT_NAMES.flatMap((env) => envObjects(env).filter(isAckObject).map(kindKey)))].sort();
    const [configMap] = argocdObjects().filter((o) => o.kind === 'ConfigMap');
    expect(configMap.metadata).toMatchObject({ name: 'argocd-cm', namespace: 'argocd', labels: { 'app.kubernetes.io/part-of': 'argocd' } });
    expect(estateKinds.length).toBeGreaterThan(0);
    expect(configMap.data).toEqual(argocdCmEntries(estateKinds));
    expect(Object.keys(configMap.data as object).sort()).toEqual(
      estateKinds.flatMap((k) => [customizationKey('health', k), customizationKey('ignoreResourceUpdates', k)]).sort(),
    );
  });

  it('holds scripts that run as synthesized: Healthy for a synced object of each kind', () => {
    const [configMap] = argocdObjects().filter((o) => o.kind === 'ConfigMap');
    for (const [key, script] of Object.entries(configMap.data as Record<string, string>)) {
      if (!key.startsWith('resource.customizations.health.')) continue;
      const kind = key.slice('resource.customizations.health.'.length).replace(/_([^_]+)$/, '/$1');
      expect(runHealthScript(script, sample(kind, [SYNCED], KIND_HEALTH[kind]?.healthy[0])).status, key).toBe('Healthy');
    }
  });
});
