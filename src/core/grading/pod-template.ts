/**
 * A Pod spec (a workload's template) read as the kubelet runs it: which containers run for the
 * Pod's whole life — regular ones, and native sidecars (init containers with restartPolicy
 * Always) — and which volume each mounts where. Volumes are followed by name, whatever the user
 * called them.
 */
import { sameImage } from './image.js';
import { show, valueMatches } from './match.js';
import { asObject, field, items, text } from './reader.js';

export interface TemplateContainer {
  readonly name: string;
  /** container: regular; sidecar: init container with restartPolicy Always; init: runs to completion before the others start. */
  readonly role: 'container' | 'sidecar' | 'init';
  readonly spec: unknown;
}

export function templateContainers(podSpec: unknown): TemplateContainer[] {
  const regular = items(podSpec, 'containers').map((c) => ({ name: text(c, 'name') ?? '?', role: 'container' as const, spec: c }));
  const init = items(podSpec, 'initContainers').map((c) => ({ name: text(c, 'name') ?? '?', role: text(c, 'restartPolicy') === 'Always' ? ('sidecar' as const) : ('init' as const), spec: c }));
  return [...regular, ...init];
}

function containerList(podSpec: unknown): string {
  const names = (key: string) => items(podSpec, key).map((c) => text(c, 'name') ?? '?').join(', ') || 'none';
  return `containers: ${names('containers')}; init containers: ${names('initContainers')}`;
}

/** command and args as one line, as a shell would show them. */
export function commandLine(container: unknown): string {
  return [...items(container, 'command'), ...items(container, 'args')].map((part) => String(part).trim().replace(/\s+/g, ' ')).join(' ');
}

export interface SidecarWanted {
  readonly name: string;
  readonly image?: string;
  /** A fragment the command line must contain, e.g. "tail -F /var/log/app.log". */
  readonly command?: string;
}

/** What keeps `name` from running beside the app for the Pod's whole life with the image and command asked for. */
export function sidecarProblems(podSpec: unknown, wanted: SidecarWanted): { problems: string[]; role?: TemplateContainer['role'] } {
  const found = templateContainers(podSpec).find((c) => c.name === wanted.name);
  if (found === undefined) return { problems: [`it has no container ${wanted.name} (${containerList(podSpec)})`] };
  const problems: string[] = [];
  if (found.role === 'init') {
    problems.push(`${wanted.name} is an init container without restartPolicy: Always: the Pod's containers start only after it exits, and a log shipper never exits, so the Pod would never start; make it a native sidecar (restartPolicy: Always) or a regular container`);
  }
  const image = text(found.spec, 'image') ?? '';
  if (wanted.image !== undefined && !sameImage(image, wanted.image)) problems.push(`${wanted.name} runs the image ${image || 'none'}, expected ${wanted.image}`);
  const command = commandLine(found.spec);
  if (wanted.command !== undefined && !command.includes(wanted.command)) {
    problems.push(`${wanted.name} runs ${command === '' ? "the image's default command" : show(command)}, expected a command running ${show(wanted.command)}`);
  }
  return { problems, role: found.role };
}

/** A mount path as the kubelet reads it: a trailing slash changes nothing. */
export function normalMountPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** A volume's source as one phrase: hostPath {"path":"/var/log"}. */
function sourceText(volume: unknown): string {
  const sources = Object.entries(asObject(volume)).filter(([key]) => key !== 'name');
  const isEmpty = (value: unknown) => typeof value === 'object' && value !== null && Object.keys(value).length === 0;
  return sources.map(([key, value]) => (isEmpty(value) ? key : `${key} ${show(value)}`)).join(', ') || 'no source';
}

export interface SharedMountWanted {
  readonly containers: readonly string[];
  readonly mountPath: string;
  /** Volume shapes accepted (partial matches), e.g. { emptyDir: {} } or { configMap: { name: cfg } }. */
  readonly volume: readonly Record<string, unknown>[];
  readonly readOnly?: boolean;
  /** Files of a configMap/secret volume that must appear under mountPath, each named after its key. */
  readonly files?: readonly string[];
}

