import { Construct } from 'constructs';
import { FileSystem as AckFileSystem } from '../../imports/efs-filesystem-efs.services.k8s.aws';
import { Owner, ownerLabels } from '../lib/ownership';

export interface FileSystemProps {
  /** metadata.name; mount targets reference the file system by it (`fileSystemRef`). */
  readonly name: string;
  /** Value of the `Name` tag, what the console shows (the seed's `fs-mycomputer`). */
  readonly nameTag: string;
  /** metadata.name of the ACK KMS Key encrypting file data at rest. */
  readonly kmsKeyName: string;
  /**
   * Who owns the file system (Application and Team tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
  /** @default 'generalPurpose' */
  readonly performanceMode?: 'generalPurpose' | 'maxIO';
  /** @default 'bursting' */
  readonly throughputMode?: 'bursting' | 'elastic';
  /**
   * Daily AWS Backup of the file system (EFS automatic backups, 35-day retention).
   * @default true
   */
  readonly automaticBackups?: boolean;
}

/**
 * The file system policy: clients that reach the file system through a mount target keep the
 * access they have without a policy (mount, write, root), and any request without TLS is
 * denied, which enforces encryption in transit (EFS user guide, "Enforce in-transit encryption").
 */
export function tlsOnlyFileSystemPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowClientsThroughMountTargets',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'],
        Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}

/** An ACK EFS FileSystem encrypted at rest with a customer key and in transit by policy, backed up. */
export class FileSystem extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: FileSystemProps) {
    super(scope, id);
    if (props.nameTag.length === 0 || props.nameTag.length > 256) throw new Error(`FileSystem ${props.name}: nameTag must be 1-256 characters, got "${props.nameTag}"`);
    this.name = props.name;
    new AckFileSystem(this, 'Resource', {
      metadata: { name: props.name, ...(props.owner ? { labels: ownerLabels(props.owner) } : {}) },
      spec: {
        performanceMode: props.performanceMode ?? 'generalPurpose',
        throughputMode: props.throughputMode ?? 'bursting',
        encrypted: true,
        kmsKeyRef: { from: { name: props.kmsKeyName } },
        backupPolicy: { status: (props.automaticBackups ?? true) ? 'ENABLED' : 'DISABLED' },
        policy: tlsOnlyFileSystemPolicy(),
        tags: [{ key: 'Name', value: props.nameTag }],
      },
    });
  }
}
