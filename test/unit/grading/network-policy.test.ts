import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import { judgeConnection, policyTypes, type Connection } from '../../../src/core/grading/network-policy.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader, pod } from './fake-reader.js';

const policy = (name: string, spec: Record<string, unknown>, namespace = 'shop'): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
const nsLabels = (ns: string) => ({ 'kubernetes.io/metadata.name': ns });
const end = (labels: Record<string, string>, namespace = 'shop') => ({ namespace, namespaceLabels: nsLabels(namespace), labels });
const toDb = (from: ReturnType<typeof end>, port = 5432, protocol = 'TCP'): Connection => ({ from, to: { ...end({ app: 'db' }), namedPorts: [{ name: 'postgres', port: 5432, protocol: 'TCP' }] }, port, protocol });

const defaultDeny = policy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const allowFrontend = policy('db-from-frontend', {
  podSelector: { matchLabels: { app: 'db' } },
  ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
});
const frontend = end({ role: 'frontend' });
const backend = end({ role: 'backend' });
const elsewhere = end({ role: 'frontend' }, 'other');

describe('judgeConnection', () => {
  it('lets everything through until a policy isolates the pod', () => {
    expect(judgeConnection([], toDb(backend))).toEqual({ verdict: 'allowed', reason: 'no NetworkPolicy isolates either end' });
    expect(judgeConnection([allowFrontend], toDb(frontend))).toEqual({ verdict: 'allowed', reason: 'NetworkPolicy db-from-frontend (ingress rule 1) admits it' });
  });

  it('admits only what a rule of an isolating policy admits, on its port', () => {
    const policies = [defaultDeny, allowFrontend];
    expect(judgeConnection(policies, toDb(frontend)).verdict).toBe('allowed');
    expect(judgeConnection(policies, toDb(backend))).toEqual({ verdict: 'denied', reason: 'NetworkPolicy default-deny, db-from-frontend isolate pods app=db in shop for ingress and no rule admits it' });
    expect(judgeConnection(policies, toDb(frontend, 8080)).verdict).toBe('denied');
    expect(judgeConnection(policies, toDb(frontend, 5432, 'UDP')).verdict).toBe('denied');
    expect(judgeConnection(policies, toDb(elsewhere)).verdict).toBe('denied');
  });

  it('accepts equivalent forms: matchExpressions, named ports, port ranges, a namespace selector by name', () => {
    const equivalent = policy('db', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: nsLabels('shop') }, podSelector: { matchExpressions: [{ key: 'role', operator: 'Exists' }, { key: 'role', operator: 'NotIn', values: ['backend'] }] } }],
        ports: [{ port: 'postgres' }],
      }],
    });
    expect(judgeConnection([equivalent], toDb(frontend)).verdict).toBe('allowed');
    expect(judgeConnection([equivalent], toDb(backend)).verdict).toBe('denied');
    expect(judgeConnection([equivalent], toDb(elsewhere)).verdict).toBe('denied');
    const range = policy('range', { podSelector: {}, ingress: [{ ports: [{ port: 5000, endPort: 6000 }] }] });
    expect(judgeConnection([range], toDb(backend)).verdict).toBe('allowed');
    expect(judgeConnection([range], toDb(backend, 8080)).verdict).toBe('denied');
  });

  it('ORs separate peers and ANDs selectors in one peer', () => {
    const anyNamespace = policy('wide', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { role: 'frontend' } } }] }] });
    expect(judgeConnection([anyNamespace], toDb(elsewhere)).verdict).toBe('allowed');
    expect(judgeConnection([anyNamespace], toDb(backend)).verdict).toBe('denied');
    const split = policy('split', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: {} }, { podSelector: { matchLabels: { role: 'frontend' } } }] }] });
    expect(judgeConnection([split], toDb(backend, 5432)).verdict).toBe('allowed');
  });

  it('needs egress from the source too, once egress is isolated', () => {
    const denyAll = policy('deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const judgement = judgeConnection([denyAll, allowFrontend], toDb(frontend));
    expect(judgement).toEqual({ verdict: 'denied', reason: 'NetworkPolicy deny-all isolates pods role=frontend in shop for egress and no rule admits it' });
    const egressToDb = policy('frontend-out', { podSelector: { matchLabels: { role: 'frontend' } }, egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 'postgres' }] }] });
    expect(policyTypes(egressToDb)).toEqual(['Ingress', 'Egress']);
    expect(judgeConnection([denyAll, allowFrontend, egressToDb], toDb(frontend)).verdict).toBe('allowed');
  });

  it('gives no verdict for an ipBlock peer', () => {
    const ipBlock = policy('cidr', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] });
    const judgement = judgeConnection([ipBlock], toDb(backend));
    expect(judgement.verdict).toBe('unknown');
    expect(judgement.reason).toContain('only an ipBlock in NetworkPolicy cidr (ingress rule 1) could admit it');
  });
});

describe('verifier networkPolicyTraffic', () => {
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: nsLabels('shop') } };
  const db = pod('db-0', 'shop', { containers: [{ name: 'db', ports: [{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }] }] }, { labels: { app: 'db' } });
  const named = policy('named', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ port: 'postgres' }] }] });
  const params = {
    allowed: [{ from: { namespace: 'shop', labels: { role: 'frontend' } }, to: { namespace: 'shop', labels: { app: 'db' } }, port: 5432 }],
    denied: [{ from: { namespace: 'elsewhere', labels: { role: 'frontend' } }, to: { namespace: 'shop', labels: { app: 'db' } }, port: 5432 }],
  };
  const run = (objects: KubeObject[]) => evaluateCheck({ id: 'np', title: 'np', points: 3, spec: { verifier: { name: 'networkPolicyTraffic', params } } }, fakeReader({ objects }));

  it('resolves named ports through the destination pods and treats a missing namespace as any other', async () => {
    const result = await run([namespace, db, named]);
    expect(result).toMatchObject({ passed: true, points: 3 });
  });

  it('says which connection is wrong and why, listing the policies', async () => {
    const result = await run([namespace, db]);
    expect(result.passed).toBe(false);
    expect(result.message).toBe('Pods role=frontend in elsewhere → pods app=db in shop on TCP 5432 should be denied but is allowed: no NetworkPolicy isolates either end. (NetworkPolicies: none.)');
  });

  it('reports malformed params as an error of the check', async () => {
    const result = await evaluateCheck({ id: 'np', title: 'np', points: 1, spec: { verifier: { name: 'networkPolicyTraffic', params: { allowed: [{ from: {}, to: {}, port: 1 }] } } } }, fakeReader({ objects: [] }));
    expect(result.error).toBe('verifier param namespace must be a non-empty string');
  });
});
