import { describe, expect, it } from 'vitest';
import { nextRoutePath, remixRoutePath } from '../../../../src/linter/facts/http/file-route-paths.js';
import { responsesOf } from '../../../../src/linter/facts/http/responses.js';
import { routeHandlersOf } from '../../../../src/linter/facts/http/routes.js';
import { triggerEndpointsOf } from '../../../../src/linter/facts/http/trigger-endpoints.js';
import { projectOf } from '../../../helpers/project-facts.js';

function routes(files: Record<string, string>, path = Object.keys(files)[0]!) {
  const { project, file } = projectOf(files);
  return routeHandlersOf(project, file(path)).map((r) => ({
    method: r.method,
    path: r.path,
    name: r.handlerName,
    line: r.file.sourceFile.getLineAndCharacterOfPosition(r.registration.getStart(r.file.sourceFile)).line + 1,
  }));
}

describe('nextRoutePath', () => {
  it('reads the folders under app/: groups and slots dropped, dynamic segments kept', () => {
    expect(nextRoutePath('app/api/tasks/route.ts')).toBe('/api/tasks');
    expect(nextRoutePath('src/app/(dashboard)/api/tasks/[taskId]/trigger/route.ts')).toBe('/api/tasks/[taskId]/trigger');
    expect(nextRoutePath('apps/web/app/@modal/api/[...slug]/route.js')).toBe('/api/[...slug]');
    expect(nextRoutePath('app/route.ts')).toBe('/');
  });

  it('is undefined for pages, layouts, other modules, private folders and files outside app/', () => {
    expect(nextRoutePath('app/api/tasks/page.tsx')).toBeUndefined();
    expect(nextRoutePath('app/api/tasks/layout.tsx')).toBeUndefined();
    expect(nextRoutePath('app/api/tasks/handlers.ts')).toBeUndefined();
    expect(nextRoutePath('app/_lib/route.ts')).toBeUndefined();
    expect(nextRoutePath('src/lib/route.ts')).toBeUndefined();
    expect(nextRoutePath('node_modules/x/app/route.js')).toBeUndefined();
  });
});

describe('remixRoutePath', () => {
  it('reads flat-route file names', () => {
    expect(remixRoutePath('app/routes/api.v1.tasks.$taskId.trigger.ts')).toBe('/api/v1/tasks/$taskId/trigger');
    expect(remixRoutePath('app/routes/_index.tsx')).toBe('/');
    expect(remixRoutePath('app/routes/api.imports._index.ts')).toBe('/api/imports');
    expect(remixRoutePath('app/routes/_app.imports.new.tsx')).toBe('/imports/new');
    expect(remixRoutePath('app/routes/imports_.$id.run.tsx')).toBe('/imports/$id/run');
    expect(remixRoutePath('app/routes/sitemap[.]xml.ts')).toBe('/sitemap.xml');
    expect(remixRoutePath('app/routes/($lang).exports.tsx')).toBe('/$lang/exports');
  });

  it('reads folder routes (v2) and nested folders (v1)', () => {
    expect(remixRoutePath('app/routes/api.scans.$id/route.tsx')).toBe('/api/scans/$id');
    expect(remixRoutePath('app/routes/api/exports/index.ts')).toBe('/api/exports');
    expect(remixRoutePath('app/routes/api/exports/$id.ts')).toBe('/api/exports/$id');
  });

  it('is undefined outside app/routes and for declaration files', () => {
    expect(remixRoutePath('app/utils/api.ts')).toBeUndefined();
    expect(remixRoutePath('app/routes/types.d.ts')).toBeUndefined();
  });
});

