import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codes, parseText } from '../../../core/src/index';
import { rules } from '../../../core/src/rules/index';
import { ALL_KINDS } from '../../../core/src/rules/util';
import type { RuleContext } from '../../../core/src/rules/types';
import type { Problem } from '../../../core/src/problem';
import { valueOf } from '../../../core/src/features/context';
import { doc, repoRoot, service, settings } from '../../support/service';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) out.push(...files(full));
    else if (/\.(ya?ml|json)$/.test(name) && !name.endsWith('.expected.json')) out.push(full);
  }
  return out;
}

/** Run every rule directly (not contained by runRules) and check what it reports. */
function runAll(text: string, name: string, kind: string | undefined): Problem[] {
  const parsed = parseText(text, /\.json$/.test(name) ? 'json' : 'yaml');
  const out: Problem[] = [];
  for (const part of parsed.parts) {
    const ctx: RuleContext = { kind, part, value: valueOf(part), text, schemaProblems: [], report: (p) => out.push(p) };
    for (const rule of rules) if (!rule.kinds || (kind && rule.kinds.includes(kind))) rule.check(ctx);
  }
  return out;
}

test('no rule throws on any example, whole or cut anywhere, and every problem is well-formed', () => {
  const all = [...files(path.join(repoRoot, 'examples')), ...files(path.join(repoRoot, 'templates'))];
  assert.ok(all.length > 60);
  let checked = 0;
  for (const file of all) {
    const text = fs.readFileSync(file, 'utf8');
    const name = path.basename(file);
    const assoc = service().getAssociation(doc(text, name, path.dirname(file)), settings());
    const kind = (assoc.schemaUri && service().store.entry(assoc.schemaUri)?.id) || undefined;
    const cuts = [text.length, ...Array.from({ length: 12 }, (_, i) => Math.floor(((i + 1) * text.length) / 13))];
    for (const cut of cuts) {
      const t = text.slice(0, cut);
      for (const p of runAll(t, name, kind)) {
        assert.ok(codes[p.code], `${p.code} is registered (${name})`);
        assert.ok(
          p.offset >= 0 && p.length >= 0 && p.offset + p.length <= t.length,
          `${p.code} range inside the text (${name})`,
        );
        assert.ok(
          p.message.length > 0 && !/\{[a-zA-Z]+\}/.test(p.message.replace(/\{\{[^]*?\}\}/g, '')),
          `${p.code} message is filled: ${p.message}`,
        );
        assert.ok(Array.isArray(p.data?.path), `${p.code} has data.path`);
      }
      checked++;
    }
  }
  assert.ok(checked > 500);
});

test('garbage of every shape under the known keys does not make a rule throw', () => {
  const junk = [null, 1, true, 'x', [], {}, [null], [1, 'a'], { a: null }];
  const kinds = ALL_KINDS;
  const keys = [
    'groups',
    'rules',
    'route',
    'routes',
    'receivers',
    'alertmanager',
    'prometheus',
    'scrape_configs',
    'static_configs',
    'targets',
    'environments',
    'production',
    'database',
    'pool',
    'locales',
    'supported_locales',
    'fallback',
    'authentication',
    'providers',
    'config',
    'password_policy',
    'messaging',
    'queues',
    'autoscaling',
    'panels',
    'alert_rules',
    'templates',
    'defines',
    'time_intervals',
    'remote_write',
    'remote_read',
    'queue_config',
    'relabel_configs',
    'metric_relabel_configs',
    'write_relabel_configs',
    'alerting',
    'alertmanagers',
    'global',
    'http_config',
    'basic_auth',
    'authorization',
    'oauth2',
    'tls_config',
    'http_headers',
    'headers',
    'email_configs',
    'slack_configs',
    'webhook_configs',
    'pagerduty_configs',
    'webex_configs',
  ];
  for (const kind of kinds) {
    for (const j of junk) {
      const nested: Record<string, unknown> = {};
      for (const k of keys) nested[k] = j;
      const deep = {
        ...nested,
        groups: [{ rules: [nested] }],
        route: { routes: [nested] },
        environments: { production: nested },
        alertmanager: nested,
        prometheus: nested,
      };
      runAll(JSON.stringify(deep), 'x.json', kind);
    }
  }
});
