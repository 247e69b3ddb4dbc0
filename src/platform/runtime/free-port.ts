import { readFileSync } from 'node:fs';
import net from 'node:net';

/** Ports this process has handed out, so that it never hands one out twice. */
const handedOut = new Set<number>();

/** Where the OS hands out ports for `listen(0)`: Linux's ip_local_port_range (32768 by default). */
function ephemeralStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/);
    return Number(low) || 32_768;
  } catch {
    return 32_768;
  }
}

/**
 * A free TCP port for a server that is started later, by another process (PostgreSQL, a child
 * service in a test). It is taken from below the ephemeral range: a port the OS handed out for
 * `listen(0)` and released can be handed out again at once to the next `listen(0)` (the embedded
 * S3 server, the mail catcher), and the server it was meant for would find it taken. `slice`
 * divides that range so that processes running side by side (jest workers) never pick alike.
 */
export async function freePort(slice: { index: number; of: number } = { index: 0, of: 1 }) {
  const top = ephemeralStart();
  const bottom = Math.max(1_024, top - 16_384);
  const width = Math.floor((top - bottom) / slice.of);
  const base = bottom + (slice.index % slice.of) * width;
  for (let tries = 0; tries < 50; tries++) {
    const port = base + Math.floor(Math.random() * width);
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canListen(port)) return port;
    handedOut.delete(port);
  }
  throw new Error(`no free TCP port between ${base} and ${base + width - 1}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}
