/**
 * The Gateway API CRDs (standard channel) the embedded cluster serves, as an exam cluster does.
 * They come from the sigs.k8s.io/gateway-api module through the Go module proxy, pinned by
 * go/gateway-api/go.sum, and are cached beside the binaries; nothing is built.
 */
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCommand } from '../../adapters/exec/run.js';
import { requestJson } from '../../adapters/kube/raw.js';
import { readTextIfExists, writeFileAtomic } from '../../adapters/store/files.js';
import { packagePath } from '../../adapters/store/package-files.js';
import type { Progress } from '../../adapters/ui/progress.js';
import { requiredVersion } from '../../core/engine-versions.js';
import { FailureError } from '../../core/errors.js';
import type { LabPaths } from '../../core/paths.js';
import type { KubeConfig } from '@kubernetes/client-node';
import { goEnvironment, requireGo, withBuildLock } from './binaries.js';

type Env = Readonly<Record<string, string | undefined>>;

const gatewayModule = 'sigs.k8s.io/gateway-api';
const bundleAnnotation = 'gateway.networking.k8s.io/bundle-version';
const cacheFile = 'crds.json';

export async function gatewayApiVersion(): Promise<string> {
  const version = requiredVersion(await readFile(packagePath('go', 'gateway-api', 'go.mod'), 'utf8'), gatewayModule);
  if (version === undefined) throw new Error(`go/gateway-api/go.mod does not require ${gatewayModule}`);
  return version;
}

type Crd = { readonly metadata: { readonly name: string; readonly annotations?: Readonly<Record<string, string>> } };

/**
 * The CRD manifests, downloading the module first when the cache has none. They are cached as
 * one JSON file, parsed from YAML once: parsing the 1 MB of YAML takes ~0.3 s, too much for every
 * `cluster up`. The file is written last, so a download cut short is simply done again.
 */
export async function ensureGatewayApiCrds(paths: LabPaths, env: Env, progress: Progress): Promise<Crd[]> {
  const version = await gatewayApiVersion();
  const dir = join(paths.binariesRoot, `gateway-api-${version}`);
  const cached = join(dir, cacheFile);
  const read = async (): Promise<Crd[] | undefined> => {
    const text = await readTextIfExists(cached);
    return text === undefined ? undefined : (JSON.parse(text) as Crd[]);
  };
  const found = await read();
  if (found !== undefined) return found;
  return withBuildLock(`${dir}.lock`, () => progress.detail('another cka-lab process is downloading the Gateway API CRDs; waiting for it'), async () => {
    const again = await read();
    if (again !== undefined) return again;
    progress.detail(`downloading the Gateway API ${version} CRDs`);
    const { go } = await requireGo(env);
    const { stdout } = await runCommand(go, ['mod', 'download', '-json', gatewayModule], {
      cwd: packagePath('go', 'gateway-api'),
      env: goEnvironment(paths, env),
      describe: `go mod download ${gatewayModule}`,
    });
    const source = (JSON.parse(stdout) as { Dir?: string }).Dir;
    if (source === undefined) throw new FailureError(`go mod download ${gatewayModule} did not report where it put the module.`);
    const standard = join(source, 'config', 'crd', 'standard');
    const crds: Crd[] = [];
    for (const name of (await readdir(standard)).filter((n) => n.endsWith('.yaml')).sort()) {
      // The channel also ships a ValidatingAdmissionPolicy against downgrades: only CRDs are wanted.
      for (const document of parseAllDocuments(await readFile(join(standard, name), 'utf8'))) {
        const manifest = document.toJS() as (Crd & { kind?: string }) | null;
        if (manifest?.kind === 'CustomResourceDefinition') crds.push(manifest);
      }
    }
    // Whatever else is there (an older cache layout) goes.
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(cached, JSON.stringify(crds));
    return crds;
  });
}

const crdsPath = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/**
 * Applies the CRDs a cluster does not serve at this bundle version yet, and waits until the API
 * serves them; returns how many it applied. One metadata-only list tells what is there.
 */
export async function installGatewayApiCrds(kc: KubeConfig, crds: readonly Crd[], progress: Progress): Promise<number> {
  const listed = (await requestJson(kc, 'GET', crdsPath, { accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json' })).body as
    { items?: Array<{ metadata?: { name?: string; annotations?: Record<string, string> } }> };
  const served = new Map((listed.items ?? []).map((item) => [item.metadata?.name ?? '', item.metadata?.annotations?.[bundleAnnotation]]));
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
