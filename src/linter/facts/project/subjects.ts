/**
 * The vocabulary that decides what the rules talk about (rules.md, "Subjects"). Defaults live in
 * `rules/subjects.yaml` (data, not code); a project's `.bg-lint.yaml` `subjects:` key overrides any
 * of them, list by list (a list given in config replaces the default list).
 */
export interface SubjectSettings {
  jobModel: {
    /** Globs of files whose declarations may be job models. */
    files: string[];
    /** A model's name ends in one of these (plurals and `_job`-style table names are derived). */
    nameEndings: string[];
    /** Optional words after the ending: `ImportJobEntity`, `ScanRunTable`. */
    nameSuffixes: string[];
    /** Table builder calls: `export const importJobs = pgTable('import_jobs', {...})`. */
    tableFactories: string[];
    /** JSDoc tag that makes any declaration a job model: `/** @bgJobModel *\/`. */
    tag: string;
    /** Class decorators that do not declare a table (GraphQL types, DI): such a class is not ORM-declared. */
    nonOrmDecorators: string[];
    /** The status field's name. */
    statusField: string;
    /**
     * The lifecycle fields of a job record whose writes are facts (record-writes.ts): a write of
     * one of them to a value of unknown type, in a task file, is taken as a job record write. The
     * status field is always one.
     */
    recordFields: string[];
  };
  statusType: {
    /** Names of status enums / `as const` objects: exact names or `*` globs. */
    names: string[];
  };
  taskFunction: {
    files: string[];
    /** `new Worker(name, processor)` constructors (BullMQ). */
    workerClasses: string[];
    /** Class decorators whose `process` method is a task (NestJS `@Processor`). */
    processorDecorators: string[];
    /** Calls whose function argument is background work: `backgroundTasks.add(fn)`. */
    backgroundAdders: string[];
    /** The bundled runtime's task factories: tasks defined through them are compliant by construction. */
    runtimeFactories: string[];
    /**
     * Types of the runtime's task context: a function whose first parameter has one of them is a
     * runtime task body (`export async function run(ctx: TaskContext, id)` passed to `rt.dbTask`).
     */
    runtimeContextTypes: string[];
  };
  routeHandler: {
    /** HTTP method names registered as `app.get(path, handler)`. */
    methods: string[];
    controllerDecorators: string[];
    /** Method decorator name → HTTP method. */
    methodDecorators: Record<string, string>;
  };
  triggerEndpoint: {
    /** Words that make a POST route a trigger, with the key its response must carry. */
    words: Record<string, string>;
    /** Verbs that end an RPC path (`imports.list`) and make it a read or a removal, not a trigger. */
    rpcNonTriggerVerbs: string[];
  };
  frontend: {
    /** Folder names that hold frontend code. */
    dirs: string[];
    /** Extensions that are frontend wherever they are. */
    extensions: string[];
    /** Folder names that are never frontend (a backend `app/`). */
    notDirs: string[];
  };
}
