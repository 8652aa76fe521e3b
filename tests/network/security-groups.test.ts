import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, findObject, kindsOf, loadEnv, readTags } from '../support/estate';

const ALL_EGRESS = [{ ipProtocol: '-1', ipRanges: [{ cidrIP: '0.0.0.0/0', description: 'All outbound traffic' }] }];
const fromGroup = (group: string, port: number | [number, number], description: string) => {
  const [fromPort, toPort] = typeof port === 'number' ? [port, port] : port;
  return [{ ipProtocol: 'tcp', fromPort, toPort, userIDGroupPairs: [{ groupRef: { from: { name: group } }, description }] }];
};

describe('network: security groups', () => {
  it.each(ENVIRONMENT_NAMES)('%s: the five groups, in the VPC, AWS names without the forbidden "sg-" prefix, seed names as Name tags', (env) => {
    // GIVEN the environment WHEN its security groups are read
    const environment = loadEnv(env).tagging.environment;
    const groups = kindsOf(env, 'SecurityGroup').map((g) => [g.metadata.name, g.spec.name, readTags(g).Name, g.spec.vpcRef]);
    // THEN they are the seed's three plus the cache and file system groups
    const vpcRef = { from: { name: 'vpc' } };
    expect(groups).toEqual([
      ['sg-alb-public', `mycomputer-${environment}-alb-public`, 'sg-alb-public', vpcRef],
      ['sg-ecs-tasks', `mycomputer-${environment}-ecs-tasks`, 'sg-ecs-tasks', vpcRef],
      ['sg-rds', `mycomputer-${environment}-rds`, 'sg-rds', vpcRef],
      ['sg-elasticache', `mycomputer-${environment}-elasticache`, 'sg-elasticache', vpcRef],
      ['sg-efs', `mycomputer-${environment}-efs`, 'sg-efs', vpcRef],
    ]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: sg-alb-public takes exactly TCP 443 and 80 from 0.0.0.0/0', (env) => {
    expect(findObject(env, 'SecurityGroup', 'sg-alb-public').spec.ingressRules).toEqual([
      { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidrIP: '0.0.0.0/0', description: 'HTTPS from the internet' }] },
      { ipProtocol: 'tcp', fromPort: 80, toPort: 80, ipRanges: [{ cidrIP: '0.0.0.0/0', description: 'HTTP from the internet' }] },
    ]);
  });

  it('production: sg-ecs-tasks takes exactly TCP 3000-3010 from sg-alb-public (the seed)', () => {
    expect(findObject('production', 'SecurityGroup', 'sg-ecs-tasks').spec.ingressRules).toEqual(fromGroup('sg-alb-public', [3000, 3010], 'Service ports from the load balancer'));
  });

  it.each(ENVIRONMENT_NAMES)('%s: sg-ecs-tasks takes the task port range of the data from sg-alb-public only', (env) => {
    const { from, to } = loadEnv(env).network.taskPortRange;
    expect(findObject(env, 'SecurityGroup', 'sg-ecs-tasks').spec.ingressRules).toEqual(fromGroup('sg-alb-public', [from, to], 'Service ports from the load balancer'));
  });

  it.each(ENVIRONMENT_NAMES)('%s: sg-rds, sg-elasticache and sg-efs take only their port, from sg-ecs-tasks only', (env) => {
    expect(findObject(env, 'SecurityGroup', 'sg-rds').spec.ingressRules).toEqual(fromGroup('sg-ecs-tasks', 5432, 'PostgreSQL from ECS tasks'));
    expect(findObject(env, 'SecurityGroup', 'sg-elasticache').spec.ingressRules).toEqual(fromGroup('sg-ecs-tasks', 6379, 'Redis from ECS tasks'));
    expect(findObject(env, 'SecurityGroup', 'sg-efs').spec.ingressRules).toEqual(fromGroup('sg-ecs-tasks', 2049, 'NFS from ECS tasks'));
  });

  it.each(ENVIRONMENT_NAMES)('%s: every group allows all outbound traffic, and nothing else outbound', (env) => {
    for (const group of kindsOf(env, 'SecurityGroup')) expect([group.metadata.name, group.spec.egressRules]).toEqual([group.metadata.name, ALL_EGRESS]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: no security group but sg-alb-public is open to the internet inbound', (env) => {
    // GIVEN every security group of the environment (whichever chart made it)
    // WHEN its inbound rules are searched for an anywhere range
    const open = kindsOf(env, 'SecurityGroup')
      .filter((g) => (g.spec.ingressRules ?? []).some((r: { ipRanges?: { cidrIP: string }[]; ipv6Ranges?: { cidrIPv6: string }[] }) =>
        (r.ipRanges ?? []).some((x) => x.cidrIP === '0.0.0.0/0') || (r.ipv6Ranges ?? []).some((x) => x.cidrIPv6 === '::/0'),
      ))
      .map((g) => g.metadata.name);
    // THEN only the load balancer's group is
    expect(open).toEqual(['sg-alb-public']);
  });
});
