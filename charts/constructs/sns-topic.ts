import { Construct } from 'constructs';
import { Topic as AckTopic } from '../../imports/sns-topic-sns.services.k8s.aws';
import { Owner, ownerLabels } from '../lib/ownership';
import { inRegion } from '../lib/regions';

export interface SnsTopicProps {
  /** metadata.name; subscriptions reference the topic by it (`topicRef`). */
  readonly name: string;
  /** The topic's AWS name (1-256 of letters, digits, `-` and `_`; part of its ARN). */
  readonly topicName: string;
  /** What the topic is for (the email subject line AWS sends starts with it). */
  readonly displayName: string;
  /** metadata.name of the ACK KMS Key encrypting messages at rest (`kmsMasterKeyRef`), in the topic's region. */
  readonly kmsKeyName: string;
  /** The topic's resource policy JSON (who may publish). */
  readonly policy: string;
  /**
   * Region of the topic (`services.k8s.aws/region`).
   * @default the namespace's default region
   */
  readonly region?: string;
  /**
   * Who owns the topic (Application and Team tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
}

/** An ACK SNS standard topic, encrypted with a customer-managed key. */
export class SnsTopic extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: SnsTopicProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(props.topicName)) throw new Error(`SnsTopic ${props.name}: topicName must be 1-256 of [A-Za-z0-9_-], got "${props.topicName}"`);
    // Email notifications put the display name in the sender's name; SNS takes up to 100 characters.
    if (props.displayName.length === 0 || props.displayName.length > 100) throw new Error(`SnsTopic ${props.name}: displayName must be 1-100 characters, got ${props.displayName.length}`);
    this.name = props.name;
    new AckTopic(this, 'Resource', {
      metadata: {
        name: props.name,
        ...(props.region ? { annotations: inRegion(props.region) } : {}),
        ...(props.owner ? { labels: ownerLabels(props.owner) } : {}),
      },
      spec: {
        name: props.topicName,
        displayName: props.displayName,
        kmsMasterKeyRef: { from: { name: props.kmsKeyName } },
        policy: props.policy,
      },
    });
  }
}
