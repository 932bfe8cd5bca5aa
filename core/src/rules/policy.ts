/**
 * Security and consistency policy: TLS 1.2 or later everywhere; in production (a tenant's
 * `environments.production`, environment files with `environment: production`) verified database
 * TLS, no debug mode, no loopback hosts and encryption at rest; pool and autoscaling bounds in
 * order; health check timeout below the interval; a dead-letter queue other than the queue itself;
 * NIST SP 800-63B password advice; no JWT `none`; OIDC `openid` scope; https redirect URIs except
 * loopback. Codes `policy.*`.
 */
import type { JSONPath, ValueNode } from '../document/ast';
import { parseDuration } from '../lang/duration';
import type { Rule, RuleContext } from './types';
import { addItems, changeTo, removeItem, replaceText, setValue, type FixDescriptor } from '../fixes';
import {
  ALL_KINDS,
  boolAt,
  child,
  entries,
  isProduction,
  items,
  nodesOf,
  numAt,
  prop,
  select,
  str,
  strAt,
  walk,
} from './util';
import { report, type Severity } from './report';

/** Versions older than TLS 1.2, as each format writes them: [version, replacement]. */
const OLD_TLS: Record<string, [string, string]> = {
  '1': ['1.0', '1.2'],
  '1.0': ['1.0', '1.2'],
  '1.1': ['1.1', '1.2'],
  TLS10: ['1.0', 'TLS12'],
  TLS11: ['1.1', 'TLS12'],
  TLSv1: ['1.0', 'TLSv1.2'],
  'TLSv1.0': ['1.0', 'TLSv1.2'],
  'TLSv1.1': ['1.1', 'TLSv1.2'],
};
const LOOPBACK_HOST = /^(localhost|localhost\.localdomain|127(?:\.\d{1,3}){3}|::1|\[::1\]|0\.0\.0\.0)$/i;

function tlsVersions(ctx: RuleContext): void {
  for (const { node, path, key } of nodesOf(ctx)) {
    // The key first: it rules out almost every node without looking at the value.
    if (key !== 'min_tls_version' && key !== 'tls_version' && key !== 'min_version') continue;
    if (node.type !== 'string' || typeof path[path.length - 1] !== 'string') continue;
    const parentKey = path[path.length - 2];
    if (key === 'min_version' && !(typeof parentKey === 'string' && /tls_config$/.test(parentKey))) continue;
    const old = OLD_TLS[node.value.trim()];
    if (!old) continue;
    report(ctx, {
      code: 'policy.tls-version',
      node,
      path,
      args: { version: old[0], suggestion: old[1] },
      data: { version: old[0], suggestion: old[1], fixes: [changeTo(path, old[1], node.value, { safe: true })] },
      supersedes: ['schema.enum'],
    });
  }
}

function production(ctx: RuleContext, env: ValueNode, base: JSONPath): void {
  const db = child(env, 'database');
  const ssl = str(child(db, 'ssl_mode'));
  if (ssl && ssl.value !== 'verify-full' && ssl.value !== 'verify-ca') {
    const path = [...base, 'database', 'ssl_mode'];
    const fixes = ['verify-full', 'verify-ca'].map((mode) => changeTo(path, mode, ssl.value));
    report(ctx, {
      code: 'policy.insecure-ssl-mode',
      node: ssl,
      path,
      args: { value: ssl.value },
      data: { value: ssl.value, suggestion: 'verify-full', fixes },
    });
  }
  const debug = child(env, 'debug');
  if (debug?.type === 'boolean' && debug.value)
    report(ctx, {
      code: 'policy.debug-in-production',
      node: debug,
      path: [...base, 'debug'],
      data: { suggestion: false, fixes: [setValue([...base, 'debug'], false, true, { safe: true })] },
    });
  walk(
    env,
    (node, path, key) => {
      if (
        node.type === 'string' &&
        key !== undefined &&
        /(^|_)(host|smarthost)$/.test(key) &&
        LOOPBACK_HOST.test(node.value.trim())
      ) {
        report(ctx, {
          code: 'policy.local-host-in-production',
          node,
          path,
          args: { key, host: node.value },
          data: { key, host: node.value },
        });
      }
    },
    base,
  );
  const enc = child(child(child(env, 'storage'), 'encryption'), 'enabled');
  if (enc?.type === 'boolean' && !enc.value)
    encryptionOff(ctx, enc, [...base, 'storage', 'encryption', 'enabled'], 'enabled', 'error');
}

function encryptionOff(ctx: RuleContext, node: ValueNode, path: JSONPath, key: string, severity: Severity): void {
  report(ctx, {
    code: 'policy.encryption-disabled',
    message: severity === 'error' ? 'policy.encryption-disabled.production' : 'policy.encryption-disabled',
    node,
    path,
    args: { key },
    data: { key, suggestion: true, fixes: [setValue(path, true, false, { safe: true })] },
    severity,
  });
}

