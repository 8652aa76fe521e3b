import { APPLICATION_LABEL, TEAM_LABEL } from '../../policy/annotations';
import { Tags } from '../../policy/tag-shapes';
import { desiredTags } from '../../policy/tagging';
import { PLATFORM_APPLICATION, tagSourcesFor } from '../../policy/tagging-policy';
import { EnvironmentConfig } from './environment/types';

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
