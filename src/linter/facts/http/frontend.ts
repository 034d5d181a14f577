import { ts } from 'ts-morph';
import type { FileFacts } from '../project/file-facts.js';
import type { SubjectSettings } from '../project/subjects.js';

/**
 * rules.md "frontend file": under a frontend folder (`static/`, `components/`, …) or any `.tsx/.jsx`.
 * A path under a `notDirs` folder (a backend's `app/`) is frontend only by its extension.
 */
export function isFrontendFile(relativePath: string, settings: SubjectSettings['frontend']): boolean {
  const lower = relativePath.toLowerCase();
  if (settings.extensions.some((ext) => lower.endsWith(ext))) return true;
  const dirs = relativePath.split('/').slice(0, -1);
  return dirs.some((d) => settings.dirs.includes(d));
}

const PAGE_CALLS = new Set(['onMounted', 'onMount', 'defineComponent', 'setup']);

/** A frontend file that holds a component: JSX, an Alpine `x-data`/`Alpine.data`, Vue, Svelte or Angular. */
export function isPageFile(file: FileFacts, settings: SubjectSettings['frontend']): boolean {
  if (!isFrontendFile(file.relativePath, settings)) return false;
  if (file.index.hasJsx) return true;
  for (const call of file.index.calls) {
    const e = call.expression;
    if (ts.isIdentifier(e) && PAGE_CALLS.has(e.text)) return true;
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'data' && ts.isIdentifier(e.expression) && e.expression.text === 'Alpine') return true;
  }
  if (file.index.decorators.some((d) => ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression) && d.expression.expression.text === 'Component')) return true;
  return /\bx-data\b/.test(file.text);
}
