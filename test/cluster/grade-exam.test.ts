import { describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { catalogueMark, formatExamCode } from '../../src/core/exam/code.js';
import { drawExam } from '../../src/core/exam/draw.js';
import type { GradeRun } from '../../src/core/grading/run.js';
import { loadCatalogue } from '../../src/services/tasks/catalogue.js';

jest.setTimeout(60_000);
const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/cka-lab.js', import.meta.url));

describe('grade --exam on the embedded cluster', () => {
  it('grades the tasks an exam code names, weighted, with the code in the document', async () => {
    const { tasks } = await loadCatalogue();
    const capabilities = { realKubelets: false, controlPlaneFilesystem: true, etcd: true, etcdRestore: true, gatewayApi: true };
    const code = formatExamCode({ seed: 2026, count: 6, capabilities, catalogueMark: catalogueMark(tasks) });
    const draw = drawExam(tasks, { count: 6, seed: 2026, capabilities });
    const env = { ...process.env, KUBECONFIG: process.env['CKA_LAB_TEST_KUBECONFIG'] ?? '' };
    const result = await run(process.execPath, [cli, 'grade', '--exam', code, '-o', 'json'], { env })
      .then((ok) => ({ ...ok, code: 0 }), (error: { code: number; stdout: string; stderr: string }) => error);
    // Nothing is solved on this cluster: graded, below the pass mark.
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '' });
    const doc = JSON.parse(result.stdout) as GradeRun;
    expect(doc.exam).toEqual({ code, weights: Object.fromEntries(draw.tasks.map((t) => [t.task.id, t.weight])) });
    expect(doc.clusters).toHaveLength(1);
    expect(doc.clusters[0]?.status).toBe('graded');
    expect(doc.clusters[0]?.tasks.map((t) => t.task)).toEqual(draw.tasks.map((t) => t.task.id));
  });
});
