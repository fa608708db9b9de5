import { UsageError } from '../errors.js';
import { closestMatches } from '../suggest.js';
import type { Catalogue } from './catalogue.js';
import { isDomain } from './catalogue.js';
import type { Task } from './model.js';

/** What `drill <what>` names: a task id, a domain, or a topic; the tasks it stands for. */
export function tasksMatching(catalogue: Catalogue, what: string): { kind: 'task' | 'domain' | 'topic'; tasks: Task[] } {
  const task = catalogue.tasks.find((t) => t.id === what);
  if (task !== undefined) return { kind: 'task', tasks: [task] };
  if (isDomain(what)) return { kind: 'domain', tasks: catalogue.tasks.filter((t) => t.domain === what) };
  const byTopic = catalogue.tasks.filter((t) => t.topics.includes(what));
  if (byTopic.length > 0) return { kind: 'topic', tasks: byTopic };
  const names = [...new Set([...catalogue.tasks.map((t) => t.id), ...catalogue.tasks.map((t) => t.domain), ...catalogue.tasks.flatMap((t) => t.topics)])];
  const near = closestMatches(what, names);
  throw new UsageError(`'${what}' is not a task id, a domain or a topic.${near.length === 0 ? '' : ` Did you mean ${near.map((n) => `'${n}'`).join(' or ')}?`}`, {
    hint: "Run 'cka-lab list' for ids and domains.",
  });
}
