import type { CommandInput } from '../cli/spec.js';
import { ExitCode } from '../core/errors.js';
import { isEngineName } from '../services/cluster/engines.js';
import { runDoctor } from '../services/doctor.js';
import { clusterTarget, labPaths, stringOption } from './context.js';

export async function run({ options, io }: CommandInput): Promise<ExitCode> {
  const chosen = stringOption(options, 'engine');
  const report = await runDoctor({
    paths: labPaths(io),
    env: io.env,
    target: clusterTarget(options, io),
    engine: isEngineName(chosen) ? chosen : undefined,
  });
  if (stringOption(options, 'output') === 'json') {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const s = io.style;
    const mark = { ok: s.green('✓'), warn: s.yellow('!'), fail: s.red('✗') } as const;
    const width = Math.max(...report.checks.map((c) => c.name.length));
    for (const check of report.checks) {
      io.stdout.write(`${mark[check.status]} ${check.name.padEnd(width)}  ${check.detail}\n`);
      if (check.fix !== undefined && check.status !== 'ok') io.stdout.write(`  ${' '.repeat(width)}  ${s.dim(`fix: ${check.fix}`)}\n`);
    }
    io.stdout.write(report.usable
      ? `\n${s.green(`The ${report.engine} engine is usable.`)}\n`
      : `\n${s.red(`The ${report.engine} engine is not usable yet: fix the ✗ lines above.`)}\n`);
  }
  return report.usable ? ExitCode.ok : ExitCode.prerequisiteMissing;
}
