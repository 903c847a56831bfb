/** Process exit codes of the tenant-mesh CLI. */
export const EXIT_OK = 0;
/** Something failed that is not the input's fault (network, server, a bug). */
export const EXIT_FAILURE = 1;
/** The input is invalid: a tenant file, the config, or a command line argument. */
export const EXIT_INVALID_INPUT = 2;
