# bash completion for eduqb: its commands, each command's options, and the values of the
# options that take one of a fixed set (formats, levels, profiles, encodings, languages, key
# columns). Installed as share/bash-completion/completions/eduqb. The lists follow
# `eduqb COMMAND --help`; tests/install/completion.test.sh checks them against it.

# The built-in profile ids, from the program itself.
_eduqb_profile_ids() {
    "$1" profiles 2>/dev/null | while read -r id _; do printf '%s\n' "$id"; done
}

_eduqb() {
    local program=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # --format=csv arrives as three words: --format, =, csv.
    if [[ $cur == "=" ]]; then
        cur=""
    elif [[ $prev == "=" ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi

    # The command and, for profiles, its command: the first words that are not options.
    local command="" subcommand="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            -*) ;;
            *)
                if [[ -z $command ]]; then
                    command=${COMP_WORDS[i]}
                elif [[ $command == profiles && -z $subcommand ]]; then
                    subcommand=${COMP_WORDS[i]}
                fi
                ;;
        esac
    done

    local input="-h --help --encoding --skip-rows --fill-down --sheet --max-rows --threads"
    # The options of the command, and the words that may follow it (commands, profile ids).
    local options="" values="" list=""
    case $command in
        compute)
            options="$input -p --profile -f --format -o --output -l --level --missing
                --skip-invalid --fail-on-noncompliance --lang --no-summary --measures --bom --no-bom
                --output-encoding -v --verbose -q --quiet"
            ;;
        gaps)
            options="$input -p --profile -f --format -o --output --missing --skip-invalid
                --driver-share --lang --no-summary -v --verbose -q --quiet"
            ;;
        rotate)
            options="$input -p --profile --share --categories -f --format -o --output
                --adjusted --lang --missing --skip-invalid -v --verbose -q --quiet"
            ;;
        validate) options="$input -p --profile --missing --lang -q --quiet" ;;
        template) options="-h --help --lang" ;;
        profiles)
            options="-h --help"
            if [[ -z $subcommand ]]; then
                options+=" --lang"
                values="show"
            elif [[ $subcommand == show && $cur != -* ]]; then
                values=$(_eduqb_profile_ids "$program")
            fi
            ;;
        "")
            options="-h --help --version"
            values="compute gaps rotate validate template profiles"
            ;;
    esac

    # The value of an option.
    local choices=""
    case $command:$prev in
        compute:-f | compute:--format) choices="markdown csv json html xlsx" ;;
        gaps:-f | gaps:--format) choices="markdown csv json html xlsx" ;;
        rotate:-f | rotate:--format) choices="markdown csv json xlsx" ;;
        *:--categories) list="backbone above_degree pe_art" ;;
        *:-l | *:--level) choices="district school" ;;
        *:--missing) choices="error skip" ;;
        *:--encoding) choices="auto utf-8 gbk gb18030 utf-16" ;;
        *:--output-encoding) choices="utf-8 utf8 gbk gb18030" ;;
        *:--lang) choices="zh en" ;;
        *:--fill-down) list="district year school_type stage school_id" ;;
        *:-p | *:--profile)
            # Built-in ids or .toml files, comma-separated.
            local done="" part=$cur
            if [[ $cur == *,* ]]; then
                done=${cur%,*},
                part=${cur##*,}
            fi
            local id file
            COMPREPLY=()
            for id in $(_eduqb_profile_ids "$program"); do
                [[ $id == "$part"* ]] && COMPREPLY+=("$done$id")
            done
            while IFS= read -r file; do
                COMPREPLY+=("$done$file")
            done < <(compgen -f -X '!*.toml' -- "$part"; compgen -d -- "$part")
            compopt -o filenames -o nospace 2>/dev/null
            return 0
            ;;
        *:-o | *:--output | *:--adjusted)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return 0
            ;;
        *:--sheet | *:--skip-rows | *:--max-rows | *:--threads | *:--driver-share | *:--share)
            COMPREPLY=()
            return 0
            ;;
    esac

    if [[ -n $list ]]; then
        # Comma-separated values: complete the one after the last comma.
        local done="" part=$cur value
        if [[ $cur == *,* ]]; then
            done=${cur%,*},
            part=${cur##*,}
        fi
        COMPREPLY=()
        for value in $list; do
            [[ $value == "$part"* ]] && COMPREPLY+=("$done$value")
        done
        compopt -o nospace 2>/dev/null
        return 0
    fi
    if [[ -n $choices ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$cur")
        return 0
    fi
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
        return 0
    fi
    if [[ -n $values ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
        return 0
    fi
    case $command in
        compute | gaps | rotate | validate)
            # Input files: CSV, XLSX or XLS (or any file: the format is found from the content).
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            ;;
        *) COMPREPLY=() ;;
    esac
    return 0
}
complete -F _eduqb eduqb
