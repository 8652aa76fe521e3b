/**
 * Account ids that are not real AWS accounts, as data (docs/bootstrap.md, "Accounts"): this
 * repository's test accounts are one digit twelve times (111111111111 ... 444444444444), and AWS's
 * documentation uses a few examples that must never reach a real sync either. A file may carry
 * one only with `testAccount: true` next to it (the emulator and the test suite); `npx platform
 * init --account <env>=<id>` replaces it and removes the flag.
 */
import { EnvironmentError } from './errors';
import { Catalogue, EnvironmentFile } from './types';
import type { EnvironmentFiles } from './environment-check';

/** One digit repeated twelve times. */
export const PLACEHOLDER_ACCOUNT_PATTERN = /^(\d)\1{11}$/;
/** The example account ids of AWS's documentation. */
export const DOCUMENTATION_ACCOUNTS: readonly string[] = ['123456789012', '111122223333', '444455556666', '777788889999'];

export function isPlaceholderAccount(accountId: string): boolean {
  return PLACEHOLDER_ACCOUNT_PATTERN.test(accountId) || DOCUMENTATION_ACCOUNTS.includes(accountId);
}

/** A placeholder id needs its `testAccount: true`; a real id must not have one. */
function checkOne(accountId: string, testAccount: boolean | undefined, file: string, at: string, owner: string): void {
  if (isPlaceholderAccount(accountId) && testAccount !== true) {
    throw new EnvironmentError(file, `${at}.accountId`, `expected a real AWS account id; "${accountId}" is a placeholder: run \`npx platform init --account ${owner}=<account id>\`, or set ${at}.testAccount: true for a test account (the emulator)`);
  }
  if (!isPlaceholderAccount(accountId) && testAccount === true) {
    throw new EnvironmentError(file, `${at}.testAccount`, `expected only next to a placeholder account id; ${accountId} is a real one: remove testAccount`);
  }
}

/** Refuses a placeholder account where a real sync would use it. */
export function checkAccountsArePlaceholdersOnlyWhenTest(env: EnvironmentFile, catalogue: Catalogue, files: EnvironmentFiles): void {
  checkOne(env.aws.accountId, env.aws.testAccount, files.environment, 'aws', env.name);
  checkOne(catalogue.controllers.accountId, catalogue.controllers.testAccount, files.catalogue, 'controllers', 'controllers');
}
