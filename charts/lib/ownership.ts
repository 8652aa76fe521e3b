import { APPLICATION_LABEL, TEAM_LABEL } from '../../policy/annotations';
import { Tags } from '../../policy/tag-shapes';
import { desiredTags, REQUIRED_TAG_KEYS, RequiredTagKey, TaggingPolicySpec, TagSources } from '../../policy/tagging';
import { EnvironmentConfig } from './environment/types';

/** Application tag value of shared infrastructure (VPC, KMS keys, load balancer...). */
const PLATFORM_APPLICATION = 'platform';

/** ManagedBy values the seed's tagging strategy lists. */
const SEED_MANAGED_BY = ['terraform', 'manual'] as const;

export interface Owner {
  readonly application: string;
  readonly team: string;
}

export const PLATFORM_OWNER: Owner = { application: PLATFORM_APPLICATION, team: 'platform' };

export function ownerLabels(owner: Owner): Record<string, string> {
  return { [APPLICATION_LABEL]: owner.application, [TEAM_LABEL]: owner.team };
}

/** The six tags of the seed's tagging strategy for an object owned by `owner`. */
export function tagsFor(env: EnvironmentConfig, owner: Owner): Tags {
  if (!env.catalogue.teams[owner.team]) throw new Error(`no team "${owner.team}" in environments/catalogue.yaml (owner of an object with application "${owner.application}")`);
  // The same derivation the reconciler uses to add missing tags (policy/tagging.ts desiredTags).
  return desiredTags(tagSourcesFor(env), { apiVersion: 'v1', kind: 'Owner', metadata: { labels: ownerLabels(owner) } });
}

/** Where each of the six tags comes from: environment data, the owner labels, and the team's entry in the catalogue. */
export function tagSourcesFor(env: EnvironmentConfig): TagSources {
  const teams = Object.keys(env.catalogue.teams).sort();
  return {
    fixed: { Environment: env.tagging.environment, ManagedBy: env.tagging.managedBy },
    fromLabels: { Application: APPLICATION_LABEL, Team: TEAM_LABEL },
    byTeam: Object.fromEntries(teams.map((team) => [team, { CostCenter: env.catalogue.teams[team].costCenter, Owner: env.catalogue.teams[team].owner }])),
  };
}

/** The tagging policy of an environment, built from its data. */
export function taggingPolicyFor(env: EnvironmentConfig, kinds: readonly string[]): TaggingPolicySpec {
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
