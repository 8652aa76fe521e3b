import { Construct } from 'constructs';
import { Rule as AckRule, RuleSpecConditions } from '../../imports/elbv2-rule-elbv2.services.k8s.aws';
import { Owner, ownerLabels } from '../lib/ownership';

export interface ListenerRuleProps {
  /** metadata.name. */
  readonly name: string;
  /** metadata.name of the listener the rule belongs to. */
  readonly listenerName: string;
  /** Evaluation order on the listener, lowest first (1-50000, unique per listener). */
  readonly priority: number;
  /**
   * Path patterns, any of which matches (e.g. /inventory, /inventory/*).
   * @default no path condition
   */
  readonly pathPatterns?: readonly string[];
  /**
   * Host names, any of which matches.
   * @default no host condition
   */
  readonly hostHeaders?: readonly string[];
  /** metadata.name of the target group matching requests are forwarded to. */
  readonly targetGroupName: string;  /**
   * Who owns the rule (Application and Team tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
}

/** An ACK ELBv2 listener rule forwarding requests that match every given condition. */
export class ListenerRule extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ListenerRuleProps) {
    super(scope, id);
    const at = `ListenerRule ${props.name}`;
    if (!Number.isInteger(props.priority) || props.priority < 1 || props.priority > 50000) throw new Error(`${at}: priority must be 1-50000, got ${props.priority}`);
    const conditions: RuleSpecConditions[] = [];
    if (props.pathPatterns?.length) conditions.push({ field: 'path-pattern', pathPatternConfig: { values: [...props.pathPatterns] } });
    if (props.hostHeaders?.length) conditions.push({ field: 'host-header', hostHeaderConfig: { values: [...props.hostHeaders] } });
    if (conditions.length === 0) throw new Error(`${at}: needs pathPatterns or hostHeaders, got neither`);
    const bad = props.pathPatterns?.find((pattern) => !pattern.startsWith('/'));
    if (bad !== undefined) throw new Error(`${at}: path patterns must start with "/", got "${bad}"`);
    this.name = props.name;
    new AckRule(this, 'Resource', {
      metadata: { name: props.name, ...(props.owner ? { labels: ownerLabels(props.owner) } : {}) },
      spec: {
        listenerRef: { from: { name: props.listenerName } },
        priority: props.priority,
        conditions,
        actions: [{ type: 'forward', targetGroupRef: { from: { name: props.targetGroupName } } }],
      },
    });
  }
}
