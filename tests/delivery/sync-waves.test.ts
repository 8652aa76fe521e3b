import { describe, expect, it } from 'vitest';
import { syncWaveOf } from '../../charts/lib/sync-waves';
import { SYNC_WAVE_ANNOTATION } from '../../policy/annotations';
import { groupOf, kindKey, TAG_SHAPES } from '../../policy/tag-shapes';
import { ENVIRONMENT_NAMES, Obj, objectsOf } from '../support/estate';
import { REFERENCE_KINDS } from '../../charts/pipeline/validation/references';
import { findReferences } from '../../policy/references';

/**
 * The creation order, stage by stage (pruned in reverse): keys and IAM, network, data and
 * storage (and the alarms' SNS topics), compute definitions with the load balancing they attach to, compute services, the
 * edge. A kind matches by `<service>` (its whole group) or `<service>/<Kind>`.
 */
const STAGES: readonly (readonly string[])[] = [
  ['kms', 'iam'],
  ['ec2'],
  ['rds', 'elasticache', 's3', 'efs', 'ecr', 'secretsmanager', 'cloudwatchlogs', 'sns'],
  // ec2/FlowLog: after the S3 buckets it delivers to.
  ['acm', 'elbv2', 'ecs/Cluster', 'ecs/TaskDefinition', 'ec2/FlowLog'],
  ['ecs/Service', 'applicationautoscaling'],
  ['wafv2', 'cloudfront', 'route53', 'cloudwatch'],
];

function stageOf(key: string): number {
  const [group, kind] = key.split('/');
  const service = group.replace('.services.k8s.aws', '');
  const byKind = STAGES.findIndex((stage) => stage.includes(`${service}/${kind}`));
  return byKind >= 0 ? byKind : STAGES.findIndex((stage) => stage.includes(service));
}

const waveOf = (o: Obj) => Number(o.metadata.annotations![SYNC_WAVE_ANNOTATION]);

describe('Argo CD sync waves', () => {
  const kinds = Object.keys(TAG_SHAPES);

  it('give every ACK kind a wave in stage order', () => {
    for (const kind of kinds) expect(stageOf(kind), `${kind} is in a stage`).toBeGreaterThanOrEqual(0);
    for (const a of kinds) {
      for (const b of kinds) {
        const [waveA, waveB] = [a, b].map((k) => syncWaveOf(k.split('/')[0], k.split('/')[1])!);
        if (stageOf(a) < stageOf(b)) expect(waveA, `${a} before ${b}`).toBeLessThan(waveB);
        if (stageOf(a) === stageOf(b)) expect(waveA, `${a} with ${b}`).toBe(waveB);
      }
    }
  });

  it('put the Namespace before every ACK resource', () => {
    const firstAck = Math.min(...kinds.map((k) => syncWaveOf(k.split('/')[0], k.split('/')[1])!));
    expect(syncWaveOf('', 'Namespace')).toBeLessThan(firstAck);
  });

  describe.each(ENVIRONMENT_NAMES)('%s', (env) => {
    const objects = objectsOf(env);
    const ack = objects.filter((o) => groupOf(o.apiVersion).endsWith('.services.k8s.aws'));

    it('annotates every synthesized object with a wave', () => {
      for (const object of objects) {
        expect(object.metadata.annotations?.[SYNC_WAVE_ANNOTATION], `${object.kind} ${object.metadata.name}`).toMatch(/^-?\d+$/);
      }
    });

    it('orders the synthesized objects by stage, all after the Namespace', () => {
      for (const a of ack) {
        for (const b of ack) {
          if (stageOf(kindKey(a)) < stageOf(kindKey(b))) expect(waveOf(a), `${a.kind} ${a.metadata.name} before ${b.kind} ${b.metadata.name}`).toBeLessThan(waveOf(b));
        }
      }
      const namespace = objects.find((o) => o.kind === 'Namespace')!;
      expect(ack.every((o) => waveOf(o) > waveOf(namespace))).toBe(true);
    });

    it('never syncs an object before an object it references (Argo CD would wait forever)', () => {
      const byKey = new Map(ack.map((o) => [`${kindKey(o)}|${o.metadata.name}`, o]));
      const late = ack.flatMap((object) =>
        findReferences(object.spec).flatMap((ref) => {
          const target = byKey.get(`${REFERENCE_KINDS[ref.field]}|${ref.name}`);
          return target && waveOf(target) > waveOf(object)
            ? [`${object.kind} ${object.metadata.name} (wave ${waveOf(object)}) references ${target.kind} ${target.metadata.name} (wave ${waveOf(target)})`]
            : [];
        }),
      );
      expect(late).toEqual([]);
    });

    it('syncs every ECS service after its load balancer, listeners, target group and task definition', () => {
      const services = ack.filter((o) => o.kind === 'Service' && o.apiVersion.startsWith('ecs.'));
      expect(services.length).toBeGreaterThan(0);
      const latest = (kind: string) => Math.max(...ack.filter((o) => o.kind === kind).map(waveOf));
      for (const service of services) {
        for (const kind of ['LoadBalancer', 'Listener', 'TargetGroup', 'TaskDefinition']) {
          expect(waveOf(service), `${service.metadata.name} after ${kind}`).toBeGreaterThan(latest(kind));
        }
      }
    });
  });
});
