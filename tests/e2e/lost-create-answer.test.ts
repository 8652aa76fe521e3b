/**
 * A create whose answer was lost (`scripts/e2e-nightly faults`, on a stack of its own). ELBv2's
 * CreateRule takes no client token: when a rule is created but its id never reaches the object's
 * status, every later pass asks again and AWS refuses the priority (PriorityInUse), so the Rule
 * never syncs and Argo CD waits on it for ever. Seen in a cold CI run on 2026-12-01 (the listener's
 * rule at priority 110 had the object's conditions and tags, the object no ARN). The patched
 * elbv2-controller (tools/ack/patches/elbv2@v1.6.1/002) takes back a rule at the priority that has
 * the object's conditions, and leaves a real conflict (other conditions) failing.
 *
 * The lost answer is made by creating the rule in the emulator first, as the lost call did.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { KubernetesObject } from '@kubernetes/client-node';
import { FIELD_MANAGER } from '../cluster/support/manifests';
import { kubectl, ServerSideApply } from '../support/kube';
import { awsOne } from './support/aws';
import { newRun } from './support/run';
import { describeWithStack } from './support/stack';

vi.setConfig({ testTimeout: 120_000 });

const run = newRun();
const PREFIX = 'fault-lost-answer';
const SYNC_TIMEOUT_MS = 90_000;

interface RuleCase {
  readonly name: string;
  readonly priority: number;
  /** The path the rule already in AWS answers. */
  readonly inAws: string;
  /** The path the object asks for. */
  readonly asked: string;
}

const TAKEN_BACK: RuleCase = { name: `${PREFIX}-same`, priority: 7, inAws: '/lost', asked: '/lost' };
const CONFLICT: RuleCase = { name: `${PREFIX}-other`, priority: 8, inAws: '/theirs', asked: '/ours' };

const fixedResponse = { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain', MessageBody: 'ok' } };

const ruleObject = (listenerArn: string, rule: RuleCase) => ({
  apiVersion: 'elbv2.services.k8s.aws/v1alpha1',
  kind: 'Rule',
  metadata: { name: rule.name, namespace: run.namespace },
  spec: {
    listenerARN: listenerArn,
    priority: rule.priority,
    conditions: [{ field: 'path-pattern', pathPatternConfig: { values: [rule.asked] } }],
    actions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '200', contentType: 'text/plain', messageBody: 'ok' } }],
  },
});

type Condition = { type: string; status: string; message?: string };
interface RuleState {
  arn?: string;
  conditions: Condition[];
}

async function ruleState(name: string): Promise<RuleState> {
  const { stdout } = await kubectl(['-n', run.namespace, 'get', 'rules.elbv2.services.k8s.aws', name, '-o', 'json']);
  const status = (JSON.parse(stdout).status ?? {}) as { ackResourceMetadata?: { arn?: string }; conditions?: Condition[] };
  return { arn: status.ackResourceMetadata?.arn, conditions: status.conditions ?? [] };
}

