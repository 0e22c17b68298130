import { describe, expect, it } from 'vitest';

import { decryptCryptoJsAes } from './crypto-js-aes.js';

const PASSPHRASE = 'c2VjcmV0LXBhc3NwaHJhc2U=';

describe('decryptCryptoJsAes', () => {
  it('reads what crypto-js AES.encrypt wrote (as Flowise 3.1.4 stores credentials)', () => {
    // require('crypto-js').AES.encrypt(JSON.stringify({openAIApiKey:'sk-vector-2'}), PASSPHRASE)
    const stored = 'U2FsdGVkX18Ic8t04Ib1sNmJIRInj1ObL0bMZzfn3WZwYi1D3HlIIGNURONbjIla';
    expect(decryptCryptoJsAes(stored, PASSPHRASE)).toBe('{"openAIApiKey":"sk-vector-2"}');
  });

  it('reads the same format from another implementation (openssl enc -aes-256-cbc -md md5)', () => {
    const stored = 'U2FsdGVkX1/Oe/BK/91QzPz63RqhynowX9UpPTpCOO6vMq5gvC36RaIJv2z7oAE+';
    expect(decryptCryptoJsAes(stored, PASSPHRASE)).toBe('{"openAIApiKey":"sk-vector-1"}');
  });

  it('refuses a wrong passphrase and text that is not in the format', () => {
    const stored = 'U2FsdGVkX18Ic8t04Ib1sNmJIRInj1ObL0bMZzfn3WZwYi1D3HlIIGNURONbjIla';
    expect(() => decryptCryptoJsAes(stored, 'wrong')).toThrow();
    expect(() => decryptCryptoJsAes(Buffer.from('plain text!').toString('base64'), 'x')).toThrow(
      'Salted__',
    );
  });
});
