import type { Io } from '../../adapters/ui/io.js';
import { startProgress, withProgress } from '../../adapters/ui/progress.js';
import { timedMenu, type TimedChoice } from '../../adapters/ui/timed-menu.js';
import { saveCurrentExam, archiveCurrentExam } from '../../adapters/store/exam.js';
import { recordHistory } from '../../adapters/store/history.js';
import { InterruptedError } from '../../core/errors.js';
import { setupOrder, type ExamDraw } from '../../core/exam/draw.js';
import { applyExamAction, examWarnings, remainingMs, scoreExam, taskStatus, type ExamAction, type ExamScore, type ExamState, type ExamTarget } from '../../core/exam/session.js';
import { formatExamResult, formatTaskCard, taskListLine } from '../../core/format/exam.js';
import type { Catalogue } from '../../core/tasks/catalogue.js';
import { findTask } from '../../core/tasks/catalogue.js';
import type { Task } from '../../core/tasks/model.js';
import { renderTask, type TaskEnvironment } from '../tasks/environment.js';
import { gradeTasks, type GradeReport } from '../tasks/grade.js';
import { resetTask } from '../tasks/reset.js';
import { setupTask } from '../tasks/setup.js';

export interface ExamContext {
  readonly io: Io;
  readonly stateDir: string;
  readonly environment: TaskEnvironment;
  readonly catalogue: Catalogue;
  /** A line telling the user how to point kubectl at the exam's cluster. */
  readonly howToConnect: string;
  readonly now?: () => number;
  /** Asked once the results are shown: whether to remove the exam's tasks from the cluster. */
  readonly confirmCleanup?: () => Promise<boolean>;
}

export function newExamState(draw: ExamDraw, options: { id: string; code: string; seed: number; durationMinutes: number; target: ExamTarget }): ExamState {
  return {
    version: 1,
    id: options.id,
    code: options.code,
    seed: options.seed,
    durationMinutes: options.durationMinutes,
    target: options.target,
    notes: draw.notes,
    phase: 'setting-up',
    current: 0,
    tasks: draw.tasks.map(({ task, weight }) => ({ id: task.id, title: task.title, domain: task.domain, weight, setUp: false, visited: false, flagged: false })),
  };
}

type MenuAction = 'next' | 'previous' | 'jump' | 'flag' | 'again' | 'submit' | 'pause';

class ExamRun {
  private state: ExamState;
  private readonly now: () => number;
  private readonly tasks: Map<string, Task>;

  constructor(state: ExamState, private readonly ctx: ExamContext) {
    this.state = state;
    this.now = ctx.now ?? Date.now;
    this.tasks = new Map(state.tasks.map((t) => [t.id, renderTask(findTask(ctx.catalogue, t.id), ctx.environment.values)]));
  }

  private async apply(action: ExamAction): Promise<void> {
    this.state = applyExamAction(this.state, action);
    await saveCurrentExam(this.ctx.stateDir, this.state);
  }

  private task(id: string): Task {
    const task = this.tasks.get(id);
    if (task === undefined) throw new Error(`exam task ${id} is not in the catalogue`);
    return task;
  }

  async setUp(): Promise<void> {
    const pending = setupOrder(this.state.tasks.filter((t) => !t.setUp).map((t) => this.task(t.id)));
    if (pending.length > 0) {
      const total = this.state.tasks.length;
      await withProgress(this.ctx.io, `Setting up ${pending.length} exam task(s)`, 'Setting up the exam failed; run cka-lab exam --resume to try again (tasks already set up are kept)', async (progress) => {
        for (const task of pending) {
          const done = this.state.tasks.filter((t) => t.setUp).length;
          progress.step(`Setting up task ${done + 1} of ${total}: ${task.id}`);
          await setupTask(this.ctx.environment, task, progress);
          await this.apply({ type: 'task-set-up', id: task.id });
        }
      }, () => `All ${total} tasks are set up`);
    }
    await this.apply({ type: 'start', now: this.now() });
  }

