import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../charts/lib/crds-dir';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { synthOptions } from '../../charts/synth-config';
import { ENVIRONMENTS_DIR, MANIFESTS_DIR } from '../support/estate';
import { copyToTemp, readTree } from '../support/temp-tree';

/** One way to break an environment, and the message synth must give. */
interface BadInput {
  readonly name: string;
  readonly file: string;
  readonly edit: (text: string) => string;
  /** A one-line message starting so (a string), matching (a RegExp), or these exact lines. */
  readonly message: string | RegExp | readonly string[];
}

/** Fake secret values assembled at run time, so that this file does not itself look like a leak. */
const fake = (...parts: string[]) => parts.join('');
const STRIPE_KEY = fake('sk_', 'live_', '51HxYzAbCdEfGhIjKlMnOpQr');
const AWS_KEY_ID = fake('AKIA', 'QWERTYUIOPASDFGH');

const replace = (from: string, to: string) => (text: string) => {
  if (!text.includes(from)) throw new Error(`test setup: "${from}" not found`);
  return text.replace(from, to);
};

const cases: BadInput[] = [
  {
    name: 'malformed YAML',
    file: 'staging/environment.yaml',
    edit: replace('network:\n', 'network:\n  vpcCidr: [unclosed\n'),
    // One clean line: file:line:column: problem, without the repeated position or a bare colon.
    message: /^environments\/staging\/environment\.yaml:\d+:\d+: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/,
  },
  {
    name: 'a misspelt key next to the missing one',
    file: 'staging/environment.yaml',
    edit: replace('  instanceClass:', '  instanceClas:'),
    message: [
      'environments/staging/environment.yaml: 2 problems',
      '  database.instanceClass: missing required key',
      '  database.instanceClas: unknown key (did you mean instanceClass?)',
    ],
  },
  {
    name: 'every problem of a file at once',
    file: 'production/environment.yaml',
    edit: (text) => replace('  multiAZ: true\n', '  multiAZ: "yes"\n')(replace('  natGateways: 3 ', '  natGateway: 3 ')(text)),
    message: [
      'environments/production/environment.yaml: 3 problems',
      '  network.natGateways: missing required key',
      '  network.natGateway: unknown key (did you mean natGateways?)',
      '  database.multiAZ: expected boolean, got string "yes"',
    ],
  },
  {
    name: 'a secret-looking variable name in the catalogue',
    file: 'catalogue.yaml',
    edit: replace('      SESSION_TIMEOUT: "3600"\n', '      SESSION_TIMEOUT: "3600"\n      DB_PASSWORD: "x"\n'),
    message: 'environments/catalogue.yaml: workloads.customer-base.variables.DB_PASSWORD: looks like a secret (PASSWORD): declare it under the workload\'s secrets',
  },
  {
    name: 'a catalogue variable overriding a reserved one',
    file: 'catalogue.yaml',
    edit: replace('      POSTGIS_ENABLED: "true"\n', '      POSTGIS_ENABLED: "true"\n      NODE_ENV: development\n'),
    message: 'environments/catalogue.yaml: workloads.locations.variables.NODE_ENV: reserved: the compute charts derive NODE_ENV from compute.nodeEnv; remove it',
  },
  {
    name: 'a reserved variable in an environment\'s variables',
    file: 'staging/versions.yaml',
    edit: (text) => `${text}variables:\n  inventory:\n    DB_HOST: db.example.com\n`,
    message: 'environments/staging/versions.yaml: variables.inventory.DB_HOST: reserved: the compute charts derive DB_HOST',
  },
  {
    name: 'a secret-looking name in an environment\'s variables',
    file: 'production/versions.yaml',
    edit: (text) => `${text}variables:\n  payments:\n    STRIPE_API_KEY: none\n`,
    message: 'environments/production/versions.yaml: variables.payments.STRIPE_API_KEY: looks like a secret (API_KEY)',
  },
  {
    name: 'variables of a workload the catalogue does not have',
    file: 'development/versions.yaml',
    edit: (text) => `${text}variables:\n  payment:\n    FEATURE_X: "on"\n`,
    message: 'environments/development/versions.yaml: variables.payment: unknown workload (expected one of',
  },
  {
    name: 'a Stripe key as the value of a harmless variable',
    file: 'catalogue.yaml',
    edit: replace('      MAX_SEARCH_RADIUS: "100"\n', `      MAX_SEARCH_RADIUS: "100"\n      BILLING_MODE: ${STRIPE_KEY}\n`),
    message: 'environments/catalogue.yaml: workloads.locations.variables.BILLING_MODE: looks like a secret value (STRIPE_SECRET_KEY_LIVE (stripe))',
  },
  {
    name: 'an AWS access key id as a value',
    file: 'development/environment.yaml',
    edit: (text) => text.replace(/(\n  managedBy: ).*\n/, `$1${AWS_KEY_ID}\n`),
    message: 'environments/development/environment.yaml: tagging.managedBy: looks like a secret value (AWSAccessKeyID (aws))',
  },
  {
    name: 'a URL with a password in an environment\'s variables',
    file: 'staging/versions.yaml',
    edit: (text) => `${text}variables:\n  locations:\n    ANALYTICS_URL: ${fake('postgres://u', ':p@h')}\n`,
    message: 'environments/staging/versions.yaml: variables.locations.ANALYTICS_URL: looks like a secret value (a password in a URL)',
  },
  {
    name: 'an override of a database the catalogue does not have',
    file: 'production/environment.yaml',
    edit: replace('  maxConnections:', '  overrides:\n    payment-db:\n      instanceClass: db.r6g.large\n  maxConnections:'),
    message: 'environments/production/environment.yaml: database.overrides.payment-db: expected the DBInstance of a catalogue database (one of customers-db, inventory-db, locations-db, payments-db)',
  },
  {
    name: 'an override of a setting that cannot differ per database',
    file: 'production/environment.yaml',
    edit: replace('  maxConnections:', '  overrides:\n    payments-db:\n      multiAZ: false\n  maxConnections:'),
    message: 'environments/production/environment.yaml: database.overrides.payments-db.multiAZ: unknown key (expected one of instanceClass, allocatedStorageGiB, maxAllocatedStorageGiB)',
  },
  {
    name: 'an override that shrinks the storage ceiling below the allocation',
    file: 'staging/environment.yaml',
    edit: (text) => replace('  maxConnections:', '  overrides:\n    payments-db:\n      allocatedStorageGiB: 60000\n  maxConnections:')(text),
    message: 'environments/staging/environment.yaml: database.overrides.payments-db: expected maxAllocatedStorageGiB',
  },
  {
    name: 'an Environment tag that is not the environment\'s name',
    file: 'staging/environment.yaml',
    edit: replace('  environment: staging\n', '  environment: production\n'),
    message: 'environments/staging/environment.yaml: tagging.environment: expected "staging" (the environment\'s name), got "production"',
  },
  {
    name: 'a namespace without the environment\'s name',
    file: 'development/environment.yaml',
    edit: replace('namespace: mycomputer-development\n', 'namespace: mycomputer-dev\n'),
    message: 'environments/development/environment.yaml: namespace: expected a namespace containing the environment\'s name "development"',
  },
  {
    name: 'a controllers account that is not an account id',
    file: 'catalogue.yaml',
    edit: replace('  accountId: "444444444444"', '  accountId: "4444"'),
    message: 'environments/catalogue.yaml: controllers.accountId:',
  },
  {
    name: 'an unknown key',
    file: 'staging/environment.yaml',
    edit: replace('  multiAZ: true\n', '  multiAZ: true\n  multiAz: true\n'),
    message: 'environments/staging/environment.yaml: database.multiAz: unknown key',
  },
  {
    name: 'a missing required key',
    file: 'production/environment.yaml',
    edit: replace('  backupRetentionDays: 30\n', ''),
    message: 'environments/production/environment.yaml: database.backupRetentionDays: missing required key',
  },
  {
    name: 'a wrong type',
    file: 'development/environment.yaml',
    edit: replace('  multiAZ: false\n', '  multiAZ: "no"\n'),
    message: 'environments/development/environment.yaml: database.multiAZ: expected boolean, got string "no"',
  },
  {
    name: 'a CIDR that does not parse',
    file: 'staging/environment.yaml',
    edit: replace('10.1.2.0/24', '10.1.300.0/24'),
    message: 'environments/staging/environment.yaml: network.publicSubnets[1]: expected an IPv4 CIDR such as 10.0.1.0/24, got "10.1.300.0/24"',
  },
  {
    name: 'a CIDR outside the VPC',
    file: 'staging/environment.yaml',
    edit: replace('10.1.11.0/24', '10.9.11.0/24'),
    message: 'environments/staging/environment.yaml: network.privateSubnets[1]: expected a CIDR inside the VPC 10.1.0.0/16, got "10.9.11.0/24"',
  },
  {
    name: 'overlapping subnets',
    file: 'production/environment.yaml',
    edit: replace('10.0.21.0/24', '10.0.20.0/23'),
    message: 'environments/production/environment.yaml: network.databaseSubnets[1]: expected a CIDR that does not overlap network.databaseSubnets[0] (10.0.20.0/24), got "10.0.20.0/23"',
  },
  {
    name: 'a port out of range',
    file: 'catalogue.yaml',
    edit: replace('port: 3003', 'port: 70000'),
    message: 'environments/catalogue.yaml: workloads.payments.port: expected a number <= 65535, got 70000',
  },
  {
    name: 'a port outside the task port range of the security group',
    file: 'catalogue.yaml',
    edit: replace('port: 3004', 'port: 8080'),
    message: 'environments/catalogue.yaml: workloads.locations.port: expected a port inside network.taskPortRange 3000-3010 of environments/development/environment.yaml, got 8080',
  },
  {
    name: 'a NAT gateway count that is neither shared nor one per zone',
    file: 'staging/environment.yaml',
    edit: replace('natGateways: 3', 'natGateways: 2'),
    message: 'environments/staging/environment.yaml: network.natGateways: expected 1 (shared) or 3 (one per zone), got 2',
  },
  {
    name: 'a missing image tag',
    file: 'production/versions.yaml',
    edit: (text) => text.replace(/^ {2}payments: .*\n/m, ''), // whatever its tag today
    message: 'environments/production/versions.yaml: images.payments: missing image tag',
  },
  {
    name: 'a backup window inside the maintenance window',
    file: 'production/environment.yaml',
    edit: replace('backupWindow: "01:00-02:00"', 'backupWindow: "03:30-04:30"'),
    message: 'environments/production/environment.yaml: database.backupWindow: expected a window that does not overlap database.maintenanceWindow (sun:03:00-sun:04:00)',
  },
  {
    name: 'a malformed VPC id',
    file: 'staging/environment.yaml',
    edit: replace('vpcId: vpc-00000000000000002', 'vpcId: vpc-staging'),
    message: 'environments/staging/environment.yaml: network.assigned.vpcId: expected a value matching ^vpc-[0-9a-f]{8,17}$, got "vpc-staging"',
  },
  {
    name: 'a malformed database endpoint',
    file: 'development/environment.yaml',
    edit: replace('inventory-db.c00000000003.eu-west-1.rds.amazonaws.com', 'inventory-db.c00000000003.eu-west-1.rds.amazonaws.com:5432'),
    message: 'environments/development/environment.yaml: database.assigned.endpoints.inventory-db: expected a value matching',
  },
  {
    name: 'a database endpoint of another region',
    file: 'production/environment.yaml',
    edit: replace('inventory-db.c00000000001.eu-west-1.rds', 'inventory-db.c00000000001.eu-central-1.rds'),
    message: 'environments/production/environment.yaml: database.assigned.endpoints.inventory-db: expected the endpoint of DBInstance inventory-db in eu-west-1 ("inventory-db.<12 characters>.eu-west-1.rds.amazonaws.com"), got "inventory-db.c00000000001.eu-central-1.rds.amazonaws.com"',
  },
  {
    name: 'the endpoint of another database',
    file: 'staging/environment.yaml',
    edit: replace('payments-db: payments-db.c00000000002', 'payments-db: customers-db.c00000000002'),
    message: 'environments/staging/environment.yaml: database.assigned.endpoints.payments-db: expected the endpoint of DBInstance payments-db in eu-west-1 ("payments-db.<12 characters>.eu-west-1.rds.amazonaws.com"), got "customers-db.c00000000002.eu-west-1.rds.amazonaws.com"',
  },
  {
    name: 'a promoted replica outside the DR region',
    file: 'production/environment.yaml',
    edit: replace('payments-db: payments-db.c00000000001.eu-west-1.rds', 'payments-db: payments-db-dr.c00000000001.eu-west-2.rds'),
    message: 'environments/production/environment.yaml: database.assigned.endpoints.payments-db: expected the endpoint of DBInstance payments-db in eu-west-1 ("payments-db.<12 characters>.eu-west-1.rds.amazonaws.com") or of its promoted replica payments-db-dr in aws.drRegion eu-central-1, got "payments-db-dr.c00000000001.eu-west-2.rds.amazonaws.com"',
  },
  {
    name: 'an endpoint for a database the catalogue does not have',
    file: 'development/environment.yaml',
    edit: replace('      locations-db: locations-db.', '      location-db: locations-db.'),
    message: 'environments/development/environment.yaml: database.assigned.endpoints.location-db: expected the DBInstance of a catalogue database (one of customers-db, inventory-db, locations-db, payments-db)',
  },
  {
    name: 'a cache endpoint of another region',
    file: 'staging/environment.yaml',
    edit: replace('master.inventory-cache.000002.euw1.', 'master.inventory-cache.000002.euc1.'),
    message: 'environments/staging/environment.yaml: cache.assigned.primaryEndpoints.inventory: expected the primary endpoint of ReplicationGroup inventory-cache in eu-west-1 ("master.inventory-cache.<6 characters>.euw1.cache.amazonaws.com"), got "master.inventory-cache.000002.euc1.cache.amazonaws.com"',
  },
  {
    name: 'a cache endpoint that is not the primary endpoint',
    file: 'production/environment.yaml',
    edit: replace('inventory: master.inventory-cache.000001.euw1.', 'inventory: inventory-cache.000001.ng.0001.euw1.'),
    message: 'environments/production/environment.yaml: cache.assigned.primaryEndpoints.inventory: expected a value matching',
  },
  {
    name: 'a cache endpoint for a workload without a cache',
    file: 'development/environment.yaml',
    edit: replace('      inventory: master.inventory-cache.', '      payments: master.inventory-cache.'),
    message: 'environments/development/environment.yaml: cache.assigned.primaryEndpoints.payments: expected a catalogue workload with usesCache (one of inventory)',
  },
  {
    name: 'a security exception for a control the baseline does not have',
    file: 'development/environment.yaml',
    edit: replace('    - control: CloudFront.1\n', '    - control: CloudFront.99\n'),
    message: 'environments/development/environment.yaml: securityBaseline.exceptions[1].control: expected a control of the SecurityBaseline policy (docs/security-baseline.md), got "CloudFront.99"',
  },
  {
    name: 'a security exception nobody owns',
    file: 'production/environment.yaml',
    edit: (text) => text.replace(/(    - control: CloudFront\.1\n(?:      .*\n)*?      owner: )platform/, '$1plaform'),
    message: 'environments/production/environment.yaml: securityBaseline.exceptions[1].owner: expected one of the teams (platform, backend, frontend), got "plaform"',
  },
  {
    name: 'a security exception without a reason',
    file: 'staging/environment.yaml',
    edit: (text) => text.replace(/(    - control: CloudFront\.1\n(?:      .*\n)*?)      reason: .*\n/, '$1'),
    message: 'environments/staging/environment.yaml: securityBaseline.exceptions[1].reason: missing required key',
  },
];

