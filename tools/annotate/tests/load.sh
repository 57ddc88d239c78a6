#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bpf-annotate load tests, for a kernel with BPF lockdown; prints TAP.
# Run as root in the test VM at lockdown=integrity, mode=enforce:
#   selftests/vm-run --lockdown integrity --mode enforce -- tools/annotate/tests/load.sh
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
ba=${BPF_ANNOTATE:-$top/build/bin/bpf-annotate}
lt=$top/build/tests/annotate_lib_test
st=$top/build/selftests
keys=$top/build/keys
# shellcheck source=../../../selftests/tap.sh
. "$top/selftests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$tap_out"' EXIT
sign() {	# sign NAME [KEY CERT]: seal and sign selftests/progs/NAME
	"$ba" seal "$st/$1.bpf.o" -o "$tmp/$1.o" >/dev/null &&
	"$ba" sign "$tmp/$1.o" -k "${2:-$keys/signing_key.pem}" -c "${3:-$keys/cert.pem}" >/dev/null
}

kconfig_seen() {	# kconfig_seen PINNED-PROG: what the program read, against the kernel
	local id
	python3 -c 'import os; os.getpid()'
	for id in $(bpftool -j prog show pinned "$1" |
		python3 -c 'import json,sys; print(*json.load(sys.stdin)["map_ids"])'); do
		bpftool -j map show id "$id" | grep -q '"name":"kconfig_.bss"' || continue
		bpftool -j map dump id "$id" | python3 -c '
import json, os, re, sys
seen = json.load(sys.stdin)[0]["formatted"]["value"][".bss"][0]["seen"]
cfg = dict(l.split("=", 1) for l in open(sys.argv[1]).read().splitlines() if "=" in l)
a, b, c = (int(x) for x in re.match(r"(\d+)\.(\d+)\.(\d+)", os.uname().release).groups())
want = {"version": (a << 16) + (b << 8) + min(c, 255), "hz": int(cfg["CONFIG_HZ"]),
        "lockdown": 1, "absent": 0, "not_virtual": 0, "cookie": 1, "syscall": 1}
got = {k: seen[k] for k in want}
host = seen["hostname"]	# bpftool prints a char array as a string
if not isinstance(host, str):
    host = "".join(chr(x & 0xff) for x in host).split("\0")[0]
ok = seen["runs"] > 0 and got == want and host == cfg["CONFIG_DEFAULT_HOSTNAME"].strip("\"")[:7]
print("kconfig values match" if ok else "mismatch: %s %r want %s" % (seen, host, want))' \
			/sys/kernel/security/bpf_lockdown/kconfig
		return
	done
	echo "no .bss map"
}

echo "TAP version 13"
for o in tp_counter execsnoop kfunc ksym_percpu xdp_pass xdp_devmap perf_sample iter_task kconfig_user; do
	sign $o
done
cp "$tmp/execsnoop.o" "$tmp/unsigned.o"
"$ba" seal "$st/execsnoop.bpf.o" -o "$tmp/unsigned.o" >/dev/null
"$ba" seal "$st/tp_counter.bpf.o" -o "$tmp/untrusted.o" >/dev/null

level=$(cat /sys/kernel/security/bpf_lockdown/level 2>/dev/null)
if [ "$level" = confidentiality ]; then
	# the inferred annotation does not let kernel reads load at confidentiality
	t load_annotation_without_confidentiality_is_refused 1 "lockdown: program may not load in confidentiality mode (not granted by the program's annotation); refused" -- \
		"$ba" load "$tmp/execsnoop.o"
	t load_signed_counter_at_confidentiality 0 "count_getpid: id" -- "$ba" load "$tmp/tp_counter.o"
	t load_signed_kconfig_at_confidentiality 0 "uses_kconfig: id" -- "$ba" load "$tmp/kconfig_user.o"
	# sealed for the kernel-reads policy: loads where the policy is on (and
	# BPF lockdown is not off), and is refused by the ceiling where it is off
	for o in execsnoop ksym_percpu; do
		"$ba" seal --kernel-reads "$st/$o.bpf.o" -o "$tmp/$o.kr.o" >/dev/null &&
		"$ba" sign "$tmp/$o.kr.o" -k "$keys/signing_key.pem" -c "$keys/cert.pem" >/dev/null
	done
	policy=$(cat /sys/kernel/security/bpf_lockdown/signed_kernel_reads 2>/dev/null)
	mode=$(sed 's/.*\[\(.*\)\].*/\1/' /sys/kernel/security/bpf_lockdown/mode)
	if [ "$policy" = on ] && [ "$mode" != off ]; then
		t load_kernel_reads_core_read_at_confidentiality 0 "snoop_exec: id" -- \
			"$ba" load "$tmp/execsnoop.kr.o"
		t load_kernel_reads_btf_read_at_confidentiality 0 "this_rq_cpu: id" -- \
			"$ba" load "$tmp/ksym_percpu.kr.o"
	elif [ "$mode" = enforce ]; then
		t load_kernel_reads_without_the_policy_is_refused 1 "(leaks-kernel-address: above the ceiling for signed programs); refused (mode=enforce)" -- \
			"$ba" load "$tmp/execsnoop.kr.o"
	fi
	tap_done
	exit
