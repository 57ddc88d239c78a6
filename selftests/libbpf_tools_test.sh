#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# BPF lockdown selftests - Debian's libbpf-tools, unsigned, inside the VM.
#
# gethostlatency and bashreadline read user strings with
# bpf_probe_read_user{,_str}(), which libbpf rewrites into the compat
# bpf_probe_read{,_str}() where its probe of bpf_probe_read_kernel() fails,
# as it does at lockdown=confidentiality. Each tool runs for a few seconds
# while the test makes the call it traces (getaddrinfo() through getent, a
# line read by an interactive bash), and must start and report it, at every
# level and in every mode. At confidentiality in enforce mode the kernel
# log also names the probe the tier refused. killsnoop, opensnoop and
# sigsnoop attach tracepoint programs the way libbpf does, with the event's
# id from tracefs, and read syscall arguments or signal_generate's integer
# fields: they run at every level too, as do statsnoop, vfsstat and
# drsnoop (syscall and VFS kprobes, no kernel memory read) and softirqs,
# whose bounded index into a map value is refused on a speculative path
# by the Spectre v1 rules of confidentiality unless the path ends in a
# speculation barrier (patches/0000i). syscount reads the comm of the
# thread group's leader through bpf_get_current_task() when it counts by
# process (-P): at confidentiality in enforce mode the tier refuses
# syscount -P, and audit mode reports it. By default that call is on the
# never-taken side of a branch on a read-only option, and syscount runs:
# the verifier ends the speculative path to it with a barrier. tcpstates reads
# sock:inet_sock_set_state's skaddr, a kernel pointer: at confidentiality
# in enforce mode its program is not attached, and the kernel log says
# why; elsewhere it reports a connection, and audit mode reports the
# attachment. Last, bpf-annotate audit of the objects of the tools that ran or
# were refused agrees with what the kernel did with them
# (scripts/libbpf-tools-agreement). LIBBPF_TOOLS_DIR (default /usr/sbin)
# holds the tools; without them
# the tests are skipped. Prints TAP.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${LIBBPF_TOOLS_DIR:-/usr/sbin}
level=$(cat /sys/kernel/security/bpf_lockdown/level)
mode=$(sed 's/.*\[\(.*\)\].*/\1/' /sys/kernel/security/bpf_lockdown/mode)
out=$(mktemp)
# what the kernel did with each tool, in libbpf-tools-survey's format
verdicts=$(mktemp)
objs=$(mktemp -d)
n=0 failed=0
trap 'rm -rf "$out" "$verdicts" "$objs"' EXIT

ok() { n=$((n + 1)); echo "ok $n $1${2:+ # SKIP $2}"; }
not_ok() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $1"
	sed 's/^/# /' "$out" | tail -n 30
}

# wait_for PID PATTERN: until the output has PATTERN (the tool is tracing),
# at most 120 s; false when the tool exits first
wait_for() {
	local i
	for ((i = 0; i < 240; i++)); do
		grep -qF -- "$2" "$out" && return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.5
	done
	return 1
}