/**
 * The files a configMap, secret or projected volume shows, as key → file path, for the keys its
 * items list ('*' when a source has no items: every key becomes a file of its own name).
 */
function projectedFiles(volume: unknown): Map<string, string> {
  const files = new Map<string, string>();
  const sources = [asObject(volume)['configMap'], asObject(volume)['secret'], ...items(volume, 'projected', 'sources').flatMap((s) => [asObject(s)['configMap'], asObject(s)['secret']])];
  for (const source of sources.filter((s) => s !== undefined)) {
    const listed = items(source, 'items');
    if (listed.length === 0) files.set('*', '*');
    for (const item of listed) files.set(text(item, 'key') ?? '?', text(item, 'path') ?? '?');
  }
  return files;
}

/** Why a wanted file would not be at mountPath/<file>: the volume's items leave it out or rename it. */
function missingFileProblems(volume: unknown, files: readonly string[], mountPath: string): string[] {
  const shown = projectedFiles(volume);
  if (shown.has('*')) return [];
  return files.flatMap((file) => {
    const path = shown.get(file);
    if (path === file) return [];
    if (path !== undefined) return [`its items put the key ${file} at ${mountPath}/${path}, not ${mountPath}/${file}`];
    return [`its items project only ${[...shown.keys()].join(', ') || 'nothing'}, so ${mountPath}/${file} would not exist`];
  });
}

/** What keeps the containers from all mounting one volume of an accepted shape at mountPath. */
export function sharedMountProblems(podSpec: unknown, wanted: SharedMountWanted): { problems: string[]; volume?: string } {
  const mountPath = normalMountPath(wanted.mountPath);
  const containers = templateContainers(podSpec);
  const problems: string[] = [];
  const mounted = new Map<string, string>();
  for (const name of wanted.containers) {
    const container = containers.find((c) => c.name === name);
    if (container === undefined) {
      problems.push(`it has no container ${name} (${containerList(podSpec)})`);
      continue;
    }
    const mounts = items(container.spec, 'volumeMounts');
    const mount = mounts.find((m) => normalMountPath(text(m, 'mountPath') ?? '') === mountPath);
    if (mount === undefined) {
      const others = mounts.map((m) => `${text(m, 'name') ?? '?'} at ${text(m, 'mountPath') ?? '?'}`).join(', ');
      problems.push(`container ${name} mounts nothing at ${mountPath} (its mounts: ${others || 'none'})`);
      continue;
    }
    mounted.set(name, text(mount, 'name') ?? '?');
    if (wanted.readOnly === true && field(mount, 'readOnly') !== true) problems.push(`container ${name}'s mount at ${mountPath} is not readOnly: true`);
    const subPath = text(mount, 'subPath') ?? text(mount, 'subPathExpr');
    if (wanted.files !== undefined && subPath !== undefined && subPath !== '') {
      problems.push(`container ${name}'s mount at ${mountPath} has subPath ${show(subPath)}, so ${mountPath} is that one entry of the volume, not a directory of its files`);
    }
  }
  const volumes = [...new Set(mounted.values())];
  if (volumes.length > 1) {
    problems.push(`the containers mount different volumes at ${mountPath} (${[...mounted].map(([c, v]) => `${c}: ${v}`).join(', ')}), so they do not share one`);
  }
  for (const name of volumes) {
    const volume = items(podSpec, 'volumes').find((v) => text(v, 'name') === name);
    if (!wanted.volume.some((shape) => valueMatches(shape, volume))) {
      problems.push(`volume ${name} is ${sourceText(volume)}, expected ${wanted.volume.map(sourceText).join(' or ')}`);
    } else if (wanted.files !== undefined) {
      problems.push(...missingFileProblems(volume, wanted.files, mountPath).map((problem) => `volume ${name}: ${problem}`));
    }
  }
  return volumes.length === 1 ? { problems, volume: volumes[0] ?? '' } : { problems };
}
