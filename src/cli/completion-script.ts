/**
 * @module Shell completion scripts (bash, zsh, fish) generated from the command tree itself, so every
 * command, flag and accepted value (criteria, formats) completes without a second list to maintain.
 */
import type { Command } from '@commander-js/extra-typings';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionSpec {
  readonly names: readonly string[];
  readonly takesValue: boolean;
  readonly choices: readonly string[];
  readonly description: string;
}

interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
}

function describeTree(program: Command): { globals: OptionSpec[]; commands: CommandSpec[] } {
  const optionsOf = (command: Command): OptionSpec[] =>
    command.options.map((option) => ({
      names: [option.short, option.long].filter((n): n is string => typeof n === 'string'),
      takesValue: option.required || option.optional,
      choices: option.argChoices ?? [],
      description: option.description,
    }));
  const help: OptionSpec = {
    names: ['-h', '--help'],
    takesValue: false,
    choices: [],
    description: 'show help',
  };
  return {
    globals: [...optionsOf(program), help],
    commands: program.commands.map((command) => ({
      name: command.name(),
      description: command.description(),
      options: [...optionsOf(command as unknown as Command), help],
    })),
  };
}

export function renderCompletion(program: Command, shell: Shell): string {
  const tree = describeTree(program);
  const name = program.name();
  return shell === 'fish' ? renderFish(name, tree) : renderBash(name, tree, shell === 'zsh');
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function renderBash(name: string, tree: ReturnType<typeof describeTree>, zsh: boolean): string {
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
    `# ${name} completion for ${zsh ? 'zsh' : 'bash'}. Load it with: source <(${name} completion ${zsh ? 'zsh' : 'bash'})`,
    ...(zsh ? ['autoload -U +X bashcompinit && bashcompinit'] : []),
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
