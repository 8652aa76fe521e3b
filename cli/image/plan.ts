/**
 * The image plan the policy reconciler's workflow (.github/workflows/policy-reconciler-image.yaml)
 * runs: per environment, the account, region and ECR repository its Deployment pulls from and the
 * tag versions.yaml pins, all taken from the code that synthesizes the Deployment and the registry
 * (charts/estate/policy-reconciler-chart.ts, registry-chart.ts), so the workflow names nothing.
 */
import * as path from 'node:path';
import { parse } from 'yaml';
import { repositoryImage, roleArn } from '../../charts/lib/arns';
import { EnvironmentError } from '../../charts/lib/environment/errors';
import { loadEnvironments } from '../../charts/lib/environment/load';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { platformRepository } from '../../charts/lib/platform-components';
import { RECONCILER } from '../../charts/estate/policy-reconciler-chart';
import { ENVIRONMENTS } from '../freshness';
import { git, tryGit } from '../git';
import { coveredBy, imageInputs } from './inputs';

/**
 * The role the workflow assumes in each environment's account through GitHub's OIDC provider
 * (docs/bootstrap.md, "The policy reconciler's image"): push to that one repository, nothing else.
 */
export const IMAGE_PUSH_ROLE = 'policy-reconciler-image-push';

/** One environment's image: where it goes and under which tag. */
export interface ImageTarget {
  readonly env: string;
  readonly accountId: string;
  readonly region: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com`: what `docker login` / amazon-ecr-login needs. */
  readonly registry: string;
  /** The ECR repository's name, e.g. `mycomputer/policy-reconciler`. */
  readonly repository: string;
  /** `images.policy-reconciler` of `environments/<env>/versions.yaml`. */
  readonly tag: string;
  /** The image exactly as the Deployment names it. */
  readonly image: string;
  readonly pushRole: string;
}

/** What a change does to the image, against a base commit. */
export interface ImageChange {
  /** The image's input files that differ from the base. */
  readonly changedInputs: readonly string[];
  /** Environments whose pinned tag differs from the base's (new environments included). */
  readonly bumped: readonly string[];
}

export interface ImagePlan extends Partial<ImageChange> {
  readonly targets: readonly ImageTarget[];
}

function targetOf(env: EnvironmentConfig): ImageTarget {
  const tag = env.versions.images[RECONCILER];
  if (!tag) throw new EnvironmentError(path.posix.join(ENVIRONMENTS, env.name, 'versions.yaml'), `images.${RECONCILER}`, "expected the tag of the policy reconciler's image; the key is missing");
  const repository = platformRepository(RECONCILER);
  const image = repositoryImage(env, repository, tag);
  return { env: env.name, accountId: env.aws.accountId, region: env.aws.region, registry: image.slice(0, image.indexOf('/')), repository, tag, image, pushRole: roleArn(env, IMAGE_PUSH_ROLE) };
}

/** The tag `environments/<env>/versions.yaml` pinned at `ref`, or undefined (no such file or key). */
function pinnedAt(repo: string, ref: string, env: string): string | undefined {
  const text = tryGit(repo, ['show', `${ref}:${path.posix.join(ENVIRONMENTS, env, 'versions.yaml')}`]);
  const images = text === undefined ? undefined : (parse(text) as { images?: Record<string, unknown> } | null)?.images;
  const tag = images?.[RECONCILER];
  return tag === undefined ? undefined : String(tag);
}

/** Which image inputs changed between `base` and the working tree, and which environments pin a new tag. */
export function imageChange(repo: string, base: string, targets: readonly ImageTarget[]): ImageChange {
  const changed = git(repo, ['diff', '--name-only', base, '--']).split('\n').filter(Boolean);
  const inputs = imageInputs(repo);
  return {
    changedInputs: changed.filter((file) => coveredBy(file, inputs)).sort(),
    bumped: targets.filter((target) => pinnedAt(repo, base, target.env) !== target.tag).map((target) => target.env),
  };
}

/** Every environment's image target, in promotion order; with a base, what the change does. */
export function imagePlan(repo: string, base?: string): ImagePlan {
  const targets = loadEnvironments({ environmentsDir: path.join(repo, ENVIRONMENTS), displayRoot: repo }).map(targetOf);
  return base === undefined ? { targets } : { targets, ...imageChange(repo, base, targets) };
}

/**
 * Why a change must not merge as it is, or undefined: the image's inputs changed but no
 * environment pins a new tag, so every registry already holds an image under each pinned tag,
 * built from the old sources (tags are immutable: nothing would ever build the new ones).
 */
export function unbumpedChange(plan: ImagePlan): string | undefined {
  if (!plan.changedInputs?.length || plan.bumped?.length) return undefined;
  const first = plan.targets[0];
  return `the policy reconciler's image changes (${plan.changedInputs.join(', ')}) but no environment pins a new tag: set images.${RECONCILER} in environments/${first.env}/versions.yaml to a new version (now "${first.tag}")`;
}
