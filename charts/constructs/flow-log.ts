import { Construct } from 'constructs';
import { FlowLog as AckFlowLog } from '../../imports/ec2-flowlog-ec2.services.k8s.aws';
import { FLOW_LOG_VPC_ANNOTATION } from '../../policy/annotations';

export interface VpcFlowLogProps {
  /** metadata.name. */
  readonly name: string;
  /** metadata.name of the VPC object it logs (recorded in an annotation: ACK has no vpcRef). */
  readonly vpcName: string;
  /** The VPC's id (`vpc-...`), as AWS assigned it: ACK's FlowLog takes nothing else. */
  readonly vpcId: string;
  /** S3 destination: `arn:aws:s3:::<bucket>/<prefix>/` (its policy must grant delivery.logs.amazonaws.com). */
  readonly s3Destination: string;
  /**
   * Which traffic is recorded.
   * @default 'ALL' (accepted and rejected: EC2.6 asks for at least REJECT)
   */
  readonly trafficType?: 'ACCEPT' | 'REJECT' | 'ALL';
  /**
   * Seconds of traffic aggregated into one record: 60 or 600.
   * @default 600 (AWS's default; fewer, larger objects)
   */
  readonly maxAggregationSeconds?: 60 | 600;
}

/** An ACK ec2 FlowLog of one VPC to an S3 bucket, delivered as hourly-partitioned Parquet. */
export class VpcFlowLog extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const at = `VpcFlowLog ${props.name}`;
    if (!/^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/.test(props.vpcId)) throw new Error(`${at}: vpcId must be a VPC id such as vpc-0123456789abcdef0, got "${props.vpcId}"`);
    if (!/^arn:aws:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^*]*)?$/.test(props.s3Destination)) throw new Error(`${at}: s3Destination must be arn:aws:s3:::<bucket>[/<prefix>/], got "${props.s3Destination}"`);
    this.name = props.name;
    new AckFlowLog(this, 'Resource', {
      metadata: { name: props.name, annotations: { [FLOW_LOG_VPC_ANNOTATION]: props.vpcName } },
      spec: {
        resourceType: 'VPC',
        resourceId: props.vpcId,
        trafficType: props.trafficType ?? 'ALL',
        logDestinationType: 's3',
        logDestination: props.s3Destination,
        maxAggregationInterval: props.maxAggregationSeconds ?? 600,
        destinationOptions: { fileFormat: 'parquet', hiveCompatiblePartitions: false, perHourPartition: true },
      },
    });
  }
}
