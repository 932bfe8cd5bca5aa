/**
 * Localization files: text direction against the locale's script (ar, he are rtl), the default and
 * fallback locales among `supported_locales`, distinct decimal and thousands separators, and the
 * explicit plural categories against CLDR (`Intl.PluralRules`). Codes `localization.*`.
 */
import { localeDirection, pluralCategories } from '../lang/intl';
import type { Rule, RuleContext } from './types';
import { child, entries, items, prop, str, strAt, select } from './util';
import { report } from './report';
import { listOf } from '../messages';
import { addItems, removeItem, setValue } from '../fixes';

function supportedLocales(ctx: RuleContext): string[] | undefined {
  const list = child(ctx.part.root, 'supported_locales');
  if (!list || list.type !== 'array') return undefined;
  return items(list)
    .map((i) => str(i)?.value)
    .filter((v): v is string => v !== undefined);
}

/** Whether `l` is listed (letter case aside: the schema and `intl.*` judge the spelling). */
const isSupported = (supported: string[], l: string): boolean =>
  supported.some((s) => s.toLowerCase() === l.toLowerCase());

function direction(ctx: RuleContext): void {
  for (const e of entries(child(ctx.part.root, 'locales'))) {
    const dirNode = str(child(e.value, 'direction'));
    const expected = localeDirection(e.key);
    if (dirNode && (dirNode.value === 'ltr' || dirNode.value === 'rtl') && dirNode.value !== expected) {
      const path = ['locales', e.key, 'direction'];
      report(ctx, {
        code: 'localization.direction-mismatch',
        node: dirNode,
        path,
        args: { locale: e.key, expected, actual: dirNode.value },
        data: { locale: e.key, expected, fixes: [setValue(path, expected, dirNode.value, { safe: true })] },
      });
    }
    const rtl = child(e.value, 'rtl');
    if (rtl?.type === 'boolean' && rtl.value !== (expected === 'rtl')) {
      const path = ['locales', e.key, 'rtl'];
      report(ctx, {
        code: 'localization.direction-mismatch',
        node: rtl,
        path,
        args: { locale: e.key, expected, actual: rtl.value ? 'rtl' : 'ltr' },
        data: { locale: e.key, expected, fixes: [setValue(path, expected === 'rtl', rtl.value, { safe: true })] },
      });
    }
  }
}

function membership(ctx: RuleContext): void {
  const supported = supportedLocales(ctx);
  if (!supported || supported.length === 0) return;
  const shown = listOf(supported, 8);
  const def = str(child(ctx.part.root, 'default_locale'));
  if (def && !isSupported(supported, def.value)) {
    report(ctx, {
      code: 'localization.default-not-supported',
      node: def,
      path: ['default_locale'],
      args: { locale: def.value, supported: shown },
      data: { locale: def.value, supported, fixes: [addItems(['supported_locales'], [def.value])] },
    });
  }
  for (const hit of [...select(ctx.part.root, 'fallback.*'), ...select(ctx.part.root, 'fallback.*[]')]) {
    const n = str(hit.node);
    if (n && !isSupported(supported, n.value)) {
      report(ctx, {
        code: 'localization.fallback-not-supported',
        node: n,
        path: hit.path,
        args: { locale: n.value, supported: shown },
        data: { locale: n.value, supported, fixes: [addItems(['supported_locales'], [n.value])] },
        severity: 'warning',
      });
    }
  }
}

function separators(ctx: RuleContext): void {
  for (const e of entries(child(ctx.part.root, 'locales'))) {
    const number = child(e.value, 'number');
    const dec = strAt(number, 'decimal_separator');
    const thou = str(child(number, 'thousands_separator'));
    if (dec !== undefined && thou && dec === thou.value && dec !== '') {
      report(ctx, {
        code: 'localization.same-separators',
        node: thou,
        path: ['locales', e.key, 'number', 'thousands_separator'],
        args: { separator: dec },
        data: { separator: dec },
      });
    }
  }
}

const CLDR_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];

function plurals(ctx: RuleContext): void {
  for (const e of entries(child(ctx.part.root, 'locales'))) {
    const pl = child(e.value, 'pluralization');
    const cats = child(pl, 'categories');
    if (!cats || cats.type !== 'array') continue;
    const required = pluralCategories(e.key);
    const listed = items(cats)
      .map((i) => str(i)?.value)
      .filter((v): v is string => v !== undefined);
    const path = ['locales', e.key, 'pluralization', 'categories'];
    const args = { locale: e.key, required: required.join(', ') };
    items(cats).forEach((item, i) => {
      const c = str(item);
      if (c && !required.includes(c.value))
        report(ctx, {
          code: 'localization.plural-extra-category',
          node: c,
          path: [...path, i],
          args: { ...args, category: c.value },
          data: {
            locale: e.key,
            category: c.value,
            required,
            fixes: [removeItem([...path, i], c.value, { safe: true })],
          },
          severity: 'warning',
        });
    });
    const key = prop(pl, 'categories')?.keyNode ?? cats;
    const missing = required.filter((c) => !listed.includes(c));
    if (missing.length)
      report(ctx, {
        code: 'localization.plural-missing-category',
        node: key,
        path,
        args: { ...args, missing: listOf(missing) },
        data: {
          locale: e.key,
          missing,
          required,
          fixes: [
            addItems(
              path,
              [...missing].sort((a, b) => CLDR_ORDER.indexOf(a) - CLDR_ORDER.indexOf(b)),
              { safe: true },
            ),
          ],
        },
        severity: 'warning',
        blockedBy: [],
      });
  }
}

export const localizationRule: Rule = {
  id: 'localization',
  kinds: ['localization'],
  check(ctx) {
    direction(ctx);
    membership(ctx);
    separators(ctx);
    plurals(ctx);
  },
};
