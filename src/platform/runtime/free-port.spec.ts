import { readFileSync } from 'node:fs';
import net from 'node:net';
import { freePort } from './free-port.js';

const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
  .split(/\s+/)
  .map(Number);

describe('freePort', () => {
  it('hands out ports below the ephemeral range, never one a listen(0) could get, and never twice', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) expect(port).toBeLessThan(low);
    // Each can be listened on.
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(ports[0], '0.0.0.0', resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it('keeps the slices of processes side by side apart', async () => {
    const a = await freePort({ index: 0, of: 8 });
    const b = await freePort({ index: 1, of: 8 });
    const bottom = low - 16_384;
    const width = Math.floor(16_384 / 8);
    expect(Math.floor((a - bottom) / width)).toBe(0);
    expect(Math.floor((b - bottom) / width)).toBe(1);
  });
});
