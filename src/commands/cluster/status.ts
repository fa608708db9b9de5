import type { CommandInput } from '../../cli/spec.js';
import type { Io } from '../../adapters/ui/io.js';
import type { ClusterTarget } from '../../adapters/kube/config.js';
import type { ClusterProfile } from '../../core/profile.js';
import type { LabPaths } from '../../core/paths.js';
import { embeddedStatus, type ComponentProcess } from '../../services/cluster/embedded.js';
import { clusterTarget, labPaths, stringOption } from '../context.js';

export interface ClusterReport {
  readonly kubeconfig: readonly string[];
  readonly targetSource: ClusterTarget['source'];
  readonly profile: ClusterProfile;
  readonly readyNodes: number;
  readonly totalNodes: number;
  readonly processes: readonly ComponentProcess[] | undefined;
}

export async function clusterReport(target: ClusterTarget, paths: LabPaths): Promise<ClusterReport> {
  const { createClusterClients } = await import('../../adapters/kube/clients.js');
  const { readClusterProfile } = await import('../../services/cluster/profile.js');
  const clients = await createClusterClients(target, { probe: true });
  const profile = await readClusterProfile(clients, paths);
  const nodes = await clients.core.listNode();
  const readyNodes = nodes.items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true).length;
  const processes = profile.engine === 'embedded' ? (await embeddedStatus(paths)).processes : undefined;
  return { kubeconfig: target.kubeconfigPaths, targetSource: target.source, profile, readyNodes, totalNodes: nodes.items.length, processes };
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

const engineText: Record<ClusterProfile['engine'], string> = {
  embedded: 'embedded (etcd, kube-apiserver, kube-controller-manager, kube-scheduler as local processes; nodes simulated by KWOK)',
  kind: 'kind (nodes are containers)',
  minikube: 'minikube',
  other: 'other (not created by cka-lab)',
};

export function formatClusterReport(report: ClusterReport, io: Io): string {
  const s = io.style;
  const p = report.profile;
  const rows: Array<[string, string]> = [
    ['Context', `${p.contextName} ${s.dim(`(${report.kubeconfig.join(':')})`)}`],
    ['Engine', engineText[p.engine]],
    ['Kubernetes', p.kubernetesVersion],
    ['API server', p.server],
    ['Nodes', `${report.readyNodes}/${report.totalNodes} Ready — control plane: ${p.nodes.controlPlane.join(', ') || 'none'}; workers: ${p.nodes.workers.join(', ') || 'none'}`],
  ];
  if (p.etcd !== undefined) {
    rows.push(['etcd', `${p.etcd.endpoint} (TLS, client certificates)`]);
    rows.push(['', `--cacert=${p.etcd.caFile}`]);
    rows.push(['', `--cert=${p.etcd.certFile}`]);
    rows.push(['', `--key=${p.etcd.keyFile}`]);
    rows.push(['', `data dir ${p.etcd.dataDir}${p.etcd.runsIn === 'etcd-pod' ? `; etcdctl runs in pod kube-system/${p.etcd.etcdPod ?? 'etcd'}` : ''}`]);
  } else {
    rows.push(['etcd', s.dim('not reachable from cka-lab on this cluster')]);
  }
  const access = p.nodeAccess;
  rows.push(['Node access', access.kind === 'local' ? access.description : access.kind === 'container' ? `${access.runtime} exec -it ${access.container} bash` : access.kind === 'minikube-ssh' ? `minikube ssh -p ${access.profile} -n ${access.node}` : s.dim(access.reason)]);
  const caps = p.capabilities;
  rows.push(['Can grade', [
    caps.realKubelets ? 'real kubelets and containers' : 'no real kubelets (pods are simulated: no logs, exec or probes)',
    caps.etcd ? 'etcd backup' : undefined,
    caps.etcdRestore ? 'etcd restore' : undefined,
    caps.controlPlaneFilesystem ? 'control-plane files' : undefined,
    caps.gatewayApi ? 'Gateway API' : 'no Gateway API (CRDs not installed)',
  ].filter((x) => x !== undefined).join(', ')]);
  if (report.processes !== undefined) {
    const total = report.processes.reduce((sum, proc) => sum + (proc.rssBytes ?? 0), 0);
    rows.push(['Processes', report.processes.map((proc) => `${proc.component} ${proc.alive ? `pid ${proc.pid ?? '?'}, ${mib(proc.rssBytes ?? 0)}` : s.red('not running')}`).join('\n')]);
    rows.push(['Memory', `${mib(total)} resident in all`]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  return `${rows.map(([k, v]) => v.split('\n').map((line, i) => `${(i === 0 ? k : '').padEnd(width)}  ${line}`).join('\n')).join('\n')}\n`;
}

export async function describeClusterInUse(target: ClusterTarget, paths: LabPaths, io: Io): Promise<string> {
  return formatClusterReport(await clusterReport(target, paths), io);
}

export async function run({ options, io }: CommandInput): Promise<void> {
  const target = clusterTarget(options, io);
  const report = await clusterReport(target, labPaths(io));
  if (stringOption(options, 'output') === 'json') {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  io.stdout.write(formatClusterReport(report, io));
}
