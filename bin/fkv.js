#!/usr/bin/env node
// The fkv command (package.json "bin"). Runs the built file when `npm run build` made one, else the
// TypeScript source through tsx's loader, so `npx fkv --help` works right after `npm install`.
// FKV_CLI_SOURCE=1 always runs the source (the tests do, so they never test a stale build).
import { existsSync } from 'node:fs';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'fkv.js');

if (existsSync(built) && process.env.FKV_CLI_SOURCE !== '1') {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'main', 'cli', 'main.ts')).href);
}
