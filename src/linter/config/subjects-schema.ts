import type { JsonSchema } from '../checks/check.js';

/* The `subjects` key's schema lives with config (which validates it); facts/project/subjects.ts holds the settings' type. */

const stringList: JsonSchema = { type: 'array', items: { type: 'string', minLength: 1 } };

function section(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', additionalProperties: false, properties };
}

/** Schema of the `subjects` key (config) and of `rules/subjects.yaml`; every key optional. */
export const subjectsSchema: JsonSchema = section({
  jobModel: section({
    files: stringList,
    nameEndings: stringList,
    nameSuffixes: stringList,
    tableFactories: stringList,
    tag: { type: 'string', minLength: 1 },
    nonOrmDecorators: stringList,
    statusField: { type: 'string', minLength: 1 },
    recordFields: stringList,
  }),
  statusType: section({ names: stringList }),
  taskFunction: section({
    files: stringList,
    workerClasses: stringList,
    processorDecorators: stringList,
    backgroundAdders: stringList,
    runtimeFactories: stringList,
    runtimeContextTypes: stringList,
  }),
  routeHandler: section({
    methods: stringList,
    controllerDecorators: stringList,
    methodDecorators: { type: 'object', additionalProperties: { type: 'string' } },
  }),
  triggerEndpoint: section({
    words: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
    rpcNonTriggerVerbs: stringList,
  }),
  frontend: section({ dirs: stringList, extensions: stringList, notDirs: stringList }),
});
