/**
 * The repository Argo CD syncs from in the tests: a work clone of the bare repository that
 * `scripts/cluster up --argocd` serves on loopback (this working tree), where changes are made the
 * way a person makes them: edit environments/, synthesize, commit, push. No vitest here, so that
 * bench/argocd.ts can use it.
 *
 * What is served differs from the working tree in two ways only, both made by code on every
 * synthesized tree (serveArgoObjects): the Argo CD objects point at the served URL instead of the
 * catalogue's `delivery.repoURL`, and only the Applications of the environments under test are
 * kept (the emulator stands for the development account; a staging estate synced beside it would
 * double the run without showing anything development does not).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { ARGOCD_DIR } from '../../../../charts/delivery/synth-delivery';
import { loadEnvironments } from '../../../../charts/lib/environment/load';
import { synthesizeAll } from '../../../../charts/pipeline/pipeline';
import { synthOptions } from '../../../../charts/synth-config';
import { ENVIRONMENT_LABEL } from '../../../../policy/annotations';

export interface ServedRepoOptions {
  /** The bare repository the git daemon serves (PLATFORM_TEST_ARGOCD_GIT_DIR). */
  readonly gitDir: string;
  /** Its URL as Argo CD reaches it (PLATFORM_TEST_ARGOCD_GIT_URL). */
  readonly url: string;
  /** Environments whose Applications are served. */
  readonly environments: readonly string[];
}

type Obj = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: Record<string, any> };

/**
 * The Argo CD objects of one synthesized tree, as served: sources pointed from `from` to `to`,
 * objects of other environments left out. Fails when nothing pointed at `from` (the catalogue
 * changed its URL and this would silently serve nothing).
 */
export function serveArgoObjects(argocdDir: string, from: string, to: string, environments: readonly string[]): void {
  let retargeted = 0;
  for (const file of fs.readdirSync(argocdDir).filter((f) => f.endsWith('.yaml'))) {
    const full = path.join(argocdDir, file);
    const objects = parseAllDocuments(fs.readFileSync(full, 'utf8')).map((d) => d.toJS() as Obj);
    const kept = objects.filter((o) => {
      const env = o.metadata.labels?.[ENVIRONMENT_LABEL];
      return env === undefined || environments.includes(env);
    });
    for (const object of kept) {
      if (object.kind === 'Application' && object.spec?.source?.repoURL === from) {
        object.spec.source.repoURL = to;
        retargeted++;
      }
      if (object.kind === 'AppProject' && Array.isArray(object.spec?.sourceRepos)) {
        object.spec.sourceRepos = object.spec.sourceRepos.map((repo: string) => (repo === from ? to : repo));
      }
    }
    if (kept.length === 0) fs.rmSync(full);
    else fs.writeFileSync(full, kept.map((o) => stringify(o)).join('---\n'));
  }
  if (retargeted === 0) throw new Error(`${argocdDir}: no Application's source.repoURL is ${from}`);
}

export class ServedRepo {
  /** When the last commit reached the served repository (ms since the epoch). */
  pushedAt = 0;

  private constructor(
    /** The work clone (environments/, manifests/...). */
    readonly dir: string,
    private readonly options: ServedRepoOptions,
  ) {}

  /** A fresh work clone of the served repository's main branch. */
  static clone(options: ServedRepoOptions): ServedRepo {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-served-')), 'repo');
    execFileSync('git', ['clone', '--quiet', '--branch', 'main', options.gitDir, dir]);
    for (const [key, value] of [['user.name', 'argocd e2e'], ['user.email', 'argocd-e2e@localhost']]) {
      execFileSync('git', ['-C', dir, 'config', key, value]);
    }
    return new ServedRepo(dir, options);
  }

  /** The repository URL the catalogue declares (what the synthesized Applications point at). */
  catalogueRepoURL(): string {
    return loadEnvironments({ environmentsDir: path.join(this.dir, 'environments') })[0].catalogue.delivery.repoURL;
  }

  /**
   * Makes one change as a person would: `edit` the clone, synthesize into its manifests/, serve
   * the Argo CD objects (above), commit everything and push to the served repository.
   * @returns the new commit
   */
  commit(message: string, edit: (dir: string) => void = () => undefined): string {
    edit(this.dir);
    synthesizeAll(synthOptions({ environmentsDir: path.join(this.dir, 'environments'), manifestsDir: path.join(this.dir, 'manifests') }));
    serveArgoObjects(path.join(this.dir, 'manifests', ARGOCD_DIR), this.catalogueRepoURL(), this.options.url, this.options.environments);
    const git = (...args: string[]) => execFileSync('git', ['-C', this.dir, ...args], { encoding: 'utf8' }).trim();
    git('add', '--all');
    git('commit', '--quiet', '--allow-empty', '-m', message);
    git('push', '--quiet', 'origin', 'main');
    this.pushedAt = Date.now();
    return git('rev-parse', 'HEAD');
  }

  /** Removes the work clone (the served repository stays until `scripts/cluster down`). */
  remove(): void {
    fs.rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }
}
