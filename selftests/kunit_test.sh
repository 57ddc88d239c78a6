#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# BPF lockdown selftests - the bpf_lockdown KUnit suite, which the kernel ran
# at boot (CONFIG_BPF_LOCKDOWN_KUNIT_TEST), from the kernel log, as TAP.
set -u
log=$(dmesg 2>/dev/null | sed 's/^\[[ 0-9.]*\] //')
first='/# Subtest: bpf_lockdown$/'
last='/^ *\(not \)\{0,1\}ok [0-9]* bpf_lockdown$/'
suite=$(printf '%s\n' "$log" | sed -n "$first,${last}p")
echo "TAP version 13"
if [ -z "$suite" ]; then
	echo "1..1"
	echo "not ok 1 kunit_bpf_lockdown_suite_ran"
	exit 1
fi
n=0 rc=0
while read -r line; do
	case "$line" in
	"ok "*|"not ok "*)
		case "$line" in *" bpf_lockdown") continue;; esac
		n=$((n + 1))
		name=${line#*ok [0-9]* }
		if [ "${line#not }" != "$line" ]; then
			echo "not ok $n kunit_$name"
			rc=1
		else
			echo "ok $n kunit_$name"
		fi;;
	"# "*) echo "$line";;
	esac
done <<< "$(printf '%s\n' "$suite" | sed 's/^ *//')"
echo "1..$n"
[ "$n" -gt 0 ] || rc=1
exit $rc
