import * as crypto from 'node:crypto';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import Ajv, { _, Options, ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { fullFormats } from 'ajv-formats/dist/formats';
import { platformCacheDir, readCached, writeCached } from './cache-dir';
import { REPO_ROOT } from './crds-dir';

/**
 * Ajv validators compiled once per schema and kept as standalone code in the cache folder, keyed
 * by a hash of the schema, Ajv's version and the options: generating the validation code of the
 * CRD schemas costs seconds on every synth and in every test process, loading it back costs
 * milliseconds. The cache is an optimisation only: a missing, unreadable or unwritable cache
 * compiles as before.
 */

/** The formats every validator knows: ajv-formats' full set plus the OpenAPI numeric ones. */
export const FORMATS = {
  ...fullFormats,
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  double: { type: 'number', validate: () => true },
  float: { type: 'number', validate: () => true },
} as const;

/** How the generated code names the formats: resolved by `load` to FORMATS, not by Node. */
const FORMATS_MODULE = 'platform:validator-formats';
/** Bumped when FORMATS or this file's code generation changes meaning, so old entries are not used. */
const GENERATION = 1;

/** The cache folder: $PLATFORM_CACHE_DIR/validators, default ~/.cache/mycomputer-platform/validators. */
export function validatorCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(platformCacheDir(env), 'validators');
}

const requireFromRepo = createRequire(path.join(REPO_ROOT, 'package.json'));
const ajvVersion = (requireFromRepo('ajv/package.json') as { version: string }).version;

export class CompiledValidators {
  private readonly ajv: Ajv;
  private readonly optionsKey: string;

  /**
   * @param options Ajv options (JSON-serialisable: they are part of the cache key).
   * @param cacheDir where generated code is kept; null compiles in memory only.
   * @default cacheDir validatorCacheDir()
   */
  constructor(options: Options, private readonly cacheDir: string | null = validatorCacheDir()) {
    this.optionsKey = JSON.stringify({ options, ajvVersion, GENERATION });
    this.ajv = new Ajv({ ...options, code: { source: true, formats: _`require(${FORMATS_MODULE})` } });
    for (const [name, format] of Object.entries(FORMATS)) this.ajv.addFormat(name, format as never);
  }

  /** The validator of `schema`: from the cache when it holds it, else compiled (and cached). */
  compile(schema: object): ValidateFunction {
    if (!this.cacheDir) return this.ajv.compile(schema);
    const hash = crypto.createHash('sha256').update(this.optionsKey).update(JSON.stringify(schema)).digest('hex');
    const file = path.join(this.cacheDir, `${hash.slice(0, 32)}.cjs`);
    const cached = readCached(file);
    if (cached !== undefined) {
      try {
        return load(cached);
      } catch {
        // A truncated or foreign file: compiled again below and overwritten.
      }
    }
    const validate = this.ajv.compile(schema);
    writeCached(file, standaloneCode(this.ajv, validate));
    return validate;
  }
}

/** Evaluates generated standalone code as a CommonJS module whose `require` knows FORMATS_MODULE. */
function load(code: string): ValidateFunction {
  const module = { exports: {} as unknown };
  const requireForCode = (id: string) => (id === FORMATS_MODULE ? FORMATS : requireFromRepo(id));
  new Function('require', 'module', 'exports', code)(requireForCode, module, module.exports);
  const validate = module.exports as ValidateFunction;
  if (typeof validate !== 'function') throw new Error('cached validator exports no function');
  return validate;
}
