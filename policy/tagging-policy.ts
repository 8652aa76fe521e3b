/**
 * The TaggingPolicy: the seed's six tags on every covered ACK object. Rules in policy/tagging.ts;
 * this file makes them a policy kind (schema, environment spec, Event reasons, remediation).
 */
import { APPLICATION_LABEL, TEAM_LABEL } from './annotations';
import { commonSpec, set, str, stringMap } from './crd-schema';
import { PolicyDefinition, PolicyFix, Schema } from './definition';
import { PolicyEnvironment } from './environment';
import { TaggingPolicyResourceSpec } from './policy-resources';
import { readTags, TAG_SHAPES, tagShapeOf, tagsSpecFragment } from './tag-shapes';
import { coversObject, desiredTags, evaluateTagging, missingTags, REQUIRED_TAG_KEYS, RequiredTagKey, TaggingPolicySpec, TagSources } from './tagging';

/** Application tag value of shared infrastructure (VPC, KMS keys, load balancer...). */
export const PLATFORM_APPLICATION = 'platform';

/** ManagedBy values the seed's tagging strategy lists. */
const SEED_MANAGED_BY = ['terraform', 'manual'] as const;

/** Field manager of the tags the reconciler adds. */
export const TAGS_FIELD_MANAGER = 'policy-reconciler';

/** Every kind with AWS tags. */
export const TAGGED_KINDS: readonly string[] = Object.entries(TAG_SHAPES)
  .filter(([, shape]) => shape !== 'none')
  .map(([kind]) => kind)
  .sort();

/** Where each of the six tags comes from: environment data, the owner labels, and the team's entry in the catalogue. */
export function tagSourcesFor(env: PolicyEnvironment): TagSources {
  const teams = Object.keys(env.catalogue.teams).sort();
  return {
    fixed: { Environment: env.tagging.environment, ManagedBy: env.tagging.managedBy },
    fromLabels: { Application: APPLICATION_LABEL, Team: TEAM_LABEL },
    byTeam: Object.fromEntries(teams.map((team) => [team, { CostCenter: env.catalogue.teams[team].costCenter, Owner: env.catalogue.teams[team].owner }])),
  };
}

/** The tagging policy of an environment, built from its data. */
export function taggingPolicyFor(env: PolicyEnvironment, kinds: readonly string[] = TAGGED_KINDS): TaggingPolicySpec {
  const teams = env.catalogue.teams;
  const unique = (values: string[]) => [...new Set(values)].sort();
  const allowed: Record<RequiredTagKey, string[]> = {
    Environment: [env.tagging.environment],
    Application: unique([PLATFORM_APPLICATION, ...Object.values(env.catalogue.workloads).map((w) => w.application)]),
    Team: unique(Object.keys(teams)),
    CostCenter: unique(Object.values(teams).map((t) => t.costCenter)),
    ManagedBy: unique([env.tagging.managedBy, ...SEED_MANAGED_BY]),
    Owner: unique(Object.values(teams).map((t) => t.owner)),
  };
  return {
    mode: env.policy.taggingMode,
    requiredTags: REQUIRED_TAG_KEYS.map((key) => ({ key, allowedValues: allowed[key] })),
    kinds: [...kinds].sort(),
    sources: tagSourcesFor(env),
  };
}


const requiredTag: Schema = {
  type: 'object',
  required: ['key'],
  properties: {
    key: str({ minLength: 1, maxLength: 128 }),
    allowedValues: set(str(), 'Values the tag may take; any non-empty value when omitted.'),
  },
};

const taggingSpec: Schema = {
  type: 'object',
  required: ['namespaces', 'kinds', 'requiredTags'],
  properties: {
    ...commonSpec,
    requiredTags: { type: 'array', items: requiredTag, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['key'], description: 'Tags every covered object carries.' },
    sources: {
      type: 'object',
      description: 'Where the value of a missing tag comes from; without it nothing is added.',
      properties: {
        fixed: stringMap('Values that are the same for every object.'),
        fromLabels: stringMap('Tag key → label holding its value.'),
        byTeam: { type: 'object', additionalProperties: stringMap('Tags that follow from the team.'), description: 'Team → tags that follow from it; the team is the Team tag, else its label.' },
      },
    },
  },
};

/** Missing tags it can derive, restated with the existing ones: tag lists are atomic in ACK's CRDs. */
function addMissingTags(spec: TaggingPolicySpec, object: Parameters<typeof readTags>[0]): PolicyFix | undefined {
  const shape = tagShapeOf(object);
  const missing = missingTags(spec, object, desiredTags(spec.sources ?? {}, object));
  if (!shape || shape === 'none' || Object.keys(missing).length === 0) return undefined;
  const keys = Object.keys(missing).sort();
  return {
    fieldManager: TAGS_FIELD_MANAGER,
    spec: tagsSpecFragment(shape, { ...readTags(object), ...missing }),
    summary: `added tag${keys.length > 1 ? 's' : ''} ${keys.map((key) => `${key}=${missing[key]}`).join(', ')}`,
  };
}

export const TAGGING_POLICY: PolicyDefinition<'TaggingPolicy', TaggingPolicySpec> = {
  kind: 'TaggingPolicy',
  plural: 'taggingpolicies',
  shortNames: ['tagpol'],
  description: "Tags every covered ACK object must carry (the seed's tagging strategy), enforced by the policy reconciler.",
  specSchema: taggingSpec,
  coverableKinds: TAGGED_KINDS,
  fromEnvironment: (env) => taggingPolicyFor(env),
  withDefaults: (spec) => ({ mode: 'audit', requiredTags: [], namespaces: [], kinds: [], ...spec }) as unknown as TaggingPolicyResourceSpec,
  covers: coversObject,
  evaluate: (spec, object) => evaluateTagging(spec, object).map((v) => ({ reason: v.problem === 'Missing' ? 'TagMissing' : 'TagNotAllowed', message: v.message })),
  remediate: addMissingTags,
  specProblems: (spec) => (spec.requiredTags.length === 0 ? ['spec.requiredTags must name at least one tag, got []'] : []),
};
