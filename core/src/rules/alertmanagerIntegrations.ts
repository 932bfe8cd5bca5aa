/**
 * Alertmanager integrations (`<name>_configs` of each receiver): settings given both inline and
 * from a file (Alertmanager refuses both), and the values each integration needs, inline or from
 * `global` where Alertmanager falls back to it. Codes `alertmanager.inline-and-file`,
 * `alertmanager.missing-setting`, `alertmanager.missing-global-setting`.
 */
import type { JSONPath, ValueNode } from '../document/ast';
import { firstLine } from '../validation/paths';
import { given, inlineAndFile, schemaMissing } from './httpClient';
import type { RuleContext } from './types';
import { child, entries, items, prop, schemaProblemAt, strAt } from './util';
import { report } from './report';
import { removeKey } from '../fixes';

/** `global` settings given inline and from a file (Alertmanager refuses both). */
const GLOBAL_PAIRS: Array<[string, string]> = [
  ['slack_api_url', 'slack_api_url_file'],
  ['slack_app_token', 'slack_app_token_file'],
  ['telegram_bot_token', 'telegram_bot_token_file'],
  ['wechat_api_secret', 'wechat_api_secret_file'],
  ['mattermost_webhook_url', 'mattermost_webhook_url_file'],
  ['opsgenie_api_key', 'opsgenie_api_key_file'],
  ['victorops_api_key', 'victorops_api_key_file'],
  ['smtp_auth_password', 'smtp_auth_password_file'],
  ['smtp_auth_secret', 'smtp_auth_secret_file'],
  ['rocketchat_token', 'rocketchat_token_file'],
  ['rocketchat_token_id', 'rocketchat_token_id_file'],
];

/** One of `keys` must be given (`also`: accepted, never suggested), or one of `global` when Alertmanager falls back to it. */
interface Need {
  keys: string[];
  global?: string[];
  also?: string[];
}

/**
 * Per integration (`<name>_configs`): settings exclusive with their `_file` form, groups of
 * settings exclusive with each other, and what must be given.
 */
const INTEGRATIONS: Record<
  string,
  { pairs: Array<[string, string]>; needs: Need[]; exclusive?: Array<[string[], string[]]> }
