import { request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface RawResponse {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** A failed request to the API server: HTTP status when there was an answer, the socket error when not. */
export class ApiRequestError extends Error {
  readonly status: number | undefined;
  readonly reason: string | undefined;
  constructor(message: string, status: number | undefined, reason: string | undefined) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.reason = reason;
  }
}

/**
 * client-node gives every request a new agent, so a new TLS connection; a grading run makes dozens
 * of small reads, and a kept-alive connection makes each about 3× cheaper. One agent per kubeconfig:
 * its pool is keyed by the TLS options too, and idle sockets do not keep the process alive.
 */
const keepAliveAgents = new WeakMap<KubeConfig, HttpsAgent>();

function keepAliveAgent(kc: KubeConfig): HttpsAgent {
  let agent = keepAliveAgents.get(kc);
  if (agent === undefined) {
    agent = new HttpsAgent({ keepAlive: true, maxSockets: 8, timeout: 30_000 });
    keepAliveAgents.set(kc, agent);
  }
  return agent;
}

/**
 * One request to the API server with the credentials of the kubeconfig (certs, tokens, exec
 * plugins, all through client-node), answering raw JSON: checks read objects as the server
 * serialises them, not as a typed model happens to keep them.
 */
export async function requestJson(
  kc: KubeConfig,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: { body?: unknown; timeoutMs?: number; contentType?: string; accept?: string } = {},
): Promise<RawResponse> {
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new ApiRequestError('the kubeconfig has no current cluster', undefined, undefined);
  const url = new URL(path, cluster.server.endsWith('/') ? cluster.server : `${cluster.server}/`);
  // A server URL with a path prefix (rancher, proxies) keeps its prefix.
  url.pathname = `${new URL(cluster.server).pathname.replace(/\/$/, '')}${path.split('?')[0] ?? ''}`;
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const requestOptions: RequestOptions = {
    method,
    headers: {
      Accept: options.accept ?? 'application/json',
      ...(payload === undefined ? {} : { 'Content-Type': options.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
    },
  };
  await kc.applyToHTTPSOptions(requestOptions);
  // Through a proxy, keep the proxy agent client-node chose.
  if (url.protocol === 'https:' && cluster.proxyUrl === undefined) requestOptions.agent = keepAliveAgent(kc);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const attempt = (mayRetry: boolean): Promise<RawResponse> => new Promise<RawResponse>((resolve, reject) => {
    const req = send(url, requestOptions, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = undefined;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          body = undefined;
        }
        const status = res.statusCode ?? 0;
        if (status >= 400) {
          const message = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : text.slice(0, 200);
          const reason = typeof body === 'object' && body !== null && 'reason' in body ? String(body.reason) : undefined;
          reject(new ApiRequestError(`${method} ${path}: ${status} ${message}`, status, reason));
          return;
        }
        resolve({ status, body, text });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    req.on('error', (error) => {
      const code = 'code' in error ? String(error.code) : undefined;
      // A kept-alive connection the server closed as it was reused: a read is safe to send again.
      if (mayRetry && method === 'GET' && req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) {
        resolve(attempt(false));
        return;
      }
      reject(new ApiRequestError(`${method} ${url.host}: ${error.message}`, undefined, code));
    });
    if (payload !== undefined) req.write(payload);
    req.end();
  });
  return attempt(true);
}
