import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

/**
 * Writes a copy of `environmentsDir` whose catalogue has `factor` times the workloads (each
 * copy with its own port, repository, log group, path and database), for scaling figures.
 */
export function scaleEstate(environmentsDir: string, target: string, factor: number): number {
  fs.cpSync(environmentsDir, target, { recursive: true });
  const catalogueFile = path.join(target, 'catalogue.yaml');
  const catalogue = parseDocument(fs.readFileSync(catalogueFile, 'utf8')).toJS();
  const original = Object.entries<Record<string, any>>(catalogue.workloads);
  const workloads: Record<string, unknown> = {};
  let port = 3000;
  for (let copy = 0; copy < factor; copy++) {
    for (const [name, workload] of original) {
      const suffix = copy === 0 ? '' : `-${copy}`;
      workloads[`${name}${suffix}`] = {
        ...workload,
        port: ++port,
        // Unique priorities: each original's plus the copy number (originals are 10 apart); the
        // default workload's copies get a path of their own, so a priority from 50 up.
        ...(workload.rulePriority || copy > 0 ? { rulePriority: (workload.rulePriority ?? 50) + copy } : {}),
        repository: `${workload.repository}${suffix}`,
        logGroup: `${workload.logGroup}${suffix}`,
        pathPrefix: workload.pathPrefix === '/' && copy > 0 ? `/frontend${suffix}` : `${workload.pathPrefix}${suffix}`,
        ...(workload.database ? { database: `${workload.database}${suffix.replace('-', '_')}` } : {}),
      };
    }
  }
  catalogue.workloads = workloads;
  fs.writeFileSync(catalogueFile, JSON.stringify(catalogue));
  for (const env of fs.readdirSync(target).filter((entry) => fs.statSync(path.join(target, entry)).isDirectory())) {
    const envFile = path.join(target, env, 'environment.yaml');
    const environment = parseDocument(fs.readFileSync(envFile, 'utf8')).toJS();
    environment.network.taskPortRange = { from: 3000, to: 3000 + Object.keys(workloads).length + 1 };
    const sizing = Object.entries<unknown>(environment.workloads);
    environment.workloads = Object.fromEntries(Object.keys(workloads).map((name) => [name, sizing.find(([base]) => name.startsWith(base))![1]]));
    fs.writeFileSync(envFile, JSON.stringify(environment));
    const versionsFile = path.join(target, env, 'versions.yaml');
    const versions = parseDocument(fs.readFileSync(versionsFile, 'utf8')).toJS();
    const tags = Object.entries<string>(versions.images);
    versions.images = {
      ...Object.fromEntries(Object.keys(workloads).map((name) => [name, tags.find(([base]) => name.startsWith(base))![1]])),
      'policy-reconciler': versions.images['policy-reconciler'],
    };
    fs.writeFileSync(versionsFile, JSON.stringify(versions));
  }
  return Object.keys(workloads).length;
}
