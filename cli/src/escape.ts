/**
 * Text from linted files (values quoted in messages, file names) on its way to a terminal. A
 * value holding ESC can recolour or retitle the terminal, move the cursor or hide lines; a CR
 * overwrites the start of the line, so a problem can be printed and then erased from view; bidi
 * controls reorder what is shown ("Trojan Source"). Such characters are printed as escapes.
 */

/**
 * C0 controls (tab, CR and LF included: every problem is one line), DEL, C1 controls (U+009B is a
 * CSI on some terminals), the line and paragraph separators, and bidi embedding, override and
 * isolate controls.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return (
    NAMED[ch] ??
    (code < 0x100
      ? '\\x' + code.toString(16).toUpperCase().padStart(2, '0')
      : '\\u' + code.toString(16).toUpperCase().padStart(4, '0'))
  );
}

/** A message or a file name, safe to print on a terminal line. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** What JSON.stringify leaves raw inside strings: DEL, C1 controls, the separators, bidi controls. */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON output, safe to print: the characters JSON.stringify leaves raw become `\uXXXX` escapes,
 * which read back as the same strings (they occur inside strings only).
 */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => '\\u' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
}
