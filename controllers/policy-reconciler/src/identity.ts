/**
 * Writes the AWS identity of a stateful resource the first time the reconciler sees one
 * (policy/recreation.ts decides what and when): a server-side apply of one annotation under a
 * field manager of its own, conditional on the resourceVersion read. The backup policy compares it
 * with the status afterwards and reports `Recreated` when they differ.
 */
import { IDENTITY_ANNOTATION, IDENTITY_FIELD_MANAGER, identityToRecord } from '../../../policy/recreation';
import { classify } from './errors';
import { ApiObject, KubeClient } from './kube';
import { Logger } from './logger';

export class IdentityRecorder {
  /** `<kind>|<namespace>|<name>` → resourceVersion our last write started from (until the cache moves past it). */
  private readonly writtenFrom = new Map<string, string | undefined>();

  constructor(
    private readonly client: KubeClient,
    private readonly logger: Logger,
    /** Throws when this replica may not write; counts the write. */
    private readonly beforeWrite: () => void,
  ) {}

  async record(object: ApiObject): Promise<void> {
    const key = `${object.kind}|${object.metadata.namespace}|${object.metadata.name}`;
    const identity = identityToRecord(object);
    if (!identity) {
      this.writtenFrom.delete(key);
      return;
    }
    if (this.writtenFrom.has(key) && this.writtenFrom.get(key) === object.metadata.resourceVersion) return; // our write is not in the cache yet
    this.beforeWrite();
    const { apiVersion, kind, metadata } = object;
    try {
      await this.client.apply({ apiVersion, kind, metadata: { name: metadata.name, namespace: metadata.namespace, resourceVersion: metadata.resourceVersion, annotations: { [IDENTITY_ANNOTATION]: identity } } } as ApiObject, IDENTITY_FIELD_MANAGER);
    } catch (error) {
      // 409: the object moved on (its update event brings it back); 404: it is gone.
      if (classify(error) === 'conflict' || classify(error) === 'notFound') return;
      throw error;
    }
    this.writtenFrom.set(key, object.metadata.resourceVersion);
    this.logger.log('info', 'recorded AWS identity', { object: `${kind}/${metadata.namespace}/${metadata.name}`, identity });
  }
}
