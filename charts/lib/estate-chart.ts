import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ENVIRONMENT_LABEL } from '../../policy/annotations';
import { EnvironmentConfig } from './environment/types';
import { Owner, ownerLabels } from './ownership';

export interface EstateChartProps {
  /** The environment being synthesized. */
  readonly env: EnvironmentConfig;
  /** Who owns every object of the chart (Application and Team tags); objects may override. */
  readonly owner: Owner;
}

/**
 * Base of every chart of the estate: puts objects in the environment's namespace and labels
 * them with their owner, from which finalize() derives their AWS tags.
 */
export class EstateChart extends Chart {
  public readonly env: EnvironmentConfig;

  constructor(scope: Construct, id: string, props: EstateChartProps) {
    super(scope, id, {
      namespace: props.env.namespace,
      labels: { ...ownerLabels(props.owner), [ENVIRONMENT_LABEL]: props.env.name },
      disableResourceNameHashes: true,
    });
    this.env = props.env;
  }
}
