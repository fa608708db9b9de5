import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isProcessAlive } from '../../src/adapters/exec/process.js';
import { portHolders } from '../../src/adapters/net/ports.js';

/**
 * Drives the built CLI through a whole life cycle of a second embedded cluster in its own state
 * dir (the shared cluster keeps the usual ports, so this one also proves the busy-port fallback).
 */
const cli = fileURLToPath(new URL('../../bin/cka-lab.js', import.meta.url));
let stateDir: string;

interface Result { code: number; stdout: string; stderr: string }

function cka(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: { ...process.env, CKA_LAB_STATE_DIR: stateDir, KUBECONFIG: '', NO_COLOR: '1' }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

interface StatusJson {
  profile: { engine: string; kubernetesVersion: string; etcd: { endpoint: string }; nodes: { controlPlane: string[]; workers: string[] } };
  readyNodes: number;
  processes: Array<{ component: string; pid: number; alive: boolean; rssBytes: number }>;
}

async function status(): Promise<StatusJson> {
  const result = await cka('cluster', 'status', '-o', 'json');
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as StatusJson;
}

const alive = isProcessAlive;

jest.setTimeout(120_000);

async function untilDead(pids: number[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * Listens on a port the killed etcd held. The kernel may still be tearing down the dead
 * process's sockets for a moment, so a refusal is retried; one that lasts names the holder.
 */
async function squat(port: number): Promise<Server> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const server: Server = createServer();
    const error = await new Promise<Error | undefined>((resolve) => {
      server.once('error', resolve);
      server.listen(port, '127.0.0.1', () => resolve(undefined));
    });
    if (error === undefined) return server;
    if (Date.now() > deadline) {
      const holders = await portHolders(port);
      throw new Error(`${error.message}; held by ${JSON.stringify(holders)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'cka-lab-state-'));
});

afterAll(async () => {
  await cka('cluster', 'down');
  await rm(stateDir, { recursive: true, force: true });
});

describe('cka-lab cluster up / status / env / down', () => {
  let pids: number[] = [];

  it('starts a cluster and says how to use it', async () => {
    const up = await cka('cluster', 'up');
    expect(up.stderr).not.toContain('    at ');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('kwok-cka-lab');
    expect(up.stdout).toContain('eval "$(cka-lab cluster env)"');
    expect(up.stderr).toMatch(/ports were busy/);
    const s = await status();
    expect(s.profile.engine).toBe('embedded');
    expect(s.profile.kubernetesVersion).toBe('v1.36.3');
    expect(s.readyNodes).toBe(3);
    expect(s.processes.map((p) => p.component).sort()).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok-controller']);
    expect(s.processes.every((p) => p.alive && p.rssBytes > 0)).toBe(true);
    pids = s.processes.map((p) => p.pid);
  });

  it('is idempotent: a second up keeps the same cluster and processes', async () => {
    const again = await cka('cluster', 'up');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('was already running');
    expect((await status()).processes.map((p) => p.pid)).toEqual(pids);
  });

  it('prints the exports for its own kubeconfig and tools, without touching ~/.kube/config', async () => {
    const env = await cka('cluster', 'env');
    expect(env.code).toBe(0);
    expect(env.stdout).toContain(`export KUBECONFIG=${join(stateDir, 'kubeconfig-embedded.yaml')}\n`);
    expect(env.stdout).toContain(`export PATH=${join(stateDir, 'bin')}:"$PATH"`);
    const kubeconfig = await readFile(join(stateDir, 'kubeconfig-embedded.yaml'), 'utf8');
    expect(kubeconfig).toContain('server: https://127.0.0.1:');
  });

  it('recovers from a crash: killed processes are restarted with the data kept', async () => {
    const before = await status();
    const apiserver = before.processes.find((p) => p.component === 'kube-apiserver');
    for (const p of before.processes) process.kill(p.pid, 'SIGKILL');
    const broken = await cka('cluster', 'status');
    expect(broken.code).toBe(3);
    expect(broken.stderr).toMatch(/^error: Cannot reach the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+/);
    expect(broken.stderr).not.toContain('    at ');
    const up = await cka('cluster', 'up');
    expect(up.code).toBe(0);
    expect(up.stderr).toContain('restarted');
    const after = await status();
    expect(after.readyNodes).toBe(3);
    expect(after.processes.find((p) => p.component === 'kube-apiserver')?.pid).not.toBe(apiserver?.pid);
  });

  it('refuses to restart onto a port another program took, and says what to do', async () => {
    const s = await status();
    for (const p of s.processes) process.kill(p.pid, 'SIGKILL');
    await untilDead(s.processes.map((p) => p.pid));
    const port = Number(new URL(s.profile.etcd.endpoint).port);
    const squatter = await squat(port);
    try {
      const up = await cka('cluster', 'up');
      expect({ code: up.code, stderr: up.stderr }).toEqual({
        code: 3,
        stderr: expect.stringMatching(new RegExp(`port ${port} \\(etcd\\) on 127\\.0\\.0\\.1 is now used by another program \\([^,]+, pid ${process.pid}\\)`)),
      });
      expect(up.stderr).toContain("hint: Stop that program, or recreate the cluster on free ports with 'cka-lab cluster down'");
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
    const again = await cka('cluster', 'up');
    expect({ code: again.code, stderr: again.code === 0 ? '' : again.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('down stops every process it started and leaves none behind', async () => {
    const s = await status();
    const down = await cka('cluster', 'down');
    expect({ code: down.code, stderr: down.stderr }).toEqual({ code: 0, stderr: '' });
    expect(down.stdout).toMatch(/Embedded cluster stopped: 5 process\(es\) ended, none left running/);
    for (const p of s.processes) expect(alive(p.pid)).toBe(false);
    const after = await cka('cluster', 'status');
    expect(after.code).toBe(3);
    expect(after.stderr).toContain('The embedded cluster is not running');
    expect((await cka('cluster', 'down')).stdout).toContain('nothing to do');
  });
});
