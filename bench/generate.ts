/**
 * Generates a realistic, deterministic TypeScript project of N source files for `npm run bench`.
 *
 *   tsx bench/generate.ts [--sizes 1000,5000] [--out /tmp/bg-lint-bench]
 *
 * Layout (fractions of N): ~60 % neutral code (services, utils, DTOs, types; 50–300 lines each),
 * ~8 % models (TypeORM entities, interfaces, Drizzle tables; job models and plain ones; some inherit
 * `JobBase` from another file), ~8 % tasks (`src/tasks/`: status writes, try/catch, sessions),
 * ~10 % routes (Express routers, NestJS controllers, trigger endpoints), ~12 % pages
 * (`web/components/*.tsx` with polling, `static/js/*.js` Alpine pages). A few per cent of the files
 * break a rule, some in ways a syntactic tool sees (a 1000 ms setInterval, `execSync` in a handler,
 * a legacy `'processing'` status), some only in ways that need bg-lint (an imported interval
 * constant, a model missing an inherited field, a catch that only logs, no job_id in a response).
 * A few decoys look like violations to a pattern matcher but are not (a clock ticking every second,
 * `execSync` in a build helper, `user.status = 'error'` on a non-job record).
 *
 * The project is a git repository with 10 changed files staged (for `--staged`). It is written to
 * `<out>/<N>` and reused when `.bench-meta.json` there names the same generator version.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump whenever the output changes, so stale projects are regenerated. */
export const GENERATOR_VERSION = 7;
export const DEFAULT_OUT = '/tmp/bg-lint-bench';
const SEED = 0x5eed_b61;
const STAGED_FILES = 10;

