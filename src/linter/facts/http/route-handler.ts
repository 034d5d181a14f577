import type { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';

/* A route as the checks read it: computed per file by routes.ts. */

/** A route registration (rules.md "route handler"). */
export interface RouteHandler {
  file: FileFacts;
  /** Lower-case HTTP method: `get`, `post`, `put`, `patch`, `delete`. */
  method: string;
  /** The joined prefix and path (`/api/imports/:id`), when written as a (foldable) string. */
  path?: string;
  /** What findings about the route point at: the registration call `app.post(…)` or the decorated method. */
  registration: ts.Node;
  /** The handler function: inline, the last function argument, or a followed declaration in the same file. */
  handler?: ts.FunctionLikeDeclaration;
  /** The handler's name when it has one (function name, method name). */
  handlerName?: string;
  /**
   * The file `handler` is declared in, when it is not `file`: `router.post('/x', importsController.create)`
   * with the controller imported from another module. Checks that report inside handler bodies read
   * `routeHandlersDeclaredIn(project, file)` (routes.ts) so each body is checked in its own file.
   */
  handlerFile?: FileFacts;
}