fi
t load_signed_tracepoint 0 "count_getpid: id" -- "$ba" load "$tmp/tp_counter.o"
t load_signed_verdict 0 "lockdown: signed (builtin keyring)" -- "$ba" load "$tmp/tp_counter.o"
t load_signed_core_ringbuf_rodata 0 "snoop_exec: id" -- "$ba" load "$tmp/execsnoop.o"
t load_signed_kfuncs_and_ksym 0 "nanosleep_ksym: id" -- "$ba" load "$tmp/kfunc.o"
# the inference grants btf_read for a ksym of struct type, which the kernel checks
t load_signed_struct_ksym_read 0 "this_rq_cpu: id" -- "$ba" load "$tmp/ksym_percpu.o"
t load_signed_xdp 0 "xdp_count: id" -- "$ba" load "$tmp/xdp_pass.o"
# the kernel makes device maps read-only to programs itself
t load_signed_xdp_devmap 0 "xdp_redirect_dev: id" -- "$ba" load "$tmp/xdp_devmap.o"
t load_signed_xdp_devmap_verdict 0 "lockdown: signed (builtin keyring)" -- "$ba" load "$tmp/xdp_devmap.o"
t load_annotated_unsigned_verdict 0 "lockdown: annotated, unsigned" -- "$ba" load "$tmp/unsigned.o"
t load_without_annotation_verdict 0 "lockdown: unsigned" -- "$ba" load --no-annot "$tmp/tp_counter.o"
# signed with the key make tools generates and the kernel does not trust;
# were it left unsigned, the two refusals below would load as unsigned
t load_untrusted_object_is_signed 0 "" -- \
	"$ba" sign "$tmp/untrusted.o" -k "$keys/untrusted_key.pem" -c "$keys/untrusted_cert.pem"
t load_untrusted_signer_is_refused 1 "BPF_PROG_LOAD: Required key not available" -- \
	"$ba" load "$tmp/untrusted.o"
t load_refusal_prints_the_verifier_log 1 "lockdown: signature: no key in the builtin keyring matches the signer" -- \
	"$ba" load "$tmp/untrusted.o"
t load_json 0 '"lockdown":"signed (builtin keyring)"' -- "$ba" -j load "$tmp/tp_counter.o"
rm -rf /sys/fs/bpf/ba_test
mkdir -p /sys/fs/bpf/ba_test
t load_pin_attach_tracepoint 0 "attached, pinned /sys/fs/bpf/ba_test/count_getpid" -- \
	"$ba" load "$tmp/tp_counter.o" --pin /sys/fs/bpf/ba_test --attach
t load_pinned_link_exists 0 "" -- test -e /sys/fs/bpf/ba_test/count_getpid_link
t load_pin_attach_fentry 0 "nanosleep_ksym: id" -- \
	"$ba" load "$tmp/kfunc.o" --pin /sys/fs/bpf/ba_test --attach

