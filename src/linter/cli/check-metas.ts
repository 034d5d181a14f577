import { readFileSync } from 'node:fs';
import type { Check, CheckMeta } from '../checks/check.js';

/**
 * The built-in checks' metadata without their code, for commands that only compile rules (`rules`,
 * `explain`, `merge`): the checks import the facts, which import ts-morph, and loading the compiler
 * is most of those commands' time. `npm run build` writes the file next to the built registry
 * (scripts/write-check-metas.mjs); where it is missing (tests run from src/) the registry is loaded.
 */
const METAS_FILE = new URL('../checks/check-metas.json', import.meta.url);

/** A check's metadata as the file holds it: message ids instead of the functions that render them. */
type StoredMeta = Omit<CheckMeta<unknown>, 'messages'> & { messages: string[] };

/**
 * The metadata as JSON. A `needsTypes` that depends on the options is written `true` ("may"), all
 * these commands show; messages are written as their ids (these commands never render a finding).
 */
export function checkMetasJson(checks: ReadonlyMap<string, Check<unknown>>): string {
  const metas: StoredMeta[] = [...checks.values()].map((c) => ({
    ...c.meta,
    needsTypes: Boolean(c.meta.needsTypes),
    messages: Object.keys(c.meta.messages),
  }));
  return `${JSON.stringify(metas, null, 1)}\n`;
}

function metadataOnly(stored: StoredMeta): Check<unknown> {
  const cannotRun = (): never => {
    throw new Error(`internal: check "${stored.name}" was loaded as metadata only (cli/check-metas.ts) and cannot run`);
  };
  const meta: CheckMeta<unknown> = { ...stored, messages: Object.fromEntries(stored.messages.map((id) => [id, cannotRun])) };
  return {
    meta,
    check: cannotRun,
  };
}

/** The built-in checks as `rules`/`explain`/`merge` need them: metadata from the built file, else the registry. */
export async function checksForMetadata(): Promise<ReadonlyMap<string, Check<unknown>>> {
  let text: string | undefined;
  try {
    text = readFileSync(METAS_FILE, 'utf8');
  } catch {
    text = undefined;
  }
  if (text === undefined) return (await import('../checks/registry.js')).builtinChecks;
  const metas = JSON.parse(text) as StoredMeta[];
  return new Map(metas.map((m) => [m.name, metadataOnly(m)]));
}
