import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { synthOptions } from '../../charts/synth-config';
import { ENVIRONMENTS_DIR, MANIFESTS_DIR } from '../support/estate';
import { readTree } from '../support/temp-tree';

const HINT = 'manifests/ is stale: run `npm run synth` and commit the result';

describe('committed manifests', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'fresh-'));
  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('equal a fresh synth byte for byte', () => {
    // GIVEN a fresh synth into a temporary folder
    const fresh = path.join(parent, 'manifests');
    synthesizeAll(synthOptions({ environmentsDir: ENVIRONMENTS_DIR, manifestsDir: fresh }));

    // WHEN both trees are read
    const committed = readTree(MANIFESTS_DIR);
    const generated = readTree(fresh);

    // THEN they have the same files with the same bytes
    expect([...committed.keys()].sort(), HINT).toEqual([...generated.keys()].sort());
    for (const [file, text] of generated) expect(committed.get(file), `${HINT} (${file})`).toBe(text);
  });

  it('are deterministic: two synths give identical bytes', () => {
    const first = path.join(parent, 'first', 'manifests');
    const second = path.join(parent, 'second', 'manifests');
    fs.mkdirSync(path.dirname(first), { recursive: true });
    fs.mkdirSync(path.dirname(second), { recursive: true });
    synthesizeAll(synthOptions({ environmentsDir: ENVIRONMENTS_DIR, manifestsDir: first }));
    synthesizeAll(synthOptions({ environmentsDir: ENVIRONMENTS_DIR, manifestsDir: second }));
    expect(readTree(second)).toEqual(readTree(first));
  });
});
