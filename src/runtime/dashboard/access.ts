/**
 * Who may open the dashboard. It shows job arguments and results, which can be private, so it is
 * off unless the app turns it on: `dashboard: true` for a developer's own machine or a demo, and
 * `dashboard: { authorize }` for anything else.
 *
 * "Loopback" for `true`: a Fetch handler never sees the peer's address, so the check is on what
 * the request does carry: the URL's host (from the Host header) must be a loopback name or address
 * and no proxy header (Forwarded, X-Forwarded-For, X-Real-IP) may be present. That refuses DNS
 * rebinding and anything reached through a proxy; it cannot refuse a remote client that forges
 * `Host: localhost` straight to a server listening on every interface, so bind such a server to
 * 127.0.0.1 (the demo does) or use `authorize`.
 */
import { jsonResponse } from '../responses.js';

export interface DashboardAuth {
  /** true serves the dashboard; false answers 401 without credentials, 403 with them. */
  authorize(request: Request): boolean | Promise<boolean>;
}

/** `true`: loopback requests only; an object: whatever `authorize` allows; absent or false: off. */
export type DashboardOption = boolean | DashboardAuth;

const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

export function isLoopbackRequest(request: Request): boolean {
  if (PROXY_HEADERS.some((h) => request.headers.has(h))) return false;
  let host: string;
  try {
    host = new URL(request.url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** null when the request may see the dashboard, else the 401/403 to send. */
export async function refuseAccess(request: Request, option: DashboardOption): Promise<Response | null> {
  if (option === true) {
    if (isLoopbackRequest(request)) return null;
    return jsonResponse(403, {
      error: 'forbidden',
      message: 'dashboard: true serves loopback requests only; pass dashboard: { authorize(request) } to serve others',
    });
  }
  if (typeof option !== 'object' || option === null) return null;
  if (await option.authorize(request)) return null;
  const credentials = request.headers.has('authorization') || request.headers.has('cookie');
  return credentials
    ? jsonResponse(403, { error: 'forbidden', message: 'Not allowed to see the job dashboard' })
    : jsonResponse(401, { error: 'unauthorized', message: 'Sign in to see the job dashboard' });
}
