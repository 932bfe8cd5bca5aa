/**
 * Time zones, BCP 47 locales, ISO 4217 currencies, plural categories and text direction, all
 * answered by the runtime's built-in `Intl` (full ICU in Node 20). No allow-lists are bundled.
 */
import { LangProblem, problem } from './types';
import { suggestZone, zoneNames as zones } from './zoneSuggest';

export interface TimeZoneOptions {
  /** Accept `Local` (Alertmanager `location`, Go `time.LoadLocation`). Default false. */
  allowLocal?: boolean;
}

/** Problems of an IANA time zone name (`UTC` is fine, aliases are fine). Never throws. */
export function checkTimeZone(tz: string, options: TimeZoneOptions = {}): LangProblem[] {
  try {
    if (typeof tz !== 'string' || tz.trim() === '')
      return [problem('intl.timezone-empty', 0, typeof tz === 'string' ? tz.length : 0)];
    if (tz !== tz.trim()) {
      const lead = tz.length - tz.trimStart().length;
      return [problem('intl.timezone-whitespace', 0, tz.length, { value: tz.trim(), from: lead })];
    }
    if (tz === 'Local' && options.allowLocal) return [];
    if (/^[+-]\d/.test(tz) || /^(GMT|UTC)[+-]\d/i.test(tz)) {
      return [
        problem('intl.unknown-timezone', 0, tz.length, {
          value: tz,
          suggestion: '',
          hint: " Fixed offsets are not zone names; use e.g. 'Etc/GMT-1' for UTC+01:00 or a city zone",
        }),
      ];
    }
    let resolved: string;
    try {
      resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      const suggestion = suggestZone(tz);
      return [
        problem('intl.unknown-timezone', 0, tz.length, {
          value: tz,
          suggestion,
          hint: suggestion
            ? ` Did you mean '${suggestion}'?`
            : tz === 'Local'
              ? " 'Local' is only accepted where the tool supports it (e.g. Alertmanager)"
              : '',
        }),
      ];
    }
    // Intl is case-insensitive, Go's time.LoadLocation (and the tz database files) are not.
    const canonical =
      zones().get(tz.toLowerCase()) ?? (resolved.toLowerCase() === tz.toLowerCase() ? resolved : undefined);
    if (canonical && canonical !== tz) {
      return [problem('intl.timezone-case', 0, tz.length, { value: tz, suggestion: canonical }, 'warning')];
    }
    return [];
  } catch {
    return [];
  }
}

/** Problems of a BCP 47 locale tag; non-canonical spellings get the canonical form in `args.suggestion`. */
export function checkLocale(tag: string): LangProblem[] {
  try {
    if (typeof tag !== 'string' || tag.trim() === '')
      return [problem('intl.locale-empty', 0, typeof tag === 'string' ? tag.length : 0)];
    let canonical: string | undefined;
    try {
      canonical = Intl.getCanonicalLocales(tag)[0];
    } catch {
      let suggestion = '';
      try {
        suggestion = Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0] ?? '';
      } catch {
        suggestion = '';
      }
      const hint = tag.includes('_')
        ? ` BCP 47 separates subtags with '-', not '_'.`
        : tag !== tag.trim()
          ? ' Remove the surrounding whitespace.'
          : '';
      return [
        problem('intl.invalid-locale', 0, tag.length, {
          value: tag,
          suggestion,
          hint: hint + (suggestion ? ` Use '${suggestion}'.` : ''),
        }),
      ];
    }
    if (canonical === undefined)
      return [problem('intl.invalid-locale', 0, tag.length, { value: tag, suggestion: '', hint: '' })];
    const out: LangProblem[] = [];
    if (canonical !== tag) {
      out.push(problem('intl.locale-not-canonical', 0, tag.length, { value: tag, suggestion: canonical }, 'warning'));
    }
    // Well-formed but unknown language subtag (e.g. "xx-US").
    try {
      const language = new Intl.Locale(canonical).language;
      const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
      if (language !== 'und' && names.of(language) === undefined) {
        out.push(
          problem(
            'intl.unknown-language',
            0,
            Math.max(1, tag.indexOf('-') >= 0 ? tag.indexOf('-') : tag.length),
            { language, value: tag },
            'warning',
          ),
        );
      }
    } catch {
      /* ignore */
    }
    return out;
  } catch {
    return [];
  }
}

let currencies: Set<string> | undefined;
function currencySet(): Set<string> {
  if (!currencies) {
    try {
      currencies = new Set(Intl.supportedValuesOf('currency'));
    } catch {
      currencies = new Set();
    }
  }
  return currencies;
}

/** Problems of an ISO 4217 currency code (upper case, known to the runtime). Never throws. */
export function checkCurrency(code: string): LangProblem[] {
  try {
    if (typeof code !== 'string' || code.trim() === '')
      return [problem('intl.currency-empty', 0, typeof code === 'string' ? code.length : 0)];
    const set = currencySet();
    if (!/^[A-Za-z]{3}$/.test(code)) {
      return [problem('intl.invalid-currency', 0, code.length, { value: code })];
    }
    const upper = code.toUpperCase();
    if (set.size > 0 && !set.has(upper)) {
      return [problem('intl.unknown-currency', 0, code.length, { value: code })];
    }
    if (upper !== code) {
      return [problem('intl.currency-case', 0, code.length, { value: code, suggestion: upper })];
    }
    if (set.size > 0 && !set.has(code)) {
      return [problem('intl.unknown-currency', 0, code.length, { value: code })];
    }
    return [];
  } catch {
    return [];
  }
}

/** Plural categories (CLDR) of a locale, e.g. en → ["one","other"]; ["other"] for invalid locales. */
export function pluralCategories(locale: string, type: 'cardinal' | 'ordinal' = 'cardinal'): string[] {
  try {
    return [...new Intl.PluralRules(locale, { type }).resolvedOptions().pluralCategories];
  } catch {
    return ['other'];
  }
}

const RTL_SCRIPTS = new Set([
  'Arab',
  'Hebr',
  'Thaa',
  'Syrc',
  'Nkoo',
  'Adlm',
  'Rohg',
  'Mand',
  'Samr',
  'Mend',
  'Yezi',
  'Syrj',
  'Syre',
  'Syrn',
]);

const directions = new Map<string, 'ltr' | 'rtl'>();

/** Writing direction of a locale ('ltr' for unknown or invalid locales); known once per tag (an `Intl.Locale` each time costs). */
export function localeDirection(locale: string): 'ltr' | 'rtl' {
  let known = directions.get(locale);
  if (known === undefined) {
    if (directions.size >= 1000) directions.clear();
    directions.set(locale, (known = directionOf(locale)));
  }
  return known;
}

function directionOf(locale: string): 'ltr' | 'rtl' {
  try {
    const loc = new Intl.Locale(locale) as Intl.Locale & {
      textInfo?: { direction?: string };
      getTextInfo?: () => { direction?: string };
    };
    const info = typeof loc.getTextInfo === 'function' ? loc.getTextInfo() : loc.textInfo;
    if (info && (info.direction === 'rtl' || info.direction === 'ltr')) return info.direction;
    const script = loc.maximize().script;
    return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
