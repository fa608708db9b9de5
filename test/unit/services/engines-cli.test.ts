import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Progress } from '../../../src/adapters/ui/progress.js';
import { PrerequisiteError } from '../../../src/core/errors.js';
import { resolveLabPaths, type LabPaths } from '../../../src/core/paths.js';
import { kindDown, kindUp } from '../../../src/services/cluster/kind.js';
import { minikubeDown, minikubeUp } from '../../../src/services/cluster/minikube.js';

/**
 * How cka-lab drives the kind and minikube CLIs. Neither can run here (no Docker engine), so
 * each is replaced by a small shell script that records its arguments and keeps the one piece of
 * state the real CLI would report back (does the cluster exist). What is proven: the commands
 * and flags cka-lab sends, the 1 + 2 node layout, that `up` twice creates one cluster, that
 * kubeconfigs go to cka-lab's own files and never to ~/.kube/config, and the missing-CLI errors.
 */

let root: string;
let bin: string;
let paths: LabPaths;
let env: Record<string, string>;
const quiet: Progress = { step: () => undefined, detail: () => undefined, succeed: () => undefined, fail: () => undefined };

// Records "argv" and, for kind, the config file it was given; `exists` is the cluster's state.
const fakeKind = `#!/bin/sh
echo "kind $*" >> "$FAKE_LOG"
case "$1 $2" in
  "get clusters") [ -e "$FAKE_STATE/kind" ] && echo cka-lab; exit 0 ;;
  "create cluster")
    while [ $# -gt 0 ]; do
      case "$1" in
        --config) cp "$2" "$FAKE_STATE/kind-config.yaml"; shift ;;
        --kubeconfig) echo "kind-kubeconfig" > "$2"; shift ;;
      esac
      shift
    done
    touch "$FAKE_STATE/kind"; exit 0 ;;
  "export kubeconfig")
    while [ $# -gt 0 ]; do [ "$1" = --kubeconfig ] && echo "kind-kubeconfig" > "$2"; shift; done; exit 0 ;;
  "delete cluster") rm -f "$FAKE_STATE/kind"; exit 0 ;;
esac
exit 1
`;

const fakeMinikube = `#!/bin/sh
echo "minikube $* KUBECONFIG=$KUBECONFIG" >> "$FAKE_LOG"
case "$1" in
  status) [ -e "$FAKE_STATE/minikube" ] && { echo '[{"Name":"cka-lab","Host":"Running"}]'; exit 0; }; exit 7 ;;
  start) echo "minikube-kubeconfig" > "$KUBECONFIG"; touch "$FAKE_STATE/minikube"; exit 0 ;;
  update-context) exit 0 ;;
  profile) [ -e "$FAKE_STATE/minikube" ] && echo '{"invalid":[],"valid":[{"Name":"cka-lab"}]}' || echo '{"invalid":[],"valid":[]}'; exit 0 ;;
  delete) rm -f "$FAKE_STATE/minikube"; exit 0 ;;
esac
exit 1
`;

async function install(name: string, script: string): Promise<void> {
  await writeFile(join(bin, name), script);
  await chmod(join(bin, name), 0o755);
}

