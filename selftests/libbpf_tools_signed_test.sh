#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# BPF lockdown selftests - Debian's libbpf-tools, signed, inside the VM.
#
# The BPF object each installed tool embeds (scripts/libbpf-tools-objects:
# the package's objects, not rebuilt from sources), sealed with
# --kernel-reads and signed with the test key (scripts/libbpf-tools-seal)
# by make tools, in build/libbpf-tools/signed, is loaded, all its
# programs, by bpf-annotate load and by the kernel tree's libbpf as an
# application's skeleton loads it
# (selftests/libbpf-tools-signed-survey and --libbpf). Both loaders must
# agree with the tables below, object by object:
#
# - at integrity (and wherever BPF lockdown does not refuse), exactly the
#   objects of $loads load; the others fail for this kernel (attach
#   targets missing from its BTF, CO-RE relocations it cannot resolve);
# - at confidentiality in enforce mode, with the kernel-reads policy on,
#   every one of them but those of $leaks, which the verifier refuses
#   with its reason (pointer leaks and the Spectre v1 rules that
#   confidentiality keeps for programs without a ksym grant); sealed
#   with a policy that grants ksym at confidentiality (make tools seals
#   every object so, in build/libbpf-tools/ksym), those load too;
# - with the policy off (bpf_lockdown.signed_kernel_reads=off), only the
#   objects of $user load, those that read no kernel memory and keep no
#   kernel address on a path that runs; every other one is refused, by the ceiling for signed
#   programs or by the verifier's rules for programs without kernel reads.
#
# Without the package's tools in /usr/sbin the tests are skipped. Prints
# TAP.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
dir=/usr/sbin
sealed=$top/build/libbpf-tools
sec=/sys/kernel/security/bpf_lockdown
level=$(cat $sec/level 2>/dev/null || echo none)
mode=$(sed 's/.*\[\(.*\)\].*/\1/' $sec/mode 2>/dev/null || echo off)
policy=$(cat $sec/signed_kernel_reads 2>/dev/null || echo off)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0

# the objects that load signed at integrity on this kernel
loads="bashreadline biotop capable cpudist cpufreq drsnoop execsnoop exitsnoop
filelife filetop funclatency gethostlatency hardirqs javagc killsnoop klockstat
ksnoop llcstat mountsnoop offcputime oomkill opensnoop runqlat runqslower
sigsnoop slabratetop softirqs solisten statsnoop syscount tcpconnect tcpconnlat
tcplife tcprtt tcpstates tcpsynbl tcptop tcptracer vfsstat wakeuptime"
# klockstat attaches to mutex_lock, which a kernel with lockdep (the debug
# kernel) does not have: there it is mutex_lock_nested
if [ -r /proc/kallsyms ] && ! grep -q ' mutex_lock$' /proc/kallsyms; then
	loads=$(printf '%s\n' $loads | grep -vx klockstat)
fi
# refused at confidentiality without a ksym grant, with the verifier's
# reason (an extended regex, as all reasons here)
leak() {
	case $1 in
	ksnoop|oomkill|tcplife) echo "R3 leaks addr into helper function" ;;
	cpufreq|funclatency) echo "tried to add from different maps, paths or scalars" ;;
	esac
}
leaks="cpufreq funclatency ksnoop oomkill tcplife"
# the objects that read no kernel memory and keep no kernel address at
# confidentiality (vfsstat's and softirqs's fentry and tp_btf programs
# read no BTF pointer), on the paths that run with the default options:
# capable's kernel stack, drsnoop's kernel read and syscount's task are
# behind options that are off, and the verifier leaves those calls behind
# speculation barriers
user="bashreadline capable drsnoop gethostlatency javagc killsnoop llcstat
opensnoop sigsnoop softirqs statsnoop syscount vfsstat"
# without the policy, each other object is refused: by the ceiling for
# signed programs, or by the verifier's rules for programs that may not
# read the kernel at confidentiality (BTF pointers, pointer leaks and
# Spectre v1, which a kernel-read grant lifts)
ceiling="above the ceiling for signed programs\); refused \(mode=enforce\)"
ceiling+="|access is allowed only to CAP_PERFMON and CAP_SYS_ADMIN"
ceiling+="|pointer arithmetic with it prohibited for !root|leaks addr into"

