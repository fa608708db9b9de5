import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

const configMap = (data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dns-config', namespace: 'lima' }, data });
const service = { service: 'kubernetes', namespace: 'default' };
const podBehind = { hostname: 'section100', service: 'department', namespace: 'lima' };
const verify = (value: string | undefined, target: Record<string, string>, clusterDomain?: string) =>
  evaluateCheck(
    {
      id: 'v', title: 'v', points: 1,
      spec: { verifier: { name: 'configMapDnsName', params: { namespace: 'lima', configMap: 'dns-config', key: 'DNS', target, ...(clusterDomain === undefined ? {} : { clusterDomain }) } } },
    },
    fakeReader({ objects: value === undefined ? [configMap({ OTHER: 'x' })] : [configMap({ DNS: value })] }),
  );

describe('verifier configMapDnsName', () => {
  it('Given the fully qualified name, with a trailing dot or in capitals too, passes', async () => {
    expect(await verify('kubernetes.default.svc.cluster.local', service)).toMatchObject({
      passed: true,
      message: 'ConfigMap lima/dns-config, key DNS: "kubernetes.default.svc.cluster.local" is the fully qualified name of Service kubernetes in namespace default.',
    });
    expect((await verify('kubernetes.default.svc.cluster.local.', service)).passed).toBe(true);
    expect((await verify('Section100.Department.lima.svc.cluster.local.', podBehind)).passed).toBe(true);
    expect((await verify('kubernetes.default.svc.corp.internal', service, 'corp.internal')).passed).toBe(true);
  });

  it('Given a short name, says only a search list completes it', async () => {
    expect((await verify('kubernetes.default', service)).message).toBe(
      'ConfigMap lima/dns-config, key DNS: "kubernetes.default" is a short name, not fully qualified: it resolves only through the DNS search list of the Pod asking, which depends on its namespace; expected kubernetes.default.svc.cluster.local, the fully qualified name of Service kubernetes in namespace default.',
    );
    expect((await verify('section100.department.', podBehind)).message).toContain('"section100.department." is a short name');
  });

  it('Given a Service in another namespace, names what it names', async () => {
    expect((await verify('kubernetes.lima.svc.cluster.local', service)).message).toBe(
      'ConfigMap lima/dns-config, key DNS: "kubernetes.lima.svc.cluster.local" names Service kubernetes in namespace lima; expected kubernetes.default.svc.cluster.local, the fully qualified name of Service kubernetes in namespace default.',
    );
  });

  it('Given the Service, or the svc form, where the Pod behind it was meant, tells them apart', async () => {
    expect((await verify('department.lima.svc.cluster.local', podBehind)).message).toContain(
      '"department.lima.svc.cluster.local" names Service department in namespace lima — the Service itself, which answers with the addresses of all its Pods, not Pod section100\'s own name; expected section100.department.lima.svc.cluster.local, the fully qualified name of Pod section100 through the headless Service department in namespace lima',
    );
    expect((await verify('section100.lima.svc.cluster.local', podBehind)).message).toContain(
      'names Service section100 in namespace lima — the svc form names Services: a Pod\'s name through a headless Service puts its hostname before the Service (<hostname>.<subdomain>.<namespace>.svc.cluster.local)',
    );
    expect((await verify('section100.department.other.svc.cluster.local', podBehind)).message).toContain('names Pod section100 through the headless Service department in namespace other;');
  });

  it('Given a pod record, made from an IP address or not, says it is another record', async () => {
    expect((await verify('10-0-0-7.lima.pod.cluster.local', podBehind)).message).toContain(
      '"10-0-0-7.lima.pod.cluster.local" is the pod record made from the IP address 10.0.0.7 (<a-b-c-d>.<namespace>.pod.cluster.local), a different record',
    );
    expect((await verify('section100.lima.pod.cluster.local', podBehind)).message).toContain('is under pod.cluster.local, where the cluster DNS only has records made from IP addresses');
  });

  it('Given another cluster domain, an empty value, a missing key or ConfigMap, says so', async () => {
    expect((await verify('kubernetes.default.svc.corp.internal', service)).message).toContain('"kubernetes.default.svc.corp.internal" is not fully qualified in the cluster domain cluster.local');
    expect((await verify('', service)).message).toContain('key DNS: it is empty; expected kubernetes.default.svc.cluster.local');
    expect((await verify(undefined, service)).message).toBe('ConfigMap lima/dns-config: it has no key DNS (keys: OTHER); expected DNS to hold kubernetes.default.svc.cluster.local.');
    const missing = await evaluateCheck(
      { id: 'v', title: 'v', points: 1, spec: { verifier: { name: 'configMapDnsName', params: { namespace: 'lima', configMap: 'dns-config', key: 'DNS', target: service } } } },
      fakeReader({ objects: [] }),
    );
    expect(missing.message).toBe('ConfigMap lima/dns-config does not exist.');
  });
});