describe('module routes', () => {
  it('takes the exported methods of a Next.js route.ts', () => {
    const found = routes({
      'app/api/imports/route.ts': [
        "import { NextResponse } from 'next/server';",
        'export async function GET() { return NextResponse.json([]); }',
        'export const POST = async (request: Request) => NextResponse.json({ job_id: 1 });',
        'const handler = async (req: Request) => new Response(null);',
        'export { handler as PUT, handler as DELETE };',
        'export const dynamic = "force-dynamic";',
        'export function helper() {}',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([
      { method: 'get', path: '/api/imports', name: 'GET', line: 2 },
      { method: 'post', path: '/api/imports', name: 'POST', line: 3 },
      { method: 'put', path: '/api/imports', name: 'PUT', line: 5 },
      { method: 'delete', path: '/api/imports', name: 'DELETE', line: 5 },
    ]);
  });

  it('does not take GET from a page, a layout or a module that is not route.ts', () => {
    for (const path of ['app/api/imports/page.tsx', 'app/api/imports/layout.tsx', 'src/lib/http.ts']) {
      expect(routes({ [path]: 'export async function POST(request: Request) { return Response.json({}); }\n' })).toEqual([]);
    }
  });

  it('takes a Remix action as POST, and as DELETE too when it branches on the method', () => {
    expect(routes({ 'app/routes/api.scans.ts': 'export const action = async ({ request }) => { return null; };\nexport async function loader() { return null; }\n' })).toEqual([
      { method: 'post', path: '/api/scans', name: 'action', line: 1 },
    ]);
    expect(routes({
      'app/routes/tasks.$id.tsx': [
        'export async function action({ request }: ActionFunctionArgs) {',
        '  switch (request.method.toUpperCase()) {',
        "    case 'DELETE': return null;",
        '  }',
        '}',
        '',
      ].join('\n'),
    }).map((r) => r.method)).toEqual(['post', 'delete']);
  });

  it('takes Remix json(o, status) and redirect(url) from @remix-run, not a local json()', () => {
    const { project, file } = projectOf({
      'app/routes/imports.tsx': [
        "import { json, redirect } from '@remix-run/node';",
        'const local = { json: (x: unknown) => x };',
        'export async function action({ request }) {',
        '  if (request.bad) return json({ error: 1 }, 400);',
        '  if (request.later) return redirect("/imports", 303);',
        '  if (request.go) return redirect("/imports");',
        '  return local.json({ job_id: 1 });',
        '}',
        '',
      ].join('\n'),
    });
    const f = file('app/routes/imports.tsx');
    const [route] = routeHandlersOf(project, f);
    expect(responsesOf(project, f, route!.handler!).map((r) => [r.form, r.status, r.isError])).toEqual([
      ['call', 400, true],
      ['call', 303, false],
      ['call', 302, false],
      ['return', 200, false],
    ]);
  });

  it('follows an action destructured from a route builder, exported or re-exported', () => {
    const found = routes({
      'app/routes/api.v1.tasks.$taskId.trigger.ts': [
        "import { createActionApiRoute } from '~/services/routeBuilders/apiBuilder.server';",
        'const { action, loader } = createActionApiRoute({ corsStrategy: "all" }, async ({ params }) => {',
        '  return json({ id: params.taskId });',
        '});',
        'export { action, loader };',
        '',
      ].join('\n'),
    });
    expect(found).toEqual([{ method: 'post', path: '/api/v1/tasks/$taskId/trigger', name: 'action', line: 5 }]);
    expect(routes({ 'app/routes/api.v1.scans.ts': 'export const { action } = createActionApiRoute({}, async () => null);\n' }).map((r) => r.line)).toEqual([1]);
  });

  it('finds Fetch API responses, their status and body, and does not take request.json() for one', () => {
    const { project, file } = projectOf({
      'app/api/exports/route.ts': [
        "import { NextResponse } from 'next/server';",
        'export async function POST(request: Request) {',
        '  const body = await request.json();',
        "  if (!body.format) return NextResponse.json({ error: 'format' }, { status: 422 });",
        '  if (body.legacy) return new Response(JSON.stringify({ id: 1 }), { status: 202 });',
        '  if (body.go) return NextResponse.redirect(new URL("/exports", request.url));',
        '  return Response.json({ job_id: 1 });',
        '}',
        '',
      ].join('\n'),
    });
    const f = file('app/api/exports/route.ts');
    const [route] = routeHandlersOf(project, f);
    expect(triggerEndpointsOf(project, f).map((e) => e.keys)).toEqual([['job_id']]);
    expect(responsesOf(project, f, route!.handler!).map((r) => [
      f.sourceFile.getLineAndCharacterOfPosition(r.node.getStart(f.sourceFile)).line + 1,
      r.status,
      r.isError,
      r.body?.getText(f.sourceFile),
    ])).toEqual([
      [4, 422, true, "{ error: 'format' }"],
      [5, 202, false, '{ id: 1 }'],
      [6, 307, false, undefined],
      [7, 200, false, '{ job_id: 1 }'],
    ]);
  });
});
