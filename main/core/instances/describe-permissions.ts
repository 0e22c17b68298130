// Turns a key's permission strings into the sentence the Instances page shows, e.g. "This key can
// view, create, update and delete API keys, and view credentials."

const SUBJECTS: Record<string, string> = {
  apikeys: 'API keys',
  chatflows: 'chatflows',
  agentflows: 'agentflows',
  credentials: 'credentials',
  tools: 'tools',
  assistants: 'assistants',
  variables: 'variables',
  documentStores: 'document stores',
  datasets: 'datasets',
  executions: 'executions',
  evaluators: 'evaluators',
  evaluations: 'evaluations',
  templates: 'templates',
};

const VERB_ORDER = ['view', 'create', 'update', 'delete'];

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

function orderVerbs(verbs: string[]): string[] {
  const rank = (v: string): number => {
    const i = VERB_ORDER.indexOf(v);
    return i === -1 ? VERB_ORDER.length : i;
  };
  return [...verbs].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function describePermissions(permissions: readonly string[] | undefined): string {
  if (permissions === undefined)
    return 'This key has full access (this server version has no per-key permissions).';
  if (permissions.length === 0) return 'This key holds no permissions.';
  const bySubject = new Map<string, string[]>();
  for (const permission of permissions) {
    const [subject = permission, verb = 'use'] = permission.split(':');
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), verb]);
  }
  const clauses = [...bySubject].map(
    ([subject, verbs]) => `${joinWords(orderVerbs(verbs))} ${SUBJECTS[subject] ?? subject}`,
  );
  return `This key can ${joinWords(clauses)}.`;
}