export interface GeneratedProject {
  dir: string;
  /** Lintable source files written (= N). */
  files: number;
  /** Files written to break a rule on purpose, by kind (informational). */
  planted: Record<string, number>;
  /** Paths (relative) of the files staged in git. */
  staged: string[];
  reused: boolean;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const DOMAINS = [
  'invoice', 'customer', 'order', 'product', 'shipment', 'payment', 'inventory', 'report', 'catalog',
  'account', 'subscription', 'notification', 'warehouse', 'supplier', 'coupon', 'review', 'ticket',
  'marketplace', 'listing', 'refund', 'audit', 'billing', 'campaign', 'contract', 'document',
  'employee', 'project', 'team', 'tenant', 'webhook', 'asset', 'backup', 'price', 'quote', 'survey',
] as const;
const JOB_KINDS = ['Import', 'Export', 'Sync', 'Reindex', 'Backup', 'Digest', 'Render', 'Cleanup'] as const;
const JOB_ENDINGS = ['Job', 'Run', 'Scan', 'Task'] as const;
const FIELDS = [
  ['name', 'string'], ['email', 'string'], ['amount', 'number'], ['currency', 'string'], ['quantity', 'number'],
  ['notes', 'string | null'], ['active', 'boolean'], ['sku', 'string'], ['region', 'string'], ['priority', 'number'],
  ['externalId', 'string'], ['description', 'string'], ['weight', 'number'], ['label', 'string'], ['score', 'number'],
] as const;
const VERBS = ['load', 'find', 'build', 'compute', 'resolve', 'collect', 'normalize', 'merge', 'validate', 'render'] as const;

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const kebab = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

// ---------------------------------------------------------------------------------------------
// Planning: every file is decided before any is written, so imports point at files that exist.

type Kind =
  | 'service' | 'util' | 'dto' | 'types'
  | 'job-entity' | 'job-interface' | 'job-drizzle' | 'plain-entity' | 'plain-interface'
  | 'task' | 'express' | 'nest' | 'tsx-page' | 'js-page';

interface Planned {
  kind: Kind;
  index: number;
  path: string;
  domain: string;
  /** Exported names other files may import. */
  exports: string[];
  /** Break a rule on purpose. */
  bad: boolean;
  /** Which job model a task, route or page is about. */
  jobModel?: JobModelRef;
}

interface JobModelRef {
  name: string;
  path: string;
  /** TypeORM entity (class) the task can use with a repository; Drizzle tables are `const`s. */
  style: 'entity' | 'interface' | 'drizzle';
  /** Whether the task should write started_at etc. (snake) — all job models are snake_case. */
  tableVar?: string;
}

const WEIGHTS: [Kind, number][] = [
  ['service', 0.25], ['util', 0.15], ['dto', 0.12], ['types', 0.08],
  ['job-entity', 0.022], ['job-interface', 0.008], ['job-drizzle', 0.01], ['plain-entity', 0.025], ['plain-interface', 0.015],
  ['task', 0.08],
  ['express', 0.05], ['nest', 0.05],
  ['tsx-page', 0.07], ['js-page', 0.05],
];

/** Probability that a file of that kind breaks a rule. Tuned so a run reports findings in a few % of files. */
const BAD_RATE: Partial<Record<Kind, number>> = {
  'job-entity': 0.2, 'job-interface': 0.25, 'job-drizzle': 0.25,
  task: 0.14, express: 0.08, nest: 0.06, 'tsx-page': 0.08, 'js-page': 0.1,
};

/** Fixed support files every project has (they count towards N). */
const FIXED_FILES = [
  'src/models/base/job-base.ts',
  'src/models/job-status.ts',
  'src/db/data-source.ts',
  'src/db/drizzle.ts',
  'src/queue/queue.ts',
  'src/utils/logger.ts',
  'web/config.ts',
  'static/js/config.js',
  'src/tasks/registry.ts',
] as const;

function plan(n: number, rng: Rng): Planned[] {
  const variable = Math.max(0, n - FIXED_FILES.length);
  const counts = new Map<Kind, number>();
  let assigned = 0;
  for (const [kind, w] of WEIGHTS) {
    const c = Math.max(1, Math.round(variable * w));
    counts.set(kind, c);
    assigned += c;
  }
  // Put the rounding difference on services (neutral code).
  counts.set('service', (counts.get('service') ?? 0) + (variable - assigned));

  const planned: Planned[] = [];
  const seen = new Set<string>();
  for (const [kind] of WEIGHTS) {
    const c = counts.get(kind) ?? 0;
    for (let i = 0; i < c; i += 1) {
      const domain = rng.pick(DOMAINS);
      const bad = rng.chance(BAD_RATE[kind] ?? 0);
      const p = pathFor(kind, domain, i, rng);
      if (seen.has(p.path)) throw new Error(`duplicate path ${p.path}`);
      seen.add(p.path);
      planned.push({ kind, index: i, domain, bad, ...p });
    }
  }
  // Attach job models to tasks, routes and pages.
  const models: JobModelRef[] = planned
    .filter((p) => p.kind === 'job-entity' || p.kind === 'job-drizzle' || p.kind === 'job-interface')
    .map((p) => ({
      name: p.exports[0] ?? '',
      path: p.path,
      style: p.kind === 'job-entity' ? 'entity' : p.kind === 'job-drizzle' ? 'drizzle' : 'interface',
      ...(p.kind === 'job-drizzle' ? { tableVar: p.exports[0] ?? '' } : {}),
    }));
  const usable = models.filter((m) => m.style !== 'interface');
  for (const p of planned) {
    if (p.kind === 'task' || p.kind === 'express' || p.kind === 'nest') p.jobModel = rng.pick(usable);
  }
  return planned;
}

function pathFor(kind: Kind, domain: string, i: number, rng: Rng): { path: string; exports: string[] } {
  const D = pascal(domain);
  switch (kind) {
    case 'service':
      return { path: `src/services/${domain}/${domain}-${i}.service.ts`, exports: [`${D}Service${i}`] };
    case 'util':
      return { path: `src/utils/${domain}-${i}.ts`, exports: [`format${D}${i}`, `chunk${D}${i}`] };
    case 'dto':
      return { path: `src/dto/${domain}/${domain}-${i}.dto.ts`, exports: [`Create${D}Dto${i}`, `${D}View${i}`] };
    case 'types':
      return { path: `src/types/${domain}-${i}.ts`, exports: [`${D}Kind${i}`, `${D}_LIMITS_${i}`] };
    case 'job-entity': {
      const name = `${D}${rng.pick(JOB_KINDS)}V${i}${rng.pick(JOB_ENDINGS)}`;
      return { path: `src/models/${kebab(name)}.entity.ts`, exports: [name] };
    }
    case 'job-interface': {
      const name = `${D}${rng.pick(JOB_KINDS)}V${i}${rng.pick(JOB_ENDINGS)}`;
      return { path: `src/models/${kebab(name)}.model.ts`, exports: [name] };
    }
    case 'job-drizzle': {
      // Job model names must end in Job/Run/Scan/Task (plural for tables): the counter goes before.
      const table = `${domain}${rng.pick(JOB_KINDS)}V${i}${rng.pick(JOB_ENDINGS)}s`;
      return { path: `src/db/schema/${kebab(table)}.ts`, exports: [table] };
    }
    case 'plain-entity':
      return { path: `src/models/${domain}-${i}.entity.ts`, exports: [`${D}${i}`] };
    case 'plain-interface':
      return { path: `src/models/${domain}-record-${i}.model.ts`, exports: [`${D}Record${i}`] };
    case 'task':
      return { path: `src/tasks/${domain}-${i}.task.ts`, exports: [`run${D}Task${i}`] };
    case 'express':
      return { path: `src/routes/${domain}-${i}.routes.ts`, exports: [`${domain}Router${i}`] };
    case 'nest':
      return { path: `src/modules/${domain}-${i}/${domain}-${i}.controller.ts`, exports: [`${D}Controller${i}`] };
    case 'tsx-page':
      return { path: `web/components/${D}Status${i}.tsx`, exports: [`${D}Status${i}`] };
    case 'js-page':
      return { path: `static/js/${domain}-page-${i}.js`, exports: [`${domain}Page${i}`] };
  }
}

// ---------------------------------------------------------------------------------------------
// Code templates

function rel(from: string, to: string): string {
  const a = dirname(from).split('/');
  const b = to.replace(/\.(ts|tsx|js)$/, '').split('/');
  let k = 0;
  while (k < a.length && k < b.length - 1 && a[k] === b[k]) k += 1;
  const up = a.length - k;
  const path = [...Array<string>(up).fill('..'), ...b.slice(k)].join('/');
  return up === 0 ? `./${path}` : path;
}

function fixedFile(path: (typeof FIXED_FILES)[number]): string {
  switch (path) {
    case 'src/models/base/job-base.ts':
      return `import { Column, CreateDateColumn, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { JobStatus } from '../job-status';

/** Columns every job record shares: models extend it and inherit a compliant lifecycle. */
export abstract class JobBase {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ type: 'varchar', length: 30, default: 'pending' }) status!: JobStatus;
  @CreateDateColumn() created_at!: Date;
  @Column({ type: 'timestamptz', nullable: true }) started_at!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) completed_at!: Date | null;
  @Column({ type: 'text', nullable: true }) error_message!: string | null;
  @Column({ type: 'varchar', length: 100 }) triggered_by!: string;
}
`;
    case 'src/models/job-status.ts':
      return `export type JobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'completed_with_warnings';

export const FINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'completed_with_warnings'];

export function isFinal(status: JobStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
`;
    case 'src/db/data-source.ts':
      return `import { DataSource } from 'typeorm';

export const AppDataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [__dirname + '/../models/**/*.entity.{ts,js}'],
  synchronize: false,
  logging: process.env.NODE_ENV !== 'production',
});
`;
    case 'src/db/drizzle.ts':
      return `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

export const db = drizzle(pool);
`;
    case 'src/queue/queue.ts':
      return `import { Queue } from 'bullmq';

const connection = { host: process.env.REDIS_HOST ?? 'localhost', port: Number(process.env.REDIS_PORT ?? 6379) };

export const jobsQueue = new Queue('jobs', { connection });

export async function enqueue(name: string, data: Record<string, unknown>): Promise<string> {
  const job = await jobsQueue.add(name, data, { removeOnComplete: 1000, attempts: 3 });
  return String(job.id);
}
`;
    case 'src/utils/logger.ts':
      return `type Level = 'debug' | 'info' | 'warn' | 'error';

function write(level: Level, message: string, meta?: unknown): void {
  const line = JSON.stringify({ level, message, meta, at: new Date().toISOString() });
  if (level === 'error') console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (message: string, meta?: unknown) => write('debug', message, meta),
  info: (message: string, meta?: unknown) => write('info', message, meta),
  warn: (message: string, meta?: unknown) => write('warn', message, meta),
  error: (message: string, meta?: unknown) => write('error', message, meta),
};
`;
    case 'web/config.ts':
      return `export const SECOND = 1000;
export const POLL_INTERVAL_MS = 4 * SECOND;
export const FAST_POLL_MS = 1500;
export const API_BASE = '/api';
`;
    case 'src/tasks/registry.ts':
      throw new Error('written by registryFile');
    case 'static/js/config.js':
      return `export const POLL_INTERVAL_MS = 4000;
export const LEGACY_POLL_MS = 1000;
export const CLOCK_TICK_MS = 1000;
`;
  }
}

/** A neutral method body of roughly `lines` lines. */
function methodBody(rng: Rng, D: string, lines: number, indent: string): string[] {
  const out: string[] = [];
  const v = rng.pick(VERBS);
  out.push(`${indent}const started = Date.now();`);
  out.push(`${indent}const items = await this.repository.find({ where: { tenantId }, take: ${rng.int(10, 500)} });`);
  out.push(`${indent}const result: ${D}Summary[] = [];`);
  out.push(`${indent}for (const item of items) {`);
  let remaining = Math.max(0, lines - 10);
  while (remaining > 0) {
    const r = rng.int(0, 5);
    if (r === 0) {
      out.push(`${indent}  if (!item.active) {`, `${indent}    continue;`, `${indent}  }`);
      remaining -= 3;
    } else if (r === 1) {
      out.push(`${indent}  const key = \`\${item.region}:\${item.sku ?? 'none'}\`;`, `${indent}  this.cache.set(key, item);`);
      remaining -= 2;
    } else if (r === 2) {
      out.push(
        `${indent}  try {`,
        `${indent}    const price = await this.pricing.${v}Price(item.id, { currency: item.currency });`,
        `${indent}    item.amount = Math.round(price * item.quantity * 100) / 100;`,
        `${indent}  } catch (error) {`,
        `${indent}    this.logger.warn('pricing failed', { id: item.id, error });`,
        `${indent}  }`,
      );
      remaining -= 6;
    } else if (r === 3) {
      out.push(`${indent}  const tags = (item.label ?? '').split(',').map((t) => t.trim()).filter(Boolean);`);
      remaining -= 1;
    } else if (r === 4) {
      out.push(
        `${indent}  switch (item.priority) {`,
        `${indent}    case 1:`,
        `${indent}      this.metrics.increment('${kebab(D)}.high');`,
        `${indent}      break;`,
        `${indent}    default:`,
        `${indent}      this.metrics.increment('${kebab(D)}.normal');`,
        `${indent}  }`,
      );
      remaining -= 7;
    } else {
      out.push(`${indent}  result.push({ id: item.id, name: item.name, total: item.amount ?? 0, tags: [] });`);
      remaining -= 1;
    }
  }
  out.push(`${indent}}`);
  out.push(`${indent}this.logger.debug('${v} done', { ms: Date.now() - started, count: result.length });`);
  out.push(`${indent}return result;`);
  return out;
}

function serviceFile(p: Planned, rng: Rng, peers: Planned[]): string {
  const D = pascal(p.domain);
  const name = p.exports[0] ?? 'Service';
  const target = rng.int(50, 300);
  const dto = peers.length > 0 ? rng.pick(peers) : undefined;
  const lines: string[] = [
    `import { Injectable } from '@nestjs/common';`,
    `import { InjectRepository } from '@nestjs/typeorm';`,
    `import type { Repository } from 'typeorm';`,
    `import { logger } from '${rel(p.path, 'src/utils/logger.ts')}';`,
  ];
  if (dto) lines.push(`import type { ${dto.exports[0]} } from '${rel(p.path, dto.path)}';`);
  lines.push(
    '',
    `export interface ${D}Summary {`,
    '  id: string;',
    '  name: string;',
    '  total: number;',
    '  tags: string[];',
    '}',
    '',
    `/** ${D} operations used by the API and the admin screens. */`,
    '@Injectable()',
    `export class ${name} {`,
    '  private readonly cache = new Map<string, any>();',
    '  private readonly logger = logger;',
    '',
    '  constructor(',
    `    @InjectRepository('${D}') private readonly repository: Repository<any>,`,
    '    private readonly pricing: any,',
    '    private readonly metrics: { increment(name: string): void },',
    '  ) {}',
    '',
  );
  let m = 0;
  while (lines.length < target - 12) {
    const v = rng.pick(VERBS);
    const size = rng.int(8, 40);
    lines.push(`  async ${v}${D}s${m}(tenantId: string): Promise<${D}Summary[]> {`);
    lines.push(...methodBody(rng, D, size, '    '));
    lines.push('  }', '');
    m += 1;
    if (rng.chance(0.15)) {
      // Not a job: an account status, which no rule may report.
      lines.push(
        `  async deactivate${D}(id: string): Promise<void> {`,
        '    const record = await this.repository.findOneByOrFail({ id });',
        `    record.status = '${rng.pick(['active', 'disabled', 'archived'])}';`,
        '    await this.repository.save(record);',
        '  }',
        '',
      );
    }
  }
  if (dto) {
    lines.push(
      `  async create(input: ${dto.exports[0]}): Promise<string> {`,
      '    const saved = await this.repository.save({ ...input, createdAt: new Date() });',
      "    this.logger.info('created', { id: saved.id });",
      '    return saved.id;',
      '  }',
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}

function utilFile(p: Planned, rng: Rng, decoyExec: boolean): string {
  const D = pascal(p.domain);
  const [fmt, chunk] = p.exports;
  const target = rng.int(50, 250);
  const lines: string[] = [];
  if (decoyExec) lines.push(`import { execSync } from 'node:child_process';`, '');
  lines.push(
    `/** Formats a ${p.domain} amount for display, e.g. "1 234,50 EUR". */`,
    `export function ${fmt}(amount: number, currency = 'EUR', locale = 'fr-FR'): string {`,
    '  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);',
    '}',
    '',
    `/** Splits a list into chunks of at most \`size\` items. */`,
    `export function ${chunk}<T>(items: readonly T[], size: number): T[][] {`,
    '  if (size <= 0) throw new RangeError(`size must be positive, got ${size}`);',
    '  const out: T[][] = [];',
    '  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));',
    '  return out;',
    '}',
    '',
  );
  if (decoyExec) {
    lines.push(
      '/** Build-time helper (scripts only): the git revision baked into the bundle. */',
      `export function gitRevision${D}(): string {`,
      "  return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();",
      '}',
      '',
    );
  }
  let k = 0;
  while (lines.length < target) {
    const v = rng.pick(VERBS);
    const r = rng.int(0, 3);
    if (r === 0) {
      lines.push(
        `export async function retry${D}${k}<T>(fn: () => Promise<T>, attempts = ${rng.int(2, 6)}): Promise<T> {`,
        '  let lastError: unknown;',
        '  for (let attempt = 0; attempt < attempts; attempt += 1) {',
        '    try {',
        '      return await fn();',
        '    } catch (error) {',
        '      lastError = error;',
        `      await new Promise((resolve) => setTimeout(resolve, ${rng.int(50, 500)} * 2 ** attempt));`,
        '    }',
        '  }',
        '  throw lastError;',
        '}',
        '',
      );
    } else if (r === 1) {
      lines.push(
        `export function ${v}${D}Key${k}(parts: Array<string | number | undefined>): string {`,
        "  return parts.filter((p) => p !== undefined && p !== '').map(String).join(':').toLowerCase();",
        '}',
        '',
      );
    } else if (r === 2) {
      lines.push(
        `export function groupBy${D}${k}<T, K extends string>(items: T[], key: (item: T) => K): Record<K, T[]> {`,
        '  const groups = {} as Record<K, T[]>;',
        '  for (const item of items) {',
        '    const k = key(item);',
        '    (groups[k] ??= []).push(item);',
        '  }',
        '  return groups;',
        '}',
        '',
      );
    } else {
      lines.push(
        `export const ${v}${D}Defaults${k} = Object.freeze({`,
        `  pageSize: ${rng.int(10, 100)},`,
        `  timeoutMs: ${rng.int(1, 30) * 1000},`,
        `  region: '${rng.pick(['eu-west-1', 'us-east-1', 'ap-south-1'])}',`,
        `  retries: ${rng.int(0, 5)},`,
        '});',
        '',
      );
    }
    k += 1;
  }
  return lines.join('\n');
}

function dtoFile(p: Planned, rng: Rng): string {
  const D = pascal(p.domain);
  const [create, view] = p.exports;
  const fields = Array.from({ length: rng.int(6, 30) }, (_, i) => {
    const [f, t] = rng.pick(FIELDS);
    return [`${f}${i}`, t] as const;
  });
  const lines = [
    `import { IsBoolean, IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';`,
    '',
    `/** Payload of POST /${p.domain}s. */`,
    `export class ${create} {`,
  ];
  for (const [f, t] of fields) {
    if (t.includes('null')) lines.push('  @IsOptional()');
    lines.push(t.startsWith('number') ? '  @IsNumber()' : t.startsWith('boolean') ? '  @IsBoolean()' : `  @IsString() @MaxLength(${rng.int(20, 500)})`);
    lines.push(`  ${f}!: ${t};`, '');
  }
  lines.push('}', '', `/** What the API returns for a ${p.domain}. */`, `export interface ${view} {`, '  id: string;');
  for (const [f, t] of fields) lines.push(`  ${f}: ${t};`);
  lines.push('  createdAt: string;', '  updatedAt: string;', '}', '');
  lines.push(
    `export function to${view}(row: Record<string, any>): ${view} {`,
    '  return {',
    '    id: String(row.id),',
    ...fields.map(([f]) => `    ${f}: row.${snake(f)},`),
    '    createdAt: new Date(row.created_at).toISOString(),',
    '    updatedAt: new Date(row.updated_at).toISOString(),',
    '  };',
    '}',
    '',
  );
  return lines.join('\n');
}

function typesFile(p: Planned, rng: Rng): string {
  const D = pascal(p.domain);
  const [kind, limits] = p.exports;
  const members = Array.from({ length: rng.int(3, 12) }, (_, i) => `${D}${pascal(rng.pick(VERBS))}${i}`);
  const lines = [
    `export enum ${kind} {`,
    ...members.map((m) => `  ${m} = '${snake(m)}',`),
    '}',
    '',
    `export const ${limits} = {`,
    `  maxItems: ${rng.int(100, 10_000)},`,
    `  maxBytes: ${rng.int(1, 64)} * 1024 * 1024,`,
    `  ttlSeconds: ${rng.int(60, 86_400)},`,
    '} as const;',
    '',
    `export type ${D}Event${p.index} =`,
    ...members.map((m, i) => `  ${i === members.length - 1 ? '|' : '|'} { type: ${kind}.${m}; at: Date; payload: Record<string, unknown> }${i === members.length - 1 ? ';' : ''}`),
    '',
  ];
  while (lines.length < rng.int(50, 120)) {
    const i = lines.length;
    lines.push(
      `export interface ${D}Option${i} {`,
      `  key: '${p.domain}.${i}';`,
      `  enabled: boolean;`,
      `  weight?: number;`,
      '}',
      '',
    );
  }
  return lines.join('\n');
}

function jobEntityFile(p: Planned, rng: Rng): string {
  const name = p.exports[0] ?? 'Job';
  const table = snake(name);
  const inherit = rng.chance(0.45);
  const extra = Array.from({ length: rng.int(2, 8) }, (_, i) => {
    const [f, t] = rng.pick(FIELDS);
    return `  @Column(${t.includes('null') ? '{ nullable: true }' : ''}) ${snake(f)}_${i}!: ${t};`;
  });
  if (inherit) {
    // Compliant through inheritance (the fields are in another file). A bad one forgets nothing here,
    // so it stays compliant: the inherited-field check is what's exercised.
    return [
      `import { Column, Entity } from 'typeorm';`,
      `import { JobBase } from '${rel(p.path, 'src/models/base/job-base.ts')}';`,
      '',
      `/** ${pascal(p.domain)} background job: lifecycle fields come from JobBase. */`,
      `@Entity('${table}')`,
      `export class ${name} extends JobBase {`,
      ...extra,
      p.bad ? `  @Column({ type: 'int', default: 0 }) processed_count!: number;` : `  @Column({ type: 'int', default: 0 }) total_count!: number;`,
      '}',
      '',
    ].join('\n');
  }
  const lines = [
    `import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';`,
    `import type { JobStatus } from '${rel(p.path, 'src/models/job-status.ts')}';`,
    '',
    `@Entity('${table}')`,
    `export class ${name} {`,
    `  @PrimaryGeneratedColumn('uuid') id!: string;`,
  ];
  const badWay = p.bad ? rng.int(0, 2) : -1;
  if (badWay === 0) lines.push(`  @Column({ default: 'pending' }) state!: string;`);
  else if (badWay === 1) lines.push(`  @Column({ nullable: true }) status?: JobStatus;`);
  else lines.push(`  @Index() @Column({ type: 'varchar', length: 30, default: 'pending' }) status!: JobStatus;`);
  lines.push(`  @CreateDateColumn() created_at!: Date;`);
  if (badWay !== 2) lines.push(`  @Column({ type: 'timestamptz', nullable: true }) started_at!: Date | null;`);
  lines.push(`  @Column({ type: 'timestamptz', nullable: true }) completed_at!: Date | null;`);
  if (badWay === -1) {
    lines.push(`  @Column({ type: 'text', nullable: true }) error_message!: string | null;`);
    lines.push(`  @Column({ type: 'varchar', length: 100 }) triggered_by!: string;`);
  }
  lines.push(...extra, '}', '');
  return lines.join('\n');
}

function jobInterfaceFile(p: Planned): string {
  const name = p.exports[0] ?? 'Job';
  return [
    `import type { JobStatus } from '${rel(p.path, 'src/models/job-status.ts')}';`,
    '',
    `/** Row shape of the ${snake(name)} table (read by the admin dashboard). */`,
    `export interface ${name} {`,
    '  id: string;',
    '  status: JobStatus;',
    '  created_at: Date;',
    '  started_at: Date | null;',
    '  completed_at: Date | null;',
    ...(p.bad ? [] : ['  error_message: string | null;', '  triggered_by: string;']),
    '  progress: number;',
    '}',
    '',
  ].join('\n');
}

function jobDrizzleFile(p: Planned, rng: Rng): string {
  const name = p.exports[0] ?? 'jobs';
  const table = snake(name);
  const badWay = p.bad ? rng.int(0, 1) : -1;
  return [
    `import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';`,
    '',
    `const JOB_STATUSES = ['pending', 'running', 'completed', 'failed', 'completed_with_warnings'] as const;`,
    '',
    `export const ${name} = pgTable(`,
    `  '${table}',`,
    '  {',
    `    id: uuid('id').primaryKey().defaultRandom(),`,
    badWay === 0
      ? `    status: text('status').default('pending'),`
      : `    status: text('status', { enum: JOB_STATUSES }).notNull().default('pending'),`,
    `    created_at: timestamp('created_at').notNull().defaultNow(),`,
    `    started_at: timestamp('started_at'),`,
    `    completed_at: timestamp('completed_at'),`,
    ...(badWay === 1 ? [] : [`    error_message: text('error_message'),`]),
    `    triggered_by: text('triggered_by').notNull(),`,
    `    item_count: integer('item_count').notNull().default(0),`,
    '  },',
    badWay === 0 ? '  () => [],' : `  (t) => [index('${table}_status_idx').on(t.status)],`,
    ');',
    '',
  ].join('\n');
}

function plainEntityFile(p: Planned, rng: Rng): string {
  const name = p.exports[0] ?? 'Thing';
  const fields = Array.from({ length: rng.int(4, 16) }, (_, i) => {
    const [f, t] = rng.pick(FIELDS);
    return `  @Column(${t.includes('null') ? '{ nullable: true }' : ''}) ${f}${i}!: ${t};`;
  });
  return [
    `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';`,
    '',
    `/** Not a job: its status is an account state. */`,
    '@Entity()',
    `export class ${name} {`,
    `  @PrimaryGeneratedColumn('uuid') id!: string;`,
    `  @Column({ default: 'active' }) status!: 'active' | 'disabled' | 'error';`,
    ...fields,
    '}',
    '',
  ].join('\n');
}

function plainInterfaceFile(p: Planned, rng: Rng): string {
  const name = p.exports[0] ?? 'Thing';
  const fields = Array.from({ length: rng.int(4, 20) }, (_, i) => {
    const [f, t] = rng.pick(FIELDS);
    return `  ${f}${i}: ${t};`;
  });
  return [`export interface ${name} {`, '  id: string;', ...fields, '  createdAt: Date;', '}', ''].join('\n');
}

function importModel(p: Planned): string[] {
  const m = p.jobModel;
  if (!m) return [];
  return [`import { ${m.name} } from '${rel(p.path, m.path)}';`];
}

function taskFile(p: Planned, rng: Rng): string {
  const fn = p.exports[0] ?? 'runTask';
  const m = p.jobModel;
  // 0: legacy status ('processing'), 1: a catch that only logs, 2: a session parameter,
  // 3: 'error' written in the catch. Legacy values are the commonest in real code bases.
  const badWay = p.bad ? rng.pick([0, 0, 1, 2, 3]) : -1;
  const work = Array.from({ length: rng.int(2, 10) }, (_, i) => `    await step${i}(job.id, batch);`);
  const helpers = Array.from({ length: work.length }, (_, i) => [
    `async function step${i}(jobId: string, batch: unknown[]): Promise<void> {`,
    `  logger.debug('step ${i}', { jobId, size: batch.length });`,
    `  await new Promise((resolve) => setImmediate(resolve));`,
    '}',
    '',
  ]).flat();
  const lines: string[] = [`import { logger } from '${rel(p.path, 'src/utils/logger.ts')}';`];

  if (m?.style === 'drizzle') {
    const t = m.tableVar ?? m.name;
    lines.push(
      `import { eq } from 'drizzle-orm';`,
      `import { db } from '${rel(p.path, 'src/db/drizzle.ts')}';`,
      ...importModel(p),
      '',
      ...helpers,
      `export async function ${fn}(jobId: string): Promise<void> {`,
      `  const [job] = await db.select().from(${t}).where(eq(${t}.id, jobId));`,
      `  if (!job) throw new Error(\`job \${jobId} not found\`);`,
      `  logger.info('${kebab(fn)} started', { jobId });`,
      `  await db.update(${t}).set({ status: '${badWay === 0 ? 'processing' : 'running'}', started_at: new Date() }).where(eq(${t}.id, jobId));`,
      '  try {',
      '    const batch: unknown[] = [];',
      ...work,
      `    await db.update(${t}).set({ status: 'completed', completed_at: new Date() }).where(eq(${t}.id, jobId));`,
      `    logger.info('${kebab(fn)} completed', { jobId });`,
      '  } catch (error) {',
      ...(badWay === 1
        ? [`    logger.error('${kebab(fn)} failed', { jobId, error });`]
        : [
            `    logger.error('${kebab(fn)} failed', { jobId, error });`,
            `    await db.update(${t}).set({ status: 'failed', error_message: String(error), completed_at: new Date() }).where(eq(${t}.id, jobId));`,
          ]),
      '  }',
      '}',
      '',
    );
    return lines.join('\n');
  }

  const E = m?.name ?? 'JobBase';
  lines.push(
    `import type { EntityManager } from 'typeorm';`,
    `import { AppDataSource } from '${rel(p.path, 'src/db/data-source.ts')}';`,
    ...importModel(p),
    '',
    ...helpers,
    badWay === 2
      ? `export async function ${fn}(jobId: string, em: EntityManager): Promise<void> {`
      : `export async function ${fn}(jobId: string): Promise<void> {`,
    ...(badWay === 2
      ? ['  const queryRunner = em.queryRunner ?? AppDataSource.createQueryRunner();']
      : ['  const queryRunner = AppDataSource.createQueryRunner();']),
    '  await queryRunner.connect();',
    `  const repo = queryRunner.manager.getRepository(${E});`,
    '  const job = await repo.findOneByOrFail({ id: jobId });',
    `  logger.info('${kebab(fn)} started', { jobId });`,
    `  job.status = '${badWay === 0 ? rng.pick(['processing', 'fetching']) : 'running'}';`,
    '  job.started_at = new Date();',
    '  await repo.save(job);',
    '  try {',
    `    const batch = await queryRunner.query('SELECT * FROM ${p.domain}_items WHERE job_id = $1 LIMIT ${rng.int(100, 5000)}', [jobId]);`,
    ...work,
    `    job.status = '${badWay === 0 && rng.chance(0.5) ? 'passed' : 'completed'}';`,
    '    job.completed_at = new Date();',
    '    await repo.save(job);',
    `    logger.info('${kebab(fn)} completed', { jobId });`,
    '  } catch (error) {',
  );
  if (badWay === 1) {
    lines.push('    // Swallowed: the job stays "running" forever.', `    logger.error('${kebab(fn)} failed', { jobId, error });`);
  } else if (badWay === 3) {
    lines.push(
      `    logger.error('${kebab(fn)} failed', { jobId, error });`,
      "    job.status = 'error';",
      '    job.error_message = error instanceof Error ? error.message : String(error);',
      '    await repo.save(job);',
    );
  } else {
    lines.push(
      `    logger.error('${kebab(fn)} failed', { jobId, error });`,
      '    const fresh = AppDataSource.createQueryRunner();',
      '    try {',
      `      await fresh.manager.update(${E}, jobId, {`,
      "        status: 'failed',",
      '        error_message: error instanceof Error ? error.message : String(error),',
      '        completed_at: new Date(),',
      '      });',
      '    } finally {',
      '      await fresh.release();',
      '    }',
    );
  }
  lines.push('  } finally {', '    await queryRunner.release();', '  }', '}', '');
  return lines.join('\n');
}

function expressFile(p: Planned, rng: Rng): string {
  const router = p.exports[0] ?? 'router';
  const base = `/${p.domain}s`;
  const kind = rng.pick(['import', 'export', 'sync', 'scan']);
  const badWay = p.bad ? rng.int(0, 1) : -1;
  const lines = [
    `import { Router, type Request, type Response } from 'express';`,
    ...(badWay === 0 ? [`import { execSync } from 'node:child_process';`] : []),
    `import { enqueue } from '${rel(p.path, 'src/queue/queue.ts')}';`,
    `import { AppDataSource } from '${rel(p.path, 'src/db/data-source.ts')}';`,
    `import { logger } from '${rel(p.path, 'src/utils/logger.ts')}';`,
    '',
    `export const ${router} = Router();`,
    '',
    `${router}.get('${base}', async (req: Request, res: Response) => {`,
    '  const page = Number(req.query.page ?? 1);',
    `  const rows = await AppDataSource.query('SELECT * FROM ${p.domain}s ORDER BY id LIMIT 50 OFFSET $1', [(page - 1) * 50]);`,
    '  res.json({ items: rows, page });',
    '});',
    '',
    `${router}.get('${base}/:id', async (req: Request, res: Response) => {`,
    `  const [row] = await AppDataSource.query('SELECT * FROM ${p.domain}s WHERE id = $1', [req.params.id]);`,
    "  if (!row) return res.status(404).json({ error: 'not found' });",
    '  return res.json(row);',
    '});',
    '',
    `${router}.post('${base}/${kind}', async (req: Request, res: Response) => {`,
    '  try {',
  ];
  if (badWay === 0) lines.push(`    execSync('tar -czf /tmp/${p.domain}-${kind}.tgz /var/data/${p.domain}');`);
  lines.push(
    `    const jobId = await enqueue('${p.domain}.${kind}', { triggeredBy: \`manual:\${req.header('x-user') ?? 'anonymous'}\`, params: req.body });`,
    `    logger.info('${p.domain} ${kind} queued', { jobId });`,
    badWay === 1 ? `    res.status(202).json({ ok: true, queued: true });` : `    res.status(202).json({ job_id: jobId });`,
    '  } catch (error) {',
    `    logger.error('${p.domain} ${kind} failed to queue', { error });`,
    "    res.status(500).json({ error: 'could not queue' });",
    '  }',
    '});',
    '',
  );
  for (let i = 0; i < rng.int(0, 4); i += 1) {
    lines.push(
      `${router}.put('${base}/:id/field${i}', async (req: Request, res: Response) => {`,
      `  await AppDataSource.query('UPDATE ${p.domain}s SET field${i} = $1 WHERE id = $2', [req.body.value, req.params.id]);`,
      '  res.status(204).end();',
      '});',
      '',
    );
  }
  return lines.join('\n');
}

function nestFile(p: Planned, rng: Rng): string {
  const cls = p.exports[0] ?? 'Controller';
  const D = pascal(p.domain);
  const kind = rng.pick(['export', 'import', 'sync', 'run']);
  const key = kind === 'run' ? 'runId' : 'jobId';
  return [
    `import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';`,
    `import { InjectQueue } from '@nestjs/bullmq';`,
    `import type { Queue } from 'bullmq';`,
    '',
    `@Controller('${p.domain}s')`,
    `export class ${cls} {`,
    `  constructor(@InjectQueue('${p.domain}') private readonly queue: Queue, private readonly service: any) {}`,
    '',
    '  @Get()',
    `  async list(@Query('page') page = '1') {`,
    '    return this.service.list(Number(page));',
    '  }',
    '',
    "  @Get(':id')",
    "  async findOne(@Param('id') id: string) {",
    '    return this.service.findOne(id);',
    '  }',
    '',
    `  @Post('${kind}')`,
    `  async ${kind}${D}(@Body() body: Record<string, unknown>) {`,
    `    const record = await this.service.createJob('${kind}', body);`,
    `    await this.queue.add('${p.domain}.${kind}', { id: record.id });`,
    p.bad ? '    return { accepted: true };' : `    return { ${key}: record.id };`,
    '  }',
    '}',
    '',
  ].join('\n');
}

function tsxPageFile(p: Planned, rng: Rng, decoyClock: boolean): string {
  const C = p.exports[0] ?? 'Status';
  const style = rng.int(0, 1);
  const badWay = p.bad ? rng.int(0, 2) : -1;
  const imports = [`import { useEffect, useState } from 'react';`];
  if (style === 1) imports.push(`import { useQuery } from '@tanstack/react-query';`);
  imports.push(`import { ${badWay === 2 ? 'FAST_POLL_MS' : 'POLL_INTERVAL_MS'}, API_BASE } from '../config';`);
  const interval = badWay === 0 ? String(rng.pick([1000, 500, 2000])) : badWay === 1 ? String(rng.pick([10000, 15000, 30000])) : badWay === 2 ? 'FAST_POLL_MS' : rng.pick(['POLL_INTERVAL_MS', '4000', '3000', '5 * 1000']);
  const lines = [
    ...imports,
    '',
    'interface JobView {',
    '  id: string;',
    "  status: 'pending' | 'running' | 'completed' | 'failed';",
    '  progress: number;',
    '  error_message?: string | null;',
    '}',
    '',
    `export function ${C}({ jobId }: { jobId: string }) {`,
  ];
  if (style === 1) {
    lines.push(
      '  const { data: job } = useQuery({',
      `    queryKey: ['job', jobId],`,
      `    queryFn: () => fetch(\`\${API_BASE}/jobs/\${jobId}\`).then((r) => r.json() as Promise<JobView>),`,
      `    refetchInterval: ${interval},`,
      '  });',
    );
  } else {
    lines.push(
      '  const [job, setJob] = useState<JobView | null>(null);',
      '  useEffect(() => {',
      '    const timer = setInterval(async () => {',
      `      const res = await fetch(\`\${API_BASE}/jobs/\${jobId}\`);`,
      '      const next = (await res.json()) as JobView;',
      '      setJob(next);',
      "      if (next.status === 'completed' || next.status === 'failed') clearInterval(timer);",
      `    }, ${interval});`,
      '    return () => clearInterval(timer);',
      '  }, [jobId]);',
    );
  }
  if (decoyClock) {
    lines.push(
      '  const [now, setNow] = useState(() => new Date());',
      '  useEffect(() => {',
      '    const tick = setInterval(() => setNow(new Date()), 1000);',
      '    return () => clearInterval(tick);',
      '  }, []);',
    );
  }
  lines.push(
    '  if (!job) return <p className="muted">Loading…</p>;',
    '  return (',
    '    <section className="job-status">',
    `      <h2>${pascal(p.domain)} job {job.id}</h2>`,
    '      <progress value={job.progress} max={100} />',
    '      <p>Status: {job.status}</p>',
    "      {job.error_message ? <p className=\"error\">{job.error_message}</p> : null}",
    ...(decoyClock ? ['      <small>{now.toLocaleTimeString()}</small>'] : []),
    '    </section>',
    '  );',
    '}',
    '',
  );
  for (let i = 0; i < rng.int(0, 6); i += 1) {
    lines.push(
      `export function ${C}Row${i}({ label, value }: { label: string; value: number }) {`,
      '  return (',
      '    <tr>',
      '      <td>{label}</td>',
      '      <td className="num">{value.toFixed(2)}</td>',
      '    </tr>',
      '  );',
      '}',
      '',
    );
  }
  return lines.join('\n');
}

function jsPageFile(p: Planned, rng: Rng): string {
  const name = p.exports[0] ?? 'page';
  const kind = rng.pick(['import', 'export', 'sync', 'scan']);
  const badWay = p.bad ? rng.int(0, 1) : -1;
  const interval = badWay === 0 ? String(rng.pick([1000, 2000, 500])) : badWay === 1 ? 'LEGACY_POLL_MS' : rng.pick(['POLL_INTERVAL_MS', '3000', '4000']);
  return [
    `import { CLOCK_TICK_MS, LEGACY_POLL_MS, POLL_INTERVAL_MS } from './config.js';`,
    '',
    `export function ${name}() {`,
    '  return {',
    '    job: null,',
    '    timer: null,',
    '    clock: null,',
    '    now: new Date(),',
    '    async init() {',
    '      await this.checkActiveTask();',
    '      this.clock = setInterval(() => { this.now = new Date(); }, CLOCK_TICK_MS);',
    '    },',
    '    async checkActiveTask() {',
    `      const res = await fetch('/api/${p.domain}s/${kind}/active');`,
    '      const body = await res.json();',
    '      if (body.job_id) this.startPolling(body.job_id);',
    '    },',
    '    async start() {',
    `      const res = await fetch('/api/${p.domain}s/${kind}', { method: 'POST' });`,
    '      const body = await res.json();',
    '      this.startPolling(body.job_id);',
    '    },',
    '    startPolling(jobId) {',
    `      this.timer = setInterval(() => this.pollStatus(jobId), ${interval});`,
    '    },',
    '    async pollStatus(jobId) {',
    '      const res = await fetch(`/api/jobs/${jobId}`);',
    '      this.job = await res.json();',
    "      if (['completed', 'failed', 'completed_with_warnings'].includes(this.job.status)) clearInterval(this.timer);",
    '    },',
    '  };',
    '}',
    '',
    `document.addEventListener('alpine:init', () => {`,
    `  window.Alpine.data('${name}', ${name});`,
    '});',
    '',
  ].join('\n');
}

/** The task registry (BG-022): most job models are registered; about one in ten is forgotten. */
function registryFile(planned: Planned[], rng: Rng): string {
  const path = 'src/tasks/registry.ts';
  const models = planned.filter((p) => p.kind === 'job-entity' || p.kind === 'job-drizzle' || p.kind === 'job-interface');
  const registered = models.filter(() => !rng.chance(0.1));
  return [
    ...registered.map((m) => `import ${m.kind === 'job-interface' ? 'type ' : ''}{ ${m.exports[0]} } from '${rel(path, m.path)}';`),
    '',
    '/** Every job model the monitoring dashboard and the stale-job reaper watch. */',
    'export const TASK_MODELS = {',
    ...registered.filter((m) => m.kind !== 'job-interface').map((m) => `  ${snake(m.exports[0] ?? '')}: ${m.exports[0]},`),
    '} as const;',
    '',
    ...(registered.some((m) => m.kind === 'job-interface')
      ? [
          '/** Row types read by the admin dashboard (interfaces: registered by type). */',
          'export type TaskModelRows =',
          ...registered.filter((m) => m.kind === 'job-interface').map((m) => `  | ${m.exports[0]}`),
          '  | never;',
          '',
        ]
      : []),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Writing

function projectFiles(n: number): { files: Map<string, string>; planted: Record<string, number> } {
  const rng = new Rng(SEED ^ n);
  const planned = plan(n, rng);
  const files = new Map<string, string>();
  const planted: Record<string, number> = {};
  for (const f of FIXED_FILES) if (f !== 'src/tasks/registry.ts') files.set(f, fixedFile(f));
  files.set('src/tasks/registry.ts', registryFile(planned, rng));
  const dtos = planned.filter((p) => p.kind === 'dto');
  for (const p of planned) {
    if (p.bad) planted[p.kind] = (planted[p.kind] ?? 0) + 1;
    let text: string;
    switch (p.kind) {
      case 'service': text = serviceFile(p, rng, dtos.length > 0 && rng.chance(0.6) ? dtos : []); break;
      case 'util': {
        const decoy = rng.chance(0.01);
        if (decoy) planted['decoy:execSync-in-util'] = (planted['decoy:execSync-in-util'] ?? 0) + 1;
        text = utilFile(p, rng, decoy);
        break;
      }
      case 'dto': text = dtoFile(p, rng); break;
      case 'types': text = typesFile(p, rng); break;
      case 'job-entity': text = jobEntityFile(p, rng); break;
      case 'job-interface': text = jobInterfaceFile(p); break;
      case 'job-drizzle': text = jobDrizzleFile(p, rng); break;
      case 'plain-entity': text = plainEntityFile(p, rng); break;
      case 'plain-interface': text = plainInterfaceFile(p, rng); break;
      case 'task': text = taskFile(p, rng); break;
      case 'express': text = expressFile(p, rng); break;
      case 'nest': text = nestFile(p, rng); break;
      case 'tsx-page': {
        const decoy = rng.chance(0.1);
        if (decoy) planted['decoy:clock-setInterval-1000'] = (planted['decoy:clock-setInterval-1000'] ?? 0) + 1;
        text = tsxPageFile(p, rng, decoy);
        break;
      }
      case 'js-page': text = jsPageFile(p, rng); break;
    }
    files.set(p.path, text);
  }
  if (files.size !== n) throw new Error(`planned ${files.size} files, wanted ${n}`);
  return { files, planted };
}

const PROJECT_EXTRAS: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'bench-app', private: true, type: 'commonjs' }, null, 2) + '\n',
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'commonjs', strict: true, jsx: 'react-jsx', experimentalDecorators: true,
      emitDecoratorMetadata: true, skipLibCheck: true, allowJs: true, outDir: 'dist',
    },
    include: ['src', 'web', 'static'],
  }, null, 2) + '\n',
  '.gitignore': 'node_modules/\ndist/\n.bench-meta.json\n',
};

