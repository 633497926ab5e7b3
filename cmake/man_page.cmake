# Writes eduqb's manual page (section 1) from the built program's help texts: the top-level
# --help and each command's (and its commands', as `profiles show`), so that the manual lists
# exactly the commands and options the program accepts. DESCRIPTION is the first paragraph of
# README.md, EXIT STATUS the table of docs/exit-codes.md.
# Usage: cmake -DEDUQB=BINARY -DSOURCE_DIR=DIR -DOUTPUT=eduqb.1 [-DGZIP=gzip] -P man_page.cmake
#   With GZIP, OUTPUT.gz is written as well (gzip -9n: no name or time inside, reproducible).
cmake_minimum_required(VERSION 3.18)

# Moves the first line of the string in TEXT_VAR to LINE_VAR (lines are taken one by one, never
# as a CMake list, which a ';' or '[' in the text would cut wrongly).
macro(pop_line text_var line_var)
  string(FIND "${${text_var}}" "\n" _end)
  if(_end EQUAL -1)
    set(${line_var} "${${text_var}}")
    set(${text_var} "")
  else()
    string(SUBSTRING "${${text_var}}" 0 ${_end} ${line_var})
    math(EXPR _end "${_end} + 1")
    string(SUBSTRING "${${text_var}}" ${_end} -1 ${text_var})
  endif()
endmacro()

