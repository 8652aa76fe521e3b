import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PART_OF_LABEL } from '../delivery/delivery-chart';
import { ACK_ROLE_ACCOUNT_MAP, ackControllersRoleArn } from './ack-accounts';

export interface BootstrapChartProps {
  /** Namespace the ACK controllers run in (catalogue `controllers.namespace`). */
  readonly namespace: string;
  /** Every environment's account id; several environments may share one. */
  readonly accountIds: readonly string[];
}

/**
 * What the cluster needs before the ACK controllers can act in any environment's account: their
 * namespace and the `ack-role-account-map` that maps each account to the role assumed there.
 */
export class BootstrapChart extends Chart {
  constructor(scope: Construct, id: string, props: BootstrapChartProps) {
    super(scope, id, { labels: { ...PART_OF_LABEL }, disableResourceNameHashes: true });
    if (props.accountIds.length === 0) throw new Error('BootstrapChart: accountIds must name at least one account, got none');
    new ApiObject(this, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: props.namespace } });
    const accounts = [...new Set(props.accountIds)].sort();
    new ApiObject(this, 'account-map', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: ACK_ROLE_ACCOUNT_MAP, namespace: props.namespace },
      data: Object.fromEntries(accounts.map((account) => [account, ackControllersRoleArn(account)])),
    });
  }
}
