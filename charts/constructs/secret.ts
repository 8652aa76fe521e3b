import { Construct } from 'constructs';
import { Secret as AckSecret } from '../../imports/secretsmanager-secret-secretsmanager.services.k8s.aws';
import { LABEL_PREFIX } from '../../policy/annotations';
import { Owner, ownerLabels } from '../lib/ownership';

/** Rotation period in days; ACK's Secret has no rotation field (see docs/coverage). */
export const ROTATION_DAYS_ANNOTATION = `${LABEL_PREFIX}/rotation-days`;

export interface SecretProps {
  /** metadata.name. */
  readonly name: string;
  /** The secret's AWS name, e.g. `mycomputer/production/stripe/secret-key`. */
  readonly secretName: string;
  readonly description: string;
  /** metadata.name of the ACK KMS Key encrypting the value. */
  readonly kmsKeyName: string;
  /** Days between rotations, recorded as an annotation for the rotation runbook and policy. */
  readonly rotationDays: number;
  /**
   * Who owns the secret (Application and Team tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
  /**
   * Regions holding a read-only replica (disaster recovery).
   * @default none
   */
  readonly replicaRegions?: readonly string[];
}

// Allowed characters of a secret name (CRD `spec.name` description).
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
// Secrets Manager appends "-" and six characters to form the ARN; a name ending alike is misread
// when looked up by partial ARN.
const LOOKS_LIKE_ARN_SUFFIX = /-[A-Za-z0-9]{6}$/;

/**
 * An ACK Secrets Manager Secret created WITHOUT a value: `secretString` is never set, so no
 * value is in git; the owner puts it out of band (`aws secretsmanager put-secret-value`).
 */
export class Secret extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: SecretProps) {
    super(scope, id);
    if (!SECRET_NAME.test(props.secretName)) throw new Error(`Secret ${props.name}: secretName must be 1-512 of [A-Za-z0-9/_+=.@-], got "${props.secretName}"`);
    if (LOOKS_LIKE_ARN_SUFFIX.test(props.secretName)) throw new Error(`Secret ${props.name}: secretName must not end with "-" and six characters (read as the ARN suffix), got "${props.secretName}"`);
    if (!Number.isInteger(props.rotationDays) || props.rotationDays < 1 || props.rotationDays > 1000) {
      throw new Error(`Secret ${props.name}: rotationDays must be an integer 1-1000 (Secrets Manager's range), got ${props.rotationDays}`);
    }
    const replicaRegions = props.replicaRegions ?? [];
    this.name = props.name;
    new AckSecret(this, 'Resource', {
      metadata: {
        name: props.name,
        annotations: { [ROTATION_DAYS_ANNOTATION]: String(props.rotationDays) },
        ...(props.owner ? { labels: ownerLabels(props.owner) } : {}),
      },
      spec: {
        name: props.secretName,
        description: props.description,
        kmsKeyRef: { from: { name: props.kmsKeyName } },
        ...(replicaRegions.length > 0 ? { replicaRegions: replicaRegions.map((region) => ({ region })) } : {}),
      },
    });
  }
}
