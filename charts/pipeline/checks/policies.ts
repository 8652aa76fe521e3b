import { KubeObject, kindKey } from '../../../policy/tag-shapes';
import { POLICY_DEFINITIONS } from '../../../policy/registry';
import { SynthCheck, whereOf } from './check';

/**
 * Every registered policy, built from the environment's data, over every object: the same
 * definitions the reconciler evaluates in the cluster, so git cannot hold what it would report.
 */
export const POLICY_CHECK: SynthCheck = {
  name: 'policies',
  run: ({ env, objects }) => {
    const byNamespace = new Map<string | undefined, KubeObject[]>();
    for (const { object } of objects) {
      const kube = object as unknown as KubeObject;
      byNamespace.set(kube.metadata.namespace, [...(byNamespace.get(kube.metadata.namespace) ?? []), kube]);
    }
    return POLICY_DEFINITIONS.flatMap((definition) => {
      const spec = definition.fromEnvironment(env);
      return objects.flatMap((synthesized) => {
        const kube = synthesized.object as unknown as KubeObject;
        if (!definition.covers(spec as never, kube)) return [];
        return definition
          .evaluate(spec as never, kube, byNamespace.get(kube.metadata.namespace) ?? [])
          .filter((violation) => !violation.accepted) // listed by the reconciler's status, not an error
          .map((violation) => `${whereOf(synthesized)}: ${definition.kind}: ${violation.reason}: ${violation.message} (${kindKey(kube)})`);
      });
    });
  },
};
