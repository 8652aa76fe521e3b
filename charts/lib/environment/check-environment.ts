import { checkEdge } from './check-edge';
import { checkDisasterRecovery } from './check-disaster-recovery';
import { checkNetwork } from './check-network';
import { checkAccountsArePlaceholdersOnlyWhenTest } from './placeholders';
import { checkAssignedEndpoints } from './check-endpoints';
import { EnvironmentCheck, EnvironmentFiles } from './environment-check';
import { EnvironmentError } from './errors';
import { controlById } from '../../../policy/security-baseline';
import { FARGATE_MEMORY, fargateMemories } from '../fargate';
import { WORKLOAD_MAX_MEMORY_MIB } from './schema';
import { Catalogue, EnvironmentFile, VersionsFile } from './types';
import { PLATFORM_COMPONENTS } from '../platform-components';
import { dailyWindow, weeklyWindow, windowMinutes, windowsOverlap } from './windows';
import { variableNameProblem } from './variables';
import { databaseSettings, databaseWorkloads } from '../data-stores';
import { names } from '../names';


/**
 * Checks what a JSON schema cannot: CIDR arithmetic, windows that must not overlap, and
 * references between the catalogue, the environment file and the versions file.
 */
export function checkEnvironment(env: EnvironmentFile, catalogue: Catalogue, versions: VersionsFile, files: EnvironmentFiles): void {
  for (const check of ENVIRONMENT_CHECKS) check({ env, catalogue, versions, files });
}

/** In order: the first failing check's error is the one reported. */
const ENVIRONMENT_CHECKS: readonly EnvironmentCheck[] = [
  ({ env, files }) => checkIdentity(env, files.environment),
  ({ env, files }) => checkAccount(env, files.environment),
  ({ env, catalogue, files }) => checkAccountsArePlaceholdersOnlyWhenTest(env, catalogue, files),
  ({ env, files }) => checkNetwork(env, files.environment),
  ({ env, catalogue, files }) => checkDisasterRecovery(env, catalogue, files.environment),
  ({ env, files }) => checkWindows(env, files.environment),
  ({ env, files }) => checkLifecycle(env, files.environment),
  ({ env, catalogue, files }) => checkDatabaseOverrides(env, catalogue, files),
  ({ env, catalogue, files }) => checkWorkloadSizing(env, catalogue, files),
  ({ env, catalogue, files }) => checkCatalogue(env, catalogue, files),
  ({ env, catalogue, files }) => checkEdge(env, catalogue, files),
  ({ env, catalogue, files }) => checkAssignedEndpoints(env, catalogue, files),
  ({ catalogue, versions, files }) => checkVersions(catalogue, versions, files.versions),
  ({ env, catalogue, files }) => checkSecurityExceptions(env, catalogue, files.environment),
];

/** Each exception names a real control and a team of the catalogue, so that someone owns it. */
function checkSecurityExceptions(env: EnvironmentFile, catalogue: Catalogue, file: string): void {
  env.securityBaseline.exceptions.forEach((exception, index) => {
    const keyPath = `securityBaseline.exceptions[${index}]`;
    if (!controlById(exception.control)) fail(file, `${keyPath}.control`, `expected a control of the SecurityBaseline policy (docs/security-baseline.md), got "${exception.control}"`);
    if (!catalogue.teams[exception.owner]) fail(file, `${keyPath}.owner`, `expected one of the teams (${Object.keys(catalogue.teams).join(', ')}), got "${exception.owner}"`);
  });
}

function fail(file: string, keyPath: string, expected: string): never {
  throw new EnvironmentError(file, keyPath, expected);
}

/** The Environment tag and the namespace say which environment this is (a copy keeps the original's). */
function checkIdentity(env: EnvironmentFile, file: string): void {
  if (env.tagging.environment !== env.name) fail(file, 'tagging.environment', `expected "${env.name}" (the environment's name), got "${env.tagging.environment}"`);
  if (!env.namespace.split('-').includes(env.name)) fail(file, 'namespace', `expected a namespace containing the environment's name "${env.name}" (e.g. mycomputer-${env.name}), got "${env.namespace}"`);
}

