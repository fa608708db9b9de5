import { describe, expect, it } from '@jest/globals';
import { detectProfile } from '../../../src/core/profile.js';
import type { Task } from '../../../src/core/tasks/model.js';
import { requireCapabilities } from '../../../src/services/tasks/environment.js';
import { ClusterError } from '../../../src/core/errors.js';

const kwokOnly = detectProfile({ contextName: 'other', server: 'https://10.0.0.1:6443', kubernetesVersion: 'v1.36.3', nodes: [{ name: 'n', labels: {}, annotations: { 'kwok.x-k8s.io/node': 'fake' }, providerID: undefined, taints: [] }], gatewayApi: false, embedded: undefined });
const task = (requires: Task['requires']): Task => ({ id: 'etcd-backup', requires } as unknown as Task);

describe('requireCapabilities', () => {
  it('lets a task run when the cluster has what it needs', () => {
    expect(() => requireCapabilities(task([]), kwokOnly)).not.toThrow();
  });

  it('names the missing capability and the engines that have it', () => {
    expect(() => requireCapabilities(task(['etcd']), kwokOnly)).toThrow(ClusterError);
    try {
      requireCapabilities(task(['etcd', 'realKubelets']), kwokOnly);
    } catch (error) {
      expect((error as ClusterError).message).toBe('Task etcd-backup needs real kubelets and containers and etcd access with client certificates, which the other cluster (context other) cannot offer.');
      expect((error as ClusterError).hint).toBe('Use kind or minikube: cka-lab cluster up --engine kind');
    }
  });

  it('says how to install the Gateway API CRDs when a Gateway task meets a cluster without them', () => {
    const attempt = () => requireCapabilities({ ...task(['gatewayApi']), id: 'gateway-httproute' }, kwokOnly);
    expect(attempt).toThrow('Task gateway-httproute needs the Gateway API (its CRDs are not installed), which the other cluster (context other) cannot offer.');
    try {
      attempt();
    } catch (error) {
      expect((error as ClusterError).hint).toContain('Install the Gateway API CRDs, standard channel (https://gateway-api.sigs.k8s.io/');
    }
  });

  it('lets a Gateway task run on any cluster that serves the Gateway API', () => {
    expect(() => requireCapabilities(task(['gatewayApi']), { ...kwokOnly, capabilities: { ...kwokOnly.capabilities, gatewayApi: true } })).not.toThrow();
  });
});
