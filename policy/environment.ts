/**
 * What policies read from an environment to build its spec: the part of charts' EnvironmentConfig
 * they need, declared here so that policy/ depends on nothing above it. EnvironmentConfig fits it
 * structurally; the compiler checks that where the charts pass one.
 */
import type { SecurityBaselineException } from './security-baseline/types';

type Mode = 'enforce' | 'audit';

export interface PolicyEnvironment {
  readonly name: string;
  readonly aws: { readonly region: string; readonly drRegion: string };
  readonly tagging: { readonly environment: string; readonly managedBy: string };
  readonly catalogue: {
    readonly teams: Readonly<Record<string, { readonly costCenter: string; readonly owner: string }>>;
    readonly workloads: Readonly<Record<string, { readonly application: string }>>;
  };
  readonly policy: { readonly taggingMode: Mode; readonly backupMode: Mode };
  readonly recovery: Readonly<Record<'critical' | 'non-critical', { readonly rpoMinutes: number; readonly rtoMinutes: number }>>;
  readonly database: { readonly backupRetentionDays: number; readonly deletionProtection: boolean };
  readonly disasterRecovery: { readonly enabled: boolean; readonly activeRegion?: string };
  /** Accepted failures of Security Hub controls, each with its reason and owner. */
  readonly securityBaseline: { readonly exceptions: readonly SecurityBaselineException[] };
}
