import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Diagnostic, Severity } from '../../shared/diagnostic.js';
import type { Formatter, LintReport, RuleInfo } from '../report.js';
import { relativePath } from './paths.js';

/** SARIF's result type, taken from the builder so we need not depend on @types/sarif directly. */
type SarifResult = SarifResultBuilder['result'];
type SarifFix = NonNullable<SarifResult['fixes']>[number];
type SarifLevel = NonNullable<SarifResult['level']>;

/** Where a reader learns about the tool: the package's registry page. */
export const INFORMATION_URI = 'https://www.npmjs.com/package/bg-lint';
/** The uriBaseId every location is relative to; originalUriBaseIds maps it to the project root. */
const SRCROOT = '%SRCROOT%';
/** Versioned key of our partial fingerprint, so a future scheme can change it without clashing. */
const FINGERPRINT_KEY = 'bgLint/v1';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 for GitHub code scanning and SARIF viewers, built with node-sarif-builder (which
 * also fills ruleIndex and the artifact indexes). Locations are relative to %SRCROOT%, the project
 * root (with several roots, the nearest folder holding them all), so the log depends neither on the
 * machine nor on the folder it was produced from.
 */
export const sarif: Formatter = (report) => {
  const rules = sarifRules(report);
  const run = new SarifRunBuilder({
    columnKind: 'utf16CodeUnits',
    // SARIF requires a base URI to end with a slash.
    originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(srcRoot(report)).href.replace(/\/?$/, '/') } },
    artifacts: report.files.map((f) => ({ location: artifactLocation(report, f.file) })),
  }).initSimple({ toolDriverName: 'bg-lint', toolDriverVersion: report.toolVersion, url: INFORMATION_URI });
  for (const rule of rules) run.addRule(sarifRule(rule));
  for (const file of report.files) {
    for (const d of file.diagnostics) run.addResult(sarifResult(report, d));
  }
  const builder = new SarifBuilder({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json' });
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true });
};

function srcRoot(report: LintReport): string {
  return report.root ?? report.cwd;
}

/** The rules that ran, plus a bare descriptor for any other id a result uses (engine ids such as
 * `parse-error`), so every result has a ruleIndex. */
function sarifRules(report: LintReport): RuleInfo[] {
  const known = new Set(report.rules.map((r) => r.id));
  const extra = new Map<string, RuleInfo>();
  for (const d of report.files.flatMap((f) => f.diagnostics)) {
    if (!known.has(d.ruleId) && !extra.has(d.ruleId)) {
      extra.set(d.ruleId, { id: d.ruleId, name: d.ruleId, description: d.ruleId, severity: d.severity });
    }
  }
  return [...report.rules, ...[...extra.values()].sort((a, b) => (a.id < b.id ? -1 : 1))];
}

function sarifRule(rule: RuleInfo): SarifRuleBuilder {
  return new SarifRuleBuilder({
    id: rule.id,
    name: rule.name,
    shortDescription: { text: firstSentence(rule.description) },
    fullDescription: { text: rule.description },
    help: { text: rule.help ?? rule.description },
    // helpUri must be an absolute URI; a docs value that is a repository path is left out.
    helpUri: rule.docs && /^https?:\/\//.test(rule.docs) ? rule.docs : undefined,
    defaultConfiguration: { level: LEVEL[rule.severity] },
  });
}

function sarifResult(report: LintReport, d: Diagnostic): SarifResultBuilder {
  const result = new SarifResultBuilder().initSimple({
    level: LEVEL[d.severity],
    messageText: d.message,
    ruleId: d.ruleId,
    startLine: d.span.start.line,
    startColumn: d.span.start.column,
    endLine: d.span.end.line,
    endColumn: d.span.end.column,
  });
  result.setLocationArtifactUri(artifactLocation(report, d.file));
  result.result.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint(report, d) };
  if (d.fix) {
    const fix: SarifFix = {
      description: { text: d.fix.description },
      artifactChanges: [
        {
          // A fresh object: the builder writes the artifact index into the result's location.
          artifactLocation: artifactLocation(report, d.file),
          replacements: d.fix.edits.map((e) => ({
            deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
            insertedContent: { text: e.text },
          })),
        },
      ],
    };
    result.result.fixes = [fix];
  }
  return result;
}

/**
 * The engine sets `fingerprint` (rule, enclosing symbol, subject, message: stable under line
 * shifts and edits around the finding), the same key the baseline matches on. The fallback, for diagnostics built elsewhere, hashes the rule, relative path and
 * message: still free of line numbers, so findings keep their identity when code moves.
 */
function fingerprint(report: LintReport, d: Diagnostic): string {
  if (d.fingerprint) return d.fingerprint;
  return createHash('sha256')
    .update(`${d.ruleId}\0${relativePath(srcRoot(report), d.file)}\0${d.message}`)
    .digest('hex');
}

/** A relative URI reference: each path segment percent-encoded, so spaces, `#` or `:` in a file
 * name cannot turn it into a fragment or a scheme. */
function artifactLocation(report: LintReport, file: string) {
  const uri = relativePath(srcRoot(report), file).split('/').map(encodeURIComponent).join('/');
  return { uri, uriBaseId: SRCROOT };
}

function firstSentence(text: string): string {
  const match = /^[^\n]*?[.!?](?=\s|$)/.exec(text);
  return (match ? match[0] : (text.split('\n')[0] ?? text)).trim();
}
