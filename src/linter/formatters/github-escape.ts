/**
 * GitHub Actions workflow-command escaping (what @actions/core does): the runner splits a
 * command at `::` and at the end of the line, so the message escapes `%` (first, so the escapes
 * themselves survive), CR and LF; property values are also split at `,` and `key:`, so they
 * additionally escape `:` and `,`.
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
