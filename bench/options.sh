# shellcheck shell=bash
# The command-line options of the benchmark scripts (bench/scale.sh, batch.sh, tables.sh), sourced
# by each: the repository, the default nashr, and one parser for "--name VALUE" and "--name=VALUE".
#
# Before sourcing, a script sets bench_name (for its messages) and defines usage (its --help).
# parse_bench_options SPEC... -- "$@" sets a variable per option; a SPEC is "--name:variable" for an
# option with a value, or "--name:variable=text" for a flag that sets variable to text. -h and
# --help print usage and exit 0; an unknown argument or a missing value exits 2 with a hint.

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck disable=SC2034  # the scripts that source this file use it
nashr="$repo/build/release/nashr"

die_usage() {
  echo "${bench_name:?}: $1" >&2
  echo "  hint: bench/$bench_name.sh --help" >&2
  exit 2
}

parse_bench_options() {
  local -A value_of=() flag_of=()
  local name target
  while (($#)) && [[ "$1" != -- ]]; do
    name="${1%%:*}" target="${1#*:}"
    shift
    if [[ "$target" == *=* ]]; then flag_of[$name]="$target"; else value_of[$name]="$target"; fi
  done
  shift  # the --
  while (($#)); do
    case "$1" in
      -h | --help) usage; exit 0 ;;
    esac
    name="${1%%=*}"
    if [[ -n "${flag_of[$1]:-}" ]]; then
      printf -v "${flag_of[$1]%%=*}" '%s' "${flag_of[$1]#*=}"
      shift
    elif [[ -n "${value_of[$name]:-}" && "$1" == *=* ]]; then
      printf -v "${value_of[$name]}" '%s' "${1#*=}"
      shift
    elif [[ -n "${value_of[$1]:-}" ]]; then
      (($# >= 2)) || die_usage "$1 needs a value"
      printf -v "${value_of[$1]}" '%s' "$2"
      shift 2
    else
      die_usage "unknown argument '$1'"
    fi
  done
}
