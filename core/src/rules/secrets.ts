/**
 * Secret hygiene (DOMAIN §4): a literal value under a secret-bearing key (`password`,
 * `client_secret`, `routing_key`, Slack `api_url`, …) that is not a reference (`${VAR}`, a file,
 * a vault path, …) is `secret.literal`: an error in production and for known credential shapes,
 * a warning elsewhere. Well-known credential shapes anywhere else (Slack webhooks and tokens,
 * cloud keys, private keys, URL passwords, …) are `secret.shape`. Messages and data name the key
 * and the kind of secret, never the value; `data.envVar` names the variable the quick fix uses.
 */
import type { JSONPath, ValueNode } from '../document/ast';
import { detectSecretShape, isSecretBearingKey, isSecretReference } from '../lang/secrets';
import type { Rule, RuleContext } from './types';
import type { FixDescriptor } from '../fixes';
import { ALL_KINDS, envVarName, isProduction, nodesOf, under } from './util';
import { rangeIn, report } from './report';

/** Maps whose keys are user data (label names, message ids, header names), not config keys. */
const FREE_FORM = new Set([
  'labels',
  'annotations',
  'external_labels',
  'headers',
  'messages',
  'defines',
  'templates',
  'alert_templates',
  'match',
  'match_re',
  'params',
  'details',
  'attributes',
  'required_matchers',
]);
/** Objects that are references to a secret: their fields (`key`, `name`) are coordinates. */
const REFERENCE_OBJECTS = new Set(['secretRef', 'secretKeyRef', 'valueFrom', 'vault', 'file']);

const bearing = new Map<string, boolean>();
function isBearing(key: string): boolean {
  let b = bearing.get(key);
  if (b === undefined) {
    if (bearing.size > 5000) bearing.clear();
    bearing.set(key, (b = isSecretBearingKey(key)));
  }
  return b;
}

/** Whether a key holds a secret in its context (`api_url` only for Slack, `key` only in TLS settings). */
function secretKey(key: string, path: JSONPath, kind: string | undefined): boolean {
  if (!isBearing(key)) return false;
  const parents = path.slice(0, -1).filter((s): s is string => typeof s === 'string');
  const parent = parents[parents.length - 1] ?? '';
  if (key === 'api_url')
    return parents.includes('slack_configs') || (kind === 'slack-receivers' && parent === 'defaults');
  if (key === 'key') return /tls_config$/.test(parent);
  return true;
}

function literal(ctx: RuleContext, node: ValueNode, path: JSONPath, key: string): void {
  let text: string;
  if (node.type === 'string') text = node.value;
  else if (node.type === 'number') text = String(node.value);
  else return;
  if (text.trim() === '' || isSecretReference(text)) return;
  const shape = node.type === 'string' ? detectSecretShape(text, key) : undefined;
  let envVar = envVarName(ctx.part.root, path);
  if (ctx.kind === 'slack-receivers' && !envVar.includes('SLACK')) envVar = 'SLACK_' + envVar;
  const data: Record<string, unknown> = { key, envVar };
  if (shape) data.kind = shape.kind;
  // Prometheus and Alertmanager read secrets from `*_file` siblings; they expand no variables themselves.
  const upstream = ctx.kind === 'prometheus' || ctx.kind === 'alertmanager';
  report(ctx, {
    code: 'secret.literal',
    message: upstream
      ? shape
        ? 'secret.literal.upstream-shape'
        : 'secret.literal.upstream'
      : shape
        ? 'secret.literal.shape'
        : 'secret.literal',
    node,
    path,
    args: { key, ref: '${' + envVar + '}', kind: shape?.kind ?? '' },
    data,
    severity: shape || isProduction(ctx, path) ? 'error' : 'warning',
  });
}

function shapes(ctx: RuleContext, node: ValueNode, path: JSONPath, key: string | undefined): void {
  if (node.type !== 'string') return;
  // A reference (`${VAR}`, a vault path, …) has no shape: detectSecretShape tells them apart itself.
  const shape = detectSecretShape(node.value, key);
  if (!shape) return;
  // The quick fix puts a variable where the secret is; the data never holds the secret itself.
  const envVar = envVarName(ctx.part.root, path);
  const ref = '${' + envVar + '}';
  // The secret alone where the value stays valid around the reference (a URL password), else the whole value.
  const fixes: FixDescriptor[] = [
    { kind: 'replaceText', path, from: shape.from, to: shape.to, text: ref, title: 'fix.secret-env', args: { ref } },
    { kind: 'replace', path, value: ref, title: 'fix.secret-env', args: { ref } },
  ];
  report(ctx, {
    code: 'secret.shape',
    node,
    path,
    range: rangeIn(ctx, node, shape.from, shape.to),
    args: { kind: shape.kind },
    data: { kind: shape.kind, envVar, fixes },
  });
}

export const secretsRule: Rule = {
  id: 'secrets',
  kinds: ALL_KINDS,
  check(ctx) {
    for (const { node, path, key } of nodesOf(ctx)) {
      if (node.type === 'object' || node.type === 'array' || under(path, REFERENCE_OBJECTS)) continue;
      const last = path[path.length - 1];
      const inFreeForm =
        path.length >= 2 &&
        typeof path[path.length - 2] === 'string' &&
        FREE_FORM.has(path[path.length - 2] as string) &&
        typeof last === 'string';
      if (key !== undefined && !inFreeForm && secretKey(key, path, ctx.kind)) literal(ctx, node, path, key);
      else shapes(ctx, node, path, key);
    }
  },
};
