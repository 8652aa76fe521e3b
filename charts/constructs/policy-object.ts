import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { AnyPolicyDefinition } from '../../policy/definition';
import { POLICY_API_VERSION, PolicyScope } from '../../policy/policy-resources';

export interface PolicyObjectProps {
  /** What kind of policy (policy/registry.ts). */
  readonly definition: AnyPolicyDefinition;
  /** metadata.name (cluster-scoped: unique in the cluster, so it names the environment). */
  readonly name: string;
  /** The policy's spec and where it applies. */
  readonly spec: PolicyScope & Record<string, unknown>;
}

/** One of our cluster-scoped policy objects (platform.mycomputer.com), of any registered kind. */
export class PolicyObject extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PolicyObjectProps) {
    super(scope, id);
    const { definition, name, spec } = props;
    const problems = [
      ...(spec.namespaces.length === 0 ? ['spec.namespaces must name at least one namespace, got []'] : []),
      ...(definition.specProblems?.(spec) ?? []),
    ];
    if (problems.length > 0) throw new Error(`${definition.kind} ${name}: ${problems.join('; ')}`);
    this.name = name;
    const object = new ApiObject(this, 'Resource', {
      apiVersion: POLICY_API_VERSION,
      kind: definition.kind,
      metadata: { name },
      spec: JSON.parse(JSON.stringify(spec)),
    });
    // Cluster-scoped: drop the namespace the chart gives every object.
    object.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}
