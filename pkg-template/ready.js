// `init` and `initSync` for entries that load the module themselves on first use (Node, Bun, Deno,
// Workers, edge runtimes, module workers): nothing to do, exported so code shared with a browser
// build type-checks and runs unchanged.

/** Nothing to do here: the module loads on first use. */
export async function init() {}

/** Nothing to do here: the module loads on first use. */
export function initSync() {}
