import type { KubeConfig } from '@kubernetes/client-node';
import { requestJson, ApiRequestError } from './raw.js';

export interface ResourceInfo {
  readonly apiVersion: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

/**
 * Maps kinds to REST paths through the API server's discovery, once per group-version, so
 * checks work for any kind the cluster serves (CRDs included) without a hard-coded table.
 */
export class ResourceResolver {
  private readonly cache = new Map<string, Promise<Map<string, ResourceInfo>>>();

  constructor(private readonly kc: KubeConfig) {}

  private groupVersion(apiVersion: string): Promise<Map<string, ResourceInfo>> {
    let entry = this.cache.get(apiVersion);
    if (entry === undefined) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      entry = requestJson(this.kc, 'GET', path).then((response) => {
        const map = new Map<string, ResourceInfo>();
        const resources = (response.body as { resources?: Array<{ name: string; kind: string; namespaced: boolean }> } | undefined)?.resources ?? [];
        for (const r of resources) {
          if (r.name.includes('/')) continue;
          map.set(r.kind, { apiVersion, kind: r.kind, plural: r.name, namespaced: r.namespaced });
        }
        return map;
      });
      entry.catch(() => this.cache.delete(apiVersion));
      this.cache.set(apiVersion, entry);
    }
    return entry;
  }

  async resolve(apiVersion: string, kind: string): Promise<ResourceInfo> {
    let map: Map<string, ResourceInfo>;
    try {
      map = await this.groupVersion(apiVersion);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) throw new ApiRequestError(`the cluster does not serve ${apiVersion}`, 404, 'NotFound');
      throw error;
    }
    const info = map.get(kind);
    if (info === undefined) throw new ApiRequestError(`the cluster does not serve kind ${kind} in ${apiVersion}`, 404, 'NotFound');
    return info;
  }

  /** The REST path of a collection or, with a name, of one object. */
  async path(apiVersion: string, kind: string, namespace?: string, name?: string): Promise<string> {
    const info = await this.resolve(apiVersion, kind);
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const ns = info.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${base}${ns}/${info.plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
  }
}
