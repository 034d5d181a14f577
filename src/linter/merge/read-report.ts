import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Diagnostic, Fix, Severity } from '../../shared/diagnostic.js';
import type { FileReport, RuleInfo } from '../report.js';

/**
 * One shard's report read back (`bg-lint merge`): bg-lint's own JSON (ESLint's result shape) or
 * SARIF, into the engine's types, so any formatter can print the union. Only what our formatters
 * write is understood; anything else is a ReportError that names the file and what is wrong.
 */
export interface ReadReport {
  files: FileReport[];
  /** Rule metadata the report carries (SARIF's tool.driver.rules); JSON carries none. */
  rules: RuleInfo[];
  /** The folder relative paths were written against (SARIF's %SRCROOT%), when the report says. */
  root?: string;
  toolVersion?: string;
}

export class ReportError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Parses one report's text; `name` is its path, for error messages. */
export function readReport(name: string, text: string): ReadReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ReportError(`${name}: not JSON (${(e as Error).message})`);
  }
  if (Array.isArray(doc)) return readEslintJson(name, doc);
  if (isObject(doc) && Array.isArray(doc.runs)) return readSarif(name, doc);
  throw new ReportError(`${name}: neither a bg-lint JSON report (an array of results) nor SARIF (an object with runs)`);
}

function readEslintJson(name: string, results: unknown[]): ReadReport {
  const files = results.map((r, i): FileReport => {
    if (!isObject(r) || typeof r.filePath !== 'string' || !Array.isArray(r.messages)) {
      throw new ReportError(`${name}: results[${i}] has no filePath and messages: not a bg-lint JSON report`);
    }
    const file = r.filePath;
    const diagnostics = r.messages.map((m, j): Diagnostic => {
      if (!isObject(m) || typeof m.ruleId !== 'string' || typeof m.message !== 'string') {
        throw new ReportError(`${name}: results[${i}].messages[${j}] has no ruleId and message`);
      }
      const severity: Severity = m.bgSeverity === 'info' ? 'info' : m.severity === 2 ? 'error' : 'warning';
      const line = num(m.line, 1);
      const column = num(m.column, 1);
      const d: Diagnostic = {
        ruleId: m.ruleId,
        severity,
        file,
        span: { start: { line, column }, end: { line: num(m.endLine, line), column: num(m.endColumn, column) } },
        message: m.message,
      };
      if (typeof m.bgHelp === 'string') d.help = m.bgHelp;
      if (typeof m.bgFingerprint === 'string') d.fingerprint = m.bgFingerprint;
      const fix = m.fix;
      if (isObject(fix) && Array.isArray(fix.range) && typeof fix.text === 'string') {
        const [start, end] = fix.range as unknown[];
        if (typeof start === 'number' && typeof end === 'number') {
          d.fix = { description: typeof m.bgFixDescription === 'string' ? m.bgFixDescription : 'apply the safe fix', edits: [{ start, end, text: fix.text }] };
        }
      }
      return d;
    });
    return { file, diagnostics };
  });
  return { files, rules: [] };
}

const SARIF_SEVERITY: Record<string, Severity> = { error: 'error', warning: 'warning', note: 'info', none: 'info' };

