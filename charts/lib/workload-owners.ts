import { EnvironmentConfig } from './environment/types';
import { Owner } from './ownership';

/** A resource several workloads share (an ECR repository, a log group) and its owner. */
export interface SharedResource {
  /** The resource's AWS name, e.g. `mycomputer/inventory` or `/ecs/customer-base`. */
  readonly resource: string;
  readonly owner: Owner;
  /** Catalogue keys of the workloads using it, sorted. */
  readonly workloads: readonly string[];
}

/**
 * The distinct values of a workload field across the catalogue, sorted, each with its owner.
 * All workloads sharing one must share its application. When their teams differ (the
 * customer-base API and front end log to one group), the first workload in name order decides
 * the team: `customer-base` before `customer-base-frontend`, the service before its variants.
 */
export function sharedByWorkloads(env: Pick<EnvironmentConfig, 'catalogue'>, field: 'repository' | 'logGroup'): SharedResource[] {
  const groups = new Map<string, string[]>();
  for (const [name, workload] of Object.entries(env.catalogue.workloads)) {
    groups.set(workload[field], [...(groups.get(workload[field]) ?? []), name]);
  }
  return [...groups.keys()].sort().map((resource) => {
    const workloads = groups.get(resource)!.sort();
    return { resource, workloads, owner: ownerOf(env, field, resource, workloads) };
  });
}

function ownerOf(env: Pick<EnvironmentConfig, 'catalogue'>, field: string, resource: string, workloads: string[]): Owner {
  const definitions = workloads.map((name) => env.catalogue.workloads[name]);
  const applications = [...new Set(definitions.map((w) => w.application))];
  if (applications.length > 1) {
    throw new Error(`environments/catalogue.yaml: workloads ${workloads.join(', ')} share ${field} "${resource}" but belong to different applications (${applications.join(', ')})`);
  }
  const application = applications[0];
  return { application, team: definitions[0].team };
}
