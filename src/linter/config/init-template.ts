/**
 * What `bg-lint init` writes: every key of `.bg-lint.yaml` explained, with examples commented
 * out, so the file validates as written and documents itself. A test loads it.
 */
export const INIT_TEMPLATE = `# yaml-language-server: $schema=./node_modules/bg-lint/schema/config.schema.json
# bg-lint configuration. Found by bg-lint from the working directory upward.
# Paths and globs below are relative to this file's folder (the project root).

# Rule packs to load, in order. "bg-lint:recommended" is the bundled pack (the default when
# "extends" is absent); other entries are rule files or folders of *.yaml rule files.
extends:
  - bg-lint:recommended
  # - ./lint/background-rules.yaml

# Per-rule overrides by id: a level (off, info, warning, error), or a mapping with "severity"
# and/or "options" (merged over the rule's options; a list given here replaces the rule's list).
# An id no loaded rule has is an error, so typos do not silently do nothing.
rules: {}
#   BG-041: off
#   BG-010:
#     severity: error
#     options: {}

# The vocabulary the rules talk about: what is a job model, a task, a route, a page.
# Each list given here replaces the bundled default list (see the schema for every key).
subjects: {}
#   jobModel:
#     files: ["src/db/**", "**/*.entity.ts"]
#     statusField: state
#   taskFunction:
#     files: ["src/queues/**"]

# Globs never linted, added to the defaults: **/node_modules/**, **/dist/**, **/build/**,
# **/out/**, **/coverage/**, **/.next/**.
ignore: []
#   - "**/generated/**"
#   - "legacy/**"

# tsconfig.json for rules that use types. Default: tsconfig.json next to this file, if any.
# tsconfig: ./tsconfig.json
`;

/** The top-level keys the template explains (a test keeps this in step with the config schema). */
export const CONFIG_KEYS_DOCUMENTED = ['extends', 'rules', 'subjects', 'ignore', 'tsconfig'];