# stop PID: end the tool as Ctrl-C does and wait for its last lines; a
# tool without a SIGINT handler ignores it in the background (vfsstat), and
# is killed after 5 s
stop() {
	local i
	kill -INT "$1" 2>/dev/null
	for ((i = 0; i < 10; i++)); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.5
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# run NAME TOOL HEADER REPORT TRIGGER...: TOOL (the tool's name, then its
# arguments, in one word) starts (prints HEADER), TRIGGER runs, and TOOL
# reports a line matching the regex REPORT
run() {
	local name=$1 cmd tool header=$3 report=$4 pid
	read -ra cmd <<<"$2"
	tool=${cmd[0]}
	shift 4
	if [ ! -x "$dir/$tool" ]; then
		ok "$name" "$dir/$tool not installed (package libbpf-tools)"
		return
	fi
	# line-buffered, so that the header shows when the tool is attached
	stdbuf -oL "$dir/$tool" "${cmd[@]:1}" >"$out" 2>&1 &
	pid=$!
	if ! wait_for "$pid" "$header"; then
		stop "$pid"
		echo "# $tool did not start" >>"$out"
		not_ok "$name"
		return
	fi
	"$@" >/dev/null 2>&1
	sleep 2
	stop "$pid"
	if grep -qE -- "$report" "$out" && ! grep -q "lockdown:" "$out"; then
		ok "$name"
		echo "$tool runs" >>"$verdicts"
	else
		echo "# no line matching: $report" >>"$out"
		not_ok "$name"
	fi
}

# refused NAME TOOL LINE [dmesg]: TOOL (with its arguments, as for run)
# stops at once, refused, and its output (or the kernel log) has LINE
refused() {
	local name=$1 cmd tool line=$3 log=${4:-} rc
	read -ra cmd <<<"$2"
	tool=${cmd[0]}
	timeout -s INT -k 5 5 "$dir/$tool" "${cmd[@]:1}" >"$out" 2>&1
	rc=$?
	if [ $rc != 124 ] && { if [ -n "$log" ]; then dmesg; else cat "$out"; fi; } |
	   grep -qF -- "$line"; then
		ok "$name"
		echo "$tool refused ${log:+bpf_lockdown: refused }$line" >>"$verdicts"
	else
		{ echo "# $tool exited $rc; want: $line"; dmesg | grep bpf_lockdown | tail -n 5; } >>"$out"
		not_ok "$name"
	fi
}

# reported NAME TOOL LINE: at confidentiality in audit mode, the kernel
# log has the regex LINE: TOOL ran, and what enforce mode refuses was
# reported, which is the kernel's verdict on TOOL; skipped elsewhere
reported() {
	local name=$1 tool=$2 line=$3 seen
	if [ "$level" != confidentiality ] || [ "$mode" != audit ]; then
		ok "$name" "only at lockdown=confidentiality with mode=audit"
	elif seen=$(dmesg | grep -m1 -- "$line"); then
		ok "$name"
		sed -i "/^$tool runs\$/d" "$verdicts"
		echo "$tool refused ${seen#*] }" >>"$verdicts"
	else
		{ echo "# want in the kernel log: $line"; dmesg | grep bpf_lockdown | tail -n 5; } >"$out"
		not_ok "$name"
	fi
}

echo "TAP version 13"
echo "1..17"
if [ "$level" = confidentiality ] && [ "$mode" != off ] &&
   [ "$(cat /proc/sys/kernel/printk_ratelimit 2>/dev/null)" != 0 ]; then
	# room in the kernel log's rate limit for the refusal asserted below
	sleep 6
fi
run gethostlatency_reports_getaddrinfo gethostlatency LATms "getent +[0-9.]+ +localhost" \
	getent ahosts localhost
probe="bpf_lockdown: refused comm=\"gethostlatency\" pid=[0-9]* prog=\"\" level=confidentiality mode=enforce what=\"call bpf_probe_read_kernel#113\" class=reads-kernel-memory"
if [ ! -x "$dir/gethostlatency" ]; then
	ok libbpf_probe_of_probe_read_kernel_refused_at_confidentiality \
		"$dir/gethostlatency not installed (package libbpf-tools)"
elif [ "$level" != confidentiality ] || [ "$mode" != enforce ]; then
	ok libbpf_probe_of_probe_read_kernel_refused_at_confidentiality \
		"only at lockdown=confidentiality with mode=enforce"
elif dmesg | grep -q "$probe"; then
	ok libbpf_probe_of_probe_read_kernel_refused_at_confidentiality
else
	dmesg | grep bpf_lockdown | tail -n 5 >"$out"
	not_ok libbpf_probe_of_probe_read_kernel_refused_at_confidentiality
fi
marker=ld_marker_$$
run bashreadline_reports_a_command bashreadline COMMAND "echo $marker" \
	script -qec "bash --norc --noprofile -i" /dev/null <<<"echo $marker
exit"
run killsnoop_reports_a_kill killsnoop TPID "kill +0 +1 +0" /bin/kill -0 1
run opensnoop_reports_an_open opensnoop PATH "cat .*/etc/hostname" cat /etc/hostname
run sigsnoop_reports_a_signal sigsnoop TPID "kill +10 +[0-9]+ +0" \
	sh -c 'sleep 5 & /bin/kill -USR1 $!'
# statsnoop of Debian 12 reports no stat of this kernel even without
# lockdown: only that it attaches is asserted
run statsnoop_starts statsnoop PATH "PID +COMM +RET +ERR +PATH" stat /etc/hostname
run vfsstat_reports_reads vfsstat "READ/s" "^[0-9:]+: +[0-9]+ +[0-9]+" cat /etc/hostname
run drsnoop_starts drsnoop "LAT(ms)" "LAT\(ms\)" true
run softirqs_reports_timer_softirqs softirqs "Hit Ctrl-C" "^(timer|sched|rcu) +[0-9]+" sleep 1
refusal="lockdown: unsigned program may not call bpf_get_current_task#35 in confidentiality mode (leaks-kernel-address); sign it with an annotation that grants it; refused (mode=enforce)"
audited="bpf_lockdown: would-refuse comm=\"syscount\" pid=[0-9]* prog=\"[a-z_]*\" level=confidentiality mode=audit what=\"call bpf_get_current_task#35\" class=leaks-kernel-address"
# by default the call is on the never-taken side of a branch on a
# read-only option: it runs at every level and in every mode
run syscount_counts_syscalls syscount "Tracing syscalls" "^SYSCALL +COUNT" true
if [ ! -x "$dir/syscount" ]; then
	for t in syscount_by_process_task_read_refused_at_confidentiality \
		 syscount_by_process_task_read_reported_in_audit_mode; do
		ok $t "$dir/syscount not installed (package libbpf-tools)"
	done
elif [ "$level" != confidentiality ] || [ "$mode" != enforce ]; then
	run syscount_by_process_task_read_refused_at_confidentiality "syscount -P" \
		"Tracing syscalls" "^ *PID +COMM +COUNT" true
	reported syscount_by_process_task_read_reported_in_audit_mode syscount "$audited"
else
	refused syscount_by_process_task_read_refused_at_confidentiality "syscount -P" "$refusal"
	ok syscount_by_process_task_read_reported_in_audit_mode \
		"only at lockdown=confidentiality with mode=audit"
fi
what="attach as tracepoint at tracepoint:sock:inet_sock_set_state: it reads a field that may hold a kernel pointer\" class=leaks-kernel-address"
line="prog=\"handle_set_stat\" level=confidentiality mode=enforce what=\"$what"
audited="bpf_lockdown: would-refuse comm=\"tcpstates\" pid=[0-9]* prog=\"handle_set_stat\" level=confidentiality mode=audit what=\"$what"
if [ ! -x "$dir/tcpstates" ]; then
	for t in tcpstates_pointer_field_refused_at_confidentiality \
		 tcpstates_reports_a_connection tcpstates_pointer_field_reported_in_audit_mode; do
		ok $t "$dir/tcpstates not installed (package libbpf-tools)"
	done
elif [ "$level" != confidentiality ] || [ "$mode" != enforce ]; then
	# a connection over the loopback of a network namespace of its own
	connect='import socket
s = socket.create_server(("127.0.0.1", 0))
c = socket.create_connection(s.getsockname())
a, _ = s.accept()
c.close()
a.close()'
	ok tcpstates_pointer_field_refused_at_confidentiality \
		"only at lockdown=confidentiality with mode=enforce"
	# shellcheck disable=SC2016
	run tcpstates_reports_a_connection tcpstates "SKADDR" \
		"python3 .* SYN_SENT +-> ESTABLISHED" \
		unshare -n sh -c 'ip link set lo up && python3 -c "$0"' "$connect"
	reported tcpstates_pointer_field_reported_in_audit_mode tcpstates "$audited"
else
	refused tcpstates_pointer_field_refused_at_confidentiality tcpstates "$line" dmesg
	ok tcpstates_reports_a_connection "refused at confidentiality in enforce mode"
	ok tcpstates_pointer_field_reported_in_audit_mode "only at lockdown=confidentiality with mode=audit"
fi
# bpf-annotate audit of the same tools' objects agrees with the kernel:
# what the kernel refused, the audit denies, and a tool the audit allows
# runs (scripts/libbpf-tools-agreement)
# shellcheck disable=SC2046
if [ "$level" = none ] || [ "$mode" = off ] || [ ! -s "$verdicts" ]; then
	ok audit_agrees_with_the_kernel "no BPF lockdown, or no tool ran"
elif "$top/scripts/libbpf-tools-objects" --dir "$dir" --out "$objs" \
	$(cut -d' ' -f1 "$verdicts") >"$out" 2>&1 &&
     "$top/scripts/libbpf-tools-agreement" --level "$level" --objects "$objs" \
	"$verdicts" >>"$out" 2>&1; then
	ok audit_agrees_with_the_kernel
	grep '^agreement:' "$out" | sed 's/^/# /'
else
	not_ok audit_agrees_with_the_kernel
fi
[ "$failed" = 0 ]
