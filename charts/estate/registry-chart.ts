import { Construct } from 'constructs';
import { EcrRepository } from '../constructs/ecr-repository';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';
import { PLATFORM_COMPONENTS, platformRepository } from '../lib/platform-components';
import { sharedByWorkloads } from '../lib/workload-owners';

/**
 * The container registry: one ECR repository per distinct `repository` of the catalogue's
 * workloads, owned by the workload that pushes to it, and one per platform component (the
 * policy reconciler's image), owned by the platform team.
 */
export class RegistryChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    for (const { resource, owner } of sharedByWorkloads(this.env, 'repository')) {
      new EcrRepository(this, names.repository(resource), {
        name: names.repository(resource),
        repositoryName: resource,
        keepImages: this.env.registry.keepImages,
        owner,
      });
    }
    for (const repository of PLATFORM_COMPONENTS.map(platformRepository)) {
      new EcrRepository(this, names.repository(repository), {
        name: names.repository(repository),
        repositoryName: repository,
        keepImages: this.env.registry.keepImages,
        owner: PLATFORM_OWNER,
      });
    }
  }
}
