// Property: any valid file of format 1 (every deprecated shape, with values that map, in random
// YAML or JSON styles and with comments) migrates to a valid file of format 2 whose content is the
// format 2 document it stands for, keeping every comment; migrating the result changes nothing.
// Label maps become matchers that read back (with the product's Alertmanager matcher parser) as the
// same label, operator and value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { migrateDocument } from '../../../core/src/migrate/api';
import { parseMatchers } from '../../../core/src/lang/matcher';
import { doc, service, settings } from '../../support/service';
import { comments, fileNameFor } from './helpers';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** A format 1 document and the format 2 document it stands for (matchers as label maps, compared by meaning). */
interface Case {
  kind: string;
  v1: Obj;
  v2: Obj;
  /** Where format 2 has matchers: path to the list, and the maps they come from. */
  matchers: Array<{ path: Array<string | number>; maps: Array<{ map: Record<string, string>; op: '=' | '=~' }> }>;
}

const label = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
const labelValue = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,10}$/),
  fc
    .string({ maxLength: 12, unit: 'binary' })
    .filter((s) => !/[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff]/.test(s)),
  fc.constantFrom('db "core"', 'C:\\tmp', 'a,b', '#ops', 'x: y', 'yes', '1.0', ' padded '),
);
const regex = fc.constantFrom(
  'db|infra',
  'api-[0-9]+',
  '.*',
  'web\\.v[0-9]+',
  'eu-(west|east)-1',
  '"quoted"',
  'a\\\\b',
);
const labelMap = (v: fc.Arbitrary<string>) =>
  fc.dictionary(label, v, { minKeys: 1, maxKeys: 3 }) as fc.Arbitrary<Record<string, string>>;
const cidr = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(([a, b, c]) => `${a}.${b}.${c}.0/24`);

const isolation: fc.Arbitrary<Case> = fc
  .record({ level: fc.constantFrom('dedicated', 'shared-schema', 'shared') })
  .map(({ level }) => {
    const strategy = { dedicated: 'database', 'shared-schema': 'schema', shared: 'row' }[level]!;
    const rest: Obj = strategy === 'row' ? { row_level: { tenant_column: 'tenant_id' } } : {};
    return {
      kind: 'isolation-policy',
      // Format 1 requires `strategy` too: a valid file has both, agreeing.
      v1: { tenant_id: 'acme', level, strategy, ...rest },
      v2: { schema_version: '2', tenant_id: 'acme', strategy, ...rest },
      matchers: [],
    };
  });

const environment: fc.Arbitrary<Case> = fc
  .record({
    min: fc.integer({ min: 1, max: 5 }),
    extra: fc.integer({ min: 0, max: 10 }),
    cpu: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    cpuBlock: fc.boolean(),
  })
  .map(({ min, extra, cpu, cpuBlock }) => {
    const v1: Obj = { enabled: true, min_instances: min, max_instances: min + extra };
    const v2: Obj = { enabled: true, min_replicas: min, max_replicas: min + extra };
    if (cpu !== undefined) {
      v1.cpu_threshold = cpu;
      if (cpuBlock) v1.cpu = { scale_up_threshold: 95 };
      v2.cpu = cpuBlock ? { scale_up_threshold: 95, target_utilization: cpu } : { target_utilization: cpu };
    }
    return {
      kind: 'environment',
      v1: { environment: 'staging', autoscaling: v1 },
      v2: { schema_version: '2', environment: 'staging', autoscaling: v2 },
      matchers: [],
    };
  });

const tenantBase = (envs: Obj): Obj => ({
  tenant_id: 'acme',
  metadata: { name: 'Acme', owner: { user_id: 'usr_1', email: 'ops@acme.example' } },
  environments: envs,
  isolation: { strategy: 'database' },
});
const tenant: fc.Arbitrary<Case> = fc
  .record({ ssl: fc.boolean(), prefix: fc.stringMatching(/^[a-z0-9]{1,8}:$/) })
  .map(({ ssl, prefix }) => {
    const db = { engine: 'postgresql', host: 'db.acme.internal', name: 'acme' };
    const cache = { host: 'redis.acme.internal' };
    return {
      kind: 'tenant',
      v1: tenantBase({ staging: { enabled: true, database: { ...db, ssl }, cache: { ...cache, prefix } } }),
      v2: {
        schema_version: '2',
        ...tenantBase({
          staging: {
            enabled: true,
            database: { ...db, ssl_mode: ssl ? 'require' : 'disable' },
            cache: { ...cache, key_prefix: prefix },
          },
        }),
      },
      matchers: [],
    };
  });

const access: fc.Arbitrary<Case> = fc.uniqueArray(cidr, { minLength: 1, maxLength: 3 }).map((ips) => {
  const roles = [{ name: 'viewer', permissions: ['dashboards:read'] }];
  return {
    kind: 'access-control',
    v1: { tenant_id: 'acme', roles, allowed_ips: ips },
    v2: { schema_version: '2', tenant_id: 'acme', roles, ip_allowlist: ips },
    matchers: [],
  };
});

