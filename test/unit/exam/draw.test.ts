import { describe, expect, it } from '@jest/globals';
import { apportion, drawExam, percentages, setupOrder } from '../../../src/core/exam/draw.js';
import { catalogueMark, formatExamCode, parseExamCode } from '../../../src/core/exam/code.js';
import type { Capabilities } from '../../../src/core/profile.js';
import type { Domain, Task } from '../../../src/core/tasks/model.js';
import { domains } from '../../../src/core/tasks/model.js';
import { loadCatalogue } from '../../../src/services/tasks/catalogue.js';

const all: Capabilities = { realKubelets: true, controlPlaneFilesystem: true, etcd: true, etcdRestore: true, gatewayApi: true };
const embedded: Capabilities = { realKubelets: false, controlPlaneFilesystem: true, etcd: true, etcdRestore: true, gatewayApi: true };

const task = (id: string, domain: Domain, extra: Partial<Task> = {}): Task => ({
  id, title: id, domain, topics: [], weight: 5, difficulty: 'easy', minutes: 5, requires: [], conflicts: [], namespaces: [],
  owns: { objects: [], nodeLabels: [], nodeTaints: [], cordon: [], files: [] }, prompt: '', setup: [], checks: [], hints: [], docs: [], file: `${id}.yaml`, ...extra,
});

/** Ten tasks per domain: enough for any stratification. */
const full = domains.flatMap((d) => Array.from({ length: 10 }, (_, i) => task(`${d}-${i}`, d)));

