/**
 * `GET {basePath}/dashboard` and its two assets. The page talks to the same HTTP API it is
 * mounted beside (`{basePath}/jobs`, `{basePath}/tasks`), so every action it offers is one a
 * script could do too. Job pages are `#/jobs/<id>` fragments of the one page.
 */
import { NotFoundError } from '../errors.js';
import { refuseAccess, type DashboardOption } from './access.js';
import { readAsset } from './assets.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/** Serves the dashboard, or 404s when it is off (so its existence is not advertised). */
export async function dashboardRoute(
  request: Request,
  path: readonly string[],
  basePath: string,
  option: DashboardOption | undefined,
): Promise<Response> {
  if (!option) throw new NotFoundError('No such route');
  const refused = await refuseAccess(request, option);
  if (refused) return refused;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
  }
  const name = path.length === 0 ? 'index.html' : path.length === 1 ? path[0]! : '';
  const asset = await readAsset(name);
  if (!asset) throw new NotFoundError('No such route');
  const text = name === 'index.html' ? asset.text.replaceAll('{{BASE}}', basePath.replace(/[&"<>]/g, (c) => HTML_ESCAPES[c]!)) : asset.text;
  return new Response(request.method === 'HEAD' ? null : text, {
    status: 200,
    headers: {
      'content-type': asset.type,
      'cache-control': 'no-store',
      // Only its own files and API: no inline script, nothing from elsewhere.
      'content-security-policy': "default-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
    },
  });
}
