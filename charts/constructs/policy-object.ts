import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { PolicyKindName, POLICY_API_VERSION } from '../../policy/policy-resources';

export interface PolicyObjectProps<Spec> {
  /** metadata.name (cluster-scoped: unique in the cluster, so it names the environment). */
  readonly name: string;
  readonly spec: Spec;
}

/**
 * One of our cluster-scoped policy objects. Shared by TaggingPolicy and BackupPolicy, which
 * differ only in kind and spec type.
 */
export abstract class PolicyObject<Spec extends { readonly namespaces: readonly string[] }> extends Construct {
  public readonly name: string;

  protected constructor(scope: Construct, id: string, kind: PolicyKindName, props: PolicyObjectProps<Spec>) {
    super(scope, id);
    if (props.spec.namespaces.length === 0) throw new Error(`${kind} ${props.name}: spec.namespaces must name at least one namespace, got []`);
    this.name = props.name;
    const object = new ApiObject(this, 'Resource', {
      apiVersion: POLICY_API_VERSION,
      kind,
      metadata: { name: props.name },
      spec: JSON.parse(JSON.stringify(props.spec)),
    });
    // Cluster-scoped: drop the namespace the chart gives every object.
    object.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}
