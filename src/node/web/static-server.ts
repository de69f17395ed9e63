/**
 * A small static file server for the built browser app (web/dist). It serves files only from its root
 * folder: the URL path is decoded once, resolved against the root, and both the lexical path and the
 * real path (after symlinks) must stay inside the root, so `..`, encoded `%2e%2e`, backslashes and
 * symlinks cannot reach other files. GET and HEAD only; no directory listings.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

/** MIME types of everything a Vite build emits (plus a few common extras). */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The app loads nothing from other origins (it works offline); the policy makes that a guarantee and
 * keeps an injected script from phoning home. Workers come from the same origin (or blob: in dev).
 */
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

export interface StaticServerOptions {
  /** Folder to serve (must exist). */
  root: string;
  /** Interface to listen on; default 127.0.0.1 (this machine only). */
  host?: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
}

export interface RunningServer {
  server: Server;
  host: string;
  port: number;
  url: string;
  close(): Promise<void>;
}

function isInside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Maps a request path to a file inside `root`, or returns an HTTP status for why not.
 * Exported for tests.
 */
export function resolveRequestPath(root: string, rawUrl: string): { file: string } | { status: 400 | 403 | 404 } {
  const pathPart = rawUrl.split('?')[0].split('#')[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return { status: 400 };
  // Any `..` segment is refused outright rather than normalised away.
  if (decoded.split('/').some((seg) => seg === '..')) return { status: 403 };
  const realRoot = realpathSync(root);
  let candidate = resolve(realRoot, '.' + decoded);
  if (!isInside(realRoot, candidate)) return { status: 403 };
  let st;
  try {
    st = statSync(candidate);
    if (st.isDirectory()) {
      candidate = join(candidate, 'index.html');
      st = statSync(candidate);
    }
  } catch {
    return { status: 404 };
  }
  if (!st.isFile()) return { status: 404 };
  // A symlink inside the root may point outside it.
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return { status: 404 };
  }
  if (!isInside(realRoot, real)) return { status: 403 };
  return { file: real };
}

function send(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(message), 'X-Content-Type-Options': 'nosniff' });
  res.end(message);
}

function handle(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'method not allowed\n');
    return;
  }
  const r = resolveRequestPath(root, req.url ?? '/');
  if ('status' in r) {
    send(res, r.status, r.status === 404 ? 'not found\n' : r.status === 403 ? 'forbidden\n' : 'bad request\n');
    return;
  }
  const size = statSync(r.file).size;
  const ext = extname(r.file).toLowerCase();
  res.writeHead(200, {
    'Content-Type': MIME_TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': size,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': CSP,
    // Hashed asset names never change content; the page itself is always revalidated.
    'Cache-Control': r.file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(r.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** Starts the server; resolves once it is listening. */
export function startStaticServer(options: StaticServerOptions): Promise<RunningServer> {
  const root = resolve(options.root);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    try {
      handle(root, req, res);
    } catch {
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy();
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolvePromise({
        server,
        host,
        port,
        url: `http://${urlHost}:${port}/`,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}
