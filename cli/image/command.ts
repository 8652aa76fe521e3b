/**
 * `platform image-plan [--base <ref>] [--format text|json] [--repo <dir>]`: the matrix of the
 * policy reconciler's image workflow (cli/image/plan.ts). With --base, also which of the image's
 * inputs changed and which environments pin a new tag; refuses (exit 1) a change of the image's
 * inputs that pins no new tag anywhere.
 */
import type { CommandResult } from '../diff/command';
import { UsageError } from '../errors';
import { revParse } from '../git';
import { ImagePlan, imagePlan, unbumpedChange } from './plan';

export interface ImagePlanOptions {
  readonly repo: string;
  readonly base?: string;
  readonly format: 'text' | 'json';
}

function renderText(plan: ImagePlan): string {
  const lines = plan.targets.map((t) => `${t.env}\t${t.image}\t(role ${t.pushRole})`);
  if (plan.changedInputs) lines.push(`changed inputs: ${plan.changedInputs.join(', ') || 'none'}`, `new tags: ${plan.bumped?.join(', ') || 'none'}`);
  return `${lines.join('\n')}\n`;
}

export function runImagePlan(options: ImagePlanOptions): CommandResult {
  if (!['text', 'json'].includes(options.format)) throw new UsageError(`--format must be text or json, got "${options.format}"`);
  const plan = imagePlan(options.repo, options.base === undefined ? undefined : revParse(options.repo, options.base));
  const output = options.format === 'json' ? `${JSON.stringify(plan)}\n` : renderText(plan);
  const refusal = unbumpedChange(plan);
  return refusal ? { exitCode: 1, output, message: refusal } : { exitCode: 0, output };
}
