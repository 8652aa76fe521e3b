/**
 * The end-to-end setup itself, checked without the stack: the controllers scripts/ack-controllers
 * builds are exactly the ACK groups of manifests/ (sns among them: the alarms' topics), at the tags of the CRDs' VERSIONS.md,
 * with a source folder each; each environment's gap list is well formed and names objects that exist; every
 * emulator fix is applied and documented.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crdsDir, REPO_ROOT } from '../../charts/lib/crds-dir';
import { isAck, manifestFolders, objectsIn } from '../cluster/support/manifests';
import { ENVIRONMENT_NAMES } from '../support/estate';
import { gapOf, gapsFile, readGaps } from './support/gaps';

const ACK_SRC = process.env.PLATFORM_ACK_SRC_DIR ?? path.join(REPO_ROOT, '../shared/ack-src');

describe('scripts/ack-controllers list', () => {
  const listed = execFileSync(path.join(REPO_ROOT, 'scripts/ack-controllers'), ['list'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.split(' ') as [string, string]);

  it('is every ACK group used under manifests/', () => {
    const groups = new Set(manifestFolders().flatMap((folder) => objectsIn(folder).filter(isAck).map((o) => o.apiVersion.split('.')[0])));
    expect(groups.has('sns'), 'the alarms\' topics').toBe(true);
    expect(listed.map(([name]) => name).sort()).toEqual([...groups].sort());
  });

  it('takes each tag from the VERSIONS.md of the CRDs, and has its source', () => {
    const versions = fs.readFileSync(path.join(crdsDir(), 'ack', 'VERSIONS.md'), 'utf8');
    for (const [name, tag] of listed) {
      expect(versions, name).toMatch(new RegExp(`^\\| ${name} \\| aws-controllers-k8s/${name}-controller \\| ${tag.replace(/\./g, '\\.')} `, 'm'));
      expect(fs.existsSync(path.join(ACK_SRC, `${name}-controller@${tag}`, 'cmd/controller')), `${name}@${tag}`).toBe(true);
    }
  });
});

describe('tests/e2e/gaps/<environment>.yaml', () => {
  it.each(ENVIRONMENT_NAMES)('%s: exists, is well formed and every entry names an ACK object of the environment', (env) => {
    const objects = objectsIn(env).filter(isAck);
    for (const gap of readGaps(gapsFile(env))) expect(objects.some((o) => gapOf(o, [gap])), `${env}: ${gap.group}/${gap.kind} ${gap.name}`).toBe(true);
  });

  it('is one file per environment, no other', () => {
    const files = fs.readdirSync(path.dirname(gapsFile('x'))).sort();
    expect(files).toEqual(ENVIRONMENT_NAMES.map((env) => `${env}.yaml`).sort());
  });

  it('refuses an entry without its reason', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gaps-')), 'gaps.yaml');
    try {
      fs.writeFileSync(file, '- {group: s3.services.k8s.aws, kind: Bucket, name: ".*", cause: emulator, evidence: x}\n');
      expect(() => readGaps(file)).toThrow(`${file}: [0].reason is missing`);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

describe('tools/aws-emulator/fixes', () => {
  it('applies every fix module and documents each in docs/emulator-gaps.md', () => {
    const dir = path.join(REPO_ROOT, 'tools/aws-emulator/fixes');
    const modules = fs.readdirSync(dir).filter((f) => f.endsWith('.py') && f !== '__init__.py').map((f) => f.replace(/\.py$/, '')).sort();
    const applied = /MODULES = \[([^\]]*)\]/.exec(fs.readFileSync(path.join(dir, '__init__.py'), 'utf8'))![1].match(/"([^"]+)"/g)!.map((m) => m.slice(1, -1)).sort();
    expect(applied).toEqual(modules);
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/emulator-gaps.md'), 'utf8');
    for (const module of modules) expect(doc, module).toContain(`\`${module}.py\``);
  });
});
