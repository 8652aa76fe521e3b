import { Construct } from 'constructs';
import { DbInstance } from '../constructs/db-instance';
import { DbParameterGroup, DbParameterGroupProps } from '../constructs/db-parameter-group';
import { DbSubnetGroup } from '../constructs/db-subnet-group';
import { LogGroup } from '../constructs/log-group';
import { databaseSettings, databaseWorkloads, dbSubnetGroupName } from '../lib/data-stores';
import { EnvironmentConfig } from '../lib/environment/types';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { KeyPurpose } from '../lib/kms';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';
import { recoveryMetadata } from '../lib/recovery';

const RDS_KEY: KeyPurpose = 'rds';
const SECRETS_KEY: KeyPurpose = 'secrets';
const LOGS_KEY: KeyPurpose = 'logs';
/** PostgreSQL logs exported to CloudWatch Logs: the server log and the major-version upgrade log (Security Hub RDS.9). */
const LOG_EXPORTS = ['postgresql', 'upgrade'];

/** `14.7` → `postgres14`: the parameter group family of a PostgreSQL major version. */
export function postgresFamily(engineVersion: string): string {
  return `postgres${engineVersion.split('.')[0]}`;
}

/**
 * RDS: one PostgreSQL DBInstance per service database (the seed's DB_HOST `<db>-db`), owned by
 * its workload, sized by the environment's `database` settings or its own `database.overrides` entry, in the database subnets, with the shared parameter group (max_connections),
 * and the CloudWatch Logs groups its exported logs go to, so they expire and are encrypted.
 */
export class DatabasesChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const { database: db, aws } = this.env;
    const family = postgresFamily(db.engineVersion);
    const subnetGroup = new DbSubnetGroup(this, names.dbSubnetGroup, {
      name: names.dbSubnetGroup,
      groupName: dbSubnetGroupName(this.env),
      description: `mycomputer ${this.env.name}: the database subnets`,
      subnetNames: aws.availabilityZones.map((zone) => names.subnet('database', zone)),
    });
    const parameterGroup = new DbParameterGroup(this, names.dbParameterGroup(family), {
      name: names.dbParameterGroup(family),
      ...serviceDatabaseParameters(this.env),
    });
    for (const { workload, database } of databaseWorkloads(this.env)) {
      const { application, team } = this.env.catalogue.workloads[workload];
      const recovery = recoveryMetadata(this.env, workload);
      const instance = new DbInstance(this, names.dbInstance(database), {
        name: names.dbInstance(database),
        dbName: database,
        ...databaseSettings(this.env, database),
        kmsKeyName: names.kmsKey(RDS_KEY),
        masterUserSecretKmsKeyName: names.kmsKey(SECRETS_KEY),
        securityGroupNames: [names.securityGroup.rds],
        subnetGroupName: subnetGroup.name,
        parameterGroupName: parameterGroup.name,
        owner: { application, team },
        labels: recovery.labels,
        annotations: recovery.annotations,
        cloudwatchLogsExports: LOG_EXPORTS,
      });
      for (const log of LOG_EXPORTS) {
        const logGroupName = `/aws/rds/instance/${instance.name}/${log}`;
        new LogGroup(this, names.logGroup(logGroupName), {
          name: names.logGroup(logGroupName),
          logGroupName,
          retentionDays: this.env.logs.retentionDays,
          kmsKeyName: names.kmsKey(LOGS_KEY),
          owner: { application, team },
        });
      }
    }
  }
}

/**
 * The service databases' parameter group: its AWS name, family and the overrides of the engine
 * defaults. The DR replicas get the same in their region (disaster-recovery chart): a promoted
 * replica must enforce TLS and the connection limit like the primary it replaces.
 */
export function serviceDatabaseParameters(env: EnvironmentConfig): Omit<DbParameterGroupProps, 'name'> {
  const family = postgresFamily(env.database.engineVersion);
  return {
    groupName: `mycomputer-${env.name}-${family}`,
    family,
    description: `mycomputer ${env.name}: ${family} settings of the service databases`,
    parameters: {
      max_connections: String(env.database.maxConnections),
      // The seed's "Encryption in transit: TLS 1.2+": PostgreSQL 14 on RDS accepts plain connections unless forced.
      'rds.force_ssl': '1',
      ssl_min_protocol_version: 'TLSv1.2',
    },
  };
}
