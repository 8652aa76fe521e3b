import { Construct } from 'constructs';
import { LogGroup } from '../constructs/log-group';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';
import { sharedByWorkloads } from '../lib/workload-owners';

/** Purpose of the KMS key encrypting the log groups (names.kmsKey). */
const LOGS_KEY_PURPOSE = 'logs';

/**
 * CloudWatch Logs: one log group per distinct `logGroup` of the catalogue's workloads, owned
 * by the application logging there, with the environment's retention, encrypted.
 */
export class ObservabilityChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    for (const { resource, owner } of sharedByWorkloads(this.env, 'logGroup')) {
      new LogGroup(this, names.logGroup(resource), {
        name: names.logGroup(resource),
        logGroupName: resource,
        retentionDays: this.env.logs.retentionDays,
        kmsKeyName: names.kmsKey(LOGS_KEY_PURPOSE),
        owner,
      });
    }
  }
}
