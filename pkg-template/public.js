// Exports shared by every entry point; each entry adds the API built by `createApi`.
export { ERROR_CODES, WebhookError } from './api.js';
