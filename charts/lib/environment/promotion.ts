import { EnvironmentError } from './errors';

/** What the promotion order needs of one environment. */
export interface PromotionStage {
  readonly name: string;
  /** The environment it is promoted from (`promotion.from`); none for the first stage. */
  readonly from?: string;
  /** Its environment.yaml, as shown in messages. */
  readonly file: string;
}

/**
 * The environments in the order changes travel (development → staging → production), from each
 * one's `promotion.from`: every environment comes after its source, ties alphabetically.
 * Refuses a source that is no environment and a cycle, naming the file and the key.
 */
export function promotionOrder(stages: readonly PromotionStage[]): string[] {
  const names = new Set(stages.map((stage) => stage.name));
  for (const stage of stages) {
    if (stage.from === undefined) continue;
    if (stage.from === stage.name) throw new EnvironmentError(stage.file, 'promotion.from', `expected another environment than "${stage.name}" itself`);
    if (!names.has(stage.from)) throw new EnvironmentError(stage.file, 'promotion.from', `expected one of ${[...names].sort().join(', ')}, got "${stage.from}" (no such environment)`);
  }
  const order: string[] = [];
  let ready = stages.filter((stage) => stage.from === undefined).map((stage) => stage.name).sort();
  while (ready.length > 0) {
    const [next, ...rest] = ready;
    order.push(next);
    ready = [...rest, ...stages.filter((stage) => stage.from === next).map((stage) => stage.name)].sort();
  }
  const cyclic = stages.filter((stage) => !order.includes(stage.name)).sort((a, b) => a.name.localeCompare(b.name));
  if (cyclic.length > 0) {
    throw new EnvironmentError(cyclic[0].file, 'promotion.from', `expected no promotion cycle, got one through ${cyclic.map((stage) => stage.name).join(', ')}`);
  }
  return order;
}

/** The environments promoted from `name` (none for the last stage, production). */
export function successorsOf(stages: readonly PromotionStage[], name: string): string[] {
  return stages.filter((stage) => stage.from === name).map((stage) => stage.name).sort();
}
