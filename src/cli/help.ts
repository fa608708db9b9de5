import type { Style } from '../core/style.js';
import type { CommandGroupSpec, CommandSpec, OptionSpec } from './spec.js';

function optionLabel(spec: OptionSpec): string {
  const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
  const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
  return `${short}--${spec.name}${value}`;
}

function optionText(spec: OptionSpec): string {
  const extras: string[] = [];
  if (spec.choices !== undefined) extras.push(`one of: ${spec.choices.join(', ')}`);
  if (spec.default !== undefined) extras.push(`default: ${spec.default}`);
  if (spec.multiple === true) extras.push('repeatable');
  return extras.length === 0 ? spec.description : `${spec.description} (${extras.join('; ')})`;
}

function table(rows: ReadonlyArray<readonly [string, string]>, indent = '  '): string {
  const width = Math.min(34, Math.max(0, ...rows.map(([left]) => left.length)));
  return rows
    .map(([left, right]) => (left.length > width ? `${indent}${left}\n${indent}${' '.repeat(width + 2)}${right}` : `${indent}${left.padEnd(width)}  ${right}`))
    .join('\n');
}

function usageLine(command: CommandSpec): string {
  const args = (command.args ?? []).map((a) => {
    const inner = `${a.name}${a.variadic === true ? '...' : ''}`;
    return a.required ? `<${inner}>` : `[${inner}]`;
  });
  return ['cka-lab', ...command.path, ...args, '[options]'].join(' ');
}

export function commandHelp(command: CommandSpec, globalOptions: readonly OptionSpec[], style: Style): string {
  const parts = [`${style.bold('Usage:')} ${usageLine(command)}`, '', command.description ?? command.summary];
  if ((command.args ?? []).length > 0) {
    parts.push('', style.bold('Arguments:'), table((command.args ?? []).map((a) => [a.name, a.description] as const)));
  }
  if ((command.options ?? []).length > 0) {
    parts.push('', style.bold('Options:'), table((command.options ?? []).map((o) => [optionLabel(o), optionText(o)] as const)));
  }
  parts.push('', style.bold('Global options:'), table(globalOptions.map((o) => [optionLabel(o), optionText(o)] as const)));
  return `${parts.join('\n')}\n`;
}

export function overviewHelp(
  prefix: readonly string[],
  commands: readonly CommandSpec[],
  groups: readonly CommandGroupSpec[],
  globalOptions: readonly OptionSpec[],
  style: Style,
  version: string,
): string {
  const inScope = commands.filter((c) => prefix.every((word, i) => c.path[i] === word));
  const rows: Array<readonly [string, string]> = [];
  const seenGroups = new Set<string>();
  for (const command of inScope) {
    const rest = command.path.slice(prefix.length);
    const group = groups.find((g) => g.name === rest[0]);
    if (rest.length > 1 && group !== undefined && prefix.length === 0) {
      if (!seenGroups.has(group.name)) {
        seenGroups.add(group.name);
        rows.push([`${group.name} <command>`, group.summary]);
      }
      continue;
    }
    rows.push([rest.join(' '), command.summary]);
  }
  const title = prefix.length === 0
    ? `cka-lab ${version} — practise for the CKA exam against a real Kubernetes cluster.`
    : (groups.find((g) => g.name === prefix[0])?.summary ?? '');
  const parts = [
    title,
    '',
    `${style.bold('Usage:')} cka-lab ${prefix.length === 0 ? '' : `${prefix.join(' ')} `}<command> [options]`,
    '',
    style.bold('Commands:'),
    table(rows),
    '',
    style.bold('Global options:'),
    table(globalOptions.map((o) => [optionLabel(o), optionText(o)] as const)),
    '',
    `Run 'cka-lab ${prefix.length === 0 ? '' : `${prefix.join(' ')} `}<command> --help' for a command's options.`,
  ];
  return `${parts.join('\n')}\n`;
}
