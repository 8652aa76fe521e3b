/** A command line the user can correct (an unknown environment, a missing option): its message, exit 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
