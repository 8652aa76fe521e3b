import { Construct } from 'constructs';
import { Secret } from '../constructs/secret';
import { secretName } from '../lib/arns';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';

/** Purpose of the KMS key encrypting the secrets (names.kmsKey). */
const SECRETS_KEY_PURPOSE = 'secrets';

/**
 * Secrets Manager: one secret per catalogue `secrets` entry, created empty (values are put out
 * of band), encrypted with the secrets key, replicated to the DR region where the environment
 * says so. Rotation is an annotation: ACK's Secret has no rotation field.
 */
export class SecretsChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const { secrets: settings, aws, catalogue } = this.env;
    for (const key of Object.keys(catalogue.secrets).sort()) {
      const secret = catalogue.secrets[key];
      new Secret(this, names.secret(key), {
        name: names.secret(key),
        secretName: secretName(this.env, key),
        description: secret.description,
        kmsKeyName: names.kmsKey(SECRETS_KEY_PURPOSE),
        rotationDays: settings.rotationDays,
        owner: { application: secret.application, team: secret.team },
        replicaRegions: settings.replicateToDrRegion ? [aws.drRegion] : [],
      });
    }
  }
}
