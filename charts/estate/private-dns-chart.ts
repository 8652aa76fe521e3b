import { Construct } from 'constructs';
import { HostedZone } from '../constructs/hosted-zone';
import { RecordSet } from '../constructs/record-set';
import { cacheWorkloads, databaseWorkloads } from '../lib/data-stores';
import { relativeName } from '../lib/edge';
import { cacheHost, databaseHost, privateZoneName } from '../lib/endpoints';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';

/** Short, so that re-pointing a record (DR failover) reaches the services within a minute. */
const PRIVATE_RECORD_TTL_SECONDS = 60;

/**
 * The environment's private zone `<namespace>.internal`, answering inside its VPC only: one CNAME
 * per database (DB_HOST) and per cache (REDIS_URL) to the endpoint AWS assigned, so the task
 * definitions name stable hosts (charts/lib/endpoints.ts) and a failover re-points one record.
 * The VPC id and the endpoints are pinned in the environment data (`network.assigned`,
 * `database.assigned`, `cache.assigned`; docs/edge.md "Bootstrap"): without the VPC id there is
 * no zone, and a record whose endpoint is not pinned yet is left out, never guessed.
 */
export class PrivateDnsChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const env = this.env;
    const vpcId = env.network.assigned.vpcId;
    // A zone created without its VPC would be public; index.ts registers the chart once it is pinned.
    if (vpcId === undefined) throw new Error(`PrivateDnsChart: network.assigned.vpcId of environments/${env.name}/environment.yaml is not pinned yet`);
    const zone = privateZoneName(env);
    new HostedZone(this, names.privateHostedZone, {
      name: names.privateHostedZone,
      zoneName: zone,
      comment: `MyComputer ${env.name}: private names of the databases and caches`,
      vpc: { vpcId, region: env.aws.region },
    });

    const cname = (host: string, endpoint: string | undefined) => {
      if (endpoint === undefined) return;
      const recordName = relativeName(host, zone)!;
      new RecordSet(this, names.privateRecord(recordName), {
        name: names.privateRecord(recordName),
        hostedZoneName: names.privateHostedZone,
        recordName,
        recordType: 'CNAME',
        values: [endpoint],
        ttl: PRIVATE_RECORD_TTL_SECONDS,
      });
    };
    for (const { database } of databaseWorkloads(env)) {
      cname(databaseHost(env, database), env.database.assigned.endpoints?.[names.dbInstance(database)]);
    }
    for (const workload of cacheWorkloads(env)) {
      cname(cacheHost(env, workload), env.cache.assigned.primaryEndpoints?.[workload]);
    }
  }
}
