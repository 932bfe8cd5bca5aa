/**
 * The one formatter of the core's messages. A problem's message is said about a place: `say(id,
 * at, args)` takes the key path of the node the problem is about (`[]` for the document), fills
 * `{key}`, `{path}` and `{where}` from it unless the arguments give them, and, when the message
 * would not name its key or path, says it first (`` `expr`: Missing ')' … ``), so no message can
 * leave it out. Phrases (quick-fix titles, fragments, reasons) are `phrase(id, args)`.
 *
 * Templates are English with `{name}` placeholders; a placeholder without an argument stays as
 * written, so Go-template text such as `{{end}}` can appear (`{{{keyword}}}` shows `{{range}}`).
 * With a bundle loaded (`l10n.config`), the template and the fixed phrases among the arguments
 * (phrases.ts) are shown in the display language. Whether a message names its key is decided on
 * the English text, so every language gets the same shape. Never throws.
 */
import * as l10n from '@vscode/l10n';
import { formatPath } from '../util/strings';
import { phrases, problemMessages, type PhraseId, type ProblemMessageId } from './catalog';
import { WORDY_ARGS, localizeArg } from './phrases';

/** Where a message is said: the key path of its node in the document part (`[]`: the document). */
export type KeyPath = ReadonlyArray<string | number>;
export type MessageArg = string | number | boolean;
export type MessageArgs = Readonly<Record<string, MessageArg | undefined>>;

/** A template in the display language (the English one when no bundle has it). */
function localized(template: string): string {
  try {
    return l10n.t(template);
  } catch {
    return template;
  }
}

const has = (args: MessageArgs, k: string): boolean =>
  Object.prototype.hasOwnProperty.call(args, k) && args[k] !== undefined;

/** `{name}` placeholders filled; one without an argument stays as written. */
function fill(template: string, args: MessageArgs, show?: (key: string, value: MessageArg) => string): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, k: string) =>
    has(args, k) ? (show ? show(k, args[k]!) : String(args[k])) : whole,
  );
}

/** An argument as shown in the display language: fixed phrases translated, names and values as written. */
function shownLocalized(key: string, value: MessageArg): string {
  if (typeof value !== 'string' || !WORDY_ARGS.has(key)) return String(value);
  try {
    return localizeArg(value);
  } catch {
    return value;
  }
}

