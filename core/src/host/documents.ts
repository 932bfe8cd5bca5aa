/**
 * The documents the host knows: those open in the editor (their text is the editor's) and files
 * read from disk (their text and the problems of their bytes). A file open in the editor is the
 * editor's until it is closed; its disk text counts again then.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileText, TextProblem } from './files';

/** The language id of a file read from disk: JSON by its extension, YAML otherwise. */
export function languageIdOf(uri: string): 'json' | 'yaml' {
  return /\.json$/i.test(uri) ? 'json' : 'yaml';
}

/** A text document for a uri and a text: the one place that decides the format of a file not opened in an editor. */
export function createDocument(
  uri: string,
  text: string,
  version = 0,
  languageId: string = languageIdOf(uri),
): TextDocument {
  return TextDocument.create(uri, languageId, version, text);
}

/** A known document with the problems of its bytes (none for open documents: the editor decoded them). */
export interface Source {
  doc: TextDocument;
  problems: readonly TextProblem[];
  open: boolean;
}

export class Documents {
  private readonly open = new Map<string, TextDocument>();
  private readonly disk = new Map<string, { doc: TextDocument; problems: readonly TextProblem[] }>();

  /** The editor's document, or the file read from disk. */
  get(uri: string): Source | undefined {
    const open = this.open.get(uri);
    if (open) return { doc: open, problems: [], open: true };
    const d = this.disk.get(uri);
    return d ? { ...d, open: false } : undefined;
  }

  openDocument(uri: string): TextDocument | undefined {
    return this.open.get(uri);
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  setOpen(doc: TextDocument): void {
    this.open.set(doc.uri, doc);
  }

  close(uri: string): void {
    this.open.delete(uri);
  }

  /** Keep a file's disk text (the file is indexed or linted). */
  setDisk(uri: string, file: FileText, doc = createDocument(uri, file.text)): TextDocument {
    this.disk.set(uri, { doc, problems: file.problems });
    return doc;
  }

  hasDisk(uri: string): boolean {
    return this.disk.has(uri);
  }

  forgetDisk(uri: string): void {
    this.disk.delete(uri);
  }

  openUris(): string[] {
    return [...this.open.keys()];
  }
}
