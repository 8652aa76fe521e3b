import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { IamRole } from '../../charts/constructs/iam-role';
import { Subnet } from '../../charts/constructs/subnet';
import { Vpc } from '../../charts/constructs/vpc';
import { serviceTrustDocument } from '../../charts/lib/iam-policy-document';
import { relocateCharts, RelocationError } from '../../charts/lib/relocate';

const REGION = 'eu-central-1';
type Json = { metadata: { name: string; annotations?: Record<string, string> }; spec: Record<string, any> };
const objectsOf = (chart: Chart) => chart.toJson() as Json[];

/** A subnet referring to VPC `vpc`; the VPC in the same chart when `withVpc`, else in a primary chart beside it. */
function estate(withVpc: boolean) {
  const app = new App();
  const primary = new Chart(app, 'primary');
  new Vpc(primary, 'vpc', { name: 'vpc', cidr: '10.0.0.0/16' });
  const dr = new Chart(app, 'dr');
  if (withVpc) new Vpc(dr, 'vpc', { name: 'vpc', cidr: '10.1.0.0/16' });
  new Subnet(dr, 'subnet', { name: 'subnet-private-a', vpcName: 'vpc', cidr: '10.1.10.0/24', availabilityZone: `${REGION}a` });
  return { app, primary, dr };
}

describe('relocateCharts: the DR stack moved into its region (charts/lib/relocate.ts)', () => {
  it('names each object <name>-dr in the region, and points its references at their twins there', () => {
    const { app, primary, dr } = estate(true);
    relocateCharts([dr], app, REGION);
    const [vpc, subnet] = objectsOf(dr);
    expect(vpc.metadata).toMatchObject({ name: 'vpc-dr', annotations: { 'services.k8s.aws/region': REGION } });
    expect(subnet.metadata.name).toBe('subnet-private-a-dr');
    expect(subnet.spec.vpcRef).toEqual({ from: { name: 'vpc-dr' } });
    // the primary's objects are left alone
    expect(objectsOf(primary)[0].metadata.name).toBe('vpc');
  });

  it('refuses a reference to a regional object that has no twin in the region, naming the object and the field', () => {
    const { app, dr } = estate(false);
    expect(() => relocateCharts([dr], app, REGION)).toThrow(RelocationError);
    expect(() => relocateCharts([dr], app, REGION)).toThrow(/Subnet subnet-private-a: spec\.vpcRef names "vpc", which has no twin "vpc-dr" in eu-central-1/);
  });

  it('refuses to move a global IAM object', () => {
    const app = new App();
    const dr = new Chart(app, 'dr');
    new IamRole(dr, 'role', { name: 'role', roleName: 'someRole', description: 'a role', trustPolicy: serviceTrustDocument('ecs-tasks.amazonaws.com'), managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
    expect(() => relocateCharts([dr], app, REGION)).toThrow(/Role role: an IAM object is global/);
  });
});
