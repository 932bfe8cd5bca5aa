export const USAGE = `Usage: tenant-config lint [options] <files | folders | globs>...
       tenant-config lint [options] --stdin --stdin-filename <path>
       tenant-config migrate [--to N] [--dry-run | --check] <paths>... (see migrate --help)

Checks tenant configuration files (YAML and JSON) against the bundled schemas, and
the references between files (receivers, roles, templates, environments, queues,
locales…). The other config files of each file's project root (the folder of
.tenant-config.yaml or its crossFile.root, else the repository's top folder, else the
working folder) are indexed for the names they define and use; only the files given
are reported on, and unused names only when the whole project is linted.
Settings come from the nearest .tenant-config.yaml above each file.

Output:
  -f, --format <name>       stylish (default), text, json, sarif, github, junit
  -o, --output-file <file>  write the report to a file instead of standard output
  --color, --no-color       force colours on or off (default: on for a terminal
                            unless NO_COLOR is set)
  -q, --quiet               report errors only
  --max-warnings <n>        fail when more than n warnings are found
  --list-files              list the files a run lints and those it skips, and why;
                            lint nothing

Input:
  --stdin                   lint the text read from standard input
  --stdin-filename <path>   the path it would have (decides its kind and settings)
  --ignore <glob>           skip files matching the glob (repeatable)
  --schema <id|path>        validate every file against this schema (bundled id such
                            as "tenant", or a schema file)
  -c, --config <file>       a JSON settings file ({"schemas": {...}, "severity": {...}}),
                            applied over .tenant-config.yaml
  --no-cross-file           skip the checks between files (undefined, duplicate and
                            unused names)

Speed:
  --cache                   keep each file's results between runs (keyed by its content,
                            settings, the schemas and the version), under the project root
  --cache-location <file>   the file --cache keeps its results in

Fixes:
  --fix                     apply the safe, verified fixes (the editor's "fix all") to the
                            files, repeated until nothing changes; report what is left
  --fix-dry-run             print those fixes as a unified diff and change nothing (the
                            report then goes to standard error)

Known problems:
  --baseline <file>         report only problems the baseline does not record
  --baseline-write <file>   record the current problems as the baseline

  -h, --help                show this help
  -v, --version             show the version

Suppress a problem with a comment on the line before it,
  # tenant-config-disable-next-line <code>[, <code>…] [-- reason]
or in the whole file with # tenant-config-disable-file <code>; in JSON, with
"suppressions" in .tenant-config.yaml. Codes: docs/diagnostics.md.

Exit status: 0 no problems, 1 errors (or more warnings than --max-warnings),
2 usage, configuration or I/O error, or no files to lint.`;
