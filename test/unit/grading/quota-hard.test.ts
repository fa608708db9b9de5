import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

const quota = (hard: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'team-quota', namespace: 'ns' }, spec: { hard } });
const hard = { pods: 5, 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' };
const verify = (objects: KubeObject[]) =>
  evaluateCheck({ id: 'v', title: 'v', points: 1, spec: { verifier: { name: 'quotaHard', params: { namespace: 'ns', name: 'team-quota', hard } } } }, fakeReader({ objects }));

describe('verifier quotaHard', () => {
  it('Given the values as the API serves them, in either spelling of a request, passes; other resources are allowed', async () => {
    expect(await verify([quota({ pods: '5', 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' })])).toMatchObject({ passed: true });
    expect(await verify([quota({ pods: '5', cpu: '1', memory: '1024Mi', 'limits.cpu': '2000m', 'limits.memory': '2Gi', services: '3' })])).toMatchObject({
      passed: true,
      message: 'ResourceQuota ns/team-quota sets pods=5, requests.cpu=1, requests.memory=1Gi, limits.cpu=2, limits.memory=2Gi (its hard limits: pods=5, cpu=1, memory=1024Mi, limits.cpu=2000m, limits.memory=2Gi, services=3).',
    });
  });

  it('Given a missing limit, a value in G for Gi, or two spellings that disagree, names each', async () => {
    expect((await verify([quota({ pods: '5', 'requests.cpu': '1', 'requests.memory': '1Gi' })])).message).toBe(
      'ResourceQuota ns/team-quota: limits.cpu is not set, expected 2; limits.memory is not set, expected 2Gi (its hard limits: pods=5, requests.cpu=1, requests.memory=1Gi).',
    );
    expect((await verify([quota({ pods: '5', cpu: '1', 'requests.cpu': '500m', 'limits.cpu': '2', 'limits.memory': '2G' })])).message).toBe(
      'ResourceQuota ns/team-quota: requests.cpu = 500m, expected 1; requests.memory (or memory) is not set, expected 1Gi; limits.memory = 2G, expected 2Gi (its hard limits: pods=5, cpu=1, requests.cpu=500m, limits.cpu=2, limits.memory=2G).',
    );
    expect(await verify([])).toMatchObject({ passed: false, message: 'ResourceQuota ns/team-quota does not exist.' });
  });
});
