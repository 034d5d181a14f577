/**
 * The dashboard's files: plain HTML, CSS and JS in the package's top-level `dashboard/` folder
 * (listed in package.json `files`). tsc copies no non-TS files, so they stay where they are and are
 * read relative to this module, which sits at the same depth in src/ and dist/. Users need no build
 * step and the page loads nothing from a CDN.
 */
import { readFile } from 'node:fs/promises';

export const ASSET_DIR = new URL('../../../dashboard/', import.meta.url);

const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

const cache = new Map<string, Promise<string>>();

/** The asset's text and content type, or null for any other name. */
export async function readAsset(name: string): Promise<{ text: string; type: string } | null> {
  const type = TYPES[name];
  if (!type) return null;
  let text = cache.get(name);
  if (!text) {
    text = readFile(new URL(name, ASSET_DIR), 'utf8');
    cache.set(name, text);
    text.catch(() => cache.delete(name));
  }
  return { text: await text, type };
}