# targets the section does not name: perf_event (a cpu-clock event per
# CPU), XDP (--ifname), iterators (the pinned link reads the output)
# Each of these programs counts its runs in slot 0 of its one per-CPU
# array. (run_cnt from bpf_stats_enabled is not used: bpftool omits it
# while run_time_ns is 0, which it stays when sched_clock is coarse.)
runs() {	# runs PINNED-PROG: the sum over CPUs of its map's slot 0
	local map
	map=$(bpftool -j prog show pinned "$1" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["map_ids"][0])') || return 1
	bpftool -j map lookup id "$map" key 0 0 0 0 |
		python3 -c 'import json,sys
v = json.load(sys.stdin)["values"]
print(sum(int.from_bytes(bytes(int(b, 16) for b in c["value"]), "little") for c in v))'
}
ran() {		# ran PINNED-PROG [CMD...]: the program ran within 5 s (running CMD)
	local pin=$1 n i
	shift
	for i in 1 2 3 4 5; do
		[ $# = 0 ] || "$@" 2>/dev/null
		n=$(runs "$pin")
		[ "${n:-0}" -gt 0 ] && { echo "ran $n times"; return 0; }
		sleep 1
	done
	echo "never ran"
	bpftool -j prog show pinned "$pin"
	return 1
}
ncpu=$(grep -c '^processor' /proc/cpuinfo)
t load_attach_perf_event 0 "count_samples: id" -- \
	"$ba" load "$tmp/perf_sample.o" --pin /sys/fs/bpf/ba_test --attach --perf-freq 1000
t load_attach_perf_event_link_per_cpu 0 "links: $ncpu" -- \
	sh -c 'echo "links: $(ls /sys/fs/bpf/ba_test | grep -c "^count_samples_link_cpu[0-9]*$")"'
t load_attached_perf_event_runs 0 "ran" -- ran /sys/fs/bpf/ba_test/count_samples
t load_attach_xdp_needs_ifname 1 "program xdp_count: an XDP program needs an interface to attach to (--ifname)" -- \
	"$ba" load "$tmp/xdp_pass.o" --pin /sys/fs/bpf/ba_test --attach
ip link set lo up
t load_attach_xdp_ifname 0 "xdp_count: id" -- \
	"$ba" load "$tmp/xdp_pass.o" --pin /sys/fs/bpf/ba_test --attach --ifname lo
t load_attach_xdp_second_is_refused 1 "program xdp_count: attaching to interface lo: Device or resource busy" -- \
	"$ba" load "$tmp/xdp_pass.o" --pin /sys/fs/bpf/ba_test2 --attach --ifname lo
t load_attached_xdp_runs 0 "ran" -- ran /sys/fs/bpf/ba_test/xdp_count \
	bash -c 'echo > /dev/tcp/127.0.0.1/9'
t load_attach_iterator 0 "dump_task: id" -- \
	"$ba" load "$tmp/iter_task.o" --pin /sys/fs/bpf/ba_test --attach
t load_attached_iterator_reads 0 "pid 1" -- \
	sh -c 'cat /sys/fs/bpf/ba_test/dump_task_link | head -n 2 | paste -sd " "'

# attach binding: a signed kprobe program sealed for do_nanosleep attaches
# there and nowhere else. The tool refuses before asking the kernel; asked
# anyway (--no-attach-check), the kernel refuses with EPERM and a log line.
"$ba" seal "$top/build/annotate/progs/kprobe_bound.bpf.o" -o "$tmp/kb.o" >/dev/null &&
	"$ba" sign "$tmp/kb.o" -k "$keys/signing_key.pem" -c "$keys/cert.pem" >/dev/null
# the kernel logs at most 10 attach refusals of a rule in 5 s: let the
# window of the suites before this one pass, for the 4 refusals below
sleep 6
t load_attach_kprobe_at_its_function 0 "count_nanosleep: id" -- \
	"$ba" load "$tmp/kb.o" --pin /sys/fs/bpf/ba_test --attach
t load_attached_kprobe_runs 0 "ran" -- ran /sys/fs/bpf/ba_test/count_nanosleep sleep 0.01
mkdir -p /sys/fs/bpf/ba_test2
t load_attach_to_its_function 0 "count_nanosleep: id" -- \
	"$ba" load "$tmp/kb.o" --attach --attach-to count_nanosleep=kprobe:do_nanosleep \
	--pin /sys/fs/bpf/ba_test2
rm -rf /sys/fs/bpf/ba_test2
t load_attach_to_another_function_is_refused 1 "program count_nanosleep: its annotation does not allow attaching it as kprobe at kprobe:do_sys_openat2: its kprobe points are kprobe:do_nanosleep; not asking the kernel, which would refuse it (EPERM)" -- \
	"$ba" load "$tmp/kb.o" --attach --attach-to kprobe:do_sys_openat2 --pin /sys/fs/bpf/ba_test2
t load_attach_as_kretprobe_is_refused 1 "its annotation does not allow attaching it as kretprobe at kretprobe:do_nanosleep: level integrity allows only kprobe" -- \
	"$ba" load "$tmp/kb.o" --attach --attach-to kretprobe:do_nanosleep --pin /sys/fs/bpf/ba_test2
t load_attach_unchecked_kernel_refuses 1 "program count_nanosleep: attaching to kprobe:do_sys_openat2: Operation not permitted" -- \
	"$ba" load "$tmp/kb.o" --attach --attach-to kprobe:do_sys_openat2 --no-attach-check \
	--pin /sys/fs/bpf/ba_test2
t load_attach_unchecked_kernel_logs 0 'prog="count_nanosleep" level=integrity mode=enforce what="attach as kprobe at kprobe:do_sys_openat2: its annotation does not name this attach point" class=annotation' -- \
	sh -c 'dmesg | grep "bpf_lockdown: refused" | tail -n 1'
t load_attach_to_unknown_program 1 "--attach-to: no program nosuch" -- \
	"$ba" load "$tmp/kb.o" --attach --attach-to nosuch=kprobe:do_nanosleep --pin /sys/fs/bpf/ba_test2

# multi-probe links: a signed kprobe_multi program sealed for the functions
# of hrtimer_nanosleep* attaches to each of them, and to no other function;
# its uprobe_multi sibling to the files its annotation names
"$ba" seal "$top/build/annotate/progs/kprobe_multi.bpf.o" -o "$tmp/km.o" >/dev/null &&
	"$ba" sign "$tmp/km.o" -k "$keys/signing_key.pem" -c "$keys/cert.pem" >/dev/null
t load_attach_kprobe_multi 0 "count_multi: id" -- \
	"$ba" load "$tmp/km.o" --pin /sys/fs/bpf/ba_test --attach
t load_attached_kprobe_multi_pinned 0 "" -- test -e /sys/fs/bpf/ba_test/count_multi_link
t load_attached_kprobe_multi_link 0 "kprobe_multi" -- \
	bpftool link show pinned /sys/fs/bpf/ba_test/count_multi_link
t load_attached_kprobe_multi_runs 0 "ran" -- ran /sys/fs/bpf/ba_test/count_multi sleep 0.01
mkdir -p /sys/fs/bpf/ba_test2
km_refusal="program count_multi: its annotation does not allow attaching it as"
t load_attach_kprobe_multi_elsewhere_is_refused 1 "$km_refusal kprobe at kprobe:do_sys_openat2, a function of its trace_kprobe_multi link: its kprobe points are kprobe:hrtimer_nanosleep*; not asking the kernel, which would refuse it (EPERM)" -- \
	"$ba" load "$tmp/km.o" --attach --attach-to kprobe:do_sys_openat2 --pin /sys/fs/bpf/ba_test2
t load_attach_kprobe_multi_pattern_elsewhere_is_refused 1 "$km_refusal kprobe at kprobe:do_sys_open" -- \
	"$ba" load "$tmp/km.o" --attach --attach-to 'kprobe:do_sys_open*' --pin /sys/fs/bpf/ba_test2
t load_attach_kretprobe_multi_is_refused 1 "$km_refusal kretprobe at kretprobe:hrtimer_nanosleep, a function of its trace_kprobe_multi link: it names attach points, and none of kind kretprobe" -- \
	"$ba" load "$tmp/km.o" --attach --attach-to kretprobe:hrtimer_nanosleep --pin /sys/fs/bpf/ba_test2
t load_attach_kprobe_multi_pattern_without_functions 1 "program count_multi: no function in /sys/kernel/tracing/available_filter_functions matches hrtimer_nanosleep_nosuch*" -- \
	"$ba" load "$tmp/km.o" --attach --attach-to 'kprobe:hrtimer_nanosleep_nosuch*' \
	--pin /sys/fs/bpf/ba_test2
t load_attach_kprobe_multi_unchecked_kernel_refuses 1 "program count_multi: attaching to kprobe:do_sys_openat2: Operation not permitted" -- \
	"$ba" load "$tmp/km.o" --attach --attach-to kprobe:do_sys_openat2 --no-attach-check \
	--pin /sys/fs/bpf/ba_test2
t load_attach_kprobe_multi_unchecked_kernel_logs 0 'prog="count_multi" level=integrity mode=enforce what="attach as kprobe at kprobe:do_sys_openat2: its annotation does not name this attach point" class=annotation' -- \
	sh -c 'dmesg | grep "bpf_lockdown: refused" | tail -n 1'
t load_attach_kretprobe_multi_unchecked_kernel_refuses 1 "program count_multi: attaching to kretprobe:hrtimer_nanosleep: Operation not permitted" -- \
	"$ba" load "$tmp/km.o" --attach --attach-to kretprobe:hrtimer_nanosleep --no-attach-check \
	--pin /sys/fs/bpf/ba_test2
t load_attach_kretprobe_multi_unchecked_kernel_logs 0 'prog="count_multi" level=integrity mode=enforce what="attach as kretprobe at kretprobe:hrtimer_nanosleep: its annotation names no attach point of this kind" class=annotation' -- \
	sh -c 'dmesg | grep "bpf_lockdown: refused" | tail -n 1'
printf '%s\n' "program count_umulti" "allow attach trace_uprobe_multi uprobe:$top/build/tests/*" \
	> "$tmp/um.policy"
"$ba" seal "$top/build/annotate/progs/uprobe_multi.bpf.o" -o "$tmp/um.o" \
	--policy "$tmp/um.policy" >/dev/null 2>&1 &&
	"$ba" sign "$tmp/um.o" -k "$keys/signing_key.pem" -c "$keys/cert.pem" >/dev/null
t load_attach_uprobe_multi 0 "count_umulti: id" -- \
	"$ba" load "$tmp/um.o" --pin /sys/fs/bpf/ba_test --attach --attach-to "uprobe:$lt:main"
# a bpftool older than uprobe_multi links shows their type by number (12)
t load_attached_uprobe_multi_link 0 "uprobe_multi" -- \
	sh -c 'bpftool -j link show pinned /sys/fs/bpf/ba_test/count_umulti_link |
		python3 -c "import json,sys; t = json.load(sys.stdin)[\"type\"]; print(\"uprobe_multi\" if t in (\"uprobe_multi\", 12) else t)"'
t load_attached_uprobe_multi_runs 0 "ran" -- ran /sys/fs/bpf/ba_test/count_umulti "$lt"
t load_attach_uprobe_multi_elsewhere_is_refused 1 "program count_umulti: its annotation does not allow attaching it as uprobe at uprobe:$ba, the file of its trace_uprobe_multi link: its uprobe points are uprobe:/usr/bin/true uprobe:$top/build/tests/*; not asking the kernel, which would refuse it (EPERM)" -- \
	"$ba" load "$tmp/um.o" --attach --attach-to "uprobe:$ba:main" --pin /sys/fs/bpf/ba_test2
t load_attach_uprobe_multi_unchecked_kernel_refuses 1 "program count_umulti: attaching to uprobe:$ba:main: Operation not permitted" -- \
	"$ba" load "$tmp/um.o" --attach --attach-to "uprobe:$ba:main" --no-attach-check \
	--pin /sys/fs/bpf/ba_test2
t load_attach_uprobe_multi_unchecked_kernel_logs 0 "prog=\"count_umulti\" level=integrity mode=enforce what=\"attach as uprobe at uprobe:$ba: its annotation does not name this attach point\" class=annotation" -- \
	sh -c 'dmesg | grep "bpf_lockdown: refused" | tail -n 1'
rm -rf /sys/fs/bpf/ba_test2

# an extension, sealed and signed for the signed program that an earlier
# load pins (its signature covers that program's signed digest)
"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/ext.o" --target "$st/freplace_target.o" >/dev/null &&
	"$ba" sign "$tmp/ext.o" -k "$keys/signing_key.pem" -c "$keys/cert.pem" >/dev/null
"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/ext_unsigned.o" --target "$st/freplace_target.o" \
	>/dev/null
"$ba" load "$st/freplace_target.o" --pin /sys/fs/bpf/ba_test >/dev/null
# the same function in another signed program (another annotation: no-load
# at none), and the target loaded without its signature
printf '%s\n' "program freplace_target" "level none" "no-load" > "$tmp/other_target.policy"
"$ba" seal "$st/freplace_target.bpf.o" -o "$tmp/other_target.o" \
	--policy "$tmp/other_target.policy" >/dev/null &&
	"$ba" sign "$tmp/other_target.o" -k "$keys/signing_key.pem" -c "$keys/cert.pem" >/dev/null
mkdir -p /sys/fs/bpf/ba_test/other /sys/fs/bpf/ba_test/unsigned
t load_freplace_other_signed_target 0 "freplace_target: id" -- \
	"$ba" load "$tmp/other_target.o" --pin /sys/fs/bpf/ba_test/other
t load_freplace_unsigned_target 0 "lockdown: annotated, unsigned" -- \
	"$ba" load "$st/freplace_target.o" --no-sig --pin /sys/fs/bpf/ba_test/unsigned
t load_freplace_needs_target 1 "program new_handler: a freplace program needs the program whose handler it replaces (--target)" -- \
	"$ba" load "$tmp/ext.o"
t load_freplace_target_not_pinned 1 "bpf-annotate: load: --target /sys/fs/bpf/nosuch: No such file or directory" -- \
	"$ba" load "$tmp/ext.o" --target /sys/fs/bpf/nosuch
t load_freplace_target_without_the_function 1 "program new_handler: the target program count_getpid has no function handler" -- \
	"$ba" load "$tmp/ext.o" --target /sys/fs/bpf/ba_test/count_getpid
t load_signed_freplace 0 "new_handler: id" -- \
	"$ba" load "$tmp/ext.o" --target /sys/fs/bpf/ba_test/freplace_target
t load_signed_freplace_verdict 0 "lockdown: signed (builtin keyring)" -- \
	"$ba" load "$tmp/ext.o" --target /sys/fs/bpf/ba_test/freplace_target
t load_signed_freplace_of_another_signed_program_is_refused 1 "BPF_PROG_LOAD: Key was rejected by service" -- \
	"$ba" load "$tmp/ext.o" --target /sys/fs/bpf/ba_test/other/freplace_target
t load_signed_freplace_of_another_signed_program_does_not_match 1 "lockdown: signature: does not match the program, its maps or its annotation (error -129)" -- \
	"$ba" load "$tmp/ext.o" --target /sys/fs/bpf/ba_test/other/freplace_target
t load_signed_freplace_of_an_unsigned_target_is_refused 1 "BPF_PROG_LOAD: Operation not permitted" -- \
	"$ba" load "$tmp/ext.o" --target /sys/fs/bpf/ba_test/unsigned/freplace_target
t load_signed_freplace_of_an_unsigned_target_names_why 1 "lockdown: signature: a signed extension may only replace a function of a program with a verified system signature" -- \
	"$ba" load "$tmp/ext.o" --target /sys/fs/bpf/ba_test/unsigned/freplace_target
t load_unsigned_freplace_of_signed_is_refused 1 "BPF_PROG_LOAD: Operation not permitted" -- \
	"$ba" load "$tmp/ext_unsigned.o" --target /sys/fs/bpf/ba_test/freplace_target
t load_unsigned_freplace_refusal_names_the_tier 1 "lockdown: unsigned program may not load program type ext (attach type 0) in integrity mode (modifies-kernel-behaviour)" -- \
	"$ba" load "$tmp/ext_unsigned.o" --target /sys/fs/bpf/ba_test/freplace_target
t load_attach_freplace 0 "new_handler: id" -- \
	"$ba" load "$tmp/ext.o" --target /sys/fs/bpf/ba_test/freplace_target --pin /sys/fs/bpf/ba_test --attach
t load_attached_freplace_link 0 "" -- test -e /sys/fs/bpf/ba_test/new_handler_link
rm -rf /sys/fs/bpf/ba_test

# the library: other fd numbers load the same signature; any flipped byte is refused
t lib_load_signed 0 "ok load" -- "$lt" load "$tmp/execsnoop.o" none 0 ok "signed (builtin keyring)"
# BTF the kernel refuses: the error, and the kernel's BTF log naming the type
t lib_load_bad_btf_fills_the_log 0 "ok load" -- "$lt" load "$tmp/execsnoop.o" btf-param 0 EINVAL "Invalid arg#1"
t lib_load_with_other_map_fds 0 "ok load" -- "$lt" load "$tmp/execsnoop.o" none 200 ok "signed"
mismatch="lockdown: signature: does not match the program, its maps or its annotation"
for c in insns sig license name map-data map-desc line_info func_info core_relos btf; do
	t "lib_load_refuses_flipped_$c" 0 "ok load" -- \
		"$lt" load "$tmp/execsnoop.o" "$c" 0 EKEYREJECTED "$mismatch"
done
# a helper bit that must be zero: the annotation no longer parses
t lib_load_refuses_flipped_annot 0 "ok load" -- \
	"$lt" load "$tmp/execsnoop.o" annot 0 EBADMSG "lockdown: annotation:"
t lib_load_refuses_flipped_attach_type 0 "ok load" -- \
	"$lt" load "$tmp/kfunc.o" prog_type 0 EKEYREJECTED "$mismatch"
t lib_load_refuses_another_attach_target 0 "ok load" -- \
	"$lt" load "$tmp/kfunc.o" attach_retarget 0 EKEYREJECTED "$mismatch"
t lib_load_refuses_flipped_attach_name 0 "ok load" -- \
	"$lt" load "$tmp/kfunc.o" attach_name 0 ESRCH ""
t lib_load_secondary_keyring 0 "ok load" -- \
	"$lt" load "$tmp/execsnoop.o" keyring 0 ok "signed (secondary keyring)"

# .kconfig externs: the loader writes the kernel's values, the kernel checks
# them, the program reads them; anything else in the map is refused
t kconfig_file_has_the_build_config 0 "CONFIG_BPF_LOCKDOWN=y" -- \
	cat /sys/kernel/security/bpf_lockdown/kconfig
t kconfig_file_has_the_virtual_externs 0 "LINUX_HAS_BPF_COOKIE=1" -- \
	cat /sys/kernel/security/bpf_lockdown/kconfig
mkdir -p /sys/fs/bpf/ba_kc
t load_signed_kconfig 0 "attached, pinned /sys/fs/bpf/ba_kc/uses_kconfig" -- \
	"$ba" load "$tmp/kconfig_user.o" --pin /sys/fs/bpf/ba_kc --attach
t load_signed_kconfig_reads_the_kernel_values 0 "kconfig values match" -- \
	kconfig_seen /sys/fs/bpf/ba_kc/uses_kconfig
rm -rf /sys/fs/bpf/ba_kc
t lib_load_kconfig 0 "ok load" -- "$lt" load "$tmp/kconfig_user.o" none 0 ok "signed (builtin keyring)"
t lib_load_refuses_another_kconfig_value 0 "ok load" -- \
	"$lt" load "$tmp/kconfig_user.o" kconfig-value 0 EINVAL \
	"lockdown: signature: kconfig extern CONFIG_BPF_LOCKDOWN: the map at fd_array index 1 does not hold this kernel's value"
t lib_load_refuses_kconfig_padding 0 "ok load" -- \
	"$lt" load "$tmp/kconfig_user.o" kconfig-pad 0 EINVAL "is no extern's and is not zero"
t lib_load_refuses_a_huge_kconfig_map 0 "ok load" -- \
	"$lt" load "$tmp/kconfig_user.o" kconfig-huge 0 E2BIG \
	"kconfig map at fd_array index 1 has a 65544-byte value; the maximum is 65536"
t lib_load_refuses_unfrozen_kconfig 0 "ok load" -- \
	"$lt" load "$tmp/kconfig_user.o" kconfig-unfrozen 0 EINVAL \
	"kconfig map at fd_array index 1 is not frozen (BPF_MAP_FREEZE)"
tap_done
