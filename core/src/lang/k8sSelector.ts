/**
 * Kubernetes label and field selectors as the API machinery parses them (the `selectors` of a
 * Kubernetes service discovery): comma-separated requirements; for labels `key`, `!key`,
 * `key=value`, `key==value`, `key!=value`, `key in (a, b)`, `key notin (a, b)`, `key > 1` and
 * `key < 1` with qualified key names and label values; for fields `key=value`, `key==value` and
 * `key!=value` with backslash escapes. Returns the first mistake with its decoded range, or none.
 */
export type SelectorReason = 'empty' | 'key' | 'value' | 'integer' | 'requirement' | 'field';

export interface SelectorError {
  from: number;
  to: number;
  /** What is wrong (a message variant), and the text it is about. */
  reason: SelectorReason;
  token: string;
}

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Whether a label key is valid: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
function validKey(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !PREFIX.test(prefix))) return false;
  return name.length > 0 && name.length <= 63 && NAME.test(name);
}

const validValue = (value: string): boolean => value === '' || (value.length <= 63 && NAME.test(value));

/** `[text, start]` of each comma-separated part, outside parentheses (labels) or escapes (fields). */
function split(text: string, escapes: boolean): Array<[string, number]> {
  const parts: Array<[string, number]> = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (escapes && c === '\\') i++;
    else if (!escapes && c === '(') depth++;
    else if (!escapes && c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push([text.slice(start, i), start]);
      start = i + 1;
    }
  }
  parts.push([text.slice(start), start]);
  return parts;
}

function labelRequirement(part: string, at: number): SelectorError | undefined {
  const lead = part.length - part.trimStart().length;
  const body = part.trim();
  const from = at + lead;
  const to = from + body.length;
  const fail = (reason: SelectorReason, token: string): SelectorError => ({ from, to, reason, token });
  if (body === '') return { from: at, to: at + part.length, reason: 'empty', token: '' };
  const set = /^(!?)([^\s!=<>(),]+)\s+(in|notin)\s*\((.*)\)$/.exec(body);
  if (set) {
    if (set[1]) return fail('requirement', body);
    if (!validKey(set[2])) return fail('key', set[2]);
    for (const v of set[4].split(',')) if (!validValue(v.trim())) return fail('value', v.trim());
    return undefined;
  }
  const cmp = /^([^\s!=<>(),]+)\s*(==|!=|=|>|<)\s*(.*)$/.exec(body);
  if (cmp) {
    if (!validKey(cmp[1])) return fail('key', cmp[1]);
    if (cmp[2] === '>' || cmp[2] === '<') return /^-?\d+$/.test(cmp[3]) ? undefined : fail('integer', cmp[3]);
    return validValue(cmp[3]) ? undefined : fail('value', cmp[3]);
  }
  const exists = /^(!?)\s*([^\s!=<>(),]+)$/.exec(body);
  if (exists) return validKey(exists[2]) ? undefined : fail('key', exists[2]);
  return fail('requirement', body);
}

function fieldRequirement(part: string, at: number): SelectorError | undefined {
  const lead = part.length - part.trimStart().length;
  const body = part.trim();
  const from = at + lead;
  const to = from + body.length;
  if (body === '') return { from: at, to: at + part.length, reason: 'empty', token: '' };
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      i++;
      continue;
    }
    const op = body.startsWith('!=', i) || body.startsWith('==', i) ? 2 : body[i] === '=' ? 1 : 0;
    if (op === 0) continue;
    return i === 0 ? { from, to, reason: 'field', token: body } : undefined;
  }
  return { from, to, reason: 'field', token: body };
}

export function checkSelector(text: string, kind: 'label' | 'field'): SelectorError | undefined {
  if (typeof text !== 'string' || text.trim() === '' || text.length > 10_000) return undefined;
  for (const [part, at] of split(text, kind === 'field')) {
    const err = kind === 'label' ? labelRequirement(part, at) : fieldRequirement(part, at);
    if (err) return err;
  }
  return undefined;
}
