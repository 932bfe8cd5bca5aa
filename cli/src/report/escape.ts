/**
 * Text from files (key names, values, file names) shown in a terminal: control characters, which
 * could move the cursor, recolour or hide output, are written as visible escapes (`\x1b`), and so
 * are the line and paragraph separators and the bidirectional overrides that reorder what is
 * displayed ("Trojan Source").
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x100 ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0');
  });
}

/** What JSON.stringify leaves raw inside strings: DEL, C1 controls, the separators, bidi controls. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON output, safe to print: the characters JSON.stringify leaves raw become `\uXXXX` escapes,
 * which read back as the same strings (they occur inside strings only).
 */
export function escapeJsonControls(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
