import { describe, expect, it } from 'vitest';
import { SYNC_WAVE_ANNOTATION, SYNC_WAVES } from '../../charts/lib/sync-waves';
import { groupOf, TAG_SHAPES } from '../../policy/tag-shapes';
import { ENVIRONMENT_NAMES, objectsOf } from '../support/estate';

/** The order the issue asks for, by API group: created stage by stage, pruned in reverse. */
const STAGES: readonly (readonly string[])[] = [
  ['kms', 'iam'],
  ['ec2'],
  ['rds', 'elasticache', 's3', 'efs', 'ecr', 'secretsmanager', 'cloudwatchlogs'],
  ['ecs', 'applicationautoscaling'],
  ['acm', 'elbv2', 'wafv2', 'cloudfront', 'route53', 'cloudwatch'],
];
const stageOf = (group: string) => STAGES.findIndex((services) => services.some((service) => group === `${service}.services.k8s.aws`));

describe('Argo CD sync waves', () => {
  it('give every ACK group a wave in stage order: keys and IAM, network, data and storage, compute, edge', () => {
    const groups = [...new Set(Object.keys(TAG_SHAPES).map((kind) => kind.split('/')[0]))];
    for (const group of groups) expect(stageOf(group), `${group} is in a stage`).toBeGreaterThanOrEqual(0);
    for (const a of groups) {
      for (const b of groups) {
        if (stageOf(a) < stageOf(b)) expect(SYNC_WAVES[a], `${a} before ${b}`).toBeLessThan(SYNC_WAVES[b]);
        if (stageOf(a) === stageOf(b)) expect(SYNC_WAVES[a], `${a} with ${b}`).toBe(SYNC_WAVES[b]);
      }
    }
  });

  it('put the Namespace before every ACK resource', () => {
    const firstAck = Math.min(...Object.entries(SYNC_WAVES).filter(([g]) => g.endsWith('.services.k8s.aws')).map(([, wave]) => wave));
    expect(SYNC_WAVES['']).toBeLessThan(firstAck);
  });

  describe.each(ENVIRONMENT_NAMES)('%s', (env) => {
    const objects = objectsOf(env);

    it('annotates every synthesized object with a wave', () => {
      for (const object of objects) {
        expect(object.metadata.annotations?.[SYNC_WAVE_ANNOTATION], `${object.kind} ${object.metadata.name}`).toMatch(/^-?\d+$/);
      }
    });

    it('orders the synthesized objects by stage: a later stage never syncs before an earlier one', () => {
      const ack = objects.filter((o) => stageOf(groupOf(o.apiVersion)) >= 0);
      const wave = (o: (typeof ack)[number]) => Number(o.metadata.annotations![SYNC_WAVE_ANNOTATION]);
      for (const a of ack) {
        for (const b of ack) {
          if (stageOf(groupOf(a.apiVersion)) < stageOf(groupOf(b.apiVersion))) expect(wave(a), `${a.kind} ${a.metadata.name} before ${b.kind} ${b.metadata.name}`).toBeLessThan(wave(b));
        }
      }
      const namespace = objects.find((o) => o.kind === 'Namespace')!;
      expect(ack.every((o) => wave(o) > Number(namespace.metadata.annotations![SYNC_WAVE_ANNOTATION]))).toBe(true);
    });
  });
});
