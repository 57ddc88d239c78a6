#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# BPF lockdown selftests - Debian's bpftrace, unsigned, inside the VM.
#
# Run at lockdown=integrity with bpf_lockdown.mode=enforce: read-only tracing
# works; signal() and override() are refused with the tier's message, seen
# in bpftrace -v output and in the kernel log. Prints TAP.
set -u
n=0 failed=0
out=$(mktemp)
level=$(cat /sys/kernel/security/bpf_lockdown/level)

ok() { n=$((n + 1)); echo "ok $n $1"; }
not_ok() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $1"
	sed 's/^/# /' "$out" | tail -n 40
}
# check NAME EXPECTED_STATUS(0|nonzero) PATTERN... -- bpftrace args
check() {
	local name=$1 want=$2; shift 2
	local pats=()
	while [ "$1" != "--" ]; do pats+=("$1"); shift; done
	shift
	timeout 300 bpftrace "$@" >"$out" 2>&1
	local rc=$?
	if { [ "$want" = 0 ] && [ $rc != 0 ]; } || { [ "$want" != 0 ] && [ $rc = 0 ]; }; then
		echo "# bpftrace exited $rc" >>"$out"; not_ok "$name"; return
	fi
	for p in "${pats[@]}"; do
		if ! grep -qF -- "$p" "$out"; then
			echo "# missing: $p" >>"$out"; not_ok "$name"; return
		fi
	done
	ok "$name"
}

echo "TAP version 13"
echo "1..6"
check bpftrace_counts_syscalls_by_comm_over_tracepoints 0 "@[cat]:" -- \
	-e 'tracepoint:syscalls:sys_enter_openat { @[comm] = count(); }' -c '/bin/cat /etc/hostname'
check bpftrace_kprobe_kretprobe_latency_histogram 0 "@ns:" "|@" -- \
	-e 'kprobe:vfs_read { @s[tid] = nsecs; }
	    kretprobe:vfs_read /@s[tid]/ { @ns = hist(nsecs - @s[tid]); delete(@s[tid]); }' \
	-c '/bin/cat /etc/hostname'
check bpftrace_printf_reads_user_strings 0 "open /etc/hostname" -- \
	-e 'tracepoint:syscalls:sys_enter_openat /comm == "cat"/ {
		printf("open %s\n", str(args->filename)); }' -c '/bin/cat /etc/hostname'
msg="lockdown: unsigned program may not call bpf_send_signal#109 in $level mode (signals); sign it with an annotation that grants it; refused (mode=enforce)"
check bpftrace_signal_refused_with_message 1 "$msg" -- \
	--unsafe -v -e 'kprobe:vfs_read { signal("SIGUSR1"); }' -c '/bin/true'
if dmesg | grep -q "bpf_lockdown: refused comm=\"bpftrace\" pid=[0-9]* prog=\"[^\"]*\" level=$level mode=enforce what=\"call bpf_send_signal#109\" class=signals"; then
	ok bpftrace_signal_refusal_in_kernel_log
else
	dmesg | grep bpf_lockdown | tail -n 5 >"$out"; not_ok bpftrace_signal_refusal_in_kernel_log
fi
msg="lockdown: unsigned program may not call bpf_override_return#58 in $level mode (modifies-kernel-behaviour); sign it with an annotation that grants it; refused (mode=enforce)"
check bpftrace_override_refused_with_message 1 "$msg" -- \
	--unsafe -v -e 'kprobe:__x64_sys_getuid { override(0); }' -c '/bin/true'
rm -f "$out"
[ "$failed" = 0 ]
