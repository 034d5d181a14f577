import type { RouteHandler } from '../facts/http/route-handler.js';

/** How a message names a route: `POST /api/imports`, or `POST route "startImport"` when the path is computed. */
export function routeLabel(route: RouteHandler): string {
  const method = route.method.toUpperCase();
  if (route.path !== undefined) return `${method} ${route.path}`;
  return route.handlerName !== undefined ? `${method} route "${route.handlerName}"` : `${method} route`;
}

/** `"job_id"`, `"job_id" or "run_id"`. */
export function quotedAlternatives(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(' or ');
}
