/**
 * A whole text read into document parts, JSON or YAML (a YAML stream is cut at `---` and read
 * chunk by chunk). Kept apart from the language service so that the indexing worker bundles only
 * the readers.
 */
import { parseYaml, splitYamlStream } from './parseYaml';
import { parseJson } from './parseJson';
import type { DocumentFormat, DocumentPart, ParsedDocument } from './document';

export function parseText(text: string, format: DocumentFormat): ParsedDocument {
  if (format === 'json') return { format, text, parts: [parseJson(text)] };
  const parts: DocumentPart[] = [];
  for (const chunk of splitYamlStream(text)) parts.push(...parseYaml(chunk.text, chunk.start, parts.length));
  return { format, text, parts };
}
