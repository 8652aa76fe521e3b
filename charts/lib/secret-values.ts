/**
 * Secret values, recognised by secretlint's recommended rules (AWS, GCP, Stripe, GitHub, Slack,
 * private keys, database connection strings, basic-auth URLs, ...), so that the list of what a
 * secret looks like is maintained upstream rather than here.
 *
 * secretlint's own runner (`@secretlint/core` lintSource) is asynchronous and the synth pipeline
 * is not; the rules themselves are synchronous for text, so they run here through the rule API
 * (`create(context, options).file(source)`) on each string on its own.
 */
import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';

type RuleCreator = (typeof recommendedRules)[number];
type RuleContext = Parameters<RuleCreator['create']>[0];
type SourceCode = Parameters<NonNullable<ReturnType<RuleCreator['create']>['file']>>[0];
type Messages = Parameters<RuleContext['createTranslator']>[0];

/** One string that looks like a secret, and where it is. */
export interface SecretFinding {
  /** Key path of the string, e.g. `workloads.payments.variables.API_URL`. */
  readonly keyPath: string;
  /** What secretlint recognised, without the value, e.g. `AWS Access Key ID`. */
  readonly what: string;
}

/**
 * Options per rule. The AWS rule finds access key ids only with its ID scan on; that scan also
 * reports account ids, which are not secret (they are in every ARN of the estate): allowed.
 */
const RULE_OPTIONS: Readonly<Record<string, object>> = {
  '@secretlint/secretlint-rule-aws': { enableIDScanRule: true, allows: ['/^["\']?(?:AWS|aws|Aws)?_?(?:ACCOUNT|account|Account)/'] },
};

/**
 * Credentials in a URL (`postgres://user:password@host`), whatever they look like: secretlint
 * skips short or placeholder-like ones, but no URL here may carry a password at all.
 */
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i;

interface ScanningRule {
  readonly id: string;
  readonly file: (source: SourceCode) => void | Promise<void>;
}

let found: string[] = [];
let scanning: ScanningRule[] | undefined;

/** The recommended scanners, created once; each reports into `found`. */
function scanners(): ScanningRule[] {
  if (scanning) return scanning;
  scanning = recommendedRules
    .filter((rule) => rule.meta.type === 'scanner')
    .map((rule) => {
      const context: RuleContext = {
        sharedOptions: {},
        createTranslator: (messages: Messages) => (messageId, props) => ({
          message: messages[messageId as string].en(props),
          messageId: String(messageId),
          data: props,
        }),
        report: (descriptor) => found.push(`${descriptor.message.messageId} (${rule.meta.id.replace('@secretlint/secretlint-rule-', '')})`),
        ignore: () => undefined,
      };
      const handler = rule.create(context, RULE_OPTIONS[rule.meta.id] ?? {});
      if (!handler.file) throw new Error(`secret-values: rule ${rule.meta.id} has no file handler`);
      return { id: rule.meta.id, file: handler.file.bind(handler) };
    });
  return scanning;
}

function sourceOf(content: string): SourceCode {
  const indexToPosition = (index: number) => {
    const before = content.slice(0, index).split('\n');
    return { line: before.length, column: before[before.length - 1].length };
  };
  return {
    hasBOM: false,
    content,
    filePath: undefined,
    physicalFilePath: undefined,
    contentType: 'text',
    ext: '',
    getFilePath: () => undefined,
    getPhysicalFilePath: () => undefined,
    indexToPosition,
    positionToIndex: ({ line, column }) => content.split('\n').slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0) + column,
    rangeToLocation: ([start, end]) => ({ start: indexToPosition(start), end: indexToPosition(end) }),
    locationToRange: () => {
      throw new Error('secret-values: locationToRange is not supported');
    },
  };
}

/** What the recommended rules recognise in one string (empty when it looks harmless). */
export function secretKinds(text: string): string[] {
  found = [];
  const source = sourceOf(text);
  for (const rule of scanners()) {
    // A promise would report after we return, so the scan would pass silently: refuse instead.
    if (rule.file(source) instanceof Promise) throw new Error(`secret-values: rule ${rule.id} scans text asynchronously`);
  }
  if (URL_WITH_PASSWORD.test(text)) found.push('a password in a URL');
  return [...new Set(found)];
}

/**
 * Every string of `value` (keys included) that looks like a secret, with its key path. The rules
 * cost about 0.3 ms a string, so all strings are scanned at once first (joined by line breaks,
 * which no pattern crosses) and walked one by one only when that finds something.
 */
export function findSecretValues(value: unknown, keyPath = ''): SecretFinding[] {
  return secretKinds(stringsOf(value).join('\n')).length === 0 ? [] : walk(value, keyPath);
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => [key, ...stringsOf(child)]);
  return [];
}

function walk(value: unknown, keyPath: string): SecretFinding[] {
  if (typeof value === 'string') return secretKinds(value).map((what) => ({ keyPath, what }));
  if (Array.isArray(value)) return value.flatMap((item, index) => walk(item, `${keyPath}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => {
      const childPath = keyPath ? `${keyPath}.${key}` : key;
      return [...secretKinds(key).map((what) => ({ keyPath: childPath, what: `${what} in the key` })), ...walk(child, childPath)];
    });
  }
  return [];
}
