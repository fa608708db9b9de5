import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseTaskFile } from '../../../src/core/tasks/parse.js';
import { compileSchema, TaskFileError } from '../../../src/core/yaml-file.js';
import { renderSolution, renderTemplate, envName, placeholderValues } from '../../../src/core/tasks/template.js';

const validate = compileSchema(JSON.parse(readFileSync(new URL('../../../schema/task.schema.json', import.meta.url), 'utf8')) as object);

const good = `id: demo-task
title: A demo
domain: storage
topics: [demo]
weight: 3
difficulty: easy
minutes: 4
namespaces: [demo-1]
prompt: |
  Create ConfigMap x in demo-1 on {{ worker1 }}, please.
checks:
  - id: cm
    title: ConfigMap x exists
    points: 1
    exists: { apiVersion: v1, kind: ConfigMap, name: x, namespace: demo-1 }
`;

function problemsOf(text: string, expected = { id: 'demo-task', domain: 'storage' }): string[] {
  try {
    parseTaskFile(text, 'tasks/storage/demo-task.yaml', expected, validate);
  } catch (error) {
    if (error instanceof TaskFileError) return error.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    throw error;
  }
  return [];
}

describe('parseTaskFile', () => {
  it('turns a valid file into a typed task', () => {
    const task = parseTaskFile(good, 'f.yaml', { id: 'demo-task', domain: 'storage' }, validate);
    expect(task).toMatchObject({ id: 'demo-task', domain: 'storage', requires: [], owns: { objects: [], files: [] } });
    expect(task.checks[0]).toEqual({ id: 'cm', title: 'ConfigMap x exists', points: 1, spec: { exists: { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', namespace: 'demo-1' } } });
  });

  it('points at a YAML syntax error', () => {
    expect(problemsOf(good.replace('topics: [demo]', 'topics: [demo'))[0]).toMatch(/^\d+:\d+ YAML syntax: /);
  });

  it('names an unknown field at its key', () => {
    expect(problemsOf(good.replace('    points: 1', '    points: 1\n    pionts: 2'))).toContain("15:5 checks.0 has an unknown field 'pionts'");
  });

  it('names a wrong value at its position', () => {
    expect(problemsOf(good.replace('difficulty: easy', 'difficulty: trivial'))).toEqual(['6:13 difficulty must be one of "easy", "medium", "hard"']);
  });

  it('requires ids and domains to match the file', () => {
    expect(problemsOf(good, { id: 'other', domain: 'troubleshooting' })).toEqual([
      "1:5 id 'demo-task' must match the file name 'other.yaml'",
      "3:9 domain 'storage' must match the directory tasks/troubleshooting/",
    ]);
  });

  it('rejects unknown template variables, duplicate check ids and bad field paths', () => {
    const text = `${good.replace('{{ worker1 }}', '{{ worker3 }}')}  - id: cm
    title: again
    points: 1
    fields:
      object: { apiVersion: v1, kind: ConfigMap, name: x, namespace: demo-1 }
      match: [{ path: "data[", equals: "1" }]
`;
    const problems = problemsOf(text);
    expect(problems).toContain("16:9 duplicate check id 'cm'");
    expect(problems.some((p) => p.includes("invalid field path 'data['"))).toBe(true);
    expect(problems.some((p) => p.includes('unknown template variable {{ worker3 }}'))).toBe(true);
  });

  it('accepts after naming an earlier check, and rejects one naming no earlier check', () => {
    const guard = (after: string) => `${good}  - id: guard
    title: the ConfigMap is kept
    points: 1
    after: ${after}
    exists: { apiVersion: v1, kind: ConfigMap, name: x, namespace: demo-1 }
`;
    expect(problemsOf(guard('cm'))).toEqual([]);
    expect(problemsOf(guard('later')).some((p) => p.includes("after 'later' names no earlier check of this task (earlier: cm)"))).toBe(true);
  });

  it('validates the field matches of a pods check like those of a fields check', () => {
    const text = `${good}  - id: limits
    title: every pod has a CPU limit
    points: 1
    pods:
      namespace: demo-1
      match: [{ path: "spec.containers[*].resources.limits.cpu", quantity: 500m, equals: "500m" }]
`;
    expect(problemsOf(text)).toEqual(['21:15 a match needs exactly one operator (equals, notEquals, contains, matches, oneOf, exists, quantity, image, or bounds gte/gt/lte/lt)']);
  });

  it('parses a waitFor on fields, and validates its matches like those of a fields check', () => {
    const waitFor = (match: string) => good.replace('checks:', `setup:
  - waitFor:
      fields:
        object: { apiVersion: apps/v1, kind: Deployment, name: web, namespace: demo-1 }
        match: [${match}]
checks:`);
    const task = parseTaskFile(waitFor('{ path: "status.conditions[type=ReplicaFailure].status", equals: "True" }'), 'f.yaml', { id: 'demo-task', domain: 'storage' }, validate);
    expect(task.setup).toEqual([{ waitFor: { fields: {
      object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'demo-1' },
      match: [{ path: 'status.conditions[type=ReplicaFailure].status', equals: 'True' }],
    } } }]);
    expect(problemsOf(waitFor('{ path: "status.conditions[", equals: "True" }'))).toEqual(["15:25 invalid field path 'status.conditions[' at column 18: missing ']'"]);
    expect(problemsOf(waitFor('{ path: status.replicas }'))).toEqual(['15:17 setup.0.waitFor.fields.match.0 must NOT have fewer than 2 properties']);
  });

  it('parses a serviceEndpoints check', () => {
    const text = `${good}  - id: endpoints
    title: the Service reaches the Deployment's pods on 8080
    points: 2
    serviceEndpoints:
      service: { name: web, namespace: demo-1 }
      pods: { namespace: demo-1, ownedBy: { kind: Deployment, name: web } }
      port: 8080
`;
    const task = parseTaskFile(text, 'f.yaml', { id: 'demo-task', domain: 'storage' }, validate);
    expect(task.checks[1]?.spec).toEqual({ serviceEndpoints: { service: { name: 'web', namespace: 'demo-1' }, pods: { namespace: 'demo-1', ownedBy: { kind: 'Deployment', name: 'web' } }, port: 8080 } });
    expect(problemsOf(text.replace('port: 8080', 'port: 0'))).toEqual(['22:13 checks.1.serviceEndpoints.port must be >= 1']);
  });

  it('parses podScheduling of a workload template and pods per node, and wants a pod or a template', () => {
    const text = `${good}  - id: tolerates
    title: the DaemonSet's Pods tolerate the control-plane taint
    points: 1
    podScheduling:
      template: { kind: DaemonSet, name: agent, namespace: demo-1 }
      tolerates: [{ key: node-role.kubernetes.io/control-plane, effect: NoSchedule }]
  - id: everywhere
    title: one Pod of the DaemonSet on every node
    points: 1
    pods: { namespace: demo-1, ownedBy: { kind: DaemonSet, name: agent }, perNode: 1 }
`;
    const task = parseTaskFile(text, 'f.yaml', { id: 'demo-task', domain: 'storage' }, validate);
    expect(task.checks[1]?.spec).toEqual({ podScheduling: { template: { kind: 'DaemonSet', name: 'agent', namespace: 'demo-1' }, tolerates: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } });
    expect(task.checks[2]?.spec).toEqual({ pods: { namespace: 'demo-1', ownedBy: { kind: 'DaemonSet', name: 'agent' }, perNode: 1 } });
    expect(problemsOf(text.replace('perNode: 1', 'perNode: -1'))).toEqual(['25:84 checks.2.pods.perNode must be >= 0']);
    expect(problemsOf(text.replace('      template: { kind: DaemonSet, name: agent, namespace: demo-1 }\n', ''))).toEqual([expect.stringMatching(/^20:7 checks\.1\.podScheduling /)]);
    expect(problemsOf(text.replace('      template:', '      pod: { name: p, namespace: demo-1 }\n      template:'))).toEqual([expect.stringMatching(/^20:7 checks\.1\.podScheduling /)]);
  });

  it('parses a file setup step covered by an owned directory under {{ workDir }}', () => {
    const text = good.replace('prompt: |', `owns:
  files: ["{{ workDir }}/demo-task"]
setup:
  - file: { path: "{{ workDir }}/demo-task/base/kustomization.yaml", content: "resources: []\\n" }
prompt: |`);
    const task = parseTaskFile(text, 'f.yaml', { id: 'demo-task', domain: 'storage' }, validate);
    expect(task.setup).toEqual([{ file: { path: '{{ workDir }}/demo-task/base/kustomization.yaml', content: 'resources: []\n' } }]);
    expect(task.owns.files).toEqual(['{{ workDir }}/demo-task']);
  });

  it('rejects a file step outside {{ workDir }}', () => {
    const text = good.replace('prompt: |', `setup:
  - file: { path: /etc/hosts, content: x }
prompt: |`);
    expect(problemsOf(text)).toEqual(['10:19 setup.0.file.path must match ^\\{\\{\\s*workDir\\s*\\}\\}/.+']);
  });

  it('rejects file steps no owned path covers, and owned work paths reset could not remove safely', () => {
    const text = good.replace('prompt: |', `owns:
  files: ["{{ workDir }}", "{{ workDir }}/demo-task/../..", "{{workDir}}/demo-task/"]
setup:
  - file: { path: "{{ workDir }}/other-task/x.yaml", content: x }
  - file: { path: "{{ workDir }}/demo-task/../x.yaml", content: x }
  - file: { path: "{{ workDir }}/demo-task/ok.yaml", content: x }
prompt: |`);
    expect(problemsOf(text)).toEqual([
      '10:11 an owned path must be a file or directory inside {{ workDir }}, not {{ workDir }} itself (reset removes it whole)',
      "10:28 '{{ workDir }}/demo-task/../..' must not contain empty, . or .. segments: reset removes it whole, so it must stay inside {{ workDir }}",
      "12:19 no owns.files entry covers '{{ workDir }}/other-task/x.yaml', so reset would leave it behind; own it, or a directory holding it",
      "13:19 '{{ workDir }}/demo-task/../x.yaml' must not contain empty, . or .. segments",
    ]);
  });

  it('checks both paths of a kubeconfig step like a file step', () => {
    const text = good.replace('prompt: |', `owns:
  files: ["{{ workDir }}/demo-task"]
setup:
  - kubeconfig: { path: "{{ workDir }}/demo-task/admin.kubeconfig", caFile: "{{ workDir }}/ca.crt", breaks: [server-port] }
prompt: |`);
    expect(problemsOf(text)).toEqual(["12:77 no owns.files entry covers '{{ workDir }}/ca.crt', so reset would leave it behind; own it, or a directory holding it"]);
  });

  it('rejects a kubeconfig break it does not know', () => {
    const text = good.replace('prompt: |', `owns:
  files: ["{{ workDir }}/demo-task"]
setup:
  - kubeconfig: { path: "{{ workDir }}/demo-task/b.kubeconfig", caFile: "{{ workDir }}/demo-task/ca.crt", breaks: [server-typo] }
prompt: |`);
    expect(problemsOf(text)).toEqual(['12:116 setup.0.kubeconfig.breaks.0 must be one of "server-port", "ca-path"']);
  });
});

describe('templates', () => {
  it('fills variables and maps them to solution environment names', () => {
    expect(renderTemplate('on {{ worker1 }} and {{etcd.cacert}}', { ...placeholderValues, worker1: 'w1', 'etcd.cacert': '/ca' })).toBe('on w1 and /ca');
    expect(envName('etcd.cacert')).toBe('CKA_ETCD_CACERT');
    expect(envName('controlPlane')).toBe('CKA_CONTROL_PLANE');
    expect(envName('workDir')).toBe('CKA_WORK_DIR');
    expect(renderSolution('kubectl label node "${CKA_WORKER1}" $CKA_WORKER2 $UNKNOWN', { ...placeholderValues, worker1: 'w1', worker2: 'w2' })).toBe('kubectl label node "w1" w2 $UNKNOWN');
  });
});
