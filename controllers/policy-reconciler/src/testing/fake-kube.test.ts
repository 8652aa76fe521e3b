import { describe, expect, it } from 'vitest';
import { FakeKube } from './fake-kube';
import { dbInstance, NS, vpc } from './fixtures';

const REF = { apiVersion: 'rds.services.k8s.aws/v1alpha1', kind: 'DBInstance', namespace: NS, name: 'db' };
const annotationsOf = (kube: FakeKube) => kube.get(REF.apiVersion, REF.kind, NS, 'db')!.metadata.annotations;
const applyAnnotations = (kube: FakeKube, manager: string, annotations: Record<string, string>) =>
  kube.apply({ apiVersion: REF.apiVersion, kind: REF.kind, metadata: { name: 'db', namespace: NS, annotations } }, manager);

describe('FakeKube server-side apply, for the fields the reconciler applies', () => {
  it('removes a field the manager applied before and names no more', async () => {
    const kube = new FakeKube();
    kube.put(dbInstance('db', { annotations: { user: 'kept' } }));
    await applyAnnotations(kube, 'm', { a: '1', b: '2' });
    await applyAnnotations(kube, 'm', { a: '1' });
    expect(annotationsOf(kube)).toEqual({ user: 'kept', a: '1' });
    expect(kube.ownedBy(REF, 'm')).toEqual(['metadata.annotations.a']);
  });

  it('keeps a field that another writer changed after the apply (the update took it over)', async () => {
    const kube = new FakeKube();
    kube.put(dbInstance('db', { annotations: {} }));
    await applyAnnotations(kube, 'm', { a: '1' });
    const current = kube.get(REF.apiVersion, REF.kind, NS, 'db')!;
    kube.put({ ...current, metadata: { ...current.metadata, annotations: { a: 'user' } } });
    await applyAnnotations(kube, 'm', { other: 'x' });
    expect(annotationsOf(kube)).toEqual({ a: 'user', other: 'x' });
  });

  it('keeps a field another manager applied too', async () => {
    const kube = new FakeKube();
    kube.put(dbInstance('db', { annotations: {} }));
    await applyAnnotations(kube, 'm', { a: '1' });
    await applyAnnotations(kube, 'n', { b: '2' });
    await applyAnnotations(kube, 'm', {});
    expect(annotationsOf(kube)).toEqual({ b: '2' });
    expect(kube.ownedBy(REF, 'n')).toEqual(['metadata.annotations.b']);
  });

  it('replaces a list field whole (ACK tag lists are atomic) and leaves the other spec fields', async () => {
    const kube = new FakeKube();
    kube.put(vpc('v', { tags: { A: '1', B: '2' } }));
    await kube.apply({ apiVersion: 'ec2.services.k8s.aws/v1alpha1', kind: 'VPC', metadata: { name: 'v', namespace: NS }, spec: { tags: [{ key: 'C', value: '3' }] } }, 'm');
    const stored = kube.get('ec2.services.k8s.aws/v1alpha1', 'VPC', NS, 'v')!;
    expect(stored.spec).toEqual({ cidrBlocks: ['10.0.0.0/16'], tags: [{ key: 'C', value: '3' }] });
    expect(stored.metadata.generation).toBe(2);
  });

  it('serves the core group at v1 and the others at v1alpha1', async () => {
    const kube = new FakeKube();
    expect((await kube.discover('/Event'))!.apiVersion).toBe('v1');
    expect((await kube.discover('platform.mycomputer.com/TaggingPolicy'))!).toMatchObject({ apiVersion: 'platform.mycomputer.com/v1alpha1', namespaced: false });
    expect((await kube.discover('ec2.services.k8s.aws/VPC'))!).toMatchObject({ apiVersion: 'ec2.services.k8s.aws/v1alpha1', namespaced: true });
  });
});
