/**
 * A TCP proxy in front of PostgreSQL that can hold what the server sends and later deliver it all
 * in ONE write. That makes a real race deterministic: a query's last reply (ReadyForQuery) and the
 * FATAL of a terminated backend arriving in the same chunk, so the driver handles both in one
 * synchronous parse, with no turn of the event loop in between.
 */
import net from 'node:net';

export interface HoldingProxy {
  /** `postgres://…` through the proxy, with the given application_name. */
  url(applicationName: string): string;
  /** From now on, keep server → client bytes instead of forwarding them. */
  hold(): void;
  /** Whether what is kept for some connection ends with ReadyForQuery (the server finished a reply). */
  holdsReadyForQuery(): boolean;
  /** Whether a server connection closed while held (a terminated backend: its FATAL is all kept). */
  holdsClosedConnection(): boolean;
  /** Deliver everything kept, per connection, in one write each, and forward again. */
  release(): void;
  close(): Promise<void>;
}

const READY_FOR_QUERY = Buffer.from([0x5a, 0, 0, 0, 5]);

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  const sockets = new Set<net.Socket>();
  const held = new Map<net.Socket, Buffer[]>();
  /** Client sockets whose server side ended while held: closed once their bytes are delivered. */
  const endedWhileHeld = new Set<net.Socket>();
  let holding = false;
  const server = net.createServer((client) => {
    const backend = net.connect(Number(upstream.port || 5432), upstream.hostname);
    sockets.add(client).add(backend);
    client.on('data', (d) => backend.write(d));
    backend.on('data', (d) => {
      if (!holding) return void client.write(d);
      held.set(client, [...(held.get(client) ?? []), d]);
    });
    const end = () => {
      // A held FATAL must still reach the client before its socket closes.
      if (holding) return void endedWhileHeld.add(client);
      client.end();
      backend.end();
    };
    backend.on('end', end);
    client.on('end', () => backend.end());
    client.on('error', () => backend.destroy());
    backend.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: (applicationName) => {
      const url = new URL(target);
      url.host = `127.0.0.1:${port}`;
      url.searchParams.set('application_name', applicationName);
      return url.toString();
    },
    hold: () => {
      holding = true;
    },
    holdsReadyForQuery: () =>
      [...held.values()].some((chunks) => {
        const bytes = Buffer.concat(chunks);
        // 'Z', length 5, then the transaction status byte ('I' idle).
        return bytes.length >= 6 && bytes.subarray(-6, -1).equals(READY_FOR_QUERY) && bytes.at(-1) === 0x49;
      }),
    holdsClosedConnection: () => endedWhileHeld.size > 0,
    release: () => {
      holding = false;
      for (const [client, chunks] of held) client.write(Buffer.concat(chunks));
      held.clear();
      for (const client of endedWhileHeld) client.end();
      endedWhileHeld.clear();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
