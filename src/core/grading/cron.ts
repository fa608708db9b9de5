/**
 * Cron schedules read as the CronJob controller reads them (robfig/cron v3, ParseStandard): five
 * fields or a descriptor, expanded to the times they fire, so spellings of one schedule compare
 * equal (*\/5 = 0-59/5 = 0/5 = 0,5,…,55) and a different one is told by the field that differs.
 */

export class CronError extends Error {}

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const monthNames = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const weekdayNames = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const fieldBounds: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: monthNames },
  { min: 0, max: 6, names: weekdayNames },
];

const descriptors: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface CronSchedule {
  /** The five fields, a descriptor written out. */
  readonly fields: readonly string[];
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly months: readonly number[];
  /** Whether it fires on each (day of month 1-31, day of week 0-6) pair, day of month first. */
  readonly days: readonly boolean[];
}

interface FieldValues {
  readonly values: ReadonlySet<number>;
  /** `*` or `?` without a step: a restricted day-of-month and day-of-week are then OR-ed. */
  readonly star: boolean;
}

function number(text: string, names: Bounds['names'], expr: string): number {
  const named = names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^[+-]?\d+$/.test(text)) throw new CronError(`${JSON.stringify(text)} is not a number (in ${expr})`);
  const value = Number(text);
  if (value < 0) throw new CronError(`negative number ${value} (in ${expr})`);
  return value;
}

function parseField(text: string, bounds: Bounds): FieldValues {
  const values = new Set<number>();
  let star = false;
  for (const expr of text.split(',').filter((r) => r !== '')) {
    const [range = '', step, ...extraSlashes] = expr.split('/');
    if (extraSlashes.length > 0) throw new CronError(`too many slashes in ${expr}`);
    const lowHigh = range.split('-');
    let start: number;
    let end: number;
    let all = false;
    if (lowHigh[0] === '*' || lowHigh[0] === '?') {
      [start, end, all] = [bounds.min, bounds.max, true];
    } else {
      if (lowHigh.length > 2) throw new CronError(`too many hyphens in ${expr}`);
      start = number(lowHigh[0] ?? '', bounds.names, expr);
      end = lowHigh[1] === undefined ? start : number(lowHigh[1], bounds.names, expr);
    }
    let every = 1;
    if (step !== undefined) {
      every = number(step, undefined, expr);
      // "N/step" means N to the field's maximum.
      if (lowHigh.length === 1) end = bounds.max;
      if (every > 1) all = false;
    }
    if (start < bounds.min || end > bounds.max) throw new CronError(`${expr} is outside ${bounds.min}-${bounds.max}`);
    if (start > end) throw new CronError(`${expr} begins after it ends`);
    if (every === 0) throw new CronError(`${expr} has a step of 0`);
    for (let i = start; i <= end; i += every) values.add(i);
    star ||= all;
  }
  return { values, star };
}

/** The times a CronJob schedule fires; throws CronError for what the controller would not run on fixed times. */
export function parseCron(schedule: string): CronSchedule {
  const trimmed = schedule.trim();
  if (/^(CRON_)?TZ=/.test(trimmed)) throw new CronError('a time zone belongs in spec.timeZone, not in the schedule');
  if (trimmed.startsWith('@every ')) throw new CronError('@every fires at intervals counted from when the controller started, not at set minutes');
  const written = trimmed.startsWith('@') ? descriptors[trimmed] : trimmed;
  if (written === undefined) throw new CronError(`unknown descriptor ${trimmed}`);
  const fields = written.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronError(`expected 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, fieldBounds[i] ?? { min: 0, max: 0 })) as [FieldValues, FieldValues, FieldValues, FieldValues, FieldValues];
  const days: boolean[] = [];
  for (let d = 1; d <= 31; d++) {
    for (let w = 0; w <= 6; w++) {
      const [onDate, onWeekday] = [dom.values.has(d), dow.values.has(w)];
      days.push(dom.star || dow.star ? onDate && onWeekday : onDate || onWeekday);
    }
  }
  const sorted = (f: FieldValues): number[] => [...f.values].sort((a, b) => a - b);
  return { fields, minutes: sorted(minute), hours: sorted(hour), months: sorted(month), days };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** 0-23 for a run, 0, 5, 10 for the rest. */
function listText(values: readonly number[]): string {
  if (values.length === 0) return 'none';
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === (values[j] ?? 0) + 1) j++;
    parts.push(j - i >= 2 ? `${values[i]}-${values[j]}` : values.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/** How `actual` fires at other times than `expected`, field by field; empty when they fire alike. */
export function cronDifferences(actual: CronSchedule, expected: CronSchedule): string[] {
  const differences: string[] = [];
  const compare = (what: string, a: readonly number[], e: readonly number[]): void => {
    if (!sameList(a, e)) differences.push(`it fires at ${what} ${listText(a)}, expected ${listText(e)}`);
  };
  compare('minutes', actual.minutes, expected.minutes);
  compare('hours', actual.hours, expected.hours);
  compare('months', actual.months, expected.months);
  if (!sameList(actual.days, expected.days)) {
    differences.push(`it fires on other days (day of month ${actual.fields[2] ?? ''}, day of week ${actual.fields[4] ?? ''}; expected ${expected.fields[2] ?? ''}, ${expected.fields[4] ?? ''})`);
  }
  return differences;
}
