import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader, node, pod } from './fake-reader.js';

const zone = 'topology.kubernetes.io/zone';
const cluster = [
  node('cp', { labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
  node('w1', { labels: { [zone]: 'east' } }),
  node('w2', { labels: { [zone]: 'west', disktype: 'ssd' } }),
];
const required = (...terms: Array<Array<Record<string, unknown>>>) => ({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })) } });
const preferred = (...terms: Array<{ weight: number; expressions: Array<Record<string, unknown>> }>) => ({ preferredDuringSchedulingIgnoredDuringExecution: terms.map((t) => ({ weight: t.weight, preference: { matchExpressions: t.expressions } })) });
const zonal = (nodeAffinity: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject => pod('zonal', 'ns', { affinity: { nodeAffinity }, containers: [{ name: 'zonal', image: 'nginx:1.27' }], ...extra });
const inZones = (...values: string[]) => ({ key: zone, operator: 'In', values });
const ssd = { key: 'disktype', operator: 'In', values: ['ssd'] };

const verify = (name: string, params: Record<string, unknown>, objects: KubeObject[]) =>
  evaluateCheck({ id: 'v', title: 'v', points: 1, spec: { verifier: { name, params } } }, fakeReader({ objects: [...cluster, ...objects] }));
const zonesRequired = (objects: KubeObject[]) => verify('nodeLabelRequired', { pod: { name: 'zonal', namespace: 'ns' }, key: zone, values: ['east', 'west'] }, objects);
const ssdPreferred = (objects: KubeObject[]) => verify('nodeLabelPreferred', { pod: { name: 'zonal', namespace: 'ns' }, key: 'disktype', values: ['ssd'], weight: 50 }, objects);

describe('verifier nodeLabelRequired', () => {
  it('Given In [east, west], the values in another order, or one term per zone, then each passes', async () => {
    const oneTerm = await zonesRequired([zonal(required([inZones('east', 'west')]))]);
    expect(oneTerm).toMatchObject({ passed: true, message: `Pod ns/zonal (nodeSelector none; required node affinity (${zone} In [east, west])) may be scheduled onto a node exactly when it has ${zone} in [east, west] (taints aside); w1, w2 fit.` });
    expect((await zonesRequired([zonal(required([inZones('west', 'east')]))])).passed).toBe(true);
    expect((await zonesRequired([zonal(required([inZones('west')], [inZones('east')]))])).passed).toBe(true);
  });

  it('Given a requirement that holds on every node anyway, then it still passes: extra constraints that exclude nothing are harmless', async () => {
    const result = await zonesRequired([zonal(required([inZones('east', 'west'), { key: 'kubernetes.io/hostname', operator: 'Exists' }]))]);
    expect(result.passed).toBe(true);
  });

  it('Given no required affinity (a preference only), then it names the control plane it could go to, taints aside', async () => {
    const result = await zonesRequired([zonal(preferred({ weight: 100, expressions: [inZones('east', 'west')] }))]);
    expect(result).toMatchObject({ passed: false });
    expect(result.message).toBe(`Pod ns/zonal (nodeSelector none; required node affinity none): it could also be scheduled onto cp (no ${zone} label), cp if it had ${zone}=other, w1 if it had ${zone}=other and 3 more; expected it to be allowed onto every node with ${zone} in [east, west] and onto no other node (taints aside).`);
  });

  it('Given Exists, then it names a node of another zone it would take', async () => {
    const result = await zonesRequired([zonal(required([{ key: zone, operator: 'Exists' }]))]);
    expect(result.message).toContain(`(${zone} Exists)): it could also be scheduled onto cp if it had ${zone}=other, w1 if it had ${zone}=other, w2 if it had ${zone}=other;`);
  });

  it('Given one zone only, or disktype=ssd required too, then it names the node of the cluster it could not go to', async () => {
    const east = await zonesRequired([zonal(required([inZones('east')]))]);
    expect(east.message).toContain(`: it could not be scheduled onto w2 (${zone}=west), cp if it had ${zone}=west, w1 if it had ${zone}=west;`);
    const strict = await zonesRequired([zonal(required([inZones('east', 'west'), ssd]))]);
    expect(strict.message).toContain(`(${zone} In [east, west] and disktype In [ssd])): it could not be scheduled onto w1 (${zone}=east), cp if it had ${zone}=east, cp if it had ${zone}=west and 1 more;`);
    const selector = await zonesRequired([zonal({}, { nodeSelector: { [zone]: 'west' } })]);
    expect(selector.message).toContain(`(nodeSelector ${zone}=west; required node affinity none): it could not be scheduled onto w1 (${zone}=east)`);
  });

  it('Given the zones ORed with disktype in a second term, then it names where the second term lets it go', async () => {
    const result = await zonesRequired([zonal(required([inZones('east', 'west')], [ssd]))]);
    expect(result.message).toContain(`it could also be scheduled onto w2 if it had ${zone}=other, w2 if it had no ${zone} label;`);
  });

  it('Given a workload template instead of a Pod, then it judges the template', async () => {
    const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'ns' }, spec: { template: { spec: { affinity: { nodeAffinity: required([inZones('east', 'west')]) } } } } };
    const result = await verify('nodeLabelRequired', { template: { kind: 'Deployment', name: 'web', namespace: 'ns' }, key: zone, values: ['east', 'west'] }, [deployment]);
    expect(result).toMatchObject({ passed: true });
    expect(result.message).toMatch(/^Deployment ns\/web's Pod template \(/);
  });

  it('Given no such Pod, or params without a pod or template, then it says so', async () => {
    expect((await zonesRequired([])).message).toBe('Pod ns/zonal does not exist.');
    expect((await verify('nodeLabelRequired', { key: zone, values: ['east'] }, [])).error).toContain('verifier param pod {name, namespace} or template {kind, name, namespace} is required');
    expect((await verify('nodeLabelRequired', { pod: { name: 'zonal', namespace: 'ns' }, key: zone, values: [] }, [])).error).toBe('verifier param values must be a non-empty list of label values');
  });
});

