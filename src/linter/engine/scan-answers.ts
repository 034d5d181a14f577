import { scanQueryOf } from '../facts/project/scan-deps.js';

/**
 * The answers of the project-wide scans a run validated (scan-deps.ts), kept in the result cache
 * with the tree they were computed on (every project file's content hash). The next run updates
 * each answer by the files whose text changed, were created or were deleted, instead of running the
 * scan over the whole project again (engine/dependency-state.ts): an unchanged tree, or a one-file
 * edit, costs a lookup per scan, not a pass over every file per scan.
 */
export interface ScanAnswer {
  /** The files the scan found, as root-relative cache keys. */
  members: string[];
  /** The dependency's value then (a hash over the members' paths and code). */
  value: string;
}

/** The form kept in the cache file. */
export interface StoredScanAnswers {
  /** Root-relative key → content hash ('' when unreadable) of every project file the answers saw. */
  tree: Record<string, string>;
  /** The resolution environment then: importer answers only hold under the same one. */
  env?: string;
  answers: Record<string, ScanAnswer>;
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string');
}

/** A stored answer as read from disk: a malformed one (hand-edited, an older layout) is not used. */
function isAnswer(v: unknown): v is ScanAnswer {
  const a = v as Partial<ScanAnswer> | null;
  return typeof a === 'object' && a !== null && typeof a.value === 'string' && Array.isArray(a.members) && a.members.every((m) => typeof m === 'string');
}

export class ScanAnswers {
  /** The last run's tree, or undefined when there is none (or it is malformed): every scan runs in full. */
  readonly priorTree: Readonly<Record<string, string>> | undefined;
  readonly priorEnv: string | undefined;
  private readonly prior: Record<string, unknown>;
  private readonly current = new Map<string, ScanAnswer>();
  /** Some answer differs from the stored one (or there was none). */
  private changed = false;

  constructor(stored?: unknown) {
    const s = stored as Partial<StoredScanAnswers> | undefined;
    const ok = typeof s === 'object' && s !== null && isStringRecord(s.tree) && typeof s.answers === 'object' && s.answers !== null && !Array.isArray(s.answers);
    this.priorTree = ok ? s.tree : undefined;
    this.priorEnv = ok && typeof s.env === 'string' ? s.env : undefined;
    this.prior = ok ? (s.answers as Record<string, unknown>) : {};
  }

  /** The stored answer of a scan dependency, when the store holds a valid one. */
  priorAnswer(dep: string): ScanAnswer | undefined {
    const a = this.prior[dep];
    return isAnswer(a) ? a : undefined;
  }

  /** This run's answer for `dep` (computed on this run's tree). */
  record(dep: string, answer: ScanAnswer): void {
    this.current.set(dep, answer);
    const before = this.priorAnswer(dep);
    if (!before || before.value !== answer.value || before.members.length !== answer.members.length || before.members.some((m, i) => m !== answer.members[i])) this.changed = true;
  }

  get hasImporterAnswers(): boolean {
    for (const dep of this.current.keys()) if (scanQueryOf(dep)?.kind === 'importers') return true;
    return false;
  }

  /**
   * What to store: this run's answers only (older ones were computed on an older tree), with this
   * run's tree. `undefined` when it equals what is stored, so an unchanged run writes nothing.
   */
  toStore(tree: Record<string, string>, env: string | undefined): StoredScanAnswers | undefined {
    const sameTree = this.priorTree !== undefined && sameRecord(this.priorTree, tree);
    const sameAnswers = !this.changed && this.current.size === Object.keys(this.prior).length;
    if (sameTree && sameAnswers && env === this.priorEnv) return undefined;
    return { tree, ...(env !== undefined ? { env } : {}), answers: Object.fromEntries(this.current) };
  }
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(b);
  if (Object.keys(a).length !== keys.length) return false;
  return keys.every((k) => a[k] === b[k]);
}
