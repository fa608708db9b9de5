import type { CommandGroupSpec, CommandSpec, OptionSpec } from './spec.js';

export const engineNames = ['embedded', 'kind', 'minikube'] as const;

export const globalOptions: readonly OptionSpec[] = [
  // Repeatable for 'grade', which grades several clusters; every other command refuses a second one.
  { name: 'kubeconfig', type: 'string', multiple: true, valueName: 'file', description: "Kubeconfig file to use, as with kubectl (default: $KUBECONFIG, else the embedded cluster); 'grade' takes several, or a directory" },
  { name: 'context', type: 'string', multiple: true, valueName: 'name', description: "Kubeconfig context to use, as with kubectl; 'grade' takes several" },
  { name: 'no-color', type: 'boolean', description: 'Plain output without colours (NO_COLOR is honoured too)' },
  { name: 'no-interactive', type: 'boolean', description: 'Never prompt: commands that need answers fail at once and name the flags to use' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show help' },
  { name: 'version', short: 'V', type: 'boolean', description: 'Show the version' },
];

const outputOption = (first: string, ...rest: string[]): OptionSpec => ({
  name: 'output', short: 'o', type: 'string', valueName: 'format', choices: [first, ...rest], default: first, description: 'Output format',
});

const taskArgument = { name: 'task', required: true, description: "A task id (see 'cka-lab list')" } as const;

const allowClusterOption: OptionSpec = {
  name: 'allow-cluster', type: 'boolean', description: 'Allow changes on a cluster that does not look like a practice cluster (not embedded, kind or minikube)',
};

export const commandGroups: readonly CommandGroupSpec[] = [
  { name: 'cluster', summary: 'Create, inspect and remove the practice cluster (embedded, kind or minikube)' },
];

export const commands: readonly CommandSpec[] = [
  {
    path: ['cluster', 'up'],
    summary: 'Start the practice cluster (builds the embedded engine on first use)',
    description:
      'Start the practice cluster: 1 control-plane node and 2 workers. The default engine, embedded, runs a real etcd, kube-apiserver, kube-controller-manager and kube-scheduler as local processes, with nodes simulated by KWOK: no Docker needed. Running it twice keeps the one cluster.',
    options: [
      { name: 'engine', type: 'string', choices: engineNames, default: 'embedded', description: 'Which engine runs the cluster' },
      { name: 'merge-kubeconfig', type: 'boolean', description: 'Also add the cluster to ~/.kube/config (never done otherwise)' },
    ],
    load: () => import('../commands/cluster/up.js'),
  },
  {
    path: ['cluster', 'down'],
    summary: 'Stop the practice cluster and every process it started',
    options: [{ name: 'engine', type: 'string', choices: engineNames, description: 'Which engine to stop (default: every engine that has a cka-lab cluster)' }],
    load: () => import('../commands/cluster/down.js'),
  },
  {
    path: ['cluster', 'status'],
    summary: 'Show the engine, version, nodes, API and etcd endpoints of the cluster in use',
    options: [outputOption('text', 'json')],
    load: () => import('../commands/cluster/status.js'),
  },
  {
    path: ['cluster', 'env'],
    summary: "Print 'export KUBECONFIG=...' for the embedded cluster (use: eval \"$(cka-lab cluster env)\")",
    options: [{ name: 'engine', type: 'string', choices: engineNames, default: 'embedded', description: 'Which engine\'s kubeconfig to print' }],
    load: () => import('../commands/cluster/env.js'),
  },
  {
    path: ['cluster', 'restart'],
    summary: "Restart the embedded cluster's processes with their current configuration (e.g. after pointing etcd at a restored data dir)",
    description:
      "Stops and starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok with the configuration in the cluster's kwok.yaml, as the kubelet restarts a static Pod whose manifest changed. Use it after editing etcd's --data-dir there to finish an etcd restore.",
    load: () => import('../commands/cluster/restart.js'),
  },
  {
    path: ['cluster', 'build'],
    summary: 'Build the embedded engine\'s binaries from Go modules (cluster up does this when needed)',
    options: [{ name: 'force', type: 'boolean', description: 'Rebuild even when the cached binaries are complete' }],
    load: () => import('../commands/cluster/build.js'),
  },
  {
    path: ['list'],
    summary: 'List the tasks of the catalogue, by CKA domain',
    options: [
      { name: 'domain', type: 'string', valueName: 'domain', description: 'Only this domain (cluster-architecture, workloads-scheduling, services-networking, storage, troubleshooting)' },
      outputOption('text', 'json'),
    ],
    load: () => import('../commands/tasks/list.js'),
  },
  {
    path: ['show'],
    summary: "Show a task's text, filled in for the cluster in use",
    args: [taskArgument],
    load: () => import('../commands/tasks/show.js'),
  },
  {
    path: ['setup'],
    summary: "Create a task's starting state on the cluster (idempotent)",
    args: [taskArgument],
    options: [allowClusterOption],
    load: () => import('../commands/tasks/setup.js'),
  },
  {
    path: ['grade'],
    summary: 'Grade tasks check by check, on one cluster or many at once (exit 0 only when every cluster passes)',
    description:
      "Grade the end state of tasks, check by check. Name the tasks, or none to grade every task set up on each cluster. Grade several clusters at once with --context and --kubeconfig repeated, a directory of kubeconfig files (one cluster each, its current context), or --all-contexts. A cluster passes when its total score over the graded tasks reaches --pass; one that cannot be reached is reported with the reason while the others are graded. Exit code: 0 when every cluster passed, 1 when one did not, 3 when one could not be graded.",
    args: [{ name: 'task', required: false, variadic: true, description: "Task ids (see 'cka-lab list'); none: every task set up on each cluster" }],
    options: [
      { name: 'output', short: 'o', type: 'string', valueName: 'format', choices: ['text', 'table', 'json', 'junit', 'tap'], description: 'Output format (default: text for one cluster, table for several)' },
      { name: 'pass', type: 'string', valueName: 'percent', description: 'Pass mark per cluster, in percent of its total score (default: 66; 100 when one task is named: solved or not)' },
      { name: 'kubeconfig-dir', type: 'string', multiple: true, valueName: 'dir', description: 'Grade every kubeconfig file in this directory (files not starting with a dot), each a cluster' },
      { name: 'all-contexts', type: 'boolean', description: 'Grade every context of each kubeconfig, not only its current one' },
      { name: 'exam', type: 'string', valueName: 'code', description: "Grade the tasks of an exam code (as 'cka-lab exam' shows it), weighted as the exam weighs them" },
      { name: 'concurrency', type: 'string', valueName: 'n', default: '8', description: 'How many clusters to grade at once' },
    ],
    load: () => import('../commands/tasks/grade.js'),
  },
  {
    path: ['reset'],
    summary: 'Remove what a task owns and restore the node state it changed',
    args: [taskArgument],
    options: [allowClusterOption],
    load: () => import('../commands/tasks/reset.js'),
  },
  {
    path: ['solution'],
    summary: "Print a task's reference solution, filled in for the cluster in use",
    args: [taskArgument],
    load: () => import('../commands/tasks/solution.js'),
  },
  {
    path: ['drill'],
    summary: 'Practise tasks one by one: set up, solve, grade with feedback, hints, solution, retry',
    description: 'Drill the tasks of a domain or topic (or one task): each is set up on the cluster, you solve it with kubectl in another terminal, then grade, ask for a hint or the solution, reset and retry, or move on. Without an argument, asks which domain.',
    args: [{ name: 'domain|topic|task', required: false, description: "A domain, a topic or a task id (see 'cka-lab list')" }],
    options: [{ name: 'weakest', type: 'boolean', description: 'Drill the tasks whose checks you failed most (from your history)' }, allowClusterOption],
    load: () => import('../commands/drill.js'),
  },
  {
    path: ['exam'],
    summary: 'A timed mock exam: ~17 tasks weighted like the CKA, a countdown, flags, a score and pass mark at the end',
    description: 'Draws tasks stratified by the CKA domain weights (rebalanced over what the catalogue and this cluster can run), sets them all up, then starts the clock. Move between tasks, flag them, submit when done or at 0:00: every task is graded check by check, with a per-domain chart and the pass mark (66%). The exam is saved after every step: after Ctrl-C, a closed terminal or a crash, --resume continues it with the time that is really left.',
    options: [
      { name: 'count', type: 'string', valueName: 'n', description: 'How many tasks (default 17)' },
      { name: 'duration', type: 'string', valueName: 'minutes', description: 'Time allowed (default 120)' },
      { name: 'seed', type: 'string', valueName: 'n', description: 'Draw the same exam again (with the same --count)' },
      { name: 'code', type: 'string', valueName: 'code', description: 'Take the exam an exam code names (shown at the start of every exam), e.g. for a study group' },
      { name: 'resume', type: 'boolean', description: 'Continue the exam in progress' },
      { name: 'abandon', type: 'boolean', description: 'Give up the exam in progress (its file is kept; its tasks stay on the cluster)' },
      allowClusterOption,
    ],
    load: () => import('../commands/exam.js'),
  },
  {
    path: ['exam', 'sheet'],
    summary: 'Print the task sheet of an exam code as Markdown (for a study group session)',
    args: [{ name: 'code', required: true, description: "An exam code, as 'cka-lab exam' shows it (e.g. 4K7QD-2M9XA)" }],
    load: () => import('../commands/exam-sheet.js'),
  },
  {
    path: ['quiz'],
    summary: 'A multiple-choice knowledge quiz over the CKA curriculum, with explanations (no cluster needed)',
    options: [
      { name: 'domain', type: 'string', valueName: 'domain', description: 'Only this domain (cluster-architecture, workloads-scheduling, services-networking, storage, troubleshooting)' },
      { name: 'count', type: 'string', valueName: 'n', default: '10', description: 'How many questions' },
      { name: 'time', type: 'string', valueName: 'minutes', description: 'A time limit for the whole quiz' },
      { name: 'seed', type: 'string', valueName: 'n', description: 'Draw the same questions in the same order again' },
    ],
    load: () => import('../commands/quiz.js'),
  },
  {
    path: ['history'],
    summary: 'Past exams, drills and quizzes: results, per-domain trend, the checks you fail most',
    options: [outputOption('text', 'json')],
    load: () => import('../commands/history.js'),
  },
  {
    path: ['stats'],
    summary: "The same as 'history'",
    options: [outputOption('text', 'json')],
    load: () => import('../commands/history.js'),
  },
  {
    path: ['doctor'],
    summary: 'Check what cka-lab needs (Node, Go, binaries, kind/minikube, the cluster) and how to fix what is missing',
    options: [
      { name: 'engine', type: 'string', choices: engineNames, description: 'Engine to check for (default: the one in use)' },
      outputOption('text', 'json'),
    ],
    load: () => import('../commands/doctor.js'),
  },
];