> = {
  email_configs: {
    pairs: [
      ['auth_password', 'auth_password_file'],
      ['auth_secret', 'auth_secret_file'],
    ],
    needs: [
      { keys: ['to'] },
      { keys: ['smarthost'], global: ['smtp_smarthost'] },
      { keys: ['from'], global: ['smtp_from'] },
    ],
  },
  slack_configs: {
    pairs: [
      ['api_url', 'api_url_file'],
      ['app_token', 'app_token_file'],
    ],
    exclusive: [
      [
        ['app_token', 'app_token_file'],
        ['api_url', 'api_url_file'],
      ],
    ],
    needs: [
      {
        keys: ['api_url', 'api_url_file', 'app_token', 'app_token_file'],
        global: ['slack_api_url', 'slack_api_url_file', 'slack_app_token', 'slack_app_token_file'],
        also: ['webhook_url'],
      },
    ],
  },
  pagerduty_configs: {
    pairs: [
      ['routing_key', 'routing_key_file'],
      ['service_key', 'service_key_file'],
    ],
    needs: [{ keys: ['routing_key', 'routing_key_file', 'service_key', 'service_key_file'] }],
  },
  opsgenie_configs: {
    pairs: [['api_key', 'api_key_file']],
    needs: [{ keys: ['api_key', 'api_key_file'], global: ['opsgenie_api_key', 'opsgenie_api_key_file'] }],
  },
  victorops_configs: {
    pairs: [['api_key', 'api_key_file']],
    needs: [
      { keys: ['routing_key'] },
      { keys: ['api_key', 'api_key_file'], global: ['victorops_api_key', 'victorops_api_key_file'] },
    ],
  },
  webhook_configs: { pairs: [['url', 'url_file']], needs: [{ keys: ['url', 'url_file'] }] },
  discord_configs: {
    pairs: [['webhook_url', 'webhook_url_file']],
    needs: [{ keys: ['webhook_url', 'webhook_url_file'] }],
  },
  msteams_configs: {
    pairs: [['webhook_url', 'webhook_url_file']],
    needs: [{ keys: ['webhook_url', 'webhook_url_file'] }],
  },
  msteamsv2_configs: {
    pairs: [['webhook_url', 'webhook_url_file']],
    needs: [{ keys: ['webhook_url', 'webhook_url_file'] }],
  },
  pushover_configs: {
    pairs: [
      ['user_key', 'user_key_file'],
      ['token', 'token_file'],
    ],
    needs: [{ keys: ['user_key', 'user_key_file'] }, { keys: ['token', 'token_file'] }],
  },
  telegram_configs: {
    pairs: [
      ['bot_token', 'bot_token_file'],
      ['chat_id', 'chat_id_file'],
    ],
    needs: [
      { keys: ['bot_token', 'bot_token_file'], global: ['telegram_bot_token', 'telegram_bot_token_file'] },
      { keys: ['chat_id', 'chat_id_file'] },
    ],
  },
  mattermost_configs: {
    pairs: [['webhook_url', 'webhook_url_file']],
    needs: [
      { keys: ['webhook_url', 'webhook_url_file'], global: ['mattermost_webhook_url', 'mattermost_webhook_url_file'] },
    ],
  },
  incidentio_configs: {
    pairs: [
      ['url', 'url_file'],
      ['alert_source_token', 'alert_source_token_file'],
    ],
    exclusive: [[['alert_source_token', 'alert_source_token_file'], ['http_config.authorization']]],
    needs: [
      { keys: ['url', 'url_file'] },
      { keys: ['alert_source_token', 'alert_source_token_file', 'http_config.authorization'] },
    ],
  },
  rocketchat_configs: {
    pairs: [
      ['token', 'token_file'],
      ['token_id', 'token_id_file'],
    ],
    needs: [
      { keys: ['token_id', 'token_id_file'], global: ['rocketchat_token_id', 'rocketchat_token_id_file'] },
      { keys: ['token', 'token_file'], global: ['rocketchat_token', 'rocketchat_token_file'] },
    ],
  },
  wechat_configs: {
    pairs: [['api_secret', 'api_secret_file']],
    needs: [
      { keys: ['api_secret', 'api_secret_file'], global: ['wechat_api_secret', 'wechat_api_secret_file'] },
      { keys: ['corp_id'], global: ['wechat_api_corp_id'] },
    ],
  },
  jira_configs: {
    pairs: [],
    needs: [{ keys: ['project'] }, { keys: ['issue_type'] }, { keys: ['api_url'], global: ['jira_api_url'] }],
  },
  webex_configs: { pairs: [], needs: [{ keys: ['room_id'] }, { keys: ['http_config.authorization'] }] },
  sns_configs: { pairs: [], needs: [{ keys: ['topic_arn', 'target_arn', 'phone_number'] }] },
};

/** A setting of an integration (`http_config.authorization` one level down), given and allowed by the schema. */
function has(ctx: RuleContext, item: ValueNode | undefined, path: JSONPath, key: string): boolean {
  const dot = key.indexOf('.');
  if (dot < 0) return !!given(ctx, item, path, key);
  const head = key.slice(0, dot);
  return has(ctx, child(item, head), [...path, head], key.slice(dot + 1));
}

/**
 * Inline and `_file` forms never together; each integration with what it needs, inline or from
 * `global`. `complete`: the block is a whole Alertmanager configuration; the block of a monitoring
 * file is merged into the platform's, whose `global` may supply what falls back to it, so only
 * what has no fallback is required there.
 */
