import { Construct } from 'constructs';
import { TaggingPolicyResourceSpec } from '../../policy/policy-resources';
import { PolicyObject, PolicyObjectProps } from './policy-object';

export type TaggingPolicyProps = PolicyObjectProps<TaggingPolicyResourceSpec>;

/** A TaggingPolicy (platform.mycomputer.com): the tags covered ACK objects carry, enforced by the policy reconciler. */
export class TaggingPolicy extends PolicyObject<TaggingPolicyResourceSpec> {
  constructor(scope: Construct, id: string, props: TaggingPolicyProps) {
    super(scope, id, 'TaggingPolicy', props);
    if (props.spec.requiredTags.length === 0) throw new Error(`TaggingPolicy ${props.name}: spec.requiredTags must name at least one tag, got []`);
  }
}
