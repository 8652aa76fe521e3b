import { Construct } from 'constructs';
import { Listener as AckListener, ListenerSpecDefaultActions } from '../../imports/elbv2-listener-elbv2.services.k8s.aws';

/** What a listener does with a request no rule matched. */
export type ListenerDefaultAction =
  /** Permanent redirect to the same URL on HTTPS:443. */
  | { readonly kind: 'redirect-to-https' }
  | { readonly kind: 'forward'; readonly targetGroupName: string };

export interface ListenerProps {
  /** metadata.name; rules reference the listener by it. */
  readonly name: string;
  /** metadata.name of the load balancer. */
  readonly loadBalancerName: string;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly port: number;
  readonly defaultAction: ListenerDefaultAction;
  /**
   * TLS negotiation policy; required for HTTPS (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06).
   * @default none (HTTP)
   */
  readonly sslPolicy?: string;
  /**
   * ARN of the default certificate; required for HTTPS. ACK's Listener takes certificate ARNs
   * only (no reference to an ACM Certificate object): see docs/edge.md, Bootstrap.
   * @default none (HTTP)
   */
  readonly certificateArn?: string;
}

/** An ACK ELBv2 listener. */
export class Listener extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ListenerProps) {
    super(scope, id);
    const at = `Listener ${props.name}`;
    if (!Number.isInteger(props.port) || props.port < 1 || props.port > 65535) throw new Error(`${at}: port must be 1-65535, got ${props.port}`);
    const tls = props.protocol === 'HTTPS';
    if (tls && !props.sslPolicy?.startsWith('ELBSecurityPolicy-')) throw new Error(`${at}: an HTTPS listener needs an ELBSecurityPolicy-* sslPolicy, got "${props.sslPolicy}"`);
    if (tls && !props.certificateArn?.startsWith('arn:aws:acm:')) throw new Error(`${at}: an HTTPS listener needs an ACM certificateArn, got "${props.certificateArn}"`);
    if (!tls && (props.sslPolicy !== undefined || props.certificateArn !== undefined)) throw new Error(`${at}: sslPolicy and certificateArn belong to HTTPS listeners, got protocol ${props.protocol}`);
    this.name = props.name;
    new AckListener(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        loadBalancerRef: { from: { name: props.loadBalancerName } },
        protocol: props.protocol,
        port: props.port,
        ...(tls ? { sslPolicy: props.sslPolicy, certificates: [{ certificateArn: props.certificateArn }] } : {}),
        defaultActions: [defaultAction(props.defaultAction)],
      },
    });
  }
}

function defaultAction(action: ListenerDefaultAction): ListenerSpecDefaultActions {
  if (action.kind === 'forward') return { type: 'forward', targetGroupRef: { from: { name: action.targetGroupName } } };
  // #{host}, #{path} and #{query} keep the request's own values.
  return { type: 'redirect', redirectConfig: { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_301' } };
}
