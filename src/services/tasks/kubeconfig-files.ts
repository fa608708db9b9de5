/**
 * Kubeconfig files a task hands the user: the current context's cluster and credentials as one
 * standalone file, broken the way the task says, for the user to repair; and the probe that
 * grades the repair as `kubectl --kubeconfig <file> get nodes` would, on this machine.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { ApiRequestError, requestJson } from '../../adapters/kube/raw.js';
import { refusesConnections } from '../../adapters/net/ports.js';
import { readTextIfExists } from '../../adapters/store/files.js';
import { ClusterError } from '../../core/errors.js';
import type { KubeconfigProbe } from '../../core/grading/reader.js';
import type { SetupStep } from '../../core/tasks/model.js';

type KubeconfigStep = Extract<SetupStep, { kubeconfig: unknown }>['kubeconfig'];

async function base64Of(data: string | undefined, file: string | undefined): Promise<string | undefined> {
  if (data !== undefined && data !== '') return data;
  if (file !== undefined && file !== '') return (await readFile(file)).toString('base64');
  return undefined;
}

/** A port near the real one where nothing listens: 10 below first, as 6433 is for 6443. */
async function closedPortNear(host: string, port: number): Promise<number> {
  for (const candidate of [port - 10, port + 10, port - 1, port + 1, port - 100]) {
    if (candidate > 0 && candidate < 65536 && (await refusesConnections(candidate, host))) return candidate;
  }
  throw new ClusterError(`No closed port was found near ${host}:${port} to break the kubeconfig with.`);
}

/** Writes the task's broken kubeconfig and the cluster's CA certificate beside it. */
export async function writeBrokenKubeconfig(kc: KubeConfig, taskId: string, step: KubeconfigStep): Promise<void> {
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (cluster === null || user === null) throw new ClusterError(`Task ${taskId} copies the current context, and context ${kc.getCurrentContext()} names no cluster or no user.`);
  const ca = await base64Of(cluster.caData, cluster.caFile);
  if (ca === undefined) {
    throw new ClusterError(`Task ${taskId} needs the cluster's CA certificate, and context ${kc.getCurrentContext()} has none (it skips TLS verification).`);
  }
  const cert = await base64Of(user.certData, user.certFile);
  const key = await base64Of(user.keyData, user.keyFile);
  const credentials = cert !== undefined && key !== undefined ? { 'client-certificate-data': cert, 'client-key-data': key }
    : user.token !== undefined && user.token !== '' ? { token: user.token }
    : undefined;
  if (credentials === undefined) {
    throw new ClusterError(`Task ${taskId} copies the current context's credentials into a file, and context ${kc.getCurrentContext()} authenticates neither by client certificate nor by token.`);
  }
  const server = new URL(cluster.server);
  if (step.breaks.includes('server-port')) {
    const port = Number(server.port === '' ? (server.protocol === 'http:' ? 80 : 443) : server.port);
    server.port = String(await closedPortNear(server.hostname, port));
  }
  const trust = step.breaks.includes('ca-path') ? { 'certificate-authority': join(dirname(step.path), 'pki', 'ca.crt') } : { 'certificate-authority-data': ca };
  const document = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'practice', cluster: { server: server.toString().replace(/\/$/, ''), ...trust } }],
    users: [{ name: 'practice-admin', user: credentials }],
    contexts: [{ name: 'practice-admin@practice', context: { cluster: 'practice', user: 'practice-admin' } }],
    'current-context': 'practice-admin@practice',
  };
  await mkdir(dirname(step.path), { recursive: true });
  await mkdir(dirname(step.caFile), { recursive: true });
  await writeFile(step.caFile, Buffer.from(ca, 'base64'));
  await writeFile(step.path, stringify(document), { mode: 0o600 });
  // An earlier setup's file keeps its mode through writeFile: credentials stay the user's own.
  await chmod(step.path, 0o600);
}

/** Node's codes for a server certificate that the trusted CAs do not vouch for. */
const tlsTrustCodes = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_SIGNATURE_FAILURE']);

function failureText(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  if (error instanceof ApiRequestError) {
    if (error.status === 401) return 'the API server does not accept its credentials (401 Unauthorized)';
    if (error.status !== undefined) return `the API server answered ${error.message.replace(/^GET \S+: /, '')}`;
    if (error.reason !== undefined && tlsTrustCodes.has(error.reason)) {
      return `the API server's certificate is not signed by the certificate authority it trusts (${error.message.replace(/^GET \S+: /, '')})`;
    }
    if (error.reason === 'ECONNREFUSED') return `nothing listens at its server (${error.message.replace(/^GET /, '').replace(/: connect ECONNREFUSED.*$/, '')}: connection refused)`;
    return error.message.replace(/^GET /, '');
  }
  const message = error instanceof Error ? error.message : String(error);
  // client-node sometimes passes the fs error on as a new Error, without its code.
  const missing = /ENOENT: no such file or directory, open '([^']+)'/.exec(message);
  if (missing !== null) return `a file it names does not exist (no such file or directory, open '${missing[1] ?? ''}')`;
  if (code === 'ENOENT') return `a file it names does not exist (${message.replace(/^(Error: )?ENOENT: /, '')})`;
  return message.replace(/^Error: /, '');
}

/** The kubeconfig at path as kubectl reads it, and whether `get nodes` works with it. */
export async function probeKubeconfig(path: string): Promise<KubeconfigProbe | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  const kc = new KubeConfig();
  try {
    // As loadFromFile does, without reading the file again: relative paths are the file's directory's, as for kubectl.
    kc.loadFromString(text);
    kc.makePathsAbsolute(dirname(path));
  } catch (error) {
    return { currentContext: undefined, server: undefined, insecure: false, error: `it is not a valid kubeconfig (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  const cluster = kc.getCurrentCluster();
  const facts = { currentContext: kc.getCurrentContext() || undefined, server: cluster?.server, insecure: cluster?.skipTLSVerify === true };
  if (cluster === null) return { ...facts, error: `its current context (${facts.currentContext ?? 'none'}) names no cluster it defines` };
  try {
    await requestJson(kc, 'GET', '/api/v1/nodes?limit=1', { timeoutMs: 5_000 });
    return { ...facts, error: undefined };
  } catch (error) {
    return { ...facts, error: failureText(error) };
  }
}
