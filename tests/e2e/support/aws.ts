/**
 * The AWS side of the end-to-end run, read through boto3 against the emulator (PLATFORM_TEST_AWS_ENDPOINT,
 * exported by `scripts/cluster env` after `scripts/cluster up --aws`). boto3 comes with moto in the
 * emulator's venv, so the tests add no AWS SDK to package.json; tools/aws-emulator/call.py makes a
 * batch of calls in one Python process. No vitest here, so that bench/ can use it.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../charts/lib/crds-dir';

export interface AwsCall {
  /** boto3 client name: 's3', 'rds', 'logs', ... */
  readonly service: string;
  /** boto3 method name: 'get_bucket_versioning', ... */
  readonly operation: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** @default the emulator's default region (the environment's) */
  readonly region?: string;
}

export type AwsAnswer = { readonly result: Record<string, any>; readonly error?: undefined } | { readonly result?: undefined; readonly error: { readonly code: string; readonly message: string } };

/** The emulator's URL, or a clear error when the stack is not up. */
export function awsEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  const endpoint = env.PLATFORM_TEST_AWS_ENDPOINT;
  if (!endpoint) throw new Error('PLATFORM_TEST_AWS_ENDPOINT is not set (scripts/cluster up --aws; eval "$(scripts/cluster env)")');
  return endpoint;
}

let python: string | undefined;

/** The emulator venv's python (scripts/aws-emulator installs it when missing). */
function emulatorPython(): string {
  python ??= execFileSync(path.join(REPO_ROOT, 'scripts/aws-emulator'), ['python'], { encoding: 'utf8' }).trim();
  return python;
}

/** Makes `calls` in order in one boto3 process; answers in the same order. */
export async function aws(calls: readonly AwsCall[], region: string): Promise<AwsAnswer[]> {
  const script = path.join(REPO_ROOT, 'tools/aws-emulator/call.py');
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ENDPOINT_URL: awsEndpoint(), AWS_ACCESS_KEY_ID: 'emulator', AWS_SECRET_ACCESS_KEY: 'emulator', AWS_DEFAULT_REGION: region };
  delete env.AWS_CA_BUNDLE;
  delete env.AWS_PROFILE;
  return new Promise((resolve, reject) => {
    const child = execFile(emulatorPython(), [script], { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${script} failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as AwsAnswer[]);
    });
    child.stdin!.end(JSON.stringify(calls.map((call) => ({ ...call, region: call.region ?? region }))));
  });
}

/** One call; rejects with the AWS error code and message. */
export async function awsOne(call: AwsCall, region: string): Promise<Record<string, any>> {
  const [answer] = await aws([call], region);
  if (answer.error) throw new Error(`${call.service}.${call.operation}: ${answer.error.code}: ${answer.error.message}`);
  return answer.result;
}
