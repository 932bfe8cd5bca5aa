/**
 * Go templates: Prometheus alerting rule `labels`/`annotations` (prometheus dialect: `$labels`,
 * `$value`, `humanize` …) and Alertmanager notification texts, Slack receivers and alert template
 * bodies (alertmanager dialect: `.Alerts`, `.CommonLabels`, `toUpper` …). Codes `template.*`.
 *
 * `{{ template "x" }}` targets of the alertmanager dialect are not checked here: they may be
 * defined in another file (the cross-file index knows them). A rule template sees only its own text.
 */
import type { JSONPath } from '../document/ast';
import { parseGoTemplate, type TemplateDialect } from '../lang/goTemplate';
import type { LangProblem } from '../lang/types';
import type { Rule, RuleContext } from './types';
import { child, entries, items, select, str, walk, type Hit } from './util';
import { reportLang } from './report';

/** Subtrees of notifier configs that are not templated. */
const NOT_TEMPLATED = new Set(['http_config', 'tls_config', 'send_resolved', 'max_alerts', 'timeout']);

function checkText(ctx: RuleContext, hit: Hit, dialect: TemplateDialect): void {
  const node = str(hit.node);
  if (!node || !node.value.includes('{{')) return;
  const result = parseGoTemplate(node.value, dialect);
  // Alertmanager texts may call templates of the configured template files; rule templates see only their own text.
  const own = (p: LangProblem) => dialect === 'prometheus' || p.code !== 'template.undefined-template';
  reportLang(ctx, node, result.problems.filter(own), { path: hit.path });
}

/** Alerting rules (not recording rules) of a group list: every label and annotation value. */
function ruleTemplates(ctx: RuleContext, groupsPattern: string): void {
  for (const group of select(ctx.part.root, groupsPattern)) {
    items(child(group.node, 'rules')).forEach((rule, i) => {
      if (!child(rule, 'alert')) return;
      for (const section of ['labels', 'annotations']) {
        for (const e of entries(child(rule, section))) {
          if (e.value)
            checkText(ctx, { node: e.value, path: [...group.path, 'rules', i, section, e.key] }, 'prometheus');
        }
      }
    });
  }
}

/** Every templated string of the `*_configs` of each receiver (Alertmanager notifier configs). */
function receiverTemplates(ctx: RuleContext, receivers: Hit[]): void {
  for (const receiver of receivers) {
    for (const e of entries(receiver.node)) {
      if (!/_configs$/.test(e.key)) continue;
      items(e.value).forEach((config, i) => notifierStrings(ctx, config, [...receiver.path, e.key, i]));
    }
  }
}

function notifierStrings(ctx: RuleContext, config: Hit['node'], base: JSONPath): void {
  walk(
    config,
    (node, path, key) => {
      if (key !== undefined && NOT_TEMPLATED.has(key)) return false;
      if (node.type === 'string') checkText(ctx, { node, path }, 'alertmanager');
      return undefined;
    },
    base,
  );
}

/** alert-templates files: `defines` bodies and every `templates.<name>.<locale>.<field>`. */
function alertTemplateFiles(ctx: RuleContext): void {
  for (const hit of select(ctx.part.root, 'defines.*')) checkText(ctx, hit, 'alertmanager');
  for (const hit of select(ctx.part.root, 'templates.*.*.*')) checkText(ctx, hit, 'alertmanager');
}

export const templatesRule: Rule = {
  id: 'templates',
  kinds: ['prometheus-rules', 'monitoring', 'alertmanager', 'slack-receivers', 'alert-templates'],
  check(ctx) {
    const root = ctx.part.root;
    switch (ctx.kind) {
      case 'prometheus-rules':
        return ruleTemplates(ctx, 'groups[]');
      case 'alertmanager':
        return receiverTemplates(ctx, select(root, 'receivers[]'));
      case 'slack-receivers':
        receiverTemplates(ctx, select(root, 'receivers[]'));
        for (const e of entries(child(root, 'defaults')))
          if (e.value && e.key !== 'api_url')
            checkText(ctx, { node: e.value, path: ['defaults', e.key] }, 'alertmanager');
        return;
      case 'alert-templates':
        return alertTemplateFiles(ctx);
      case 'monitoring':
        ruleTemplates(ctx, 'alert_rules[]');
        receiverTemplates(ctx, select(root, 'alertmanager.receivers[]'));
        for (const hit of select(root, 'alert_templates.*.*.*')) checkText(ctx, hit, 'alertmanager');
        return;
    }
  },
};