describe('verifier nodeLabelPreferred', () => {
  const zones = required([inZones('east', 'west')]);

  it('Given weight 50 for disktype In [ssd], alone or beside other preferences, then it passes', async () => {
    const result = await ssdPreferred([zonal({ ...zones, ...preferred({ weight: 50, expressions: [ssd] }) })]);
    expect(result).toMatchObject({ passed: true, message: 'Pod ns/zonal (preferred node affinity (weight 50: disktype In [ssd])) prefers nodes with disktype in [ssd] by weight 50.' });
    const more = await ssdPreferred([zonal({ ...zones, ...preferred({ weight: 10, expressions: [inZones('east')] }, { weight: 50, expressions: [ssd] }) })]);
    expect(more.passed).toBe(true);
  });

  it('Given a condition the nodes it may go to all meet anyway, then it passes: a preference only ranks those', async () => {
    const result = await ssdPreferred([zonal({ ...zones, ...preferred({ weight: 50, expressions: [ssd, inZones('east', 'west')] }) })]);
    expect(result.passed).toBe(true);
  });

  it('Given weight 1, a wrong key, Exists, or no preference, then it says what a disktype label adds to a score', async () => {
    const light = await ssdPreferred([zonal({ ...zones, ...preferred({ weight: 1, expressions: [ssd] }) })]);
    expect(light.message).toBe('Pod ns/zonal (preferred node affinity (weight 1: disktype In [ssd])): a node with disktype=ssd scores 1 more than one without disktype, expected 50. Expected a preference of weight 50 for nodes with disktype in [ssd].');
    const wrongKey = await ssdPreferred([zonal({ ...zones, ...preferred({ weight: 50, expressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }) })]);
    expect(wrongKey.message).toContain('(weight 50: disk In [ssd])): a node with disktype=ssd scores 0 more than one without disktype, expected 50.');
    const exists = await ssdPreferred([zonal({ ...zones, ...preferred({ weight: 50, expressions: [{ key: 'disktype', operator: 'Exists' }] }) })]);
    expect(exists.message).toContain('a node with disktype=other (a value not asked for) scores 50 more than one without disktype, expected 0.');
    const none = await ssdPreferred([zonal(zones)]);
    expect(none.message).toContain('(preferred node affinity none): a node with disktype=ssd scores 0 more');
  });

  it('Given two terms of weight 25 for disktype=ssd, then it passes: the scheduler adds up their weights', async () => {
    const result = await ssdPreferred([zonal({ ...zones, ...preferred({ weight: 25, expressions: [ssd] }, { weight: 25, expressions: [{ key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }] }) })]);
    expect(result.passed).toBe(true);
  });

  it('Given a weight out of range in the params, then it is an error of the check', async () => {
    expect((await verify('nodeLabelPreferred', { pod: { name: 'zonal', namespace: 'ns' }, key: 'disktype', values: ['ssd'], weight: 0 }, [])).error).toBe('verifier param weight must be an integer from 1 to 100');
  });
});
