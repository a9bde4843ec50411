# Prints the completions an interactive zsh offers for a command line, one per line:
#   zsh -f zsh-completions.zsh fpath <dir> <words...>    the script is _cnsctl in <dir>, found through $fpath
#   zsh -f zsh-completions.zsh source <file> <words...>  the script is sourced after compinit
# It drives a real zsh on a pseudo-terminal (zpty), presses Tab after the words, and records what the
# completion system passes to compadd. After the technique of Valodim's zsh-capture-completion.
zmodload zsh/zpty
zpty z zsh -f -i
if [[ $1 == fpath ]]; then
  zpty -w z "fpath=($2 \$fpath); autoload -Uz compinit; compinit -u -D"
else
  zpty -w z "autoload -Uz compinit; compinit -u -D; source $2"
fi
zpty -w z 'bindkey "^I" complete-word'
zpty -w z 'null-line () { echo -E - $'\''\0'\''; }'
zpty -w z 'compprefuncs=( null-line )'
zpty -w z 'comppostfuncs=( null-line exit )'
zpty -w z "zstyle ':completion:*' list-grouped false"
zpty -w z "zstyle ':completion:*' insert-tab false"
zpty -w z 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits
  builtin compadd -A __hits "$@"
  (( $#__hits == 0 )) && return 1
  local h; for h in $__hits; do echo -E - "$h"; done
}'
shift 2
zpty -w z "$*"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
  if [[ $line == *$'\0\r' ]]; then (( tog++ )) && return 0 || continue; fi
  (( tog )) && echo -E - "${line%$'\r'}"
done