const templates: fc.Arbitrary<Case> = fc.stringMatching(/^[A-Za-z][A-Za-z ,.!]{0,20}$/).map((text) => ({
  kind: 'alert-templates',
  // Format 1 requires `body` too: a valid file repeats it in `text`.
  v1: { templates: { disk_full: { en: { title: 'Disk full', body: text, text } } } },
  v2: { schema_version: '2', templates: { disk_full: { en: { title: 'Disk full', body: text } } } },
  matchers: [],
}));

const slack: fc.Arbitrary<Case> = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/).map((name) => ({
  kind: 'slack-receivers',
  v1: { receivers: [{ name: 'ops', slack_configs: [{ channel: '#ops', webhook_url: '${' + name + '}' }] }] },
  v2: {
    schema_version: '2',
    receivers: [{ name: 'ops', slack_configs: [{ channel: '#ops', api_url: '${' + name + '}' }] }],
  },
  matchers: [],
}));

const notifications: fc.Arbitrary<Case> = fc
  .record({ match: labelMap(labelValue), existing: fc.boolean() })
  .map(({ match, existing }) => {
    const rule = { name: 'r', channels: ['slack'], receiver_ref: 'ops' };
    return {
      kind: 'notification-rules',
      v1: { rules: [{ ...rule, ...(existing ? { matchers: ['tier="gold"'] } : {}), match }] },
      v2: { schema_version: '2', rules: [{ ...rule, matchers: [] }] },
      matchers: [
        {
          path: ['rules', 0, 'matchers'],
          maps: [...(existing ? [{ map: { tier: 'gold' }, op: '=' as const }] : []), { map: match, op: '=' as const }],
        },
      ],
    };
  });

const securityBase: Obj = {
  authentication: {
    providers: [
      {
        name: 'corporate_sso',
        type: 'oidc',
        config: {
          client_id: 'portal',
          client_secret: '${OIDC_CLIENT_SECRET}',
          issuer: 'https://login.example.com/',
          scopes: ['openid'],
          redirect_uris: ['https://app.example.com/cb'],
          pkce: true,
        },
      },
    ],
  },
};
const security: fc.Arbitrary<Case> = fc
  .record({
    enforced: fc.boolean(),
    tls: fc.constantFrom('1.2', '1.3', 'TLS1.2', 'TLSv1.3'),
    days: fc.integer({ min: 0, max: 365 }),
  })
  .map(({ enforced, tls, days }) => ({
    kind: 'security-policy',
    v1: {
      ...securityBase,
      mfa: { enforced, methods: ['totp'] },
      encryption: { at_rest: { enabled: true, algorithm: 'AES-256-GCM' }, in_transit: { tls_version: tls } },
      password_policy: { min_length: 12, max_age_days: days },
    },
    v2: {
      schema_version: '2',
      ...securityBase,
      mfa: { required: enforced, methods: ['totp'] },
      encryption: {
        at_rest: { enabled: true, algorithm: 'AES-256-GCM' },
        in_transit: { min_tls_version: tls.replace(/^TLSv?/, '') },
      },
      password_policy: { min_length: 12, expiration_days: days },
    },
    matchers: [],
  }));

const localization: fc.Arbitrary<Case> = fc
  .record({ languages: fc.boolean(), en: fc.boolean() })
  .map(({ languages, en }) => {
    const supported = ['en', 'ar'];
    return {
      kind: 'localization',
      v1: {
        default_locale: 'en',
        ...(languages ? { languages: supported } : {}),
        supported_locales: supported,
        locales: { en: (en ? { rtl: false } : {}) as Obj, ar: { rtl: true } },
      },
      v2: {
        schema_version: '2',
        default_locale: 'en',
        supported_locales: supported,
        locales: { en: (en ? { direction: 'ltr' } : {}) as Obj, ar: { direction: 'rtl' } },
      },
      matchers: [],
    };
  });

