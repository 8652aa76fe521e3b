import { Construct } from 'constructs';
import { Alias as AckAlias } from '../../imports/kms-alias-kms.services.k8s.aws';
import { inRegion } from '../lib/regions';

export interface KmsAliasProps {
  /** metadata.name. */
  readonly name: string;
  /** The alias, e.g. `alias/mycomputer/production/rds`. */
  readonly aliasName: string;
  /** metadata.name of the ACK Key the alias points at. */
  readonly keyName: string;
  /**
   * Region of the alias (`services.k8s.aws/region`): the key's region.
   * @default the namespace's default region
   */
  readonly region?: string;
}

// KMS alias names: "alias/" then letters, digits, / _ -; "alias/aws/" is reserved for AWS.
const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]{1,250}$/;

/** An ACK KMS Alias pointing at a key by reference. */
export class KmsAlias extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: KmsAliasProps) {
    super(scope, id);
    if (!ALIAS_NAME.test(props.aliasName) || props.aliasName.startsWith('alias/aws/')) {
      throw new Error(`KmsAlias ${props.name}: aliasName must be "alias/" and 1-250 of [A-Za-z0-9/_-], not under alias/aws/, got "${props.aliasName}"`);
    }
    this.name = props.name;
    new AckAlias(this, 'Resource', {
      metadata: { name: props.name, ...(props.region ? { annotations: inRegion(props.region) } : {}) },
      spec: { name: props.aliasName, targetKeyRef: { from: { name: props.keyName } } },
    });
  }
}