async function calls(): Promise<string[]> {
  const log = await readFile(env['FAKE_LOG'] ?? '', 'utf8').catch(() => '');
  return log.split('\n').filter((l) => l !== '');
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cka-lab-engines-'));
  bin = join(root, 'bin');
  await mkdir(bin);
  await mkdir(join(root, 'state'));
  await mkdir(join(root, 'home'));
  paths = resolveLabPaths({ CKA_LAB_CACHE_DIR: join(root, 'cache'), CKA_LAB_STATE_DIR: join(root, 'lab') }, 'linux', join(root, 'home'));
  await mkdir(join(root, 'lab'), { recursive: true });
  env = { PATH: `${bin}:/usr/bin:/bin`, HOME: join(root, 'home'), FAKE_LOG: join(root, 'calls.log'), FAKE_STATE: join(root, 'state') };
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('kind engine', () => {
  it('creates a 1 + 2 node cluster named cka-lab, kubeconfig in its own file', async () => {
    await install('kind', fakeKind);
    const result = await kindUp(paths, env, quiet);
    expect(result).toEqual({ action: 'created', kubeconfig: paths.kindKubeconfig });
    const create = (await calls()).find((c) => c.startsWith('kind create cluster'));
    expect(create).toContain('--name cka-lab');
    expect(create).toContain(`--kubeconfig ${paths.kindKubeconfig}`);
    const config = await readFile(join(root, 'state', 'kind-config.yaml'), 'utf8');
    expect(config.match(/role: control-plane/g)).toHaveLength(1);
    expect(config.match(/role: worker/g)).toHaveLength(2);
    expect(await readFile(paths.kindKubeconfig, 'utf8')).toBe('kind-kubeconfig\n');
  });

  it('up twice gives one cluster: the second exports the existing kubeconfig', async () => {
    await install('kind', fakeKind);
    await kindUp(paths, env, quiet);
    await rm(paths.kindKubeconfig);
    const again = await kindUp(paths, env, quiet);
    expect(again.action).toBe('already-running');
    expect((await calls()).filter((c) => c.startsWith('kind create'))).toHaveLength(1);
    expect(await readFile(paths.kindKubeconfig, 'utf8')).toBe('kind-kubeconfig\n');
  });

  it('down deletes the cluster and its kubeconfig; down again finds nothing to do', async () => {
    await install('kind', fakeKind);
    await kindUp(paths, env, quiet);
    expect(await kindDown(paths, env)).toBe(true);
    expect((await calls()).some((c) => c.startsWith('kind delete cluster --name cka-lab'))).toBe(true);
    await expect(readFile(paths.kindKubeconfig)).rejects.toThrow();
    expect(await kindDown(paths, env)).toBe(false);
  });

  it('without the kind command: a prerequisite error naming what to install and the embedded alternative', async () => {
    const error = await kindUp(paths, env, quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrerequisiteError);
    expect((error as PrerequisiteError).message).toBe("The kind engine needs the 'kind' command, which is not installed.");
    expect((error as PrerequisiteError).hint).toContain('cka-lab cluster up');
    expect(await kindDown(paths, env)).toBe(false);
  });
});

describe('minikube engine', () => {
  it('starts a 3-node profile cka-lab writing only cka-lab’s kubeconfig file', async () => {
    await install('minikube', fakeMinikube);
    const result = await minikubeUp(paths, env, quiet);
    expect(result).toEqual({ action: 'created', kubeconfig: paths.minikubeKubeconfig });
    const start = (await calls()).find((c) => c.startsWith('minikube start'));
    expect(start).toBe(`minikube start -p cka-lab --nodes 3 --wait all KUBECONFIG=${paths.minikubeKubeconfig}`);
    expect(await readFile(paths.minikubeKubeconfig, 'utf8')).toBe('minikube-kubeconfig\n');
  });

  it('up on a running profile only refreshes its context', async () => {
    await install('minikube', fakeMinikube);
    await minikubeUp(paths, env, quiet);
    const again = await minikubeUp(paths, env, quiet);
    expect(again.action).toBe('already-running');
    const log = await calls();
    expect(log.filter((c) => c.startsWith('minikube start'))).toHaveLength(1);
    expect(log.some((c) => c.startsWith('minikube update-context -p cka-lab'))).toBe(true);
  });

  it('down deletes the profile; down again finds nothing to do', async () => {
    await install('minikube', fakeMinikube);
    await minikubeUp(paths, env, quiet);
    expect(await minikubeDown(paths, env)).toBe(true);
    expect((await calls()).some((c) => c.startsWith('minikube delete -p cka-lab'))).toBe(true);
    expect(await minikubeDown(paths, env)).toBe(false);
  });

  it('without the minikube command: a prerequisite error with the embedded alternative', async () => {
    const error = await minikubeUp(paths, env, quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrerequisiteError);
    expect((error as PrerequisiteError).hint).toContain('cka-lab cluster up');
  });
});
