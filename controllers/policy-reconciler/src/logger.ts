/** Structured JSON logs, one object per line; injected so that tests can read what was logged. */
export const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type Level = (typeof LEVELS)[number];
export type Fields = Record<string, unknown>;

export interface Logger {
  log(level: Level, msg: string, fields?: Fields): void;
  /** A logger that adds `fields` to every line. */
  with(fields: Fields): Logger;
}

const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Writes JSON lines with `time`, `level`, `msg` and the fields; errors become {message, code}. */
export class JsonLogger implements Logger {
  constructor(
    private readonly minLevel: Level = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly now: () => number = Date.now,
    private readonly base: Fields = {},
  ) {}

  log(level: Level, msg: string, fields: Fields = {}): void {
    if (ORDER[level] < ORDER[this.minLevel]) return;
    const entry: Fields = { time: new Date(this.now()).toISOString(), level, msg, ...this.base };
    for (const [key, value] of Object.entries(fields)) entry[key] = value instanceof Error ? describeError(value) : value;
    this.write(JSON.stringify(entry));
  }

  with(fields: Fields): Logger {
    return new JsonLogger(this.minLevel, this.write, this.now, { ...this.base, ...fields });
  }
}

function describeError(error: Error): Fields {
  const code = (error as { code?: unknown; statusCode?: unknown }).code ?? (error as { statusCode?: unknown }).statusCode;
  return { message: error.message.split('\n')[0].slice(0, 500), ...(code !== undefined ? { code } : {}) };
}

/** Keeps every line in memory (tests). */
export class MemoryLogger implements Logger {
  constructor(public readonly lines: { level: Level; msg: string; fields: Fields }[] = [], private readonly base: Fields = {}) {}

  log(level: Level, msg: string, fields: Fields = {}): void {
    this.lines.push({ level, msg, fields: { ...this.base, ...fields } });
  }

  with(fields: Fields): Logger {
    return new MemoryLogger(this.lines, { ...this.base, ...fields });
  }
}
