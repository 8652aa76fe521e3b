import { Construct } from 'constructs';
import { AcmCertificate } from '../constructs/acm-certificate';
import { Listener } from '../constructs/listener';
import { ListenerRule } from '../constructs/listener-rule';
import { LoadBalancer } from '../constructs/load-balancer';
import { TargetGroup } from '../constructs/target-group';
import { apiRoutes, defaultWorkload } from '../lib/edge';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { LOG_PREFIXES } from '../lib/log-delivery';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';

/**
 * Rule priorities (docs/edge.md): a workload's host rule takes its declared `rulePriority` (1-99)
 * and its path rule that plus 100, so host rules come first (a service's own host always
 * reaches it) and no rule moves when another workload is added, removed or renamed.
 */
const PATH_RULE_OFFSET = 100;

/**
 * The Application Load Balancer of the seed in the public subnets, one target group per
 * workload, HTTP redirected to HTTPS, and HTTPS routing by host and path prefix to the API
 * workloads with the front end as the default (docs/edge.md).
 */
export class LoadBalancerChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const env = this.env;
    const { edge } = env;

    new AcmCertificate(this, names.certificate.regional, {
      name: names.certificate.regional,
      domainName: edge.zoneName,
      subjectAlternativeNames: [`*.${edge.zoneName}`],
    });

    new LoadBalancer(this, names.loadBalancer, {
      name: names.loadBalancer,
      loadBalancerName: edge.loadBalancerName,
      subnetNames: env.aws.availabilityZones.map((zone) => names.subnet('public', zone)),
      securityGroupNames: [names.securityGroup.alb],
      // ELB.5: to the logs bucket, whose policy grants ELB log delivery this prefix (charts/lib/log-delivery.ts).
      accessLogs: { bucket: env.storage.buckets.logs, prefix: LOG_PREFIXES.loadBalancer },
    });

    for (const workload of Object.keys(env.catalogue.workloads).sort()) {
      const definition = env.catalogue.workloads[workload];
      new TargetGroup(this, names.targetGroup(workload), {
        name: names.targetGroup(workload),
        targetGroupName: names.targetGroup(workload),
        vpcName: names.vpc,
        port: definition.port,
        healthCheckPath: definition.healthCheckPath,
        owner: { application: definition.application, team: definition.team },
      });
    }

    new Listener(this, names.listener.http, {
      name: names.listener.http,
      loadBalancerName: names.loadBalancer,
      protocol: 'HTTP',
      port: 80,
      defaultAction: { kind: 'redirect-to-https' },
    });

    // The HTTPS listener takes its certificate by ARN only; until it is pinned (bootstrap),
    // neither the listener nor its rules exist and HTTP only redirects.
    if (edge.assigned.certificateArn === undefined) return;
    new Listener(this, names.listener.https, {
      name: names.listener.https,
      loadBalancerName: names.loadBalancer,
      protocol: 'HTTPS',
      port: 443,
      sslPolicy: edge.sslPolicy,
      certificateArn: edge.assigned.certificateArn,
      defaultAction: { kind: 'forward', targetGroupName: names.targetGroup(defaultWorkload(env)) },
    });

    for (const route of apiRoutes(env)) {
      const definition = env.catalogue.workloads[route.workload];
      const common = {
        listenerName: names.listener.https,
        targetGroupName: names.targetGroup(route.workload),
        owner: { application: definition.application, team: definition.team },
      };
      new ListenerRule(this, `rule-${route.workload}-host`, {
        ...common,
        name: `rule-${route.workload}-host`,
        priority: route.priority,
        hostHeaders: [route.host!],
      });
      new ListenerRule(this, `rule-${route.workload}-path`, {
        ...common,
        name: `rule-${route.workload}-path`,
        priority: route.priority + PATH_RULE_OFFSET,
        // `/inventory*` would also match `/inventoryx`: the prefix itself and what lies under it.
        pathPatterns: [route.pathPrefix, `${route.pathPrefix}/*`],
      });
    }
  }
}
