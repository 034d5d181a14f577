/** A versioned migration: applied once, in order, recorded in `<table>_migrations`. */
export interface Migration {
  version: number;
  name: string;
  /** SQL for the quoted table name; `name(suffix)` quotes a derived object name (index). */
  up(target: { table: string; name: (suffix: string) => string }): string;
}
