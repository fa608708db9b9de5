import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader, node } from './fake-reader.js';

const linuxNodes = [
  node('cp', { labels: { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': '' } }),
  node('w1', { labels: { 'kubernetes.io/os': 'linux' } }),
  node('w2', { labels: { 'kubernetes.io/os': 'linux' } }),
];
const deployment = (podSpec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'report', namespace: 'ns' },
  spec: { replicas: 3, template: { metadata: { labels: { app: 'report' } }, spec: { containers: [{ name: 'report', image: 'busybox:1.36' }], ...podSpec } } },
});
const requiresLinux = (objects: KubeObject[], nodes: KubeObject[] = linuxNodes) => evaluateCheck(
  { id: 'linux', title: 'linux', points: 2, spec: { podScheduling: { template: { kind: 'Deployment', name: 'report', namespace: 'ns' }, onlyNodesWithLabels: { 'kubernetes.io/os': 'linux' } } } },
  fakeReader({ objects: [...nodes, ...objects] }),
);
const affinity = (...terms: Array<Array<Record<string, unknown>>>) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })) } } } });

describe('podScheduling of a Deployment template, onlyNodesWithLabels', () => {
  it('Given a nodeSelector or a required affinity on the label, when every node carries it, then both pass', async () => {
    const bySelector = await requiresLinux([deployment({ nodeSelector: { 'kubernetes.io/os': 'linux' } })]);
    expect(bySelector).toMatchObject({ passed: true, message: "Deployment ns/report's Pod template can only be scheduled onto nodes labelled kubernetes.io/os=linux." });
    const byAffinity = await requiresLinux([deployment(affinity([{ key: 'kubernetes.io/os', operator: 'In', values: ['linux', 'plan9'] }]))]);
    expect(byAffinity.passed).toBe(true);
  });

  it('Given no constraint, or one that does not require the label, then it fails even though every node is Linux', async () => {
    const none = await requiresLinux([deployment({})]);
    expect(none.message).toBe("Deployment ns/report's Pod template: nothing requires kubernetes.io/os=linux; it could go to cp even if that node lost the label (nodeSelector none; required node affinity none).");
    const exists = await requiresLinux([deployment(affinity([{ key: 'kubernetes.io/os', operator: 'NotIn', values: ['windows'] }]))]);
    expect(exists.passed).toBe(false);
    const orTerm = await requiresLinux([deployment(affinity([{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }], [{ key: 'kubernetes.io/hostname', operator: 'Exists' }]))]);
    expect(orTerm.message).toContain('nothing requires kubernetes.io/os=linux; it could go to cp even if that node lost the label (nodeSelector none; required node affinity (kubernetes.io/os In [linux]) or (kubernetes.io/hostname Exists))');
  });

  it('Given a node without the label that the template admits, then it names that node', async () => {
    const mixed = [...linuxNodes, node('win', { labels: { 'kubernetes.io/os': 'windows' } })];
    const result = await requiresLinux([deployment({ nodeSelector: { 'kubernetes.io/arch': 'amd64' } })], mixed.map((n) => ({ ...n, metadata: { ...(n['metadata'] as object), labels: { ...((n['metadata'] as { labels: object }).labels), 'kubernetes.io/arch': 'amd64' } } })));
    expect(result.message).toContain('it could be scheduled onto win, not labelled kubernetes.io/os=linux');
  });

  it('Given constraints that admit no node (a typo in the value), then it fails and says so', async () => {
    const result = await requiresLinux([deployment({ nodeSelector: { 'kubernetes.io/os': 'Linux' } })]);
    expect(result.passed).toBe(false);
    expect(result.message).toBe("Deployment ns/report's Pod template: none of the 3 nodes fits these constraints, so it cannot be scheduled anywhere (nodeSelector kubernetes.io/os=Linux; required node affinity none).");
  });

  it('Given no such Deployment, then it says so', async () => {
    expect((await requiresLinux([])).message).toBe('Deployment ns/report does not exist.');
  });
});
