import type { CommandInput } from '../../cli/spec.js';
import { UsageError } from '../../core/errors.js';
import { isDomain } from '../../core/tasks/catalogue.js';
import { domains, domainTitles } from '../../core/tasks/model.js';
import { didYouMean } from '../../core/suggest.js';
import { stringOption } from '../context.js';

export async function run({ options, io }: CommandInput): Promise<void> {
  const { loadCatalogue } = await import('../../services/tasks/catalogue.js');
  const catalogue = await loadCatalogue();
  const domain = stringOption(options, 'domain');
  if (domain !== undefined && !isDomain(domain)) throw new UsageError(`Unknown domain '${domain}'.${didYouMean(domain, domains)}`, { hint: `Domains: ${domains.join(', ')}.` });
  const tasks = catalogue.tasks.filter((t) => domain === undefined || t.domain === domain);
  if (stringOption(options, 'output') === 'json') {
    io.stdout.write(`${JSON.stringify(tasks.map((t) => ({ id: t.id, title: t.title, domain: t.domain, topics: t.topics, weight: t.weight, difficulty: t.difficulty, minutes: t.minutes, requires: t.requires, points: t.checks.reduce((s, c) => s + c.points, 0), checks: t.checks.length })), null, 2)}\n`);
    return;
  }
  const s = io.style;
  const idWidth = Math.max(...tasks.map((t) => t.id.length), 4);
  for (const d of domains) {
    const inDomain = tasks.filter((t) => t.domain === d);
    if (inDomain.length === 0) continue;
    io.stdout.write(`${s.bold(domainTitles[d])} ${s.dim(`(${d})`)}\n`);
    for (const t of inDomain) {
      const needs = t.requires.length === 0 ? '' : s.dim(` needs ${t.requires.join(', ')}`);
      io.stdout.write(`  ${t.id.padEnd(idWidth)}  ${t.title} ${s.dim(`· ${t.difficulty} · ${t.minutes} min · ${t.weight}%`)}${needs}\n`);
    }
  }
  io.stdout.write(s.dim(`\n${tasks.length} task(s). Start one with: cka-lab setup <id>\n`));
}
