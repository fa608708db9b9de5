import { describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import { isPortFree, portHolders, stablePort } from '../../../src/adapters/net/ports.js';

function listen(port = 0): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address !== null ? address.port : 0 });
    });
  });
}

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe('ports', () => {
  it('sees a port as busy while something listens on it, and names the listener', async () => {
    const { server, port } = await listen();
    try {
      expect(await isPortFree(port)).toBe(false);
      const holders = await portHolders(port);
      if (process.platform === 'linux') expect(holders).toContainEqual({ pid: process.pid, command: expect.stringMatching(/node|jest/) });
    } finally {
      await close(server);
    }
    expect(await isPortFree(port)).toBe(true);
    expect(await portHolders(port)).toEqual([]);
  });

  it('picks stable ports below the ephemeral range, skipping busy ones', async () => {
    const { server, port: busy } = await listen(await stablePort());
    try {
      expect(busy).toBeGreaterThanOrEqual(20000);
      expect(busy).toBeLessThan(32768);
      // The first draw lands on the busy port, the next ones elsewhere.
      const draws = [(busy - 20000 + 0.5) / 12768];
      const port = await stablePort('127.0.0.1', () => draws.shift() ?? ((busy - 20000 + 1.5) % 12768) / 12768);
      expect(port).not.toBe(busy);
      expect(draws).toEqual([]);
    } finally {
      await close(server);
    }
  });
});
