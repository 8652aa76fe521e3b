import { Construct } from 'constructs';
import { Key as AckKey } from '../../imports/kms-key-kms.services.k8s.aws';
import { inRegion } from '../lib/regions';

/** Days KMS waits before deleting a key scheduled for deletion (ACK annotation). */
export const PENDING_WINDOW_ANNOTATION = 'kms.services.k8s.aws/pending-window-in-days';

export interface KmsKeyProps {
  /** metadata.name; other objects reference the key by it (`kmsKeyRef`). */
  readonly name: string;
  /** What the key protects; immutable in KMS. */
  readonly description: string;
  /** The key policy JSON (charts/lib/kms-key-policy.ts). */
  readonly policy: string;
  /**
   * A multi-Region primary key, so that a replica in the DR region can decrypt what is copied
   * there. Immutable in KMS: choose it at creation.
   * @default false
   */
  readonly multiRegion?: boolean;
  /**
   * Yearly automatic rotation of the key material.
   * @default true
   */
  readonly enableKeyRotation?: boolean;
  /**
   * Days KMS waits before deleting the key once scheduled (7-30): the longest undo window.
   * @default 30
   */
  readonly pendingWindowDays?: number;
  /**
   * Region the key lives in (`services.k8s.aws/region`), e.g. the DR region's own keys.
   * @default the namespace's default region
   */
  readonly region?: string;
}

/** An ACK KMS symmetric encryption key, rotated yearly. */
export class KmsKey extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: KmsKeyProps) {
    super(scope, id);
    const pendingWindowDays = props.pendingWindowDays ?? 30;
    if (!Number.isInteger(pendingWindowDays) || pendingWindowDays < 7 || pendingWindowDays > 30) {
      throw new Error(`KmsKey ${props.name}: pendingWindowDays must be an integer 7-30, got ${pendingWindowDays}`);
    }
    if (props.description.length === 0 || props.description.length > 8192) throw new Error(`KmsKey ${props.name}: description must be 1-8192 characters, got ${props.description.length}`);
    this.name = props.name;
    new AckKey(this, 'Resource', {
      metadata: { name: props.name, annotations: { [PENDING_WINDOW_ANNOTATION]: String(pendingWindowDays), ...(props.region ? inRegion(props.region) : {}) } },
      spec: {
        description: props.description,
        keySpec: 'SYMMETRIC_DEFAULT',
        keyUsage: 'ENCRYPT_DECRYPT',
        multiRegion: props.multiRegion ?? false,
        enableKeyRotation: props.enableKeyRotation ?? true,
        policy: props.policy,
      },
    });
  }
}
