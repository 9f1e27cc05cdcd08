// Next.js App Router route handler on the Edge runtime: POST /webhooks/edge.
export { POST } from '../handler.js';

export const runtime = 'edge';
