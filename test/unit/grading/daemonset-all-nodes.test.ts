import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { gradeChecks } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { parseTaskFile } from '../../../src/core/tasks/parse.js';
import { compileSchema } from '../../../src/core/yaml-file.js';
import { fakeReader, node, pod } from './fake-reader.js';

describe('daemonset-all-nodes graded after the control-plane taint was removed instead of tolerated', () => {
  // The cluster proof may not leave a node changed (reset restores only what a task adds), so
  // this wrong attempt is proven here, on the task's own checks.
  const validate = compileSchema(JSON.parse(readFileSync(new URL('../../../schema/task.schema.json', import.meta.url), 'utf8')) as object);
  const file = new URL('../../../tasks/workloads-scheduling/daemonset-all-nodes.yaml', import.meta.url);
  const task = parseTaskFile(readFileSync(file, 'utf8'), file.pathname, { id: 'daemonset-all-nodes', domain: 'workloads-scheduling' }, validate);
  const labels = { id: 'ds-important', uuid: '18426a0b-5f59-4e10-923f-c0e078e82462' };
  const daemonSet: KubeObject = {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds-important', namespace: 'project-tiger', uid: 'ds1', labels },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: {
      containers: [{ name: 'httpd', image: 'httpd:2-alpine', resources: { requests: { cpu: '10m', memory: '10Mi' } } }],
    } } },
  };
  const untainted = [node('cka-lab-control-plane', { labels: { 'node-role.kubernetes.io/control-plane': '' } }), node('cka-lab-worker'), node('cka-lab-worker2')];
  const pods = untainted.map((n, i) => pod(`ds-important-${i}`, 'project-tiger', { nodeName: (n['metadata'] as { name: string }).name }, { labels, owner: 'ds1' }));

  it('fails only the toleration check, though a Pod runs on every node', async () => {
    const grade = await gradeChecks(task.id, task.checks, fakeReader({ objects: [...untainted, daemonSet, ...pods] }));
    expect(grade.checks.filter((c) => !c.passed).map((c) => [c.id, c.message])).toEqual([
      ['tolerates-control-plane', "DaemonSet project-tiger/ds-important's Pod template: it does not tolerate the taint node-role.kubernetes.io/control-plane:NoSchedule (tolerations: none)."],
    ]);
  });
});
