import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeconfigProbe } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

const path = '/work/admin.kubeconfig';
const working: KubeconfigProbe = { currentContext: 'admin@practice', server: 'https://127.0.0.1:6443', insecure: false, error: undefined };
const verify = (probe: KubeconfigProbe | undefined, verified = false) =>
  evaluateCheck(
    { id: 'v', title: 'v', points: 1, spec: { verifier: { name: 'kubeconfigWorks', params: { path, ...(verified ? { verified } : {}) } } } },
    fakeReader({ objects: [], kubeconfigs: probe === undefined ? {} : { [path]: probe } }),
  );

describe('verifier kubeconfigWorks', () => {
  it('Given a kubeconfig that lists nodes with a verified server, passes and says where it points', async () => {
    expect(await verify(working, true)).toMatchObject({
      passed: true,
      message: "kubectl --kubeconfig /work/admin.kubeconfig get nodes works (its current context admin@practice points at https://127.0.0.1:6443, the server's certificate verified).",
    });
  });

  it('Given a kubeconfig that fails, says why and where it points', async () => {
    const refused = { ...working, server: 'https://127.0.0.1:6433', error: 'nothing listens at its server (127.0.0.1:6433: connection refused)' };
    expect((await verify(refused)).message).toBe(
      'kubectl --kubeconfig /work/admin.kubeconfig get nodes fails: nothing listens at its server (127.0.0.1:6433: connection refused) (its current context admin@practice points at https://127.0.0.1:6433).',
    );
  });

  it('Given a kubeconfig that works only by skipping TLS verification, passes unless verification is asked', async () => {
    const insecure = { ...working, insecure: true };
    expect((await verify(insecure)).passed).toBe(true);
    expect((await verify(insecure)).message).toContain("without checking the server's certificate");
    expect((await verify(insecure, true)).message).toMatch(/^\/work\/admin\.kubeconfig works only because it skips TLS verification \(insecure-skip-tls-verify: true\)/);
  });

  it('Given no file, says where it was looked for', async () => {
    expect((await verify(undefined)).message).toBe('/work/admin.kubeconfig does not exist (work files are read on the machine that runs cka-lab).');
  });
});
