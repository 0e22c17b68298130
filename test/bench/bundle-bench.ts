// The renderer's JavaScript as shipped (dist/renderer, so run after the keys render bench or
// `npm run build`), gzipped, beside the floor any React renderer starts from: React and ReactDOM
// alone (createRoot and one element), built by Vite with the renderer's target and minifier.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

import { build } from 'vite';

import type { BenchRow } from './bench-row.js';

const TARGET_KB = 250;
const repoRoot = resolve(import.meta.dirname, '../..');
const FLOOR_ID = '\0fkv-react-floor';
const FLOOR_SOURCE =
  "import { createRoot } from 'react-dom/client'; import { jsx } from 'react/jsx-runtime';" +
  "createRoot(document.body).render(jsx('p', {}));";

/** Every .js file under dir, gzipped at level 9, in kB of 1,000 bytes. */
async function gzippedJsKb(dir: string): Promise<{ kb: number; files: number }> {
  const files = (await readdir(dir, { recursive: true })).filter((e) => e.endsWith('.js'));
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(join(dir, file)), { level: 9 }).length;
  return { kb: bytes / 1000, files: files.length };
}

async function reactFloorKb(): Promise<number> {
  const outDir = await mkdtemp(join(tmpdir(), 'fkv-bench-react-'));
  try {
    await build({
      configFile: false,
      root: repoRoot,
      logLevel: 'silent',
      plugins: [
        {
          name: 'fkv-react-floor',
          resolveId: (id) => (id === 'virtual:react-floor' ? FLOOR_ID : undefined),
          load: (id) => (id === FLOOR_ID ? FLOOR_SOURCE : undefined),
        },
      ],
      build: {
        outDir,
        emptyOutDir: true,
        target: 'chrome140',
        minify: true,
        rolldownOptions: { input: 'virtual:react-floor' },
      },
    });
    return (await gzippedJsKb(outDir)).kb;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

export async function runBundleBench(): Promise<BenchRow[]> {
  const ours = await gzippedJsKb(join(repoRoot, 'dist/renderer'));
  if (ours.files === 0) throw new Error('No JavaScript in dist/renderer: run `npm run build`.');
  const floor = await reactFloorKb();
  return [
    {
      name: `renderer JavaScript gzipped (${String(ours.files)} file${ours.files === 1 ? '' : 's'}) vs React + ReactDOM alone`,
      ours: ours.kb,
      reference: floor,
      ratio: ours.kb / floor,
      unit: 'kB',
      target: `ours ≤ ${String(TARGET_KB)} kB`,
      pass: ours.kb <= TARGET_KB,
      note: 'zlib level 9, 1 kB = 1,000 bytes; both built by Vite, minified, target chrome140',
    },
  ];
}
