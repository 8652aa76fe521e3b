/**
 * How Argo CD judges the health of an ACK kind beyond ACK's own conditions: the AWS resource's
 * state field and what its values mean (charts/delivery/health-checks.ts turns these into Lua).
 */
export interface KindHealth {
  /** Words for the field in messages, e.g. "DB instance status". */
  readonly label: string;
  /** Path of the state field from the object's root, e.g. ['status', 'dbInstanceStatus']. */
  readonly path: readonly string[];
  /** States in which the AWS resource serves (besides ACK.ResourceSynced being True). */
  readonly healthy: readonly string[];
  /** States that need a human; anything else is Progressing. */
  readonly degraded: readonly string[];
  /**
   * States reported Healthy although the resource does not serve yet, because what moves it on
   * is created by a later sync wave: Argo CD moves to the next wave only when the current one is
   * Healthy, so a Progressing state here would hold the sync forever.
   * @default none
   */
  readonly settled?: SettledStates;
  /**
   * A list in status whose matching entry says whether the latest rollout worked (ECS Service
   * deployments): a service can be ACTIVE while its new deployment was rolled back.
   * @default none
   */
  readonly rollout?: RolloutCheck;
}

/**
 * `waitsFor` of states only a person moves on (an email subscription waits for its owner to
 * click the confirmation link AWS mailed): nothing in git or in a later wave can, so Argo CD must
 * not wait for it either (issue 11: a resource only a human can finish held every later wave).
 */
export const A_PERSON = 'a person';

export interface SettledStates {
  readonly states: readonly string[];
  /**
   * `<group>/<Kind>` of the object that moves these states on (tests check its wave is later),
   * or A_PERSON.
   */
  readonly waitsFor: string;
  /** Why, in the health message. */
  readonly reason: string;
}

export interface RolloutCheck {
  /** Path of the list from the object's root. */
  readonly path: readonly string[];
  /** Field and value that pick the current entry, e.g. status = PRIMARY. */
  readonly key: string;
  readonly value: string;
  /** Field of the entry with the rollout state. */
  readonly field: string;
  readonly degraded: readonly string[];
  readonly progressing: readonly string[];
}