/** Bounds written the wrong way round: the two values exchanged (a guess, so not in fix-all). */
function swap(base: JSONPath, minKey: string, maxKey: string, min: number, max: number): FixDescriptor {
  return {
    kind: 'replace',
    path: [...base, minKey],
    value: max,
    expect: min,
    also: [{ kind: 'replace', path: [...base, maxKey], value: min, expect: max }],
    title: 'fix.swap',
    args: { a: minKey, b: maxKey },
  };
}

function pools(ctx: RuleContext): void {
  for (const hit of [
    ...select(ctx.part.root, 'environments.*.database.pool'),
    ...select(ctx.part.root, 'environments.*.cache.pool'),
  ]) {
    const min = numAt(hit.node, 'min');
    const max = numAt(hit.node, 'max');
    if (min !== undefined && max !== undefined && min > max)
      report(ctx, {
        code: 'policy.pool-min-exceeds-max',
        node: child(hit.node, 'min')!,
        path: [...hit.path, 'min'],
        args: { min, max },
        data: { min, max, fixes: [swap(hit.path, 'min', 'max', min, max)] },
      });
  }
}

function environmentFile(ctx: RuleContext): void {
  const root = ctx.part.root;
  const auto = child(root, 'autoscaling');
  for (const [minKey, maxKey] of [
    ['min_replicas', 'max_replicas'],
    ['min_instances', 'max_instances'],
  ]) {
    const min = numAt(auto, minKey);
    const max = numAt(auto, maxKey);
    if (min !== undefined && max !== undefined && min > max)
      report(ctx, {
        code: 'policy.autoscaling-min-exceeds-max',
        node: child(auto, minKey)!,
        path: ['autoscaling', minKey],
        args: { minKey, maxKey, min, max },
        data: { min, max, fixes: [swap(['autoscaling'], minKey, maxKey, min, max)] },
      });
  }
  const hc = child(child(root, 'load_balancing'), 'health_check');
  const timeout = str(child(hc, 'timeout'));
  const intervalText = strAt(hc, 'interval') ?? '30s';
  const t = timeout ? parseDuration(timeout.value) : undefined;
  const i = parseDuration(intervalText);
  if (timeout && t !== undefined && i !== undefined && t >= i) {
    report(ctx, {
      code: 'policy.health-check-timeout',
      node: timeout,
      path: ['load_balancing', 'health_check', 'timeout'],
      args: { timeout: timeout.value, interval: intervalText },
      data: { timeoutMs: t, intervalMs: i },
    });
  }
  items(child(child(root, 'messaging'), 'queues')).forEach((q, k) => {
    const name = strAt(q, 'name');
    const target = str(child(child(q, 'dead_letter'), 'target_queue'));
    if (name && target && target.value === name)
      report(ctx, {
        code: 'policy.dlq-self-target',
        node: target,
        path: ['messaging', 'queues', k, 'dead_letter', 'target_queue'],
        args: { name },
        data: { name },
      });
  });
  if (isProduction(ctx, [])) {
    items(child(root, 'databases')).forEach((db, k) => {
      const n = child(db, 'storage_encrypted');
      if (n?.type === 'boolean' && !n.value)
        encryptionOff(ctx, n, ['databases', k, 'storage_encrypted'], 'storage_encrypted', 'error');
    });
    items(child(root, 'object_storage')).forEach((b, k) => {
      const n = child(child(b, 'encryption'), 'enabled');
      if (n?.type === 'boolean' && !n.value)
        encryptionOff(ctx, n, ['object_storage', k, 'encryption', 'enabled'], 'enabled', 'error');
    });
  }
}