export function integrations(ctx: RuleContext, block: ValueNode, base: JSONPath, complete: boolean): void {
  const global = child(block, 'global');
  const globalPath = [...base, 'global'];
  for (const [key, fileKey] of GLOBAL_PAIRS)
    inlineAndFile(ctx, 'alertmanager.inline-and-file', global, globalPath, key, fileKey);
  const inGlobal = (keys: string[]): boolean => keys.some((k) => !!given(ctx, global, globalPath, k));
  // A global Slack app token and a global webhook URL (other than the app URL) exclude each other.
  const appUrl = strAt(global, 'slack_app_url') ?? SLACK_APP_URL;
  if (strAt(global, 'slack_api_url') !== appUrl)
    exclusiveGroups(
      ctx,
      global,
      globalPath,
      ['slack_app_token', 'slack_app_token_file'],
      ['slack_api_url', 'slack_api_url_file'],
    );
  items(child(block, 'receivers')).forEach((rcv, ri) => {
    const receiver = strAt(rcv, 'name') ?? `receivers[${ri}]`;
    for (const e of entries(rcv)) {
      const spec = INTEGRATIONS[e.key];
      if (!spec) continue;
      const integration = e.key.replace(/_configs$/, '');
      items(e.value).forEach((item, ii) => {
        if (item.type !== 'object') return;
        const path = [...base, 'receivers', ri, e.key, ii];
        for (const [key, fileKey] of spec.pairs)
          inlineAndFile(ctx, 'alertmanager.inline-and-file', item, path, key, fileKey, { receiver });
        for (const [group, others] of spec.exclusive ?? []) exclusiveGroups(ctx, item, path, group, others);
        if (e.key === 'slack_configs') slackUpdateMessage(ctx, item, path);
        if (schemaProblemAt(ctx, path, ['schema.type'])) return;
        for (const need of spec.needs) {
          if ([...need.keys, ...(need.also ?? [])].some((k) => has(ctx, item, path, k))) continue;
          if (need.global && (!complete || inGlobal(need.global))) continue;
          if (schemaMissing(ctx, path, need.keys)) continue;
          const line = firstLine(item, ctx.text);
          const range: [number, number] = [line.offset, line.length];
          const data: Record<string, unknown> = { receiver, integration, missing: need.keys };
          if (need.global) {
            report(ctx, {
              code: 'alertmanager.missing-global-setting',
              node: item,
              path,
              range,
              args: { receiver, integration, key: need.keys[0], globalKey: need.global[0] },
              data: { ...data, global: need.global },
              blockedBy: [],
            });
          } else if (need.keys.length === 1) {
            report(ctx, {
              code: 'alertmanager.missing-setting',
              node: item,
              path,
              range,
              args: { receiver, integration, key: need.keys[0] },
              data,
              blockedBy: [],
            });
          } else {
            report(ctx, {
              code: 'alertmanager.missing-setting',
              message: 'alertmanager.missing-setting.any',
              node: item,
              path,
              range,
              args: { receiver, integration, keys: need.keys.map((k) => '`' + k + '`').join(', ') },
              data,
              blockedBy: [],
            });
          }
        }
      });
    }
  });
}

const SLACK_APP_URL = 'https://slack.com/api/chat.postMessage';

/** Any of `group` given together with any of `others`: reported on the first of `group` given. */
function exclusiveGroups(
  ctx: RuleContext,
  item: ValueNode | undefined,
  path: JSONPath,
  group: string[],
  others: string[],
): void {
  const mine = group.find((k) => has(ctx, item, path, k));
  const other = others.find((k) => has(ctx, item, path, k));
  if (!mine || !other) return;
  const at = [...path, mine];
  const keyNode = prop(item, mine)?.keyNode;
  if (!keyNode) return;
  report(ctx, {
    code: 'alertmanager.exclusive-settings',
    node: keyNode,
    path: at,
    args: { key: mine, other },
    data: { key: mine, conflicts: [other], fixes: [removeKey(at, { preferred: false })] },
  });
}

/** Slack `update_message` edits messages through the chat API, with an app token: not through a webhook URL. */
function slackUpdateMessage(ctx: RuleContext, item: ValueNode, path: JSONPath): void {
  const update = child(item, 'update_message');
  const url = strAt(item, 'api_url');
  if (update?.type !== 'boolean' || !update.value || url === undefined || url === SLACK_APP_URL) return;
  report(ctx, {
    code: 'alertmanager.setting-requires',
    node: update,
    path: [...path, 'update_message'],
    args: { key: 'update_message', requirement: 'app_token', url: SLACK_APP_URL },
    data: { key: 'update_message', requires: { api_url: SLACK_APP_URL } },
  });
}
