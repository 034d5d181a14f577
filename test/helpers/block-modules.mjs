// Preloaded with `node --import` by tests: any import of a package named in BG_LINT_BLOCK_MODULES
// (comma-separated) fails, as it would where that package is not installed.
import module from 'node:module';

const blocked = new Set((process.env.BG_LINT_BLOCK_MODULES ?? '').split(',').filter(Boolean));
const packageOf = (specifier) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);

module.registerHooks({
  resolve(specifier, context, next) {
    if (blocked.has(packageOf(specifier))) {
      const error = new Error(`Cannot find package '${specifier}' (blocked by the test)`);
      error.code = 'ERR_MODULE_NOT_FOUND';
      throw error;
    }
    return next(specifier, context);
  },
});
