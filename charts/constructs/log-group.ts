import { Construct } from 'constructs';
import { LogGroup as AckLogGroup } from '../../imports/cloudwatchlogs-loggroup-cloudwatchlogs.services.k8s.aws';
import { Owner, ownerLabels } from '../lib/ownership';
import { inRegion } from '../lib/regions';

export interface LogGroupProps {
  /** metadata.name. */
  readonly name: string;
  /** The log group's AWS name, e.g. `/ecs/inventory`. */
  readonly logGroupName: string;
  /** Days CloudWatch Logs keeps events (one of the values it accepts; the schema checks it). */
  readonly retentionDays: number;
  /** metadata.name of the ACK KMS Key encrypting the events. */
  readonly kmsKeyName: string;
  /**
   * Who owns the log group (Application and Team tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
  /**
   * Region of the log group (`services.k8s.aws/region`), e.g. us-east-1 for CloudFront's web ACL
   * logs; its KMS key must be in the same region.
   * @default the namespace's default region
   */
  readonly region?: string;
}

/** An ACK CloudWatch Logs LogGroup with bounded retention, encrypted with a customer key. */
export class LogGroup extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: LogGroupProps) {
    super(scope, id);
    if (!/^[.\-_/#A-Za-z0-9]{1,512}$/.test(props.logGroupName)) throw new Error(`LogGroup ${props.name}: logGroupName must be 1-512 of [.-_/#A-Za-z0-9], got "${props.logGroupName}"`);
    if (!Number.isInteger(props.retentionDays) || props.retentionDays < 1) throw new Error(`LogGroup ${props.name}: retentionDays must be a positive integer, got ${props.retentionDays}`);
    this.name = props.name;
    new AckLogGroup(this, 'Resource', {
      metadata: { name: props.name, ...(props.owner ? { labels: ownerLabels(props.owner) } : {}), ...(props.region ? { annotations: inRegion(props.region) } : {}) },
      spec: {
        name: props.logGroupName,
        retentionDays: props.retentionDays,
        kmsKeyRef: { from: { name: props.kmsKeyName } },
      },
    });
  }
}
