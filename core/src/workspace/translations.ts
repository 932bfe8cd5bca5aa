/**
 * Translation checks:
 * - message keys present in every locale block of a localization file, unless the locale has an
 *   explicit fallback chain to a locale that has the key (`ref.missing-translation`);
 * - the same ICU arguments (names and types) in every translation of a key, compared with the
 *   default locale (`ref.placeholder-mismatch`);
 * - every supported locale of the tenant present in each localized alert template, or reachable
 *   through explicit fallbacks (`ref.missing-template-locale`).
 */
import type { RefProblem } from '../problem';
import { phrase, say } from '../messages';
import { makeProblem, ownerText, quoteList } from './report';
import type { FileRecord, Store } from './store';
import { icuArguments } from './icu';
import type { LocaleBlockFact, LocalizationFact, MessageFact } from './types';

/** ICU arguments of a message, parsed on first use and kept on the fact. */
function argsOf(m: MessageFact): Record<string, string> | undefined {
  if (m.args === undefined) m.args = m.text === undefined ? null : (icuArguments(m.text) ?? null);
  return m.args ?? undefined;
}

export function translationProblems(store: Store, rec: FileRecord, out: RefProblem[]): void {
  for (const l of rec.facts.localization) {
    try {
      messageParity(l, out);
    } catch {
      /* keep other checks */
    }
  }
  try {
    templateLocales(store, rec, out);
  } catch {
    /* keep other checks */
  }
}

/** Whether `locale`, or a locale its explicit fallback chain reaches, satisfies `has`. */
function reaches(fallback: Map<string, string[]>, locale: string, has: (l: string) => boolean): boolean {
  const seen = new Set<string>([locale]);
  const queue = [...(fallback.get(locale) ?? [])];
  while (queue.length) {
    const l = queue.shift() as string;
    if (seen.has(l)) continue;
    seen.add(l);
    if (has(l)) return true;
    queue.push(...(fallback.get(l) ?? []));
  }
  return false;
}

function messageParity(l: LocalizationFact, out: RefProblem[]): void {
  const blocks = new Map<string, LocaleBlockFact>();
  for (const b of l.blocks) if (!blocks.has(b.locale)) blocks.set(b.locale, b);
  if (blocks.size < 2) return;
  const keys: string[] = [];
  const seenKeys = new Set<string>();
  for (const b of blocks.values())
    for (const k of b.messages.keys())
      if (!seenKeys.has(k)) {
        seenKeys.add(k);
        keys.push(k);
      }
  const has = (locale: string, key: string): boolean => blocks.get(locale)?.messages.has(key) ?? false;

  for (const b of blocks.values()) {
    for (const key of keys) {
      if (b.messages.has(key) || reaches(l.fallback, b.locale, (x) => has(x, key))) continue;
      const at = b.messagesKey ?? { offset: b.keyOffset, length: b.keyLength };
      const path = b.messagesKey ? ['locales', b.locale, 'messages'] : ['locales', b.locale];
      const locales = [...blocks.values()].filter((x) => x.messages.has(key)).map((x) => x.locale);
      const message = say('ref.missing-translation', path, {
        name: key,
        locale: b.locale,
        locales: quoteList(locales),
      });
      out.push(
        makeProblem('ref.missing-translation', at, message, {
          path,
          name: key,
          namespace: 'message',
          locale: b.locale,
          definedIn: locales,
        }),
      );
    }
  }

  const reference = (l.defaultLocale !== undefined && blocks.get(l.defaultLocale)) || blocks.values().next().value;
  for (const key of keys) {
    const ref = refMessage(reference, blocks, key);
    if (!ref) continue;
    for (const b of blocks.values()) {
      const m = b.messages.get(key);
      const args = m && m !== ref.message ? argsOf(m) : undefined;
      if (!m || !args) continue;
      const diff = compareArgs(ref.args, args);
      if (!diff) continue;
      const message = say('ref.placeholder-mismatch', ['locales', b.locale, 'messages', key], {
        name: key,
        locale: b.locale,
        reference: ref.locale,
        details: diff.text,
      });
      const at = { offset: m.valueOffset, length: m.valueLength };
      out.push(
        makeProblem('ref.placeholder-mismatch', at, message, {
          path: ['locales', b.locale, 'messages', key],
          name: key,
          namespace: 'message',
          locale: b.locale,
          referenceLocale: ref.locale,
          missing: diff.missing,
          extra: diff.extra,
          types: diff.types,
        }),
      );
    }
  }
}

