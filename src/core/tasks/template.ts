import type { ClusterProfile } from '../profile.js';

/** The values task texts may use as {{ name }}. Every task is checked against this list at load. */
export const templateVariables = [
  'controlPlane', 'worker1', 'worker2', 'context',
  'etcd.endpoint', 'etcd.cacert', 'etcd.cert', 'etcd.key', 'etcd.dataDir',
  'etcdctl', 'etcdutl', 'backupDir', 'nodeShell', 'engineConfig', 'restartEtcd', 'workDir',
] as const;
export type TemplateVariable = (typeof templateVariables)[number];
export type TemplateValues = Readonly<Record<TemplateVariable, string>>;

const placeholder = /\{\{\s*([\w.]+)\s*\}\}/g;

export function variablesIn(text: string): string[] {
  return [...text.matchAll(placeholder)].map((m) => m[1] ?? '');
}

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (templateVariables as readonly string[]).includes(name);
}

/** Fills {{ name }} placeholders; unknown names were rejected when the task was loaded. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(placeholder, (whole, name: string) => (isTemplateVariable(name) ? values[name] : whole));
}

/** Renders every string inside a plain data value (check and setup specs). */
export function renderDeep<T>(value: T, values: TemplateValues): T {
  if (typeof value === 'string') return renderTemplate(value, values) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => renderDeep(v, values)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, values)])) as T;
  }
  return value;
}

export interface EngineFacts {
  /** Where snapshot files go: a directory on the machine (embedded) or on the control-plane node. */
  readonly backupDir: string;
  /** The kwokctl configuration the user edits to point etcd at another data dir (embedded only). */
  readonly engineConfig: string;
  /** Where setup writes files for the user to work on (manifests, kustomizations): on this machine, where kubectl runs. */
  readonly workDir: string;
}

/** Template values for a cluster: node names by role, etcd access, how to reach the node. */
export function templateValues(profile: ClusterProfile, facts: EngineFacts): TemplateValues {
  const etcd = profile.etcd;
  const cp = profile.nodes.controlPlane[0] ?? 'the control-plane node';
  const exec = etcd?.runsIn === 'etcd-pod' ? `kubectl -n kube-system exec ${etcd.etcdPod ?? `etcd-${cp}`} -- ` : '';
  const access = profile.nodeAccess;
  const nodeShell =
    access.kind === 'local' ? 'a shell on this machine' :
    access.kind === 'container' ? `${access.runtime} exec -it ${access.container} bash` :
    access.kind === 'minikube-ssh' ? `minikube ssh -p ${access.profile} -n ${access.node}` : `ssh ${cp}`;
  return {
    controlPlane: cp,
    worker1: profile.nodes.workers[0] ?? 'the first worker node',
    worker2: profile.nodes.workers[1] ?? profile.nodes.workers[0] ?? 'the second worker node',
    context: profile.contextName,
    'etcd.endpoint': etcd?.endpoint ?? 'https://127.0.0.1:2379',
    'etcd.cacert': etcd?.caFile ?? '/etc/kubernetes/pki/etcd/ca.crt',
    'etcd.cert': etcd?.certFile ?? '/etc/kubernetes/pki/etcd/server.crt',
    'etcd.key': etcd?.keyFile ?? '/etc/kubernetes/pki/etcd/server.key',
    'etcd.dataDir': etcd?.dataDir ?? '/var/lib/etcd',
    etcdctl: `${exec}etcdctl`,
    etcdutl: `${exec}etcdutl`,
    backupDir: facts.backupDir,
    nodeShell,
    engineConfig: facts.engineConfig,
    restartEtcd: profile.engine === 'embedded' ? 'cka-lab cluster restart' : 'the kubelet restarts the etcd static Pod when its manifest changes',
    workDir: facts.workDir,
  };
}

/** `etcd.cacert` → `CKA_ETCD_CACERT`: how solution scripts receive the same values. */
export function envName(variable: TemplateVariable): string {
  return `CKA_${variable.replace(/\./g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

export function solutionEnv(values: TemplateValues): Record<string, string> {
  return Object.fromEntries(templateVariables.map((v) => [envName(v), values[v]]));
}

/**
 * A solution script as a person reads it: ${CKA_*} references replaced by this cluster's values,
 * without the shebang and `set -e...` line that only matter when a machine runs it.
 */
export function renderSolution(script: string, values: TemplateValues): string {
  const env = solutionEnv(values);
  return script
    .replace(/\$\{(CKA_[A-Z0-9_]+)\}|\$(CKA_[A-Z0-9_]+)/g, (whole, braced: string | undefined, bare: string | undefined) => env[braced ?? bare ?? ''] ?? whole)
    .replace(/^#!.*\n/, '')
    .replace(/^set -[a-z]+( pipefail)?\n/m, '')
    .trimEnd();
}

/** Values for showing a task when no cluster is reachable: the names read as placeholders. */
export const placeholderValues: TemplateValues = Object.fromEntries(templateVariables.map((v) => [v, `<${v}>`])) as unknown as TemplateValues;
