import { Construct } from 'constructs';
import { RecordSet as AckRecordSet } from '../../imports/route53-recordset-route53.services.k8s.aws';

/** An alias to an AWS resource (load balancer, CloudFront distribution): no TTL, no values. */
export interface AliasTarget {
  readonly dnsName: string;
  /** The target's own hosted zone (per service and region, published by AWS). */
  readonly hostedZoneId: string;
  /** Answer only while the target reports healthy targets. */
  readonly evaluateTargetHealth: boolean;
}

/** Weighted routing: the share of answers is weight / sum of the weights of the same name and type. */
export interface Weighted {
  /** Unique among the records of the same name and type; immutable. */
  readonly setIdentifier: string;
  /** 0-255. */
  readonly weight: number;
  /**
   * metadata.name of the health check that takes the record out of answers while failing.
   * @default none (always answered)
   */
  readonly healthCheckName?: string;
}

export interface RecordSetProps {
  /** metadata.name. */
  readonly name: string;
  /** metadata.name of the hosted zone. */
  readonly hostedZoneName: string;
  /**
   * The record's name relative to the zone (ACK appends the zone's domain), e.g. `api`.
   * @default the zone apex
   */
  readonly recordName?: string;
  readonly recordType: 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT';
  /** Exactly one of aliasTarget and values. */
  readonly aliasTarget?: AliasTarget;
  /** Record values, e.g. ['10 inbound-smtp.eu-west-1.amazonaws.com.']. */
  readonly values?: readonly string[];
  /**
   * Seconds resolvers cache the values (not for aliases).
   * @default 300
   */
  readonly ttl?: number;
  /**
   * Weighted routing.
   * @default simple routing
   */
  readonly weighted?: Weighted;
}

/** An ACK Route 53 record set (the kind has no AWS tags). */
export class RecordSet extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: RecordSetProps) {
    super(scope, id);
    const at = `RecordSet ${props.name}`;
    if ((props.aliasTarget === undefined) === (props.values === undefined)) throw new Error(`${at}: needs exactly one of aliasTarget and values`);
    if (props.values !== undefined && props.values.length === 0) throw new Error(`${at}: values must not be empty`);
    if (props.recordType === 'CNAME' && props.recordName === undefined) throw new Error(`${at}: a CNAME cannot sit at the zone apex`);
    if (props.recordType === 'CNAME' && (props.values?.length ?? 0) !== 1) throw new Error(`${at}: a CNAME has exactly one value, got ${props.values?.length ?? 0}`);
    if (props.aliasTarget !== undefined && props.ttl !== undefined) throw new Error(`${at}: an alias takes its TTL from the target; ttl must be omitted`);
    const weight = props.weighted?.weight;
    if (weight !== undefined && (!Number.isInteger(weight) || weight < 0 || weight > 255)) throw new Error(`${at}: weight must be 0-255, got ${weight}`);
    this.name = props.name;
    new AckRecordSet(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        hostedZoneRef: { from: { name: props.hostedZoneName } },
        ...(props.recordName !== undefined ? { name: props.recordName } : {}),
        recordType: props.recordType,
        ...(props.aliasTarget
          ? { aliasTarget: { dnsName: props.aliasTarget.dnsName, hostedZoneId: props.aliasTarget.hostedZoneId, evaluateTargetHealth: props.aliasTarget.evaluateTargetHealth } }
          : { ttl: props.ttl ?? 300, resourceRecords: props.values!.map((value) => ({ value })) }),
        ...(props.weighted
          ? {
              setIdentifier: props.weighted.setIdentifier,
              weight: props.weighted.weight,
              ...(props.weighted.healthCheckName ? { healthCheckRef: { from: { name: props.weighted.healthCheckName } } } : {}),
            }
          : {}),
      },
    });
  }
}
