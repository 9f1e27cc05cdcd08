// Next.js App Router route handler on the Node.js runtime: POST /webhooks/node.
export { POST } from '../handler.js';

export const runtime = 'nodejs';
