/**
 * Prometheus durations (prometheus/common `model.ParseDuration` rules):
 * units y w d h m s ms, each at most once and in descending order, bare `0` allowed,
 * no fractions, no signs, no spaces, and a total of at most 2^63-1 nanoseconds (~292 years).
 */
import { clampProblems, LangProblem, problem } from './types';

const UNITS: Record<string, { pos: number; ms: bigint }> = {
  y: { pos: 1, ms: 365n * 24n * 3600n * 1000n },
  w: { pos: 2, ms: 7n * 24n * 3600n * 1000n },
  d: { pos: 3, ms: 24n * 3600n * 1000n },
  h: { pos: 4, ms: 3600n * 1000n },
  m: { pos: 5, ms: 60n * 1000n },
  s: { pos: 6, ms: 1000n },
  ms: { pos: 7, ms: 1n },
};
const UNIT_ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
/** Largest duration in nanoseconds (Go time.Duration). */
const MAX_NS = (1n << 63n) - 1n;
const MAX_LEN = 1000;

/** Common mistakes mapped to the unit the user most likely meant. */
const UNIT_HINTS: Record<string, string> = {
  M: 'm',
  H: 'h',
  S: 's',
  D: 'd',
  W: 'w',
  Y: 'y',
  MS: 'ms',
  Ms: 'ms',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  day: 'd',
  days: 'd',
  week: 'w',
  weeks: 'w',
  year: 'y',
  years: 'y',
  us: 'ms',
  µs: 'ms',
  ns: 'ms',
};

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

interface DurationResult {
  ms?: number;
  problems: LangProblem[];
}

function analyse(text: string, allowBareNumber: boolean): DurationResult {
  if (typeof text !== 'string')
    return { problems: [problem('duration.invalid', 0, 0, { text: String(text), hint: 'a string is expected' })] };
  if (text === '') return { problems: [problem('duration.empty', 0, 0)] };
  if (text === '0') return { ms: 0, problems: [] };
  if (text.length > MAX_LEN)
    return {
      problems: [
        problem('duration.invalid', 0, text.length, {
          text: text.slice(0, 20) + '…',
          hint: 'the value is far too long',
        }),
      ],
    };
  if (allowBareNumber && /^[0-9]+$/.test(text)) {
    const n = BigInt(text) * 1000n;
    if (n * 1000000n > MAX_NS) return { problems: [problem('duration.overflow', 0, text.length, { text })] };
    return { ms: Number(n), problems: [] };
  }
  const first = text.charCodeAt(0);
  if (first === 45 || first === 43) {
    return { problems: [problem('duration.negative', 0, 1, { text })] };
  }
  let i = 0;
  let lastPos = 0;
  let lastUnit = '';
  let totalNs = 0n;
  while (i < text.length) {
    const numStart = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i === numStart) {
      const c = text[i] ?? '';
      if (/\s/.test(c))
        return { problems: [problem('duration.invalid', i, i + 1, { text, hint: 'remove the whitespace' })] };
      return {
        problems: [problem('duration.invalid', i, i + 1, { text, hint: `expected a number but found '${c}'` })],
      };
    }
    // Fraction: "1.5h"
    if (text[i] === '.' || text[i] === ',') {
      let j = i + 1;
      while (j < text.length && isDigit(text.charCodeAt(j))) j++;
      let k = j;
      while (k < text.length && /[a-zA-Z\u00b5]/.test(text[k] as string)) k++;
      return {
        problems: [
          problem('duration.fraction', numStart, k, { text: text.slice(numStart, k), unit: text.slice(j, k) || 's' }),
        ],
      };
    }
    const numEnd = i;
    while (i < text.length && !isDigit(text.charCodeAt(i))) i++;
    const unit = text.slice(numEnd, i);
    if (unit === '') {
      return {
        problems: [problem('duration.missing-unit', numStart, numEnd, { number: text.slice(numStart, numEnd) })],
      };
    }
    const u = UNITS[unit];
    if (!u) {
      const ws = unit.search(/\s/);
      if (ws >= 0) {
        return {
          problems: [
            problem('duration.invalid', numEnd + ws, numEnd + ws + 1, { text, hint: 'remove the whitespace' }),
          ],
        };
      }
      const hint = UNIT_HINTS[unit] ?? UNIT_HINTS[unit.toLowerCase()];
      return {
        problems: [
          problem('duration.unknown-unit', numEnd, i, {
            unit,
            suggestion: hint ? `${text.slice(numStart, numEnd)}${hint}` : `${text.slice(numStart, numEnd)}m`,
          }),
        ],
      };
    }
    if (u.pos === lastPos) {
      return { problems: [problem('duration.duplicate-unit', numStart, i, { unit })] };
    }
    if (u.pos < lastPos) {
      return {
        problems: [
          problem('duration.unit-order', numStart, i, { unit, previous: lastUnit, order: UNIT_ORDER.join(' ') }),
        ],
      };
    }
    lastPos = u.pos;
    lastUnit = unit;
    const v = BigInt(text.slice(numStart, numEnd));
    totalNs += v * u.ms * 1000000n;
    if (totalNs > MAX_NS) return { problems: [problem('duration.overflow', 0, text.length, { text })] };
  }
  return { ms: Number(totalNs / 1000000n), problems: [] };
}

