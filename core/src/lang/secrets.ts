/**
 * Secret hygiene helpers: value-shape detectors for well-known credential formats, reference
 * recognition (`${VAR}`, `<secret>`, vault:/file: …) and secret-bearing key names.
 * All regexes are linear (no nested quantifiers, bounded repetitions) and inputs over 10k chars
 * are skipped.
 */

export interface SecretShape {
  kind: string;
  from: number;
  to: number;
}

const MAX_LEN = 10000;

interface Detector {
  kind: string;
  re: RegExp;
  /** Only when the key (or value) mentions one of these words. */
  keyword?: RegExp;
  /** Index of the capture group holding the secret part (for the false-positive filters). */
  group?: number;
  /**
   * Text every match contains (one of them), in lower case: a value without any is not matched
   * against `re` at all. Only a cheaper way to the same answer: each is a literal of `re`.
   */
  hints?: string[];
}

// Order matters: the first match wins, more specific shapes first.
const DETECTORS: Detector[] = [
  { kind: 'private-key', re: /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY( BLOCK)?-----/, hints: ['-----begin'] },
  {
    kind: 'slack-webhook',
    re: /https:\/\/hooks\.slack\.com\/services\/(T[A-Z0-9]{6,14}\/B[A-Z0-9]{6,14}\/[A-Za-z0-9]{20,32})/,
    group: 1,
    hints: ['hooks.slack.com/'],
  },
  {
    kind: 'slack-webhook',
    re: /https:\/\/hooks\.slack\.com\/(?:workflows|triggers)\/([A-Za-z0-9+/]{43,56})/,
    group: 1,
    hints: ['hooks.slack.com/'],
  },
  { kind: 'slack-token', re: /\b(xox[bpaeors]-[0-9A-Za-z-]{10,250})/, group: 1, hints: ['xox'] },
  { kind: 'slack-token', re: /\b(xapp-\d-[A-Z0-9]{6,20}-\d{6,20}-[a-z0-9]{20,70})/i, group: 1, hints: ['xapp-'] },
  { kind: 'slack-token', re: /\b(xoxe\.xox[bp]-\d-[A-Z0-9]{100,200})/i, group: 1, hints: ['xoxe.xox'] },
  {
    kind: 'teams-webhook',
    re: /https:\/\/[a-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}/i,
    hints: ['.webhook.office.com/webhookb2/'],
  },
  {
    kind: 'aws-access-key-id',
    re: /\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/,
    group: 1,
    hints: ['a3t', 'akia', 'asia', 'abia', 'acca'],
  },
  { kind: 'gcp-api-key', re: /\b(AIza[\w-]{35})(?![\w-])/, group: 1, hints: ['aiza'] },
  {
    kind: 'github-token',
    re: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36})\b/,
    group: 1,
    hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  },
  { kind: 'github-token', re: /\b(github_pat_[A-Za-z0-9_]{82})\b/, group: 1, hints: ['github_pat_'] },
  { kind: 'gitlab-token', re: /\b(glpat-[A-Za-z0-9_-]{20,})/, group: 1, hints: ['glpat-'] },
  {
    kind: 'grafana-service-account-token',
    re: /\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b/,
    group: 1,
    hints: ['glsa_'],
  },
  { kind: 'grafana-cloud-token', re: /\b(glc_[A-Za-z0-9+/]{32,400}={0,2})/, group: 1, hints: ['glc_'] },
  { kind: 'grafana-api-key', re: /\b(eyJrIjoi[A-Za-z0-9+/]{70,400}={0,2})/, group: 1, hints: ['eyjrijoi'] },
  {
    kind: 'jwt',
    re: /\b(ey[A-Za-z0-9_-]{10,}\.ey[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})/,
    group: 1,
    hints: ['.ey'],
  },
  { kind: 'sendgrid-api-key', re: /\b(SG\.[A-Za-z0-9_.-]{66})(?![\w.-])/, group: 1, hints: ['sg.'] },
  {
    kind: 'stripe-key',
    re: /\b((?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99})\b/,
    group: 1,
    hints: ['sk_', 'rk_'],
  },
  { kind: 'npm-token', re: /\b(npm_[A-Za-z0-9]{36})\b/, group: 1, hints: ['npm_'] },
  {
    kind: 'anthropic-api-key',
    re: /\b(sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,110}AA)(?![\w-])/,
    group: 1,
    hints: ['sk-ant-'],
  },
  {
    kind: 'openai-api-key',
    re: /\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,80}T3BlbkFJ[A-Za-z0-9_-]{16,80})(?![\w-])/,
    group: 1,
    hints: ['t3blbkfj'],
  },
  { kind: 'vault-token', re: /\b(hvs\.[A-Za-z0-9_-]{90,120})(?![\w-])/, group: 1, hints: ['hvs.'] },
  { kind: 'vault-token', re: /\b(hvb\.[A-Za-z0-9_-]{138,300})(?![\w-])/, group: 1, hints: ['hvb.'] },
  {
    kind: 'azure-ad-client-secret',
    re: /(?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/,
    group: 1,
    hints: ['q~'],
  },
  {
    kind: 'telegram-bot-token',
    re: /(?:^|[^0-9])([0-9]{5,16}:A[A-Za-z0-9_-]{34})(?![A-Za-z0-9_-])/,
    group: 1,
    keyword: /telegr/i,
    hints: [':a'],
  },
  {
    kind: 'aws-secret-access-key',
    re: /(?:^|[^A-Za-z0-9/+=])([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/,
    group: 1,
    keyword: /aws|secret_?access/i,
  },
];

/** Any detector's literal (see `hints`): most values hold none, and are matched against no hinted detector. */
const ANY_HINT = new RegExp(
  DETECTORS.flatMap((d) => d.hints ?? [])
    .map((h) => h.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|'),
);

function holdsHint(lower: string, hints: readonly string[]): boolean {
  for (const h of hints) if (lower.includes(h)) return true;
  return false;
}

/** True for placeholder-ish values that scanners ignore (gitleaks/detect-secrets heuristics). */
export function isLikelyPlaceholder(s: string): boolean {
  const v = s.trim();
  if (v === '') return true;
  if (/^(true|false|null|none|nil|undefined|changeme|change_me|replace_?me|todo|redacted|secret|password)$/i.test(v))
    return true;
  if (/^(.)\1*$/.test(v)) return true; // xxxx, ****
  if (/EXAMPLE/.test(v)) return true;
  if (/(^|[^A-Za-z])(x{4,}|X{4,}|\*{3,}|\.{3,})/.test(v) || /your[_-]?(api[_-]?)?(key|token|secret|password)/i.test(v))
    return true;
  if (/^[<{[(].{0,80}[>}\])]$/.test(v)) return true; // <secret>, {secret}, [token]
  if (isSequential(v)) return true;
  return false;
}

function isSequential(v: string): boolean {
  const core = v.replace(/[^A-Za-z0-9]/g, '');
  if (core.length < 6) return false;
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  const l = core.toLowerCase();
  return alphabet.includes(l) || '9876543210'.includes(l) || 'zyxwvutsrqponmlkjihgfedcba'.includes(l);
}

/** URL credentials `scheme://user:password@host` (placeholders exempt); parsed without regex backtracking. */
function urlCredentials(value: string): SecretShape | undefined {
  let idx = value.indexOf('://');
  let guard = 0;
  while (idx >= 0 && guard++ < 100) {
    const start = idx + 3;
    let end = start;
    while (end < value.length && !/[\s/?#"'<>]/.test(value[end] as string)) end++;
    const authority = value.slice(start, end);
    const at = authority.lastIndexOf('@');
    if (at > 0) {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(':');
      if (colon >= 0) {
        const password = userinfo.slice(colon + 1);
        const host = authority.slice(at + 1);
        if (password !== '' && host !== '' && !isReferenceLike(password) && !isLikelyPlaceholder(password)) {
          const from = start + colon + 1;
          return { kind: 'url-credentials', from, to: from + password.length };
        }
      }
    }
    idx = value.indexOf('://', end);
  }
  return undefined;
}

function isReferenceLike(s: string): boolean {
  return (
    /^\$\{[^}]{1,200}\}$/.test(s) ||
    /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(s) ||
    /^%[A-Za-z_][A-Za-z0-9_]*%$/.test(s) ||
    /^@[A-Za-z_][A-Za-z0-9_]*@$/.test(s) ||
    /\{\{.{0,200}\}\}/.test(s) ||
    /^\{[A-Za-z_][A-Za-z0-9_.-]*\}$/.test(s) ||
    /^<[^<>]{1,100}>$/.test(s)
  );
}

/**
 * First high-confidence secret shape found in `value`, with its offsets. `key` (the YAML key the
 * value sits under) enables keyword-gated shapes (Telegram tokens, AWS secret keys). Never throws.
 */
export function detectSecretShape(value: string, key?: string): SecretShape | undefined {
  try {
    if (typeof value !== 'string' || value.length < 8 || value.length > MAX_LEN) return undefined;
    if (isSecretReference(value)) return undefined;
    const lower = value.toLowerCase();
    const hinted = ANY_HINT.test(lower);
    let context: string | undefined;
    for (const d of DETECTORS) {
      if (d.hints && !(hinted && holdsHint(lower, d.hints))) continue;
      if (d.keyword && !d.keyword.test((context ??= `${key ?? ''} ${value.length < 200 ? value : ''}`))) continue;
      const m = d.re.exec(value);
      if (!m) continue;
      const whole = m[0];
      const part = d.group ? (m[d.group] ?? whole) : whole;
      const from = m.index + whole.indexOf(part);
      if (isLikelyPlaceholder(part) || isReferenceLike(part)) continue;
      if (d.kind === 'aws-secret-access-key' && !/[A-Z]/.test(part) && !/[a-z]/.test(part)) continue;
      if (d.kind === 'aws-secret-access-key' && !(/[0-9]/.test(part) && /[a-z]/.test(part) && /[A-Z]/.test(part)))
        continue;
      return { kind: d.kind, from, to: from + part.length };
    }
    return urlCredentials(value);
  } catch {
    return undefined;
  }
}

/**
 * Whether a value is a reference to a secret rather than the secret itself: `${VAR}`, `$VAR`,
 * `<secret>`, `vault:…`, `file:…`, `secretRef:…`, template expressions, `%VAR%`, `@VAR@`, absolute
 * file paths. Never throws.
 */
export function isSecretReference(value: string): boolean {
  try {
    if (typeof value !== 'string') return false;
    const v = value.trim();
    if (v === '' || v.length > MAX_LEN) return false;
    if (/^\$\{[A-Za-z_][A-Za-z0-9_.]*(?:(?::?[-=?+])[^}]{0,200})?\}$/.test(v)) return true;
    if (/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return true;
    if (/^<secret>$/i.test(v) || /^<[a-z][a-z0-9_ -]{0,60}>$/i.test(v)) return true;
    if (/^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v) || /^@[A-Za-z_][A-Za-z0-9_]*@$/.test(v)) return true;
    if (/^\{\{[^]{0,500}\}\}$/.test(v) || /^\{\{-?\s*(?:\.|\$|env|secret|vault|include|template|index)/.test(v))
      return true;
    if (/^\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(v)) return true;
    if (
      /^(?:vault|file|secretref|secret|env|awssm|aws-sm|gcpsm|gcp-sm|azkv|op|sops|k8s|kubernetes|ref\+[a-z0-9]+):/i.test(
        v,
      )
    )
      return true;
    if (/^(?:\/|~\/|[A-Za-z]:\\)[^\s]*$/.test(v) && !v.includes('//')) return true;
    return false;
  } catch {
    return false;
  }
}

const EXACT_KEYS = new Set([
  // Prometheus / prometheus-common Secret fields
  'password',
  'bearer_token',
  'credentials',
  'client_secret',
  'client_certificate_key',
  'key',
  // Alertmanager <secret> fields
  'api_url',
  'api_key',
  'api_secret',
  'app_token',
  'auth_password',
  'auth_secret',
  'bot_token',
  'routing_key',
  'service_key',
  'token',
  'token_id',
  'user_key',
  'webhook_url',
  'slack_api_url',
  'slack_app_token',
  'smtp_auth_password',
  'smtp_auth_secret',
  'opsgenie_api_key',
  'victorops_api_key',
  'telegram_bot_token',
  'wechat_api_secret',
  'rocketchat_token',
  'rocketchat_token_id',
  'mattermost_webhook_url',
  'alert_source_token',
  // ours
  'access_key',
  'secret_access_key',
  'private_key',
  'connection_string',
  'dsn',
  'encryption_key',
  'signing_key',
  'jwt_secret',
  'secret',
  'secret_key',
  'passwd',
  'pwd',
  'auth_token',
  'access_token',
  'refresh_token',
  'client_key',
  'sasl_password',
  'webhook_secret',
  'hmac_secret',
  'license_key',
]);

/** Last words that make a key secret-bearing (`db_password`, `github_token`, `stripeSecretKey`). */
const SECRET_TAIL =
  /(?:^|_)(?:password|passwd|pwd|secret|token|credentials|api_?key|private_?key|secret_?key|access_?key|signing_?key|encryption_?key|auth_?key|service_?key|routing_?key|client_?secret|connection_?string)$/;
/** Suffixes that make a key a *pointer* to a secret, or metadata about it. */
const NOT_SECRET_TAIL =
  /(?:^|_)(?:file|files|path|ref|env|name|names|type|id|ids|url_file|header|length|ttl|expiry|expires|expiration|enabled|format|prefix|field|source|endpoint|uri|count|policy|rotation|version|hint|template|label|kind|mode|algorithm|validation)$/;

/**
 * Whether values under this key name are secrets (DOMAIN §4.1 item 1). Accepts snake_case,
 * kebab-case and camelCase. `*_file`, `*_path`, `*_ref`, `*_id` (except `token_id`) are pointers, not
 * secrets. Never throws.
 */
export function isSecretBearingKey(key: string): boolean {
  try {
    if (typeof key !== 'string' || key.length === 0 || key.length > 200) return false;
    const k = key
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[-.\s]+/g, '_')
      .toLowerCase();
    if (EXACT_KEYS.has(k)) return true;
    if (NOT_SECRET_TAIL.test(k)) return false;
    return SECRET_TAIL.test(k);
  } catch {
    return false;
  }
}
