/**
 * @module Shell completion scripts (bash, zsh, fish) generated from the command tree itself, so every
 * command, flag and accepted value (criteria, formats) completes without a second list to maintain.
 * The zsh script is native (`_arguments`) and starts with `#compdef cnsctl`, so it works both saved as
 * `_cnsctl` in a directory on `$fpath` (compinit finds it) and sourced.
 */
import type { Command } from '@commander-js/extra-typings';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionSpec {
  readonly names: readonly string[];
  readonly takesValue: boolean;
  /** What the value is called in the help (`uri`, `dir`, `duration`). */
  readonly valueName: string;
  readonly choices: readonly string[];
  readonly description: string;
}

interface ArgumentSpec {
  readonly name: string;
  readonly variadic: boolean;
  readonly choices: readonly string[];
}

interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly arguments: readonly ArgumentSpec[];
}

function describeTree(program: Command): { globals: OptionSpec[]; commands: CommandSpec[] } {
  const optionsOf = (command: Command): OptionSpec[] =>
    command.options.map((option) => ({
      names: [option.short, option.long].filter((n): n is string => typeof n === 'string'),
      takesValue: option.required || option.optional,
      valueName: /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1] ?? 'value',
      choices: option.argChoices ?? [],
      description: option.description,
    }));
  const help: OptionSpec = {
    names: ['-h', '--help'],
    takesValue: false,
    valueName: '',
    choices: [],
    description: 'show help',
  };
  return {
    globals: [...optionsOf(program), help],
    commands: program.commands.map((command) => ({
      name: command.name(),
      description: command.description(),
      options: [...optionsOf(command as unknown as Command), help],
      arguments: command.registeredArguments.map((argument) => ({
        name: argument.name(),
        variadic: argument.variadic,
        choices: argument.argChoices ?? [],
      })),
    })),
  };
}