export interface DurationOptions {
  /** Accept a bare integer as seconds (PromQL ranges since Prometheus 3). Default false. */
  allowBareNumber?: boolean;
}

/** Problems of a Prometheus duration string; empty when valid. Never throws. */
export function checkDuration(text: string, options: DurationOptions = {}): LangProblem[] {
  try {
    return clampProblems(analyse(text, !!options.allowBareNumber).problems.map(advised(text)), text.length);
  } catch {
    return [
      problem('duration.invalid', 0, typeof text === 'string' ? text.length : 0, {
        text: String(text).slice(0, 40),
        hint: 'it could not be parsed',
      }),
    ];
  }
}

/**
 * A problem whose duration has one evident reading (`5 minutes`, `30sec`, `1.5m`, `30m1h`) advises
 * that duration written the Prometheus way (`5m`, `30s`, `1m30s`, `1h30m`): same code, same place.
 */
function advised(text: string): (p: LangProblem) => LangProblem {
  return (p) => {
    if (p.code === 'duration.negative' || p.code === 'duration.overflow' || p.code === 'duration.empty') return p;
    const r = repairDuration(text);
    if (!r || !r.certain || r.text === text) return p;
    return { ...p, message: 'duration.invalid.repair', args: { ...p.args, duration: text, repaired: r.text } };
  };
}

/** Milliseconds of a valid Prometheus duration, or undefined when invalid. Never throws. */
export function parseDuration(text: string, options: DurationOptions = {}): number | undefined {
  try {
    return analyse(text, !!options.allowBareNumber).ms;
  } catch {
    return undefined;
  }
}

/** Format milliseconds as a canonical Prometheus duration (e.g. 90000 → "1m30s"). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  let rest = BigInt(Math.floor(ms));
  let out = '';
  for (const unit of UNIT_ORDER) {
    const m = (UNITS[unit] as { ms: bigint }).ms;
    const n = rest / m;
    if (n > 0n) {
      out += `${n}${unit}`;
      rest -= n * m;
    }
  }
  return out || '0s';
}

/** Hints that change the amount (`us` is not `ms`): never used to repair a duration. */
const LOSSY_HINTS = new Set(['us', 'µs', 'ns']);

/**
 * The duration a mistyped one most likely means, written the Prometheus way: units from largest
 * to smallest, each once (a repeated unit is added up, as Go reads it), a fraction carried into
 * smaller units (`1.5h` → `1h30m`, `0.5s` → `500ms`), spelled-out units shortened (`5min` →
 * `5m`), blanks dropped. `certain` is false when a unit was read from its letter case alone
 * (`5M`: minutes or months?). Undefined when there is no such reading (an unknown unit, a sign,
 * less than a millisecond, an overflow). Never throws.
 */
export function repairDuration(text: string): { text: string; certain: boolean } | undefined {
  try {
    if (typeof text !== 'string' || text.length > 200) return undefined;
    const s = text.replace(/\s+/g, '');
    if (s === '') return undefined;
    const counts = new Map<string, bigint>();
    let certain = true;
    let total = 0n;
    const re = /(\d+)(?:[.,](\d+))?([a-zA-Z\u00b5]+)/y;
    let i = 0;
    while (i < s.length) {
      re.lastIndex = i;
      const m = re.exec(s);
      if (!m) return undefined;
      i = re.lastIndex;
      const written = m[3];
      let unit = UNITS[written] ? written : undefined;
      if (!unit) {
        const hint = UNIT_HINTS[written] ?? UNIT_HINTS[written.toLowerCase()];
        if (!hint || LOSSY_HINTS.has(written) || LOSSY_HINTS.has(written.toLowerCase())) return undefined;
        if (written.length <= 2) certain = false;
        unit = hint;
      }
      const unitMs = UNITS[unit].ms;
      counts.set(unit, (counts.get(unit) ?? 0n) + BigInt(m[1]));
      total += BigInt(m[1]) * unitMs;
      if (m[2]) {
        // The fraction in milliseconds must be whole; it goes to the smaller units.
        const scale = 10n ** BigInt(m[2].length);
        const frac = BigInt(m[2]) * unitMs;
        if (frac % scale !== 0n) return undefined;
        let rest = frac / scale;
        total += rest;
        for (const u of UNIT_ORDER) {
          const um = UNITS[u].ms;
          if (um >= unitMs) continue;
          const n = rest / um;
          if (n > 0n) {
            counts.set(u, (counts.get(u) ?? 0n) + n);
            rest -= n * um;
          }
        }
      }
    }
    if (total * 1000000n > MAX_NS) return undefined;
    const out = UNIT_ORDER.filter((u) => (counts.get(u) ?? 0n) > 0n)
      .map((u) => `${counts.get(u)}${u}`)
      .join('');
    return { text: out || `0${[...counts.keys()][0] ?? 's'}`, certain };
  } catch {
    return undefined;
  }
}
