/**
 * Container image references compared as the runtime resolves them: `nginx:1.27`,
 * `docker.io/nginx:1.27` and `docker.io/library/nginx:1.27` are one image; no tag means latest.
 */
export function normalizeImage(reference: string): string {
  let ref = reference.trim();
  let digest = '';
  const at = ref.indexOf('@');
  if (at >= 0) {
    digest = ref.slice(at);
    ref = ref.slice(0, at);
  }
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  let tag = '';
  if (colon > lastSlash) {
    tag = ref.slice(colon + 1);
    ref = ref.slice(0, colon);
  }
  const parts = ref.split('/');
  const first = parts[0] ?? '';
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first : 'docker.io';
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  let path = hasRegistry ? parts.slice(1).join('/') : ref;
  if (registry === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (tag === '' && digest === '') tag = 'latest';
  return `${registry}/${path}${tag === '' ? '' : `:${tag}`}${digest}`;
}

export function sameImage(a: string, b: string): boolean {
  return normalizeImage(a) === normalizeImage(b);
}
