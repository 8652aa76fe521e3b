/**
 * Objects left out until a value AWS assigns is bound: which, and on what (charts/waiting.ts), as
 * `platform diff` and `platform status` say it, for a development that pins nothing yet.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWaiting, waitingObjects, WaitingObject } from '../../charts/waiting';
import { readManifestTree } from '../../cli/diff/manifest-tree';
import { main } from '../../cli/main';
import { runStatusCommand } from '../../cli/status/command';
import { StatusReport } from '../../cli/status/report';
import { REPO_ROOT } from '../../charts/lib/crds-dir';
import { ENV, loadFrom, unboundRepo } from './bind-fixture';
import { removeTempRepos } from './temp-repo';

let repo: string;
let waiting: WaitingObject[];

beforeAll(() => {
  repo = unboundRepo();
  waiting = waitingObjects(loadFrom(repo));
}, 120_000);
afterAll(removeTempRepos);

const keysOf = (dir: string) => new Set(readManifestTree({ kind: 'dir', dir }).get(ENV)!.map((o) => `${o.kind}/${o.metadata.name}`));

describe('what waits on a binding', () => {
  it('is exactly what the fully pinned estate has and the unbound one lacks', () => {
    // GIVEN this repository's development (every value pinned) and the same with nothing pinned
    const pinned = keysOf(path.join(REPO_ROOT, 'manifests'));
    const unbound = keysOf(path.join(repo, 'manifests'));
    // THEN the waiting objects are the difference, and each names at least one binding
    expect(waiting.map((w) => `${w.kind}/${w.name}`).sort()).toEqual([...pinned].filter((key) => !unbound.has(key)).sort());
    for (const object of waiting) expect(object.waitsOn.length, `${object.kind}/${object.name}`).toBeGreaterThan(0);
    // ... and a fully pinned environment has none
    expect(waitingObjects(loadFrom(REPO_ROOT))).toEqual([]);
  });

  it('is in `platform status`, text and json', async () => {
    const source = { listKind: async () => ({ served: true as const, objects: new Map() }), readCluster: async () => undefined };
    const json = await runStatusCommand(['--env', ENV, '--format', 'json', '--repo', repo], repo, source);
    const [report] = (JSON.parse(json.output) as StatusReport).environments;
    expect(report.waiting).toEqual(waiting);
    const text = await runStatusCommand(['--env', ENV, '--repo', repo], repo, source);
    for (const object of waiting) expect(text.output).toContain(`  WAITING  ${describeWaiting(object)}\n`);
  });

  it('is in `platform diff`, text and json', () => {
    const text = main(['diff', '--env', ENV, '--base', 'HEAD', '--repo', repo], repo);
    expect(text.output).toContain(`waiting: ${waiting.length} objects left out until a value AWS assigns is bound (npx platform bind --env ${ENV})`);
    for (const object of waiting) expect(text.output).toContain(`    ${describeWaiting(object)}\n`);
    const json = JSON.parse(main(['diff', '--env', ENV, '--base', 'HEAD', '--format', 'json', '--repo', repo], repo).output);
    expect(json.environments.find((e: { environment: string }) => e.environment === ENV).waiting).toEqual(waiting);
  });
});
