/**
 * @module Building blocks of the generated bash scripts: quoting, and the functions every script
 * shares (a preflight that checks the tools and confirms the cluster, and retries with backoff). Each
 * script is self-contained, so a component folder can be copied and run on its own.
 */

/** Quotes `text` as one bash word. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface ScriptHead {
  /** Lines of the opening comment, after the shebang (without `# `). */
  readonly about: readonly string[];
  readonly usage: string;
  /** Options besides --yes and --help, as `case` branches. */
  readonly options: readonly {
    readonly flag: string;
    readonly set: string;
    readonly help: string;
  }[];
}

/** Shebang, comment, strict mode, option parsing (--yes, --help and the script's own). */
export function scriptHead(head: ScriptHead): string {
  const options = [
    {
      flag: '--yes|-y',
      set: 'ASSUME_YES=true',
      help: '--yes       do not ask to confirm the cluster',
    },
    ...head.options,
  ];
  return `#!/usr/bin/env bash
${head.about.map((line) => `# ${line}`.trimEnd()).join('\n')}
#
# Usage: ${head.usage}
${options.map((option) => `#   ${option.help.replace(/^(\S+)\s+/, (_, flag: string) => flag.padEnd(15))}`).join('\n')}
set -euo pipefail

ASSUME_YES=false
${head.options.map((option) => `${option.set.split('=')[0] ?? ''}=${defaultOf(option.set)}`).join('\n')}
for arg in "$@"; do
  case "\${arg}" in
${options.map((option) => `    ${option.flag}) ${option.set} ;;`).join('\n')}
    -h|--help) sed -n '2,/^set -euo/p' "\${BASH_SOURCE[0]}" | sed '$d; s/^# \\{0,1\\}//'; exit 0 ;;
    *) echo "unknown option \${arg}; see --help" >&2; exit 2 ;;
  esac
done
`;
}

// An option's variable starts as the opposite of what the flag sets it to.
function defaultOf(set: string): string {
  const value = set.split('=')[1];
  return value === 'true' ? 'false' : 'true';
}

/**
 * `preflight ACTION`: helm and kubectl on PATH, a current kubectl context, printed and confirmed
 * (unless --yes; never waits on a closed stdin).
 */
export const PREFLIGHT_FUNCTION = `preflight() {
  local tool context answer
  for tool in helm kubectl; do
    if ! command -v "\${tool}" >/dev/null 2>&1; then
      echo "\${tool} is not on PATH: install it, then run this again" >&2
      exit 1
    fi
  done
  if ! context="$(kubectl config current-context 2>/dev/null)"; then
    echo "kubectl has no current context: select the cluster (kubectl config use-context NAME)" >&2
    exit 1
  fi
  echo "Kubernetes context: \${context}"
  if [[ "\${ASSUME_YES}" == true ]]; then
    return 0
  fi
  if [[ ! -t 0 ]]; then
    echo "stdin is not a terminal: pass --yes to $1 in context \${context}" >&2
    exit 1
  fi
  read -r -p "$1 in context \${context}? [y/N] " answer
  if [[ "\${answer}" != [yY] && "\${answer}" != [yY][eE][sS] ]]; then
    echo "cancelled" >&2
    exit 1
  fi
}
`;

/**
 * \`retry COMMAND...\`: runs the command up to CNS_ATTEMPTS times (default 5), waiting 5, 10, 20, 40 s
 * between tries: a custom resource whose CRD is not served yet, or a webhook still starting, succeeds
 * on a later try.
 */
export const RETRY_FUNCTION = `retry() {
  local attempt=1 delay=5 attempts="\${CNS_ATTEMPTS:-5}"
  until "$@"; do
    if (( attempt >= attempts )); then
      echo "failed after \${attempt} attempts: $*" >&2
      return 1
    fi
    echo "attempt \${attempt}/\${attempts} failed, retrying in \${delay}s: $*" >&2
    sleep "\${delay}"
    attempt=$((attempt + 1))
    delay=$((delay * 2))
  done
}
`;