ok() { n=$((n + 1)); echo "ok $n $1${2:+ # SKIP $2}"; }
not_ok() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $1"
	echo "# $2"
}
listed() {	# listed WORD LIST: LIST (blank- or line-separated) has WORD
	local list=" ${2//$'\n'/ } "
	[[ "$list" == *" $1 "* ]]
}

# check LOADER SURVEY-OUTPUT SUFFIX: each object's verdict against the tables
check() {
	local how=$1 survey=$2 sfx=$3 tool result reason want
	# (no process substitution: the VM has no /dev/fd)
	grep -E '^[a-z0-9_]+ +(loads|fails)' "$survey" >"$tmp/rows"
	while read -r tool result reason; do
		echo "$tool" >>"$tmp/seen"
		want=
		if [ "$level" = confidentiality ] && [ "$mode" = enforce ]; then
			if [ "$policy" != on ] && ! listed "$tool" "$user"; then
				want=$ceiling
			elif [ -z "$sfx" ] && listed "$tool" "$leaks"; then
				want=$(leak "$tool")
			fi
		fi
		if ! listed "$tool" "$loads"; then
			# fails for this kernel: asserted once, in the last test
			[ "$result" = fails ] || echo "$tool" >>"$tmp/unexpected"
			continue
		fi
		if [ -z "$want" ]; then
			if [ "$result" = loads ]; then
				ok "${tool}_loads_signed${sfx}_$how"
			else
				not_ok "${tool}_loads_signed${sfx}_$how" "$result: $reason"
			fi
		elif [ "$result" = fails ] && grep -qE -- "$want" <<<"$reason"; then
			ok "${tool}_refused_signed${sfx}_$how"
		else
			not_ok "${tool}_refused_signed${sfx}_$how" "$result: $reason (want: $want)"
		fi
	done <"$tmp/rows"
}

# survey DIR SUFFIX: load the objects of DIR with each of $loaders, and
# check each verdict
survey() {
	local how flag
	for how in $loaders; do
		flag=
		[ "$how" = bpf-annotate ] || flag=--libbpf
		"$top/selftests/libbpf-tools-signed-survey" $flag "$1"/*.o >"$tmp/survey" 2>&1
		check "$how" "$tmp/survey" "$2"
		sed 's/^/# /' "$tmp/survey"
	done
}

echo "TAP version 13"
if [ ! -x "$dir/execsnoop" ]; then
	echo "1..1"
	ok libbpf_tools_signed "$dir/execsnoop not installed (package libbpf-tools)"
	exit 0
fi
if [ ! -e "$sealed/.sealed" ] || [ ! -s "$sealed/signed/execsnoop.o" ]; then
	not_ok libbpf_tools_sealed_and_signed "$sealed/signed/execsnoop.o missing: run make tools"
	echo "1..$n"
	exit 1
fi
: >"$tmp/unexpected"
: >"$tmp/seen"
# both loaders where the policy lets signed programs read the kernel, the
# claim of this suite; elsewhere bpf-annotate's alone (a boot's time)
loaders=bpf-annotate
if [ "$level" = confidentiality ] && [ "$mode" = enforce ] && [ "$policy" = on ]; then
	loaders="bpf-annotate libbpf"
fi
survey "$sealed/signed" ""
# the objects refused for pointer leaks, sealed with a grant of ksym at
# confidentiality: the policy chooses to let them keep kernel addresses
if [ "$level" = confidentiality ] && [ "$mode" = enforce ] && [ "$policy" = on ]; then
	# the objects of $leaks only
	mkdir "$tmp/ksym"
	lacks=
	for t in $leaks; do
		cp "$sealed/ksym/$t.o" "$tmp/ksym/" 2>/dev/null || lacks+=" $t"
	done
	if [ -z "$lacks" ]; then
		survey "$tmp/ksym" _with_ksym_grant
	else
		# no object to load would leave no test to fail
		not_ok libbpf_tools_sealed_with_a_ksym_grant "$sealed/ksym lacks:$lacks"
	fi
fi
missing=$(for t in $loads; do grep -qx "$t" "$tmp/seen" || echo "$t"; done)
if [ -s "$tmp/unexpected" ] || [ -n "$missing" ]; then
	not_ok only_the_listed_objects_load "also loads: $(sort -u "$tmp/unexpected" | tr '\n' ' ')${missing:+; no object: ${missing//$'\n'/ }}"
else
	ok only_the_listed_objects_load
fi
echo "1..$n"
[ "$failed" = 0 ]
