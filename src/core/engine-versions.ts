/**
 * The embedded engine's component versions live in one place: the Go module files under go/.
 * These helpers read them, so the build, the cache key and `cluster status` can never disagree.
 */

export interface EngineVersions {
  readonly kubernetes: string;
  readonly etcd: string;
  readonly kwok: string;
}

/** The version a go.mod requires for `module`, from a `require` line or block. */
export function requiredVersion(goMod: string, module: string): string | undefined {
  const escaped = module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^(?:require\\s+|\\s+)${escaped}\\s+(v[^\\s]+)`, 'm');
  return pattern.exec(goMod)?.[1];
}

/** A directory name for a set of binaries: changes whenever any version or module file changes. */
export function binariesKey(versions: EngineVersions, moduleDigest: string): string {
  return `k8s-${versions.kubernetes}_etcd-${versions.etcd}_kwok-${versions.kwok}_${moduleDigest.slice(0, 12)}`;
}

/** `v1.36.3` → { major: '1', minor: '36' } for the version ldflags Kubernetes' own build sets. */
export function kubernetesMajorMinor(version: string): { major: string; minor: string } {
  const match = /^v(\d+)\.(\d+)\./.exec(version);
  if (match?.[1] === undefined || match[2] === undefined) throw new Error(`not a Kubernetes version: ${version}`);
  return { major: match[1], minor: match[2] };
}

/** The programs the embedded engine runs or offers to the user, all built from Go modules. */
export const binaryNames = [
  'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl',
  'etcd', 'etcdctl', 'etcdutl', 'kwok', 'kwokctl',
] as const;
export type BinaryName = (typeof binaryNames)[number];
