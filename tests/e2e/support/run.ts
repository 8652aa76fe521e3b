/**
 * One end-to-end run: the environment under test (PLATFORM_E2E_ENV, which `scripts/cluster env`
 * exports as the one the stack was brought up for), its committed objects and gap list, and what
 * the rollout found (filled by the suite's beforeAll). The check groups of tests/e2e/checks/ read it.
 */
import { ManifestObject } from '../../../cli/diff/manifest-tree';
import { identity, objectsIn } from '../../cluster/support/manifests';
import { loadEnv } from '../../support/estate';
import { Gap, gapsFile, readGaps } from './gaps';
import { syncStates, SyncState, WaveResult } from './rollout';

export type Spec = Record<string, any>;

export interface Run {
  readonly env: string;
  readonly namespace: string;
  /** The environment's region (objects annotated `services.k8s.aws/region` live elsewhere). */
  readonly region: string;
  readonly accountId: string;
  /** The committed objects; for the estate Argo CD delivered, what the served repository holds once synced. */
  objects: readonly ManifestObject[];
  gaps: readonly Gap[];
  waves: WaveResult[];
  /** ACK's view of every object once the rollout ended. */
  states: Map<string, SyncState>;
}

/** @default development */
export const e2eEnvironment = (env: NodeJS.ProcessEnv = process.env): string => env.PLATFORM_E2E_ENV || 'development';

export function newRun(name = e2eEnvironment()): Run {
  const env = loadEnv(name);
  const objects = objectsIn(name);
  if (objects.length === 0) throw new Error(`manifests/${name} holds no object (PLATFORM_E2E_ENV=${name}): run \`npm run synth\``);
  return { env: name, namespace: env.namespace, region: env.aws.region, accountId: env.aws.accountId, objects, gaps: readGaps(gapsFile(name)), waves: [], states: new Map() };
}

/**
 * What the run finds once Argo CD has synced `objects` (the served repository's, after every
 * `platform bind` round, tests/e2e/argocd.test.ts): nothing waits on a binding any more, so the gap
 * list keeps only what the emulator or upstream holds back, not the bootstrap entries.
 */
export async function delivered(run: Run, objects: readonly ManifestObject[]): Promise<void> {
  run.objects = objects;
  run.gaps = run.gaps.filter((gap) => gap.cause !== 'bootstrap');
  run.states = await syncStates(objects);
}

export const specOf = (object: ManifestObject): Spec => (object as unknown as { spec: Spec }).spec;
export const annotationsOf = (object: ManifestObject): Record<string, string> => (object.metadata.annotations ?? {}) as Record<string, string>;
export const isSynced = (run: Run, object: ManifestObject): boolean => run.states.get(identity(object))?.synced === 'True';
export const ofKind = (run: Run, group: string, kind: string): ManifestObject[] => run.objects.filter((o) => o.apiVersion.startsWith(`${group}/`) && o.kind === kind);
/** `kubectl` resource name of an object: `<kind>.<group>`. */
export const resourceOf = (object: ManifestObject): string => `${object.kind.toLowerCase()}.${object.apiVersion.split('/')[0]}`;
/** The region ACK creates the object in: its `services.k8s.aws/region` annotation, else the environment's. */
export const regionOf = (run: Run, object: ManifestObject): string => annotationsOf(object)['services.k8s.aws/region'] ?? run.region;
