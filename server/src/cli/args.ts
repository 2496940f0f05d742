import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A wrong invocation: the CLI prints the one-line reason and exits 2. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse(argv: string[], options: Options, positionals: { min: number; max: number; usage: string }) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (usage: ${positionals.usage})`);
  }
  const n = parsed.positionals.length;
  if (n < positionals.min) throw new UsageError(`missing argument (usage: ${positionals.usage})`);
  if (n > positionals.max) throw new UsageError(`unexpected argument "${parsed.positionals[positionals.max]}" (usage: ${positionals.usage})`);
  return parsed;
}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}