describe('drawExam', () => {
  it('Given a catalogue with every domain, draws 17 tasks spread by the curriculum weights', () => {
    const draw = drawExam(full, { count: 17, seed: 7, capabilities: all });
    expect(draw.tasks).toHaveLength(17);
    const per = Object.fromEntries(draw.domains.map((d) => [d.domain, d.drawn]));
    // 17 × 30/25/20/15/10 % = 5.1, 4.25, 3.4, 2.55, 1.7 → largest remainders: 5, 4, 3, 3, 2.
    expect(per).toEqual({ troubleshooting: 5, 'cluster-architecture': 4, 'services-networking': 3, 'workloads-scheduling': 3, storage: 2 });
    expect(draw.notes).toEqual([]);
    expect(draw.tasks.reduce((a, t) => a + t.weight, 0)).toBe(100);
  });

  it('is reproducible with a seed, and another seed draws another exam', () => {
    const ids = (seed: number): string[] => drawExam(full, { count: 17, seed, capabilities: all }).tasks.map((t) => t.task.id);
    expect(ids(42)).toEqual(ids(42));
    expect(ids(42)).not.toEqual(ids(43));
  });

  it('does not depend on the order the catalogue was read in', () => {
    const a = drawExam(full, { count: 9, seed: 5, capabilities: all }).tasks.map((t) => t.task.id);
    const b = drawExam([...full].reverse(), { count: 9, seed: 5, capabilities: all }).tasks.map((t) => t.task.id);
    expect(a).toEqual(b);
  });

  it('Given empty domains, gives their weight to the others and says so', () => {
    const some = full.filter((t) => t.domain !== 'storage' && t.domain !== 'services-networking');
    const draw = drawExam(some, { count: 14, seed: 1, capabilities: all });
    expect(draw.tasks).toHaveLength(14);
    const per = Object.fromEntries(draw.domains.map((d) => [d.domain, d.drawn]));
    // 30:25:15 over 14 → 6, 5, 3.
    expect(per).toMatchObject({ troubleshooting: 6, 'cluster-architecture': 5, 'workloads-scheduling': 3, storage: 0, 'services-networking': 0 });
    expect(draw.notes.join(' ')).toMatch(/Services and Networking \(20%\) and Storage \(10%\) have no task this cluster can run/);
  });

  it('Given a domain with fewer tasks than its share, says so and fills up from the others', () => {
    const catalogue = [...full.filter((t) => t.domain !== 'troubleshooting'), task('only-one', 'troubleshooting')];
    const draw = drawExam(catalogue, { count: 17, seed: 9, capabilities: all });
    expect(draw.tasks).toHaveLength(17);
    expect(draw.domains.find((d) => d.domain === 'troubleshooting')?.drawn).toBe(1);
    expect(draw.notes.join(' ')).toContain('Troubleshooting got 1 task(s) where its 30% share asks for 5');
  });

  it('leaves out tasks the cluster cannot run, and says which capability they lack', () => {
    const catalogue = [...full, task('needs-kubelet', 'storage', { requires: ['realKubelets'] })];
    const draw = drawExam(catalogue, { count: 51, seed: 3, capabilities: embedded });
    expect(draw.tasks.map((t) => t.task.id)).not.toContain('needs-kubelet');
    expect(draw.notes.join(' ')).toMatch(/1 task\(s\) need what this cluster lacks \(realKubelets\)/);
    expect(draw.tasks).toHaveLength(50);
    expect(draw.notes.join(' ')).toMatch(/Only 50 of the 51 tasks asked for could be drawn/);
  });

  it('never draws two tasks that conflict, whichever side declares it', () => {
    const catalogue = [
      task('drain', 'cluster-architecture', { conflicts: ['taint'] }),
      task('taint', 'workloads-scheduling'),
      task('spread', 'workloads-scheduling', { conflicts: ['drain'] }),
      task('other', 'troubleshooting'),
    ];
    for (let seed = 1; seed < 40; seed++) {
      const ids = drawExam(catalogue, { count: 4, seed, capabilities: all }).tasks.map((t) => t.task.id);
      expect(ids.includes('drain') && (ids.includes('taint') || ids.includes('spread'))).toBe(false);
      expect(ids.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('puts a task that rolls the cluster back first', () => {
    const catalogue = [...full, task('etcd-restore', 'cluster-architecture', { requires: ['etcd', 'etcdRestore'] })];
    for (let seed = 1; seed < 30; seed++) {
      const ids = drawExam(catalogue, { count: 60, seed, capabilities: all }).tasks.map((t) => t.task.id);
      expect(ids[0]).toBe('etcd-restore');
    }
  });

  it('draws from the real catalogue on the embedded engine without conflicts', async () => {
    const { tasks } = await loadCatalogue();
    const draw = drawExam(tasks, { count: 17, seed: 2026, capabilities: embedded });
    const ids = draw.tasks.map((t) => t.task.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of draw.tasks) for (const c of t.task.conflicts) expect(ids).not.toContain(c);
    expect(draw.tasks.reduce((a, t) => a + t.weight, 0)).toBe(100);
  });
});

describe('setupOrder', () => {
  it('sets up node-changing tasks after the others, and the snapshot-and-rollback task last', () => {
    const restore = task('restore', 'cluster-architecture', { requires: ['etcd', 'etcdRestore'] });
    const cordon = task('cordon', 'cluster-architecture', { owns: { objects: [], nodeLabels: [], nodeTaints: [], cordon: ['w1'], files: [] } });
    const plain = task('plain', 'storage');
    const taint = task('taint', 'workloads-scheduling', { owns: { objects: [], nodeLabels: [], nodeTaints: [{ node: 'w2', key: 'k' }], cordon: [], files: [] } });
    expect(setupOrder([restore, cordon, plain, taint]).map((t) => t.id)).toEqual(['plain', 'cordon', 'taint', 'restore']);
  });
});

describe('apportion and percentages', () => {
  it('never gives a domain more than it has, and hands the rest on', () => {
    const weights = new Map<Domain, number>([['troubleshooting', 30], ['storage', 10]]);
    const capacity = new Map<Domain, number>([['troubleshooting', 2], ['storage', 10]]);
    expect(Object.fromEntries(apportion(10, weights, capacity))).toEqual({ troubleshooting: 2, storage: 8 });
  });

  it('gives integer percentages that add up to 100', () => {
    expect(percentages([5, 5, 5])).toEqual([34, 33, 33]);
    expect(percentages([7, 3])).toEqual([70, 30]);
    expect(percentages([0, 0])).toEqual([0, 0]);
  });
});

describe('exam codes', () => {
  it('round-trip seed, count, capabilities and catalogue mark in 10 characters', () => {
    const code = { seed: 0xdeadbeef, count: 17, capabilities: embedded, catalogueMark: 0x65 };
    const text = formatExamCode(code);
    expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(parseExamCode(text)).toEqual(code);
    expect(parseExamCode(text.toLowerCase().replace('-', ' '))).toEqual(code);
  });

  it('reads I, L and O as 1, 1 and 0 as Crockford base32 does', () => {
    const text = formatExamCode({ seed: 1, count: 3, capabilities: all, catalogueMark: 0 });
    expect(parseExamCode(text.replace(/1/g, 'l').replace(/0/g, 'O'))).toEqual(parseExamCode(text));
  });

  it('rejects what is not a code, saying why', () => {
    expect(() => parseExamCode('ABC')).toThrow(/has 3 characters instead of 10/);
    expect(() => parseExamCode('ABCDE-FGHU1')).toThrow(/'U' is not one of its characters/);
  });

  it('marks the catalogue by what a draw depends on', () => {
    const base = catalogueMark(full);
    expect(catalogueMark([...full].reverse())).toBe(base);
    const changed = full.map((t, i) => (i === 0 ? { ...t, weight: 9 } : t));
    const marks = new Set([base, catalogueMark(changed), catalogueMark(full.slice(1))]);
    expect(marks.size).toBeGreaterThan(1);
  });
});
