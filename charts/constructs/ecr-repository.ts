import { Construct } from 'constructs';
import { Repository as AckRepository } from '../../imports/ecr-repository-ecr.services.k8s.aws';
import { Owner, ownerLabels } from '../lib/ownership';

export type TagMutability = 'IMMUTABLE' | 'MUTABLE';

export interface EcrRepositoryProps {
  /** metadata.name. */
  readonly name: string;
  /** The repository's AWS name, e.g. `mycomputer/inventory`. */
  readonly repositoryName: string;
  /** How many images the lifecycle policy keeps; older ones expire. */
  readonly keepImages: number;
  /**
   * Who owns the repository (Application and Team tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
  /**
   * Scan every image for known vulnerabilities when it is pushed.
   * @default true
   */
  readonly scanOnPush?: boolean;
  /**
   * IMMUTABLE makes a tag name one image forever, so a version pin in git means one image.
   * @default 'IMMUTABLE'
   */
  readonly tagMutability?: TagMutability;
}

// The ECR naming rule (CRD `spec.name` description).
const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/**
 * An ACK ECR Repository: scan on push, immutable tags, a lifecycle policy keeping the last
 * `keepImages` images, and AES-256 encryption at rest (ECR's S3-managed keys: images hold
 * no secrets, and a customer key would make every pull a KMS call; the setting is immutable).
 */
export class EcrRepository extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: EcrRepositoryProps) {
    super(scope, id);
    if (!REPOSITORY_NAME.test(props.repositoryName)) throw new Error(`EcrRepository ${props.name}: repositoryName must match ${REPOSITORY_NAME}, got "${props.repositoryName}"`);
    if (!Number.isInteger(props.keepImages) || props.keepImages < 1) throw new Error(`EcrRepository ${props.name}: keepImages must be a positive integer, got ${props.keepImages}`);
    this.name = props.name;
    new AckRepository(this, 'Resource', {
      metadata: { name: props.name, ...(props.owner ? { labels: ownerLabels(props.owner) } : {}) },
      spec: {
        name: props.repositoryName,
        imageScanningConfiguration: { scanOnPush: props.scanOnPush ?? true },
        imageTagMutability: props.tagMutability ?? 'IMMUTABLE',
        encryptionConfiguration: { encryptionType: 'AES256' },
        lifecyclePolicy: keepLastImagesPolicy(props.keepImages),
      },
    });
  }
}

/** An ECR lifecycle policy expiring every image beyond the newest `count`, tagged or not. */
export function keepLastImagesPolicy(count: number): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Keep the last ${count} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: count },
        action: { type: 'expire' },
      },
    ],
  });
}
