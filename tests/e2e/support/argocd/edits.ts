/**
 * The edits the Argo CD suite makes to environments/ in its work clone, as a person (or
 * `platform promote`) makes them: in place, comments kept. Bindings are written by `platform bind`
 * itself, from an environment file unbound as tests/cli/bind-fixture.ts unbindFile leaves it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

function editYaml(file: string, change: (doc: ReturnType<typeof parseDocument>) => void): void {
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  change(doc);
  fs.writeFileSync(file, doc.toString());
}

const versionsFile = (dir: string, env: string) => path.join(dir, 'environments', env, 'versions.yaml');

export interface ImageBump {
  readonly image: string;
  readonly from: string;
  readonly to: string;
}

/** The next patch version of a tag (`2.16.0-rc.1` → `2.16.1`: a release after the candidate). */
export function nextPatch(tag: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(tag);
  if (!match) throw new Error(`image tag "${tag}" is not semver`);
  return `${match[1]}.${match[2]}.${Number(match[3]) + 1}`;
}

/** Bumps the tag of `image` in the environment's versions.yaml (images.<image>). */
export function bumpImage(dir: string, env: string, image: string): ImageBump {
  let bump: ImageBump | undefined;
  editYaml(versionsFile(dir, env), (doc) => {
    const from = doc.getIn(['images', image]);
    if (typeof from !== 'string') throw new Error(`${versionsFile(dir, env)}: images.${image} is missing`);
    bump = { image, from, to: nextPatch(from) };
    doc.setIn(['images', image], bump.to);
  });
  return bump!;
}
