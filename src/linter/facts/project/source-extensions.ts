const EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'] as const;

/** One of SOURCE_EXTENSIONS: parse-file.ts's script kinds are keyed by it, so the two lists cannot drift apart. */
export type SourceExtension = (typeof EXTENSIONS)[number];

/**
 * The extensions of the source files bg-lint lints. Its own module, without TypeScript: discovery
 * needs them on the fully cached path (engine/run-record.ts), which must not load the compiler.
 */
export const SOURCE_EXTENSIONS: readonly string[] = EXTENSIONS;
