#!/bin/sh
# Writes help2man's --include file for the cibatch man page: the static sections of
# STATIC_H2M, then a SUBCOMMANDS section with each subcommand's --help, in the order
# `cibatch --help` lists them, so the page cannot miss one.
# Usage: man_subcommands.sh CIBATCH STATIC_H2M OUTPUT
set -eu
cli=$1
static=$2
output=$3

# "  check-config  check a ..." lines between "commands:" and the next blank line.
commands=$("$cli" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\)  .*/\1/p')
[ -n "$commands" ] || { echo "$0: no subcommands in $cli --help" >&2; exit 1; }

{
  printf '[SUBCOMMANDS]\n'
  for command in $commands; do
    printf '.SS "cibatch %s"\n.nf\n' "$command"
    # roff: a backslash is \e, a minus sign \-, and a line may not start with . or '.
    "$cli" "$command" --help | sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
    printf '.fi\n'
  done
  printf '\n'
  cat "$static"
} >"$output.tmp"
mv "$output.tmp" "$output"
