// The browser entry adds explicit initialisation: fetching and compiling the `.wasm` is async.
export * from './index.js';

/** Loads the WebAssembly module (from next to this file by default). Call once before anything else. */
export declare function init(
  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<void>;

/** Instantiates synchronously from bytes or a compiled module. */
export declare function initSync(module: BufferSource | WebAssembly.Module): void;