const monitoring: fc.Arbitrary<Case> = fc
  .record({
    match: labelMap(labelValue),
    matchRe: fc.option(labelMap(regex), { nil: undefined }),
    source: labelMap(labelValue),
    days: fc.integer({ min: 1, max: 90 }),
    legacyRules: fc.boolean(),
  })
  .map(({ match, matchRe, source, days, legacyRules }) => {
    const receivers = [{ name: 'default' }, { name: 'db' }];
    const route = (child: Obj): Obj => ({ receiver: 'default', routes: [{ receiver: 'db', ...child } as Obj] });
    // The same map object twice is written once with an anchor and an alias when matchRe is absent.
    const shared = matchRe === undefined;
    const rules = [{ name: 'r', channels: ['slack'], receiver_ref: 'default', match: shared ? match : { ...match } }];
    const rulesV2 = [{ name: 'r', channels: ['slack'], receiver_ref: 'default', matchers: [] }];
    const intervals = [{ name: 'nights', time_intervals: [{ weekdays: ['saturday'] }] }];
    return {
      kind: 'monitoring',
      v1: {
        prometheus: { retention_time: `${days}d` } as Obj,
        alertmanager: {
          route: route({ match, ...(matchRe ? { match_re: matchRe } : {}) }),
          receivers,
          inhibit_rules: [{ source_match: source, target_matchers: ['severity="warning"'], equal: ['alertname'] }],
          mute_time_intervals: intervals,
        },
        [legacyRules ? 'multi_channel_alerts' : 'notification_rules']: rules,
      },
      v2: {
        schema_version: '2',
        prometheus: { retention: { time: `${days}d` } },
        alertmanager: {
          route: route({ matchers: [] }),
          receivers,
          inhibit_rules: [{ source_matchers: [], target_matchers: ['severity="warning"'], equal: ['alertname'] }],
          time_intervals: intervals,
        },
        notification_rules: rulesV2,
      },
      matchers: [
        {
          path: ['alertmanager', 'route', 'routes', 0, 'matchers'],
          maps: [{ map: match, op: '=' }, ...(matchRe ? [{ map: matchRe, op: '=~' as const }] : [])],
        },
        { path: ['alertmanager', 'inhibit_rules', 0, 'source_matchers'], maps: [{ map: source, op: '=' }] },
        { path: ['notification_rules', 0, 'matchers'], maps: [{ map: match, op: '=' }] },
      ],
    };
  });

/** The document written out: YAML in block or flow style with trailing comments, or JSON. */
const written = (c: Case): fc.Arbitrary<{ format: 'yaml' | 'json'; text: string }> =>
  fc.oneof(
    fc.record({ indent: fc.constantFrom(0, 2, 4) }).map(({ indent }) => ({
      format: 'json' as const,
      text: JSON.stringify(c.v1, null, indent) + '\n',
    })),
    fc
      .record({
        flow: fc.constantFrom<'block' | 'flow' | 'any'>('block', 'any'),
        quote: fc.constantFrom<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'>('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
        comments: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        version: fc.constantFrom('none', 'string', 'quoted'),
      })
      .map(({ flow, quote, comments: marks, version }) => {
        const head = version === 'none' ? '' : version === 'string' ? 'schema_version: "1"\n' : "schema_version: '1'\n";
        const body = stringify(c.v1, { collectionStyle: flow, defaultStringType: quote, lineWidth: 0 });
        const lines = (head + body)
          .split('\n')
          .map((line, i) =>
            marks[i % marks.length] && line.trim() && !/[|>][-+]?$/.test(line) ? `${line}  # note ${i}` : line,
          );
        return { format: 'yaml' as const, text: '# format 1\n' + lines.join('\n') };
      }),
  );

const sorted = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sorted)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
        )
      : v;

function at(value: unknown, path: Array<string | number>): unknown {
  let cur = value;
  for (const seg of path) cur = (cur as Record<string | number, unknown> | undefined)?.[seg];
  return cur;
}

function set(value: unknown, path: Array<string | number>, v: unknown): void {
  const parent = at(value, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]] = v;
}

const svc = service();

test('any valid format 1 file migrates to a valid format 2 file with the same content, comments kept, once', () => {
  fc.assert(
    fc.property(
      fc
        .oneof(
          isolation,
          environment,
          tenant,
          access,
          templates,
          slack,
          notifications,
          security,
          localization,
          monitoring,
        )
        .chain((c) => written(c).map((w) => ({ c, w }))),
      ({ c, w }) => {
        const name = fileNameFor(c.kind, w.format)!;
        const before = svc.doValidation(doc(w.text, name), settings());
        assert.deepEqual(
          before.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.message),
          [],
          'the generated file is a valid format 1 file',
        );
        const m = migrateDocument(svc, doc(w.text, name), settings());
        assert.deepEqual(
          [...m.blockers, ...m.introduced].map((d) => d.message),
          [],
        );
        assert.equal(m.to, '2');
        const after = svc.doValidation(doc(m.text, name), settings());
        assert.deepEqual(
          after.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${String(d.code)} ${d.message}`),
          [],
          m.text,
        );
        assert.ok(!after.some((d) => d.code === 'schema.outdated-version' || d.code === 'schema.deprecated'));
        const value = w.format === 'json' ? JSON.parse(m.text) : parse(m.text);
        for (const { path, maps } of c.matchers) {
          const got = (at(value, path) as string[]).map((s) => {
            const parsed = parseMatchers(s, { grammar: 'utf8' });
            assert.equal(parsed.length, 1, s);
            return [parsed[0].name, parsed[0].op, parsed[0].value];
          });
          const want = maps.flatMap(({ map, op }) => Object.entries(map).map(([k, v]) => [k, op, v]));
          assert.deepEqual(got, want, m.text);
          set(value, path, []);
        }
        assert.deepEqual(sorted(value), sorted(c.v2), m.text);
        if (w.format === 'yaml') for (const note of comments(w.text)) assert.ok(m.text.includes(note), note);
        const again = migrateDocument(svc, doc(m.text, name), settings());
        assert.equal(again.text, m.text, 'a second migration changes nothing');
        assert.deepEqual(again.edits, []);
      },
    ),
    { numRuns: 150, seed: 15 },
  );
});
