import { connect, createServer } from 'node:net';
import { readdir, readFile, readlink } from 'node:fs/promises';

/** True when nothing listens on host:port (we could bind it ourselves). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when a TCP connection to host:port is refused: nothing listens there, on any machine. */
export function refusesConnections(port: number, host: string, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (refused: boolean) => {
      socket.destroy();
      resolve(refused);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(false));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

/**
 * A free port for a server that must get the same port back after a restart: picked below
 * Linux's ephemeral range (32768+), where the kernel hands out the local ports of outgoing
 * connections, so no client socket takes it while the server is down. Kernel-assigned only if
 * that range is full.
 */
export async function stablePort(host = '127.0.0.1', random: () => number = Math.random): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(random() * 12768);
    if (await isPortFree(port, host)) return port;
  }
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A process that listens on a port, as far as /proc shows it. */
export interface PortHolder {
  readonly pid: number;
  readonly command: string;
}

/**
 * Who listens on a TCP port (Linux only; [] elsewhere or when /proc hides it, e.g. another
 * user's process). Lets a "port is busy" message name the program instead of guessing.
 */
export async function portHolders(port: number): Promise<PortHolder[]> {
  if (process.platform !== 'linux') return [];
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      // State 0A is LISTEN; field 9 is the socket's inode.
      if (local === undefined || fields[3] !== '0A' || fields[9] === undefined) continue;
      if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return [];
  const holders: PortHolder[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const fds = await readdir(`/proc/${entry}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      if (!inodes.has(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? '')) continue;
      const command = (await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '?')).trim();
      holders.push({ pid: Number(entry), command });
      break;
    }
  }
  return holders;
}
