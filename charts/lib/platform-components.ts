/**
 * The platform's own components: images built from this repository and pinned in
 * versions.yaml next to the workloads' (promoted the same way), each with its ECR repository.
 */
export const PLATFORM_COMPONENTS: readonly string[] = ['policy-reconciler'];

/** ECR repository of a platform component, e.g. `mycomputer/policy-reconciler`. */
export function platformRepository(component: string): string {
  return `mycomputer/${component}`;
}
