import { CrdVersion } from '../../charts/pipeline/validation/crd-catalog';
import { isPlainObject } from './field-diff';
import { ManifestObject } from './manifest-tree';

/**
 * Fields that scope an AWS name, where the name alone is not unique (a record's name within its
 * zone and type, a service's within its cluster). The CRDs cannot say this; everything else is
 * read from them.
 */
const SCOPE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'route53.services.k8s.aws/RecordSet': ['hostedZoneID', 'hostedZoneRef', 'recordType', 'setIdentifier'],
  'ecs.services.k8s.aws/Service': ['cluster', 'clusterRef'],
};

type SchemaNode = Record<string, unknown>;

/**
 * Answers "which AWS resource does this object manage?" by the spec field that names it in
 * AWS, found in the kind's CRD: `name`, else `<kind>Name|Identifier|ID` (dbInstanceIdentifier,
 * replicationGroupID, cacheSubnetGroupName), else the one required `*Name|*Identifier` string
 * (ScalingPolicy policyName). Kinds with none (a VPC, a listener rule) have no AWS name.
 */
export class AwsNames {
  private readonly fields = new Map<string, string | undefined>();

  constructor(private readonly catalog: ReadonlyMap<string, CrdVersion>) {}

  /** The spec field holding the AWS name of `apiVersion/kind`, or undefined. */
  nameField(apiVersion: string, kind: string): string | undefined {
    const key = `${apiVersion}/${kind}`;
    if (!this.fields.has(key)) this.fields.set(key, findNameField(this.catalog.get(key)?.schema, kind));
    return this.fields.get(key);
  }

  /** The AWS name an object manages (with its scope where the name alone is not unique), or undefined. */
  identity(object: ManifestObject): string | undefined {
    const field = this.nameField(object.apiVersion, object.kind);
    if (!field) return undefined;
    const spec = isPlainObject(object.spec) ? object.spec : {};
    const scope = SCOPE_FIELDS[`${object.apiVersion.split('/')[0]}/${object.kind}`];
    const name = spec[field];
    if (typeof name !== 'string' && !scope) return undefined;
    return JSON.stringify([name ?? '', ...(scope ?? []).map((f) => spec[f] ?? null)]);
  }

  /** The AWS name alone, for messages ("mycomputer-assets", "inventory (A)"). */
  display(object: ManifestObject): string | undefined {
    const field = this.nameField(object.apiVersion, object.kind);
    const spec = isPlainObject(object.spec) ? object.spec : {};
    if (!field) return undefined;
    const name = typeof spec[field] === 'string' ? (spec[field] as string) : '(zone apex)';
    return typeof spec.recordType === 'string' ? `${name} ${spec.recordType}` : name;
  }
}

function findNameField(schema: SchemaNode | undefined, kind: string): string | undefined {
  const spec = isPlainObject(schema?.properties) ? (schema.properties as SchemaNode).spec : undefined;
  if (!isPlainObject(spec) || !isPlainObject(spec.properties)) return undefined;
  const properties = spec.properties as Record<string, SchemaNode>;
  const strings = Object.keys(properties).filter((name) => properties[name]?.type === 'string');
  if (strings.includes('name')) return 'name';
  const own = kind.charAt(0).toLowerCase() + kind.slice(1);
  const named = strings.find((name) => new RegExp(`^${own}(Name|Identifier|ID|Id)$`, 'i').test(name));
  if (named) return named;
  const required = new Set(Array.isArray(spec.required) ? (spec.required as string[]) : []);
  const candidates = strings.filter((name) => required.has(name) && /(Name|Identifier)$/.test(name));
  return candidates.length === 1 ? candidates[0] : undefined;
}
