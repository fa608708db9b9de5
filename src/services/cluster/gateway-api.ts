/**
 * The Gateway API CRDs (standard channel) the embedded cluster serves, as an exam cluster does.
 * They come from the sigs.k8s.io/gateway-api module through the Go module proxy, pinned by
 * go/gateway-api/go.sum, and are cached beside the binaries; nothing is built.
 */
import { copyFile, mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCommand } from '../../adapters/exec/run.js';
import { requestJson } from '../../adapters/kube/raw.js';
import { readTextIfExists, writeFileAtomic } from '../../adapters/store/files.js';
import { packagePath } from '../../adapters/store/package-files.js';
import type { Progress } from '../../adapters/ui/progress.js';
import { requiredVersion } from '../../core/engine-versions.js';
import { FailureError } from '../../core/errors.js';
import type { LabPaths } from '../../core/paths.js';
import type { KubeConfig } from '@kubernetes/client-node';
import { requireGo } from './binaries.js';

type Env = Readonly<Record<string, string | undefined>>;

const gatewayModule = 'sigs.k8s.io/gateway-api';
const bundleAnnotation = 'gateway.networking.k8s.io/bundle-version';
const completeMarker = 'complete';

export async function gatewayApiVersion(): Promise<string> {
  const version = requiredVersion(await readFile(packagePath('go', 'gateway-api', 'go.mod'), 'utf8'), gatewayModule);
  if (version === undefined) throw new Error(`go/gateway-api/go.mod does not require ${gatewayModule}`);
  return version;
}

/** The cached CRD manifests, downloading the module first when they are not there. */
export async function ensureGatewayApiCrds(paths: LabPaths, env: Env, progress: Progress): Promise<string[]> {
  const version = await gatewayApiVersion();
  const dir = join(paths.binariesRoot, `gateway-api-${version}`);
  if ((await readTextIfExists(join(dir, completeMarker))) === undefined) {
    progress.detail(`downloading the Gateway API ${version} CRDs`);
    const { go } = await requireGo(env);
    const { stdout } = await runCommand(go, ['mod', 'download', '-json', gatewayModule], {
      cwd: packagePath('go', 'gateway-api'),
      env: { ...env, GOMODCACHE: paths.goModCache, GOTOOLCHAIN: env['GOTOOLCHAIN'] ?? 'local', GOFLAGS: '-mod=readonly' },
      describe: `go mod download ${gatewayModule}`,
    });
    const source = (JSON.parse(stdout) as { Dir?: string }).Dir;
    if (source === undefined) throw new FailureError(`go mod download ${gatewayModule} did not report where it put the module.`);
    const standard = join(source, 'config', 'crd', 'standard');
    const partial = `${dir}.partial`;
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { recursive: true });
    for (const name of (await readdir(standard)).sort()) {
      // The channel also ships a ValidatingAdmissionPolicy against downgrades: only CRDs are wanted.
      const text = await readFile(join(standard, name), 'utf8');
      if (name.endsWith('.yaml') && /^kind: CustomResourceDefinition$/m.test(text)) await copyFile(join(standard, name), join(partial, name));
    }
    await writeFileAtomic(join(partial, completeMarker), `${version}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(partial, dir);
  }
  return (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort().map((name) => join(dir, name));
}

const crdsPath = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/**
 * Applies the CRDs a cluster does not serve at this bundle version yet, and waits until the API
 * serves them; returns how many it applied. One metadata-only list tells what is there.
 */
export async function installGatewayApiCrds(kc: KubeConfig, files: readonly string[], progress: Progress): Promise<number> {
  const listed = (await requestJson(kc, 'GET', crdsPath, { accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json' })).body as
    { items?: Array<{ metadata?: { name?: string; annotations?: Record<string, string> } }> };
  const served = new Map((listed.items ?? []).map((item) => [item.metadata?.name ?? '', item.metadata?.annotations?.[bundleAnnotation]]));
  const crds = await Promise.all(files.map(async (file) => parse(await readFile(file, 'utf8')) as { metadata: { name: string; annotations?: Record<string, string> } }));
  const missing = crds.filter((crd) => served.get(crd.metadata.name) !== crd.metadata.annotations?.[bundleAnnotation]);
  if (missing.length === 0) return 0;
  progress.detail(`installing ${missing.length} Gateway API CRDs`);
  const deadline = Date.now() + 30_000;
  await Promise.all(missing.map(async (crd) => {
    const path = `${crdsPath}/${crd.metadata.name}`;
    await requestJson(kc, 'PATCH', `${path}?fieldManager=cka-lab&force=true`, { body: crd, contentType: 'application/apply-patch+yaml' });
    for (;;) {
      const current = (await requestJson(kc, 'GET', path)).body as { status?: { conditions?: Array<{ type?: string; status?: string }> } };
      if ((current.status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True')) return;
      if (Date.now() > deadline) throw new FailureError(`The API server did not establish ${crd.metadata.name} within 30 s.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }));
  return missing.length;
}
