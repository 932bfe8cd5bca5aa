/**
 * Service discovery configurations as Prometheus v3.14.0 loads them (discovery/*): the values each
 * one requires (after its defaults), the settings that exclude each other, and the Kubernetes
 * rules: `api_server`, `kubeconfig_file`, `namespaces.own_namespace` and a custom HTTP client
 * together, and selectors (one per role, of a role the discovery role allows, in valid syntax).
 * Codes `prometheus.missing-setting`, `prometheus.exclusive-settings`, `prometheus.setting-requires`,
 * `prometheus.duplicate-value`, `prometheus.kubernetes-selector`.
 */
import type { JSONPath, ValueNode } from '../document/ast';
import { checkSelector } from '../lang/k8sSelector';
import { isSet } from './httpClient';
import { exclusive, requireSettings, uniqueTrimmed, type Requirement } from './prometheusSettings';
import type { RuleContext } from './types';
import { child, entries, items, prop, str, strAt } from './util';
import { rangeIn, report } from './report';

const R = (...anyOf: string[]): Requirement => ({ anyOf });
const D = (key: string): Requirement => ({ anyOf: [key], withDefault: true });

/** What each discovery requires, and the pairs it refuses together. */
const SD: Record<string, { needs?: Requirement[]; exclusive?: Array<[string, string]> }> = {
  aws: { needs: [R('role')] },
  azure: { needs: [R('subscription_id')] },
  consul: { needs: [D('server')] },
  digitalocean: { needs: [D('role')] },
  dns: { needs: [R('names')] },
  docker: { needs: [R('host')] },
  dockerswarm: { needs: [R('host'), R('role')] },
  eureka: { needs: [R('server')] },
  file: { needs: [R('files')] },
  gce: { needs: [R('project'), R('zone')] },
  hetzner: { needs: [R('role')] },
  http: { needs: [R('url')] },
  ionos: { needs: [R('datacenter_id')] },
  kubernetes: { needs: [R('role')] },
  kuma: { needs: [R('server')] },
  marathon: { needs: [R('servers')] },
  nerve: { needs: [R('servers'), R('paths')] },
  nomad: { needs: [D('server')] },
  oci: { exclusive: [['key_passphrase', 'key_passphrase_file']] },
  openstack: { needs: [R('role'), R('region')] },
  outscale: {
    needs: [D('region'), R('access_key'), R('secret_key', 'secret_key_file')],
    exclusive: [['secret_key', 'secret_key_file']],
  },
  ovhcloud: { needs: [D('endpoint'), R('application_key'), R('application_secret'), R('consumer_key'), R('service')] },
  puppetdb: { needs: [R('url'), R('query')] },
  scaleway: { needs: [R('role'), R('secret_key', 'secret_key_file')], exclusive: [['secret_key', 'secret_key_file']] },
  serverset: { needs: [R('servers'), R('paths')] },
  triton: { needs: [D('role'), R('account'), R('dns_suffix'), R('endpoint')] },
  uyuni: { needs: [R('server'), R('username'), R('password')] },
};

/** The HTTP client keys that make a Kubernetes discovery's client custom (`kubeconfig_file` excludes them). */
const CUSTOM_HTTP = [
  'basic_auth',
  'authorization',
  'oauth2',
  'bearer_token',
  'bearer_token_file',
  'tls_config',
  'proxy_url',
  'http_headers',
];

/** Which selector roles each Kubernetes role accepts. */
const SELECTOR_ROLES: Record<string, string[]> = {
  pod: ['pod', 'node'],
  service: ['service'],
  endpoints: ['pod', 'service', 'endpoints'],
  endpointslice: ['pod', 'service', 'endpointslice'],
  node: ['node'],
  ingress: ['ingress'],
};

function azure(ctx: RuleContext, item: ValueNode, path: JSONPath, where: string): void {
  const method = strAt(item, 'authentication_method') || 'OAuth';
  if (method === 'OAuth') requireSettings(ctx, item, path, where, [R('tenant_id'), R('client_id'), R('client_secret')]);
}

function oci(ctx: RuleContext, item: ValueNode, path: JSONPath, where: string): void {
  const auth = strAt(item, 'auth') || 'api_key';
  if (auth === 'api_key')
    requireSettings(ctx, item, path, where, [R('tenancy'), R('user'), R('fingerprint'), R('key_file')]);
  if (auth !== 'instance_principal') return;
  for (const key of ['tenancy', 'user', 'fingerprint', 'key_file', 'key_passphrase', 'key_passphrase_file'])
    exclusive(ctx, item, path, key, 'auth', '.instance-principal');
}

function stackit(ctx: RuleContext, item: ValueNode, path: JSONPath, where: string): void {
  const written = (k: string) => !!prop(item, k);
  const empty = (k: string) => written(k) && !isSet(child(item, k));
  // `region` defaults to eu01: only both written empty leaves the discovery without an API.
  if (empty('region') && (empty('endpoint') || !written('endpoint')))
    requireSettings(ctx, item, path, where, [R('endpoint', 'region')]);
}