# Plain text as roff: backslashes, hyphens as minus signs (so that options copied from the page
# work), and a control character at the start of a line.
function(roff_text text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Markdown (the table cells of docs/exit-codes.md) as roff: `code` and **strong** in bold, a
# link as its text.
function(roff_markdown text out)
  roff_text("${text}" text)
  string(REGEX REPLACE "`([^`]*)`" "\\\\fB\\1\\\\fR" text "${text}")
  string(REGEX REPLACE "\\*\\*([^*]*)\\*\\*" "\\\\fB\\1\\\\fR" text "${text}")
  string(REGEX REPLACE "\\[([^]]*)\\]\\([^)]*\\)" "\\1" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# A usage line ("eduqb compute [OPTIONS] files...") as a synopsis line: the command words in
# bold, the rest in italics.
function(roff_usage usage out)
  string(REGEX MATCH "^[a-z ]+[a-z]" words "${usage}")
  string(LENGTH "${words}" length)
  string(SUBSTRING "${usage}" ${length} -1 rest)
  roff_text("${words}" words)
  string(STRIP "${rest}" rest)
  roff_text("${rest}" rest)
  string(REGEX REPLACE "\\[([^] ]+)\\]" "[\\\\fI\\1\\\\fR]" rest "${rest}")
  string(REGEX REPLACE "(^| )([A-Za-z]+)" "\\1\\\\fI\\2\\\\fR" rest "${rest}")
  set(${out} ".B ${words}\n${rest}\n" PARENT_SCOPE)
endfunction()

# One entry of a help text as a roff paragraph. The spec is what CLI11 prints before the
# description: "-p,--profile TEXT=national-2017", "--level TEXT:{district,school}=district",
# "--bom Excludes: --no-bom", "files TEXT ... REQUIRED".
function(roff_entry section spec description out)
  string(REGEX MATCH "^[^ ]+" names "${spec}")
  string(LENGTH "${names}" length)
  string(SUBSTRING "${spec}" ${length} -1 rest)
  string(STRIP "${rest}" rest)
  roff_text("${description}" text)
  set(more "")
  if(rest MATCHES "^(.*)Excludes: (.*)$")
    string(STRIP "${CMAKE_MATCH_1}" rest)
    roff_text("${CMAKE_MATCH_2}" excluded)
    string(REGEX REPLACE "([^ ]+)" "\\\\fB\\1\\\\fR" excluded "${excluded}")
    string(APPEND more " Not with ${excluded}.")
  endif()
  string(REGEX REPLACE " REQUIRED$" "" rest "${rest}")
  set(many "")
  if(rest MATCHES " \\.\\.\\.$")
    set(many "...")
    string(REGEX REPLACE " \\.\\.\\.$" "" rest "${rest}")
  endif()
  if(rest MATCHES "^([^=]*)=([^ ]+)$")
    set(rest "${CMAKE_MATCH_1}")
    roff_text("${CMAKE_MATCH_2}" default)
    string(APPEND more " Default: \\fB${default}\\fR.")
  endif()
  if(rest MATCHES ":{(.*)}$")
    roff_text("${CMAKE_MATCH_1}" values)
    string(REPLACE "," "\\fR|\\fI" values "${values}")
    set(argument "\\fI${values}\\fR")
  elseif(rest MATCHES ":FILE$")
    set(argument "\\fIFILE\\fR")
  elseif(rest MATCHES "^([A-Z]+)")
    set(argument "\\fI${CMAKE_MATCH_1}\\fR")
  else()
    set(argument "")
  endif()
  roff_text("${names}" names)
  if(section STREQUAL "Positionals")
    set(tag "\\fI${names}\\fR${many}")
  else()
    string(REPLACE "," "\\fR, \\fB" names "${names}")
    set(tag "\\fB${names}\\fR")
    if(argument)
      string(APPEND tag " ${argument}${many}")
    endif()
  endif()
  if(NOT more STREQUAL "" AND NOT text MATCHES "[.]$")
    string(APPEND text ".")
  endif()
  set(${out} ".TP\n${tag}\n${text}${more}\n" PARENT_SCOPE)
endfunction()

# Runs `eduqb WORDS... --help` and parses what it prints. Sets in the caller, for PREFIX:
#   PREFIX_DESCRIPTION  its first line
#   PREFIX_USAGE        the usage line after "Usage: ", the program named eduqb
#   PREFIX_ENTRIES      a roff paragraph per positional and option (but -h,--help)
#   PREFIX_OPTIONS      the same for -h,--help too (the top level's own options)
#   PREFIX_COMMANDS     its commands, a list
function(eduqb_help words prefix)
  execute_process(COMMAND ${EDUQB} ${words} --help OUTPUT_VARIABLE text RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${EDUQB} ${words} --help failed (${result})")
  endif()
  # Descriptions start in a fixed column, or on the next line when the spec reaches it.
  if(NOT text MATCHES "\n(  -h,--help +)[A-Z]")
    message(FATAL_ERROR "${EDUQB} ${words} --help: no -h,--help line to find the columns by")
  endif()
  string(LENGTH "${CMAKE_MATCH_1}" column)
  string(REPEAT " " ${column} indent)
  set(description "")
  set(usage "")
  set(section "")
  set(entries "")
  set(options "")
  set(commands "")
  set(spec "")  # an entry whose description is still to come
  set(first TRUE)
  while(NOT text STREQUAL "")
    pop_line(text line)
    string(LENGTH "${line}" length)
    set(entry_description "")
    if(first)
      set(description "${line}")
      set(first FALSE)
      continue()
    elseif(line MATCHES "^Usage: [^ ]+(.*)$")
      set(usage "eduqb${CMAKE_MATCH_1}")
      continue()
    elseif(line MATCHES "^([A-Za-z]+):$")
      set(section "${CMAKE_MATCH_1}")
      continue()
    elseif(NOT spec STREQUAL "" AND line MATCHES "^ +([^ ].*)$")
      set(entry_description "${CMAKE_MATCH_1}")
    elseif(line MATCHES "^  [^ ]")
      if(NOT spec STREQUAL "")
        message(FATAL_ERROR "${EDUQB} ${words} --help: no description for '${spec}'")
      endif()
      if(length GREATER column AND NOT text MATCHES "^${indent}[^ ]")
        string(SUBSTRING "${line}" 0 ${column} spec)
        string(SUBSTRING "${line}" ${column} -1 entry_description)
        string(STRIP "${spec}" spec)
      else()
        string(STRIP "${line}" spec)
        continue()
      endif()
    else()
      continue()
    endif()
    if(section STREQUAL "Subcommands")
      string(REGEX MATCH "^[^ ]+" command "${spec}")
      list(APPEND commands "${command}")
    else()
      roff_entry("${section}" "${spec}" "${entry_description}" paragraph)
      string(APPEND options "${paragraph}")
      if(NOT spec STREQUAL "-h,--help")
        string(APPEND entries "${paragraph}")
      endif()
    endif()
    set(spec "")
  endwhile()
  foreach(name DESCRIPTION USAGE ENTRIES OPTIONS COMMANDS)
    string(TOLOWER ${name} variable)
    set(${prefix}_${name} "${${variable}}" PARENT_SCOPE)
  endforeach()
endfunction()

# The SYNOPSIS lines and COMMANDS subsections of a command and of its commands, in order.
function(eduqb_describe words synopsis_var commands_var)
  string(REPLACE ";" "_" prefix "help_${words}")
  eduqb_help("${words}" ${prefix})
  roff_usage("${${prefix}_USAGE}" usage)
  string(REPLACE ";" " " title "eduqb ${words}")
  roff_text("${title}" title)
  roff_text("${${prefix}_DESCRIPTION}" description)
  set(synopsis "${${synopsis_var}}.br\n${usage}")
  set(commands "${${commands_var}}.SS \"${title}\"\n${description}\n${${prefix}_ENTRIES}")
  foreach(command IN LISTS ${prefix}_COMMANDS)
    eduqb_describe("${words};${command}" synopsis commands)
  endforeach()
  set(${synopsis_var} "${synopsis}" PARENT_SCOPE)
  set(${commands_var} "${commands}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND ${EDUQB} --version OUTPUT_VARIABLE version
                OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${EDUQB} --version failed (${result})")
endif()
eduqb_help("" top)
string(REGEX REPLACE "^eduqb: *" "" name "${top_DESCRIPTION}")
roff_text("${name}" name)
roff_usage("${top_USAGE}" synopsis)
set(commands "")
foreach(command IN LISTS top_COMMANDS)
  eduqb_describe("${command}" synopsis commands)
endforeach()

# DESCRIPTION: the first paragraph of README.md, after its title.
file(READ ${SOURCE_DIR}/README.md readme)
if(NOT readme MATCHES "^# [^\n]*\n+(.+)")
  message(FATAL_ERROR "README.md does not start with a title")
endif()
string(REGEX REPLACE "\n\n.*" "" readme "${CMAKE_MATCH_1}")
roff_markdown("${readme}" description)

# EXIT STATUS: the rows of the table in docs/exit-codes.md ("| 3 | input | meaning |").
file(READ ${SOURCE_DIR}/docs/exit-codes.md rows)
set(exit_status "")
while(NOT rows STREQUAL "")
  pop_line(rows row)
  if(row MATCHES "^\\| *([0-9]+) *\\| *([a-z]+) *\\| *(.*[^ ]) *\\|$")
    roff_markdown("${CMAKE_MATCH_3}" meaning)
    string(APPEND exit_status ".TP\n.B ${CMAKE_MATCH_1}\n(${CMAKE_MATCH_2}) ${meaning}\n")
  endif()
endwhile()
if(exit_status STREQUAL "")
  message(FATAL_ERROR "no exit codes found in docs/exit-codes.md")
endif()

file(GLOB docs RELATIVE ${SOURCE_DIR}/docs ${SOURCE_DIR}/docs/*.md)
list(SORT docs)
list(TRANSFORM docs PREPEND "\\fB")
list(TRANSFORM docs APPEND "\\fR")
list(JOIN docs ",\n" docs)
roff_text("${docs}" docs)
string(REPLACE "\\e" "\\" docs "${docs}")  # the font escapes just added

# SOURCE_DATE_EPOCH, when set, is the date: the page is reproducible.
string(TIMESTAMP date "%Y-%m-%d" UTC)
set(page ".\\\" Generated from eduqb --help by cmake/man_page.cmake; do not edit.
.TH EDUQB 1 ${date} \"eduqb ${version}\" \"User Commands\"
.SH NAME
eduqb \\- ${name}
.SH SYNOPSIS
${synopsis}.SH DESCRIPTION
${description}
.PP
Each command takes the options listed with it below;
.B eduqb
.I command
.B \\-\\-help
prints them.
.SH OPTIONS
${top_OPTIONS}.PP
Every command accepts
.BR \\-h ,
.B \\-\\-help
as well.
.SH COMMANDS
${commands}.SH \"EXIT STATUS\"
${exit_status}.SH ENVIRONMENT
.TP
.BR LC_ALL \", \" LC_MESSAGES \", \" LANG
The first of them that is set chooses the default of
.BR \\-\\-lang :
zh when it starts with zh, else en.
.TP
.B SOURCE_DATE_EPOCH
Seconds since 1970\\-01\\-01 UTC: when set, the date written into HTML and XLSX reports, for
reports that are the same from run to run.
.SH FILES
eduqb reads no configuration file, only the files named on its command line.
The built\\-in profiles are compiled in;
.B eduqb profiles show
.I id
prints one as TOML, a starting point for a profile file of one's own.
.SH \"SEE ALSO\"
README.md and the documents of docs/, installed in eduqb's documentation directory
(/usr/share/doc/eduqb/ by the Debian package):
${docs}.
")
file(WRITE ${OUTPUT} "${page}")
if(GZIP)
  execute_process(COMMAND ${GZIP} -9n -c ${OUTPUT} OUTPUT_FILE ${OUTPUT}.gz RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "gzip ${OUTPUT} failed (${result})")
  endif()
endif()