function refMessage(
  reference: LocaleBlockFact | undefined,
  blocks: Map<string, LocaleBlockFact>,
  key: string,
): { locale: string; message: MessageFact; args: Record<string, string> } | undefined {
  const own = reference?.messages.get(key);
  const ownArgs = own && argsOf(own);
  if (reference && own && ownArgs) return { locale: reference.locale, message: own, args: ownArgs };
  for (const b of blocks.values()) {
    const m = b.messages.get(key);
    const args = m && argsOf(m);
    if (m && args) return { locale: b.locale, message: m, args };
  }
  return undefined;
}

interface ArgDiff {
  missing: string[];
  extra: string[];
  types: Array<{ name: string; expected: string; actual: string }>;
  text: string;
}

function compareArgs(expected: Record<string, string>, actual: Record<string, string>): ArgDiff | undefined {
  const missing = Object.keys(expected)
    .filter((k) => !(k in actual))
    .sort();
  const extra = Object.keys(actual)
    .filter((k) => !(k in expected))
    .sort();
  const types = Object.keys(expected)
    .filter((k) => k in actual && actual[k] !== expected[k])
    .sort()
    .map((name) => ({ name, expected: expected[name], actual: actual[name] }));
  if (!missing.length && !extra.length && !types.length) return undefined;
  const parts: string[] = [];
  if (missing.length)
    parts.push(phrase('ref.placeholder-mismatch.missing', { list: quoteList(missing.map((m) => `{${m}}`)) }));
  if (extra.length)
    parts.push(phrase('ref.placeholder-mismatch.extra', { list: quoteList(extra.map((m) => `{${m}}`)) }));
  for (const t of types)
    parts.push(
      phrase('ref.placeholder-mismatch.type', {
        actual: icuForm(t.name, t.actual),
        expected: icuForm(t.name, t.expected),
      }),
    );
  return {
    missing,
    extra,
    types,
    text: parts.reduce((first, next) => phrase('ref.placeholder-mismatch.join', { first, next })),
  };
}

/** How an argument of a type is written in ICU syntax (`{n}`, `{n, number}`, `{n, plural, …}`): the same in every language. */
function icuForm(name: string, type: string): string {
  if (type === 'argument') return `{${name}}`;
  return type === 'number' || type === 'date' || type === 'time' ? `{${name}, ${type}}` : `{${name}, ${type}, …}`;
}

function templateLocales(store: Store, rec: FileRecord, out: RefProblem[]): void {
  for (const set of rec.facts.templateSets) {
    if (!set.locales.length) continue;
    const tenant = rec.tenants[set.part];
    const scope = tenant ?? '';
    if (!store.checksUndefined('locale', scope)) continue;
    const supported = store.visibleNames('locale', scope);
    const fallback = fallbacksOf(store, scope);
    const have = new Set(set.locales);
    for (const locale of supported) {
      if (have.has(locale) || reaches(fallback, locale, (x) => have.has(x))) continue;
      const message = say('ref.missing-template-locale', [set.section, set.name], {
        name: set.name,
        locale,
        owner: ownerText(tenant, false),
        locales: quoteList(set.locales),
      });
      const data: Record<string, unknown> = {
        path: [set.section, set.name],
        name: set.name,
        namespace: 'template',
        locale,
        locales: set.locales,
      };
      if (tenant !== undefined) data.tenant = tenant;
      out.push(makeProblem('ref.missing-template-locale', set, message, data));
    }
  }
}

/** Explicit fallbacks of the localization files of a scope (the tenant's first, then the platform's). */
function fallbacksOf(store: Store, scope: string): Map<string, string[]> {
  const merged = new Map<string, string[]>();
  for (const s of scope === '' ? [''] : [scope, '']) {
    for (const uri of store.scope('locale', s)?.definer.keys() ?? []) {
      const rec = store.files.get(uri);
      for (const l of rec?.facts.localization ?? []) {
        if ((rec?.tenants[l.part] ?? '') !== s) continue;
        for (const [k, v] of l.fallback) if (!merged.has(k)) merged.set(k, v);
      }
    }
  }
  return merged;
}
