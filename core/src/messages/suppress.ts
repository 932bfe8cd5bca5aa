/** Messages of suppression comments and the project configuration's suppressions (core/src/suppress). */

export const suppressProblems = {
  'suppression.unused.next-line':
    'No `{suppressed}` problem is reported on the next line, so this suppression does nothing: remove `{suppressed}` from the comment.',
  'suppression.unused.file':
    'No `{suppressed}` problem is reported in this file, so this suppression does nothing: remove `{suppressed}` from the comment.',
  'suppression.unused.path':
    'No `{suppressed}` problem is reported at {path} in the files matching {files}, so this suppression does nothing: remove it, or correct its path or code.',
  'suppression.invalid.unknown-code':
    '`{suppressed}` is not a tenant-config diagnostic code, so nothing is suppressed: use a code listed in docs/diagnostics.md.',
  'suppression.invalid.unknown-code-suggest':
    '`{suppressed}` is not a tenant-config diagnostic code, so nothing is suppressed; did you mean `{suggestion}`?',
  'suppression.invalid.no-code':
    '`{directive}` names no code, so nothing is suppressed: write the codes after it, e.g. `# {directive} schema.enum -- reason`.',
} as const;
