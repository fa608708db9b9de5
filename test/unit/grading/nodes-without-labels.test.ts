import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { parseTaskFile } from '../../../src/core/tasks/parse.js';
import { compileSchema } from '../../../src/core/yaml-file.js';
import { fakeReader, node } from './fake-reader.js';

const verify = (params: Record<string, unknown>, objects: KubeObject[]) =>
  evaluateCheck({ id: 'v', title: 'v', points: 1, spec: { verifier: { name: 'nodesWithoutLabels', params } } }, fakeReader({ objects }));

describe('verifier nodesWithoutLabels', () => {
  const nodes = [node('cp', { labels: { 'kubernetes.io/os': 'linux' } }), node('w1', { labels: { 'kubernetes.io/os': 'linux' } })];

  it('passes while no node carries the labels, and names each node that does', async () => {
    const params = { labels: { 'node-pool': null, 'kubernetes.io/os': 'Linux' }, reason: 'Fix the Deployment instead.' };
    expect(await verify(params, nodes)).toMatchObject({ passed: true, message: 'None of the 2 nodes carries a node-pool label or kubernetes.io/os=Linux.' });
    const labelled = [node('cp', { labels: { 'kubernetes.io/os': 'Linux' } }), node('w1', { labels: { 'kubernetes.io/os': 'linux', 'node-pool': 'batch' } })];
    expect((await verify(params, labelled)).message).toBe('No node should carry a node-pool label or kubernetes.io/os=Linux, but cp carries kubernetes.io/os=Linux; w1 carries node-pool=batch. Fix the Deployment instead.');
  });

  it('reports malformed params as an error of the check', async () => {
    expect((await verify({ labels: {} }, nodes)).error).toBe('verifier param labels must be a non-empty map of labels');
  });
});

describe('trouble-pending-selector graded after a node was labelled to fit the Pods', () => {
  // The isolated cluster proof may not change a node, so this wrong attempt is proven here,
  // on the task's own checks: node-pool=reporting on both workers, the nodeSelector fixed.
  const validate = compileSchema(JSON.parse(readFileSync(new URL('../../../schema/task.schema.json', import.meta.url), 'utf8')) as object);
  const file = new URL('../../../tasks/troubleshooting/trouble-pending-selector.yaml', import.meta.url);
  const task = parseTaskFile(readFileSync(file, 'utf8'), file.pathname, { id: 'trouble-pending-selector', domain: 'troubleshooting' }, validate);
  const labelled = (name: string, extra: Record<string, string> = {}) => node(name, { labels: { 'kubernetes.io/os': 'linux', ...extra } });
  const cluster = [labelled('cp', { 'node-role.kubernetes.io/control-plane': '' }), labelled('w1', { 'node-pool': 'reporting' }), labelled('w2', { 'node-pool': 'reporting' })];
  const deployment: KubeObject = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'report', namespace: 'trbl-5' },
    spec: { replicas: 3, template: { spec: {
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-pool', operator: 'In', values: ['reporting'] }] }] } } },
      containers: [{ name: 'report', image: 'busybox:1.36' }],
    } } },
  };

  it('fails nodes-unchanged, saying the Deployment was to be fixed, while the template still requires Linux', async () => {
    const check = (id: string) => {
      const found = task.checks.find((c) => c.id === id);
      if (found === undefined) throw new Error(`no check ${id}`);
      return evaluateCheck(found, fakeReader({ objects: [...cluster, deployment] }));
    };
    const unchanged = await check('nodes-unchanged');
    expect(unchanged).toMatchObject({ passed: false, message: "No node should carry a node-pool label or kubernetes.io/os=Linux, but w1 carries node-pool=reporting; w2 carries node-pool=reporting. The Deployment's node constraints were to be fixed, not the nodes; remove the label from the node." });
    expect((await check('linux-only')).passed).toBe(true);
  });
});
