/**
 * The whole synth as `npm run synth` runs it (estate and Argo CD objects), into a temporary
 * folder, once per test file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ARGOCD_DIR } from '../../charts/delivery/synth-delivery';
import { readManifests } from '../../charts/pipeline/synthesized';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { synthOptions } from '../../charts/synth-config';
import type { Obj } from '../support/estate';

let root: string | undefined;

/** Folder of the synthesized manifests (development/, staging/, production/, argocd/). */
export function synthesizedDir(): string {
  if (!root) {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-'));
    root = path.join(parent, 'manifests');
    synthesizeAll(synthOptions({ manifestsDir: root }));
    process.on('exit', () => fs.rmSync(parent, { recursive: true, force: true }));
  }
  return root;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyObj = Obj & { data?: any };

const read = (folder: string): AnyObj[] => readManifests(path.join(synthesizedDir(), folder), folder).map((s) => s.object as unknown as AnyObj);

/** Objects of one environment's folder. */
export function envObjects(env: string): AnyObj[] {
  return read(env);
}

/** Objects of manifests/argocd. */
export function argocdObjects(): AnyObj[] {
  return read(ARGOCD_DIR);
}
