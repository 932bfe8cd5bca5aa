/**
 * HTTP client settings the way prometheus/common validates them (DOMAIN §2.1), wherever
 * Prometheus (scrape jobs, service discovery, Alertmanager targets, remote write and read) or
 * Alertmanager (`global.http_config`, every receiver's `http_config`) accept them: at most one
 * authentication method, a value inline or from a file but not both, a TLS client certificate
 * and its key together, no `authorization.type: Basic`, OAuth 2.0 with client id and token URL,
 * and no custom header that Prometheus sets itself. Keys the schema already rejects are left to
 * it. Codes `http.*`.
 */
import type { JSONPath, PropertyNode, ValueNode } from '../document/ast';
import { hasCode, type Problem } from '../problem';
import { removeKey } from '../fixes';
import type { RuleContext } from './types';
import { child, entries, prop, schemaProblemAt, schemaProblemsAt, str, val, walk } from './util';
import { report } from './report';
import type { Code } from '../codes';

/** The authentication methods of every HTTP client (`bearer_token` stands for `bearer_token_file` too). */
const AUTH = ['basic_auth', 'authorization', 'oauth2', 'bearer_token'];
/** Keys that make a mapping an HTTP client configuration. */
const HOLDER_KEYS = new Set([...AUTH, 'bearer_token_file', 'http_headers']);

