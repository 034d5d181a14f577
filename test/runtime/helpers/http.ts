/**
 * A runtime per store for the HTTP tests (no worker: jobs stay as the test left them), and a
 * `call` that goes through a real Fetch handler and reads the JSON answer.
 */
import { afterAll, beforeAll } from 'vitest';
import { createRuntime, type LogEntry, type Runtime } from '../../../src/runtime/index.js';
import { dropNames, uniqueNames, type TestStore } from './stores.js';

export interface HttpAnswer {
  status: number;
  body: Record<string, any> | null;
  headers: Headers;
  text: string;
}

export type Handler = (request: Request) => Promise<Response>;

export async function answer(handler: Handler, request: Request): Promise<HttpAnswer> {
  const res = await handler(request);
  const text = await res.text();
  let body: Record<string, any> | null = null;
  try {
    body = text ? (JSON.parse(text) as Record<string, any>) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body, headers: res.headers, text };
}

export interface CallInit {
  body?: BodyInit;
  headers?: Record<string, string>;
  handler?: Handler;
}

/** Registers the demo tasks every HTTP test file may use. */
function defineDemoTasks(rt: Runtime): void {
  rt.simpleTask({ name: 'demo.echo' }, async (ctx, ...args: unknown[]) => ctx.successResult({ args }));
}

/** Opens a runtime on `store` for the enclosing describe block; `setup` may register more tasks. */
export function useHttpRuntime(store: TestStore, prefix: string, setup?: (rt: Runtime) => void) {
  const names = uniqueNames(prefix);
  const logs: LogEntry[] = [];
  const ctx = {
    rt: undefined as unknown as Runtime,
    logs,
    call(method: string, path: string, init: CallInit = {}): Promise<HttpAnswer> {
      const { handler = ctx.rt.fetch, ...rest } = init;
      return answer(handler, new Request(`http://app.test${path}`, { method, ...rest }));
    },
    post(task: string, body: unknown, handler?: Handler): Promise<HttpAnswer> {
      return ctx.call('POST', `/jobs/${task}`, {
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
        ...(handler && { handler }),
      });
    },
  };
  beforeAll(async () => {
    ctx.rt = await createRuntime({ store: store.url, ...names, logger: (e) => void logs.push(e) });
    defineDemoTasks(ctx.rt);
    setup?.(ctx.rt);
  });
  afterAll(async () => {
    await ctx.rt?.close({ graceMs: 1000 });
    await dropNames(store.url, names);
  });
  return ctx;
}
