// How the browser entries load their module: fetched and compiled asynchronously by `init()` (or
// by the first async call), or instantiated from bytes or a compiled module by `initSync()`.
import { WebhookError } from './api.js';

/** `init`, `initSync` and the API's `initialize` / `initializeAsync` for one wasm-bindgen glue. */
export function browserLoader(glue) {
  let loaded = false;
  let loading;

  /** Loads the module: from next to the glue by default, or from a URL, Response, bytes or Module. */
  async function init(input) {
    if (loaded) return;
    loading ??= glue.default(input === undefined ? undefined : { module_or_path: input }).then(
      () => {
        loaded = true;
      },
      (err) => {
        loading = undefined;
        throw new WebhookError('WASM_LOAD_FAILED', `the WebAssembly module could not be loaded: ${err?.message ?? err}`);
      },
    );
    await loading;
  }

  /** Instantiates synchronously from bytes or a compiled `WebAssembly.Module`. */
  function initSync(module) {
    try {
      glue.initSync({ module });
    } catch (err) {
      throw new WebhookError('WASM_LOAD_FAILED', `the WebAssembly module could not be instantiated: ${err?.message ?? err}`);
    }
    loaded = true;
  }

  function initialize() {
    if (!loaded) {
      throw new WebhookError('NOT_INITIALIZED', 'cardhook is not initialised: `await init()` first (browser entry), or use verifyAsync, which loads it');
    }
  }

  return { init, initSync, initialize, initializeAsync: () => init() };
}
