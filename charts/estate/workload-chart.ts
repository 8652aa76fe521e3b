import { Construct } from 'constructs';
import { EcsService } from '../constructs/ecs-service';
import { EcsTaskDefinition } from '../constructs/ecs-task-definition';
import { ecsServiceResourceId, ScalableTarget } from '../constructs/scalable-target';
import { TargetTrackingPolicy } from '../constructs/scaling-policy';
import { roleArn } from '../lib/arns';
import { capacityStrategy, DEPLOYMENT_MAXIMUM_PERCENT, DEPLOYMENT_MINIMUM_HEALTHY_PERCENT, ecsServiceName, taskFamily } from '../lib/compute';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { names, roleNames } from '../lib/names';
import { markRecovery } from '../lib/recovery';
import { applicationContainer, xrayDaemonContainer } from './workload-containers';

/** AWS tag on the service carrying its task definition's digest (see the constructor). */
const TASK_DEFINITION_DIGEST_TAG = 'TaskDefinitionDigest';
/** Seconds a new task has to pass its first load balancer health checks. */
const HEALTH_CHECK_GRACE_PERIOD_SECONDS = 60;

export interface WorkloadChartProps extends Omit<EstateChartProps, 'owner'> {
  /** Key of the workload in environments/catalogue.yaml `workloads`. */
  readonly workload: string;
}

/**
 * One workload of the catalogue on ECS Fargate, owned by its application and team: the task
 * definition (application + X-Ray daemon), the service behind its target group in the private
 * subnets, and target tracking on CPU and memory between the environment's min and max
 * capacity. Every object carries the workload's recovery tier and objectives.
 */
export class WorkloadChart extends EstateChart {
  constructor(scope: Construct, id: string, props: WorkloadChartProps) {
    const { env, workload } = props;
    const definition = env.catalogue.workloads[workload];
    if (!definition) throw new Error(`WorkloadChart ${id}: no workload "${workload}" in environments/catalogue.yaml`);
    super(scope, id, { env, owner: { application: definition.application, team: definition.team } });
    const sizing = env.workloads[workload];
    const { compute, aws } = env;

    const app = applicationContainer(env, workload);
    const taskDefinition = new EcsTaskDefinition(this, names.taskDefinition(workload), {
      name: names.taskDefinition(workload),
      family: taskFamily(env, workload),
      cpu: sizing.cpu,
      memory: sizing.memory,
      // TaskDefinition has no reference form for the execution role: the ARN is built from the
      // account and the role's AWS name (the role is IdentityChart's `names.role.taskExecution`).
      executionRoleArn: roleArn(env, roleNames.taskExecution),
      taskRoleName: names.role.task,
      containers: [app, xrayDaemonContainer(env, workload)],
    });

    const serviceName = ecsServiceName(workload);
    new EcsService(this, names.ecsService(workload), {
      name: names.ecsService(workload),
      serviceName,
      clusterName: names.ecsCluster,
      taskDefinitionName: taskDefinition.name,
      desiredCount: sizing.desiredCount,
      capacityProviderStrategy: capacityStrategy(env, workload),
      subnetNames: aws.availabilityZones.map((zone) => names.subnet('private', zone)),
      securityGroupNames: [names.securityGroup.ecsTasks],
      loadBalancers: [{ targetGroupName: names.targetGroup(workload), containerName: app.name, containerPort: definition.port }],
      healthCheckGracePeriodSeconds: HEALTH_CHECK_GRACE_PERIOD_SECONDS,
      minimumHealthyPercent: DEPLOYMENT_MINIMUM_HEALTHY_PERCENT,
      maximumPercent: DEPLOYMENT_MAXIMUM_PERCENT,
      platformVersion: 'LATEST',
      // The service names its task definition by family, which ECS resolves to the newest
      // revision only when the service is updated; ACK reconciles on spec changes, so this tag
      // changes the service's spec whenever a new revision is registered (rolls it out).
      tags: { [TASK_DEFINITION_DIGEST_TAG]: taskDefinition.digest },
    });

    const target = new ScalableTarget(this, `scalable-target-${workload}`, {
      name: `scalable-target-${workload}`,
      resourceId: ecsServiceResourceId(compute.clusterName, serviceName),
      minCapacity: sizing.minCapacity,
      maxCapacity: sizing.maxCapacity,
    });
    const policies = [
      { metric: 'cpu', type: 'ECSServiceAverageCPUUtilization', value: compute.targetCpuPercent },
      { metric: 'memory', type: 'ECSServiceAverageMemoryUtilization', value: compute.targetMemoryPercent },
    ];
    for (const { metric, type, value } of policies) {
      new TargetTrackingPolicy(this, `scaling-policy-${workload}-${metric}`, {
        name: `scaling-policy-${workload}-${metric}`,
        policyName: `${compute.clusterName}-${serviceName}-${metric}-target-tracking`,
        target,
        predefinedMetricType: type,
        targetValue: value,
      });
    }
    markRecovery(this, env, workload);
  }
}
