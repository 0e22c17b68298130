// Reads a credential the way the real Flowise server keeps it: the row in its SQLite database and
// `encryptedData` decrypted with the server's own key ($SECRETKEY_PATH/encryption.key, which
// flowise-server.ts points at <dataDir>/secret). Lets a test prove what a change did to a secret
// the API never shows. The sqlite3 binding is the one the Flowise install built for itself.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { decryptCryptoJsAes } from './crypto-js-aes.js';
import { installDir } from './flowise-install.js';

interface Row {
  name: string;
  credentialName: string;
  encryptedData: string;
}

interface Database {
  configure(option: 'busyTimeout', ms: number): void;
  get(sql: string, params: unknown[], done: (error: Error | null, row?: Row) => void): void;
  close(done?: (error: Error | null) => void): void;
}

interface Sqlite3 {
  OPEN_READONLY: number;
  Database: new (path: string, mode: number, done: (error: Error | null) => void) => Database;
}

export interface StoredCredential {
  name: string;
  credentialName: string;
  /** Exactly what Flowise decrypts for its nodes, secrets included. */
  data: Record<string, unknown>;
}

function sqlite3(): Sqlite3 {
  const require = createRequire(join(installDir(), 'index.js'));
  return require('sqlite3') as Sqlite3;
}

async function readRow(dataDir: string, id: string): Promise<Row | undefined> {
  const { Database, OPEN_READONLY } = sqlite3();
  const file = join(dataDir, 'db', 'database.sqlite');
  const db = await new Promise<Database>((resolve, reject) => {
    const opened: Database = new Database(file, OPEN_READONLY, (error) => {
      if (error === null) resolve(opened);
      else reject(error);
    });
  });
  db.configure('busyTimeout', 5000);
  try {
    return await new Promise<Row | undefined>((resolve, reject) => {
      db.get(
        'SELECT name, credentialName, encryptedData FROM credential WHERE id = ?',
        [id],
        (error, row) => {
          if (error === null) resolve(row);
          else reject(error);
        },
      );
    });
  } finally {
    db.close();
  }
}

/** The stored credential with its data decrypted, or undefined when no row has this id. */
export async function readStoredCredential(
  dataDir: string,
  id: string,
): Promise<StoredCredential | undefined> {
  const row = await readRow(dataDir, id);
  if (row === undefined) return undefined;
  // Flowise reads the file as is, without trimming, and uses the text as the passphrase.
  const passphrase = await readFile(join(dataDir, 'secret', 'encryption.key'), 'utf8');
  const data = JSON.parse(decryptCryptoJsAes(row.encryptedData, passphrase)) as Record<
    string,
    unknown
  >;
  return { name: row.name, credentialName: row.credentialName, data };
}