/** A message that starts with the place (`{where}`: "the document …") starts with a capital; others as written (`rate() …`). */
function capitalize(template: string, s: string): string {
  return template.startsWith('{where}') ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** The name of the key a path ends at, for messages (`port`, `receivers[2]`, `(document)`). */
export function keyName(at: KeyPath): string {
  if (at.length === 0) return '(document)';
  const last = at[at.length - 1];
  if (typeof last === 'number') {
    let i = at.length - 1;
    while (i > 0 && typeof at[i - 1] === 'number') i--;
    return formatPath(at.slice(Math.max(0, i - 1)));
  }
  return last;
}

/** How a mapping is named in messages: `the document` or `` `environments.production` ``. */
export function whereName(at: KeyPath): string {
  return at.length === 0 ? phrase('where.document') : phrase('where.path', { path: formatPath(at) });
}

function whereEnglish(at: KeyPath): string {
  return at.length === 0 ? phrases['where.document'] : fill(phrases['where.path'], { path: formatPath(at) });
}

/** Keys whose value is the name of what their mapping defines: a message naming the value names the place. */
const IDENTITY_KEYS: ReadonlySet<string> = new Set(['name', 'job_name', 'uid', 'id', 'alert', 'record']);

/**
 * Whether an English message names the place `at`: its key or its path, quoted (the value of a
 * `name`, `job_name`, … key, given as the `name` argument, names the definition it is the name of).
 */
export function namesPlace(message: string, at: KeyPath, args: MessageArgs = {}): boolean {
  if (at.length === 0) return true;
  const names = new Set<string>([keyName(at), formatPath(at)]);
  const last = at[at.length - 1];
  for (let i = at.length - 1; i >= 0; i--) {
    const seg = at[i];
    if (typeof seg === 'string') {
      names.add(seg);
      break;
    }
  }
  if (typeof last === 'string' && IDENTITY_KEYS.has(last) && typeof args.name === 'string') names.add(args.name);
  for (const n of names) for (const q of ['`', "'", '"']) if (message.includes(q + n + q)) return true;
  return false;
}

/**
 * The message of a problem about the node at `at`, in the display language. `{key}`, `{path}`
 * and `{where}` come from `at` unless `args` gives them; a message that does not name its key
 * or path is said after it.
 */
export function say(id: ProblemMessageId, at: KeyPath, args: MessageArgs = {}): string {
  try {
    const template: string | undefined = problemMessages[id];
    if (template === undefined) return `${String(id)}${Object.keys(args).length ? ' ' + JSON.stringify(args) : ''}`;
    const derived = { key: keyName(at), path: formatPath(at) };
    const english = capitalize(template, fill(template, { ...derived, where: whereEnglish(at), ...args }));
    const local = localized(template);
    const message =
      local === template
        ? english
        : capitalize(local, fill(local, { ...derived, where: whereName(at), ...args }, shownLocalized));
    if (namesPlace(english, at, args)) return message;
    return fill(localized(phrases['at.key']), { key: keyName(at), message });
  } catch {
    return String(id);
  }
}

/** A phrase (a quick-fix title, a fragment of a message, a reason) in the display language. */
export function phrase(id: PhraseId, args: MessageArgs = {}): string {
  try {
    return fill(localized(phrases[id] ?? String(id)), args);
  } catch {
    return String(id);
  }
}

/**
 * A template filled in English, never translated: phrases the checkers put into arguments and
 * data (translated when a message shows them), and a message quoted inside another one.
 */
export function english(id: PhraseId | ProblemMessageId, args: MessageArgs = {}): string {
  const template: string = (phrases as Record<string, string>)[id] ?? (problemMessages as Record<string, string>)[id];
  return fill(template ?? String(id), args);
}

/**
 * A language checker's problem (core/src/lang) said about the value at `at`: its message id (the
 * code, or a variant), its arguments, places relative to the checked text as its arguments say them.
 */
export function sayLang(
  p: { code: string; message?: ProblemMessageId; args?: Readonly<Record<string, MessageArg>> },
  at: KeyPath,
): string {
  try {
    return say(p.message ?? (p.code as ProblemMessageId), at, p.args ?? {});
  } catch {
    return p && typeof p.code === 'string' ? p.code : 'unknown problem';
  }
}

/**
 * A message that states places of the document (`Problem.placed`), said with their lines and
 * columns: `locate` turns an offset into a 0-based line and character.
 */
export function sayPlaced(
  placed: { id: ProblemMessageId; at: KeyPath; args: MessageArgs; offsets: Readonly<Record<string, number>> },
  locate: (offset: number) => { line: number; character: number },
): string {
  const args: Record<string, MessageArg | undefined> = { ...placed.args };
  for (const [name, offset] of Object.entries(placed.offsets)) {
    const p = locate(offset);
    args[name] = english('promql.position.line', { line: p.line + 1, column: p.character + 1 });
  }
  return say(placed.id, placed.at, args);
}

/** "`a`, `b`, `c`" with a cap on the number listed ("…, (3 more)"). */
export function listOf(items: readonly unknown[], max = 12, quote = true): string {
  const shown = items.slice(0, max).map((i) => (quote ? '`' + String(i) + '`' : String(i)));
  const more = items.length > max ? ', ' + phrase('list.more', { count: items.length - max }) : '';
  if (shown.length <= 1) return shown.join('') + more;
  return shown.slice(0, -1).join(', ') + ', ' + shown[shown.length - 1] + more;
}
