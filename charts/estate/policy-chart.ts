import { Construct } from 'constructs';
import { AnyPolicyDefinition } from '../../policy/definition';
import { POLICY_DEFINITIONS } from '../../policy/registry';
import { PolicyObject } from '../constructs/policy-object';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { PLATFORM_OWNER } from '../lib/ownership';

/** An environment's policy of one kind: cluster-scoped, so it carries the environment's name (`production-tagging`). */
export function policyName(env: string, definition: Pick<AnyPolicyDefinition, 'kind'>): string {
  const kebab = definition.kind.replace(/Policy$/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `${env}-${kebab}`;
}

/**
 * One object per registered policy kind, built from the environment's data with the same
 * function the synth checks use, covering the environment's namespace. The policy reconciler
 * (policy-reconciler chart) enforces them in the cluster.
 */
export class PolicyChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    for (const definition of POLICY_DEFINITIONS) {
      const spec = { ...definition.fromEnvironment(this.env), namespaces: [this.env.namespace] };
      new PolicyObject(this, definition.kind, { definition, name: policyName(this.env.name, definition), spec });
    }
  }
}
