import { Construct } from 'constructs';
import { Subscription as AckSubscription } from '../../imports/sns-subscription-sns.services.k8s.aws';
import { Owner, ownerLabels } from '../lib/ownership';
import { inRegion } from '../lib/regions';

export interface SnsEmailSubscriptionProps {
  /** metadata.name. */
  readonly name: string;
  /** metadata.name of the ACK SNS Topic (`topicRef`), in the same region. */
  readonly topicName: string;
  /** The address that receives the notifications (from environments/catalogue.yaml, never typed in a chart). */
  readonly email: string;
  /**
   * Region of the topic (`services.k8s.aws/region`).
   * @default the namespace's default region
   */
  readonly region?: string;
  /**
   * Who owns the subscription (labels only: SNS subscriptions have no tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
}

/**
 * An ACK SNS email subscription. AWS mails the address a confirmation link and delivers nothing
 * until it is clicked: the subscription exists but stays PendingConfirmation (policy/kinds.ts
 * keeps that from holding Argo CD's later waves).
 */
export class SnsEmailSubscription extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: SnsEmailSubscriptionProps) {
    super(scope, id);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.email)) throw new Error(`SnsEmailSubscription ${props.name}: email must be an address, got "${props.email}"`);
    this.name = props.name;
    new AckSubscription(this, 'Resource', {
      metadata: {
        name: props.name,
        ...(props.region ? { annotations: inRegion(props.region) } : {}),
        ...(props.owner ? { labels: ownerLabels(props.owner) } : {}),
      },
      spec: {
        protocol: 'email',
        endpoint: props.email,
        topicRef: { from: { name: props.topicName } },
      },
    });
  }
}
