#!/usr/bin/env bash
# The shell completions of completions/ against the program, so that they cannot drift apart:
# every command and every option that `eduqb [COMMAND] --help` lists, and the values of the
# options that take one of a fixed set, as the program itself names them (the {…} sets of its
# --help, the "expected …" of its usage errors, the ids `eduqb profiles` lists).
#   bash: by running the completion function and comparing what it offers;
#   zsh: in the text of the command's completion function (and `zsh -n` when zsh is installed).
# Usage: completion.test.sh EDUQB_BINARY SOURCE_DIR
set -u
eduqb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source_dir=$(cd "$2" && pwd)
export LC_ALL=C.UTF-8
failures=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}
bash_completion=$source_dir/completions/eduqb.bash
zsh_completion=$source_dir/completions/eduqb.zsh
# shellcheck source=/dev/null
source "$bash_completion"
# An empty directory: file names are no part of what is compared.
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1

# offered WORDS...: what bash offers for the last word, one per line, sorted.
offered() {
  COMP_WORDS=("$eduqb" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _eduqb 2>/dev/null
  [ ${#COMPREPLY[@]} -gt 0 ] && printf '%s\n' "${COMPREPLY[@]}" | sort
}
# same WHAT EXPECTED OFFERED: two lists of words, compared as sets.
same() {
  local expected offered
  expected=$(tr ', ' '\n' <<<"$2" | sed '/^$/d' | sort)
  offered=$(sed '/^$/d' <<<"$3" | sort)
  [ "$expected" = "$offered" ] ||
    fail "bash: $1: offers [$(paste -sd' ' <<<"$offered")], the program has [$(paste -sd' ' <<<"$expected")]"
}
# zsh_text COMMAND...: the zsh completion's function for the command, with the options shared
# by the commands that read inputs when it uses them.
zsh_text() {
  local name=_eduqb
  [ $# -gt 0 ] && name=_eduqb_$(tr ' ' '_' <<<"$*")
  sed -n "/^$name() {/,/^}/p" "$zsh_completion" >"$TMP/zsh"
  [ -s "$TMP/zsh" ] || fail "zsh: no function $name"
  if grep -q '_eduqb_input_options' "$TMP/zsh"; then
    sed -n '/^_eduqb_input_options=(/,/^)/p' "$zsh_completion" >>"$TMP/zsh"
  fi
  cat "$TMP/zsh"
}
# has_word TEXT WORD: WORD appears in TEXT, not as part of a longer option or name.
has_word() {
  grep -q -E -- "(^|[^a-z0-9_-])${2//./\\.}([^a-z0-9_-]|$)" <<<"$1"
}
# The values a usage error names: "… (expected markdown, csv or json)".
expected_values() {
  "$eduqb" "$@" 2>&1 >/dev/null | sed -n 's/.*(expected \(.*\))$/\1/p' | sed 's/ or /, /'
}

sample=$source_dir/data-samples/district.csv
profiles=$("$eduqb" profiles | cut -d' ' -f1)
[ -n "$profiles" ] || fail "eduqb profiles lists no profile"

for command in "" compute gaps validate template profiles "profiles show"; do
  # shellcheck disable=SC2086  # the command's words
  set -- $command
  help=$("$eduqb" "$@" --help) || fail "eduqb $command --help failed"
  zsh=$(zsh_text "$@")
  label=${command:-eduqb}
  options=$(sed -n 's/^  \(-[^ ]*\).*/\1/p' <<<"$help" | tr ',' '\n')
  [ -n "$options" ] || fail "no options in eduqb $command --help"
  same "$label options" "$options" "$(offered "$@" -)"
  for option in $options; do
    has_word "$zsh" "$option" || fail "zsh: $label: no $option"
  done
  commands=$(sed -n '/^Subcommands:/,/^$/s/^  \([a-z][^ ]*\).*/\1/p' <<<"$help")
  if [ -n "$commands" ]; then
    same "$label commands" "$commands" "$(offered "$@" "")"
    for name in $commands; do
      has_word "$zsh" "$name" || fail "zsh: $label: no command $name"
    done
  fi
  # Options whose values --help lists as a set: "--level TEXT:{district,school}=district".
  while read -r option values; do
    same "$label $option" "$values" "$(offered "$@" "$option" "")"
    line=$(grep -E -- "(^|[^a-z-])${option}[]=+[]" <<<"$zsh")
    for value in ${values//,/ }; do
      has_word "$line" "$value" || fail "zsh: $label $option: no value $value"
    done
  done < <(sed -n 's/^  [^ ]*\(--[a-z-]*\) [A-Z]*:{\([^}]*\)}.*/\1 \2/p' <<<"$help")
done

# Values the program checks itself, as its usage errors name them.
for command in compute gaps; do
  formats=$(expected_values "$command" "$sample" --format pdf)
  [ -n "$formats" ] || fail "eduqb $command --format pdf names no formats"
  same "$command --format" "$formats" "$(offered "$command" --format "")"
  same "$command -f" "$formats" "$(offered "$command" -f "")"
  line=$(grep -E -- '--format[]=+[]' <<<"$(zsh_text "$command")")
  for format in ${formats//,/ }; do
    has_word "$line" "$format" || fail "zsh: $command --format: no $format"
  done
done
for command in compute gaps validate; do
  encodings=$(expected_values "$command" "$sample" --encoding latin1)
  [ -n "$encodings" ] || fail "eduqb $command --encoding latin1 names no encodings"
  same "$command --encoding" "$encodings" "$(offered "$command" --encoding "")"
  columns=$("$eduqb" "$command" "$sample" --fill-down foo 2>&1 |
    sed -n 's/.*key columns: \(.*\), not .*/\1/p' | sed 's/ or /, /')
  [ -n "$columns" ] || fail "eduqb $command --fill-down foo names no columns"
  same "$command --fill-down" "$columns" "$(offered "$command" --fill-down "")"
  same "$command -p" "$profiles" "$(offered "$command" -p "")"
  same "$command --profile" "$profiles" "$(offered "$command" --profile "")"
done
zsh=$(zsh_text compute)
for value in ${encodings//,/ } ${columns//,/ }; do
  has_word "$zsh" "$value" || fail "zsh: no $value"
done
same "profiles show" "$profiles" "$(offered profiles show "")"
# zsh asks the program for the profile ids.
grep -q '_call_program profiles .* profiles' "$zsh_completion" ||
  fail "zsh: the profile ids are not asked of eduqb profiles"

if command -v zsh >/dev/null; then
  zsh -n "$zsh_completion" || fail "zsh: syntax error in $zsh_completion"
else
  echo "note: zsh is not installed: the zsh completion's syntax is not checked"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "bash and zsh completions match eduqb --help"
