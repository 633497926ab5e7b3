#compdef eduqb
# zsh completion for eduqb: its commands, each command's options, and the values of the options
# that take one of a fixed set (formats, levels, profiles, encodings, languages, key columns).
# Installed as share/zsh/vendor-completions/_eduqb. The lists follow `eduqb COMMAND --help`;
# tests/install/completion.test.sh checks them against it.

# The built-in profile ids, from the program itself (as typed: eduqb_program, set by _eduqb).
_eduqb_profile_ids() {
  ids=(${${(f)"$(_call_program profiles ${(q)eduqb_program} profiles 2>/dev/null)"}%% *})
}

# A built-in profile id or a .toml file.
_eduqb_profile() {
  local -a ids
  _eduqb_profile_ids
  _alternative 'ids:built-in profile:compadd -a ids' 'files:profile file:_files -g "*.toml"'
}

# Options every command that reads inputs takes.
_eduqb_input_options=(
  '(- *)'{-h,--help}'[print the help and exit]'
  '--encoding=[input encoding]:encoding:(auto utf-8 gbk gb18030 utf-16)'
  '--skip-rows=[rows above the header to skip]:rows: '
  '--fill-down=[key columns whose empty cells take the value above]:key column:_sequence compadd - district year school_type stage school_id'
  '--sheet=[workbook sheet, by name or number]:sheet: '
  '--max-rows=[stop with an error after this many rows]:rows: '
  '--threads=[threads that read and parse ahead]:threads: '
  '*:input file:_files'
)

_eduqb_compute() {
  _arguments -s -S $_eduqb_input_options \
    '(-p --profile)'{-p+,--profile=}'[standards profiles, comma-separated]:profile:_sequence _eduqb_profile' \
    '(-f --format)'{-f+,--format=}'[report format]:format:(markdown csv json html xlsx)' \
    '(-o --output)'{-o+,--output=}'[write the report to a file]:report file:_files' \
    '(-l --level)'{-l+,--level=}'[report level]:level:(district school)' \
    '--missing=[empty cells an indicator needs]:policy:(error skip)' \
    '--skip-invalid[leave rows with errors out]' \
    '--fail-on-noncompliance[exit 5 when a group fails its standards]' \
    '--lang=[language of the report texts]:language:(zh en)' \
    '--no-summary[leave out the paragraph that opens the report]' \
    '--measures[compute the measures beside each CV]' \
    '(--no-bom)--bom[start a csv report with a byte order mark]' \
    '(--bom)--no-bom[never write a byte order mark]' \
    '--output-encoding=[encoding of csv reports]:encoding:(utf-8 utf8 gbk gb18030)' \
    '(-v --verbose)'{-v,--verbose}'[say what was read and evaluated]' \
    '(-q --quiet)'{-q,--quiet}'[no warnings or progress bar]'
}

_eduqb_gaps() {
  _arguments -s -S $_eduqb_input_options \
    '(-p --profile)'{-p+,--profile=}'[standards profile]:profile:_eduqb_profile' \
    '(-f --format)'{-f+,--format=}'[report format]:format:(markdown csv json html xlsx)' \
    '(-o --output)'{-o+,--output=}'[write the report to a file]:report file:_files' \
    '--missing=[empty cells an indicator needs]:policy:(error skip)' \
    '--skip-invalid[leave rows with errors out]' \
    '--driver-share=[share of the weighted variance the listed schools reach]:fraction: ' \
    '--lang=[language of the analysis]:language:(zh en)' \
    '--no-summary[leave out the paragraph that opens the analysis]' \
    '(-v --verbose)'{-v,--verbose}'[say what was read and evaluated]' \
    '(-q --quiet)'{-q,--quiet}'[no warnings]'
}

_eduqb_rotate() {
  _arguments -s -S $_eduqb_input_options \
    '(-p --profile)'{-p+,--profile=}'[standards profile]:profile:_eduqb_profile' \
    '--share=[most teachers that may move, as a share of the full-time teachers]:fraction: ' \
    '--categories=[teacher categories that may move]:category:_sequence compadd - backbone above_degree pe_art' \
    '(-f --format)'{-f+,--format=}'[plan format]:format:(markdown csv json xlsx)' \
    '(-o --output)'{-o+,--output=}'[write the plan to a file]:plan file:_files' \
    '--adjusted=[write the input with the moved counts]:adjusted file:_files' \
    '--lang=[labels of markdown and xlsx plans]:language:(zh en)' \
    '--missing=[empty cells an indicator needs]:policy:(error skip)' \
    '--skip-invalid[leave rows with errors out]' \
    '(-v --verbose)'{-v,--verbose}'[say what was read and planned]' \
    '(-q --quiet)'{-q,--quiet}'[no warnings]'
}

_eduqb_validate() {
  _arguments -s -S $_eduqb_input_options \
    '(-p --profile)'{-p+,--profile=}'[profiles whose columns must be present]:profile:_sequence _eduqb_profile' \
    '--missing=[empty cells an indicator needs]:policy:(error skip)' \
    '--lang=[language of the summary line]:language:(zh en)' \
    '(-q --quiet)'{-q,--quiet}'[list errors only]'
}

_eduqb_template() {
  _arguments -s -S \
    '(- *)'{-h,--help}'[print the help and exit]' \
    '--lang=[language of the headers]:language:(zh en)'
}

_eduqb_profiles() {
  local curcontext=$curcontext state line
  _arguments -C -s -S \
    '(- *)'{-h,--help}'[print the help and exit]' \
    '--lang=[language of the titles]:language:(zh en)' \
    '1:command:((show\:"print a built-in profile as a TOML file"))' \
    '*::argument:->show'
  [[ $state == show ]] && _eduqb_profiles_show
}

_eduqb_profiles_show() {
  local -a ids
  _eduqb_profile_ids
  _arguments -s -S \
    '(- *)'{-h,--help}'[print the help and exit]' \
    '1:built-in profile:compadd -a ids'
}

_eduqb() {
  local curcontext=$curcontext state line ret=1 eduqb_program=$words[1]
  _arguments -C \
    '(- *)'{-h,--help}'[print the help and exit]' \
    '(- *)--version[print the version and exit]' \
    '1:command:((compute\:"evaluate school statistics against a standards profile" gaps\:"list what each school lacks and a plan per school" rotate\:"plan a teacher exchange that brings the teacher coefficients within their limits" validate\:"check input files without computing" template\:"print an input CSV template" profiles\:"list the built-in standards profiles"))' \
    '*::argument:->command' && ret=0
  if [[ $state == command ]]; then
    curcontext=${curcontext%:*:*}:eduqb-$words[1]:
    case $words[1] in
      compute) _eduqb_compute && ret=0 ;;
      gaps) _eduqb_gaps && ret=0 ;;
      rotate) _eduqb_rotate && ret=0 ;;
      validate) _eduqb_validate && ret=0 ;;
      template) _eduqb_template && ret=0 ;;
      profiles) _eduqb_profiles && ret=0 ;;
    esac
  fi
  return ret
}

_eduqb "$@"
