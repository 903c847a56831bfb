/*
 * Jest resolver for ESM-only packages whose `exports` offer only an `import` condition
 * (kubernetes-models and @kubernetes-models/*). Jest resolves with `require` conditions and
 * would report "Cannot find module"; Backstage's Jest transform compiles the ESM files, so
 * resolving them with `import` conditions is all that is missing.
 */
const ESM_ONLY = /^(kubernetes-models|@kubernetes-models\/)/;

module.exports = (request, options) => {
  if (ESM_ONLY.test(request)) {
    return options.defaultResolver(request, {
      ...options,
      conditions: ['import', 'node', 'default'],
    });
  }
  return options.defaultResolver(request, options);
};