  private showCurrent(): void {
    const { io } = this.ctx;
    const current = this.state.tasks[this.state.current];
    if (current === undefined) return;
    // One task at a time, as in the exam: clear the screen, keep the scrollback.
    if (io.interactive) io.stdout.write('\u001b[2J\u001b[H');
    io.stdout.write(formatTaskCard(this.state, this.task(current.id).prompt, io.style, this.ctx.howToConnect));
  }

  private deadline(): number {
    return this.state.deadline ?? this.now();
  }

  /** The navigation loop; returns when the exam is submitted or time is up. */
  async navigate(): Promise<'submitted' | 'time-up' | 'paused'> {
    const s = this.ctx.io.style;
    let reprint = true;
    for (;;) {
      if (remainingMs(this.state, this.now()) <= 0) return 'time-up';
      if (reprint) this.showCurrent();
      reprint = true;
      const index = this.state.current;
      const last = this.state.tasks.length - 1;
      const flagged = this.state.tasks[index]?.flagged === true;
      const choices: Array<TimedChoice<MenuAction>> = [
        { key: 'n', name: 'Next task', value: 'next', disabled: index >= last },
        { key: 'p', name: 'Previous task', value: 'previous', disabled: index === 0 },
        { key: 'j', name: 'Jump to a task (list with status)…', value: 'jump' },
        { key: 'f', name: flagged ? 'Remove the flag' : 'Flag for review', value: 'flag' },
        { key: 't', name: 'Show the task text again', value: 'again' },
        { key: 's', name: 'Submit the exam…', value: 'submit' },
        { key: 'q', name: 'Pause: leave now, resume later (the clock keeps running)', value: 'pause' },
      ];
      const answer = await this.ask(`Task ${index + 1}/${this.state.tasks.length}${flagged ? ' ⚑' : ''} — what next?`, choices);
      if (answer.kind === 'time-up') return 'time-up';
      switch (answer.value) {
        case 'next':
          await this.apply({ type: 'next' });
          break;
        case 'previous':
          await this.apply({ type: 'previous' });
          break;
        case 'flag':
          await this.apply({ type: 'toggle-flag' });
          break;
        case 'again':
          break;
        case 'jump': {
          const picked = await this.ask('Jump to which task?', [
            ...this.state.tasks.map((_, i) => ({ name: taskListLine(this.state, i, s), value: i })),
            { name: 'Back', value: -1, key: 'b' },
          ], this.state.current);
          if (picked.kind === 'time-up') return 'time-up';
          if (picked.value >= 0) await this.apply({ type: 'jump', index: picked.value });
          else reprint = false;
          break;
        }
        case 'submit': {
          const flaggedCount = this.state.tasks.filter((t) => t.flagged).length;
          const unseen = this.state.tasks.filter((t) => taskStatus(t) === 'not visited').length;
          const notes = [flaggedCount > 0 ? `${flaggedCount} flagged` : '', unseen > 0 ? `${unseen} never opened` : ''].filter((n) => n !== '').join(', ');
          const sure = await this.ask(`Submit the exam and grade every task now?${notes === '' ? '' : ` (${notes})`}`, [
            { name: 'No, go back', value: false, key: 'n' },
            { name: 'Yes, submit and grade', value: true, key: 'y' },
          ]);
          if (sure.kind === 'time-up') return 'time-up';
          if (sure.value) return 'submitted';
          reprint = false;
          break;
        }
        case 'pause':
          return 'paused';
      }
    }
  }

  private async ask<T>(message: string, choices: ReadonlyArray<TimedChoice<T>>, start?: number) {
    return timedMenu({ message, choices, deadline: this.deadline(), style: this.ctx.io.style, warnings: examWarnings.filter((m) => m < this.state.durationMinutes), ...(this.now === Date.now ? {} : { now: this.now }), ...(start === undefined ? {} : { start }) });
  }

