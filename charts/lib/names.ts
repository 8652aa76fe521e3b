/**
 * metadata.name of every object other charts refer to. ACK references (`xxxRef.from.name`)
 * name Kubernetes objects, so both sides use these functions and a reference cannot drift.
 */

/** "eu-west-1a" → "a". */
export function zoneSuffix(zone: string): string {
  return zone.slice(-1);
}

export type SubnetTier = 'public' | 'private' | 'database';

export const names = {
  vpc: 'vpc',
  internetGateway: 'internet-gateway',
  subnet: (tier: SubnetTier, zone: string) => `subnet-${tier}-${zoneSuffix(zone)}`,
  natGateway: (zone: string) => `nat-gateway-${zoneSuffix(zone)}`,
  natElasticIp: (zone: string) => `nat-eip-${zoneSuffix(zone)}`,
  routeTable: (tier: SubnetTier, zone?: string) => (zone ? `rt-${tier}-${zoneSuffix(zone)}` : `rt-${tier}`),
  securityGroup: {
    alb: 'sg-alb-public',
    ecsTasks: 'sg-ecs-tasks',
    rds: 'sg-rds',
    cache: 'sg-elasticache',
    efs: 'sg-efs',
  },
} as const;
