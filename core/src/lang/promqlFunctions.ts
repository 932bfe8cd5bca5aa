/**
 * PromQL function and aggregation signatures (from the Prometheus query function reference).
 * `variadic` follows the Prometheus parser: 0 = exactly `args.length` arguments; otherwise the
 * minimum is `args.length - 1` and the maximum `args.length - 1 + variadic` (-1 = no maximum), the
 * extra arguments having the type of the last entry.
 */

export type PromType = 'scalar' | 'vector' | 'matrix' | 'string';

export interface PromFunction {
  args: PromType[];
  variadic: number;
  ret: PromType;
}

const v: PromType = 'vector';
const m: PromType = 'matrix';
const s: PromType = 'scalar';
const str: PromType = 'string';

const f = (args: PromType[], ret: PromType = v, variadic = 0): PromFunction => ({ args, variadic, ret });

const SIMPLE_VECTOR = [
  'abs',
  'absent',
  'acos',
  'acosh',
  'asin',
  'asinh',
  'atan',
  'atanh',
  'ceil',
  'cos',
  'cosh',
  'deg',
  'exp',
  'floor',
  'histogram_avg',
  'histogram_count',
  'histogram_stddev',
  'histogram_stdvar',
  'histogram_sum',
  'ln',
  'log10',
  'log2',
  'rad',
  'sgn',
  'sin',
  'sinh',
  'sort',
  'sort_desc',
  'sqrt',
  'tan',
  'tanh',
  'timestamp',
];
const OVER_TIME = [
  'absent_over_time',
  'avg_over_time',
  'changes',
  'count_over_time',
  'delta',
  'deriv',
  'first_over_time',
  'idelta',
  'increase',
  'irate',
  'last_over_time',
  'mad_over_time',
  'max_over_time',
  'min_over_time',
  'present_over_time',
  'rate',
  'resets',
  'stddev_over_time',
  'stdvar_over_time',
  'sum_over_time',
  'ts_of_first_over_time',
  'ts_of_last_over_time',
  'ts_of_max_over_time',
  'ts_of_min_over_time',
];
const DATE = ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year'];

export const PROMQL_FUNCTIONS: Record<string, PromFunction> = {
  clamp: f([v, s, s]),
  clamp_max: f([v, s]),
  clamp_min: f([v, s]),
  double_exponential_smoothing: f([m, s, s]),
  histogram_fraction: f([s, s, v]),
  histogram_quantile: f([s, v]),
  info: f([v, v], v, 1),
  label_join: f([v, str, str, str], v, -1),
  label_replace: f([v, str, str, str, str]),
  pi: f([], s),
  predict_linear: f([m, s]),
  quantile_over_time: f([s, m]),
  round: f([v, s], v, 1),
  scalar: f([v], s),
  sort_by_label: f([v, str], v, -1),
  sort_by_label_desc: f([v, str], v, -1),
  time: f([], s),
  vector: f([s]),
};
for (const n of SIMPLE_VECTOR) PROMQL_FUNCTIONS[n] = f([v]);
for (const n of OVER_TIME) PROMQL_FUNCTIONS[n] = f([m]);
for (const n of DATE) PROMQL_FUNCTIONS[n] = f([v], v, 1);

/** Functions the grammar knows whose signature we don't check (new/experimental). */
export const PROMQL_UNCHECKED_FUNCTIONS = new Set(['histogram_quantiles', 'start_timestamp', 'holt_winters']);

/** Aggregation operators; `param` is the type of the leading parameter when there is one. */
export const PROMQL_AGGREGATIONS: Record<string, { param?: PromType }> = {
  sum: {},
  avg: {},
  count: {},
  min: {},
  max: {},
  group: {},
  stddev: {},
  stdvar: {},
  topk: { param: s },
  bottomk: { param: s },
  limitk: { param: s },
  limit_ratio: { param: s },
  quantile: { param: s },
  count_values: { param: str },
};

/** Range-vector functions whose range should cover at least two samples (rate-like). */
export const RATE_LIKE = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv']);

export function functionArity(fn: PromFunction): { min: number; max: number } {
  if (fn.variadic === 0) return { min: fn.args.length, max: fn.args.length };
  const min = fn.args.length - 1;
  return { min, max: fn.variadic < 0 ? Infinity : min + fn.variadic };
}

/** Expected type of argument `i` (0-based) of `fn`, or undefined beyond the signature. */
export function argType(fn: PromFunction, i: number): PromType | undefined {
  if (i < fn.args.length) return fn.args[i];
  if (fn.variadic !== 0) return fn.args[fn.args.length - 1];
  return undefined;
}

export function typeName(t: PromType): string {
  return t === 'matrix' ? 'range vector' : t === 'vector' ? 'instant vector' : t;
}

/** Type name with its article, for messages ("an instant vector", "a scalar"). */
export function typeNameA(t: PromType): string {
  return t === 'matrix' ? 'a range vector' : t === 'vector' ? 'an instant vector' : `a ${t}`;
}

/** All function and aggregation names (for suggestions). */
export function knownFunctionNames(): string[] {
  return [...Object.keys(PROMQL_FUNCTIONS), ...PROMQL_UNCHECKED_FUNCTIONS, ...Object.keys(PROMQL_AGGREGATIONS)];
}

/** Closest known name: a completion of the prefix, else within edit distance 1 (2 for long names). */
export function suggestFunction(name: string): string {
  const lower = name.toLowerCase();
  const names = knownFunctionNames();
  if (names.includes(lower)) return lower;
  if (lower.length >= 3) {
    const completions = names.filter((c) => c.startsWith(lower)).sort((a, b) => a.length - b.length);
    if (completions[0]) return completions[0];
  }
  const cap = lower.length <= 4 ? 2 : 3;
  let best = '';
  let bestD = cap;
  for (const cand of names) {
    const d = editDistance(lower, cand, bestD);
    if (d < bestD) {
      bestD = d;
      best = cand;
    }
  }
  return best;
}

function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const val = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(val);
      rowMin = Math.min(rowMin, val);
    }
    if (rowMin >= cap) return cap;
    prev = cur;
  }
  return prev[b.length] as number;
}
