import { ApiObject, App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { finalize } from '../../charts/pipeline/finalize';
import { APPLICATION_LABEL, TEAM_LABEL } from '../../policy/annotations';
import { REQUIRED_TAG_KEYS } from '../../policy/tagging';
import { isAckObject, readTags, tagShapeOf } from '../../policy/tag-shapes';
import { ENVIRONMENT_NAMES, loadEnv, objectsOf } from '../support/estate';

describe('tags on every resource (the seed\'s tagging strategy)', () => {
  it.each(ENVIRONMENT_NAMES)('%s: every taggable ACK object carries the six keys with values from data', (name) => {
    // GIVEN the environment's data and its synthesized ACK objects with tags
    const env = loadEnv(name);
    const taggable = objectsOf(name).filter((o) => isAckObject(o) && tagShapeOf(o) !== 'none');
    expect(taggable.length).toBeGreaterThan(0);

    for (const object of taggable) {
      // WHEN its tags are read in its kind's own shape
      const tags = readTags(object);
      const team = object.metadata.labels![TEAM_LABEL];

      // THEN the six keys carry the owner's values
      const where = `${object.kind} ${object.metadata.name}`;
      expect(Object.keys(tags), where).toEqual(expect.arrayContaining([...REQUIRED_TAG_KEYS]));
      expect(tags.Environment, where).toBe(env.tagging.environment);
      expect(tags.Application, where).toBe(object.metadata.labels![APPLICATION_LABEL]);
      expect(tags.Team, where).toBe(team);
      expect(tags.CostCenter, where).toBe(env.catalogue.teams[team].costCenter);
      expect(tags.ManagedBy, where).toBe('ack');
      expect(tags.Owner, where).toBe(env.catalogue.teams[team].owner);
    }
  });

  it('production tags the way the seed spells them', () => {
    const ns = objectsOf('production').find((o) => o.kind === 'VPC');
    expect(ns && readTags(ns)).toMatchObject({
      Environment: 'production',
      Application: 'platform',
      Team: 'platform',
      CostCenter: 'operations',
      ManagedBy: 'ack',
      Owner: 'platform-team@mycomputer.com',
    });
  });
});

describe('finalize() cannot be bypassed', () => {
  const env = loadEnv('development');
  const ownerLabels = { [APPLICATION_LABEL]: 'payments', [TEAM_LABEL]: 'backend' };

  function appWith(object: { apiVersion: string; kind: string; labels?: Record<string, string>; spec?: Record<string, unknown> }): App {
    const app = new App();
    const chart = new Chart(app, 'c', { disableResourceNameHashes: true });
    new ApiObject(chart, 'o', {
      apiVersion: object.apiVersion,
      kind: object.kind,
      metadata: { name: 'o', labels: object.labels },
      spec: object.spec ?? {},
    } as never);
    return app;
  }

  it('tags in the S3 tagSet shape and keeps a Name tag', () => {
    const app = appWith({ apiVersion: 's3.services.k8s.aws/v1alpha1', kind: 'Bucket', labels: ownerLabels, spec: { name: 'b', tagging: { tagSet: [{ key: 'Name', value: 'b' }] } } });
    finalize(app, env);
    const json = (app.charts[0].node.children[0] as ApiObject).toJson();
    expect(json.spec.tagging.tagSet).toEqual([
      { key: 'Application', value: 'payments' },
      { key: 'CostCenter', value: 'engineering' },
      { key: 'Environment', value: 'development' },
      { key: 'ManagedBy', value: 'ack' },
      { key: 'Name', value: 'b' },
      { key: 'Owner', value: 'backend-team@mycomputer.com' },
      { key: 'Team', value: 'backend' },
    ]);
    expect(json.metadata.annotations).toMatchObject({
      'services.k8s.aws/deletion-policy': 'retain',
      'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
      'argocd.argoproj.io/sync-wave': '2',
    });
  });

  it('refuses an object without owner labels', () => {
    const app = appWith({ apiVersion: 'ecr.services.k8s.aws/v1alpha1', kind: 'Repository', spec: { name: 'r' } });
    expect(() => finalize(app, env)).toThrow('Repository o: missing the platform.mycomputer.com/application or platform.mycomputer.com/team label');
  });

  it('refuses an ACK kind whose tag shape is unknown', () => {
    const app = appWith({ apiVersion: 'ec2.services.k8s.aws/v1alpha1', kind: 'TransitGateway', labels: ownerLabels });
    expect(() => finalize(app, env)).toThrow('TransitGateway o: kind ec2.services.k8s.aws/TransitGateway has no tag shape in policy/tag-shapes.ts');
  });

  it('refuses a tag that contradicts the strategy', () => {
    const app = appWith({ apiVersion: 'ecr.services.k8s.aws/v1alpha1', kind: 'Repository', labels: ownerLabels, spec: { name: 'r', tags: [{ key: 'Team', value: 'frontend' }] } });
    expect(() => finalize(app, env)).toThrow('Repository o: tag Team="frontend" contradicts the tagging strategy ("backend")');
  });
});
