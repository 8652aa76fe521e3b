/**
 * The validator cache (charts/lib/compiled-validators.ts) is an optimisation only: a
 * validator loaded from the cache must judge exactly as a freshly compiled one, and a broken
 * cache entry must never weaken validation.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crdsDir, REPO_ROOT } from '../../charts/lib/crds-dir';
import { CompiledValidators } from '../../charts/lib/compiled-validators';
import { loadCrdCatalog } from '../../charts/pipeline/validation/crd-catalog';
import { ManifestValidator } from '../../charts/pipeline/validation/manifest-validator';
import { objectsOf } from '../support/estate';

const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'validator-cache-'));
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));
const crdRoots = [crdsDir(), path.join(REPO_ROOT, 'crds')];

/** Every object of production with one field broken in each of three ways. */
function brokenVariants(): Record<string, unknown>[] {
  return objectsOf('production').flatMap((object) => [
    object,
    { ...object, spec: { ...object.spec, notAField: true } },
    { ...object, spec: 42 },
    { ...object, metadata: { ...object.metadata, name: 'Not_A_Name' } },
  ]);
}

describe('validators loaded from the cache', () => {
  it('report exactly what freshly compiled validators report, object by object', () => {
    // GIVEN a validator that fills an empty cache, one that reads it back, and one with no cache
    const filling = new ManifestValidator(crdRoots, cacheDir);
    const variants = brokenVariants();
    const fresh = new ManifestValidator(crdRoots, null);
    const expected = variants.map((object) => fresh.validate(object));
    expect(variants.map((object) => filling.validate(object))).toEqual(expected);
    expect(fs.readdirSync(cacheDir).filter((file) => file.endsWith('.cjs')).length).toBeGreaterThan(10);

    // WHEN a new validator loads every one of them from the cache
    const cached = new ManifestValidator(crdRoots, cacheDir);

    // THEN every verdict and message is the same, problems included
    expect(variants.map((object) => cached.validate(object))).toEqual(expected);
    expect(expected.filter((problems) => problems.length > 0).length).toBeGreaterThan(variants.length / 2);
  });

  it('compile again when an entry is truncated or foreign, and overwrite it', () => {
    const dir = fs.mkdtempSync(path.join(cacheDir, 'broken-'));
    const schema = { type: 'object', properties: { port: { type: 'integer', format: 'int32' } }, additionalProperties: false };
    new CompiledValidators({ allErrors: true }, dir).compile(schema);
    const [entry] = fs.readdirSync(dir);
    for (const broken of ['module.exports = {', 'module.exports = 42;']) {
      fs.writeFileSync(path.join(dir, entry), broken);
      const validate = new CompiledValidators({ allErrors: true }, dir).compile(schema);
      expect(validate({ port: 1 })).toBe(true);
      expect(validate({ port: 2 ** 40 })).toBe(false);
      expect(validate({ port: 1, extra: true })).toBe(false);
      expect(fs.readFileSync(path.join(dir, entry), 'utf8')).not.toBe(broken);
    }
  });

  it('keep the OpenAPI formats (int32 bounds) in cached code', () => {
    const dir = fs.mkdtempSync(path.join(cacheDir, 'formats-'));
    const schema = { type: 'object', properties: { n: { type: 'integer', format: 'int32' }, at: { type: 'string', format: 'date-time' } } };
    new CompiledValidators({}, dir).compile(schema);
    const validate = new CompiledValidators({}, dir).compile(schema);
    expect([validate({ n: 5, at: '2026-11-30T10:00:00Z' }), validate({ n: 2 ** 31 }), validate({ at: 'yesterday' })]).toEqual([true, false, false]);
  });
});

describe('the CRD catalog cache', () => {
  it('gives the catalog parsed from the YAML, and a new one when a CRD file changes', () => {
    const dir = fs.mkdtempSync(path.join(cacheDir, 'catalog-'));
    const root = path.join(crdsDir(), 'ack', 's3');
    const parsed = loadCrdCatalog(root, null);
    expect(parsed.size).toBeGreaterThan(0);
    expect(loadCrdCatalog(root, dir)).toEqual(parsed);
    expect(loadCrdCatalog(root, dir)).toEqual(parsed);

    const copy = fs.mkdtempSync(path.join(cacheDir, 'crds-'));
    fs.cpSync(root, copy, { recursive: true });
    const [file] = fs.readdirSync(copy, { recursive: true }).map(String).filter((name) => name.endsWith('.yaml'));
    const before = loadCrdCatalog(copy, dir);
    fs.writeFileSync(path.join(copy, file), fs.readFileSync(path.join(copy, file), 'utf8').replace(/kind: CustomResourceDefinition/, 'kind: NotACrd'));
    expect(loadCrdCatalog(copy, dir).size).toBeLessThan(before.size);
  });
});
