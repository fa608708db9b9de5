import type { KubeConfig } from '@kubernetes/client-node';
import type { AccessQuery, ClusterReader, KubeObject, ListQuery } from '../../core/grading/reader.js';
import type { ObjectRef } from '../../core/tasks/model.js';
import { ApiRequestError, requestJson } from './raw.js';
import { ResourceResolver } from './resources.js';

export type ApiReader = Pick<ClusterReader, 'get' | 'list' | 'canI'>;

function isKubeObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads through the API as raw JSON. Lists are memoised for the life of the reader (one grading
 * run), so checks that share a list (nodes, ReplicaSets) read it once.
 */
export function createApiReader(kc: KubeConfig, resolver = new ResourceResolver(kc)): ApiReader {
  const lists = new Map<string, Promise<KubeObject[]>>();
  return {
    async get(ref: ObjectRef) {
      try {
        // A kind the cluster does not serve (a custom resource whose CRD is not there yet) has no objects.
        const path = await resolver.path(ref.apiVersion, ref.kind, ref.namespace, ref.name);
        const body = (await requestJson(kc, 'GET', path)).body;
        return isKubeObject(body) ? body : undefined;
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 404) return undefined;
        throw error;
      }
    },
    list(query: ListQuery) {
      const key = JSON.stringify(query);
      let entry = lists.get(key);
      if (entry === undefined) {
        entry = (async () => {
          const path = await resolver.path(query.apiVersion, query.kind, query.namespace);
          const qs = query.labelSelector === undefined ? '' : `?labelSelector=${encodeURIComponent(query.labelSelector)}`;
          const body = (await requestJson(kc, 'GET', `${path}${qs}`)).body;
          const listed = isKubeObject(body) && Array.isArray(body['items']) ? body['items'] : [];
          return listed.filter(isKubeObject);
        })();
        entry.catch(() => lists.delete(key));
        lists.set(key, entry);
      }
      return entry;
    },
    async canI(query: AccessQuery) {
      const body = {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: {
          ...(query.user === undefined ? {} : { user: query.user }),
          groups: query.groups,
          resourceAttributes: {
            verb: query.verb,
            resource: query.resource,
            group: query.group,
            ...(query.subresource === undefined ? {} : { subresource: query.subresource }),
            ...(query.namespace === undefined ? {} : { namespace: query.namespace }),
            ...(query.name === undefined ? {} : { name: query.name }),
          },
        },
      };
      const response = (await requestJson(kc, 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', { body })).body;
      const status = isKubeObject(response) && isKubeObject(response['status']) ? response['status'] : {};
      return { allowed: status['allowed'] === true, reason: typeof status['reason'] === 'string' ? status['reason'] : '' };
    },
  };
}
