import { styleFor, type Style } from '../../core/style.js';

/** What a command may touch of its process: streams, environment, terminal facts. */
export interface Io {
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** stdin and stdout are both terminals: prompts and live progress make sense. */
  readonly interactive: boolean;
  /** Colours for stdout; stderr decides on its own through `errStyle`. */
  readonly style: Style;
  readonly errStyle: Style;
  readonly errIsTTY: boolean;
}

export interface Writer {
  write(text: string): void;
}

export function colorEnabled(env: Io['env'], isTTY: boolean): boolean {
  // https://no-color.org: any non-empty NO_COLOR disables colour; FORCE_COLOR=0 too.
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0';
  if (env['TERM'] === 'dumb') return false;
  return isTTY;
}

export function createProcessIo(options: { noColor?: boolean; noInteractive?: boolean } = {}): Io {
  const env = process.env;
  const outTTY = process.stdout.isTTY === true;
  const errTTY = process.stderr.isTTY === true;
  const allow = options.noColor !== true;
  return {
    stdout: { write: (text) => void process.stdout.write(text) },
    stderr: { write: (text) => void process.stderr.write(text) },
    env,
    interactive: options.noInteractive !== true && process.stdin.isTTY === true && outTTY,
    style: styleFor(allow && colorEnabled(env, outTTY)),
    errStyle: styleFor(allow && colorEnabled(env, errTTY)),
    errIsTTY: errTTY,
  };
}
