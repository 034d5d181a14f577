import type { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';

/* A task as the checks read it: computed per file by task-functions.ts. */

export type TaskFunctionKind =
  | 'exported-function'
  | 'exported-method'
  | 'worker-processor'
  | 'nest-processor'
  | 'background-callback';

/** An entry point of background work (rules.md "task function"). */
export interface TaskFunction {
  file: FileFacts;
  /** The task's name as a reader knows it: function, method or `processor` for an inline processor. */
  name: string;
  /** What BG-030..BG-032 and BG-036 findings point at. */
  nameNode: ts.Node;
  fn: ts.FunctionLikeDeclaration;
  kind: TaskFunctionKind;
}
