/** The names of a config file. Its own module: finding project roots must not load the YAML and schema code. */
export const CONFIG_NAMES = ['.bg-lint.yaml', '.bg-lint.yml'] as const;