interface Meta {
  version: number;
  n: number;
  files: number;
  planted: Record<string, number>;
  staged: string[];
}

/** git in `dir` as a bench user (no global config needed); also used by real-project.ts. */
export function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Writes (or reuses) the project of `n` files under `out`. */
export function generateProject(n: number, out = DEFAULT_OUT): GeneratedProject {
  const dir = join(out, String(n));
  const metaPath = join(dir, '.bench-meta.json');
  if (existsSync(metaPath)) {
    try {
      const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Meta;
      if (meta.version === GENERATOR_VERSION && meta.n === n) {
        return { dir, files: meta.files, planted: meta.planted, staged: meta.staged, reused: true };
      }
    } catch {
      // regenerate
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const { files, planted } = projectFiles(n);
  for (const [path, text] of [...files, ...Object.entries(PROJECT_EXTRAS)]) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  // A git repository with 10 changed files staged, for `--staged`.
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'generated project']);
  const candidates = [...files.keys()].filter((p) => p.startsWith('src/services/') || p.startsWith('src/tasks/') || p.startsWith('web/'));
  const step = Math.max(1, Math.floor(candidates.length / STAGED_FILES));
  const staged = candidates.filter((_, i) => i % step === 0).slice(0, STAGED_FILES);
  for (const p of staged) {
    const full = join(dir, p);
    writeFileSync(full, readFileSync(full, 'utf8') + '\nexport const stagedChange = true;\n');
  }
  git(dir, ['add', '--', ...staged]);
  const meta: Meta = { version: GENERATOR_VERSION, n, files: files.size, planted, staged };
  writeFileSync(metaPath, JSON.stringify(meta, null, 2) + '\n');
  return { dir, files: files.size, planted, staged, reused: false };
}

function parseSizes(argv: string[]): { sizes: number[]; out: string } {
  let sizes = [1000, 5000];
  let out = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--sizes') sizes = (argv[++i] ?? '').split(',').map((s) => Number(s.replace(/_/g, '')));
    else if (argv[i] === '--out') out = argv[++i] ?? out;
  }
  if (sizes.some((s) => !Number.isInteger(s) || s < 50)) throw new Error('--sizes: integers >= 50, comma-separated');
  return { sizes, out };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { sizes, out } = parseSizes(process.argv.slice(2));
  for (const n of sizes) {
    const t = Date.now();
    const g = generateProject(n, out);
    console.log(`${g.dir}: ${g.files} files ${g.reused ? '(reused)' : `generated in ${((Date.now() - t) / 1000).toFixed(1)} s`}; planted: ${JSON.stringify(g.planted)}`);
  }
}
