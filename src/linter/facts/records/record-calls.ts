import { ts } from 'ts-morph';
import { unwrap } from '../syntax/fold.js';

/**
 * How the ORM and driver calls that carry a job record's fields use their object arguments: which
 * objects are written (`.set({…})`, `data: {…}`, `$set`) and which only select records (filters:
 * `where: {…}`, `findBy({…})`, the first argument of `updateOne(filter, update)`).
 */

/** Methods whose object arguments only select records. */
const FILTER_METHODS = new Set([
  'find', 'findOne', 'findBy', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findAndCount', 'findAndCountBy',
  'findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow',
  'count', 'countBy', 'countDocuments', 'exists', 'existsBy', 'exist',
  'delete', 'deleteOne', 'deleteMany', 'remove', 'softDelete',
  'where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving',
]);

/** Methods taking `(filter, update)`: the first object selects, the later ones write. */
const FILTER_THEN_UPDATE_METHODS = new Set([
  'update', 'updateOne', 'updateMany', 'findOneAndUpdate', 'findByIdAndUpdate', 'replaceOne', 'findOneAndReplace',
]);

/** Keys whose object value is written (Prisma `data`/`create`/`update`, MongoDB `$set`, query builders' `set`/`values`). */
export const WRITE_KEYS = new Set(['data', 'create', 'update', '$set', '$setOnInsert', 'set', 'values']);

/** Keys whose object (or array of objects) value selects records. */
export const FILTER_KEYS = new Set(['where', 'filter', 'query', '$match', '$or', '$and', '$nor', 'OR', 'AND', 'NOT']);

/** Keys whose value is neither written nor a filter on values: projections, ordering, paging. */
export const IGNORED_KEYS = new Set(['select', 'include', 'omit', 'orderBy', 'order', 'sort', 'projection', 'relations', 'cursor', 'take', 'skip', 'limit', 'distinct', '$project', '$sort']);

/** Operators whose operand is compared with the field, not written: Prisma, MongoDB, Sequelize. */
export const COMPARE_OPERATORS = new Set(['in', 'notIn', 'not', 'equals', '$in', '$nin', '$ne', '$eq', '$not', 'eq', 'ne', 'Op.in', 'Op.ne']);

/** Functions comparing a column with a value or values: TypeORM `In([...])`, Drizzle `eq(col, v)`. */
export const COMPARE_FUNCTIONS = new Set(['In', 'Not', 'Equal', 'Any', 'eq', 'ne', 'inArray', 'notInArray']);

/** Calls that print, never write: a status in a log line is not a status write. */
const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'verbose', 'dir', 'table']);

export function methodName(call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) return callee.name.text;
  return undefined;
}

export function isLogCall(call: ts.CallExpression): boolean {
  const name = methodName(call);
  return name !== undefined && LOG_METHODS.has(name);
}

/** Does the call's object argument at `index` write fields (true) or select records (false)? */
export function argumentWrites(call: ts.CallExpression, index: number): boolean {
  const name = methodName(call) ?? '';
  if (FILTER_METHODS.has(name)) return false;
  if (FILTER_THEN_UPDATE_METHODS.has(name)) {
    const objects = call.arguments.filter((a) => ts.isObjectLiteralExpression(unwrap(a)));
    // `update(filter, update)`; `update(id, {…})` and Prisma's `update({ where, data })` write.
    return !(objects.length >= 2 && unwrap(call.arguments[index]!) === unwrap(objects[0]!));
  }
  return true;
}

/**
 * The outermost call of a method chain a call is part of: for the `.set({…})` in
 * `trx.update(importJobs).set({…}).where(…)`, the whole `….where(…)` call.
 */
export function outermostCall(call: ts.CallExpression): ts.CallExpression {
  let current = call;
  for (;;) {
    const access = current.parent;
    if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== current) return current;
    const next = access.parent;
    if (!next || !ts.isCallExpression(next) || next.expression !== access) return current;
    current = next;
  }
}

/**
 * The root receiver of a call chain: what the chain goes through. `trx` for
 * `trx.update(t).set({…})`, `manager` for `manager.getRepository(Job).save(…)`, `this.jobRepo` for
 * `this.jobRepo.update(…)`. Undefined for a bare function call (`save(job)`).
 */
export function chainReceiver(call: ts.CallExpression): ts.Expression | undefined {
  let callee = unwrap(call.expression);
  for (;;) {
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    let owner = unwrap(callee.expression);
    while (ts.isAwaitExpression(owner)) owner = unwrap(owner.expression);
    if (!ts.isCallExpression(owner)) return owner;
    callee = unwrap(owner.expression);
  }
}
