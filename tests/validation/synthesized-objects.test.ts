/**
 * Synth validates the objects cdk8s returns rather than parsing its YAML back
 * (charts/pipeline/synthesize.ts synthesizeApp): that is only sound if the two are the same objects.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEstate } from '../../charts/estate';
import { readManifests } from '../../charts/pipeline/synthesized';
import { synthesizeEnvironment } from '../../charts/pipeline/render';
import { ENVIRONMENT_NAMES, loadEnv } from '../support/estate';

describe('the objects synth validates are the objects it wrote', () => {
  it.each(ENVIRONMENT_NAMES)('%s: file by file, the same objects in the same order as the YAML read back', (name) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `written-${name}-`));
    try {
      const returned = synthesizeEnvironment(loadEnv(name), buildEstate, outdir);
      expect(returned.length).toBeGreaterThan(0);
      expect(returned).toStrictEqual(readManifests(outdir, name));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