async function waitFor(name: string, what: string, done: (state: RuleState) => boolean): Promise<RuleState> {
  const deadline = Date.now() + SYNC_TIMEOUT_MS;
  let state = await ruleState(name);
  while (!done(state)) {
    if (Date.now() > deadline) throw new Error(`Rule ${name}: not ${what} within ${SYNC_TIMEOUT_MS / 1000} s; conditions ${JSON.stringify(state.conditions)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    state = await ruleState(name);
  }
  return state;
}

const rulesAt = async (listenerArn: string, priority: number) =>
  ((await awsOne({ service: 'elbv2', operation: 'describe_rules', params: { ListenerArn: listenerArn } }, run.region)).Rules as { RuleArn: string; Priority: string; Conditions: { PathPatternConfig?: { Values: string[] } }[] }[]).filter(
    (rule) => rule.Priority === String(priority),
  );

describeWithStack(`${run.env}: a CreateRule whose answer was lost`, () => {
  let loadBalancerArn = '';
  let listenerArn = '';
  const created = new Map<string, string>();

  beforeAll(async () => {
    // The environment's namespace, as the first wave applies it (its ACK account and region annotations).
    const namespaces = run.objects.filter((o) => o.apiVersion === 'v1' && o.kind === 'Namespace');
    expect(namespaces.map((o) => o.metadata.name)).toContain(run.namespace);
    const ssa = new ServerSideApply(FIELD_MANAGER);
    for (const namespace of namespaces) await ssa.apply(namespace as unknown as KubernetesObject);
    const subnets = (await awsOne({ service: 'ec2', operation: 'describe_subnets', params: { Filters: [{ Name: 'default-for-az', Values: ['true'] }] } }, run.region)).Subnets as { SubnetId: string }[];
    expect(subnets.length, 'the emulator\'s default subnets').toBeGreaterThanOrEqual(2);
    const lb = await awsOne({ service: 'elbv2', operation: 'create_load_balancer', params: { Name: PREFIX, Subnets: subnets.slice(0, 2).map((s) => s.SubnetId), Scheme: 'internal' } }, run.region);
    loadBalancerArn = lb.LoadBalancers[0].LoadBalancerArn;
    const listener = await awsOne({ service: 'elbv2', operation: 'create_listener', params: { LoadBalancerArn: loadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [fixedResponse] } }, run.region);
    listenerArn = listener.Listeners[0].ListenerArn;
    for (const rule of [TAKEN_BACK, CONFLICT]) {
      const answer = await awsOne(
        { service: 'elbv2', operation: 'create_rule', params: { ListenerArn: listenerArn, Priority: rule.priority, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [rule.inAws] } }], Actions: [fixedResponse] } },
        run.region,
      );
      created.set(rule.name, answer.Rules[0].RuleArn);
    }
  });

  afterAll(async () => {
    await kubectl(['-n', run.namespace, 'delete', 'rules.elbv2.services.k8s.aws', TAKEN_BACK.name, CONFLICT.name, '--ignore-not-found', '--wait=false']).catch(() => undefined);
    if (loadBalancerArn) await awsOne({ service: 'elbv2', operation: 'delete_load_balancer', params: { LoadBalancerArn: loadBalancerArn } }, run.region).catch(() => undefined);
  });

  it('takes back the rule at its priority that has its conditions: synced with that rule, none created twice', async () => {
    expect((await rulesAt(listenerArn, TAKEN_BACK.priority)).length, 'the rule the lost call created').toBe(1);
    await applyRule(listenerArn, TAKEN_BACK);
    const state = await waitFor(TAKEN_BACK.name, 'synced', (s) => s.conditions.some((c) => c.type === 'ACK.ResourceSynced' && c.status === 'True'));
    expect(state.arn).toBe(created.get(TAKEN_BACK.name));
    expect((await rulesAt(listenerArn, TAKEN_BACK.priority)).map((r) => r.RuleArn)).toEqual([created.get(TAKEN_BACK.name)]);
  });

  it('leaves a rule of other conditions at the priority alone, and reports PriorityInUse', async () => {
    await applyRule(listenerArn, CONFLICT);
    const state = await waitFor(CONFLICT.name, 'reporting PriorityInUse', (s) => s.conditions.some((c) => (c.message ?? '').includes('PriorityInUse')));
    expect(state.arn).toBeUndefined();
    const inAws = await rulesAt(listenerArn, CONFLICT.priority);
    expect(inAws.map((r) => r.RuleArn)).toEqual([created.get(CONFLICT.name)]);
    expect(inAws[0].Conditions.flatMap((c) => c.PathPatternConfig?.Values ?? [])).toEqual([CONFLICT.inAws]);
  });
});

async function applyRule(listenerArn: string, rule: RuleCase): Promise<void> {
  const file = path.join(os.tmpdir(), `${rule.name}-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(ruleObject(listenerArn, rule)));
  try {
    await kubectl(['apply', '--server-side', '--field-manager', PREFIX, '-f', file]);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
