import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { EcrRepository, keepLastImagesPolicy } from '../../charts/constructs/ecr-repository';
import { ENVIRONMENT_NAMES, kindsOf, loadEnv, manifestValidator, readTags, synthesized } from '../support/estate';

const SEED_REPOSITORIES = [
  'mycomputer/customer-base-api',
  'mycomputer/customer-base-frontend',
  'mycomputer/inventory',
  'mycomputer/locations',
  'mycomputer/payments',
];

/** The platform's own image (the policy reconciler), next to the seed's five. */
const PLATFORM_REPOSITORIES = ['mycomputer/policy-reconciler'];

/** Repository AWS name → [Application, Team] (the workload pushing to it). */
const OWNERS: Record<string, [string, string]> = {
  'mycomputer/customer-base-api': ['customer-base', 'backend'],
  'mycomputer/customer-base-frontend': ['customer-base', 'frontend'],
  'mycomputer/inventory': ['inventory', 'backend'],
  'mycomputer/locations': ['locations', 'backend'],
  'mycomputer/payments': ['payments', 'backend'],
  'mycomputer/policy-reconciler': ['platform', 'platform'],
};

const repositories = (env: string) => kindsOf(env, 'Repository', 'ecr.services.k8s.aws');

describe('ECR repositories (the seed\'s Container Registry)', () => {
  it.each(ENVIRONMENT_NAMES)('%s: exactly the five repositories of the seed and the platform\'s own, named after them', (env) => {
    // GIVEN the synthesized environment
    // WHEN its ECR repositories are listed
    const found = repositories(env).map((r) => [r.metadata.name, r.spec.name]);

    // THEN they are the seed's five and the policy reconciler's, with metadata names derived from the AWS names
    expect(found).toEqual([...SEED_REPOSITORIES, ...PLATFORM_REPOSITORIES].map((name) => [`ecr-${name.replace('/', '-')}`, name]));
  });

  it.each(ENVIRONMENT_NAMES)('%s: scan on push, immutable tags, AES-256 at rest', (env) => {
    for (const repository of repositories(env)) {
      expect(repository.spec.imageScanningConfiguration, repository.spec.name).toEqual({ scanOnPush: true });
      expect(repository.spec.imageTagMutability, repository.spec.name).toBe('IMMUTABLE');
      expect(repository.spec.encryptionConfiguration, repository.spec.name).toEqual({ encryptionType: 'AES256' });
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: the lifecycle policy keeps exactly the last 10 images', (env) => {
    // GIVEN the environment's registry setting
    expect(loadEnv(env).registry.keepImages).toBe(10);
    for (const repository of repositories(env)) {
      // WHEN the lifecycle policy JSON is read
      const policy = JSON.parse(repository.spec.lifecyclePolicy);

      // THEN its one rule expires every image beyond the newest 10, tagged or not
      expect(policy, repository.spec.name).toEqual({
        rules: [
          {
            rulePriority: 1,
            description: 'Keep the last 10 images',
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 },
            action: { type: 'expire' },
          },
        ],
      });
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: each repository is owned by the workload pushing to it and is never deleted with its object', (env) => {
    for (const repository of repositories(env)) {
      const tags = readTags(repository);
      expect([tags.Application, tags.Team], repository.spec.name).toEqual(OWNERS[repository.spec.name]);
      expect(tags.Environment, repository.spec.name).toBe(env);
      expect(repository.metadata.annotations?.['services.k8s.aws/deletion-policy'], repository.spec.name).toBe('retain');
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: every object of registry.yaml validates against its CRD', (env) => {
    const objects = synthesized(env).filter((s) => s.file === 'registry.yaml');
    expect(objects).toHaveLength(SEED_REPOSITORIES.length + PLATFORM_REPOSITORIES.length);
    expect(objects.flatMap((s) => manifestValidator().validate(s.object))).toEqual([]);
  });
});

describe('EcrRepository construct', () => {
  const build = (props: Partial<ConstructorParameters<typeof EcrRepository>[2]>) =>
    new EcrRepository(new Chart(new App(), 'c'), 'r', { name: 'r', repositoryName: 'mycomputer/x', keepImages: 10, ...props });

  it('rejects a repository name ECR does not accept, naming the value', () => {
    expect(() => build({ repositoryName: 'MyComputer/X' })).toThrow(/repositoryName must match .* got "MyComputer\/X"/);
  });

  it('rejects keeping no images', () => {
    expect(() => build({ keepImages: 0 })).toThrow('EcrRepository r: keepImages must be a positive integer, got 0');
  });

  it('renders the lifecycle rule for any count', () => {
    expect(JSON.parse(keepLastImagesPolicy(3)).rules[0].selection.countNumber).toBe(3);
  });
});
