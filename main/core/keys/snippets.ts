// The API snippets of Flowise's own "API" dialog. The on-screen version carries a placeholder;
// only the text that goes to the clipboard carries the key.
export type SnippetLanguage = 'curl' | 'python' | 'javascript';

export const KEY_PLACEHOLDER = '<your API key>';

export function predictionSnippet(
  language: SnippetLanguage,
  baseUrl: string,
  chatflowId: string,
  key: string | undefined,
): string {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/prediction/${encodeURIComponent(chatflowId)}`;
  const auth = key === undefined ? undefined : `Bearer ${key}`;
  switch (language) {
    case 'curl':
      return [
        `curl ${url} \\`,
        '  -X POST \\',
        '  -H "Content-Type: application/json" \\',
        ...(auth === undefined ? [] : [`  -H "Authorization: ${auth}" \\`]),
        `  -d '{"question": "Hey, how are you?"}'`,
      ].join('\n');
    case 'python':
      return [
        'import requests',
        '',
        `API_URL = "${url}"`,
        ...(auth === undefined ? [] : [`headers = {"Authorization": "${auth}"}`]),
        '',
        'def query(payload):',
        `    response = requests.post(API_URL, json=payload${auth === undefined ? '' : ', headers=headers'})`,
        '    return response.json()',
        '',
        'output = query({"question": "Hey, how are you?"})',
      ].join('\n');
    case 'javascript':
      return [
        'async function query(data) {',
        `  const response = await fetch("${url}", {`,
        '    method: "POST",',
        '    headers: {',
        ...(auth === undefined ? [] : [`      Authorization: "${auth}",`]),
        '      "Content-Type": "application/json"',
        '    },',
        '    body: JSON.stringify(data)',
        '  });',
        '  return response.json();',
        '}',
        '',
        'query({ question: "Hey, how are you?" }).then(console.log);',
      ].join('\n');
  }
}