function passwordPolicy(ctx: RuleContext): void {
  const pp = child(ctx.part.root, 'password_policy');
  if (!pp) return;
  const mfa = child(ctx.part.root, 'mfa');
  const hasMfa = boolAt(mfa, 'required') === true || boolAt(mfa, 'enforced') === true;
  const at = (key: string) => ({ node: child(pp, key)!, path: ['password_policy', key] });
  const advice = (key: string, value: number | boolean, current: number | boolean) => [
    setValue(['password_policy', key], value, current),
  ];
  const min = numAt(pp, 'min_length');
  if (min !== undefined && min < 15 && min >= 8 && !hasMfa)
    report(ctx, {
      code: 'policy.password-policy',
      message: 'policy.password-policy.min-length',
      ...at('min_length'),
      args: { value: min },
      data: { setting: 'min_length', suggestion: 15, fixes: advice('min_length', 15, min) },
      severity: 'warning',
    });
  const max = numAt(pp, 'max_length');
  if (max !== undefined && max < 64)
    report(ctx, {
      code: 'policy.password-policy',
      message: 'policy.password-policy.max-length',
      ...at('max_length'),
      args: { value: max },
      data: { setting: 'max_length', suggestion: 64, fixes: advice('max_length', 64, max) },
      severity: 'warning',
    });
  if (boolAt(pp, 'require_composition') === true)
    report(ctx, {
      code: 'policy.password-policy',
      message: 'policy.password-policy.composition',
      ...at('require_composition'),
      data: { setting: 'require_composition', suggestion: false, fixes: advice('require_composition', false, true) },
      severity: 'warning',
    });
  for (const key of ['expiration_days', 'max_age_days']) {
    const v = numAt(pp, key);
    if (v !== undefined && v > 0)
      report(ctx, {
        code: 'policy.password-policy',
        message: 'policy.password-policy.expiration',
        ...at(key),
        args: { key, value: v },
        data: { setting: key, suggestion: 0, fixes: advice(key, 0, v) },
        severity: 'warning',
      });
  }
  if (boolAt(pp, 'check_breached') === false)
    report(ctx, {
      code: 'policy.password-policy',
      message: 'policy.password-policy.breached',
      ...at('check_breached'),
      data: { setting: 'check_breached', suggestion: true, fixes: advice('check_breached', true, false) },
      severity: 'warning',
    });
}

function redirectUris(ctx: RuleContext, pattern: string): void {
  for (const hit of select(ctx.part.root, pattern)) {
    const n = str(hit.node);
    const m = n ? /^http:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(n.value) : undefined;
    if (!n || !m) continue;
    const host = m[1].toLowerCase();
    if (host === '127.0.0.1' || host === '[::1]') continue;
    const message = host === 'localhost' ? 'policy.insecure-redirect-uri.localhost' : 'policy.insecure-redirect-uri';
    const fixes = [
      replaceText(hit.path, 0, 4, 'https', n.value.slice(0, 4), 'fix.replace-text', {
        from: 'http://',
        to: 'https://',
      }),
    ];
    // `localhost` → the loopback address, first: the same machine, allowed over http.
    if (host === 'localhost')
      fixes.unshift(
        replaceText(hit.path, 7, 7 + m[1].length, '127.0.0.1', m[1], 'fix.replace-text', {
          from: m[1],
          to: '127.0.0.1',
        }),
      );
    report(ctx, {
      code: 'policy.insecure-redirect-uri',
      message,
      node: n,
      path: hit.path,
      args: { uri: n.value },
      data: { host, fixes },
      supersedes: ['schema.pattern', 'schema.format'],
    });
  }
}

function providers(ctx: RuleContext): void {
  items(child(child(ctx.part.root, 'authentication'), 'providers')).forEach((p, k) => {
    const config = child(p, 'config');
    const base = ['authentication', 'providers', k, 'config'];
    items(child(config, 'algorithms')).forEach((a, i) => {
      const n = str(a);
      if (n && n.value.toLowerCase() === 'none')
        report(ctx, {
          code: 'policy.jwt-none-algorithm',
          node: n,
          path: [...base, 'algorithms', i],
          data: { fixes: [removeItem([...base, 'algorithms', i], n.value, { safe: true })] },
          supersedes: ['schema.enum'],
        });
    });
    const scopes = child(config, 'scopes');
    if (
      strAt(p, 'type') === 'oidc' &&
      scopes?.type === 'array' &&
      !items(scopes).some((s) => str(s)?.value === 'openid')
    ) {
      const name = strAt(p, 'name') ?? String(k);
      report(ctx, {
        code: 'policy.oidc-missing-openid',
        node: prop(config, 'scopes')!.keyNode,
        path: [...base, 'scopes'],
        args: { name },
        data: { name, missing: 'openid', fixes: [addItems([...base, 'scopes'], ['openid'], { safe: true })] },
        supersedes: ['schema.contains'],
      });
    }
  });
  redirectUris(ctx, 'authentication.providers[].config.redirect_uris[]');
}

export const policyRule: Rule = {
  id: 'policy',
  kinds: ALL_KINDS,
  check(ctx) {
    tlsVersions(ctx);
    const root = ctx.part.root;
    switch (ctx.kind) {
      case 'tenant':
        for (const e of entries(child(root, 'environments')))
          if (e.value && isProduction(ctx, ['environments', e.key])) production(ctx, e.value, ['environments', e.key]);
        pools(ctx);
        redirectUris(ctx, 'environments.*.spotify.redirect_uris[]');
        return;
      case 'environment':
        return environmentFile(ctx);
      case 'security-policy': {
        passwordPolicy(ctx);
        providers(ctx);
        const atRest = child(child(root, 'encryption'), 'at_rest');
        const enabled = child(atRest, 'enabled');
        if (enabled?.type === 'boolean' && !enabled.value)
          encryptionOff(ctx, enabled, ['encryption', 'at_rest', 'enabled'], 'enabled', 'warning');
        return;
      }
    }
  },
};
