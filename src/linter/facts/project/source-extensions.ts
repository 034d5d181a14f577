/**
 * The extensions of the source files bg-lint lints. Its own module, without TypeScript: discovery
 * needs them on the fully cached path (engine/run-record.ts), which must not load the compiler.
 */
export const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];
