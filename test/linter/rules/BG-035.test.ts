import { testRule } from '../../helpers/rule-tester.js';

const MAILER = 'export async function sendEmails(order) {\n  await mailer.send(order);\n}\n';

testRule('BG-035', {
  valid: [
    {
      name: 'void with .catch, awaited calls, sync calls',
      files: {
        'src/mail.ts': MAILER,
        'src/routes/orders.ts':
          'import { sendEmails } from "../mail";\nfunction audit(x) { return x; }\n' +
          'app.post("/api/orders", async (req, res) => {\n  void sendEmails(req.body).catch((err) => logger.error(err));\n  sendEmails(req.body).then(ok, (e) => log(e));\n' +
          '  await sendEmails(req.body);\n  audit(req.body);\n  res.json({});\n});\n',
      },
    },
    {
      name: 'try/catch inside the deferred function, and inside the called function',
      files: {
        'src/routes/orders.ts':
          'async function notify(id) {\n  try {\n    await mailer.send(id);\n  } catch (e) {\n    logger.error(e);\n  }\n}\n' +
          'app.post("/api/orders", async (req, res) => {\n  setImmediate(async () => {\n    try {\n      await work();\n    } catch (e) {\n      logger.error(e);\n    }\n  });\n' +
          '  void notify(1);\n  notify(2);\n  setTimeout(() => cleanup(), 10);\n  res.json({});\n});\n',
      },
    },
    {
      name: 'the runtime enqueue records failures itself',
      files: { 'src/routes/imports.ts': 'app.post("/api/imports", async (req, res) => {\n  void importTask.enqueue([req.body.id]);\n  rt.enqueue("import", [1]);\n  res.json({});\n});\n' },
    },
    {
      name: 'not an entry point',
      files: { 'src/services/orders.ts': 'async function sendEmails() {}\nexport function placeOrder() {\n  void sendEmails();\n}\n' },
    },
  ],
  invalid: [
    {
      name: 'void sendEmails() in a handler, and an un-awaited imported async function',
      files: {
        'src/mail.ts': MAILER,
        'src/routes/orders.ts':
          'import { sendEmails } from "../mail";\n' +
          'app.post("/api/orders", async (req, res) => {\n  void sendEmails(req.body);\n  sendEmails(req.body);\n  res.status(201).json({});\n});\n',
      },
      errors: [
        { file: 'src/routes/orders.ts', line: 3, column: 8, messageId: 'promiseUnobserved', data: { what: 'sendEmails()', how: 'void' } },
        { file: 'src/routes/orders.ts', line: 4, column: 3, messageId: 'promiseUnobserved', data: { what: 'sendEmails()', how: 'unawaited' } },
      ],
    },
    {
      name: 'setImmediate(async …) in a task, res.on("finish", async …) in a handler',
      files: {
        'src/tasks/import.ts': 'export async function runImport(id) {\n  setImmediate(async () => {\n    await work(id);\n  });\n}\n',
        'src/routes/imports.ts': 'router.post("/api/imports", (req, res) => {\n  res.on("finish", async () => {\n    await audit(req.body);\n  });\n  res.json({});\n});\n',
      },
      errors: [
        { file: 'src/routes/imports.ts', line: 2, column: 3, messageId: 'deferredUnobserved', data: { via: 'res.on' } },
        { file: 'src/tasks/import.ts', line: 2, column: 3, messageId: 'deferredUnobserved', data: { via: 'setImmediate' } },
      ],
    },
    {
      name: 'this.notify() in a NestJS controller and a dropped promise chain',
      files: {
        'src/orders/orders.controller.ts':
          '@Controller("orders")\nexport class OrdersController {\n  private async notify(id: string) {\n    await this.mailer.send(id);\n  }\n' +
          '  @Post()\n  create(@Body() body) {\n    this.notify(body.id);\n    fetchThing().then((r) => r.json());\n    return {};\n  }\n}\n',
      },
      errors: [
        { line: 8, column: 5, messageId: 'promiseUnobserved', data: { what: 'this.notify()', how: 'unawaited' } },
        { line: 9, column: 5, messageId: 'promiseUnobserved', data: { what: 'fetchThing().then()', how: 'unawaited' } },
      ],
    },
    {
      name: 'a runtime dbTask body that drops a promise',
      files: {
        'src/tasks/import.ts':
          'async function notify(id) {\n  await mailer.send(id);\n}\nexport const t = rt.dbTask({ name: "import" }, async (ctx, id) => {\n  void notify(id);\n});\n',
      },
      errors: [{ line: 5, column: 8, messageId: 'promiseUnobserved', data: { what: 'notify()', how: 'void' } }],
    },
  ],
});
