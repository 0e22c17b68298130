import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';

import { isAppError } from '../../../common/errors.js';
import { quoteEnvValue, setEnvVariable } from './env-rewrite.js';

const KEY = 'FLOWISE_API_KEY';

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('setEnvVariable', () => {
  it('changes only the value and keeps comments, blank lines and order', () => {
    const text = [
      '# settings for the chat app',
      '',
      'PORT=3000',
      `${KEY}=old-key # rotated by the vault`,
      '  # indented comment',
      'DEBUG=false',
      '',
    ].join('\n');
    const { text: out, appended } = setEnvVariable(text, KEY, 'new-key');
    expect(appended).toBe(false);
    expect(out).toBe(text.replace('old-key', 'new-key'));
  });

  it('keeps an export prefix', () => {
    const text = `export A=1\nexport ${KEY}="old"\nexport B=2\n`;
    expect(setEnvVariable(text, KEY, 'new').text).toBe(
      `export A=1\nexport ${KEY}=new\nexport B=2\n`,
    );
  });

  it('keeps CRLF line breaks and adds a missing variable with CRLF too', () => {
    const text = `A=1\r\n${KEY}=old\r\nB=2\r\n`;
    expect(setEnvVariable(text, KEY, 'new').text).toBe(`A=1\r\n${KEY}=new\r\nB=2\r\n`);
    expect(setEnvVariable('A=1\r\n', KEY, 'new').text).toBe(`A=1\r\n${KEY}=new\r\n`);
  });

  it('keeps a missing trailing newline, in place and when appending', () => {
    expect(setEnvVariable(`A=1\n${KEY}=old`, KEY, 'new').text).toBe(`A=1\n${KEY}=new`);
    expect(setEnvVariable('A=1\n# last', KEY, 'new')).toEqual({
      text: `A=1\n# last\n${KEY}=new`,
      appended: true,
    });
  });

  it('appends a missing variable at the end, and writes an empty file as one line', () => {
    expect(setEnvVariable('A=1\n', KEY, 'new')).toEqual({
      text: `A=1\n${KEY}=new\n`,
      appended: true,
    });
    expect(setEnvVariable('', KEY, 'new').text).toBe(`${KEY}=new\n`);
  });

  it('fills an empty value and keeps the comment after it', () => {
    expect(setEnvVariable(`${KEY}= # fill me\n`, KEY, 'new').text).toBe(`${KEY}=new # fill me\n`);
    expect(setEnvVariable(`${KEY}=\nB=2\n`, KEY, 'new').text).toBe(`${KEY}=new\nB=2\n`);
  });

  it('replaces a quoted value that holds # and =, keeping the other quoted values as written', () => {
    const text = `A="x # not a comment"\n${KEY}='a=b#c'\nC=\`z=1\`\n`;
    const out = setEnvVariable(text, KEY, 'd=e#f').text;
    expect(out).toBe(`A="x # not a comment"\n${KEY}='d=e#f'\nC=\`z=1\`\n`);
    expect(parse(out)).toEqual({ A: 'x # not a comment', [KEY]: 'd=e#f', C: 'z=1' });
  });

  it('refuses a variable defined twice, naming it, and writes nothing', () => {
    const error = refusal(() => setEnvVariable(`${KEY}=a\nB=1\nexport ${KEY}=b\n`, KEY, 'new'));
    expect(isAppError(error, 'conflict')).toBe(true);
    expect((error as Error).message).toContain(`${KEY} is defined 2 times`);
    expect((error as Error).message).not.toContain('new');
  });

  it('does not take a commented-out definition for a second one', () => {
    const text = `# ${KEY}=older\n${KEY}=old\n`;
    expect(setEnvVariable(text, KEY, 'new').text).toBe(`# ${KEY}=older\n${KEY}=new\n`);
  });

  it('refuses a name dotenv cannot read', () => {
    expect(
      isAppError(
        refusal(() => setEnvVariable('', 'MY KEY', 'v')),
        'precondition_failed',
      ),
    ).toBe(true);
  });
});

describe('quoteEnvValue', () => {
  const values = [
    'fk-AbC_123.xyz',
    'has # hash',
    'a=b=c',
    'with spaces inside',
    '  leading and trailing  ',
    "it's",
    'say "hi"',
    `both ' and "`,
    'two\nlines',
    'back\\slash',
    '#start',
    '',
  ];
  it.each(values)('reads back through dotenv.parse unchanged: %j', (value) => {
    const line = `K=${quoteEnvValue(value)}`;
    expect(parse(line).K).toBe(value);
    expect(parse(`${line} # comment\nNEXT=1\n`)).toEqual({ K: value, NEXT: '1' });
    expect(parse(setEnvVariable(`A=1\nK=old\nB=2\n`, 'K', value).text)).toEqual({
      A: '1',
      K: value,
      B: '2',
    });
  });

  it('leaves a plain API key unquoted', () => {
    expect(quoteEnvValue('abcDEF-123_x.y')).toBe('abcDEF-123_x.y');
  });

  it('refuses a value that no dotenv quoting can carry, without quoting the value', () => {
    const value = `' " \` all three`;
    const error = refusal(() => quoteEnvValue(value, KEY));
    expect(isAppError(error, 'precondition_failed')).toBe(true);
    expect((error as Error).message).toContain(KEY);
    expect((error as Error).message).not.toContain('all three');
  });
});
