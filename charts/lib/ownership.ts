import { Tags } from '../../policy/tag-shapes';
import { REQUIRED_TAG_KEYS, TaggingPolicySpec } from '../../policy/tagging';
import { EnvironmentConfig } from './environment/types';

/** Our own label prefix: who owns an object, read by finalize to derive its AWS tags. */
export const LABEL_PREFIX = 'platform.mycomputer.com';
export const APPLICATION_LABEL = `${LABEL_PREFIX}/application`;
export const TEAM_LABEL = `${LABEL_PREFIX}/team`;
export const ENVIRONMENT_LABEL = `${LABEL_PREFIX}/environment`;

/** Application tag value of shared infrastructure (VPC, KMS keys, load balancer...). */
export const PLATFORM_APPLICATION = 'platform';

/** ManagedBy values the seed's tagging strategy lists. */
export const SEED_MANAGED_BY = ['terraform', 'manual'] as const;

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
  const team = env.catalogue.teams[owner.team];
  if (!team) throw new Error(`no team "${owner.team}" in environments/catalogue.yaml (owner of an object with application "${owner.application}")`);
  return {
    Environment: env.tagging.environment,
    Application: owner.application,
    Team: owner.team,
    CostCenter: team.costCenter,
    ManagedBy: env.tagging.managedBy,
    Owner: team.owner,
  };
}

/** The tagging policy of an environment, built from its data. */
export function taggingPolicyFor(env: EnvironmentConfig, kinds: readonly string[]): TaggingPolicySpec {
  const teams = env.catalogue.teams;
  const unique = (values: string[]) => [...new Set(values)].sort();
  const allowed: Record<(typeof REQUIRED_TAG_KEYS)[number], string[]> = {
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
  };
}
