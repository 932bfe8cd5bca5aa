/**
 * Five-field cron expressions: `minute hour day-of-month month day-of-week`, with `*`, `?` (day
 * fields), lists `a,b`, ranges `a-b`, steps `*\/n` `a-b/n` `a/n`, names JAN–DEC and SUN–SAT
 * (case-insensitive), 7 as an alias of Sunday, and the macros @yearly @annually @monthly @weekly
 * @daily @midnight @hourly.
 */
import { clampProblems, LangProblem, problem } from './types';

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Value accepted beyond max and folded onto another (7 = Sunday). */
  alias?: [number, number];
  question?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 0, max: 6, names: DAYS, alias: [7, 0], question: true },
];

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A parsed schedule: the sorted allowed values of each field. */
export interface CronSchedule {
  minute: number[];
  hour: number[];
  dayOfMonth: number[];
  month: number[];
  dayOfWeek: number[];
  /** True when day-of-month / day-of-week were restricted (not `*` / `?`). */
  domRestricted: boolean;
  dowRestricted: boolean;
}

function allowedText(f: FieldSpec): string {
  let s = `${f.min}-${f.max}`;
  if (f.alias) s += ` (${f.alias[0]} also means ${f.names ? f.names[f.alias[1]] : f.alias[1]})`;
  if (f.names) s += ` or ${f.names[0]}-${f.names[f.names.length - 1]}`;
  return s;
}

/** Parse one numeric-or-name value of a field. */
function parseValue(
  f: FieldSpec,
  tok: string,
  from: number,
  out: LangProblem[],
  allowNames: boolean,
): number | undefined {
  if (/^[0-9]+$/.test(tok)) {
    const n = tok.length > 6 ? Number.MAX_SAFE_INTEGER : parseInt(tok, 10);
    if (f.alias && n === f.alias[0]) return n;
    if (n < f.min || n > f.max) {
      out.push(
        problem('cron.out-of-range', from, from + tok.length, { value: tok, field: f.name, allowed: allowedText(f) }),
      );
      return undefined;
    }
    return n;
  }
  if (allowNames && f.names) {
    const idx = f.names.indexOf(tok.toUpperCase());
    if (idx >= 0) return f.name === 'month' ? idx + 1 : idx;
  }
  const other = FIELDS.find((g) => g !== f && g.names && g.names.includes(tok.toUpperCase()));
  out.push(
    problem('cron.invalid-value', from, from + Math.max(1, tok.length), {
      value: tok,
      field: f.name,
      allowed: allowedText(f),
      hint: other
        ? ` ('${tok}' is a ${other.name} name)`
        : !allowNames && f.names
          ? ' (names cannot be used with a step)'
          : '',
    }),
  );
  return undefined;
}

function parseField(f: FieldSpec, text: string, base: number, out: LangProblem[]): Set<number> | undefined {
  const values = new Set<number>();
  let ok = true;
  let pos = 0;
  for (const part of text.split(',')) {
    const from = base + pos;
    pos += part.length + 1;
    if (part === '') {
      out.push(
        problem('cron.invalid-value', Math.max(base, from - 1), from + 1, {
          value: ',',
          field: f.name,
          allowed: allowedText(f),
          hint: ' (empty list element)',
        }),
      );
      ok = false;
      continue;
    }
    const slash = part.indexOf('/');
    const rangePart = slash >= 0 ? part.slice(0, slash) : part;
    let step = 1;
    if (slash >= 0) {
      const stepText = part.slice(slash + 1);
      const stepFrom = from + slash + 1;
      if (
        !/^[0-9]+$/.test(stepText) ||
        stepText.length > 6 ||
        parseInt(stepText, 10) === 0 ||
        parseInt(stepText, 10) > f.max - f.min + 1
      ) {
        out.push(
          problem('cron.bad-step', from + slash, stepFrom + Math.max(stepText.length, 0), {
            step: stepText,
            field: f.name,
            max: f.max - f.min + 1,
          }),
        );
        ok = false;
        continue;
      }
      step = parseInt(stepText, 10);
    }
    let lo: number | undefined;
    let hi: number | undefined;
    if (rangePart === '*' || (rangePart === '?' && f.question)) {
      lo = f.min;
      hi = f.max;
    } else {
      const dash = rangePart.indexOf('-', 1);
      if (dash >= 0) {
        const a = rangePart.slice(0, dash);
        const b = rangePart.slice(dash + 1);
        lo = parseValue(f, a, from, out, true);
        hi = parseValue(f, b, from + dash + 1, out, true);
        if (lo === undefined || hi === undefined) {
          ok = false;
          continue;
        }
        if (lo > hi) {
          out.push(
            problem('cron.bad-range', from, from + rangePart.length, {
              range: rangePart,
              field: f.name,
              start: a,
              end: b,
            }),
          );
          ok = false;
          continue;
        }
      } else {
        lo = parseValue(f, rangePart, from, out, true);
        if (lo === undefined) {
          ok = false;
          continue;
        }
        hi = slash >= 0 ? f.max : lo;
      }
    }
    for (let v = lo; v <= hi; v += step) values.add(f.alias && v === f.alias[0] ? f.alias[1] : v);
  }
  return ok ? values : undefined;
}