function readSarif(name: string, doc: Json): ReadReport {
  const byFile = new Map<string, Diagnostic[]>();
  const rules: RuleInfo[] = [];
  let root: string | undefined;
  let toolVersion: string | undefined;
  (doc.runs as unknown[]).forEach((run, r) => {
    if (!isObject(run)) throw new ReportError(`${name}: runs[${r}] is not an object`);
    const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : undefined;
    if (typeof driver?.version === 'string') toolVersion ??= driver.version;
    const bases = isObject(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
    const baseDir = (id: unknown): string | undefined => {
      const base = typeof id === 'string' ? bases[id] : undefined;
      if (!isObject(base) || typeof base.uri !== 'string') return undefined;
      try {
        // SARIF base URIs end with a slash; a folder path does not.
        return fileURLToPath(base.uri).replace(/(?<=.)\/$/, '');
      } catch {
        return undefined;
      }
    };
    root ??= baseDir('%SRCROOT%');
    for (const rule of Array.isArray(driver?.rules) ? driver.rules : []) {
      if (!isObject(rule) || typeof rule.id !== 'string') continue;
      const text = (v: unknown): string | undefined => (isObject(v) && typeof v.text === 'string' ? v.text : undefined);
      const level = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      rules.push({
        id: rule.id,
        name: typeof rule.name === 'string' ? rule.name : rule.id,
        description: text(rule.fullDescription) ?? text(rule.shortDescription) ?? rule.id,
        severity: SARIF_SEVERITY[String(level)] ?? 'warning',
        ...(text(rule.help) !== undefined ? { help: text(rule.help)! } : {}),
        ...(typeof rule.helpUri === 'string' ? { docs: rule.helpUri } : {}),
      });
    }
    const fileOf = (location: unknown): string | undefined => {
      if (!isObject(location) || typeof location.uri !== 'string') return undefined;
      const uri = location.uri;
      if (/^file:/.test(uri)) return fileURLToPath(uri);
      const base = baseDir(location.uriBaseId) ?? root ?? process.cwd();
      return resolve(base, ...uri.split('/').map(decodeURIComponent));
    };
    (Array.isArray(run.results) ? run.results : []).forEach((res: unknown, i: number) => {
      if (!isObject(res) || typeof res.ruleId !== 'string') throw new ReportError(`${name}: runs[${r}].results[${i}] has no ruleId`);
      const loc = Array.isArray(res.locations) && isObject(res.locations[0]) ? res.locations[0] : undefined;
      const physical = loc && isObject(loc.physicalLocation) ? loc.physicalLocation : undefined;
      const file = fileOf(physical?.artifactLocation);
      if (file === undefined) throw new ReportError(`${name}: runs[${r}].results[${i}] has no artifact location`);
      const region = physical && isObject(physical.region) ? physical.region : {};
      const line = num(region.startLine, 1);
      const column = num(region.startColumn, 1);
      const d: Diagnostic = {
        ruleId: res.ruleId,
        severity: SARIF_SEVERITY[String(res.level ?? 'warning')] ?? 'warning',
        file,
        span: { start: { line, column }, end: { line: num(region.endLine, line), column: num(region.endColumn, column) } },
        message: isObject(res.message) && typeof res.message.text === 'string' ? res.message.text : '',
      };
      const fp = isObject(res.partialFingerprints) ? Object.values(res.partialFingerprints).find((v) => typeof v === 'string') : undefined;
      if (typeof fp === 'string') d.fingerprint = fp;
      const fix = sarifFix(res.fixes);
      if (fix) d.fix = fix;
      const list = byFile.get(file) ?? [];
      list.push(d);
      byFile.set(file, list);
    });
    // Clean files are listed as artifacts: keep them, so the merged report still lists every file.
    for (const a of Array.isArray(run.artifacts) ? run.artifacts : []) {
      const file = isObject(a) ? fileOf(a.location) : undefined;
      if (file !== undefined && !byFile.has(file)) byFile.set(file, []);
    }
  });
  const files = [...byFile].map(([file, diagnostics]) => ({ file, diagnostics }));
  return { files, rules, ...(root !== undefined ? { root } : {}), ...(toolVersion !== undefined ? { toolVersion } : {}) };
}

function sarifFix(fixes: unknown): Fix | undefined {
  if (!Array.isArray(fixes) || !isObject(fixes[0])) return undefined;
  const first = fixes[0];
  const change = Array.isArray(first.artifactChanges) && isObject(first.artifactChanges[0]) ? first.artifactChanges[0] : undefined;
  const edits = (Array.isArray(change?.replacements) ? change.replacements : []).flatMap((rep: unknown) => {
    if (!isObject(rep) || !isObject(rep.deletedRegion)) return [];
    const start = rep.deletedRegion.charOffset;
    const length = rep.deletedRegion.charLength;
    const text = isObject(rep.insertedContent) && typeof rep.insertedContent.text === 'string' ? rep.insertedContent.text : '';
    return typeof start === 'number' && typeof length === 'number' ? [{ start, end: start + length, text }] : [];
  });
  if (edits.length === 0) return undefined;
  const description = isObject(first.description) && typeof first.description.text === 'string' ? first.description.text : 'apply the safe fix';
  return { description, edits };
}
