/**
 * The policy reconciler's image: what `platform image-plan` gives the workflow
 * (.github/workflows/policy-reconciler-image.yaml) is what the synthesized Deployment pulls and
 * the registry holds; every file the bundle contains goes into the Docker build and counts as a
 * change of the image; the workflow reads only keys the plan has.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RECONCILER } from '../../charts/estate/policy-reconciler-chart';
import { REPO_ROOT } from '../../charts/lib/crds-dir';
import { readManifestTree } from '../../cli/diff/manifest-tree';
import { bundledSources, contextCopies, coveredBy, imageInputs, RECONCILER_DOCKERFILE } from '../../cli/image/inputs';
import { ImagePlan, imagePlan, unbumpedChange } from '../../cli/image/plan';
import { main } from '../../cli/main';
import { git } from '../cli/temp-repo';
import { MANIFESTS_DIR } from '../support/estate';
import { cloneOfHead } from './image-repo';

const WORKFLOW = path.join(REPO_ROOT, '.github', 'workflows', 'policy-reconciler-image.yaml');
type Job = { strategy?: { matrix?: unknown }; if?: string; needs?: string[] };

let bundled: string[];
let plan: ImagePlan;

beforeAll(() => {
  bundled = bundledSources(REPO_ROOT);
  plan = imagePlan(REPO_ROOT);
});

describe('the image plan (platform image-plan)', () => {
  const manifests = readManifestTree({ kind: 'dir', dir: MANIFESTS_DIR });

  it('has one target per environment, each the image its synthesized Deployment pulls', () => {
    expect(plan.targets.map((t) => t.env).sort()).toEqual([...manifests.keys()].filter((env) => fs.existsSync(path.join(REPO_ROOT, 'environments', env))).sort());
    for (const target of plan.targets) {
      const deployment = manifests.get(target.env)!.find((o) => o.kind === 'Deployment' && o.metadata.name === RECONCILER) as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
      expect(deployment.spec.template.spec.containers.map((c) => c.image), target.env).toEqual([target.image]);
      expect(target.image).toBe(`${target.registry}/${target.repository}:${target.tag}`);
      expect(target.registry).toBe(`${target.accountId}.dkr.ecr.${target.region}.amazonaws.com`);
    }
  });

  it("pushes to an ECR repository of the environment's own manifests, with immutable tags", () => {
    for (const target of plan.targets) {
      // The repository in the target's region (the DR region's stack has its own, fed by registry replication).
      const inTargetRegion = (o: { metadata: { readonly [key: string]: unknown } }) => ((o.metadata.annotations as Record<string, string> | undefined)?.['services.k8s.aws/region'] ?? target.region) === target.region;
      const repositories = manifests.get(target.env)!.filter((o) => o.kind === 'Repository' && o.apiVersion.startsWith('ecr.services.k8s.aws/') && inTargetRegion(o)) as unknown as { spec: { name: string; imageTagMutability: string } }[];
      expect(repositories.filter((r) => r.spec.name === target.repository).map((r) => r.spec.imageTagMutability), target.env).toEqual(['IMMUTABLE']);
    }
  });

  it("refuses an environment that pins no tag, naming the file and key, in one line", () => {
    const repo = cloneOfHead();
    const env = plan.targets[plan.targets.length - 1].env;
    const file = path.posix.join('environments', env, 'versions.yaml');
    fs.writeFileSync(path.join(repo, file), fs.readFileSync(path.join(repo, file), 'utf8').replace(new RegExp(`^\\s*${RECONCILER}:.*\\n`, 'm'), ''));
    const result = main(['image-plan', '--repo', repo]);
    expect(result.exitCode).toBe(1);
    expect(result.message).toMatch(new RegExp(`^${file}: images\\.${RECONCILER}: [^\\n]+$`));
  });

  it('prints the same plan as JSON on the command line', () => {
    const result = main(['image-plan', '--format', 'json', '--repo', REPO_ROOT]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.output)).toEqual(JSON.parse(JSON.stringify(plan)));
  });
});

describe("the image's inputs", () => {
  it('every file the bundle contains is copied into the Dockerfile\'s build stage (a new import outside them fails here, as the build would)', () => {
    const sources = contextCopies(fs.readFileSync(path.join(REPO_ROOT, RECONCILER_DOCKERFILE), 'utf8')).flatMap((copy) => copy.sources);
    expect(bundled.length).toBeGreaterThan(0);
    expect(bundled.filter((file) => !coveredBy(file, sources))).toEqual([]);
  });

  it('every file the bundle contains, and the Dockerfile, is an input: changing it is a change of the image', () => {
    const inputs = imageInputs(REPO_ROOT);
    expect([...bundled, RECONCILER_DOCKERFILE].filter((file) => !inputs.includes(file))).toEqual([]);
  });
});

describe('a change against its base (platform image-plan --base)', () => {
  const bundledPolicy = () => bundled.find((file) => file.startsWith('policy/'))!;

  it('a changed bundled file without a new tag is refused, naming the file and where to bump', () => {
    const repo = cloneOfHead();
    fs.appendFileSync(path.join(repo, bundledPolicy()), '\n// changed\n');
    const changed = imagePlan(repo, 'HEAD');
    expect(changed.changedInputs).toEqual([bundledPolicy()]);
    expect(changed.bumped).toEqual([]);
    const first = changed.targets[0];
    expect(unbumpedChange(changed)).toContain(`${bundledPolicy()}) but no environment pins a new tag: set images.${RECONCILER} in environments/${first.env}/versions.yaml`);
    expect(main(['image-plan', '--base', 'HEAD', '--repo', repo]).exitCode).toBe(1);
  });

  it('... and accepted with a new tag in one environment', () => {
    const repo = cloneOfHead();
    fs.appendFileSync(path.join(repo, bundledPolicy()), '\n// changed\n');
    const [first] = imagePlan(repo).targets;
    const versions = path.join(repo, 'environments', first.env, 'versions.yaml');
    fs.writeFileSync(versions, fs.readFileSync(versions, 'utf8').replace(`${RECONCILER}: "${first.tag}"`, `${RECONCILER}: "${first.tag}-next"`));
    const changed = imagePlan(repo, 'HEAD');
    expect(changed.bumped).toEqual([first.env]);
    expect(unbumpedChange(changed)).toBeUndefined();
  });

  it('a file outside the bundle, even in a folder the Dockerfile copies, is no change of the image', () => {
    const repo = cloneOfHead();
    const copied = git(repo, 'ls-files', 'policy/').split('\n').filter((file) => file.endsWith('.ts') && !bundled.includes(file));
    expect(copied.length).toBeGreaterThan(0);
    fs.appendFileSync(path.join(repo, copied[0]), '\n// changed\n');
    expect(imagePlan(repo, 'HEAD').changedInputs).toEqual([]);
  });
});

describe('the workflow', () => {
  const workflow = parse(fs.readFileSync(WORKFLOW, 'utf8')) as { on: Record<string, { paths?: unknown } | null>; jobs: Record<string, Job> };
  const text = fs.readFileSync(WORKFLOW, 'utf8');

  it('reads only keys the plan has (matrix.<key>)', () => {
    const keys = [...new Set([...text.matchAll(/matrix\.([A-Za-z]+)/g)].map((m) => m[1]))];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !(key in plan.targets[0]))).toEqual([]);
  });

  it('runs on every pull request (a path filter would leave its required check pending) and its check runs whatever failed before', () => {
    expect(workflow.on.pull_request?.paths).toBeUndefined();
    const check = Object.values(workflow.jobs).find((job) => job.needs?.includes('push'))!;
    expect(check.if).toBe('always()');
  });
});
