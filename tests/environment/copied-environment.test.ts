import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { synthOptions } from '../../charts/synth-config';
import { ENVIRONMENTS_DIR, loadEnv, MANIFESTS_DIR } from '../support/estate';
import { copyToTemp, readTree } from '../support/temp-tree';

/** Synth's error on the copy, or undefined when it passed. */
function synthError(environmentsDir: string, manifestsDir: string): Error | undefined {
  try {
    synthesizeAll(synthOptions({ environmentsDir, manifestsDir }));
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe('a copied environment', () => {
  let environmentsDir: string;
  let manifestsDir: string;
  let before: Map<string, string>;
  const qaFile = path.join('environments', 'qa', 'environment.yaml');
  const stagingFile = path.join('environments', 'staging', 'environment.yaml');

  beforeEach(() => {
    // GIVEN staging copied to a folder qa, its `name:` changed as the folder's
    environmentsDir = copyToTemp(ENVIRONMENTS_DIR, 'environments-');
    manifestsDir = copyToTemp(MANIFESTS_DIR, 'manifests-');
    before = readTree(manifestsDir);
    fs.cpSync(path.join(environmentsDir, 'staging'), path.join(environmentsDir, 'qa'), { recursive: true });
    editQa((text) => text.replace(/^name: staging$/m, 'name: qa'));
  });

  afterEach(() => {
    fs.rmSync(path.dirname(environmentsDir), { recursive: true, force: true });
    fs.rmSync(path.dirname(manifestsDir), { recursive: true, force: true });
  });

  function editQa(edit: (text: string) => string): void {
    const file = path.join(environmentsDir, 'qa', 'environment.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const edited = edit(text);
    if (edited === text) throw new Error('test setup: the edit changed nothing');
    fs.writeFileSync(file, edited);
  }

  it('is refused for its Environment tag, which still says staging', () => {
    const error = synthError(environmentsDir, manifestsDir);
    expect(error?.message).toBe(`${qaFile}: tagging.environment: expected "qa" (the environment's name), got "staging"`);
    expect(readTree(manifestsDir)).toEqual(before);
  });

  it("is refused, once tag and namespace are fixed, for every AWS name, identifier and CIDR it kept of staging's", () => {
    const staging = loadEnv('staging');
    editQa((text) => text.replace(/^( {2}environment: )staging$/m, '$1qa').replace(/^namespace: .*$/m, `namespace: ${staging.namespace.replace('staging', 'qa')}`));

    // WHEN synth runs
    const error = synthError(environmentsDir, manifestsDir);

    // THEN one line per clash names both files and keys, with the value kept
    const lines = error?.message.split('\n') ?? [];
    expect(lines[0]).toMatch(/^environments clash \(\d+\)/);
    const [first, second] = [qaFile, stagingFile].sort();
    const clash = (keyPath: string, value: string) =>
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${escape(second)}: ${escape(keyPath)}: "${escape(value)}" is also ${escape(keyPath)} of ${escape(first)}; `)));
    for (const [bucket, name] of Object.entries(staging.storage.buckets)) clash(`storage.buckets.${bucket}`, name);
    clash('edge.zoneName', staging.edge.zoneName);
    clash('edge.apiHostName', staging.edge.apiHostName);
    clash('compute.clusterName', staging.compute.clusterName);
    clash('edge.loadBalancerName', staging.edge.loadBalancerName);
    clash('edge.webAclName', staging.edge.webAclName);
    clash('storage.fileSystemName', staging.storage.fileSystemName);
    if (staging.network.assigned.vpcId) clash('network.assigned.vpcId', staging.network.assigned.vpcId);
    for (const [instance, endpoint] of Object.entries(staging.database.assigned.endpoints ?? {})) clash(`database.assigned.endpoints.${instance}`, endpoint);
    expect(lines).toContainEqual(`  ${second}: network.vpcCidr: ${staging.network.vpcCidr} overlaps network.vpcCidr ${staging.network.vpcCidr} of ${first}; environments' VPCs must not overlap, so that they can peer or share an account`);
    expect(readTree(manifestsDir)).toEqual(before);
  });

  it('synthesizes once every name, identifier and the CIDR are its own', () => {
    const staging = loadEnv('staging');
    const others = ['development', 'production', 'staging'].map((name) => loadEnv(name).network.vpcCidr);
    const freeCidr = Array.from({ length: 200 }, (_, i) => `10.${i}.0.0/16`).find((cidr) => !others.includes(cidr))!;
    // Every value that named staging names qa; the assigned identifiers go (unpinned until AWS assigns them).
    editQa((text) =>
      text
        .replace(/staging/g, 'qa')
        .replace(new RegExp(escape(staging.network.vpcCidr.replace(/\.0\.0\/16$/, '.')), 'g'), freeCidr.replace(/0\.0\/16$/, ''))
        .replace(/^( +)assigned:\n((\1 .*\n)+)/gm, (_, indent: string) => `${indent}assigned: {}\n`),
    );
    expect(synthError(environmentsDir, manifestsDir)).toBeUndefined();
    expect(fs.readdirSync(manifestsDir)).toContain('qa');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
