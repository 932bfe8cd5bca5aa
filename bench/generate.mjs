// Benchmark input generator: multi-tenant YAML streams of ~1.6k, 15k and 150k lines.
//
// The documents start from a realistic hand-written tenant template (metadata, owner,
// development/staging/production environments with database/cache/storage/ai_features/quotas,
// isolation, access_control with roles and ip_allowlist) and are then *conformed to the schema
// read at run time*: unknown keys are dropped where the schema forbids them, missing required
// keys are synthesised from the schema (enum/const/default/examples/format/pattern/bounds), and
// finally an ajv-driven repair loop fixes whatever is still invalid. So the generator follows
// the bundled schema while it is being written; to adjust the realistic content, edit
// `tenantTemplate()` below. A few deliberate mistakes (enum typo, out-of-range number, unknown
// key, wrong type, pattern violation) are then injected at spread-out tenants, and ajv counts
// the errors they cause.
//
// Usage: node bench/generate.mjs [--sizes 1.6k,15k,150k] [--schema path] [--check]

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..');
export const workDir = path.join(here, '.work');
export const bundledSchemaPath = path.join(repoRoot, 'schemas', 'tenant.schema.json');
export const fallbackSchemaPath = path.join(here, 'fixtures', 'bench-tenant.schema.json');

export const SIZES = { '1.6k': 1600, '15k': 15000, '150k': 150000 };
const MISTAKES_PER_SIZE = { '1.6k': 3, '15k': 5, '150k': 8 };

/** The schema the bench uses: the bundled one when it exists, else the bench's own fallback. */
export /** A CIDR block with no host bits set (what a careful engineer writes). */
function network(a, b, c, prefix) {
  const third = prefix >= 24 ? c : prefix >= 20 ? c & 0xf0 : 0;
  return `${a}.${b}.${third}.0/${prefix}`;
}

function pickSchema(explicit) {
  if (explicit) return { path: path.resolve(explicit), source: 'explicit' };
  if (fs.existsSync(bundledSchemaPath)) return { path: bundledSchemaPath, source: 'bundled' };
  return { path: fallbackSchemaPath, source: 'fallback' };
}

// ---------------------------------------------------------------------------------------------
// Random numbers (deterministic per size)

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rnd = mulberry32(1);
const rint = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const chance = (p) => rnd() < p;

// ---------------------------------------------------------------------------------------------
// Realistic template (edit here to change what a tenant looks like)

