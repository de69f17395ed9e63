/**
 * Vite build of the browser app: web/ → web/dist. Relative asset paths (base './') so the built folder
 * works from any URL path; no CDN, everything bundled, so the app works offline. After the build a
 * one-line summary reports the bundle size (raw and gzip) of everything in web/dist.
 */
import { defineConfig, type Plugin } from 'vite';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const defaultOutDir = join(webRoot, 'dist');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

function bundleSizeReport(): Plugin {
  let outDir = defaultOutDir;
  return {
    name: 'cathodelab-bundle-size',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const files = listFiles(outDir);
      let raw = 0;
      let gz = 0;
      const rows: [string, number, number][] = [];
      for (const f of files) {
        const data = readFileSync(f);
        const g = /\.(js|css|html|svg|json)$/.test(f) ? gzipSync(data, { level: 9 }).length : data.length;
        raw += data.length;
        gz += g;
        rows.push([relative(outDir, f), data.length, g]);
      }
      rows.sort((a, b) => b[1] - a[1]);
      const kb = (n: number): string => (n / 1024).toFixed(1) + ' kB';
      const largest = rows.slice(0, 3).map(([n, r]) => `${n} ${kb(r)}`).join(', ');
      console.log(`bundle size: ${kb(raw)} (gzip ${kb(gz)}) in ${files.length} files; largest: ${largest}`);
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: './',
  publicDir: join(webRoot, 'public'),
  build: {
    outDir: defaultOutDir,
    emptyOutDir: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships a comment Rollup cannot place; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
    target: 'es2022',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 2000,
  },
  resolve: {
    // mdb-reader (Arbin .res) expects Node's `buffer` (the `buffer` package stands in) and crypto helpers
    // that only password-encrypted databases need; those are replaced by stubs that say so (see shims/).
    alias: [
      { find: /^buffer$/, replacement: 'buffer/' },
      { find: /^create-hash$/, replacement: join(webRoot, 'src/shims/create-hash.ts') },
      { find: /^browserify-aes\/browser\.js$/, replacement: join(webRoot, 'src/shims/browserify-aes.ts') },
    ],
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  plugins: [bundleSizeReport()],
});
