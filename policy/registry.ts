/**
 * Every policy kind, once. Adding a policy is a definition (policy/definition.ts) and a line here:
 * the CRD, the per-environment policy objects, the synth checks and the reconciler follow.
 */
import { BACKUP_POLICY } from './backup-policy';
import { AnyPolicyDefinition } from './definition';
import { SECURITY_BASELINE } from './security-baseline-policy';
import { TAGGING_POLICY } from './tagging-policy';

export const POLICY_DEFINITIONS = [TAGGING_POLICY, BACKUP_POLICY, SECURITY_BASELINE] as const;

export type PolicyKindName = (typeof POLICY_DEFINITIONS)[number]['kind'];

const BY_KIND: ReadonlyMap<string, AnyPolicyDefinition> = new Map(POLICY_DEFINITIONS.map((definition) => [definition.kind, definition as AnyPolicyDefinition]));

export function isPolicyKind(kind: string): kind is PolicyKindName {
  return BY_KIND.has(kind);
}

/** The definition of a policy kind; throws for a kind no definition has (never a silent fallback). */
export function policyDefinition(kind: string): AnyPolicyDefinition {
  const definition = BY_KIND.get(kind);
  if (!definition) throw new Error(`no policy definition for kind "${kind}" (policy/registry.ts knows ${[...BY_KIND.keys()].join(', ')})`);
  return definition;
}

/** Every `<group>/<Kind>` some policy can cover: what the reconciler watches. */
export const COVERABLE_KINDS: readonly string[] = [...new Set(POLICY_DEFINITIONS.flatMap((definition) => definition.coverableKinds))].sort();