function checkAccount(env: EnvironmentFile, file: string): void {
  env.aws.availabilityZones.forEach((zone, index) => {
    if (!zone.startsWith(env.aws.region)) fail(file, `aws.availabilityZones[${index}]`, `expected a zone of ${env.aws.region}, got "${zone}"`);
  });
  if (new Set(env.aws.availabilityZones).size !== env.aws.availabilityZones.length) {
    fail(file, 'aws.availabilityZones', 'expected three distinct zones');
  }
  if (env.aws.drRegion === env.aws.region) fail(file, 'aws.drRegion', `expected a region other than the primary ${env.aws.region}`);
}

function checkWindows(env: EnvironmentFile, file: string): void {
  const maintenance = weeklyWindow(env.database.maintenanceWindow);
  if (windowMinutes(maintenance) < 30) fail(file, 'database.maintenanceWindow', 'expected a window of at least 30 minutes (RDS minimum)');
  if (windowsOverlap(dailyWindow(env.database.backupWindow), maintenance)) {
    fail(file, 'database.backupWindow', `expected a window that does not overlap database.maintenanceWindow (${env.database.maintenanceWindow})`);
  }
  if (env.database.maxAllocatedStorageGiB < env.database.allocatedStorageGiB) {
    fail(file, 'database.maxAllocatedStorageGiB', `expected at least database.allocatedStorageGiB (${env.database.allocatedStorageGiB})`);
  }
  if (windowsOverlap(dailyWindow(env.cache.snapshotWindow), weeklyWindow(env.cache.maintenanceWindow))) {
    fail(file, 'cache.snapshotWindow', `expected a window that does not overlap cache.maintenanceWindow (${env.cache.maintenanceWindow})`);
  }
}

function checkLifecycle(env: EnvironmentFile, file: string): void {
  const { infrequentAccessAfterDays: ia, glacierAfterDays: glacier, expireAfterDays: expire } = env.storage.lifecycle;
  if (glacier <= ia) fail(file, 'storage.lifecycle.glacierAfterDays', `expected more than infrequentAccessAfterDays (${ia}), got ${glacier}`);
  if (expire <= glacier) fail(file, 'storage.lifecycle.expireAfterDays', `expected more than glacierAfterDays (${glacier}), got ${expire}`);
}

function checkWorkloadSizing(env: EnvironmentFile, catalogue: Catalogue, files: EnvironmentFiles): void {
  for (const name of Object.keys(catalogue.workloads)) {
    if (!env.workloads[name]) fail(files.environment, `workloads.${name}`, `missing sizing for workload "${name}" of ${files.catalogue}`);
  }
  for (const [name, sizing] of Object.entries(env.workloads)) {
    const keyPath = `workloads.${name}`;
    if (!catalogue.workloads[name]) fail(files.environment, keyPath, `unknown workload (expected one of ${Object.keys(catalogue.workloads).join(', ')})`);
    const fargate = fargateMemories(sizing.cpu) ?? fail(files.environment, `${keyPath}.cpu`, `expected a Fargate CPU size (${Object.keys(FARGATE_MEMORY).join(', ')}), got ${sizing.cpu}`);
    const memories = fargate.filter((memory) => memory <= WORKLOAD_MAX_MEMORY_MIB);
    if (!memories.includes(sizing.memory)) fail(files.environment, `${keyPath}.memory`, `expected one of ${memories.join(', ')} for cpu ${sizing.cpu} (Fargate), got ${sizing.memory}`);
    if (sizing.minCapacity > sizing.desiredCount || sizing.desiredCount > sizing.maxCapacity) {
      fail(files.environment, `${keyPath}.desiredCount`, `expected minCapacity <= desiredCount <= maxCapacity, got ${sizing.minCapacity} <= ${sizing.desiredCount} <= ${sizing.maxCapacity}`);
    }
  }
}

