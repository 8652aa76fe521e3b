/**
 * What `platform status` expects in the cluster: the committed manifests of each environment,
 * split into ACK objects (to join with their live status) and the policy objects whose status
 * carries the reconciler's findings.
 */
import * as path from 'node:path';
import { listEnvironments, loadEnvironment } from '../../charts/lib/environment/load';
import { waitingObjects, WaitingObject } from '../../charts/waiting';
import { POLICY_GROUP } from '../../policy/policy-resources';
import { ManifestObject, MANIFESTS, readManifestTree } from '../diff/manifest-tree';

export interface ExpectedEnvironment {
  readonly name: string;
  /** From environments/<env>/environment.yaml. */
  readonly namespace: string;
  /** ACK objects of manifests/<env>, in file order. */
  readonly ack: readonly ManifestObject[];
  /** TaggingPolicy and BackupPolicy objects of manifests/<env>. */
  readonly policies: readonly ManifestObject[];
  /** Objects left out of the manifests until a value AWS assigns is bound (charts/waiting.ts). */
  readonly waiting: readonly WaitingObject[];
}

export const isAckObject = (object: { apiVersion: string }) => object.apiVersion.split('/')[0].endsWith('.services.k8s.aws');
const isPolicy = (object: { apiVersion: string }) => object.apiVersion.split('/')[0] === POLICY_GROUP;

/** The environments to report (all, or those named), each with its committed objects. */
export function expectedEnvironments(repo: string, only: readonly string[] | undefined): ExpectedEnvironment[] {
  const environmentsDir = path.join(repo, 'environments');
  const all = listEnvironments(environmentsDir);
  const unknown = (only ?? []).filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new StatusError(`unknown environment ${unknown.map((n) => `"${n}"`).join(', ')}; environments/ has ${all.join(', ')}`);
  const tree = readManifestTree({ kind: 'dir', dir: path.join(repo, MANIFESTS) });
  return (only && only.length > 0 ? all.filter((name) => only.includes(name)) : all).map((name) => {
    const objects = tree.get(name);
    if (!objects || objects.length === 0) throw new StatusError(`${MANIFESTS}/${name} holds no object: run \`npm run synth\` first`);
    const env = loadEnvironment(name, { environmentsDir });
    return { name, namespace: env.namespace, ack: objects.filter(isAckObject), policies: objects.filter(isPolicy), waiting: waitingObjects(env) };
  });
}

/** A problem the user can act on (bad option, missing manifests, unreachable cluster). */
export class StatusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatusError';
  }
}