describe('bad environment input', () => {
  let environmentsDir: string;
  let manifestsDir: string;
  let before: Map<string, string>;

  beforeEach(() => {
    // GIVEN a copy of the environments and of the committed manifests
    environmentsDir = copyToTemp(ENVIRONMENTS_DIR, 'environments-');
    manifestsDir = copyToTemp(MANIFESTS_DIR, 'manifests-');
    before = readTree(manifestsDir);
  });

  afterEach(() => {
    fs.rmSync(path.dirname(environmentsDir), { recursive: true, force: true });
    fs.rmSync(path.dirname(manifestsDir), { recursive: true, force: true });
  });

  it.each(cases)('rejects $name with a message naming file and key, and leaves manifests untouched', ({ file, edit, message }) => {
    const target = path.join(environmentsDir, file);
    fs.writeFileSync(target, edit(fs.readFileSync(target, 'utf8')));

    // WHEN synth runs on the broken copy
    const synth = () => synthesizeAll(synthOptions({ environmentsDir, manifestsDir }));

    // THEN it fails with the message, and the manifests are byte for byte what they were
    let error: Error | undefined;
    try {
      synth();
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.name).toBe('EnvironmentError');
    if (typeof message === 'string') {
      expect(error!.message.startsWith(message) || error!.message.includes(message)).toBe(true);
      expect(error!.message.split('\n')).toHaveLength(1);
    } else if (message instanceof RegExp) {
      expect(error!.message).toMatch(message);
    } else {
      expect(error!.message.split('\n').slice(0, message.length)).toEqual(message);
    }
    expect(readTree(manifestsDir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(manifestsDir))).toEqual(['manifests']);
  });

  it('exits non-zero from the command line with the message on stderr', () => {
    const target = path.join(environmentsDir, 'staging/environment.yaml');
    fs.writeFileSync(target, fs.readFileSync(target, 'utf8').replace('  multiAZ: true\n', '  multiAZ: true\n  replicas: 2\n'));

    let status = 0;
    let stderr = '';
    try {
      execFileSync(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['charts/main.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, PLATFORM_ENVIRONMENTS_DIR: environmentsDir, PLATFORM_MANIFESTS_DIR: manifestsDir },
        stdio: 'pipe',
      });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }

    expect(status).toBe(1);
    expect(stderr).toContain('manifests/ left untouched');
    expect(stderr).toContain('environments/staging/environment.yaml: database.replicas: unknown key');
    expect(readTree(manifestsDir)).toEqual(before);
  });
});