function checkCatalogue(env: EnvironmentFile, catalogue: Catalogue, files: EnvironmentFiles): void {
  const { from, to } = env.network.taskPortRange;
  const ports = new Map<number, string>();
  for (const [name, workload] of Object.entries(catalogue.workloads)) {
    const keyPath = `workloads.${name}`;
    if (!catalogue.teams[workload.team]) fail(files.catalogue, `${keyPath}.team`, `expected one of the teams (${Object.keys(catalogue.teams).join(', ')}), got "${workload.team}"`);
    if (workload.port < from || workload.port > to) {
      fail(files.catalogue, `${keyPath}.port`, `expected a port inside network.taskPortRange ${from}-${to} of ${files.environment}, got ${workload.port}`);
    }
    const clash = ports.get(workload.port);
    if (clash) fail(files.catalogue, `${keyPath}.port`, `expected a port not used by workload "${clash}", got ${workload.port}`);
    ports.set(workload.port, name);
    checkVariableNames(workload.variables, files.catalogue, `${keyPath}.variables`);
    for (const [variable, secret] of Object.entries(workload.secrets)) {
      if (!catalogue.secrets[secret]) fail(files.catalogue, `${keyPath}.secrets.${variable}`, `expected one of the secrets (${Object.keys(catalogue.secrets).join(', ')}), got "${secret}"`);
      if (workload.variables[variable] !== undefined) fail(files.catalogue, `${keyPath}.secrets.${variable}`, 'expected a name not also used in variables');
    }
  }
  for (const [name, secret] of Object.entries(catalogue.secrets)) {
    if (!catalogue.teams[secret.team]) fail(files.catalogue, `secrets.${name}.team`, `expected one of the teams (${Object.keys(catalogue.teams).join(', ')}), got "${secret.team}"`);
  }
  if (!catalogue.teams.platform) fail(files.catalogue, 'teams.platform', 'missing the platform team, which owns shared infrastructure');
}

function checkVariableNames(variables: Readonly<Record<string, string>>, file: string, keyPath: string): void {
  for (const name of Object.keys(variables)) {
    const problem = variableNameProblem(name);
    if (problem) fail(file, `${keyPath}.${name}`, problem);
  }
}

function checkDatabaseOverrides(env: EnvironmentFile, catalogue: Catalogue, files: EnvironmentFiles): void {
  const databases = databaseWorkloads({ catalogue }).map(({ database }) => database);
  const instances = databases.map((database) => names.dbInstance(database));
  for (const instance of Object.keys(env.database.overrides ?? {})) {
    if (!instances.includes(instance)) {
      fail(files.environment, `database.overrides.${instance}`, `expected the DBInstance of a catalogue database (one of ${instances.join(', ')})`);
    }
  }
  for (const database of databases) {
    const { allocatedStorageGiB, maxAllocatedStorageGiB } = databaseSettings(env, database);
    if (maxAllocatedStorageGiB < allocatedStorageGiB) {
      fail(files.environment, `database.overrides.${names.dbInstance(database)}`, `expected maxAllocatedStorageGiB (${maxAllocatedStorageGiB}) at least allocatedStorageGiB (${allocatedStorageGiB}), database.overrides over the database settings`);
    }
  }
}

function checkVersions(catalogue: Catalogue, versions: VersionsFile, file: string): void {
  for (const [workload, variables] of Object.entries(versions.variables ?? {})) {
    if (!catalogue.workloads[workload]) fail(file, `variables.${workload}`, `unknown workload (expected one of ${Object.keys(catalogue.workloads).join(', ')})`);
    checkVariableNames(variables, file, `variables.${workload}`);
    for (const name of Object.keys(variables)) {
      if (catalogue.workloads[workload].secrets[name] !== undefined) fail(file, `variables.${workload}.${name}`, `expected a name not used in the workload's secrets of the catalogue`);
    }
  }
  for (const name of [...Object.keys(catalogue.workloads), ...PLATFORM_COMPONENTS]) {
    if (!versions.images[name]) fail(file, `images.${name}`, 'missing image tag');
  }
  for (const name of Object.keys(versions.images)) {
    if (!catalogue.workloads[name] && !PLATFORM_COMPONENTS.includes(name)) {
      fail(file, `images.${name}`, `unknown image (expected a workload or one of ${PLATFORM_COMPONENTS.join(', ')})`);
    }
  }
}
