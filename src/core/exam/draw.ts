import { catalogueMark, type ExamCode } from './code.js';
import type { Capabilities } from '../profile.js';
import { capabilityNames } from '../profile.js';
import { seededRandom, shuffled } from '../random.js';
import { domains, domainTitles, domainWeights, type Domain, type Task } from '../tasks/model.js';

/** How one CKA domain fared in a draw: its curriculum weight, the share it got, and why. */
export interface DomainPlan {
  readonly domain: Domain;
  readonly curriculumWeight: number;
  /** Tasks of the domain this cluster can run. */
  readonly available: number;
  readonly drawn: number;
}

export interface ExamTaskPlan {
  readonly task: Task;
  /** The task's share of the exam in percent; the weights of one exam add up to 100. */
  readonly weight: number;
}

export interface ExamDraw {
  readonly tasks: readonly ExamTaskPlan[];
  readonly domains: readonly DomainPlan[];
  /** What the draw could not honour, in sentences for the user. */
  readonly notes: readonly string[];
}

export interface DrawOptions {
  readonly count: number;
  readonly seed: number;
  readonly capabilities: Capabilities;
}

export function canRun(task: Task, capabilities: Capabilities): boolean {
  return task.requires.every((c) => capabilities[c]);
}

/** Each task's conflicts, declared on either side: both sides see them. */
export function conflictsBetween(tasks: readonly Task[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>(tasks.map((t) => [t.id, new Set<string>()]));
  for (const task of tasks) {
    for (const other of task.conflicts) {
      map.get(task.id)?.add(other);
      map.get(other)?.add(task.id);
    }
  }
  return map;
}

/**
 * Splits `total` slots over domains in proportion to their weights (largest remainder), never
 * giving a domain more than it has; what a full domain cannot take goes to the others.
 */
export function apportion(total: number, weights: ReadonlyMap<Domain, number>, capacity: ReadonlyMap<Domain, number>): Map<Domain, number> {
  const quota = new Map<Domain, number>([...weights.keys()].map((d) => [d, 0]));
  let left = Math.min(total, [...capacity.values()].reduce((a, b) => a + b, 0));
  while (left > 0) {
    const open = [...weights.entries()].filter(([d, w]) => w > 0 && (quota.get(d) ?? 0) < (capacity.get(d) ?? 0));
    if (open.length === 0) break;
    const sum = open.reduce((a, [, w]) => a + w, 0);
    const shares = open.map(([d, w]) => ({ d, exact: (left * w) / sum }));
    let given = 0;
    for (const s of shares) {
      const room = (capacity.get(s.d) ?? 0) - (quota.get(s.d) ?? 0);
      const take = Math.min(room, Math.floor(s.exact));
      quota.set(s.d, (quota.get(s.d) ?? 0) + take);
      given += take;
    }
    // Largest remainders first; ties go to the heavier curriculum weight, then domain order.
    const byRemainder = [...shares].sort((a, b) => (b.exact - Math.floor(b.exact)) - (a.exact - Math.floor(a.exact)) || (weights.get(b.d) ?? 0) - (weights.get(a.d) ?? 0) || domains.indexOf(a.d) - domains.indexOf(b.d));
    for (const s of byRemainder) {
      if (given >= left) break;
      if ((quota.get(s.d) ?? 0) < (capacity.get(s.d) ?? 0) && given < left) {
        quota.set(s.d, (quota.get(s.d) ?? 0) + 1);
        given++;
      }
    }
    if (given === 0) break;
    left -= given;
  }
  return quota;
}

/** Integer percentages proportional to `values` that add up to exactly 100. */
export function percentages(values: readonly number[]): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum === 0) return values.map(() => 0);
  const exact = values.map((v) => (v * 100) / sum);
  const out = exact.map(Math.floor);
  let missing = 100 - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    missing--;
  }
  return out;
}

/**
 * Draws a mock exam: `count` tasks the cluster can run, spread over the CKA domains by their
 * curriculum weights (rebalanced over the domains that have tasks), never two tasks that
 * conflict on one cluster. The same seed, catalogue and capabilities give the same exam.
 * Tasks that roll the whole cluster back (etcd restore) come first, so no later work is lost.
 */