export function renderCompletion(program: Command, shell: Shell): string {
  const tree = describeTree(program);
  const name = program.name();
  if (shell === 'fish') return renderFish(name, tree);
  return shell === 'zsh' ? renderZsh(name, tree) : renderBash(name, tree);
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function renderBash(name: string, tree: ReturnType<typeof describeTree>): string {
  const fn = `_${name.replace(/\W/g, '_')}_complete`;
  const flagCases: string[] = [];
  const valueCases: string[] = [];
  for (const command of tree.commands) {
    const options = [...tree.globals, ...command.options];
    flagCases.push(
      `    ${command.name}) flags=${quote(options.flatMap((o) => o.names).join(' '))} ;;`,
    );
    for (const option of options.filter((o) => o.takesValue)) {
      const words =
        option.choices.length > 0
          ? `compgen -W ${quote(option.choices.join(' '))} -- "$cur"`
          : 'compgen -f -- "$cur"';
      // Values are per command: --format accepts different formats for different commands.
      const patterns = option.names.map((flag) => `${command.name}:${flag}`).join('|');
      valueCases.push(`    ${patterns}) COMPREPLY=($(${words})); return ;;`);
    }
  }
  const topLevel = [...tree.commands.map((c) => c.name), ...tree.globals.flatMap((o) => o.names)];
  return [
    `# ${name} completion for bash. Load it with: source <(${name} completion bash)`,
    `${fn}() {`,
    '  local cur prev sub flags i',
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  sub=""',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case "${COMP_WORDS[i]}" in -*) ;; *) sub="${COMP_WORDS[i]}"; break ;; esac',
    '  done',
    '  if [ -z "$sub" ]; then',
    `    COMPREPLY=($(compgen -W ${quote(topLevel.join(' '))} -- "$cur"))`,
    '    return',
    '  fi',
    '  case "$sub:$prev" in',
    ...valueCases,
    '  esac',
    '  case "$sub" in',
    ...flagCases,
    '    *) flags="" ;;',
    '  esac',
    '  COMPREPLY=($(compgen -W "$flags" -- "$cur"))',
    '}',
    `complete -o default -F ${fn} ${name}`,
    '',
  ].join('\n');
}

/** A `]` would end an _arguments description early (and `[` with it reads oddly), so they become (). */
const zshText = (text: string) => text.replace(/\[/g, '(').replace(/\]/g, ')');

/** Option values that name files (or locations that may be files); others get no completion. */
const FILE_VALUES = ['uri', 'dir', 'path', 'file'];

/** One `_arguments` spec per option: exclusive names, description, and value completion. */
function zshOptionSpecs(option: OptionSpec): string[] {
  const value = !option.takesValue
    ? ''
    : option.choices.length > 0
      ? `:${option.valueName}:(${option.choices.join(' ')})`
      : `:${option.valueName}:${FILE_VALUES.includes(option.valueName) ? '_files' : ' '}`;
  const exclusive = option.names.length > 1 ? `(${option.names.join(' ')})` : '';
  return option.names.map((flag) =>
    quote(`${exclusive}${flag}[${zshText(option.description)}]${value}`),
  );
}

function zshArgumentSpecs(command: CommandSpec): string[] {
  return command.arguments.map((argument, index) => {
    const action = argument.choices.length > 0 ? `(${argument.choices.join(' ')})` : '_files';
    return quote(`${argument.variadic ? '*' : String(index + 1)}:${argument.name}:${action}`);
  });
}

function renderZsh(name: string, tree: ReturnType<typeof describeTree>): string {
  const fn = `_${name.replace(/\W/g, '_')}`;
  const indent = (specs: readonly string[], depth: string) =>
    specs.map((spec) => `${depth}${spec} \\`);
  const commandCases = tree.commands.flatMap((command) => [
    `        ${command.name})`,
    '          _arguments -s \\',
    ...indent(
      [...command.options.flatMap(zshOptionSpecs), ...zshArgumentSpecs(command)],
      '            ',
    ),
    '            && ret=0',
    '          ;;',
  ]);
  return [
    `#compdef ${name}`,
    `# ${name} completion for zsh. Save it as ${fn} in a directory on $fpath (before compinit runs):`,
    `#   ${name} completion zsh > "\${fpath[1]}/${fn}"`,
    `# or load it into this shell: source <(${name} completion zsh)`,
    '',
    `${fn}() {`,
    '  local curcontext="$curcontext" state line ret=1',
    '  typeset -A opt_args',
    '  local -a commands',
    '  commands=(',
    ...tree.commands.map((c) => `    ${quote(`${c.name}:${zshText(c.description)}`)}`),
    '  )',
    '  _arguments -C \\',
    ...indent(tree.globals.flatMap(zshOptionSpecs), '    '),
    "    '1: :->command' \\",
    "    '*:: :->arguments' \\",
    '    && ret=0',
    '  case $state in',
    '    command)',
    "      _describe -t commands 'command' commands && ret=0",
    '      ;;',
    '    arguments)',
    '      case $words[1] in',
    ...commandCases,
    '      esac',
    '      ;;',
    '  esac',
    '  return ret',
    '}',
    '',
    '# Autoloaded from $fpath, zsh runs this file as the function: complete now. Sourced, register it.',
    `if [[ "$funcstack[1]" == "${fn}" ]]; then`,
    `  ${fn} "$@"`,
    'else',
    `  compdef ${fn} ${name}`,
    'fi',
    '',
  ].join('\n');
}

function renderFish(name: string, tree: ReturnType<typeof describeTree>): string {
  const lines = [
    `# ${name} completion for fish. Load it with: ${name} completion fish | source`,
    `complete -c ${name} -f`,
  ];
  for (const command of tree.commands) {
    lines.push(
      `complete -c ${name} -n '__fish_use_subcommand' -a ${command.name} -d ${quote(command.description)}`,
    );
    for (const option of command.options) {
      const long = option.names.find((n) => n.startsWith('--'))?.slice(2);
      const short = option.names.find((n) => /^-[^-]/.test(n))?.slice(1);
      const parts = [`complete -c ${name} -n '__fish_seen_subcommand_from ${command.name}'`];
      if (long) parts.push(`-l ${long}`);
      if (short) parts.push(`-s ${short}`);
      if (option.takesValue)
        parts.push(
          option.choices.length > 0 ? `-x -a ${quote(option.choices.join(' '))}` : '-r -F',
        );
      parts.push(`-d ${quote(option.description)}`);
      lines.push(parts.join(' '));
    }
  }
  for (const option of tree.globals) {
    const long = option.names.find((n) => n.startsWith('--'))?.slice(2);
    if (long) lines.push(`complete -c ${name} -l ${long} -d ${quote(option.description)}`);
  }
  return `${lines.join('\n')}\n`;
}
