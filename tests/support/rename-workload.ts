import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Renames a workload in a copy of environments/: every map keyed by workload name (the
 * catalogue's workloads, each environment's sizing, DR warm sizes, image pins, variables) in the
 * catalogue and each environment's two files.
 */
export function renameWorkload(environmentsDir: string, from: string, to: string): void {
  const environments = fs.readdirSync(environmentsDir).filter((entry) => fs.statSync(path.join(environmentsDir, entry)).isDirectory());
  const files = [path.join(environmentsDir, 'catalogue.yaml'), ...environments.flatMap((env) => ['environment.yaml', 'versions.yaml'].map((file) => path.join(environmentsDir, env, file)))];
  for (const file of files) {
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(new RegExp(`^(\\s+)${from}:`, 'gm'), `$1${to}:`));
  }
}
