/** Fargate task sizes, as AWS lists them: memory (MiB) allowed per CPU size (units of 1/1024 vCPU). */
const range = (from: number, to: number): number[] => Array.from({ length: (to - from) / 1024 + 1 }, (_, i) => from + i * 1024);

export const FARGATE_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096),
  1024: range(2048, 8192),
  2048: range(4096, 16384),
  4096: range(8192, 30720),
};

/** The memory sizes Fargate accepts for `cpu`; undefined when `cpu` is not a Fargate size. */
export function fargateMemories(cpu: number): readonly number[] | undefined {
  return FARGATE_MEMORY[cpu];
}

/** Fargate's two capacity providers: on-demand and Spot (reclaimable, about 70% cheaper). */
export type FargateCapacityProvider = 'FARGATE' | 'FARGATE_SPOT';
export const FARGATE_CAPACITY_PROVIDERS: readonly FargateCapacityProvider[] = ['FARGATE', 'FARGATE_SPOT'];

/** One entry of a capacity provider strategy (cluster default or service). */
export interface CapacityProviderShare {
  readonly capacityProvider: FargateCapacityProvider;
  /** Relative share of the tasks beyond the bases (0-1000). */
  readonly weight: number;
  /**
   * Tasks placed on this provider before weights apply (at most one entry may have a base).
   * @default 0
   */
  readonly base?: number;
}
