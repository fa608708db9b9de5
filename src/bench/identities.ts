import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiRequestError, requestJson } from '../adapters/kube/raw.js';
import { asObject } from '../core/grading/reader.js';

/**
 * Read-only grader identities on a cluster, like a study group's: ServiceAccounts in one
 * namespace, each with a token, all bound to `view` plus the `cka-lab-grader` ClusterRole the
 * README gives (nodes, RBAC objects, PriorityClasses... and SubjectAccessReviews), written as one
 * kubeconfig file per identity. Used by the benchmark and the multi-cluster grading tests.
 */
export const graderNamespace = 'cka-lab-graders';
const graderRole = 'cka-lab-grader';

const graderRules = [
  { apiGroups: [''], resources: ['nodes', 'persistentvolumes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['gateway.networking.k8s.io'], resources: ['gateways', 'httproutes'], verbs: ['get', 'list'] },
  { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['get', 'list'] },
  { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
];

const labels = { 'app.kubernetes.io/managed-by': 'cka-lab', 'cka-lab.dev/purpose': 'grader-identities' };

async function apply(kc: KubeConfig, path: string, body: Record<string, unknown>): Promise<void> {
  const name = String(asObject(body['metadata'])['name']);
  await requestJson(kc, 'PATCH', `${path}/${name}?fieldManager=cka-lab-bench&force=true`, { body, contentType: 'application/apply-patch+yaml' });
}

export interface GraderIdentity {
  readonly name: string;
  readonly kubeconfigFile: string;
  readonly context: string;
}

/** The role, its bindings and `count` ServiceAccounts with a one-hour token each, as kubeconfig files in `dir`. */
export async function createGraderIdentities(kc: KubeConfig, count: number, dir: string, prefix = 'grader'): Promise<GraderIdentity[]> {
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error('the kubeconfig has no current cluster');
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  await apply(kc, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: graderNamespace, labels } });
  await apply(kc, `${rbac}/clusterroles`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: graderRole, labels }, rules: graderRules });
  const group = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `system:serviceaccounts:${graderNamespace}` };
  for (const [binding, role] of [[graderRole, graderRole], [`${graderRole}-view`, 'view']] as const) {
    await apply(kc, `${rbac}/clusterrolebindings`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: binding, labels }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }, subjects: [group] });
  }
  const caData = cluster.caData ?? (cluster.caFile === undefined ? undefined : (await readFile(cluster.caFile)).toString('base64'));
  await mkdir(dir, { recursive: true });
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
  return Promise.all(
    names.map(async (name) => {
      await apply(kc, `/api/v1/namespaces/${graderNamespace}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: graderNamespace, labels } });
      const response = await requestJson(kc, 'POST', `/api/v1/namespaces/${graderNamespace}/serviceaccounts/${name}/token`, {
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } },
      });
      const token = asObject(asObject(response.body)['status'])['token'];
      if (typeof token !== 'string') throw new Error(`no token issued for ServiceAccount ${graderNamespace}/${name}`);
      const context = `${name}@cka-lab`;
      const config = {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'cka-lab', cluster: { server: cluster.server, ...(caData === undefined ? { 'insecure-skip-tls-verify': true } : { 'certificate-authority-data': caData }) } }],
        users: [{ name, user: { token } }],
        contexts: [{ name: context, context: { cluster: 'cka-lab', user: name } }],
        'current-context': context,
      };
      const kubeconfigFile = join(dir, `${name}.yaml`);
      await writeFile(kubeconfigFile, stringify(config), { mode: 0o600 });
      return { name, kubeconfigFile, context };
    }),
  );
}

/** Removes the identities' namespace (and so their ServiceAccounts and tokens) and the bindings. */
export async function deleteGraderIdentities(kc: KubeConfig): Promise<void> {
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  for (const path of [`/api/v1/namespaces/${graderNamespace}`, `${rbac}/clusterrolebindings/${graderRole}`, `${rbac}/clusterrolebindings/${graderRole}-view`, `${rbac}/clusterroles/${graderRole}`]) {
    try {
      await requestJson(kc, 'DELETE', path);
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.status === 404)) throw error;
    }
  }
}
