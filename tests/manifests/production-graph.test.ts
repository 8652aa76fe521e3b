import { describe, expect, it } from 'vitest';
import { drName, drSiteEnvironment } from '../../charts/lib/dr-site';
import { names } from '../../charts/lib/names';
import { REGION_ANNOTATION } from '../../policy/annotations';
import { ENVIRONMENT_NAMES, loadEnv, Obj, objectsOf } from '../support/estate';

/**
 * The production graph is closed: from each ECS service, every path a request or a task needs
 * ends at an object the environment defines. References by `*Ref` are followed; where ACK only
 * takes a literal (the execution role ARN, the log group name, secret ARNs, the image), the
 * literal must name an object of the environment.
 */
type Site = 'primary' | 'dr';

/** The objects a site's services may reach: those in its region, and the global IAM ones. */
function graph(envName: string, site: Site) {
  const drRegion = loadEnv(envName).aws.drRegion;
  const inDrRegion = (o: Obj) => o.metadata.annotations?.[REGION_ANNOTATION] === drRegion;
  const objects = objectsOf(envName).filter((o) => o.apiVersion.startsWith('iam.') || inDrRegion(o) === (site === 'dr'));
  const of = (group: string, kind: string) => objects.filter((o) => o.kind === kind && o.apiVersion.startsWith(`${group}.`));
  const named = (group: string, kind: string, name: string): Obj | undefined => of(group, kind).find((o) => o.metadata.name === name);
  return { objects, of, named };
}

/** Each environment's primary region, and its DR region where it runs DR (read as that region's data). */
const SITES = ENVIRONMENT_NAMES.flatMap((name) => [[name, 'primary'], ...(loadEnv(name).disasterRecovery.enabled ? [[name, 'dr']] : [])] as [string, Site][]);

describe.each(SITES)('%s (%s region): every ECS service reaches what it needs', (envName, site) => {
  const env = site === 'dr' ? drSiteEnvironment(loadEnv(envName)) : loadEnv(envName);
  const siteName = (name: string) => (site === 'dr' ? drName(name) : name);
  const { of, named } = graph(envName, site);
  const services = of('ecs', 'Service');

  it('has one service per workload', () => {
    expect(services.map((s) => s.spec.name).sort()).toEqual(Object.keys(env.catalogue.workloads).sort());
  });

  it.each(Object.keys(env.catalogue.workloads))('%s: cluster, task definition, roles, log group, secrets, image', (workload) => {
    // GIVEN the workload's service
    const service = services.find((s) => s.spec.name === workload)!;

    // WHEN its references and literals are followed
    const cluster = named('ecs', 'Cluster', service.spec.clusterRef.from.name);
    const taskDefinition = named('ecs', 'TaskDefinition', service.spec.taskDefinitionRef.from.name)!;
    const taskRole = named('iam', 'Role', taskDefinition.spec.taskRoleRef.from.name);
    const executionRoleName = String(taskDefinition.spec.executionRoleARN).split(':role/')[1];
    const app = taskDefinition.spec.containerDefinitions.find((c: { name: string }) => c.name === workload);
    const logGroupName = app.logConfiguration.options['awslogs-group'];
    const repository = String(app.image).split('.amazonaws.com/')[1].split(':')[0];

    // THEN each ends at an object of the environment
    expect(cluster?.spec.name).toBe(env.compute.clusterName);
    expect(taskDefinition).toBeDefined();
    expect(taskRole?.spec.name).toBe('ecsTaskRole');
    expect(of('iam', 'Role').map((r) => r.spec.name)).toContain(executionRoleName);
    expect(executionRoleName).toBe('ecsTaskExecutionRole');
    expect(of('cloudwatchlogs', 'LogGroup').map((g) => g.spec.name)).toContain(logGroupName);
    expect(of('ecr', 'Repository').map((r) => r.spec.name)).toContain(repository);
    // The DR region reads the primary's secrets through their replicas there (replicaRegions).
    const secrets = site === 'dr'
      ? graph(envName, 'primary').of('secretsmanager', 'Secret').filter((s) => (s.spec.replicaRegions ?? []).some((r: { region: string }) => r.region === env.aws.region))
      : of('secretsmanager', 'Secret');
    const secretNames = secrets.map((s) => s.spec.name);
    for (const secret of app.secrets ?? []) {
      expect(secretNames, secret.valueFrom).toContain(String(secret.valueFrom).split(':secret:')[1]);
    }
  });

  it.each(Object.keys(env.catalogue.workloads))('%s: private subnets, sg-ecs-tasks, and a path from the load balancer', (workload) => {
    const service = services.find((s) => s.spec.name === workload)!;
    const network = service.spec.networkConfiguration.awsVPCConfiguration;

    // The tasks run in the three private subnets behind sg-ecs-tasks, without public IPs.
    const subnets = network.subnetRefs.map((r: { from: { name: string } }) => named('ec2', 'Subnet', r.from.name));
    expect(subnets.map((s: Obj | undefined) => s?.spec.cidrBlock).sort()).toEqual([...env.network.privateSubnets].sort());
    expect(network.securityGroupRefs.map((r: { from: { name: string } }) => named('ec2', 'SecurityGroup', r.from.name)?.metadata.name)).toEqual([siteName(names.securityGroup.ecsTasks)]);
    expect(network.assignPublicIP).toBe('DISABLED');

    // Its target group is forwarded to by the HTTPS listener (default action or a rule), which
    // belongs to the environment's load balancer.
    const targetGroupName = service.spec.loadBalancers[0].targetGroupRef.from.name;
    expect(named('elbv2', 'TargetGroup', targetGroupName)).toBeDefined();
    const forwardsTo = (actions: { type: string; targetGroupRef?: { from: { name: string } } }[] = []) =>
      actions.some((a) => a.type === 'forward' && a.targetGroupRef?.from.name === targetGroupName);
    const listenerNames = [
      ...of('elbv2', 'Listener').filter((l) => forwardsTo(l.spec.defaultActions)).map((l) => l.metadata.name),
      ...of('elbv2', 'Rule').filter((r) => forwardsTo(r.spec.actions)).map((r) => r.spec.listenerRef.from.name),
    ];
    expect(listenerNames.length, `${targetGroupName} is forwarded to`).toBeGreaterThan(0);
    for (const listenerName of new Set(listenerNames)) {
      const listener = named('elbv2', 'Listener', listenerName)!;
      expect(listener.spec.port).toBe(443);
      const loadBalancer = named('elbv2', 'LoadBalancer', listener.spec.loadBalancerRef.from.name);
      expect(loadBalancer?.spec.name).toBe(env.edge.loadBalancerName);
    }
  });
});
