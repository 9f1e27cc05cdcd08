// Serves the demo page on localhost: www/ at /, the built package at /pkg/, and the Java-signed
// vectors and sample webhooks the page's self-check uses. `make demo` runs it; tests import it.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const mounts = [
  ['/pkg/', join(root, 'pkg')],
  ['/vectors/', join(root, 'tests', 'vectors')],
  ['/examples/', join(root, 'examples')],
  ['/', join(root, 'www')],
];
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

function resolve(urlPath) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const rest = decodeURIComponent(urlPath.slice(prefix.length)) || 'index.html';
    const file = normalize(join(dir, rest));
    // Refuse paths that climb out of the mounted directory.
    return file.startsWith(dir + sep) ? file : null;
  }
  return null;
}

/** Starts the server; resolves to { server, url } once listening. */
export function startServer({ port = 8080, host = '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    const file = resolve(new URL(req.url, 'http://localhost').pathname);
    try {
      if (!file) throw new Error('forbidden');
      const data = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(data);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startServer({ port: Number(process.env.PORT ?? 8080) });
  console.log(`cardhook demo page: ${url}  (Ctrl-C to stop)`);
}
