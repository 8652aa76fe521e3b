import { ValidateFunction } from 'ajv';
import { CompiledValidators, validatorCacheDir } from '../../lib/compiled-validators';
import { CrdVersion, loadCrdCatalog } from './crd-catalog';
import { strictSchema } from './strict-schema';

/** One object that breaks its CRD's schema. */
export interface SchemaViolation {
  readonly object: string;
  readonly path: string;
  readonly message: string;
}

/** The object metadata a manifest may carry (what we ever write). */
const METADATA_SCHEMA = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 },
    namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
    labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 63 } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
  additionalProperties: false,
};

/** Kinds without a CRD that the project may synthesize (validated by the API server tests). */
export const BUILT_IN_API_VERSIONS: readonly string[] = ['v1', 'apps/v1', 'rbac.authorization.k8s.io/v1', 'coordination.k8s.io/v1', 'apiextensions.k8s.io/v1', 'policy/v1'];

/**
 * Validates synthesized objects against the openAPIV3Schema of their CRD, read from the
 * upstream CRD files, rejecting unknown fields as strict field validation does.
 */
export class ManifestValidator {
  private readonly validators: CompiledValidators;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly catalog: Map<string, CrdVersion>;

  /**
   * @param crdRoots folders of CRD files, read recursively.
   * @param cacheDir where compiled validators are kept (CompiledValidators); null: nowhere.
   * @default cacheDir validatorCacheDir()
   */
  constructor(crdRoots: readonly string[], cacheDir: string | null = validatorCacheDir()) {
    this.validators = new CompiledValidators({ strict: false, allErrors: true, validateFormats: true }, cacheDir);
    this.catalog = new Map(crdRoots.flatMap((root) => [...loadCrdCatalog(root)]));
  }

  /** The CRD of an apiVersion/kind, or undefined when there is none. */
  crdOf(apiVersion: string, kind: string): CrdVersion | undefined {
    return this.catalog.get(`${apiVersion}/${kind}`);
  }

  validate(object: Record<string, unknown>): SchemaViolation[] {
    const apiVersion = String(object.apiVersion);
    const kind = String(object.kind);
    const name = (object.metadata as { name?: string } | undefined)?.name ?? '(no name)';
    const label = `${kind} ${name}`;
    const key = `${apiVersion}/${kind}`;
    const crd = this.catalog.get(key);
    if (!crd) {
      if (BUILT_IN_API_VERSIONS.includes(apiVersion)) return [];
      return [{ object: label, path: '', message: `no CRD serves ${apiVersion} ${kind}` }];
    }
    let validate = this.compiled.get(key);
    if (!validate) {
      const schema = strictSchema(crd.schema) as Record<string, unknown>;
      const properties = { ...(schema.properties as Record<string, unknown>), metadata: METADATA_SCHEMA };
      validate = this.validators.compile({ ...schema, properties, required: [...new Set(['apiVersion', 'kind', 'metadata', ...((schema.required as string[]) ?? [])])] });
      this.compiled.set(key, validate);
    }
    if (validate(object)) return [];
    return (validate.errors ?? []).map((error) => ({
      object: label,
      path: error.instancePath || '/',
      message: error.keyword === 'additionalProperties' ? `unknown field "${error.params.additionalProperty}"` : error.message ?? 'invalid',
    }));
  }
}