function analyse(text: string): { problems: LangProblem[]; schedule?: CronSchedule } {
  const problems: LangProblem[] = [];
  if (typeof text !== 'string' || text.trim() === '') {
    return { problems: [problem('cron.empty', 0, typeof text === 'string' ? text.length : 0)] };
  }
  if (text.length > 1000)
    return {
      problems: [
        problem('cron.field-count', 0, text.length, {
          count: 'too many',
          fields: 'minute hour day-of-month month day-of-week',
        }),
      ],
    };
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  if (trimmed.startsWith('@')) {
    const macro = MACROS[trimmed.toLowerCase()];
    if (!macro) {
      return {
        problems: [
          problem('cron.unknown-macro', lead, lead + trimmed.length, {
            macro: trimmed,
            macros: Object.keys(MACROS).join(' '),
          }),
        ],
      };
    }
    return analyse(macro);
  }
  const fields: { text: string; from: number }[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) fields.push({ text: m[0], from: m.index });
  if (fields.length !== 5) {
    const hint =
      fields.length === 6
        ? ' (6 fields look like a seconds or year field; this format has no seconds)'
        : fields.length === 7
          ? ' (7 fields look like a Quartz expression with seconds and year)'
          : '';
    const extra = fields[5];
    const from = fields.length > 5 && extra ? extra.from : lead;
    return { problems: [problem('cron.field-count', from, lead + trimmed.length, { count: fields.length, hint })] };
  }
  const sets: (Set<number> | undefined)[] = FIELDS.map((f, i) => {
    const fld = fields[i] as { text: string; from: number };
    return parseField(f, fld.text, fld.from, problems);
  });
  if (problems.length > 0) return { problems };
  const list = (i: number) => [...(sets[i] ?? [])].sort((a, b) => a - b);
  const schedule: CronSchedule = {
    minute: list(0),
    hour: list(1),
    dayOfMonth: list(2),
    month: list(3),
    dayOfWeek: list(4),
    domRestricted: !/^[*?]$/.test((fields[2] as { text: string }).text),
    dowRestricted: !/^[*?]$/.test((fields[4] as { text: string }).text),
  };
  // Day 30/31 in February only, etc.: a schedule that can never fire.
  if (schedule.domRestricted && !schedule.dowRestricted) {
    const maxDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const possible = schedule.month.some((mo) => schedule.dayOfMonth.some((d) => d <= (maxDays[mo - 1] ?? 31)));
    if (!possible) {
      const f2 = fields[2] as { text: string; from: number };
      problems.push(
        problem(
          'cron.never-fires',
          f2.from,
          f2.from + f2.text.length,
          { days: f2.text, months: (fields[3] as { text: string }).text },
          'warning',
        ),
      );
    }
  }
  return { problems, schedule };
}

/** Problems of a cron expression; empty when valid. Never throws. */
export function checkCron(text: string): LangProblem[] {
  try {
    return clampProblems(analyse(text).problems, text.length);
  } catch {
    return [problem('cron.field-count', 0, typeof text === 'string' ? text.length : 0, { count: '?', hint: '' })];
  }
}

/** The parsed schedule, or undefined when the expression has errors. Never throws. */
export function parseCron(text: string): CronSchedule | undefined {
  try {
    const r = analyse(text);
    return r.problems.some((p) => !p.severity || p.severity === 'error') ? undefined : r.schedule;
  } catch {
    return undefined;
  }
}