export function drawExam(catalogue: readonly Task[], options: DrawOptions): ExamDraw {
  const random = seededRandom(options.seed);
  const sorted = [...catalogue].sort((a, b) => a.id.localeCompare(b.id));
  const runnable = sorted.filter((t) => canRun(t, options.capabilities));
  const conflicts = conflictsBetween(sorted);
  const pools = new Map<Domain, Task[]>(domains.map((d) => [d, shuffled(runnable.filter((t) => t.domain === d), random)]));
  const weights = new Map<Domain, number>(domains.map((d) => [d, domainWeights[d]]));

  const picked: Task[] = [];
  const clash = (task: Task): boolean => picked.some((p) => conflicts.get(task.id)?.has(p.id) === true);
  // Quotas first; a domain that runs dry through conflicts gives its slots back to the others.
  let wanted = options.count;
  const exhausted = new Set<Domain>();
  while (wanted > 0) {
    const capacity = new Map<Domain, number>(domains.map((d) => [d, exhausted.has(d) ? 0 : (pools.get(d) ?? []).filter((t) => !clash(t)).length]));
    const quota = apportion(wanted, weights, capacity);
    let added = 0;
    // Heaviest domains pick first: when two tasks conflict, the weightier domain keeps its own.
    for (const domain of [...domains].sort((a, b) => domainWeights[b] - domainWeights[a])) {
      const pool = pools.get(domain) ?? [];
      for (let n = quota.get(domain) ?? 0; n > 0; n--) {
        const index = pool.findIndex((t) => !clash(t));
        if (index < 0) {
          exhausted.add(domain);
          break;
        }
        picked.push(...pool.splice(index, 1));
        added++;
      }
    }
    if (added === 0) break;
    wanted -= added;
  }

  const order = shuffled(picked, random);
  const rollback = order.filter((t) => t.requires.includes('etcdRestore'));
  const ordered = [...rollback, ...order.filter((t) => !rollback.includes(t))];
  const taskWeights = percentages(ordered.map((t) => t.weight));

  const plans = domains.map((domain) => ({
    domain,
    curriculumWeight: domainWeights[domain],
    available: runnable.filter((t) => t.domain === domain).length,
    drawn: ordered.filter((t) => t.domain === domain).length,
  }));
  const notes: string[] = [];
  const empty = plans.filter((p) => p.available === 0);
  if (empty.length > 0) {
    notes.push(`${empty.map((p) => `${domainTitles[p.domain]} (${p.curriculumWeight}%)`).join(' and ')} ${empty.length === 1 ? 'has' : 'have'} no task this cluster can run; ${empty.length === 1 ? 'its' : 'their'} weight went to the other domains.`);
  }
  // Domains that have tasks but fewer than their curriculum share asks for.
  const ideal = apportion(ordered.length, weights, new Map(domains.map((d) => [d, Number.MAX_SAFE_INTEGER])));
  const short = plans.filter((p) => p.available > 0 && p.drawn < (ideal.get(p.domain) ?? 0));
  if (short.length > 0) {
    notes.push(`${short.map((p) => `${domainTitles[p.domain]} got ${p.drawn} task(s) where its ${p.curriculumWeight}% share asks for ${ideal.get(p.domain) ?? 0}`).join('; ')} (the catalogue has no more that can run here together); the other domains took up the rest.`);
  }
  const left = sorted.filter((t) => !canRun(t, options.capabilities));
  if (left.length > 0) {
    const needs = [...new Set(left.flatMap((t) => t.requires.filter((c) => !options.capabilities[c])))].sort((a, b) => capabilityNames.indexOf(a) - capabilityNames.indexOf(b));
    notes.push(`${left.length} task(s) need what this cluster lacks (${needs.join(', ')}) and were left out.`);
  }
  if (ordered.length < options.count) {
    notes.push(`Only ${ordered.length} of the ${options.count} tasks asked for could be drawn: the catalogue has no more that this cluster can run together.`);
  }
  if (rollback.length > 0) notes.push(`${rollback.map((t) => t.id).join(', ')} rolls the cluster back to a snapshot: it comes first, so do it before the others.`);
  return { tasks: ordered.map((task, i) => ({ task, weight: taskWeights[i] ?? 0 })), domains: plans, notes };
}

/**
 * Setup order: tasks that cordon or taint nodes after the others, so every other task's Pods are
 * placed first; a task that snapshots the cluster for a later rollback last of all, so the
 * snapshot holds every other task.
 */
export function setupOrder(tasks: readonly Task[]): Task[] {
  const last = tasks.filter((t) => t.requires.includes('etcdRestore'));
  const nodes = tasks.filter((t) => !last.includes(t) && t.owns.cordon.length + t.owns.nodeTaints.length > 0);
  return [...tasks.filter((t) => !last.includes(t) && !nodes.includes(t)), ...nodes, ...last];
}

/** The exam a code names, drawn as `exam --code` draws it, and whether this catalogue is the one it was made from. */
export function drawExamByCode(code: ExamCode, catalogue: readonly Task[]): { readonly draw: ExamDraw; readonly sameCatalogue: boolean } {
  return {
    draw: drawExam(catalogue, { count: code.count, seed: code.seed, capabilities: code.capabilities }),
    sameCatalogue: code.catalogueMark === catalogueMark(catalogue),
  };
}
