import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader, pod } from './fake-reader.js';

/** A recorded pod as the API serves it: status.qosClass is the API server's, not recomputed here. */
const qosPod = (name: string, qosClass: string, labels: Record<string, string> = {}, extra: { deleting?: boolean } = {}): KubeObject => {
  const recorded = pod(name, 'ns', { containers: [{ name: 'c', image: 'busybox:1.36' }] }, { labels: { app: name, ...labels }, ...extra });
  return { ...recorded, status: { ...(recorded['status'] as object), qosClass } };
};
const params = { namespace: 'ns', qosClass: 'BestEffort', labels: { evict: 'first' } };
const verify = (objects: KubeObject[], p: Record<string, unknown> = params) =>
  evaluateCheck({ id: 'qos', title: 'qos', points: 4, spec: { verifier: { name: 'podsLabelledByQos', params: p } } }, fakeReader({ objects }));

describe('verifier podsLabelledByQos', () => {
  it('passes when exactly the pods of the class carry the labels', async () => {
    const result = await verify([qosPod('a', 'BestEffort', { evict: 'first' }), qosPod('b', 'BestEffort', { evict: 'first' }), qosPod('c', 'Burstable'), qosPod('d', 'Guaranteed', { evict: 'later' })]);
    expect(result).toMatchObject({ passed: true, message: 'The 2 BestEffort pods of ns (a, b), and no other pod, carry evict=first.' });
  });

  it('names the pods of the class without the labels, with the value they carry instead', async () => {
    const result = await verify([qosPod('a', 'BestEffort', { evict: 'true' }), qosPod('b', 'BestEffort'), qosPod('c', 'Burstable')]);
    expect(result.message).toBe('Expected exactly the BestEffort pods of ns labelled evict=first: BestEffort pods without evict=first: a (evict=true), b (no evict label).');
  });

  it('names the pods of other classes that carry the labels, with their class', async () => {
    const result = await verify([qosPod('a', 'BestEffort', { evict: 'first' }), qosPod('c', 'Burstable', { evict: 'first' }), qosPod('d', 'Guaranteed', { evict: 'first' })]);
    expect(result.message).toBe('Expected exactly the BestEffort pods of ns labelled evict=first: pods labelled evict=first that are not BestEffort: c (Burstable), d (Guaranteed).');
  });

  it('ignores pods being deleted, and fails when no live pod is of the class', async () => {
    expect((await verify([qosPod('a', 'BestEffort', { evict: 'first' }), qosPod('old', 'BestEffort', {}, { deleting: true })])).passed).toBe(true);
    expect((await verify([qosPod('c', 'Burstable')])).message).toBe('No live pod of ns has QoS class BestEffort (pods: c Burstable).');
  });

  it('reports malformed params as an error of the check', async () => {
    expect((await verify([], { ...params, qosClass: 'besteffort' })).error).toBe('verifier param qosClass must be one of BestEffort, Burstable, Guaranteed');
  });
});
