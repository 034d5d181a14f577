/**
 * The example app's HTTP server: Node's http module in front of the runtime's standard Fetch
 * handler (`rt.fetch`), plus one resource of the app's own deleted with the safe-delete helper.
 * Run: npm run build && npx tsx examples/runtime/server.ts, then open http://localhost:3000.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { RESOURCE_NAME_HEADER, checkResourceName, errorResponse, jsonResponse } from 'bg-lint/runtime';
import { rt } from './tasks.js';

const api = rt.httpHandler({
  basePath: '/api',
  triggeredBy: (request) => `api:${request.headers.get('x-client-id') ?? 'web'}`,
});

/**
 * Node's request → a Fetch Request (any framework with Fetch handlers skips this). The body is
 * passed as a stream, not buffered first, so the handler's byte limit stops a huge upload early.
 */
function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody && { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' }),
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** The app's own resources, deleted only with the X-RESOURCE-NAME confirmation (seed 000). */
const catalogs = new Map([['c1', { id: 'c1', name: 'summer-catalog' }]]);

async function deleteCatalog(request: Request, id: string): Promise<Response> {
  const catalog = catalogs.get(id);
  if (!catalog) return jsonResponse(404, { error: 'not_found', message: `No catalog ${id}` });
  try {
    // Compares the header with the resource's name: 400 when missing, 409 when it differs.
    checkResourceName(request.headers, catalog.name);
  } catch (error) {
    return errorResponse(error);
  }
  catalogs.delete(id);
  return jsonResponse(200, { deleted: true, name: request.headers.get(RESOURCE_NAME_HEADER) });
}

const server = createServer((req, res) => {
  (async () => {
    const request = toRequest(req);
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/api/catalogs/') && request.method === 'DELETE') {
      return send(res, await deleteCatalog(request, pathname.split('/')[3] ?? ''));
    }
    if (pathname.startsWith('/api/')) return send(res, await api(request));
    const page = pathname === '/app.js' ? 'public/app.js' : 'public/index.html';
    const body = await readFile(new URL(page, import.meta.url));
    res.writeHead(200, { 'content-type': page.endsWith('.js') ? 'text/javascript' : 'text/html' });
    res.end(body);
  })().catch((error: unknown) => {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'service_unavailable', message: String(error) }));
  });
});

await rt.work({ queues: ['high_priority', 'default', 'low_priority'], concurrency: 4 });
server.listen(Number(process.env.PORT ?? 3000), () => console.log('example app on http://localhost:3000'));

process.on('SIGTERM', () => {
  server.close();
  rt.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