  /** Grades every task; the exam is marked finished only once grading succeeded, so a failure can be resumed. */
  async finish(): Promise<{ score: ExamScore; grades: GradeReport[] }> {
    const { io, environment } = this.ctx;
    // One reader for all tasks, so the lists they share are read once.
    const grades = await withProgress(io, `Grading ${this.state.tasks.length} tasks`, 'Grading failed; your exam is saved: run cka-lab exam --resume to grade it again', () =>
      gradeTasks(environment, this.state.tasks.map((t) => findTask(this.ctx.catalogue, t.id))), (all) => `Graded ${all.length} tasks`);
    const finished = applyExamAction(this.state, { type: 'finish', now: this.now() });
    const score = scoreExam(finished, grades);
    this.state = finished;
    await archiveCurrentExam(this.ctx.stateDir, finished, { score, grades });
    await recordHistory(this.ctx.stateDir, 'exam', {
      id: finished.id, code: finished.code, percent: score.percent, passed: score.passed, passMark: score.passMark,
      timeUsedSeconds: Math.round(score.timeUsedMs / 1000), durationMinutes: finished.durationMinutes,
      byDomain: score.byDomain.map((d) => ({ domain: d.domain, score: d.earned, maxScore: d.weight })),
      tasks: score.tasks.map((t) => ({ id: t.id, weight: t.weight, earned: t.earned, score: t.score, maxScore: t.maxScore })),
      failedChecks: grades.flatMap((g) => g.checks.filter((c) => !c.passed).map((c) => ({ task: g.task, check: c.id }))),
    });
    io.stdout.write(`\n${formatExamResult(finished, score, grades, io.style)}`);
    return { score, grades };
  }

  async cleanUp(): Promise<void> {
    const { io, environment } = this.ctx;
    const tasks = [...setupOrder(this.state.tasks.map((x) => this.task(x.id)))].reverse();
    const progress = startProgress(io, `Resetting ${tasks[0]?.id ?? 'the exam tasks'}`);
    try {
      for (const [i, t] of tasks.entries()) {
        if (i > 0) progress.step(`Resetting ${t.id}`);
        await resetTask(environment, t, progress);
      }
      progress.succeed(`The ${tasks.length} exam tasks are removed and the nodes restored`);
    } catch (error) {
      progress.fail('Cleaning up failed; cka-lab reset <task> removes a task by hand');
      throw error;
    }
  }

  get current(): ExamState {
    return this.state;
  }
}

/**
 * Runs an exam from wherever its saved state is: setting up, running (the deadline is
 * wall-clock, so time spent away counts), or due for grading. Ctrl-C leaves it saved.
 */
export async function runExam(state: ExamState, ctx: ExamContext): Promise<ExamScore | 'paused'> {
  const run = new ExamRun(state, ctx);
  const { io } = ctx;
  const resumeHint = 'cka-lab exam --resume';
  try {
    if (run.current.phase === 'setting-up') await run.setUp();
    const outcome = remainingMs(run.current, (ctx.now ?? Date.now)()) <= 0 ? 'time-up' : await run.navigate();
    if (outcome === 'paused') {
      io.stdout.write(`\nExam saved. The clock keeps running; continue with: ${resumeHint}\n`);
      return 'paused';
    }
    if (outcome === 'time-up') io.stdout.write(`\n${io.style.red(io.style.bold('Time is up.'))} Grading your work as it stands.\n`);
  } catch (error) {
    if (error instanceof InterruptedError) {
      throw new InterruptedError(`Interrupted. Your exam is saved and its clock keeps running; continue with: ${resumeHint}`);
    }
    throw error;
  }
  const { score } = await run.finish();
  if (ctx.confirmCleanup !== undefined && (await ctx.confirmCleanup())) await run.cleanUp();
  return score;
}
