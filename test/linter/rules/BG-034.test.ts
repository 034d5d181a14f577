import { testRule } from '../../helpers/rule-tester.js';

testRule('BG-034', {
  valid: [
    {
      name: 'the failure written through the global knex after the rollback',
      files: {
        'src/tasks/sync.ts':
          'export async function runSync(id) {\n  const trx = await knex.transaction();\n  try {\n    await trx("sync_runs").where({ id }).update({ status: "running" });\n    await trx.commit();\n' +
          '  } catch (err) {\n    await trx.rollback();\n    await knex("sync_runs").where({ id }).update({ status: "failed", error_message: String(err) });\n  }\n}\n',
      },
    },
    {
      name: 'a fresh session for the failure update',
      files: {
        'src/tasks/sync.ts':
          'export async function runSync(id) {\n  const session = SessionLocal();\n  try {\n    await session.update(id, { status: "running" });\n  } catch (err) {\n' +
          '    const errorSession = SessionLocal();\n    try {\n      await errorSession.update(id, { status: "failed", error_message: String(err) });\n    } finally {\n      errorSession.close();\n    }\n  } finally {\n    session.close();\n  }\n}\n',
      },
    },
    {
      name: 'prisma.$transaction in the try, the global client in the catch; a repository in both',
      files: {
        'src/tasks/sync.ts':
          'export async function runSync(id) {\n  try {\n    await prisma.$transaction(async (tx) => {\n      await tx.syncRun.update({ where: { id }, data: { status: "running" } });\n    });\n' +
          '    await this.repo.update(id, { status: "completed" });\n  } catch (err) {\n    await prisma.syncRun.update({ where: { id }, data: { status: "failed", error_message: String(err) } });\n' +
          '    await this.repo.update(id, { status: "failed" });\n  }\n}\n',
      },
    },
    {
      name: 'a runtime dbTask',
      files: { 'src/tasks/sync.ts': 'export const t = rt.dbTask({ name: "s" }, async (ctx, job) => {\n  try { await ctx.session.save(job); } catch (e) { job.status = "failed"; await ctx.session.save(job); }\n});\n' },
    },
  ],
  invalid: [
    {
      name: 'the failure update through the same knex transaction as the try body',
      files: {
        'src/tasks/sync.ts':
          'export async function runSync(id) {\n  const trx = await knex.transaction();\n  try {\n    await trx("sync_runs").where({ id }).update({ status: "running" });\n    await trx.commit();\n' +
          '  } catch (err) {\n    await trx("sync_runs").where({ id }).update({ status: "failed", error_message: String(err) });\n    await trx.rollback();\n  }\n}\n',
      },
      errors: [{ line: 7, column: 11, messageId: 'failedSession', data: { session: 'trx', word: 'transaction' } }],
    },
    {
      name: 'a Drizzle transaction callback whose catch writes through tx',
      files: {
        'src/tasks/sync.ts':
          'export async function runSync(id) {\n  await db.transaction(async (tx) => {\n    try {\n      await tx.update(syncRuns).set({ status: "running" }).where(eq(syncRuns.id, id));\n' +
          '    } catch (err) {\n      await tx.update(syncRuns).set({ status: "failed", error_message: String(err) }).where(eq(syncRuns.id, id));\n    }\n  });\n}\n',
      },
      errors: [{ line: 6, column: 13, messageId: 'failedSession', data: { session: 'tx', word: 'transaction' } }],
    },
    {
      name: 'an in-memory change flushed through the forked em the try used',
      files: {
        'src/tasks/sync.ts':
          'export async function runSync(id) {\n  const em = orm.em.fork();\n  const job = await em.findOneOrFail(SyncRun, id);\n  try {\n    job.status = "running";\n    await em.flush();\n' +
          '  } catch (err) {\n    job.status = "failed";\n    job.error_message = String(err);\n    await em.flush();\n  }\n}\n',
      },
      errors: [{ line: 8, column: 5, messageId: 'failedSession', data: { session: 'em', word: 'session' } }],
    },
    {
      name: 'a helper called from the catch with the transaction',
      files: {
        'src/tasks/sync.ts':
          'async function markFailed(t, id, err) {\n  await t("sync_runs").where({ id }).update({ status: "failed", error_message: String(err) });\n}\n' +
          'export async function runSync(id) {\n  const trx = await knex.transaction();\n  try {\n    await trx("sync_runs").where({ id }).update({ status: "running" });\n' +
          '  } catch (err) {\n    await markFailed(trx, id, err);\n  }\n}\n',
      },
      errors: [{ line: 9, column: 11, messageId: 'failedSession', data: { session: 'trx', word: 'transaction' } }],
    },
  ],
});
