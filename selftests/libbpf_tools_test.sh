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
# fields: they run at every level too. tcpstates reads
# sock:inet_sock_set_state's skaddr, a kernel pointer: at confidentiality
# in enforce mode its program is not attached, and the kernel log says
# why. LIBBPF_TOOLS_DIR (default /usr/sbin) holds the tools; without them
# the tests are skipped. Prints TAP.
set -u
dir=${LIBBPF_TOOLS_DIR:-/usr/sbin}
level=$(cat /sys/kernel/security/bpf_lockdown/level)
mode=$(sed 's/.*\[\(.*\)\].*/\1/' /sys/kernel/security/bpf_lockdown/mode)
out=$(mktemp)
n=0 failed=0
trap 'rm -f "$out"' EXIT

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

# stop PID: end the tool as Ctrl-C does and wait for its last lines
stop() {
	kill -INT "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# run NAME TOOL HEADER REPORT TRIGGER...: TOOL starts (prints HEADER),
# TRIGGER runs, and TOOL reports a line matching the regex REPORT
run() {
	local name=$1 tool=$2 header=$3 report=$4 pid
	shift 4
	if [ ! -x "$dir/$tool" ]; then
		ok "$name" "$dir/$tool not installed (package libbpf-tools)"
		return
	fi
	# line-buffered, so that the header shows when the tool is attached
	stdbuf -oL "$dir/$tool" >"$out" 2>&1 &
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
	else
		echo "# no line matching: $report" >>"$out"
		not_ok "$name"
	fi
}

echo "TAP version 13"
echo "1..7"
if [ "$level" = confidentiality ] && [ "$mode" = enforce ]; then
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
line="prog=\"handle_set_stat\" level=confidentiality mode=enforce what=\"attach as tracepoint at tracepoint:sock:inet_sock_set_state: it reads a field that may hold a kernel pointer\" class=leaks-kernel-address"
if [ ! -x "$dir/tcpstates" ]; then
	ok tcpstates_pointer_field_refused_at_confidentiality \
		"$dir/tcpstates not installed (package libbpf-tools)"
elif [ "$level" != confidentiality ] || [ "$mode" != enforce ]; then
	ok tcpstates_pointer_field_refused_at_confidentiality \
		"only at lockdown=confidentiality with mode=enforce"
else
	timeout -s INT -k 5 5 "$dir/tcpstates" >"$out" 2>&1
	rc=$?
	if [ $rc != 124 ] && dmesg | grep -qF -- "$line"; then
		ok tcpstates_pointer_field_refused_at_confidentiality
	else
		{ echo "# tcpstates exited $rc; want: $line"; dmesg | grep bpf_lockdown | tail -n 5; } >>"$out"
		not_ok tcpstates_pointer_field_refused_at_confidentiality
	fi
fi
[ "$failed" = 0 ]
