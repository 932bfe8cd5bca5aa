import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';

/**
 * Load the translations of the core's messages for a display language (`fr`, `de-CH` → `de`)
 * from l10n/bundle.l10n.<lang>.json beside the bundle. English needs none.
 */
export function loadMessageBundle(locale: string | undefined, root: string): string | undefined {
  if (!locale) return undefined;
  const lang = locale.toLowerCase();
  for (const candidate of [lang, lang.split('-')[0]]) {
    if (candidate === 'en') return undefined;
    const file = path.join(root, 'l10n', `bundle.l10n.${candidate}.json`);
    try {
      if (fs.existsSync(file)) {
        l10n.config({ contents: JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string> });
        return candidate;
      }
    } catch {
      // a broken bundle leaves messages in English
    }
  }
  return undefined;
}
