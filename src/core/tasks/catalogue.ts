import { UsageError } from '../errors.js';
import { closestMatches } from '../suggest.js';
import { domains, type Domain, type Task } from './model.js';

export interface Catalogue {
  readonly tasks: readonly Task[];
}

export function isDomain(value: string): value is Domain {
  return (domains as readonly string[]).includes(value);
}

/** The task with this id, or a usage error that names the nearest ids. */
export function findTask(catalogue: Catalogue, id: string): Task {
  const task = catalogue.tasks.find((t) => t.id === id);
  if (task !== undefined) return task;
  const near = closestMatches(id, catalogue.tasks.map((t) => t.id));
  throw new UsageError(`Unknown task '${id}'.${near.length === 0 ? '' : ` Did you mean ${near.map((n) => `'${n}'`).join(' or ')}?`}`, {
    hint: "Run 'cka-lab list' to see every task.",
  });
}

export function tasksInDomain(catalogue: Catalogue, domain: Domain): Task[] {
  return catalogue.tasks.filter((t) => t.domain === domain);
}