/** `http_headers` names prometheus/common refuses (compared case-insensitively). */
const RESERVED_HTTP_HEADERS = new Set([
  'authorization',
  'host',
  'content-encoding',
  'content-length',
  'content-type',
  'user-agent',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'www-authenticate',
  'accept-encoding',
  'x-prometheus-remote-write-version',
  'x-prometheus-remote-read-version',
  'x-prometheus-scrape-timeout-seconds',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);
/** Remote write and read `headers` Prometheus refuses (`Authorization` too, with its own advice). */
const RESERVED_REMOTE_HEADERS = new Set(
  [...RESERVED_HTTP_HEADERS].filter((h) => h !== 'x-prometheus-scrape-timeout-seconds'),
);

/** Whether a value counts as given: upstream reads null, `""`, `0` and `[]` as absent. */
export function isSet(node: ValueNode | undefined): boolean {
  if (!node) return false;
  switch (node.type) {
    case 'null':
      return false;
    case 'string':
      return node.value !== '';
    case 'number':
      return node.value !== 0;
    case 'array':
      return node.items.length > 0;
    default:
      return true;
  }
}

/** A key the schema rejects where it is written (the schema's problem says it better). */
function rejected(ctx: RuleContext, path: JSONPath): boolean {
  return schemaProblemAt(ctx, path, ['schema.additional-property', 'schema.false']) !== undefined;
}

/** The property of `key` when it is given and allowed. */
export function given(
  ctx: RuleContext,
  holder: ValueNode | undefined,
  path: JSONPath,
  key: string,
): PropertyNode | undefined {
  const p = prop(holder, key);
  return p && isSet(val(p.valueNode)) && !rejected(ctx, [...path, key]) ? p : undefined;
}

/** Whether the schema already says that `key` is missing from the mapping at `path`. */
export function schemaMissing(ctx: RuleContext, path: JSONPath, keys: readonly string[]): boolean {
  return schemaProblemsAt(ctx, path).some(
    (p) => hasCode(p, 'schema.required') && !!p.data?.missing?.some((m) => keys.includes(String(m))),
  );
}

/**
 * `key` and `fileKey` both given in the mapping at `path`: reported on the inline key, with the
 * path to remove. The schema's less precise problems about the pair are replaced.
 */
export function inlineAndFile(
  ctx: RuleContext,
  code: Code,
  holder: ValueNode | undefined,
  path: JSONPath,
  key: string,
  fileKey: string,
  extra: Record<string, unknown> = {},
): void {
  const inline = given(ctx, holder, path, key);
  if (!inline || !given(ctx, holder, path, fileKey)) return;
  const at = [...path, key];
  const fileAt = [...path, fileKey];
  report(ctx, {
    code,
    node: inline.keyNode,
    path: at,
    args: { key, fileKey },
    data: { ...extra, key, fileKey, remove: [at], keep: fileAt, fixes: [removeKey(at)] },
    // The upstream schema says it as a `oneOf` of the mapping (`password` / `password_file`) or `const: null` on both keys (bearer tokens).
    supersedes: ['schema.one-of-ambiguous', 'schema.const'],
    supersedesAt: [path, at, fileAt],
    blockedBy: ['schema.type'],
  });
}

export interface HttpClientOptions {
  /** Authentication methods of this holder beyond the common ones (`sigv4` of remote write, …). */
  extraAuth?: readonly string[];
}

function exclusiveAuth(ctx: RuleContext, holder: ValueNode, path: JSONPath, extra: readonly string[]): void {
  const methods: Array<{ name: string; props: PropertyNode[] }> = [];
  for (const name of [...AUTH, ...extra]) {
    // A token and its file are one method (Marathon's `auth_token` too).
    const keys = name === 'bearer_token' || name === 'auth_token' ? [name, name + '_file'] : [name];
    const props = keys.map((k) => given(ctx, holder, path, k)).filter((p): p is PropertyNode => !!p);
    if (props.length) methods.push({ name, props });
  }
  if (methods.length < 2) return;
  for (const m of methods) {
    const others = methods.filter((o) => o !== m).flatMap((o) => o.props.map((p) => p.keyNode.value));
    for (const p of m.props) {
      const key = p.keyNode.value;
      const at = [...path, key];
      report(ctx, {
        code: 'http.exclusive-auth',
        node: p.keyNode,
        path: at,
        args: { key, others: others.map((o) => '`' + o + '`').join(', ') },
        data: { key, conflicts: others, remove: [at], fixes: [removeKey(at, { preferred: false })] },
        supersedes: ['schema.const'],
        blockedBy: ['schema.type'],
      });
    }
  }
}

/** TLS settings (`tls_config`, `smtp_tls_config`, OAuth 2.0's): inline or file, certificate with key. */
export function checkTls(ctx: RuleContext, tls: ValueNode | undefined, path: JSONPath): void {
  if (tls?.type !== 'object') return;
  for (const k of ['ca', 'cert', 'key']) inlineAndFile(ctx, 'http.inline-and-file', tls, path, k, k + '_file');
  const cert = given(ctx, tls, path, 'cert_file') ?? given(ctx, tls, path, 'cert');
  const key = given(ctx, tls, path, 'key_file') ?? given(ctx, tls, path, 'key');
  const missing = (p: PropertyNode, variant: '' | '.key', wanted: string[]): void => {
    const k = p.keyNode.value;
    report(ctx, {
      code: 'http.cert-without-key',
      message: `http.cert-without-key${variant}`,
      node: p.keyNode,
      path: [...path, k],
      args: { key: k },
      data: { key: k, missing: wanted },
      blockedBy: ['schema.type'],
    });
  };
  if (cert && !key) missing(cert, '', ['key_file', 'key']);
  if (key && !cert) missing(key, '.key', ['cert_file', 'cert']);
}

function headers(
  ctx: RuleContext,
  map: ValueNode | undefined,
  path: JSONPath,
  reserved: ReadonlySet<string>,
  authorization:
    'http.reserved-header.authorization' | 'http.reserved-header.tracing' = 'http.reserved-header.authorization',
): void {
  for (const e of entries(map)) {
    const name = e.key.toLowerCase();
    if (!reserved.has(name)) continue;
    const at = [...path, e.key];
    report(ctx, {
      code: 'http.reserved-header',
      message: name === 'authorization' ? authorization : 'http.reserved-header',
      node: e.keyNode,
      path: at,
      args: { header: e.key },
      data: { header: e.key, remove: [at], fixes: [removeKey(at)] },
    });
  }
}

/** Remote write and read `headers`: none that Prometheus sets itself. */
export function checkRemoteHeaders(ctx: RuleContext, item: ValueNode | undefined, path: JSONPath): void {
  headers(ctx, child(item, 'headers'), [...path, 'headers'], RESERVED_REMOTE_HEADERS);
}

/** Tracing `headers`: the same reserved names; `Authorization` is not supported there at all. */
export function checkTracingHeaders(ctx: RuleContext, tracing: ValueNode | undefined, path: JSONPath): void {
  headers(
    ctx,
    child(tracing, 'headers'),
    [...path, 'headers'],
    RESERVED_REMOTE_HEADERS,
    'http.reserved-header.tracing',
  );
}

/** One HTTP client configuration (a scrape job, an `http_config`, a remote write target, …) at `path`. */
export function checkHttpClient(
  ctx: RuleContext,
  holder: ValueNode | undefined,
  path: JSONPath,
  opts: HttpClientOptions = {},
): void {
  if (holder?.type !== 'object') return;
  exclusiveAuth(ctx, holder, path, opts.extraAuth ?? []);
  inlineAndFile(ctx, 'http.inline-and-file', holder, path, 'bearer_token', 'bearer_token_file');
  if (opts.extraAuth?.includes('auth_token'))
    inlineAndFile(ctx, 'http.inline-and-file', holder, path, 'auth_token', 'auth_token_file');
  const basic = child(holder, 'basic_auth');
  for (const k of ['username', 'password'])
    inlineAndFile(ctx, 'http.inline-and-file', basic, [...path, 'basic_auth'], k, k + '_file');
  const authPath = [...path, 'authorization'];
  const auth = child(holder, 'authorization');
  inlineAndFile(ctx, 'http.inline-and-file', auth, authPath, 'credentials', 'credentials_file');
  const type = str(child(auth, 'type'));
  if (type && type.value.trim().toLowerCase() === 'basic') {
    report(ctx, {
      code: 'http.authorization-basic',
      node: type,
      path: [...authPath, 'type'],
      args: { value: type.value },
      data: { suggestion: 'basic_auth' },
    });
  }
  const oauthPath = [...path, 'oauth2'];
  const oauth = child(holder, 'oauth2');
  const oauthProp = given(ctx, holder, path, 'oauth2');
  if (oauth?.type === 'object' && oauthProp) {
    inlineAndFile(ctx, 'http.inline-and-file', oauth, oauthPath, 'client_secret', 'client_secret_file');
    for (const k of ['client_id', 'token_url']) {
      if (isSet(child(oauth, k)) || schemaMissing(ctx, oauthPath, [k])) continue;
      report(ctx, {
        code: 'http.oauth2-missing',
        node: oauthProp.keyNode,
        path: oauthPath,
        args: { key: k },
        data: { missing: [k] },
        blockedBy: ['schema.type'],
      });
    }
  }
  headers(ctx, child(holder, 'http_headers'), [...path, 'http_headers'], RESERVED_HTTP_HEADERS);
}

/**
 * Every HTTP client and TLS configuration of a Prometheus or Alertmanager configuration at
 * `base`, found in one walk. `extraAuth` names further authentication methods by the holder's
 * path (`sigv4` of remote write targets, …). A mapping reached through several aliases is
 * reported once.
 */
export function checkHttpClients(
  ctx: RuleContext,
  block: ValueNode | undefined,
  base: JSONPath,
  extraAuth?: (path: JSONPath) => readonly string[] | undefined,
): void {
  if (block?.type !== 'object') return;
  const seen = new Set<string>();
  const once: RuleContext = {
    ...ctx,
    report: (p: Problem) => {
      const k = `${p.code}\u0000${p.offset}\u0000${p.length}\u0000${p.message}`;
      if (seen.has(k)) return;
      seen.add(k);
      ctx.report(p);
    },
  };
  walk(
    block,
    (node, path) => {
      if (node.type !== 'object') return;
      const last = path[path.length - 1];
      if (last === 'tls_config' || last === 'smtp_tls_config') checkTls(once, node, path);
      const extra = extraAuth?.(path) ?? [];
      if (node.properties.some((p) => HOLDER_KEYS.has(p.keyNode.value) || extra.includes(p.keyNode.value)))
        checkHttpClient(once, node, path, { extraAuth: extra });
    },
    base,
  );
}