function ec2(ctx: RuleContext, item: ValueNode, path: JSONPath): void {
  items(child(item, 'filters')).forEach((f, i) =>
    requireSettings(ctx, f, [...path, 'filters', i], `\`filters[${i}]\``, [R('values')]),
  );
}

function kubernetes(ctx: RuleContext, item: ValueNode, path: JSONPath): void {
  const apiServer = isSet(child(item, 'api_server'));
  const kubeconfig = isSet(child(item, 'kubeconfig_file'));
  const ownNs = child(child(item, 'namespaces'), 'own_namespace');
  const own = ownNs?.type === 'boolean' && ownNs.value;
  exclusive(ctx, item, path, 'kubeconfig_file', 'api_server');
  const custom = CUSTOM_HTTP.filter((k) => isSet(child(item, k)));
  if (kubeconfig) for (const k of custom) exclusive(ctx, item, path, k, 'kubeconfig_file', '.kubeconfig');
  if (!apiServer && !kubeconfig && custom.length) {
    const p = prop(item, custom[0])!;
    report(ctx, {
      code: 'prometheus.setting-requires',
      message: 'prometheus.setting-requires.api-server',
      node: p.keyNode,
      path: [...path, custom[0]],
      args: { value: custom[0], requirement: 'api_server' },
      data: { key: custom[0], requires: ['api_server'] },
    });
  }
  if (own) {
    const ownProp = prop(child(item, 'namespaces'), 'own_namespace')!;
    for (const other of ['api_server', 'kubeconfig_file'])
      if (isSet(child(item, other)))
        report(ctx, {
          code: 'prometheus.exclusive-settings',
          node: ownProp.keyNode,
          path: [...path, 'namespaces', 'own_namespace'],
          args: { key: 'namespaces.own_namespace', other },
          data: { key: 'namespaces.own_namespace', conflicts: [other] },
        });
  }
  selectors(ctx, item, path);
}

function selectors(ctx: RuleContext, item: ValueNode, path: JSONPath): void {
  const role = strAt(item, 'role') ?? '';
  const allowed = SELECTOR_ROLES[role];
  const list = child(item, 'selectors');
  uniqueTrimmed(ctx, list, [...path, 'selectors'], 'selectors', (n) => strAt(n, 'role'));
  items(list).forEach((sel, i) => {
    const at = [...path, 'selectors', i];
    const selRole = str(child(sel, 'role'));
    if (selRole && allowed && !allowed.includes(selRole.value))
      report(ctx, {
        code: 'prometheus.kubernetes-selector',
        message: 'prometheus.kubernetes-selector.role',
        node: selRole,
        path: [...at, 'role'],
        args: { role, selectorRole: selRole.value, allowed: allowed.map((a) => '`' + a + '`').join(', ') },
        data: { role, selectorRole: selRole.value, allowed },
      });
    for (const kind of ['label', 'field'] as const) {
      const s = str(child(sel, kind));
      const err = s ? checkSelector(s.value, kind) : undefined;
      if (!s || !err) continue;
      report(ctx, {
        code: 'prometheus.kubernetes-selector',
        message: `prometheus.kubernetes-selector.${err.reason}`,
        node: s,
        path: [...at, kind],
        range: rangeIn(ctx, s, err.from, err.to),
        args: { kind, token: err.token },
        data: { kind, reason: err.reason, token: err.token },
      });
    }
  });
}

/** One service discovery configuration (`<name>_sd_configs[i]`). */
function sd(ctx: RuleContext, name: string, item: ValueNode, path: JSONPath): void {
  if (item.type !== 'object') return;
  const where = `\`${name}_sd_configs[${String(path[path.length - 1])}]\``;
  const spec = SD[name];
  if (spec?.needs) requireSettings(ctx, item, path, where, spec.needs);
  for (const [a, b] of spec?.exclusive ?? []) exclusive(ctx, item, path, a, b);
  if (name === 'azure') azure(ctx, item, path, where);
  else if (name === 'oci') oci(ctx, item, path, where);
  else if (name === 'stackit') stackit(ctx, item, path, where);
  else if (name === 'ec2' || (name === 'aws' && strAt(item, 'role') === 'ec2')) ec2(ctx, item, path);
  else if (name === 'kubernetes') kubernetes(ctx, item, path);
}

/** Every service discovery configuration of the scrape jobs and Alertmanager targets of a configuration. */
export function checkServiceDiscovery(ctx: RuleContext, block: ValueNode, base: JSONPath): void {
  const holders: Array<{ node: ValueNode; path: JSONPath }> = [];
  items(child(block, 'scrape_configs')).forEach((node, i) =>
    holders.push({ node, path: [...base, 'scrape_configs', i] }),
  );
  items(child(child(block, 'alerting'), 'alertmanagers')).forEach((node, i) =>
    holders.push({ node, path: [...base, 'alerting', 'alertmanagers', i] }),
  );
  for (const h of holders)
    for (const e of entries(h.node)) {
      const m = /^(\w+)_sd_configs$/.exec(e.key);
      if (m) items(e.value).forEach((item, i) => sd(ctx, m[1], item, [...h.path, e.key, i]));
    }
}