const COMPANIES = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'wonka', 'tyrell', 'cyberdyne', 'soylent', 'vandelay', 'massive', 'oscorp', 'aperture', 'monarch', 'gringotts', 'nakatomi', 'pied-piper', 'dunder'];
const SUFFIXES = ['corp', 'labs', 'retail', 'health', 'bank', 'media', 'logistics', 'energy', 'games', 'travel'];
const TEAMS = ['platform', 'payments', 'identity', 'data-eng', 'ml-infra', 'growth', 'search', 'billing', 'sre', 'mobile'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1'];
const DB_ENGINES = [['postgresql', 5432], ['postgresql', 5432], ['mysql', 3306]];
const RESOURCES = ['tenants', 'billing', 'users', 'audit_log', 'deployments', 'secrets', 'metrics', 'models', 'datasets', 'webhooks', 'invoices', 'reports'];
const ACTIONS = ['read', 'read', 'write', 'delete', 'admin', '*'];
const ROLE_NAMES = ['tenant-admin', 'admin', 'developer', 'operator', 'auditor', 'viewer', 'billing_manager', 'support', 'data-scientist', 'security', 'release-manager', 'on-call'];
const FIRST = ['ana', 'ben', 'chen', 'dara', 'eli', 'fatima', 'goran', 'hana', 'ivan', 'jules', 'kofi', 'lena', 'mateo', 'nora', 'omar', 'priya', 'quinn', 'rosa', 'sven', 'tariq'];
const LAST = ['smith', 'okafor', 'tanaka', 'garcia', 'novak', 'khan', 'muller', 'silva'];
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4', 'claude-haiku', 'gemini-1.5-pro', 'llama-3-70b', 'mistral-large', 'text-embedding-3-large'];
const SCOPES = ['user-read-playback-state', 'user-modify-playback-state', 'user-read-currently-playing', 'streaming', 'playlist-read-private', 'playlist-modify-private', 'user-library-read', 'user-read-email', 'user-read-private'];
const TAGS = ['eu', 'us', 'apac', 'gdpr', 'hipaa', 'pci', 'soc2', 'pilot', 'strategic', 'self-serve', 'reseller', 'internal'];
const hex = (n) => Array.from({ length: n }, () => rint(0, 15).toString(16)).join('');
const uniq = (xs) => xs.filter((x, i) => xs.indexOf(x) === i);
/** The first item per key. */
const uniqBy = (xs, key) => xs.filter((x, i) => xs.findIndex((y) => key(y) === key(x)) === i);

/**
 * One realistic tenant. Field names follow schemas/tenant.schema.json; whatever the schema
 * does not allow is dropped (and whatever it requires is added) by conform() below.
 * Values are unique per tenant where the server checks uniqueness across tenants (database
 * name/schema, cache key prefix, storage bucket/prefix), and production follows the
 * production rules (ssl_mode verify-full, encryption on, debug off, secrets by reference).
 */
function tenantTemplate(i) {
  const company = `${COMPANIES[i % COMPANIES.length]}-${SUFFIXES[Math.floor(i / COMPANIES.length) % SUFFIXES.length]}`;
  const id = `${company}-${String(i).padStart(4, '0')}`;
  const sqlId = id.replace(/-/g, '_');
  const team = pick(TEAMS);
  const domain = `${company}.example.com`;
  const region = pick(REGIONS);
  const tier = pick(['free', 'standard', 'premium', 'enterprise']);
  const richness = rnd(); // drives the size of the document: ~150 to ~500 lines
  const [engine, port] = pick(DB_ENGINES);
  const storageProvider = pick(['s3', 's3', 'gcs', 'azure']);
  const kms = { s3: 'aws:kms', gcs: 'google-kms', azure: 'azure-keyvault' }[storageProvider];
  const person = (k) => `${FIRST[(i + k * 7) % FIRST.length]}.${LAST[(i * 3 + k) % LAST.length]}`;
  const envNames = ['development', 'staging', 'production', ...(richness > 0.75 ? ['test'] : [])];
  const envs = {};
  for (const env of envNames) {
    const scale = { development: 0.25, test: 0.25, staging: 0.5, production: 1 }[env];
    const prod = env === 'production';
    const short = { development: 'dev', test: 'test', staging: 'stg', production: 'prod' }[env];
    const e = {
      enabled: env !== 'test' || chance(0.8),
      debug: !prod && env !== 'staging' && chance(0.7),
      log_level: prod ? pick(['info', 'warn']) : pick(['debug', 'info']),
      database: {
        engine,
        host: `db-${short}.${id}.internal`,
        port: port + (prod ? 0 : rint(0, 3)),
        name: `${sqlId}_${short}`.slice(0, 63),
        schema: `${sqlId}_${short}`.slice(0, 63),
        user: `${sqlId}_app`.slice(0, 63),
        password: prod || chance(0.5) ? { vault: `secret/data/${id}/${short}/db#password` } : `\${DB_PASSWORD_${short.toUpperCase()}}`,
        ssl_mode: prod ? 'verify-full' : pick(['require', 'verify-ca', 'verify-full']),
        pool: { min: rint(1, 5), max: Math.max(5, Math.round(scale * rint(40, 400))), timeout: pick(['10s', '30s', '1m']), idle_timeout: pick(['5m', '10m', '1h']) },
      },
      cache: {
        provider: 'redis',
        host: `cache-${short}.${id}.internal`,
        port: 6379,
        db: rint(0, 15),
        key_prefix: `${id}:${short}:`,
        ttl: pick(['5m', '1h', '12h', 3600]),
        password: { secretRef: { name: `${id}-redis`.slice(0, 60), key: 'password' } },
        tls: prod || chance(0.5),
        cluster_mode: prod && chance(0.4),
        pool: { min: rint(1, 4), max: Math.max(8, Math.round(scale * pick([20, 50, 200]))), timeout: pick(['2s', '5s']) },
      },
      storage: {
        provider: storageProvider,
        bucket: `${id}-${short}-assets`,
        ...(storageProvider === 'azure' ? { account: `${id.replace(/-/g, '').slice(0, 18)}${short}`.slice(0, 24) } : {}),
        region,
        prefix: `tenants/${id}/${short}/`,
        encryption: { enabled: true, algorithm: kms, kms_key_id: `${storageProvider === 's3' ? `arn:aws:kms:${region}:123456789012:key/` : 'keys/'}${id}-${short}` },
      },
      ai_features: {
        enabled: prod || chance(0.5),
        models: uniq(Array.from({ length: 1 + Math.floor(richness * 4) }, () => pick(MODELS))),
        rate_limits: {
          requests_per_minute: Math.max(1, Math.round(scale * pick([600, 1200, 6000]))),
          tokens_per_minute: Math.max(1, Math.round(scale * pick([100000, 400000, 2000000]))),
          burst: pick([10, 50, 100]),
          concurrent_requests: pick([4, 16, 64]),
        },
      },
      ...(richness > 0.4 ? {
        spotify: {
          enabled: true,
          client_id: hex(32),
          client_secret: { vault: `secret/data/${id}/${short}/spotify#client_secret` },
          redirect_uris: [`https://${short}.${domain}/callback/spotify`, ...(chance(0.5) ? [`https://app.${domain}/oauth/spotify`] : [])],
          scopes: uniq(Array.from({ length: rint(2, 5) }, () => pick(SCOPES))),
        },
      } : {}),
      quotas: {
        max_users: Math.max(1, Math.round(scale * pick([10, 50, 500, 5000]))),
        storage_gb: Math.max(1, Math.round(scale * pick([100, 500, 2000, 10000]))),
        api_calls_per_day: Math.round(scale * pick([100000, 1000000, 10000000])),
        max_projects: Math.max(1, Math.round(scale * pick([5, 20, 100]))),
      },
    };
    if (!prod && chance(0.3)) delete e.ai_features;
    if (env === 'development' && chance(0.3)) delete e.storage;
    envs[env] = e;
  }
  const nRoles = 2 + Math.floor(richness * 10);
  const roles = Array.from({ length: nRoles }, (_, k) => ({
    name: ROLE_NAMES[k % ROLE_NAMES.length] + (k >= ROLE_NAMES.length ? `-${k}` : ''),
    ...(k > 1 && chance(0.4) ? { inherits: [ROLE_NAMES[rint(0, Math.min(k, ROLE_NAMES.length) - 1)]] } : {}),
    permissions: uniq(Array.from({ length: rint(2, 6) }, () => `${pick(RESOURCES)}:${pick(ACTIONS)}`)),
  }));
  return {
    schema_version: '2',
    tenant_id: id,
    metadata: {
      name: `${company.replace(/(^|-)([a-z])/g, (_, s, c) => (s ? ' ' : '') + c.toUpperCase())} (${String(i).padStart(4, '0')})`,
      description: `Tenant for ${company}: ${tier} tier, primary region ${region}.`,
      owner: { user_id: `usr_${hex(10)}`, email: `${person(0)}@${domain}`, name: person(0).replace(/(^|\.)([a-z])/g, (_, s, c) => (s ? ' ' : '') + c.toUpperCase()) },
      tags: uniq([team, pick(TAGS), pick(TAGS), ...(richness > 0.5 ? [pick(TAGS), region] : [])]),
      created_at: `20${rint(19, 24)}-${String(rint(1, 12)).padStart(2, '0')}-${String(rint(1, 28)).padStart(2, '0')}T${String(rint(0, 23)).padStart(2, '0')}:${String(rint(0, 59)).padStart(2, '0')}:00Z`,
      tier,
    },
    environments: envs,
    isolation: {
      strategy: tier === 'enterprise' ? 'database' : pick(['schema', 'row', 'database']),
      encryption_per_tenant: tier === 'enterprise' || tier === 'premium',
      network_isolation: tier === 'enterprise',
      cross_tenant_access: pick(['deny', 'deny', 'audited']),
    },
    access_control: {
      admins: uniq(Array.from({ length: 1 + Math.floor(richness * 4) }, (_, k) => `${person(k + 1)}@${domain}`)),
      roles,
      // One block per /16 (every prefix is /16 or longer): no entry lies inside another (cidr.redundant-entry).
      ip_allowlist: uniqBy(Array.from({ length: 2 + Math.floor(richness * 18) }, () => network(pick([10, 172, 192]), rint(0, 255), rint(0, 255), pick([16, 20, 24]))), (c) => c.split('.', 2).join('.')),
      sso_required: tier === 'enterprise' || chance(0.3),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Schema loading and $ref resolution (files of the schema's directory, by path and by $id)

export function loadSchemaSet(rootPath) {
  const dir = path.dirname(rootPath);
  const files = new Map(); // abs path -> json
  const byId = new Map(); // $id without fragment -> abs path
  const names = new Set(fs.readdirSync(dir).filter((f) => f.endsWith('.json')));
  names.add(path.basename(rootPath));
  for (const name of names) {
    const p = path.join(dir, name);
    try {
      const json = JSON.parse(fs.readFileSync(p, 'utf8'));
      if (!json || typeof json !== 'object') continue;
      files.set(p, json);
      if (typeof json.$id === 'string') byId.set(json.$id.replace(/#.*$/, ''), p);
      if (typeof json.id === 'string') byId.set(json.id.replace(/#.*$/, ''), p);
    } catch {
      // not JSON or unreadable: ignore
    }
  }
  if (!files.has(rootPath)) throw new Error(`cannot parse schema ${rootPath}`);
  return { rootPath, root: files.get(rootPath), files, byId };
}

function pointerGet(json, pointer) {
  if (!pointer || pointer === '/') return json;
  let cur = json;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = cur[seg];
  }
  return cur;
}

function findAnchor(json, name) {
  let found;
  const walk = (n) => {
    if (found || !n || typeof n !== 'object') return;
    if (n.$anchor === name || n.$id === `#${name}` || n.$dynamicAnchor === name) { found = n; return; }
    for (const v of Object.values(n)) walk(v);
  };
  walk(json);
  return found;
}

function resolveRef(set, ref, file) {
  const hash = ref.indexOf('#');
  const base = hash >= 0 ? ref.slice(0, hash) : ref;
  const frag = hash >= 0 ? ref.slice(hash + 1) : '';
  let target = file;
  if (base) {
    if (set.byId.has(base)) target = set.byId.get(base);
    else if (/^[a-z]+:/i.test(base)) {
      // absolute URL not known by $id: try its last path segment beside the schema
      const cand = path.join(path.dirname(set.rootPath), base.split('/').pop());
      target = set.files.has(cand) ? cand : undefined;
      if (!target && base.startsWith('file:')) target = fileURLToPath(base);
    } else {
      // relative to the $id of the current file when it has one, else to its path
      const curId = set.files.get(file)?.$id;
      if (curId && /^[a-z]+:/i.test(curId)) {
        const abs = new URL(base, curId).href;
        target = set.byId.get(abs) ?? path.join(path.dirname(file), base);
      } else target = path.join(path.dirname(file), base);
    }
    if (target && !set.files.has(target) && fs.existsSync(target)) set.files.set(target, JSON.parse(fs.readFileSync(target, 'utf8')));
  }
  const json = target && set.files.get(target);
  if (!json) return { s: true, file };
  const s = frag.startsWith('/') || frag === '' ? pointerGet(json, frag) : findAnchor(json, frag);
  return { s: s === undefined ? true : s, file: target };
}

/** Follow $ref chains and flatten allOf: returns a plain merged schema and the file it lives in. */
function flatten(set, schema, file, depth = 0) {
  if (schema === true || schema === undefined || schema === null) return { s: {}, file };
  if (schema === false) return { s: false, file };
  if (depth > 30) return { s: {}, file };
  let s = schema;
  let f = file;
  if (typeof s.$ref === 'string') {
    const r = resolveRef(set, s.$ref, f);
    const { $ref, ...rest } = s;
    const inner = flatten(set, r.s, r.file, depth + 1);
    if (inner.s === false) return inner;
    s = mergeSchemas(inner.s, rest);
    f = Object.keys(rest).length ? f : inner.file;
    if (!Object.keys(rest).length) return { s, file: inner.file };
  }
  if (Array.isArray(s.allOf)) {
    let merged = { ...s };
    delete merged.allOf;
    for (const sub of s.allOf) {
      const fs2 = flatten(set, sub, f, depth + 1);
      if (fs2.s === false) return fs2;
      merged = mergeSchemas(merged, fs2.s);
    }
    s = merged;
  }
  return { s, file: f };
}

function mergeSchemas(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (k === 'properties' && out.properties) out.properties = { ...out.properties, ...v };
    else if (k === 'required' && out.required) out.required = [...new Set([...out.required, ...v])];
    else if (k === 'minimum' || k === 'exclusiveMinimum' || k === 'minLength' || k === 'minItems') out[k] = out[k] === undefined ? v : Math.max(out[k], v);
    else if (k === 'maximum' || k === 'exclusiveMaximum' || k === 'maxLength' || k === 'maxItems') out[k] = out[k] === undefined ? v : Math.min(out[k], v);
    else out[k] = v;
  }
  return out;
}

function typesOf(s) {
  if (Array.isArray(s.type)) return s.type;
  if (typeof s.type === 'string') return [s.type];
  if (s.properties || s.required || s.additionalProperties !== undefined || s.patternProperties) return ['object'];
  if (s.items || s.prefixItems) return ['array'];
  if (s.pattern || s.format || s.minLength !== undefined) return ['string'];
  if (s.minimum !== undefined || s.maximum !== undefined) return ['number'];
  return [];
}

function jsonType(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v;
}
const typeOk = (v, types) => !types.length || types.includes(jsonType(v)) || (jsonType(v) === 'integer' && types.includes('number'));

/** For oneOf/anyOf, the branch that fits the value best (type, const/enum, required keys). */
function chooseBranch(set, branches, value, file) {
  let best = branches[0];
  let bestScore = -Infinity;
  for (const b of branches) {
    const { s } = flatten(set, b, file);
    if (s === false) continue;
    let score = 0;
    const t = typesOf(s);
    if (value !== undefined && t.length) score += typeOk(value, t) ? 2 : -5;
    if (s.const !== undefined) score += value !== undefined && JSON.stringify(s.const) === JSON.stringify(value) ? 3 : -1;
    if (Array.isArray(s.enum) && value !== undefined) score += s.enum.includes(value) ? 3 : -1;
    if (s.properties && value && typeof value === 'object') {
      for (const k of Object.keys(value)) score += k in s.properties ? 0.5 : s.additionalProperties === false ? -1 : 0;
      for (const r of s.required ?? []) score += r in value ? 1 : -2;
      for (const [k, ps] of Object.entries(s.properties)) {
        if (ps && ps.const !== undefined && k in value) score += JSON.stringify(ps.const) === JSON.stringify(value[k]) ? 4 : -4;
      }
    }
    if (score > bestScore) { bestScore = score; best = b; }
  }
  return best;
}

/** Whether a value meets an `if` schema (type, required keys, const and enum of its properties). */
function ifMatches(set, schema, file, value) {
  const { s } = flatten(set, schema, file);
  if (s === false) return false;
  const t = typesOf(s);
  if (value === undefined) return false;
  if (t.length && !typeOk(value, t)) return false;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return !s.required?.length;
  for (const r of s.required ?? []) if (!(r in value)) return false;
  for (const [k, ps] of Object.entries(s.properties ?? {})) {
    if (!(k in value) || !ps || typeof ps !== 'object') continue;
    if (ps.const !== undefined && JSON.stringify(ps.const) !== JSON.stringify(value[k])) return false;
    if (Array.isArray(ps.enum) && !ps.enum.some((e) => JSON.stringify(e) === JSON.stringify(value[k]))) return false;
  }
  return true;
}

function effective(set, schema, file, value) {
  let { s, file: f } = flatten(set, schema, file);
  for (let i = 0; i < 10 && s && (s.oneOf || s.anyOf || s.if !== undefined); i++) {
    if (s.if !== undefined) {
      // if/then/else (the format-version wrapper of our kinds): the branch the value takes
      const branch = ifMatches(set, s.if, f, value ?? (depthOf(schema, set) === 0 ? set.rootHint : undefined)) ? s.then : s.else;
      const rest = { ...s };
      delete rest.if;
      delete rest.then;
      delete rest.else;
      if (branch === undefined) { s = rest; continue; }
      const b = flatten(set, branch, f);
      if (b.s === false) break;
      s = mergeSchemas(rest, b.s);
      f = b.file;
      continue;
    }
    const key = s.oneOf ? 'oneOf' : 'anyOf';
    const branch = chooseBranch(set, s[key], value, f);
    const rest = { ...s };
    delete rest[key];
    const b = flatten(set, branch, f);
    if (b.s === false) break;
    s = mergeSchemas(rest, b.s);
    f = b.file;
  }
  return { s, file: f };
}

/** 0 for the root schema (where a pointer walk without values takes the format version of `set.rootHint`). */
const depthOf = (schema, set) => (schema === set.root ? 0 : 1);

// ---------------------------------------------------------------------------------------------
// Value synthesis

const FORMAT_SAMPLES = {
  email: (c) => `${c.team ?? 'ops'}@${c.domain ?? 'example.com'}`,
  'idn-email': (c) => `${c.team ?? 'ops'}@${c.domain ?? 'example.com'}`,
  hostname: (c) => `svc.${c.domain ?? 'example.com'}`,
  'idn-hostname': (c) => `svc.${c.domain ?? 'example.com'}`,
  uri: (c) => `https://${c.domain ?? 'example.com'}/api`,
  'uri-reference': () => '/api/v1',
  iri: (c) => `https://${c.domain ?? 'example.com'}/`,
  url: (c) => `https://${c.domain ?? 'example.com'}/`,
  ipv4: () => `10.${rint(0, 255)}.${rint(0, 255)}.${rint(1, 254)}`,
  ipv6: () => `2001:db8::${rint(1, 9999).toString(16)}`,
  date: () => `2024-${String(rint(1, 12)).padStart(2, '0')}-${String(rint(1, 28)).padStart(2, '0')}`,
  'date-time': () => `2024-${String(rint(1, 12)).padStart(2, '0')}-${String(rint(1, 28)).padStart(2, '0')}T10:00:00Z`,
  time: () => '10:00:00Z',
  duration: () => 'PT30M',
  uuid: () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => rint(0, 15).toString(16)),
  regex: () => '^[a-z]+$',
  'json-pointer': () => '/a/b',
};

function stringCandidates(key, c) {
  const k = (key ?? '').toLowerCase();
  const out = [];
  if (k.includes('email')) out.push(`${c.team ?? 'ops'}@${c.domain ?? 'example.com'}`);
  if (k.includes('host') || k.includes('domain')) out.push(`${k.includes('domain') ? '' : 'svc.'}${c.domain ?? 'example.com'}`);
  if (k.includes('url') || k.includes('uri') || k.includes('endpoint') || k.includes('webhook')) out.push(`https://${c.domain ?? 'example.com'}/${k.replace(/_/g, '-')}`);
  if (k === 'id' || k.endsWith('_id') || k.endsWith('id')) out.push(`${c.tenant ?? 'tenant'}-${rint(1, 99)}`, c.tenant ?? 'tenant-1');
  if (k.includes('region')) out.push(pick(REGIONS));
  if (k.includes('version')) out.push(pick(['1.0.0', '2.3', '16']));
  if (k.includes('timezone') || k === 'tz') out.push('Europe/Berlin');
  if (k.includes('locale') || k.includes('language')) out.push(pick(['en-US', 'de-DE', 'fr-FR']));
  if (k.includes('currency')) out.push(pick(['USD', 'EUR']));
  if (k.includes('cron') || k.includes('schedule')) out.push('0 3 * * *');
  if (k.includes('cidr')) out.push(`10.${rint(0, 255)}.0.0/16`);
  if (k.includes('description') || k.includes('summary') || k.includes('comment')) out.push(`Generated ${k.replace(/_/g, ' ')} for ${c.tenant ?? 'the tenant'}`);
  if (k.includes('name') || k.includes('team') || k.includes('owner')) out.push(`${c.tenant ?? 'tenant'}-${k.replace(/[^a-z]/g, '').slice(0, 8) || 'x'}`);
  if (k.includes('duration') || k.includes('interval') || k.includes('timeout')) out.push(pick(['30s', '5m', '1h']));
  out.push(`${(k.replace(/[^a-z0-9]+/g, '-') || 'value')}-${rint(1, 999)}`);
  return out;
}

function stringOk(v, s) {
  if (typeof v !== 'string') return false;
  if (s.minLength !== undefined && [...v].length < s.minLength) return false;
  if (s.maxLength !== undefined && [...v].length > s.maxLength) return false;
  if (s.pattern) {
    try { if (!new RegExp(s.pattern, 'u').test(v)) return false; } catch { /* unsupported regex: accept */ }
  }
  if (Array.isArray(s.enum) && !s.enum.includes(v)) return false;
  return true;
}

function synthString(s, key, c) {
  if (s.format && FORMAT_SAMPLES[s.format]) {
    const v = FORMAT_SAMPLES[s.format](c);
    if (stringOk(v, s)) return v;
  }
  for (const v of stringCandidates(key, c)) if (stringOk(v, s)) return v;
  if (s.pattern) {
    for (let i = 0; i < 40; i++) {
      const v = sampleRegex(s.pattern);
      if (v !== undefined && stringOk(v, s)) return v;
    }
  }
  let v = 'x'.repeat(Math.max(1, s.minLength ?? 1));
  if (s.maxLength !== undefined) v = v.slice(0, s.maxLength);
  return v;
}

function synthNumber(s, key, integer) {
  const k = (key ?? '').toLowerCase();
  let lo = s.minimum ?? (s.exclusiveMinimum !== undefined && typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 0.5) : undefined);
  let hi = s.maximum ?? (typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - (integer ? 1 : 0.5) : undefined);
  let guess;
  if (k.includes('port')) guess = pick([5432, 6379, 8080, 443, 9090]);
  else if (k.includes('percent') || k.includes('ratio')) guess = rint(10, 90);
  else if (k.includes('timeout') || k.includes('seconds')) guess = pick([30, 60, 300]);
  else if (k.includes('days')) guess = pick([7, 30, 90]);
  else if (k.includes('replica') || k.includes('count')) guess = rint(1, 5);
  else guess = rint(1, 100);
  if (lo === undefined) lo = Math.min(guess, hi ?? guess);
  if (hi === undefined) hi = Math.max(guess, lo);
  let v = Math.min(Math.max(guess, lo), hi);
  if (integer) v = Math.ceil(v) <= hi ? Math.ceil(v) : Math.floor(v);
  if (s.multipleOf) v = Math.ceil(v / s.multipleOf) * s.multipleOf;
  return v;
}

/** Produce a value for schema `schema` (not flattened yet). `c` carries tenant-level context. */
function synth(set, schema, file, key, c, depth) {
  const { s, file: f } = effective(set, schema, file, undefined);
  if (s === false) return undefined;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return pick(s.enum);
  if (s.default !== undefined && s.default !== null && depth > 3) return structuredClone(s.default);
  if (Array.isArray(s.examples) && s.examples.length && typeof s.examples[0] !== 'object') return s.examples[0];
  const t = typesOf(s);
  const type = t.includes('object') ? 'object' : t.find((x) => x !== 'null') ?? (t[0] ?? 'string');
  switch (type) {
    case 'object': return conform(set, {}, s, f, key, c, depth);
    case 'array': {
      const n = Math.min(Math.max(s.minItems ?? 0, depth > 6 ? 1 : rint(1, 3)), s.maxItems ?? Infinity);
      return conform(set, Array.from({ length: n }, () => undefined), s, f, key, c, depth);
    }
    case 'integer': return synthNumber(s, key, true);
    case 'number': return synthNumber(s, key, false);
    case 'boolean': return chance(0.6);
    case 'null': return null;
    default: return synthString(s, key, c);
  }
}

const MAP_KEYS = { environments: ['development', 'staging', 'production'], labels: ['team', 'cost_center', 'compliance'], annotations: ['owner', 'runbook'], tags: ['team', 'env'] };

/** Conform `value` to `schema`, keeping as much of the template as the schema allows. */
function conform(set, value, schema, file, key, c, depth = 0) {
  const { s, file: f } = effective(set, schema, file, value);
  if (s === false) return undefined;
  if (depth > 12) return value;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) {
    return s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)) ? value : pick(s.enum);
  }
  const t = typesOf(s);
  if (value === undefined || !typeOk(value, t)) return synth(set, s, f, key, c, depth);
  if (Array.isArray(value)) {
    const itemsSchema = (i) => {
      if (Array.isArray(s.prefixItems) && i < s.prefixItems.length) return s.prefixItems[i];
      if (Array.isArray(s.items)) return i < s.items.length ? s.items[i] : s.additionalItems ?? true;
      return s.items ?? true;
    };
    let arr = value.map((v, i) => conform(set, v, itemsSchema(i), f, key, c, depth + 1)).filter((v) => v !== undefined);
    while (arr.length < (s.minItems ?? 0)) arr.push(synth(set, itemsSchema(arr.length), f, key, c, depth + 1));
    if (s.maxItems !== undefined) arr = arr.slice(0, s.maxItems);
    if (s.uniqueItems) arr = arr.filter((v, i) => arr.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i);
    return arr;
  }
  if (value && typeof value === 'object') {
    const props = s.properties ?? {};
    const required = new Set(s.required ?? []);
    const out = {};
    const namePattern = s.propertyNames?.pattern ? new RegExp(s.propertyNames.pattern, 'u') : undefined;
    const mapLike = !s.properties && s.additionalProperties && typeof s.additionalProperties === 'object';
    let src = value;
    if (mapLike && Object.keys(src).length === 0) {
      src = Object.fromEntries((MAP_KEYS[key] ?? ['primary', 'secondary']).map((k) => [k, undefined]));
    }
    for (const [k, v] of Object.entries(src)) {
      if (namePattern && !namePattern.test(k)) continue;
      let sub;
      if (k in props) sub = props[k];
      else {
        const pp = Object.entries(s.patternProperties ?? {}).find(([re]) => new RegExp(re, 'u').test(k));
        if (pp) sub = pp[1];
        else if (s.additionalProperties === false || s.unevaluatedProperties === false) continue;
        else if (s.additionalProperties && typeof s.additionalProperties === 'object') sub = s.additionalProperties;
        else { out[k] = v; continue; }
      }
      const cv = conform(set, v, sub, f, k, c, depth + 1);
      if (cv !== undefined) out[k] = cv;
    }
    for (const [k, sub] of Object.entries(props)) {
      if (k in out) continue;
      // required keys always; optional ones the template did not have: sometimes, and only near the top
      if (required.has(k) || (value === src && Object.keys(value).length === 0 && depth < 8 && chance(0.6))) {
        const v = synth(set, sub, f, k, c, depth + 1);
        if (v !== undefined) out[k] = v;
      }
    }
    for (const k of required) if (!(k in out)) out[k] = synthString({}, k, c);
    return out;
  }
  if (typeof value === 'string') return stringOk(value, s) && (!s.format || !FORMAT_SAMPLES[s.format] || true) ? value : synthString(s, key, c);
  if (typeof value === 'number') {
    const integer = t.includes('integer') && !t.includes('number');
    let v = integer ? Math.round(value) : value;
    const lo = s.minimum ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 1e-3) : -Infinity);
    const hi = s.maximum ?? (typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - (integer ? 1 : 1e-3) : Infinity);
    if (v < lo || v > hi) v = synthNumber(s, key, integer);
    if (s.multipleOf && Math.abs(v / s.multipleOf - Math.round(v / s.multipleOf)) > 1e-9) v = Math.round(v / s.multipleOf) * s.multipleOf;
    return v;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Tiny regex sampler (enough for the patterns of config schemas)

export function sampleRegex(src) {
  let i = 0;
  const peek = () => src[i];
  const CLASS = { d: '0123456789', w: 'abcdefghijklmnopqrstuvwxyz0123456789_', s: ' ', D: 'abc', W: '-', S: 'x' };
  function parseAlt() {
    const alts = [parseSeq()];
    while (peek() === '|') { i++; alts.push(parseSeq()); }
    return { alt: alts };
  }
  function parseSeq() {
    const items = [];
    while (i < src.length && peek() !== '|' && peek() !== ')') {
      let atom = parseAtom();
      const q = parseQuant();
      items.push({ atom, q });
    }
    return items;
  }
  function parseClass() {
    // at '[' already consumed
    let neg = false;
    if (peek() === '^') { neg = true; i++; }
    const chars = [];
    let first = true;
    while (i < src.length && (peek() !== ']' || first)) {
      first = false;
      let ch = src[i++];
      if (ch === '\\') {
        const e = src[i++];
        if (CLASS[e] && e === e.toLowerCase()) { chars.push(...CLASS[e]); continue; }
        if (e === 'p' || e === 'P') { if (peek() === '{') while (src[i++] !== '}'); chars.push(...'abcdefghij'); continue; }
        ch = e === 'n' ? '\n' : e === 't' ? '\t' : e;
      }
      if (peek() === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        i++;
        let end = src[i++];
        if (end === '\\') end = src[i++];
        for (let cc = ch.charCodeAt(0); cc <= end.charCodeAt(0) && cc - ch.charCodeAt(0) < 200; cc++) chars.push(String.fromCharCode(cc));
      } else chars.push(ch);
    }
    i++; // ]
    if (neg) {
      const all = 'abcdefghijklmnopqrstuvwxyz0123456789-_.';
      return { set: [...all].filter((x) => !chars.includes(x)) };
    }
    return { set: chars.length ? chars : ['x'] };
  }
  function parseAtom() {
    const ch = src[i++];
    if (ch === '(') {
      let skip = false;
      if (peek() === '?') {
        i++;
        const k = src[i++];
        if (k === '=' || k === '!') skip = true;
        else if (k === '<' && (peek() === '=' || peek() === '!')) { i++; skip = true; }
        else if (k === '<') { while (src[i++] !== '>'); }
      }
      const inner = parseAlt();
      i++; // )
      return skip ? { empty: true } : inner;
    }
    if (ch === '[') return parseClass();
    if (ch === '^' || ch === '$') return { empty: true };
    if (ch === '.') return { set: [...'abcxyz'] };
    if (ch === '\\') {
      const e = src[i++];
      if (CLASS[e]) return { set: [...CLASS[e]] };
      if (e === 'b' || e === 'B') return { empty: true };
      if (e === 'p' || e === 'P') { if (peek() === '{') while (src[i++] !== '}'); return { set: [...'abcdef'] }; }
      if (e === 'u' && peek() === '{') { let h = ''; i++; while (peek() !== '}') h += src[i++]; i++; return { lit: String.fromCodePoint(parseInt(h, 16)) }; }
      if (e === 'u') { const h = src.slice(i, i + 4); i += 4; return { lit: String.fromCharCode(parseInt(h, 16)) }; }
      if (e === 'x') { const h = src.slice(i, i + 2); i += 2; return { lit: String.fromCharCode(parseInt(h, 16)) }; }
      return { lit: e === 'n' ? '\n' : e === 't' ? '\t' : e };
    }
    return { lit: ch };
  }
  function parseQuant() {
    let q = { min: 1, max: 1 };
    const ch = peek();
    if (ch === '*') { i++; q = { min: 0, max: Infinity }; }
    else if (ch === '+') { i++; q = { min: 1, max: Infinity }; }
    else if (ch === '?') { i++; q = { min: 0, max: 1 }; }
    else if (ch === '{' && /^\{\d+(,\d*)?\}/.test(src.slice(i))) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      i += m[0].length;
      q = { min: +m[1], max: m[2] ? (m[3] ? +m[3] : Infinity) : +m[1] };
    }
    if (peek() === '?' || peek() === '+') i++;
    return q;
  }
  function gen(node) {
    if (node.alt) return node.alt.length ? gen({ seq: pick(node.alt) }) : '';
    if (node.seq) {
      let out = '';
      for (const { atom, q } of node.seq) {
        const n = q.min + Math.floor(rnd() * (Math.min(q.max, q.min + 6) - q.min + 1));
        for (let k = 0; k < n; k++) out += gen(atom);
      }
      return out;
    }
    if (node.empty) return '';
    if (node.set) return pick(node.set);
    return node.lit ?? '';
  }
  try {
    const tree = parseAlt();
    return gen(tree);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// ajv (the project's devDependency) to check the generated documents

function makeValidator(set) {
  let AjvClass;
  const draft = String(set.root.$schema ?? '');
  try {
    if (draft.includes('2020-12')) AjvClass = require('ajv/dist/2020').default;
    else if (draft.includes('2019-09')) AjvClass = require('ajv/dist/2019').default;
    else if (draft.includes('draft-04')) AjvClass = require('ajv-draft-04').default;
    else AjvClass = require('ajv').default;
  } catch (e) {
    return { error: `ajv not available: ${e.message}` };
  }
  try {
    const ajv = new AjvClass({ allErrors: true, strict: false, verbose: true, validateSchema: false, allowUnionTypes: true });
    try { require('ajv-formats').default(ajv); } catch { /* formats optional */ }
    let rootKey;
    for (const [p, json] of set.files) {
      const key = typeof json.$id === 'string' ? undefined : pathToFileURL(p).href;
      try { ajv.addSchema(json, key); } catch { /* duplicate id etc. */ }
      if (p === set.rootPath) rootKey = json.$id ?? key;
    }
    const validate = ajv.getSchema(rootKey.replace(/#$/, '')) ?? ajv.getSchema(rootKey);
    if (!validate) return { error: 'ajv could not compile the schema' };
    return {
      validate: (doc) => (validate(doc) ? [] : validate.errors.filter((e) => !['oneOf', 'anyOf', 'if', 'allOf', 'not'].includes(e.keyword) || validate.errors.length === 1)),
    };
  } catch (e) {
    return { error: `ajv failed: ${e.message}` };
  }
}

function ptrSegs(pointer) {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
function getAt(doc, segs) {
  let cur = doc;
  for (const s of segs) cur = cur?.[s];
  return cur;
}

/** Fix what ajv still reports after conform() (if/then, oneOf, dependencies, ...). */
function repair(set, doc, validator, c) {
  let errors = validator.validate(doc);
  for (let round = 0; round < 8 && errors.length; round++) {
    for (const e of errors) {
      const segs = ptrSegs(e.instancePath);
      const parentSegs = segs.slice(0, -1);
      const last = segs[segs.length - 1];
      const target = getAt(doc, segs);
      const ps = e.parentSchema && typeof e.parentSchema === 'object' ? e.parentSchema : {};
      const setHere = (v) => {
        if (!segs.length) return;
        const parent = getAt(doc, parentSegs);
        if (parent && typeof parent === 'object') {
          if (v === undefined) { if (Array.isArray(parent)) parent.splice(+last, 1); else delete parent[last]; }
          else parent[last] = v;
        }
      };
      switch (e.keyword) {
        case 'required':
        case 'dependencies':
        case 'dependentRequired': {
          const prop = e.params.missingProperty;
          if (target && typeof target === 'object' && prop && !(prop in target)) {
            const sub = ps.properties?.[prop] ?? {};
            target[prop] = synth(set, sub, set.rootPath, prop, c, segs.length + 1) ?? synthString({}, prop, c);
          }
          break;
        }
        case 'additionalProperties':
        case 'unevaluatedProperties': {
          const prop = e.params.additionalProperty ?? e.params.unevaluatedProperty;
          if (target && typeof target === 'object') delete target[prop];
          break;
        }
        case 'propertyNames':
          if (target && typeof target === 'object') delete target[e.params.propertyName];
          break;
        case 'const':
          setHere(structuredClone(e.params.allowedValue));
          break;
        case 'enum':
          setHere(pick(e.params.allowedValues ?? ps.enum ?? [null]));
          break;
        case 'false schema':
          setHere(undefined);
          break;
        case 'maxItems':
          if (Array.isArray(target)) target.length = e.params.limit;
          break;
        case 'minItems':
          if (Array.isArray(target)) while (target.length < e.params.limit) target.push(synth(set, Array.isArray(ps.items) ? {} : ps.items ?? {}, set.rootPath, last, c, segs.length + 1));
          break;
        case 'minProperties':
          break;
        case 'uniqueItems':
          if (Array.isArray(target)) target.splice(e.params.i, 1);
          break;
        default:
          // type, pattern, format, min/max, length, multipleOf...: regenerate the value
          setHere(synth(set, ps, set.rootPath, last, c, segs.length));
      }
    }
    errors = validator.validate(doc);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Deliberate mistakes

/** Walk a (valid) document with its schema; list places where a mistake can be made. */
function mistakeSites(set, doc) {
  const sites = [];
  const walk = (value, schema, file, pointer, key, parentSchema, depth) => {
    if (depth > 14) return;
    const { s, file: f } = effective(set, schema, file, value);
    if (!s || s === false) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, Array.isArray(s.items) ? s.items[i] ?? {} : s.prefixItems?.[i] ?? s.items ?? {}, f, `${pointer}/${i}`, key, s, depth + 1));
      return;
    }
    if (value && typeof value === 'object') {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      if (s.additionalProperties === false) {
        for (const k of Object.keys(value)) {
          if (required.has(k)) continue;
          const typo = typoOf(k, props);
          if (typo) sites.push({ kind: 'unknown-key', pointer: `${pointer}/${k}`, key: k, typo });
        }
      }
      for (const [k, v] of Object.entries(value)) {
        const sub = props[k] ?? (s.additionalProperties && typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
        if (sub !== undefined) walk(v, sub, f, `${pointer}/${k}`, k, s, depth + 1);
      }
      return;
    }
    const leaf = { pointer, key, value };
    if (Array.isArray(s.enum) && typeof value === 'string') {
      let bad = value.length > 3 ? value.slice(0, -1) : `${value}x`;
      if (s.enum.includes(bad)) bad = `${value}-x`;
      sites.push({ ...leaf, kind: 'enum', bad });
    }
    const t = typesOf(s);
    if (typeof value === 'number' && typeof s.maximum === 'number') sites.push({ ...leaf, kind: 'range', bad: s.maximum * 10 + 7 });
    if (typeof value === 'number' && (t.includes('integer') || t.includes('number')) && !t.includes('string')) sites.push({ ...leaf, kind: 'type', bad: 'eight' });
    if (typeof value === 'string' && s.pattern && !s.enum) {
      const bad = `${value.toUpperCase()} !`;
      let ok = true;
      try { ok = !new RegExp(s.pattern, 'u').test(bad); } catch { ok = false; }
      if (ok) sites.push({ ...leaf, kind: 'pattern', bad });
    }
  };
  walk(doc, set.root, set.rootPath, '', undefined, undefined, 0);
  return sites;
}

function typoOf(k, props) {
  for (const cand of [k.length > 4 ? k.slice(0, -1) : undefined, k.replace(/_/, ''), `${k}s`, `${k}_x`]) {
    if (cand && cand !== k && !(cand in props)) return cand;
  }
  return undefined;
}

function applyMistake(doc, site) {
  const segs = ptrSegs(site.pointer);
  const parent = getAt(doc, segs.slice(0, -1));
  const last = segs[segs.length - 1];
  if (site.kind === 'unknown-key') {
    // rename the key in place (keep order)
    const entries = Object.entries(parent);
    for (const k of Object.keys(parent)) delete parent[k];
    for (const [k, v] of entries) parent[k === last ? site.typo : k] = v;
    return `unknown key: ${site.pointer.replace(/[^/]*$/, '')}${site.typo} (typo of "${last}")`;
  }
  parent[last] = site.bad;
  return `${site.kind}: ${site.pointer}: ${JSON.stringify(site.value)} -> ${JSON.stringify(site.bad)}`;
}

// ---------------------------------------------------------------------------------------------
// YAML emitter with line tracking

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const SAFE_PLAIN = /^[A-Za-z_/][A-Za-z0-9 _./@+()=,;:-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(v) {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (/^[0-9]+[a-z]+$/.test(v) && !/^[0-9]+e[0-9]*$/.test(v)) return v; // durations such as 30s, 10m
    if (v.length && SAFE_PLAIN.test(v) && !RESERVED.test(v) && !/[\s:]$/.test(v) && !/ #|: /.test(v)) return v;
    return JSON.stringify(v);
  }
  return JSON.stringify(v);
}

/**
 * Emit `value` as block YAML lines. `map` receives, per JSON pointer, the line (relative),
 * the key column and the value's columns.
 */
function emit(value, indent, pointer, lines, map) {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const p = `${pointer}/${i}`;
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) {
        const start = lines.length;
        emitObject(v, indent + 2, p, lines, map, `${pad}- `);
        map.set(p, { line: start, keyCol: indent, object: true });
      } else if (Array.isArray(v) && v.length) {
        lines.push(`${pad}-`);
        map.set(p, { line: lines.length - 1, keyCol: indent, object: true });
        emit(v, indent + 2, p, lines, map);
      } else {
        const text = emptyOrScalar(v);
        lines.push(`${pad}- ${text}`);
        map.set(p, { line: lines.length - 1, keyCol: indent, valueCol: indent + 2, valueText: text });
      }
    }
    return;
  }
  emitObject(value, indent, pointer, lines, map, pad);
}

function emptyOrScalar(v) {
  if (Array.isArray(v)) return '[]';
  if (v && typeof v === 'object') return '{}';
  return scalar(v);
}

function emitObject(obj, indent, pointer, lines, map, firstPrefix) {
  const pad = ' '.repeat(indent);
  let first = true;
  for (const [k, v] of Object.entries(obj)) {
    const prefix = first ? firstPrefix : pad;
    first = false;
    const keyText = PLAIN_KEY.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k);
    const p = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const isArr = Array.isArray(v) && v.length;
    const isObj = v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length;
    if (isArr || isObj) {
      lines.push(`${prefix}${keyText}:`);
      map.set(p, { line: lines.length - 1, keyCol: indent, object: !!isObj, array: !!isArr });
      emit(v, indent + 2, p, lines, map);
    } else {
      const text = emptyOrScalar(v);
      lines.push(`${prefix}${keyText}: ${text}`);
      map.set(p, { line: lines.length - 1, keyCol: indent, valueCol: indent + keyText.length + 2, valueText: text });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// File generation

function sizeSeed(label) {
  let h = 2166136261;
  for (const ch of label) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** Pick the value edited by the edit benchmark: a port (or other bounded integer, or enum) in the middle tenant. */
function pickEditSite(set, doc, map) {
  const sites = mistakeSites(set, doc).filter((s) => s.kind === 'range' || s.kind === 'enum');
  const score = (s) => (s.kind === 'range' && /port/i.test(s.key) ? 4 : s.kind === 'range' && Number.isInteger(s.value) ? 3 : s.kind === 'enum' ? 2 : 1) + (s.pointer.includes('production') ? 0.5 : 0) + (s.pointer.includes('database') ? 0.25 : 0);
  sites.sort((a, b) => score(b) - score(a));
  for (const s of sites) {
    const m = map.get(s.pointer);
    if (m && m.valueCol !== undefined) return { ...s, ...m };
  }
  return undefined;
}

function editValues(set, site) {
  // alternately invalid (odd steps) and valid (even steps)
  const { s } = effective(set, resolvePointerSchema(set, site.pointer), set.rootPath, site.value);
  if (site.kind === 'range') {
    const hi = s.maximum;
    const lo = s.minimum ?? 0;
    return (i) => {
      if (i % 2 === 1) return String(hi + 1 + i); // out of range
      const v = site.value + (i % 7) + 1;
      return String(v <= hi ? v : Math.max(lo, site.value - (i % 7) - 1));
    };
  }
  const allowed = s.enum.filter((e) => typeof e === 'string');
  return (i) => (i % 2 === 1 ? scalar(`${site.value}-typo${i}`) : scalar(allowed[(allowed.indexOf(site.value) + i / 2) % allowed.length]));
}

function resolvePointerSchema(set, pointer) {
  let schema = set.root;
  let file = set.rootPath;
  for (const seg of ptrSegs(pointer)) {
    const { s, file: f } = effective(set, schema, file, undefined);
    file = f;
    if (/^\d+$/.test(seg) && (s.items || s.prefixItems)) schema = Array.isArray(s.items) ? s.items[+seg] : s.prefixItems?.[+seg] ?? s.items;
    else schema = s.properties?.[seg] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : {});
  }
  return schema;
}

/**
 * Leave room for completion in the middle tenant: drop the last two optional keys of the
 * environment block that holds the edited value (they become completion candidates).
 */
function makeRoomForCompletion(set, md) {
  const edit = pickEditSite(set, md.doc, md.map);
  if (!edit) return;
  const segs = ptrSegs(edit.pointer);
  const envSegs = segs.slice(0, Math.min(2, segs.length - 1));
  const envObj = getAt(md.doc, envSegs);
  if (!envObj || typeof envObj !== 'object' || Array.isArray(envObj)) return;
  const { s: envSchema } = effective(set, resolvePointerSchema(set, '/' + envSegs.join('/')), set.rootPath, envObj);
  const required = new Set(envSchema?.required ?? []);
  const removable = Object.keys(envObj).filter((k) => !required.has(k) && k !== segs[envSegs.length]);
  for (const k of removable.slice(-2)) delete envObj[k];
  md.lines = [];
  md.map = new Map();
  emit(md.doc, 0, '', md.lines, md.map);
}

export function generate({ sizes = Object.keys(SIZES), schemaPath, outDir = workDir, log = () => {} } = {}) {
  const schema = pickSchema(schemaPath);
  const set = loadSchemaSet(schema.path);
  const validator = makeValidator(set);
  // The format version every generated tenant declares, for schema walks that have no value at hand.
  set.rootHint = { schema_version: tenantTemplate(0).schema_version };
  if (validator.error) log(`warning: ${validator.error}; generated files are not checked`);
  fs.mkdirSync(outDir, { recursive: true });
  const results = {};
  for (const label of sizes) {
    const target = SIZES[label];
    if (!target) throw new Error(`unknown size ${label} (known: ${Object.keys(SIZES).join(', ')})`);
    rnd = mulberry32(sizeSeed(label));
    const t0 = performance.now();
    const docs = [];
    let lineCount = 0;
    let residual = 0;
    const residualSamples = [];
    for (let i = 0; lineCount < target; i++) {
      const c = { tenant: `t${i}`, team: 'platform', domain: 'example.com' };
      const tpl = tenantTemplate(i);
      c.tenant = tpl.tenant_id;
      c.domain = `${tpl.tenant_id}.example.com`;
      const doc = conform(set, tpl, set.root, set.rootPath, undefined, c, 0);
      if (validator.validate) {
        const errs = repair(set, doc, validator, c);
        residual += errs.length;
        if (errs.length && residualSamples.length < 5) residualSamples.push(`tenant ${i}: ${errs[0].instancePath} ${errs[0].message}`);
      }
      const lines = [];
      const map = new Map();
      emit(doc, 0, '', lines, map);
      // stop at the tenant that gets closest to the target size
      if (docs.length && lineCount + lines.length + 2 - target > target - lineCount) break;
      docs.push({ doc, lines, map, c });
      lineCount += lines.length + 2;
    }
    // deliberate mistakes: spread over the file, never in the middle tenant (the edited one)
    const mid = Math.floor(docs.length / 2);
    const nMistakes = Math.min(MISTAKES_PER_SIZE[label] ?? 5, Math.max(1, docs.length - 1));
    const kinds = ['enum', 'range', 'unknown-key', 'type', 'pattern'];
    const mistakes = [];
    for (let m = 0; m < nMistakes; m++) {
      let ti = Math.floor(((m + 0.5) * docs.length) / nMistakes);
      if (ti === mid) ti = (ti + 1) % docs.length;
      const d = docs[ti];
      const sites = mistakeSites(set, d.doc);
      const kind = kinds[m % kinds.length];
      const candidates = sites.filter((s) => s.kind === kind);
      const site = (candidates.length ? candidates : sites)[Math.floor(rnd() * (candidates.length || sites.length))];
      if (!site) continue;
      const before = validator.validate ? validator.validate(d.doc).length : 0;
      const what = applyMistake(d.doc, site);
      const after = validator.validate ? validator.validate(d.doc).length : 1;
      d.lines = [];
      d.map = new Map();
      emit(d.doc, 0, '', d.lines, d.map);
      const pointer = site.kind === 'unknown-key' ? site.pointer.replace(/[^/]*$/, site.typo) : site.pointer;
      mistakes.push({ tenant: ti, pointer, kind: site.kind, what, ajvErrors: after - before });
    }
    makeRoomForCompletion(set, docs[mid]);
    // assemble the stream
    const out = [];
    const docStarts = [];
    for (let i = 0; i < docs.length; i++) {
      out.push('---');
      out.push(`# Tenant ${docs[i].doc.tenant_id ?? i} (generated by bench/generate.mjs)`);
      docStarts.push(out.length);
      for (const l of docs[i].lines) out.push(l);
    }
    for (const m of mistakes) {
      const rel = docs[m.tenant].map.get(m.pointer);
      m.line = rel ? docStarts[m.tenant] + rel.line : docStarts[m.tenant];
    }
    const text = out.join('\n') + '\n';
    const file = path.join(outDir, `tenants-${label}.yaml`);
    fs.writeFileSync(file, text);

    // sites used by the benchmark, in the middle tenant
    const md = docs[mid];
    const edit = pickEditSite(set, md.doc, md.map);
    let editSite;
    let hoverSite;
    let completionSite;
    let coldCompletionSite;
    if (edit) {
      const nextValue = editValues(set, edit);
      editSite = { line: docStarts[mid] + edit.line, character: edit.valueCol, text: edit.valueText, pointer: edit.pointer, kind: edit.kind, values: Array.from({ length: 41 }, (_, i) => (i === 0 ? edit.valueText : nextValue(i))) };
      // hover: the key of the edited value
      hoverSite = { line: docStarts[mid] + edit.line, character: edit.keyCol + 1, pointer: edit.pointer };
      // completion: a new empty line under the environment block that holds the edited value
      const segs = ptrSegs(edit.pointer);
      let headerPtr;
      for (let n = Math.min(2, segs.length - 1); n >= 1 && !headerPtr; n--) {
        const p = '/' + segs.slice(0, n).map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
        if (md.map.get(p)?.object) headerPtr = p;
      }
      if (headerPtr) {
        const h = md.map.get(headerPtr);
        completionSite = { headerLine: docStarts[mid] + h.line, indent: h.keyCol + 2, pointer: headerPtr };
        // without an edit (the cold run asks right after the first diagnostics): at the start of
        // the block's first key, where both servers offer the block's keys
        coldCompletionSite = { line: docStarts[mid] + h.line + 1, character: h.keyCol + 2, pointer: headerPtr };
      }
    }
    const docErrors = validator.validate ? docs.reduce((n, d) => n + validator.validate(d.doc).length, 0) : undefined;
    results[label] = {
      label,
      file,
      lines: out.length,
      bytes: Buffer.byteLength(text),
      tenants: docs.length,
      mistakes,
      expectedErrors: docErrors,
      residualErrorsBeforeMistakes: validator.validate ? residual : undefined,
      residualSamples,
      editSite,
      hoverSite,
      completionSite,
      coldCompletionSite,
      ms: Math.round(performance.now() - t0),
    };
  }
  return { schema: { ...schema, validated: !validator.error }, files: results, validator };
}

/** Parse the written files back with `yaml` and validate each document: the errors ajv finds. */
export function checkFiles(gen) {
  const YAML = require('yaml');
  const out = {};
  for (const [label, f] of Object.entries(gen.files)) {
    const docs = YAML.parseAllDocuments(fs.readFileSync(f.file, 'utf8'));
    let yamlErrors = 0;
    let schemaErrors = 0;
    const samples = [];
    for (const d of docs) {
      yamlErrors += d.errors.length;
      if (gen.validator.validate) {
        const errs = gen.validator.validate(d.toJS());
        schemaErrors += errs.length;
        for (const e of errs.slice(0, 2)) if (samples.length < 12) samples.push(`${e.instancePath} ${e.message}`);
      }
    }
    out[label] = { documents: docs.length, yamlErrors, schemaErrors, samples };
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const sizes = opt('--sizes')?.split(',').map((s) => s.trim()).filter(Boolean);
  const r = generate({ sizes, schemaPath: opt('--schema'), log: console.error });
  const check = args.includes('--check') ? checkFiles(r) : undefined;
  console.log(`schema: ${r.schema.path} (${r.schema.source})`);
  for (const f of Object.values(r.files)) {
    console.log(`${f.label}: ${f.file} ${f.lines} lines, ${f.tenants} tenants, ${f.mistakes.length} mistakes -> ${f.expectedErrors} schema errors (residual before mistakes: ${f.residualErrorsBeforeMistakes}), ${f.ms} ms`);
    for (const m of f.mistakes) console.log(`   line ${m.line + 1}: ${m.what}`);
    for (const s of f.residualSamples) console.log(`   residual: ${s}`);
    if (check) console.log(`   check (parsed back with yaml): ${check[f.label].documents} documents, ${check[f.label].yamlErrors} YAML errors, ${check[f.label].schemaErrors} schema errors${check[f.label].samples.length ? `: ${check[f.label].samples.join('; ')}` : ''}`);
    console.log(`   edit: line ${f.editSite?.line + 1} ${f.editSite?.pointer} values ${f.editSite?.values.slice(0, 4).join(', ')}; completion under line ${f.completionSite?.headerLine + 1} (${f.completionSite?.pointer})`);
  }
}
