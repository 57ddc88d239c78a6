#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bpf-annotate userspace tests. Prints TAP.
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
ba=${BPF_ANNOTATE:-$top/build/bin/bpf-annotate}
# shellcheck source=../../../selftests/tap.sh
. "$top/selftests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$tap_out"' EXIT

echo "TAP version 13"
t version_prints_version 0 "bpf-annotate 0.1.0" -- "$ba" --version
t version_json 0 '{"version":"0.1.0","tier":1}' -- "$ba" -j version
t no_command_prints_usage_and_fails 2 "Usage: bpf-annotate [OPTIONS] COMMAND" -- "$ba"
t unknown_command_is_named 2 "bpf-annotate: unknown command 'frobnicate'" -- "$ba" frobnicate
t unknown_option_fails 2 "Usage:" -- "$ba" --frob tier
t help_lists_tier 0 "tier [diff A B]" -- "$ba" help

"$ba" tier > "$tmp/tier"
t tier_has_a_versioned_header 0 "# bpf_lockdown tier 4" -- head -1 "$tmp/tier"
t tier_classifies_all_212_helpers 0 "212" -- sh -c "grep -c '^helper ' $tmp/tier"
t tier_classifies_all_33_program_types 0 "33" -- sh -c "grep -c '^prog ' $tmp/tier"
t tier_classifies_all_203_kfuncs 0 "203" -- sh -c "grep -c '^kfunc ' $tmp/tier"
t tier_send_signal_denied_as_signals 0 "helper 109 send_signal deny deny signals" -- cat "$tmp/tier"
t tier_probe_read_kernel_integrity_only 0 \
	"helper 113 probe_read_kernel allow deny reads-kernel-memory" -- cat "$tmp/tier"
t tier_get_stackid_user_stack_at_confidentiality 0 \
	"helper 27 get_stackid allow user-stack leaks-kernel-address" -- cat "$tmp/tier"
t tier_probe_read_user_memory_at_confidentiality 0 \
	"helper 4 probe_read allow user-memory reads-kernel-memory" -- cat "$tmp/tier"
t tier_probe_read_str_user_memory_at_confidentiality 0 \
	"helper 45 probe_read_str allow user-memory reads-kernel-memory" -- cat "$tmp/tier"
t tier_fmod_ret_denied 0 "attach 26:26 tracing/fmod_ret deny deny modifies-kernel-behaviour" -- \
	cat "$tmp/tier"
t tier_btf_pointer_read_cap 0 "cap - btf_pointer_read allow deny reads-kernel-memory" -- \
	cat "$tmp/tier"
t tier_no_confidentiality_grant_without_integrity 0 "0" -- \
	sh -c "awk '\$4 == \"deny\" && \$5 != \"deny\"' $tmp/tier | wc -l"
t tier_json_is_one_array 0 '"name":"send_signal","integrity":"deny"' -- "$ba" -j tier
t tier_json_parses 0 "ok" -- sh -c "$ba -j tier | python3 -c 'import json,sys; d=json.load(sys.stdin); print(\"ok\" if len(d) > 250 else \"short\")'"

t tier_diff_identical 0 "no differences" -- "$ba" tier diff "$tmp/tier" "$tmp/tier"
sed 's/^helper 109 send_signal deny deny signals$/helper 109 send_signal allow deny signals/;/^helper 211 /d' \
	"$tmp/tier" > "$tmp/tier2"
echo "helper 212 new_helper deny deny unclassified" >> "$tmp/tier2"
t tier_diff_shows_changed 0 "~ helper send_signal: deny deny signals -> allow deny signals" -- \
	"$ba" tier diff "$tmp/tier" "$tmp/tier2"
t tier_diff_shows_removed 0 "- helper cgrp_storage_delete" -- "$ba" tier diff "$tmp/tier" "$tmp/tier2"
t tier_diff_shows_added 0 "+ helper new_helper deny deny unclassified" -- \
	"$ba" tier diff "$tmp/tier" "$tmp/tier2"
t tier_diff_json 0 '"change":"changed"' -- "$ba" -j tier diff "$tmp/tier" "$tmp/tier2"
t tier_diff_missing_file_is_named 1 "bpf-annotate: $tmp/nope: No such file or directory" -- \
	"$ba" tier diff "$tmp/nope" "$tmp/tier"
echo "garbage" > "$tmp/bad"
t tier_diff_bad_line_is_named 1 "bpf-annotate: $tmp/bad:1: not a tier line" -- \
	"$ba" tier diff "$tmp/bad" "$tmp/tier"
t tier_diff_needs_two_files 2 "usage: tier diff A B" -- "$ba" tier diff "$tmp/tier"

t tier_doc_matches_the_table 0 "" -- \
	sh -c "'$top/scripts/gen-tier-doc' 2>/dev/null | cmp - '$top/Documentation/tier-table.rst'"

# The table's build-time checks: the shared source must not compile when a
# helper is missing, duplicated or has the wrong ID.
ldir=$top/kernel/bpf/lockdown
cc_tier() {	# with the userspace shims, as tools/annotate/Makefile.inc builds it
	gcc -std=gnu11 -I"$top/tools/annotate/include" -I"$top/build/linux/tools/include" \
		-I"$top/include/uapi" -I"$top/build/linux/tools/include/uapi" -I"$ldir" \
		-c "$tmp/neg/tier_table.c" -o "$tmp/neg/t.o"
}
neg() {	# neg NAME SED-EXPRESSION: the edited table must fail to build
	rm -rf "$tmp/neg" && mkdir -p "$tmp/neg" && cp "$ldir"/tier_* "$tmp/neg/"
	sed -i "$2" "$tmp/neg/tier_helpers.h"
	t "$1" 1 "error:" -- cc_tier
}
rm -rf "$tmp/neg" && mkdir -p "$tmp/neg" && cp "$ldir"/tier_* "$tmp/neg/"
t tier_table_builds_as_shipped 0 "" -- cc_tier
neg tier_table_build_fails_on_unclassified_helper '/BPF_LOCKDOWN_HELPER(send_signal,/d'
neg tier_table_build_fails_on_wrong_helper_id 's/BPF_LOCKDOWN_HELPER(send_signal, 109,/BPF_LOCKDOWN_HELPER(send_signal, 110,/'
neg tier_table_build_fails_on_unknown_helper 's/BPF_LOCKDOWN_HELPER(send_signal,/BPF_LOCKDOWN_HELPER(send_signal_v2,/'
neg tier_table_build_fails_on_extra_helper '$a BPF_LOCKDOWN_HELPER(new_helper, 212, DENY, DENY, UNCLASSIFIED)'

# --- seal, show, digest, sign, attach-sig, verify -----------------------------
st=$top/build/selftests
keys=$top/build/keys
edit=$top/tools/annotate/tests/elfedit.py
gk=$top/build/tests/keys	# generated at test time, never committed
mkdir -p "$gk"
[ -f "$gk/ec.pem" ] || {
	openssl ecparam -name prime256v1 -genkey -noout -out "$gk/ec.key" 2>/dev/null
	openssl req -new -x509 -key "$gk/ec.key" -out "$gk/ec.pem" -days 36500 \
		-subj /CN=bpf-annotate-ecdsa-test 2>/dev/null
}
[ -f "$gk/untrusted.pem" ] || {
	openssl req -new -x509 -newkey rsa:2048 -nodes -keyout "$gk/untrusted.key" \
		-out "$gk/untrusted.pem" -days 36500 -subj /CN=bpf-annotate-untrusted \
		2>/dev/null
}

for o in tp_counter execsnoop lsm_open xdp_pass kfunc ksym_percpu observe; do
	t "seal_$o" 0 "sealed; may load at: none" -- "$ba" seal "$st/$o.bpf.o" -o "$tmp/$o.o"
done
t seal_counter_may_load_at_every_level 0 "count_getpid: sealed; may load at: none, integrity, confidentiality" -- \
	"$ba" seal "$st/tp_counter.bpf.o" -o "$tmp/c.o"
t seal_json 0 '{"output":"'"$tmp"'/c.o","programs":[{"name":"count_getpid","may_load":["none","integrity","confidentiality"]}]}' -- \
	"$ba" -j seal "$st/tp_counter.bpf.o" -o "$tmp/c.o"
t seal_map_size 0 "sealed; may load at: none" -- \
	"$ba" seal "$st/sealed_skel.bpf.o" -o "$tmp/sized.o" --map calls:max_entries=2,value_size=16
t seal_map_size_changes_the_digest 0 "" -- sh -c "'$ba' seal '$st/sealed_skel.bpf.o' -o '$tmp/unsized.o' >/dev/null && '$ba' digest '$tmp/sized.o' > '$tmp/d1' && '$ba' digest '$tmp/unsized.o' > '$tmp/d2' && ! cmp -s '$tmp/d1' '$tmp/d2'"
t seal_map_size_of_no_map 1 "bpf-annotate: $st/sealed_skel.bpf.o: --map nosuch: no map of that name" -- \
	"$ba" seal "$st/sealed_skel.bpf.o" -o "$tmp/x.o" --map nosuch:max_entries=2
t seal_map_size_of_global_data 1 "--map sealed_s.rodata: global data and .kconfig maps have the sizes libbpf gives them" -- \
	"$ba" seal "$st/sealed_skel.bpf.o" -o "$tmp/x.o" --map sealed_s.rodata:max_entries=2
t seal_map_size_twice 1 "--map calls: given twice" -- \
	"$ba" seal "$st/sealed_skel.bpf.o" -o "$tmp/x.o" --map calls:max_entries=2 --map calls:value_size=16
t seal_map_size_hex_is_usage 2 "bpf-annotate: usage: seal" -- \
	"$ba" seal "$st/sealed_skel.bpf.o" -o "$tmp/x.o" --map calls:max_entries=0x10
t seal_map_size_zero 2 "bpf-annotate: usage: seal" -- \
	"$ba" seal "$st/sealed_skel.bpf.o" -o "$tmp/x.o" --map calls:max_entries=0
t seal_map_size_unknown_field 2 "bpf-annotate: usage: seal" -- \
	"$ba" seal "$st/sealed_skel.bpf.o" -o "$tmp/x.o" --map calls:key_size=8
t seal_needs_output 2 "bpf-annotate: usage: seal OBJ -o OUT | OBJ... -d DIR [--policy FILE] [--target SEALED-OBJ[:PROG]]" -- "$ba" seal "$st/tp_counter.bpf.o"
"$ba" seal "$st/execsnoop.bpf.o" -o "$tmp/e2.o" >/dev/null
t seal_is_deterministic 0 "" -- cmp "$tmp/execsnoop.o" "$tmp/e2.o"
"$ba" seal "$tmp/execsnoop.o" -o "$tmp/e3.o" >/dev/null
t seal_of_a_sealed_object_is_identical 0 "" -- cmp "$tmp/execsnoop.o" "$tmp/e3.o"
t sealed_object_llvm_objdump_disassembles 0 "<snoop_exec>:" -- llvm-objdump -d "$tmp/execsnoop.o"
t sealed_object_has_the_section 0 ".bpf_lockdown" -- llvm-objdump -h "$tmp/execsnoop.o"
t sealed_object_bpftool_reads_btf 0 "FUNC 'snoop_exec'" -- bpftool btf dump file "$tmp/execsnoop.o"

t show_helpers_per_level 0 "integrity: may load; caps: -; helpers: bpf_map_lookup_elem bpf_map_update_elem bpf_get_current_pid_tgid" -- \
	"$ba" show "$tmp/execsnoop.o"
t show_probe_read_kernel_blocks_confidentiality 0 "confidentiality: no-load" -- "$ba" show "$tmp/execsnoop.o"
t show_rodata_is_sealed 0 "sealed maps: execsnoo.rodata" -- "$ba" show "$tmp/execsnoop.o"
t show_core_program 0 "snoop_exec: tracepoint (tp/sched/sched_process_exec), 69 instructions, not signed" -- \
	"$ba" show "$tmp/execsnoop.o"
t show_kfuncs_and_btf_read 0 "none: may load; caps: btf_read; helpers: -; kfuncs: bpf_rcu_read_lock bpf_task_from_pid bpf_task_release bpf_rcu_read_unlock" -- \
	"$ba" show "$tmp/kfunc.o"
t show_tp_btf_attach_name_is_the_typedef 0 "attach btf_trace_sched_process_exec" -- "$ba" show "$tmp/kfunc.o"
t show_ksym_cap 0 "caps: btf_read ksym; helpers: bpf_this_cpu_ptr" -- "$ba" show "$tmp/kfunc.o"
# a per-CPU ksym of struct type gives a BTF pointer; one of int type does not
t show_struct_ksym_needs_btf_read 0 "ok" -- sh -c "'$ba' -j show '$tmp/ksym_percpu.o' | python3 -c 'import json,sys; d={p[\"name\"]: p[\"levels\"][\"integrity\"][\"caps\"] for p in json.load(sys.stdin)}; print(\"ok\" if d == {\"this_rq_cpu\": [\"btf_read\", \"ksym\"], \"this_cpu_active\": [\"ksym\"]} else d)'"
t scan_names_why_a_struct_ksym_needs_btf_read 0 \
	'"text":"needs btf_pointer_read for a __ksym of struct or union type (reads-kernel-memory)"' -- \
	"$ba" -j scan "$st/ksym_percpu.bpf.o"
t show_lsm_attach_name 0 "attach bpf_lsm_file_open" -- "$ba" show "$tmp/lsm_open.o"
t show_fentry_attach_name 0 "attach do_nanosleep" -- "$ba" show "$tmp/kfunc.o"
t show_json_parses 0 "ok" -- sh -c "'$ba' -j show '$tmp/kfunc.o' | python3 -c 'import json,sys; d=json.load(sys.stdin); print(\"ok\" if d[1][\"levels\"][\"integrity\"][\"caps\"] == [\"btf_read\", \"ksym\"] else d)'"
t show_unsealed_object_is_refused 1 "bpf-annotate: $st/tp_counter.bpf.o: not sealed (no .bpf_lockdown section); run bpf-annotate seal first" -- \
	"$ba" show "$st/tp_counter.bpf.o"

# objects that are not what seal expects
echo "not an object" > "$tmp/text"
t seal_not_an_elf 1 "bpf-annotate: $tmp/text: not an ELF file" -- "$ba" seal "$tmp/text" -o "$tmp/x.o"
t seal_elf_that_is_not_bpf 1 "not a BPF object (ELF machine 62, expected 247)" -- \
	"$ba" seal /bin/true -o "$tmp/x.o"
head -c 2000 "$st/tp_counter.bpf.o" > "$tmp/trunc.o"
t seal_truncated_object 1 "bpf-annotate: $tmp/trunc.o: truncated: the section header table ends beyond the file" -- \
	"$ba" seal "$tmp/trunc.o" -o "$tmp/x.o"
head -c 40 "$st/tp_counter.bpf.o" > "$tmp/trunc2.o"
t seal_truncated_header 1 "bpf-annotate: $tmp/trunc2.o: truncated ELF header (40 bytes)" -- \
	"$ba" seal "$tmp/trunc2.o" -o "$tmp/x.o"
clang -target bpf -O2 -I"$top/build/linux/tools/include/uapi" -I"$top/build/linux/tools/lib" \
	-I"$top/build/annotate/include" -c "$top/selftests/progs/tp_counter.bpf.c" -o "$tmp/nobtf.o"
t seal_object_without_btf 1 "bpf-annotate: $tmp/nobtf.o: no BTF (.BTF section): compile the object with clang -g" -- \
	"$ba" seal "$tmp/nobtf.o" -o "$tmp/x.o"
python3 "$edit" relo-type "$st/tp_counter.bpf.o" "$tmp/relo.o" 99
t seal_unknown_relocation 1 "bpf-annotate: $tmp/relo.o: section tp/syscalls/sys_enter_getpid: relocation 0 has unknown type 99" -- \
	"$ba" seal "$tmp/relo.o" -o "$tmp/x.o"
# .kconfig externs: listed in the annotation (version 3), values left to the kernel
t seal_accepts_kconfig 0 "uses_kconfig: sealed; may load at: none, integrity, confidentiality" -- \
	"$ba" seal "$st/kconfig_user.bpf.o" -o "$tmp/kc.o"
t show_lists_kconfig_externs 0 "  kconfig (checked by the kernel): CONFIG_BPF_LOCKDOWN (tristate 4) CONFIG_BPF_LOCKDOWN_NO_SUCH_SYMBOL (int 4) CONFIG_HZ (int 4, required) LINUX_KERNEL_VERSION (int 4, required) CONFIG_BPF_SYSCALL (bool 1, required) LINUX_HAS_BPF_COOKIE (bool 1, required) CONFIG_DEFAULT_HOSTNAME (char array 8)" -- \
	"$ba" show "$tmp/kc.o"
t show_json_kconfig 0 '"kconfig":[{"name":"CONFIG_BPF_LOCKDOWN","map":"kconfig.kconfig","type":"tristate","offset":0,"size":4,"required":false},' -- \
	"$ba" -j show "$tmp/kc.o"
t seal_refuses_kconfig_map_without_checkable_externs 1 "bpf-annotate: $st/bad_kconfig.bpf.o: map bad_kco.kconfig: only .kconfig externs libbpf leaves zero, which the kernel cannot check" -- \
	"$ba" seal "$st/bad_kconfig.bpf.o" -o "$tmp/x.o"
t show_kconfig_annotation_is_version_3 0 '"annotation_version":3' -- "$ba" -j show "$tmp/kc.o"
t show_without_kconfig_stays_version_2 0 '"annotation_version":2' -- "$ba" -j show "$tmp/c.o"
# an extension is sealed for one target: the signed digest of the program
# whose function it replaces (build/selftests/freplace_target.o, sealed and
# signed by the build) is part of its own
t seal_freplace_needs_a_target 1 "bpf-annotate: $st/freplace_ext.bpf.o: program new_handler: a freplace program is signed for the one program whose handler it replaces: name the sealed object of that program with --target SEALED-OBJ[:PROG]" -- \
	"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/x.o"
t seal_freplace 0 "new_handler: sealed; may load at: none, integrity, confidentiality" -- \
	"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/ext.o" --target "$st/freplace_target.o"
t show_freplace_names_the_function 0 "new_handler: ext (freplace/handler), 2 instructions, attach handler, not signed" -- \
	"$ba" show "$tmp/ext.o"
target_digest=$("$ba" digest "$st/freplace_target.o" --prog freplace_target | cut -d' ' -f2)
t show_freplace_prints_the_target_digest 0 "  target digest: $target_digest" -- "$ba" show "$tmp/ext.o"
t show_json_freplace_target_digest 0 '"attach":"handler","target_digest":"'"$target_digest"'"' -- \
	"$ba" -j show "$tmp/ext.o"
t show_json_no_target_digest_for_other_programs 0 '"target_digest":null' -- \
	"$ba" -j show "$tmp/execsnoop.o"
t seal_freplace_target_program_by_name 0 "" -- sh -c "'$ba' seal '$st/freplace_ext.bpf.o' -o '$tmp/ext-named.o' --target '$st/freplace_target.o:freplace_target' >/dev/null && cmp '$tmp/ext.o' '$tmp/ext-named.o'"
t seal_of_a_sealed_freplace_is_identical 0 "" -- sh -c "'$ba' seal '$tmp/ext.o' -o '$tmp/ext-again.o' --target '$st/freplace_target.o' >/dev/null && cmp '$tmp/ext.o' '$tmp/ext-again.o'"
"$ba" seal "$st/freplace_target.bpf.o" -o "$tmp/target-unsigned.o" >/dev/null
t seal_freplace_target_signature_is_not_hashed 0 "" -- sh -c "'$ba' seal '$st/freplace_ext.bpf.o' -o '$tmp/ext-u.o' --target '$tmp/target-unsigned.o' >/dev/null && cmp '$tmp/ext.o' '$tmp/ext-u.o'"
t seal_freplace_target_unknown_program 1 "bpf-annotate: $st/freplace_ext.bpf.o: program new_handler: the target $st/freplace_target.o has no program nosuch" -- \
	"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/x.o" --target "$st/freplace_target.o:nosuch"
t seal_freplace_target_without_the_function 1 "bpf-annotate: $st/freplace_ext.bpf.o: program new_handler: the target program count_getpid of $tmp/tp_counter.o has no function handler" -- \
	"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/x.o" --target "$tmp/tp_counter.o"
t seal_freplace_target_of_several_programs_needs_a_name 1 "program new_handler: the target $tmp/kfunc.o has 2 programs: name the one whose handler it replaces (--target $tmp/kfunc.o:PROG)" -- \
	"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/x.o" --target "$tmp/kfunc.o"
t seal_freplace_target_not_sealed 1 "bpf-annotate: $st/freplace_target.bpf.o: not sealed (no .bpf_lockdown section); run bpf-annotate seal first" -- \
	"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/x.o" --target "$st/freplace_target.bpf.o"
t seal_freplace_target_missing 1 "bpf-annotate: $tmp/nope.o: No such file or directory" -- \
	"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/x.o" --target "$tmp/nope.o"
t seal_freplace_target_of_a_freplace_program 1 "program new_handler: the target program new_handler of $tmp/ext.o is a freplace program itself, which the kernel does not extend" -- \
	"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/x.o" --target "$tmp/ext.o"
t seal_target_without_freplace_program_warns 0 "bpf-annotate: warning: $st/tp_counter.bpf.o: the target $st/freplace_target.o is not used: the object has no freplace program" -- \
	"$ba" seal "$st/tp_counter.bpf.o" -o "$tmp/x.o" --target "$st/freplace_target.o"
t seal_target_without_freplace_program_is_seal_without 0 "" -- cmp "$tmp/x.o" "$tmp/tp_counter.o"
# another target (here: another annotation of the same code), another digest
printf '%s\n' "program freplace_target" "level none" "no-load" > "$tmp/other-target.policy"
"$ba" seal "$st/freplace_target.bpf.o" -o "$tmp/other-target.o" --policy "$tmp/other-target.policy" >/dev/null
"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/ext-other.o" --target "$tmp/other-target.o" >/dev/null
t digest_freplace_covers_the_target 0 "" -- \
	sh -c "test \"\$('$ba' digest '$tmp/ext.o')\" != \"\$('$ba' digest '$tmp/ext-other.o')\""
t digest_freplace_target_change_keeps_the_code 0 "" -- \
	sh -c "test \"\$('$ba' show '$tmp/ext.o' | grep -v 'target digest')\" = \"\$('$ba' show '$tmp/ext-other.o' | grep -v 'target digest')\""
t sign_freplace 0 "new_handler: signed (" -- \
	"$ba" sign "$tmp/ext.o" -k "$keys/signing_key.pem" -c "$keys/cert.pem" -o "$tmp/ext-signed.o"
t verify_freplace 0 "new_handler: OK" -- "$ba" verify "$tmp/ext-signed.o" -c "$keys/cert.pem"
python3 "$edit" flip "$tmp/ext-signed.o" "$tmp/flip.o" new_handler target
t verify_freplace_other_target_is_named 1 "bpf-annotate: $tmp/flip.o: program new_handler: the signature does not match: target program (its signed digest) changed since it was signed" -- \
	"$ba" verify "$tmp/flip.o" -c "$keys/cert.pem"
t scan_freplace_needs_no_target 0 "    attach target:   handler" -- "$ba" scan "$st/freplace_ext.bpf.o"
t seal_refuses_typeless_ksym 1 "bpf-annotate: $st/bad_typeless.bpf.o: program uses_typeless: typeless ksym bpf_prog_active cannot be signed: its address varies per boot" -- \
	"$ba" seal "$st/bad_typeless.bpf.o" -o "$tmp/x.o"
t seal_refuses_unnamed_btf_parameter 1 "bpf-annotate: $st/bad_naked.bpf.o: function naked_param: parameter 1 has no name in BTF, which the kernel refuses (clang leaves the parameters of __naked functions unnamed)" -- \
	"$ba" seal "$st/bad_naked.bpf.o" -o "$tmp/x.o"
t seal_missing_input 1 "bpf-annotate: $tmp/nope.o: No such file or directory" -- "$ba" seal "$tmp/nope.o" -o "$tmp/x.o"

# attach binding: seal infers, from each program's section as libbpf names
# it, the attach kinds and points of annotation version 2
lt=$top/build/tests/annotate_lib_test
while IFS='|' read -r sec want; do
	t "infer_attach_$(echo "$sec" | tr -c 'A-Za-z0-9_\n' _)" 0 "$want" -- "$lt" infer-attach "$sec"
done <<'EOF_INFER'
kprobe/do_nanosleep|kinds: kprobe; points: kprobe:do_nanosleep
kprobe/do_nanosleep+0|kinds: kprobe; points: kprobe:do_nanosleep
kprobe/do_nanosleep+4|note (warning): section kprobe/do_nanosleep+4: the kernel names no point for a probe at an offset from its function: the annotation binds the attach kind only
kretprobe/do_nanosleep|kinds: kretprobe; points: kretprobe:do_nanosleep
kprobe|note (warning): section kprobe names no function: the annotation binds the attach kind only
ksyscall/getpid|kinds: kprobe; points: kprobe:__x64_sys_getpid
kretsyscall/getpid|kinds: kretprobe; points: kretprobe:__x64_sys_getpid
uprobe//usr/bin/true:main|kinds: uprobe; points: uprobe:/usr/bin/true
uretprobe//usr/lib/libc.so.6:malloc+8|kinds: uretprobe; points: uretprobe:/usr/lib/libc.so.6
uprobe.s//usr/bin/true:main|kinds: uprobe; points: uprobe:/usr/bin/true
uprobe//usr/bin/../bin/true:main|the kernel names no point for the path /usr/bin/../bin/true, which is not canonical: the annotation binds the attach kind only
uprobe/libc.so.6:malloc|libbpf resolves the file libc.so.6 when it attaches, and the kernel binds the path it is given: the annotation binds the attach kind only
usdt//usr/lib/libc.so.6:libc:setjmp|kinds: uprobe; points: uprobe:/usr/lib/libc.so.6
kprobe.multi/do_nanosleep|kinds: trace_kprobe_multi; points: kprobe:do_nanosleep
kprobe.multi/do_nano*|kinds: trace_kprobe_multi; points: kprobe:do_nano*
kprobe.multi/*nanosleep|note (warning): section kprobe.multi/*nanosleep: the pattern *nanosleep is neither a name nor a prefix ending in *: the annotation binds the attach kind only
kprobe.multi/do_?anosleep|the pattern do_?anosleep is neither a name nor a prefix ending in *
kretprobe.multi/do_nano*|kinds: trace_kprobe_multi; points: kretprobe:do_nano*
kprobe.session/do_nanosleep|kinds: trace_kprobe_session; points: kprobe:do_nanosleep
uprobe.multi//usr/bin/true:ma*|kinds: trace_uprobe_multi; points: uprobe:/usr/bin/true
uretprobe.multi//usr/bin/true:main|kinds: trace_uprobe_multi; points: uretprobe:/usr/bin/true
tracepoint/syscalls/sys_enter_openat|kinds: tracepoint; points: tracepoint:syscalls:sys_enter_openat
tp/sched/sched_switch|kinds: tracepoint; points: tracepoint:sched:sched_switch
raw_tracepoint/sched_switch|kinds: raw_tracepoint; points: raw_tracepoint:sched_switch
raw_tp/sys_enter|kinds: raw_tracepoint; points: raw_tracepoint:sys_enter
raw_tp.w/sys_enter|kinds: raw_tracepoint; points: raw_tracepoint:sys_enter
tp_btf/sched_switch|kinds: trace_raw_tp; points: raw_tracepoint:sched_switch
fentry/do_nanosleep|kinds: trace_fentry; points: -
fexit/do_nanosleep|kinds: trace_fexit; points: -
fmod_ret/do_nanosleep|kinds: modify_return; points: -
lsm/file_open|kinds: lsm_mac; points: -
lsm_cgroup/file_open|kinds: lsm_cgroup; points: -
iter/task|kinds: trace_iter; points: -
struct_ops/init|kinds: struct_ops; points: -
freplace/handler|note: section freplace/handler: an extension runs where its target program runs, which its signature fixes
syscall|note: section syscall: a syscall program is run with BPF_PROG_RUN, never attached
xdp|kinds: xdp; points: -
xdp.frags|kinds: xdp; points: -
xdp/devmap|kinds: xdp_devmap; points: -
xdp/cpumap|kinds: xdp_cpumap; points: -
tc|kinds: tc; points: -
classifier|kinds: tc; points: -
action|kinds: tc; points: -
tc/ingress|kinds: tcx_ingress; points: -
tcx/ingress|kinds: tcx_ingress; points: -
tcx/egress|kinds: tcx_egress; points: -
netkit/primary|kinds: netkit_primary; points: -
socket|kinds: socket; points: -
sk_reuseport|kinds: sk_reuseport_select reuseport; points: -
sk_reuseport/migrate|kinds: sk_reuseport_select_or_migrate reuseport; points: -
cgroup_skb/ingress|kinds: cgroup_inet_ingress; points: -
cgroup_skb/egress|kinds: cgroup_inet_egress; points: -
cgroup/skb|kinds: cgroup_inet_ingress cgroup_inet_egress; points: -
cgroup/sock_create|kinds: cgroup_inet_sock_create; points: -
cgroup/connect6|kinds: cgroup_inet6_connect; points: -
cgroup/sendmsg_unix|kinds: cgroup_unix_sendmsg; points: -
cgroup/dev|kinds: cgroup_device; points: -
cgroup/sysctl|kinds: cgroup_sysctl; points: -
cgroup/setsockopt|kinds: cgroup_setsockopt; points: -
perf_event|kinds: perf_counter; points: -
sockops|kinds: cgroup_sock_ops; points: -
sk_skb|kinds: sk_skb_stream_parser sk_skb_stream_verdict sk_skb_verdict; points: -
sk_skb/stream_parser|kinds: sk_skb_stream_parser; points: -
sk_skb/verdict|kinds: sk_skb_verdict; points: -
sk_msg|kinds: sk_msg_verdict; points: -
flow_dissector|kinds: flow_dissector; points: -
sk_lookup|kinds: sk_lookup; points: -
netfilter|kinds: netfilter; points: -
lirc_mode2|kinds: lirc_mode2; points: -
lwt_in|kinds: lwt; points: -
lwt_seg6local|kinds: lwt; points: -
custom/foo|note (warning): section custom/foo names no attach kind bpf-annotate knows: the annotation binds none (only what the load fixed)
EOF_INFER
# seal writes version 2 from now on: the inferred kinds at each level that
# may load (none where the ceiling closes a level), and the points
ak=$top/build/annotate/progs/attach_kinds.bpf.o
"$ba" seal "$ak" -o "$tmp/ak.o" >/dev/null 2>&1
t seal_writes_annotation_version_2 0 "count_getpid: version 2; none: tracepoint; integrity: tracepoint; confidentiality: tracepoint; points: tracepoint:syscalls:sys_enter_getpid" -- \
	"$lt" annot-attach "$tmp/tp_counter.o"
t seal_attach_kinds_only_where_it_may_load 0 "snoop_exec: version 2; none: tracepoint; integrity: tracepoint; confidentiality: -; points: tracepoint:sched:sched_process_exec" -- \
	"$lt" annot-attach "$tmp/execsnoop.o"
t seal_tp_btf_binds_its_raw_tracepoint 0 "exec_kfunc: version 2; none: trace_raw_tp; integrity: trace_raw_tp; confidentiality: -; points: raw_tracepoint:sched_process_exec" -- \
	"$lt" annot-attach "$tmp/kfunc.o"
t seal_kprobe_binds_its_function 0 "at_kprobe: version 2; none: kprobe; integrity: kprobe; confidentiality: kprobe; points: kprobe:do_nanosleep" -- \
	"$lt" annot-attach "$tmp/ak.o"
t seal_cgroup_skb_binds_its_direction 0 "at_cg_ingress: version 2; none: cgroup_inet_ingress; integrity: cgroup_inet_ingress; confidentiality: cgroup_inet_ingress; points: -" -- \
	"$lt" annot-attach "$tmp/ak.o"
t seal_xdp_binds_the_kind_not_the_mode 0 "at_xdp: version 2; none: xdp; integrity: xdp; confidentiality: xdp; points: -" -- \
	"$lt" annot-attach "$tmp/ak.o"
t seal_warns_about_a_glob_it_cannot_bind 0 "bpf-annotate: warning: $ak: program at_kmulti_glob: section kprobe.multi/*nanosleep: the pattern *nanosleep is neither a name nor a prefix ending in *: the annotation binds the attach kind only" -- \
	"$ba" seal "$ak" -o "$tmp/ak.o"
t seal_warns_about_a_relative_uprobe_path 0 "bpf-annotate: warning: $ak: program at_uretprobe_rel: section uretprobe/libc.so.6:malloc: libbpf resolves the file libc.so.6" -- \
	"$ba" seal "$ak" -o "$tmp/ak.o"
t seal_freplace_is_not_warned_about 0 "" -- \
	sh -c "'$ba' seal '$st/freplace_ext.bpf.o' -o '$tmp/x.o' --target '$st/freplace_target.o' 2>&1 >/dev/null | grep -c . | grep -qx 0"

# policies
pol() { printf '%s\n' "$@" > "$tmp/policy"; }
pol "# integrity: no kernel reads" "program snoop_exec" "level integrity" "deny helper probe_read_kernel"
t policy_granting_less_is_an_error 1 "bpf-annotate: $tmp/execsnoop.o: program snoop_exec: level integrity: the policy ($tmp/policy:4) denies helper bpf_probe_read_kernel, which the code calls at instruction" -- \
	"$ba" seal "$tmp/execsnoop.o" -o "$tmp/p.o" --policy "$tmp/policy"
pol "program snoop_exec" "level integrity" "no-load"
t policy_no_load 0 "integrity: no-load" -- sh -c "'$ba' seal '$tmp/execsnoop.o' -o '$tmp/p.o' --policy '$tmp/policy' && '$ba' show '$tmp/p.o'"
pol "program snoop_exec" "level none integrity" "allow helper ktime_get_ns"
t policy_granting_more_warns 0 "bpf-annotate: warning: $tmp/execsnoop.o: program snoop_exec: level integrity: the policy ($tmp/policy:3) allows helper ktime_get_ns, which the code does not use" -- \
	"$ba" seal "$tmp/execsnoop.o" -o "$tmp/p.o" --policy "$tmp/policy"
t policy_grant_is_in_the_annotation 0 "integrity: may load; caps: -; helpers: bpf_map_lookup_elem bpf_map_update_elem bpf_ktime_get_ns" -- "$ba" show "$tmp/p.o"
pol "program count_getpid" "allow helper probe_write_user"
t policy_above_the_ceiling_is_an_error 1 "program count_getpid: level integrity: the policy ($tmp/policy:2) allows helper probe_write_user, which the ceiling for signed programs refuses at this level" -- \
	"$ba" seal "$tmp/tp_counter.o" -o "$tmp/p.o" --policy "$tmp/policy"
pol "program *" "allow cap kernel_stack"
t policy_capability_above_the_ceiling 1 "level confidentiality: the policy ($tmp/policy:2) allows capability kernel_stack, which the ceiling for signed programs refuses at this level" -- \
	"$ba" seal "$tmp/tp_counter.o" -o "$tmp/p.o" --policy "$tmp/policy"
pol "program *" "level none integrity" "allow cap kernel_stack" "level integrity" "deny cap kernel_stack"
t policy_drops_a_capability_per_level 0 "none: may load; caps: kernel_stack" -- \
	sh -c "'$ba' seal '$tmp/tp_counter.o' -o '$tmp/p.o' --policy '$tmp/policy' 2>/dev/null && '$ba' show '$tmp/p.o'"
t policy_dropped_capability_is_gone 0 "integrity: may load; caps: -" -- "$ba" show "$tmp/p.o"
pol "program nanosleep_ksym" "level integrity" "deny cap ksym"
t policy_denying_a_needed_capability_is_an_error 1 "level integrity: the policy ($tmp/policy:3) denies capability ksym, which the code needs for a __ksym address load" -- \
	"$ba" seal "$tmp/kfunc.o" -o "$tmp/p.o" --policy "$tmp/policy"
pol "program exec_kfunc" "deny kfunc bpf_task_release"
t policy_denying_a_called_kfunc_is_an_error 1 "level none: the policy ($tmp/policy:2) denies kfunc bpf_task_release, which the code calls at instruction" -- \
	"$ba" seal "$tmp/kfunc.o" -o "$tmp/p.o" --policy "$tmp/policy"
pol "program nosuch" "no-load"
t policy_unknown_program 1 "bpf-annotate: $tmp/policy:2: $tmp/tp_counter.o has no program nosuch" -- \
	"$ba" seal "$tmp/tp_counter.o" -o "$tmp/p.o" --policy "$tmp/policy"
pol "program *" "allow helper no_such_helper"
t policy_unknown_helper 1 "bpf-annotate: $tmp/policy:2: unknown helper 'no_such_helper'" -- \
	"$ba" seal "$tmp/tp_counter.o" -o "$tmp/p.o" --policy "$tmp/policy"
pol "allow helper ktime_get_ns"
t policy_line_before_program 1 "bpf-annotate: $tmp/policy:1: 'allow' before any 'program' line" -- \
	"$ba" seal "$tmp/tp_counter.o" -o "$tmp/p.o" --policy "$tmp/policy"
pol "program *" "level paranoid"
t policy_unknown_level 1 "bpf-annotate: $tmp/policy:2: unknown level 'paranoid'" -- \
	"$ba" seal "$tmp/tp_counter.o" -o "$tmp/p.o" --policy "$tmp/policy"

# policies: allow and deny attach KIND [POINT...]; kinds per level, points
# per program
apol() {	# apol NAME STATUS OUTPUT LINE...: seal attach_kinds with a policy
	local name=$1 want=$2 out=$3
	shift 3
	pol "$@"
	t "$name" "$want" "$out" -- "$ba" seal "$ak" -o "$tmp/ap.o" --policy "$tmp/policy"
}
apol policy_allow_attach_point 0 "sealed" "program at_kprobe" "allow attach kprobe do_sys_openat2 kprobe:vfs_read*"
t policy_allowed_points_are_in_the_annotation 0 "at_kprobe: version 2; none: kprobe; integrity: kprobe; confidentiality: kprobe; points: kprobe:do_nanosleep kprobe:do_sys_openat2 kprobe:vfs_read*" -- \
	"$lt" annot-attach "$tmp/ap.o"
apol policy_allowing_an_attach_point_the_section_does_not_name_warns 0 \
	"bpf-annotate: warning: $ak: program at_kprobe: the policy ($tmp/policy:2) allows attach point kprobe:do_sys_openat2, which its section kprobe/do_nanosleep does not name" \
	"program at_kprobe" "allow attach kprobe do_sys_openat2"
apol policy_allowing_an_attach_kind_the_section_does_not_name_warns 0 \
	"bpf-annotate: warning: $ak: program at_kprobe: level integrity: the policy ($tmp/policy:3) allows attach kind kretprobe, which its section kprobe/do_nanosleep does not name" \
	"program at_kprobe" "level integrity" "allow attach kretprobe kretprobe:do_nanosleep"
t policy_attach_kind_per_level 0 "at_kprobe: version 2; none: kprobe; integrity: kprobe kretprobe; confidentiality: kprobe; points: kprobe:do_nanosleep kretprobe:do_nanosleep" -- \
	"$lt" annot-attach "$tmp/ap.o"
apol policy_kind_without_a_point_of_its_kind_warns 0 \
	"program at_kprobe: attach kind kretprobe is allowed, but the annotation names attach points and none of kind kretprobe: the kernel refuses every such attachment" \
	"program at_kprobe" "allow attach kretprobe"
apol policy_deny_attach_kind 0 "sealed" "program at_cg_skb" "deny attach cgroup_inet_egress"
t policy_denied_attach_kind_is_gone 0 "at_cg_skb: version 2; none: cgroup_inet_ingress; integrity: cgroup_inet_ingress; confidentiality: cgroup_inet_ingress; points: -" -- \
	"$lt" annot-attach "$tmp/ap.o"
apol policy_deny_attach_point 0 "sealed" "program at_tp" "allow attach tracepoint syscalls:sys_enter_getpid" \
	"deny attach tracepoint tracepoint:syscalls:sys_enter_getppid"
t policy_denied_attach_point_is_gone 0 "at_tp: version 2; none: tracepoint; integrity: tracepoint; confidentiality: tracepoint; points: tracepoint:syscalls:sys_enter_getpid" -- \
	"$lt" annot-attach "$tmp/ap.o"
apol policy_denying_every_attach_kind_of_a_level_is_an_error 1 \
	"bpf-annotate: $ak: program at_kprobe: level confidentiality: the policy ($tmp/policy:3) denies every attach kind, and an empty set allows what the load fixed: add no-load for this level, or allow another kind" \
	"program at_kprobe" "level confidentiality" "deny attach kprobe"
apol policy_deny_every_attach_kind_with_no_load 0 "sealed" \
	"program at_kprobe" "level confidentiality" "deny attach kprobe" "no-load"
t policy_no_load_level_has_no_attach_kind 0 "at_kprobe: version 2; none: kprobe; integrity: kprobe; confidentiality: -; points: kprobe:do_nanosleep" -- \
	"$lt" annot-attach "$tmp/ap.o"
apol policy_denying_the_last_attach_point_is_an_error 1 \
	"bpf-annotate: $ak: program at_kprobe: the policy ($tmp/policy:2) denies its last attach point, which would let it attach anywhere its kinds reach: deny the attach kind, or allow another point" \
	"program at_kprobe" "deny attach kprobe do_nanosleep"
apol policy_xdp_mode_point 0 "sealed" "program at_xdp" "allow attach xdp drv skb"
t policy_xdp_mode_point_is_in_the_annotation 0 "at_xdp: version 2; none: xdp; integrity: xdp; confidentiality: xdp; points: xdp:drv xdp:skb" -- \
	"$lt" annot-attach "$tmp/ap.o"
apol policy_kprobe_multi_takes_kretprobe_points 0 "sealed" "program at_kmulti" "allow attach trace_kprobe_multi kretprobe:do_nanosleep"
apol policy_unknown_attach_kind 1 "bpf-annotate: $tmp/policy:2: unknown attach kind 'kprobes' (an attach type in lower case without BPF_" \
	"program *" "allow attach kprobes"
apol policy_attach_type_by_name 0 "sealed" "program at_cg_ingress" "allow attach cgroup_inet_egress"
apol policy_malformed_attach_point 1 "bpf-annotate: $tmp/policy:2: malformed attach point 'kprobe:do-nanosleep', which is not KIND:WHERE of a known kind" \
	"program at_kprobe" "allow attach kprobe do-nanosleep"
apol policy_relative_uprobe_path 1 "bpf-annotate: $tmp/policy:2: malformed attach point 'uprobe:libc.so.6'" \
	"program at_uprobe" "allow attach uprobe libc.so.6"
apol policy_attach_point_of_another_kind 1 "bpf-annotate: $tmp/policy:3: attach kind kprobe takes points of kind kprobe, not 'tracepoint:syscalls:sys_enter_getpid'" \
	"program at_kprobe" "" "allow attach kprobe tracepoint:syscalls:sys_enter_getpid"
apol policy_attach_kind_without_points 1 "bpf-annotate: $tmp/policy:2: attach kind socket takes no attach points" \
	"program at_socket" "deny attach socket eth0"
apol policy_attach_usage 1 "bpf-annotate: $tmp/policy:2: usage: allow helper|kfunc|cap NAME, or allow attach KIND [POINT...]" \
	"program at_kprobe" "allow attach"

# digest and signatures
t digest_prints_each_program 0 "exec_kfunc " -- "$ba" digest "$tmp/kfunc.o"
t digest_json 0 '[{"name":"exec_kfunc","digest":"' -- "$ba" -j digest "$tmp/kfunc.o"
t digest_out_needs_one_program 2 "digest -o FILE needs --prog NAME" -- "$ba" digest "$tmp/kfunc.o" -o "$tmp/d"
t digest_is_stable_across_sealing 0 "" -- sh -c "'$ba' digest '$tmp/execsnoop.o' > '$tmp/d1' && '$ba' digest '$tmp/e2.o' > '$tmp/d2' && cmp '$tmp/d1' '$tmp/d2'"
cp "$tmp/execsnoop.o" "$tmp/rsa.o"
t sign_rsa_in_place 0 "snoop_exec: signed (" -- \
	"$ba" sign "$tmp/rsa.o" -k "$keys/signing_key.pem" -c "$keys/cert.pem"
t verify_rsa_pem 0 "snoop_exec: OK" -- "$ba" verify "$tmp/rsa.o" -c "$keys/cert.pem"
t verify_rsa_der 0 "snoop_exec: OK" -- "$ba" verify "$tmp/rsa.o" -c "$keys/cert.der"
t verify_json 0 '[{"name":"snoop_exec","ok":true}]' -- "$ba" -j verify "$tmp/rsa.o" -c "$keys/cert.pem"
t sign_keeps_what_is_signed 0 "" -- sh -c "'$ba' digest '$tmp/rsa.o' | cmp - '$tmp/d1'"
t signed_object_is_still_readable 0 "<snoop_exec>:" -- llvm-objdump -d "$tmp/rsa.o"
t show_signed 0 "69 instructions, signed" -- "$ba" show "$tmp/rsa.o"
"$ba" sign "$tmp/execsnoop.o" -k "$keys/signing_key.pem" -c "$keys/cert.pem" -o "$tmp/rsa2.o" >/dev/null
t sign_is_deterministic_for_rsa 0 "" -- cmp "$tmp/rsa.o" "$tmp/rsa2.o"
t sign_output_leaves_input_unsigned 0 "not signed" -- "$ba" show "$tmp/execsnoop.o"
t sign_ecdsa 0 "exec_kfunc: signed (" -- \
	"$ba" sign "$tmp/kfunc.o" -k "$gk/ec.key" -c "$gk/ec.pem" -o "$tmp/ec.o"
t verify_ecdsa 0 "nanosleep_ksym: OK" -- "$ba" verify "$tmp/ec.o" -c "$gk/ec.pem"
t verify_wrong_certificate 1 "bpf-annotate: $tmp/ec.o: program exec_kfunc: the signature does not verify with $keys/cert.pem: signer certificate not found" -- \
	"$ba" verify "$tmp/ec.o" -c "$keys/cert.pem"
t sign_key_does_not_match_certificate 1 "bpf-annotate: $gk/untrusted.key: the private key does not match the certificate $keys/cert.pem" -- \
	"$ba" sign "$tmp/execsnoop.o" -k "$gk/untrusted.key" -c "$keys/cert.pem" -o "$tmp/x.o"
"$ba" sign "$tmp/execsnoop.o" -k "$gk/untrusted.key" -c "$gk/untrusted.pem" -o "$tmp/untrusted.o" >/dev/null
t verify_untrusted_signer 1 "the signature does not verify with $keys/cert.pem" -- \
	"$ba" verify "$tmp/untrusted.o" -c "$keys/cert.pem"
t verify_unsigned 1 "bpf-annotate: $tmp/execsnoop.o: program snoop_exec: not signed" -- \
	"$ba" verify "$tmp/execsnoop.o" -c "$keys/cert.pem"
t sign_missing_key 1 "bpf-annotate: $tmp/nokey: cannot open the private key" -- \
	"$ba" sign "$tmp/execsnoop.o" -k "$tmp/nokey" -c "$keys/cert.pem" -o "$tmp/x.o"
t sign_bad_certificate 1 "bpf-annotate: $tmp/text: not a PEM or DER certificate" -- \
	"$ba" sign "$tmp/execsnoop.o" -k "$keys/signing_key.pem" -c "$tmp/text" -o "$tmp/x.o"
t sign_unknown_program 1 "bpf-annotate: $tmp/execsnoop.o: no program nosuch" -- \
	"$ba" sign "$tmp/execsnoop.o" -k "$keys/signing_key.pem" -c "$keys/cert.pem" --prog nosuch

# many objects in one process: a bad object in the middle is named, the
# others are still written, and the outputs are those of one at a time
mkdir -p "$tmp/many"
cp "$tmp/text" "$tmp/many/junk.bpf.o"
t seal_many_names_the_bad_object 1 "bpf-annotate: $tmp/many/junk.bpf.o: not an ELF file" -- \
	"$ba" seal "$st/execsnoop.bpf.o" "$tmp/many/junk.bpf.o" "$st/tp_counter.bpf.o" -d "$tmp/sealed"
t seal_many_one_line_per_bad_object 0 "1" -- sh -c "'$ba' seal '$st/execsnoop.bpf.o' '$tmp/many/junk.bpf.o' '$st/tp_counter.bpf.o' -d '$tmp/sealed' 2>&1 >/dev/null | wc -l"
t seal_many_writes_the_others 0 "" -- \
	test -f "$tmp/sealed/execsnoop.bpf.o" -a -f "$tmp/sealed/tp_counter.bpf.o" -a ! -e "$tmp/sealed/junk.bpf.o"
t seal_many_prints_the_output 1 "$tmp/sealed/tp_counter.bpf.o: count_getpid: sealed; may load at:" -- \
	"$ba" seal "$st/execsnoop.bpf.o" "$tmp/many/junk.bpf.o" "$st/tp_counter.bpf.o" -d "$tmp/sealed"
t seal_many_is_seal_one_at_a_time 0 "" -- cmp "$tmp/sealed/execsnoop.bpf.o" "$tmp/execsnoop.o"
t seal_many_json 1 '{"object":"'"$tmp"'/many/junk.bpf.o","error":"'"$tmp"'/many/junk.bpf.o: not an ELF file"}' -- \
	"$ba" -j seal "$st/execsnoop.bpf.o" "$tmp/many/junk.bpf.o" -d "$tmp/sealed"
mkdir -p "$tmp/dup" && cp "$st/execsnoop.bpf.o" "$tmp/dup/"
t seal_many_same_name_is_refused 1 "bpf-annotate: $tmp/dup/execsnoop.bpf.o: $tmp/dupout/execsnoop.bpf.o would overwrite the output of $st/execsnoop.bpf.o" -- \
	"$ba" seal "$st/execsnoop.bpf.o" "$tmp/dup/execsnoop.bpf.o" -d "$tmp/dupout"
t seal_output_and_dir_exclusive 2 "usage: seal" -- \
	"$ba" seal "$st/execsnoop.bpf.o" -o "$tmp/x.o" -d "$tmp/sealed"
t seal_sign_needs_key_and_cert 2 "usage: seal" -- \
	"$ba" seal "$st/execsnoop.bpf.o" -d "$tmp/sealed" --sign -k "$keys/signing_key.pem"
t seal_sign_many 1 "$tmp/signed/execsnoop.bpf.o: snoop_exec: signed (" -- \
	"$ba" seal "$st/execsnoop.bpf.o" "$tmp/many/junk.bpf.o" "$st/tp_counter.bpf.o" -d "$tmp/signed" \
	--sign -k "$keys/signing_key.pem" -c "$keys/cert.pem"
t seal_sign_is_seal_then_sign 0 "" -- cmp "$tmp/signed/execsnoop.bpf.o" "$tmp/rsa2.o"
t seal_sign_many_verifies 0 "count_getpid: OK" -- "$ba" verify "$tmp/signed/tp_counter.bpf.o" -c "$keys/cert.pem"
cp "$tmp/sealed/execsnoop.bpf.o" "$tmp/sealed/tp_counter.bpf.o" "$tmp/many/"
t sign_many_names_the_bad_object 1 "bpf-annotate: $tmp/many/junk.bpf.o: not an ELF file" -- \
	"$ba" sign "$tmp/many/execsnoop.bpf.o" "$tmp/many/junk.bpf.o" "$tmp/many/tp_counter.bpf.o" \
	-k "$keys/signing_key.pem" -c "$keys/cert.pem"
t sign_many_signs_the_others 0 "" -- cmp "$tmp/many/tp_counter.bpf.o" "$tmp/signed/tp_counter.bpf.o"
t sign_many_is_sign_one_at_a_time 0 "" -- cmp "$tmp/many/execsnoop.bpf.o" "$tmp/rsa2.o"
t sign_many_json 0 '[{"object":"'"$tmp"'/many/execsnoop.bpf.o","programs":[{"name":"snoop_exec","signature_size":' -- \
	"$ba" -j sign "$tmp/many/execsnoop.bpf.o" "$tmp/many/tp_counter.bpf.o" \
	-k "$keys/signing_key.pem" -c "$keys/cert.pem"
t sign_many_output_needs_one_object 2 "usage: sign OBJ... -k KEY -c CERT [-o OUT] [--prog NAME]" -- \
	"$ba" sign "$tmp/many/execsnoop.bpf.o" "$tmp/many/tp_counter.bpf.o" -o "$tmp/x.o" \
	-k "$keys/signing_key.pem" -c "$keys/cert.pem"
t sign_many_bad_key_signs_nothing 1 "bpf-annotate: $tmp/nokey: cannot open the private key" -- \
	"$ba" sign "$tmp/many/execsnoop.bpf.o" "$tmp/many/tp_counter.bpf.o" -k "$tmp/nokey" -c "$keys/cert.pem"

python3 "$edit" flip "$tmp/rsa.o" "$tmp/flip.o" snoop_exec insns
t verify_flipped_instruction_is_named 1 "program snoop_exec: the signature does not match: instructions or kfunc/ksym names changed since it was signed" -- \
	"$ba" verify "$tmp/flip.o" -c "$keys/cert.pem"
python3 "$edit" flip "$tmp/rsa.o" "$tmp/flip.o" snoop_exec map-data
t verify_flipped_rodata_is_named 1 "the signature does not match: map descriptors or sealed map contents changed since it was signed" -- \
	"$ba" verify "$tmp/flip.o" -c "$keys/cert.pem"
python3 "$edit" flip "$tmp/rsa.o" "$tmp/flip.o" snoop_exec license
t verify_flipped_license_is_named 1 "the signature does not match: program type, attach target, name or license changed since it was signed" -- \
	"$ba" verify "$tmp/flip.o" -c "$keys/cert.pem"

# a signing server: digest out, openssl cms in, attach-sig
"$ba" digest "$tmp/execsnoop.o" --prog snoop_exec -o "$tmp/digest.bin"
t digest_file_has_32_bytes 0 "32" -- sh -c "wc -c < '$tmp/digest.bin'"
openssl cms -sign -binary -noattr -outform DER -nocerts -md sha256 -signer "$keys/cert.pem" \
	-inkey "$keys/signing_key.pem" -in "$tmp/digest.bin" -out "$tmp/ext.sig"
t attach_sig 0 "snoop_exec: signature attached (" -- \
	"$ba" attach-sig "$tmp/execsnoop.o" --prog snoop_exec "$tmp/ext.sig" -o "$tmp/ext.o"
t attach_sig_verifies 0 "snoop_exec: OK" -- "$ba" verify "$tmp/ext.o" -c "$keys/cert.pem"
t attach_sig_equals_sign_for_rsa 0 "" -- cmp "$tmp/ext.o" "$tmp/rsa.o"
openssl cms -sign -binary -noattr -outform DER -nocerts -md sha256 -signer "$gk/ec.pem" \
	-inkey "$gk/ec.key" -in "$tmp/digest.bin" -out "$tmp/ext-ec.sig"
"$ba" attach-sig "$tmp/execsnoop.o" --prog snoop_exec "$tmp/ext-ec.sig" -o "$tmp/ext-ec.o" >/dev/null
t attach_sig_ecdsa_verifies 0 "snoop_exec: OK" -- "$ba" verify "$tmp/ext-ec.o" -c "$gk/ec.pem"
t attach_sig_not_der 1 "bpf-annotate: $tmp/execsnoop.o: program snoop_exec: the signature is not a DER PKCS#7 structure" -- \
	"$ba" attach-sig "$tmp/execsnoop.o" --prog snoop_exec "$tmp/text" -o "$tmp/x.o"
head -c 9000 /dev/zero > "$tmp/big.sig"
t attach_sig_too_large 1 "the signature has 9000 bytes, more than the kernel's 8192" -- \
	"$ba" attach-sig "$tmp/execsnoop.o" --prog snoop_exec "$tmp/big.sig" -o "$tmp/x.o"
t attach_sig_needs_prog 2 "bpf-annotate: usage: attach-sig OBJ --prog NAME SIGFILE [-o OUT]" -- \
	"$ba" attach-sig "$tmp/execsnoop.o" "$tmp/ext.sig"
t load_attach_needs_pin 2 "bpf-annotate: usage: load --attach needs --pin DIR" -- \
	"$ba" load --attach "$tmp/rsa.o"
t load_perf_freq_needs_attach 2 "bpf-annotate: usage: load: --perf-freq and --ifname need --attach" -- \
	"$ba" load --perf-freq 99 "$tmp/rsa.o"
t load_perf_freq_zero 2 "bpf-annotate: usage: load: --perf-freq needs a frequency in Hz above 0" -- \
	"$ba" load --attach --pin /tmp --perf-freq 0 "$tmp/rsa.o"
t load_unknown_interface 1 "bpf-annotate: load: no interface nosuch0: No such device" -- \
	"$ba" load --attach --pin /tmp --ifname nosuch0 "$tmp/rsa.o"
t load_unsealed_object 1 "not sealed (no .bpf_lockdown section)" -- "$ba" load "$st/tp_counter.bpf.o"

# a damaged .bpf_lockdown section is refused with where and what
for c in "version:unsupported version 2 (this bpf-annotate reads 1) at offset 4" \
	"total-size:total size" "record-length:record 1 of 2147483647 bytes is truncated at offset 16" \
	"map-index:map events has index 7, expected 0"; do
	python3 "$edit" corrupt "$tmp/execsnoop.o" "$tmp/bad.o" "${c%%:*}"
	t "show_refuses_bad_section_${c%%:*}" 1 "bpf-annotate: $tmp/bad.o: .bpf_lockdown: ${c#*:}" -- \
		"$ba" show "$tmp/bad.o"
done

# scan: per program calls, maps and the unsigned tier's verdict per level
t scan_counter_allowed_at_integrity 0 "    integrity:       allowed" -- "$ba" scan "$st/tp_counter.bpf.o"
t scan_counter_allowed_at_confidentiality 0 "    confidentiality: allowed" -- \
	"$ba" scan "$st/tp_counter.bpf.o"
t scan_lists_helpers_with_ids 0 "    helpers:         bpf_map_lookup_elem#1" -- "$ba" scan "$st/tp_counter.bpf.o"
t scan_lists_maps_with_types 0 "    maps:            counts (array)" -- "$ba" scan "$st/tp_counter.bpf.o"
t scan_lsm_denied_at_integrity_by_program_type 0 \
	"    integrity:       denied: program type lsm (modifies-kernel-behaviour)" -- \
	"$ba" scan "$st/lsm_open.bpf.o"
t scan_lsm_attach_type_and_target 0 "    attach target:   bpf_lsm_file_open" -- \
	"$ba" scan "$st/lsm_open.bpf.o"
t scan_xdp_denied_as_writes_packets 0 "    integrity:       denied: program type xdp (writes-packets)" -- \
	"$ba" scan "$st/xdp_pass.bpf.o"
t scan_current_task_blocks_confidentiality 0 \
	"    confidentiality: denied: calls bpf_get_current_task#35 (leaks-kernel-address)" -- \
	"$ba" scan "$st/execsnoop.bpf.o"
t scan_kfunc_program_allowed_at_integrity 0 "  program exec_kfunc" -- "$ba" scan "$st/kfunc.bpf.o"
t scan_kfunc_blocks_confidentiality 0 \
	"    confidentiality: denied: calls kfunc bpf_task_from_pid (reads-kernel-memory)" -- \
	"$ba" scan "$st/kfunc.bpf.o"
t scan_lists_kfuncs 0 "    kfuncs:          bpf_rcu_read_lock bpf_task_from_pid bpf_task_release bpf_rcu_read_unlock" -- \
	"$ba" scan "$st/kfunc.bpf.o"
t scan_lists_capabilities 0 "    capabilities:    btf_read ksym" -- "$ba" scan "$st/kfunc.bpf.o"
t scan_json_lsm_verdict 0 '"unsigned":{"integrity":{"verdict":"denied","blocked_by":[{"kind":"program","name":"lsm","id":29,"class":"modifies-kernel-behaviour","text":"program type lsm (modifies-kernel-behaviour)"}]}' -- \
	"$ba" -j scan "$st/lsm_open.bpf.o"
t scan_json_parses 0 "ok" -- sh -c "'$ba' -j scan '$st/kfunc.bpf.o' '$st/tp_counter.bpf.o' | python3 -c 'import json,sys; d=json.load(sys.stdin); p=d[0][\"programs\"][0]; c=d[1][\"programs\"][0]; print(\"ok\" if p[\"unsigned\"][\"integrity\"][\"verdict\"] == \"allowed\" and p[\"unsigned\"][\"confidentiality\"][\"blocked_by\"][0][\"name\"] == \"bpf_task_from_pid\" and c[\"helpers\"] == [{\"name\": \"bpf_map_lookup_elem\", \"id\": 1}] and c[\"unsigned\"][\"confidentiality\"][\"verdict\"] == \"allowed\" else d)'"
t scan_not_an_elf 1 "bpf-annotate: $tmp/text: not an ELF file" -- "$ba" scan "$tmp/text"
t scan_missing_object 1 "bpf-annotate: $tmp/nope.o: No such file or directory" -- "$ba" scan "$tmp/nope.o"
t scan_goes_on_after_a_bad_object 1 "    integrity:       allowed" -- \
	"$ba" scan "$tmp/text" "$st/tp_counter.bpf.o"
t scan_json_names_the_bad_object 1 '{"object":"'"$tmp"'/text","error":"'"$tmp"'/text: not an ELF file"}' -- \
	"$ba" -j scan "$tmp/text"
t scan_kconfig_object_has_no_unsealable_note 0 "    maps:            kconfig.kconfig (array) kconfig_.bss (array)" -- \
	"$ba" scan "$st/kconfig_user.bpf.o"
t scan_unsealable_object_has_verdicts 0 "    integrity:       allowed" -- "$ba" scan "$st/bad_typeless.bpf.o"
# a symbol table that is not one (NOBITS, outside the file): refused, not read
python3 "$edit" symtab-nobits "$st/bad_typeless.bpf.o" "$tmp/nobits.o"
t scan_symtab_outside_the_file_is_refused 1 "bpf-annotate: $tmp/nobits.o: elf: couldn't find symbol table in nobits, stripped object file?" -- \
	"$ba" scan "$tmp/nobits.o"
t scan_typeless_ksym_is_named 0 "  cannot be sealed: program uses_typeless: typeless ksym bpf_prog_active cannot be signed: its address varies per boot" -- \
	"$ba" scan "$st/bad_typeless.bpf.o"
t scan_unnamed_btf_parameter_is_named 0 "  cannot be sealed: function naked_param: parameter 1 has no name in BTF" -- \
	"$ba" scan "$st/bad_naked.bpf.o"
t scan_json_unsealable 0 '"unsealable":"program uses_typeless: typeless ksym bpf_prog_active cannot be signed: its address varies per boot","programs":[{"name":"uses_typeless",' -- \
	"$ba" -j scan "$st/bad_typeless.bpf.o"
t seal_still_refuses_what_scan_reports 1 "bpf-annotate: $st/bad_typeless.bpf.o: program uses_typeless: typeless ksym bpf_prog_active cannot be signed: its address varies per boot" -- \
	"$ba" seal "$st/bad_typeless.bpf.o" -o "$tmp/x.o"
t audit_counts_unsealable_objects 0 "  objects that cannot be sealed:    1" -- \
	"$ba" audit "$st/bad_typeless.bpf.o" "$st/kconfig_user.bpf.o"
t audit_lists_unsealable_objects 0 "  $st/bad_typeless.bpf.o: program uses_typeless: typeless ksym bpf_prog_active cannot be signed" -- \
	"$ba" audit "$st/bad_typeless.bpf.o" "$st/kconfig_user.bpf.o"
t scan_needs_an_object 2 "bpf-annotate: usage: scan [--tier FILE] [--kernel-reads] OBJ..." -- "$ba" scan
t scan_help 0 "Usage: bpf-annotate [-j] scan [--tier FILE] [--kernel-reads] OBJ..." -- "$ba" scan -h
t help_lists_scan_and_audit 0 "audit [--tier FILE] [--kernel-reads] PATH..." -- "$ba" help

# audit: a tree of objects, in byte order, with totals
dist=$tmp/dist
mkdir -p "$dist/a" "$dist/b/c"
cp "$st/tp_counter.bpf.o" "$st/execsnoop.bpf.o" "$dist/a/"
cp "$st/lsm_open.bpf.o" "$st/xdp_pass.bpf.o" "$dist/b/"
cp "$st/kfunc.bpf.o" "$st/observe.bpf.o" "$dist/b/c/"
echo "not an object" > "$dist/README"
t audit_dir_counts_objects 0 "  objects:                          6" -- "$ba" audit "$dist"
t audit_dir_counts_programs 0 "  programs:                         7" -- "$ba" audit "$dist"
t audit_dir_unsigned_at_integrity 0 "  run unsigned at integrity:        5" -- "$ba" audit "$dist"
t audit_dir_unsigned_at_confidentiality 0 "  run unsigned at confidentiality:  2" -- "$ba" audit "$dist"
t audit_dir_need_a_signature 0 "  need a signature:                 5" -- "$ba" audit "$dist"
t audit_names_what_forces_a_signature 0 "      1     1  program type lsm (modifies-kernel-behaviour)" -- \
	"$ba" audit "$dist"
t audit_counts_blockers_per_level 0 "      0     3  needs btf_pointer_read for a BTF-typed tracing or LSM program (reads-kernel-memory)" -- \
	"$ba" audit "$dist"
t audit_walks_in_byte_order 0 "a/execsnoop.bpf.o a/tp_counter.bpf.o b/c/kfunc.bpf.o b/c/kfunc.bpf.o b/c/observe.bpf.o b/lsm_open.bpf.o b/xdp_pass.bpf.o" -- \
	sh -c "'$ba' audit '$dist' | awk 'NR > 1 && NF == 0 { exit } NR > 1 { sub(\".*/dist/\", \"\", \$1); printf \"%s \", \$1 }'"
t audit_skips_files_that_are_not_objects 0 "" -- sh -c "! '$ba' audit '$dist' 2>&1 | grep -q README"
"$ba" audit "$dist" > "$tmp/audit1"
t audit_is_deterministic 0 "" -- sh -c "'$ba' audit '$dist' | cmp - '$tmp/audit1'"
t audit_json_totals 0 '"totals":{"objects":6,"unreadable":0,"unsealable":0,"programs":7,"unsigned_integrity":5,"unsigned_confidentiality":2,"needs_signature":5,"needs_signature_unsealable":0}}' -- \
	"$ba" -j audit "$dist"
t audit_json_per_program 0 '{"name":"allow_open","section":"lsm/file_open","prog_type":"lsm","unsigned":{"integrity":false,"confidentiality":false},"needs_signature":true,"blocked_by":{"integrity":[{"kind":"program","name":"lsm","id":29,' -- \
	"$ba" -j audit "$dist"
t audit_json_parses 0 "ok" -- sh -c "'$ba' -j audit '$dist' | python3 -c 'import json,sys; d=json.load(sys.stdin); o=[p for x in d[\"objects\"] for p in x[\"programs\"] if p[\"name\"] == \"count_getpid\"]; print(\"ok\" if d[\"tier\"] == \"built-in\" and o[0][\"unsigned\"] == {\"integrity\": True, \"confidentiality\": True} and d[\"blockers\"][0][\"programs\"] == {\"integrity\": 0, \"confidentiality\": 3} else d)'"
t audit_json_option_after_the_command 0 '"totals":{"objects":6,' -- "$ba" audit -j "$dist"
t scan_json_option_after_the_command 0 '[{"object":"'"$st"'/tp_counter.bpf.o","unsealable":null,"programs":[{"name":"count_getpid",' -- \
	"$ba" scan --json "$st/tp_counter.bpf.o"
t audit_files_and_directories 0 "  objects:                          7" -- \
	"$ba" audit "$st/tp_counter.bpf.o" "$dist"

# the compat reads: their user-memory forms for unsigned programs at
# confidentiality, from the table; a version 3 table, which denied them,
# still reads; the ceiling refuses them to signed programs
cr=$top/build/annotate/progs/compat_read.bpf.o
t scan_compat_reads_allowed_unsigned_at_confidentiality 0 "    confidentiality: allowed" -- \
	"$ba" scan "$cr"
sed 's/ allow user-memory / allow deny /' "$tmp/tier" > "$tmp/tier-v3"
t scan_tier_file_v3_denies_the_compat_reads 0 \
	"    confidentiality: denied: calls bpf_probe_read#4 (reads-kernel-memory)" -- \
	"$ba" scan --tier "$tmp/tier-v3" "$cr"
t audit_compat_reads_run_unsigned_at_confidentiality 0 \
	"  run unsigned at confidentiality:  1" -- "$ba" audit "$cr"
t seal_compat_reads_not_signed_for_confidentiality 0 \
	"read_argv0: sealed; may load at: none, integrity" -- "$ba" seal "$cr" -o "$tmp/cr.o"

# seal --kernel-reads: for kernels whose kernel-reads policy is on, the
# confidentiality level grants the kernel reads the code needs, and ksym
# wherever it grants btf_read (the verifier keeps pointer leaks there only
# with ksym); without it nothing changes
conf() {	# conf OBJ: each program's confidentiality level, from show -j
	"$ba" -j show "$1" | python3 -c 'import json, sys
for p in json.load(sys.stdin):
	c = p["levels"]["confidentiality"]
	print("%s: %s; caps: %s; helpers: %s" % (p["name"], "may load" if c["may_load"] else "no-load",
		" ".join(c.get("caps", [])) or "-", " ".join(c.get("helpers", [])) or "-"))'
}
t seal_kernel_reads_help 0 "[--target SEALED-OBJ[:PROG]] [--kernel-reads]" -- "$ba" help
t seal_kernel_reads_usage 2 "       [--kernel-reads] [--map NAME:max_entries=N,value_size=N]... [--sign -k KEY -c CERT]" -- "$ba" seal
t seal_without_kernel_reads_no_probe_read_kernel_at_confidentiality 0 \
	"snoop_exec: no-load; caps: -; helpers: -" -- conf "$tmp/execsnoop.o"
t seal_kernel_reads_probe_read_kernel 0 \
	"snoop_exec: sealed; may load at: none, integrity, confidentiality" -- \
	"$ba" seal --kernel-reads "$st/execsnoop.bpf.o" -o "$tmp/kr-exec.o"
t seal_kernel_reads_grants_probe_read_kernel_at_confidentiality 0 \
	"snoop_exec: may load; caps: -; helpers: bpf_map_lookup_elem bpf_map_update_elem bpf_get_current_pid_tgid bpf_get_current_uid_gid bpf_get_current_comm bpf_get_current_task bpf_probe_read_kernel bpf_ringbuf_reserve bpf_ringbuf_submit" -- \
	conf "$tmp/kr-exec.o"
t seal_kernel_reads_keeps_integrity 0 "" -- \
	sh -c "'$ba' show '$tmp/execsnoop.o' | grep -v confidentiality > '$tmp/kr1' && '$ba' show '$tmp/kr-exec.o' | grep -v confidentiality | cmp - '$tmp/kr1'"
t seal_without_kernel_reads_no_btf_read_at_confidentiality 0 \
	"exec_kfunc: no-load; caps: -; helpers: -" -- conf "$tmp/kfunc.o"
"$ba" seal --kernel-reads "$st/kfunc.bpf.o" -o "$tmp/kr-kfunc.o" >/dev/null 2>&1
t seal_kernel_reads_btf_read_brings_ksym 0 "exec_kfunc: may load; caps: btf_read ksym; helpers: -" -- \
	conf "$tmp/kr-kfunc.o"
t seal_kernel_reads_btf_read_and_ksym 0 \
	"nanosleep_ksym: may load; caps: btf_read ksym; helpers: bpf_this_cpu_ptr" -- conf "$tmp/kr-kfunc.o"
t seal_kernel_reads_ksym_only_at_confidentiality 0 \
	"  integrity: may load; caps: btf_read; helpers: -; kfuncs: bpf_rcu_read_lock" -- \
	"$ba" show "$tmp/kr-kfunc.o"
"$ba" seal --kernel-reads "$st/lsm_open.bpf.o" -o "$tmp/kr-lsm.o" >/dev/null 2>&1
t seal_kernel_reads_lsm_btf_read_brings_ksym 0 "allow_open: may load; caps: btf_read ksym; helpers: -" -- \
	conf "$tmp/kr-lsm.o"
"$ba" seal --kernel-reads "$st/ksym_percpu.bpf.o" -o "$tmp/kr-ksym.o" >/dev/null
t seal_kernel_reads_ksym_without_btf_read 0 \
	"this_cpu_active: may load; caps: ksym; helpers: bpf_this_cpu_ptr" -- conf "$tmp/kr-ksym.o"
"$ba" seal --kernel-reads "$cr" -o "$tmp/kr-cr.o" >/dev/null
t seal_kernel_reads_compat_reads_at_confidentiality 0 \
	"read_argv0: may load; caps: -; helpers: bpf_map_lookup_elem bpf_probe_read bpf_probe_read_str" -- \
	conf "$tmp/kr-cr.o"
t seal_kernel_reads_without_kernel_reads_in_the_code_is_identical 0 "" -- \
	sh -c "'$ba' seal --kernel-reads '$st/tp_counter.bpf.o' -o '$tmp/kr-c.o' >/dev/null && cmp '$tmp/kr-c.o' '$tmp/tp_counter.o'"
pol "program count_getpid" "level confidentiality" "allow helper probe_read_kernel"
t policy_kernel_read_at_confidentiality_without_kernel_reads 1 \
	"bpf-annotate: $tmp/tp_counter.o: program count_getpid: level confidentiality: the policy ($tmp/policy:3) allows helper probe_read_kernel, which the ceiling for signed programs refuses at this level" -- \
	"$ba" seal "$tmp/tp_counter.o" -o "$tmp/p.o" --policy "$tmp/policy"
t policy_kernel_read_at_confidentiality_with_kernel_reads 0 \
	"bpf-annotate: warning: $tmp/tp_counter.o: program count_getpid: level confidentiality: the policy ($tmp/policy:3) allows helper probe_read_kernel, which the code does not use" -- \
	"$ba" seal "$tmp/tp_counter.o" -o "$tmp/p.o" --policy "$tmp/policy" --kernel-reads
t policy_kernel_read_at_confidentiality_is_granted 0 \
	"count_getpid: may load; caps: -; helpers: bpf_map_lookup_elem bpf_probe_read_kernel" -- conf "$tmp/p.o"
pol "program *" "allow cap kernel_stack"
t policy_capability_within_the_kernel_reads_ceiling 0 "  confidentiality: may load; caps: kernel_stack;" -- \
	sh -c "'$ba' seal '$tmp/tp_counter.o' -o '$tmp/p.o' --policy '$tmp/policy' --kernel-reads 2>/dev/null && '$ba' show '$tmp/p.o'"
pol "program exec_kfunc" "level confidentiality" "deny cap ksym"
t policy_denying_ksym_with_btf_read_at_confidentiality 1 \
	"program exec_kfunc: level confidentiality: the policy ($tmp/policy:3) denies capability ksym, which the code needs for reading through BTF pointers at confidentiality, where the verifier keeps pointer leaks only for a program granted ksym" -- \
	"$ba" seal "$st/kfunc.bpf.o" -o "$tmp/p.o" --policy "$tmp/policy" --kernel-reads
pol "program *" "level confidentiality" "no-load"
t policy_no_load_with_kernel_reads 0 "snoop_exec: sealed; may load at: none, integrity" -- \
	"$ba" seal "$st/execsnoop.bpf.o" -o "$tmp/p.o" --policy "$tmp/policy" --kernel-reads
t scan_without_kernel_reads_binds_no_confidentiality 0 \
	'"attach":{"kinds":{"none":["tracepoint"],"integrity":["tracepoint"],"confidentiality":null}' -- \
	"$ba" -j scan "$st/execsnoop.bpf.o"
t scan_kernel_reads_binds_as_seal_kernel_reads 0 \
	'"attach":{"kinds":{"none":["tracepoint"],"integrity":["tracepoint"],"confidentiality":["tracepoint"]}' -- \
	"$ba" -j scan --kernel-reads "$st/execsnoop.bpf.o"
t scan_kernel_reads_keeps_the_unsigned_verdict 0 \
	"    confidentiality: denied: calls bpf_get_current_task#35 (leaks-kernel-address)" -- \
	"$ba" scan --kernel-reads "$st/execsnoop.bpf.o"
t audit_kernel_reads_binds_as_seal_kernel_reads 0 \
	'"attach":{"kinds":{"none":["tracepoint"],"integrity":["tracepoint"],"confidentiality":["tracepoint"]}' -- \
	"$ba" -j audit --kernel-reads "$st/execsnoop.bpf.o"
t audit_kernel_reads_keeps_the_unsigned_verdicts 0 \
	'"unsigned":{"integrity":true,"confidentiality":false},"needs_signature":true,' -- \
	"$ba" -j audit --kernel-reads "$st/execsnoop.bpf.o"
t audit_kernel_reads_attach_column 0 "tracepoint at tracepoint:sched:sched_process_exec" -- \
	"$ba" audit --kernel-reads "$st/execsnoop.bpf.o"

# seal --kernel-reads warns, once per program, where it grants ksym at
# confidentiality only because btf_read needs it: pointer leaks come with it
kw="ksym is granted because btf_read needs it there, not because the code uses it"
kwarn() {	# kwarn SEAL-ARGS...: the programs seal warns about, their count, its status
	"$ba" seal "$@" >/dev/null 2>"$tmp/kw"
	local rc=$?
	echo "warned:$(grep -F "$kw" "$tmp/kw" | sed 's/.*: program \([^:]*\): .*/ \1/' | tr -d '\n');" \
		"warnings: $(grep -cF "$kw" "$tmp/kw"); exit $rc"
	return $rc
}
t seal_kernel_reads_warns_ksym_for_btf_read 0 \
	"bpf-annotate: warning: $st/iter_task.bpf.o: program dump_task: level confidentiality: $kw: the program may also keep kernel addresses (pointer leaks) at this level" -- \
	"$ba" seal --kernel-reads "$st/iter_task.bpf.o" -o "$tmp/kr-iter.o"
t seal_kernel_reads_ksym_warning_once_per_program 0 "warned: dump_task; warnings: 1; exit 0" -- \
	kwarn --kernel-reads "$st/iter_task.bpf.o" -o "$tmp/kr-iter.o"
t seal_kernel_reads_ksym_warning_leaves_the_grant 0 \
	"dump_task: may load; caps: btf_read ksym; helpers: bpf_seq_printf" -- conf "$tmp/kr-iter.o"
t seal_without_kernel_reads_no_ksym_warning 0 "warned:; warnings: 0; exit 0" -- \
	kwarn "$st/iter_task.bpf.o" -o "$tmp/p.o"
t seal_kernel_reads_ksym_warning_not_for_code_using_ksym 0 \
	"warned: exec_kfunc; warnings: 1; exit 0" -- kwarn --kernel-reads "$st/kfunc.bpf.o" -o "$tmp/p.o"
t seal_kernel_reads_no_ksym_warning_for_ksym_code 0 "warned:; warnings: 0; exit 0" -- \
	kwarn --kernel-reads "$st/ksym_percpu.bpf.o" -o "$tmp/p.o"
t seal_kernel_reads_no_ksym_warning_without_btf_read 0 "warned:; warnings: 0; exit 0" -- \
	kwarn --kernel-reads "$st/execsnoop.bpf.o" -o "$tmp/p.o"
t seal_kernel_reads_ksym_warning_json_on_stderr 0 '[{"name":"dump_task","may_load":["none","integrity","confidentiality"]}]' -- \
	sh -c "'$ba' -j seal --kernel-reads '$st/iter_task.bpf.o' -o '$tmp/p.o' 2>/dev/null"
t seal_kernel_reads_ksym_warning_with_dir 0 "warned: dump_task allow_open; warnings: 2; exit 0" -- \
	kwarn --kernel-reads "$st/iter_task.bpf.o" "$st/lsm_open.bpf.o" -d "$tmp/kw-dir"
pol "program *" "level confidentiality" "no-load"
t seal_kernel_reads_no_ksym_warning_when_the_policy_closes_the_level 0 "warned:; warnings: 0; exit 0" -- \
	kwarn --kernel-reads "$st/iter_task.bpf.o" -o "$tmp/p.o" --policy "$tmp/policy"

# audit against another kernel's table: lsm allowed unsigned, map lookups not
sed 's/^prog 29 lsm deny deny /prog 29 lsm allow allow /' "$tmp/tier" > "$tmp/tier-lsm"
t audit_tier_file_flips_a_verdict 0 "  run unsigned at integrity:        6" -- \
	"$ba" audit --tier "$tmp/tier-lsm" "$dist"
t scan_tier_file_allows_lsm_at_integrity 0 "    integrity:       allowed" -- \
	"$ba" scan --tier "$tmp/tier-lsm" "$st/lsm_open.bpf.o"
sed 's/^helper 1 map_lookup_elem allow allow /helper 1 map_lookup_elem deny deny /' "$tmp/tier" > "$tmp/tier-lookup"
t audit_tier_file_denies_a_helper 0 "      4     4  calls bpf_map_lookup_elem#1 (bpf-internal)" -- \
	"$ba" audit --tier "$tmp/tier-lookup" "$dist"
t scan_tier_file_denies_a_helper 0 "    integrity:       denied: calls bpf_map_lookup_elem#1 (bpf-internal)" -- \
	"$ba" scan --tier "$tmp/tier-lookup" "$st/tp_counter.bpf.o"
t audit_json_names_the_tier_file 0 '{"tier":"'"$tmp"'/tier-lookup","objects":[' -- \
	"$ba" -j audit --tier "$tmp/tier-lookup" "$dist"
grep -v '^prog 29 ' "$tmp/tier" > "$tmp/tier-nolsm"
t audit_tier_file_without_a_program_type_denies_it 0 "program type #29 (unclassified)" -- \
	"$ba" audit --tier "$tmp/tier-nolsm" "$dist"
t audit_tier_file_bad_line 1 "bpf-annotate: $tmp/bad:1: not a tier line" -- \
	"$ba" audit --tier "$tmp/bad" "$dist"
sed '3s/ deny deny / maybe deny /' "$tmp/tier" > "$tmp/tier-verdict"
t audit_tier_file_unknown_verdict 1 "bpf-annotate: $tmp/tier-verdict:3: unknown verdict 'maybe'" -- \
	"$ba" audit --tier "$tmp/tier-verdict" "$dist"
sed '3s/ bpf-internal$/ harmless/;3s/ invalid$/ harmless/' "$tmp/tier" > "$tmp/tier-class"
t audit_tier_file_unknown_class 1 "bpf-annotate: $tmp/tier-class:3: unknown class 'harmless'" -- \
	"$ba" audit --tier "$tmp/tier-class" "$dist"
t audit_tier_file_missing 1 "bpf-annotate: $tmp/nope: No such file or directory" -- \
	"$ba" audit --tier "$tmp/nope" "$dist"

# objects that cannot be read are reported; the audit goes on and exits 1
echo "not an object" > "$dist/b/junk.bpf.o"
t audit_reports_a_non_elf_object 1 "bpf-annotate: $dist/b/junk.bpf.o: not an ELF file" -- \
	"$ba" audit "$dist"
t audit_goes_on_after_a_non_elf_object 1 "  programs:                         7" -- "$ba" audit "$dist"
t audit_counts_unreadable_objects 1 "  objects that could not be read:   1" -- "$ba" audit "$dist"
t audit_lists_unreadable_objects 0 "  $dist/b/junk.bpf.o: not an ELF file" -- \
	sh -c "'$ba' audit '$dist' 2>/dev/null | grep -A1 'could not read:' | tail -1"
t audit_json_unreadable_object 1 '{"object":"'"$dist"'/b/junk.bpf.o","error":"'"$dist"'/b/junk.bpf.o: not an ELF file","unsealable":null,"programs":[]}' -- \
	"$ba" -j audit "$dist"
t audit_missing_path 1 "bpf-annotate: $tmp/nope: No such file or directory" -- "$ba" audit "$tmp/nope" "$dist"
t audit_needs_a_path 2 "bpf-annotate: usage: audit [--tier FILE] [--kernel-reads] PATH..." -- "$ba" audit
t audit_unknown_option 2 "bpf-annotate: usage: audit [--tier FILE] [--kernel-reads] PATH..." -- "$ba" audit --frob "$dist"
t audit_help 0 "Usage: bpf-annotate [-j] audit [--tier FILE] [--kernel-reads] PATH..." -- "$ba" audit -h

# the library, without the kernel
lt=$top/build/tests/annotate_lib_test
t lib_record_seal_write_open_keeps_digests 0 "ok roundtrip" -- \
	"$lt" roundtrip "$st/execsnoop.bpf.o" "$tmp/lib.o"
t lib_digest_hashes_the_15_byte_kernel_name 0 "ok name-truncation" -- \
	"$lt" name-truncation "$tmp/lib.o"
t lib_sign_verify_names_changed_instructions 0 "ok sign-verify" -- \
	"$lt" sign-verify "$tmp/lib.o" "$keys/signing_key.pem" "$keys/cert.pem"
# names resolve in the built kernel's BTF, or the host's before the kernel is built
vmlinux=$top/build/linux/vmlinux
[ -r "$vmlinux" ] || vmlinux=/sys/kernel/btf/vmlinux
t lib_prepare_hook_sees_resolved_components_before_any_syscall 0 "ok prepare" -- \
	"$lt" prepare "$tmp/kfunc.o" "$vmlinux" "$keys/signing_key.pem" "$keys/cert.pem"
python3 "$edit" corrupt "$tmp/execsnoop.o" "$tmp/bad.o" record-length
t lib_open_refuses_bad_section 0 "ok bad-section" -- \
	"$lt" bad-section "$tmp/bad.o" "is truncated at offset 16"
t lib_freplace_is_sealed_with_the_digest_of_its_target 0 "ok freplace" -- \
	"$lt" freplace "$st/freplace_ext.bpf.o" "$st/freplace_target.o" "$tmp/lib-ext.o"
t lib_seal_kernel_reads 0 "ok kernel-reads" -- \
	"$lt" kernel-reads "$st/execsnoop.bpf.o" "$st/kfunc.bpf.o"

# show, scan and audit report where each program may be attached: the
# kinds per level and the points (show: of the annotation; scan and audit:
# what seal would write without a policy)
t show_attach_points 0 "  attach points: tracepoint:syscalls:sys_enter_getpid" -- "$ba" show "$tmp/tp_counter.o"
t show_attach_kinds_per_level 0 "  integrity: may load; caps: -; helpers: bpf_map_lookup_elem; kfuncs: -; attach: tracepoint" -- \
	"$ba" show "$tmp/tp_counter.o"
t show_no_attach_kinds_where_it_may_not_load 0 "  confidentiality: no-load" -- "$ba" show "$tmp/execsnoop.o"
"$ba" seal "$st/freplace_ext.bpf.o" -o "$tmp/ext-show.o" --target "$st/freplace_target.o" >/dev/null
t show_empty_attach_kind_set 0 "  none: may load; caps: -; helpers: -; kfuncs: -; attach: what the load fixed" -- \
	"$ba" show "$tmp/ext-show.o"
t show_json_attach 0 "ok" -- sh -c "'$ba' -j show '$tmp/execsnoop.o' | python3 -c 'import json,sys; p=json.load(sys.stdin)[0]; l=p[\"levels\"]; print(\"ok\" if p[\"annotation_version\"] == 2 and p[\"attach_points\"] == [\"tracepoint:sched:sched_process_exec\"] and l[\"integrity\"][\"attach\"] == [\"tracepoint\"] and l[\"confidentiality\"] == {\"may_load\": False} else p)'"
"$lt" downgrade "$tmp/kfunc.o" "$tmp/kfunc-v1.o" >/dev/null
t show_version_1_annotation_binds_nothing 0 "  attach: not bound (annotation version 1)" -- "$ba" show "$tmp/kfunc-v1.o"
t show_json_version_1_annotation 0 '"annotation_version":1,"attach_points":null,' -- "$ba" -j show "$tmp/kfunc-v1.o"
t show_json_version_1_level_attach_is_null 0 '"kfuncs":["bpf_rcu_read_lock","bpf_task_from_pid","bpf_task_release","bpf_rcu_read_unlock"],"attach":null}' -- \
	"$ba" -j show "$tmp/kfunc-v1.o"
printf '%s\n' "program at_xdp" "allow attach xdp drv skb" > "$tmp/policy"
"$ba" seal "$ak" -o "$tmp/ap.o" --policy "$tmp/policy" >/dev/null 2>&1
t show_policy_binding 0 "  attach points: xdp:drv xdp:skb" -- \
	sh -c "'$ba' show '$tmp/ap.o' | sed -n '/^at_xdp:/,/^at_tc:/p'"
t scan_attach_kinds_per_level 0 "    attach kinds:    tracepoint (none, integrity)" -- "$ba" scan "$st/execsnoop.bpf.o"
t scan_attach_kinds_at_every_level 0 "    attach kinds:    kprobe" -- "$ba" scan "$ak"
t scan_attach_points 0 "    attach points:   tracepoint:sched:sched_process_exec" -- "$ba" scan "$st/execsnoop.bpf.o"
t scan_attach_note 0 "    attach note:     section kprobe.multi/*nanosleep: the pattern *nanosleep is neither a name nor a prefix ending in *: the annotation binds the attach kind only" -- \
	"$ba" scan "$ak"
t scan_json_attach 0 '"attach_target":null,"attach":{"kinds":{"none":["tracepoint"],"integrity":["tracepoint"],"confidentiality":null},"points":["tracepoint:sched:sched_process_exec"],"note":null},"helpers":' -- \
	"$ba" -j scan "$st/execsnoop.bpf.o"
t scan_json_attach_of_every_family 0 "ok" -- sh -c "'$ba' -j scan '$ak' | python3 -c 'import json,sys; p={x[\"name\"]: x[\"attach\"] for x in json.load(sys.stdin)[0][\"programs\"]}; ok = p[\"at_cg_skb\"][\"kinds\"][\"integrity\"] == [\"cgroup_inet_ingress\", \"cgroup_inet_egress\"] and p[\"at_reuseport\"][\"kinds\"][\"none\"] == [\"sk_reuseport_select\", \"reuseport\"] and p[\"at_tp_btf\"] == {\"kinds\": {\"none\": [\"trace_raw_tp\"], \"integrity\": [\"trace_raw_tp\"], \"confidentiality\": None}, \"points\": [\"raw_tracepoint:sched_switch\"], \"note\": None} and p[\"at_kmulti_glob\"][\"points\"] == [] and p[\"at_kmulti_glob\"][\"note\"].startswith(\"section kprobe.multi\"); print(\"ok\" if ok else p)'"
t audit_attach_column 0 "tracepoint (none, integrity) at tracepoint:sched:sched_process_exec" -- \
	"$ba" audit "$st/execsnoop.bpf.o"
t audit_attach_header 0 "CONFIDENTIALITY  ATTACH" -- "$ba" audit "$st/execsnoop.bpf.o"
t audit_json_attach 0 '"blocked_by":{"integrity":[],"confidentiality":[]},"attach":{"kinds":{"none":["tracepoint"],"integrity":["tracepoint"],"confidentiality":["tracepoint"]},"points":["tracepoint:syscalls:sys_enter_getpid"],"note":null}}' -- \
	"$ba" -j audit "$st/tp_counter.bpf.o"

# load --attach, and the library, attach only where the annotation allows:
# a refusal names the kind and point before the kernel is asked
kb=$top/build/annotate/progs/kprobe_bound.bpf.o
"$ba" seal "$kb" -o "$tmp/kb.o" >/dev/null
"$ba" seal "$ak" -o "$tmp/ak.o" >/dev/null 2>&1
refusal="its annotation does not allow attaching it as"
t attach_check_allows_the_sealed_point 0 "allowed" -- \
	"$lt" attach-check "$tmp/kb.o" count_nanosleep kprobe do_nanosleep integrity
t attach_check_refuses_another_function 0 "refused (Operation not permitted): $tmp/kb.o: program count_nanosleep: $refusal kprobe at kprobe:do_sys_openat2: its kprobe points are kprobe:do_nanosleep; not asking the kernel, which would refuse it (EPERM)" -- \
	"$lt" attach-check "$tmp/kb.o" count_nanosleep kprobe do_sys_openat2 integrity
t attach_check_refuses_another_kind 0 "$refusal kretprobe at kretprobe:do_nanosleep: level none allows only kprobe" -- \
	"$lt" attach-check "$tmp/kb.o" count_nanosleep kretprobe do_nanosleep none
t attach_check_any_level 0 "$refusal kretprobe at kretprobe:do_nanosleep: no level at which it may load allows attach kind kretprobe" -- \
	"$lt" attach-check "$tmp/kb.o" count_nanosleep kretprobe do_nanosleep any
t attach_check_point_unknown_is_left_to_the_kernel 0 "allowed" -- \
	"$lt" attach-check "$tmp/kb.o" count_nanosleep kprobe - any
t attach_check_multi_link_kind 0 "allowed" -- \
	"$lt" attach-check "$tmp/ak.o" at_kmulti trace_kprobe_multi - integrity
t attach_check_refuses_cgroup_egress 0 "$refusal cgroup_inet_egress: level integrity allows only cgroup_inet_ingress" -- \
	"$lt" attach-check "$tmp/ak.o" at_cg_ingress cgroup_inet_egress - integrity
t attach_check_allows_cgroup_ingress 0 "allowed" -- \
	"$lt" attach-check "$tmp/ak.o" at_cg_ingress cgroup_inet_ingress - integrity
t attach_check_refuses_a_level_it_may_not_load_at 0 "$refusal tracepoint at tracepoint:sched:sched_process_exec: it may not load at level confidentiality" -- \
	"$lt" attach-check "$tmp/execsnoop.o" snoop_exec tracepoint sched:sched_process_exec confidentiality
t attach_check_refuses_another_tracepoint 0 "$refusal tracepoint at tracepoint:syscalls:sys_enter_getpid: its tracepoint points are tracepoint:syscalls:sys_enter_getppid" -- \
	"$lt" attach-check "$tmp/ak.o" at_tp tracepoint syscalls:sys_enter_getpid integrity
t attach_check_version_1_binds_nothing 0 "allowed" -- \
	"$lt" attach-check "$tmp/kfunc-v1.o" exec_kfunc trace_fentry - integrity
t attach_check_empty_kind_set_is_what_the_load_fixed 0 "allowed" -- \
	"$lt" attach-check "$tmp/ext-show.o" new_handler trace_fentry - integrity
t attach_refuses_before_the_kernel 0 "refused (Operation not permitted): $tmp/kb.o: program count_nanosleep: $refusal kprobe at kprobe:do_sys_openat2: its kprobe points are kprobe:do_nanosleep" -- \
	"$lt" attach "$tmp/kb.o" count_nanosleep kprobe:do_sys_openat2
t attach_refuses_a_kprobe_at_an_offset 0 "$refusal kprobe: its kprobe points are kprobe:do_nanosleep, and the kernel names no point for a probe at an offset from its function" -- \
	"$lt" attach "$tmp/kb.o" count_nanosleep kprobe:do_nanosleep+8
printf '%s\n' "program at_uprobe" "allow attach uprobe /usr/bin/*" > "$tmp/policy"
"$ba" seal "$ak" -o "$tmp/ak-u.o" --policy "$tmp/policy" >/dev/null 2>&1
t attach_check_uprobe_prefix_point 0 "allowed" -- \
	"$lt" attach-check "$tmp/ak-u.o" at_uprobe uprobe /usr/bin/env integrity
t attach_check_refuses_a_path_that_is_not_canonical 0 "$refusal uprobe at uprobe:/usr/bin/../sbin/init: its uprobe points are uprobe:/usr/bin/true uprobe:/usr/bin/*, and the kernel names no point for a path that is not absolute and canonical" -- \
	"$lt" attach-check "$tmp/ak-u.o" at_uprobe uprobe /usr/bin/../sbin/init integrity
t attach_refuses_a_kretprobe 0 "$refusal kretprobe at kretprobe:do_nanosleep" -- \
	"$lt" attach "$tmp/kb.o" count_nanosleep kretprobe:do_nanosleep
t attach_refuses_another_raw_tracepoint 0 "$refusal raw_tracepoint at raw_tracepoint:sys_exit: its raw_tracepoint points are raw_tracepoint:sys_enter" -- \
	"$lt" attach "$tmp/ak.o" at_raw_tp raw_tracepoint:sys_exit
t attach_allowed_target_asks_the_kernel 0 "refused (Bad file descriptor): $tmp/ak.o: program at_raw_tp: attaching to raw_tracepoint:sys_enter: Bad file descriptor" -- \
	"$lt" attach "$tmp/ak.o" at_raw_tp raw_tracepoint:sys_enter
t attach_section_target_asks_the_kernel 0 "attaching to raw_tp/sys_enter: Bad file descriptor" -- \
	"$lt" attach "$tmp/ak.o" at_raw_tp -
t attach_refuses_an_xdp_mode_the_policy_leaves_out 0 "$refusal xdp at xdp:hw: its xdp points are xdp:drv xdp:skb" -- \
	"$lt" attach "$tmp/ap.o" at_xdp xdp:hw
t attach_target_of_another_program_type 0 "refused (Invalid argument): $tmp/kb.o: program count_nanosleep: cannot attach a program of type kprobe (section kprobe/do_nanosleep) at tracepoint:syscalls:sys_enter_getpid" -- \
	"$lt" attach "$tmp/kb.o" count_nanosleep tracepoint:syscalls:sys_enter_getpid
# multi-probe links: the kind as the link is created, then each function
# (a kprobe or kretprobe point) or the file (uprobe, uretprobe)
multi="a function of its trace_kprobe_multi link"
t attach_check_multi_allows_its_functions 0 "allowed" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_kmulti trace_kprobe_multi entry do_nanosleep integrity
t attach_check_multi_refuses_a_function_outside_its_points 0 "refused (Operation not permitted): $tmp/ak.o: program at_kmulti: $refusal kprobe at kprobe:do_sys_openat2, $multi: its kprobe points are kprobe:do_nano*; not asking the kernel, which would refuse it (EPERM)" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_kmulti trace_kprobe_multi entry do_nanosleep,do_sys_openat2 integrity
t attach_check_multi_refuses_return_probes 0 "$refusal kretprobe at kretprobe:do_nanosleep, $multi: it names attach points, and none of kind kretprobe" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_kmulti trace_kprobe_multi return do_nanosleep integrity
t attach_check_multi_refuses_another_kind 0 "refused (Operation not permitted): $tmp/ak.o: program at_kmulti: $refusal trace_kprobe_session: level integrity allows only trace_kprobe_multi" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_kmulti trace_kprobe_session entry do_nanosleep integrity
t attach_check_multi_kind_alone 0 "allowed" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_kmulti trace_kprobe_multi entry - any
t attach_check_multi_without_points_binds_the_kind 0 "allowed" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_kmulti_glob trace_kprobe_multi entry do_sys_openat2 integrity
t attach_check_session_allows_its_function 0 "allowed" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_ksession trace_kprobe_session entry do_nanosleep integrity
t attach_check_session_has_no_return_probes 0 "refused (Invalid argument): $tmp/ak.o: program at_ksession: attach kind trace_kprobe_session: a kprobe session has no return probes" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_ksession trace_kprobe_session return do_nanosleep integrity
t attach_check_uprobe_multi_allows_its_file 0 "allowed" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_umulti trace_uprobe_multi entry /usr/bin/true integrity
t attach_check_uprobe_multi_refuses_another_file 0 "refused (Operation not permitted): $tmp/ak.o: program at_umulti: $refusal uprobe at uprobe:/usr/bin/env, the file of its trace_uprobe_multi link: its uprobe points are uprobe:/usr/bin/true; not asking" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_umulti trace_uprobe_multi entry /usr/bin/env integrity
t attach_check_uprobe_multi_refuses_a_path_that_is_not_canonical 0 "$refusal uprobe at uprobe:/usr/bin/../bin/true, the file of its trace_uprobe_multi link: its uprobe points are uprobe:/usr/bin/true, and the kernel names no point for a path that is not absolute and canonical" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_umulti trace_uprobe_multi entry /usr/bin/../bin/true integrity
t attach_check_uprobe_multi_has_one_file 0 "refused (Invalid argument): $tmp/ak.o: program at_umulti: attach kind trace_uprobe_multi: an uprobe_multi link probes one file" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_umulti trace_uprobe_multi entry /usr/bin/true,/usr/bin/env integrity
t attach_check_multi_of_another_kind 0 "refused (Invalid argument): $tmp/ak.o: program at_kprobe: attach kind kprobe: not a multi-probe link" -- \
	"$lt" attach-check-multi "$tmp/ak.o" at_kprobe kprobe entry do_nanosleep integrity
t attach_multi_refuses_before_the_kernel 0 "refused (Operation not permitted): $tmp/ak.o: program at_kmulti: $refusal kprobe at kprobe:do_sys_openat2, $multi: its kprobe points are kprobe:do_nano*" -- \
	"$lt" attach "$tmp/ak.o" at_kmulti kprobe:do_sys_openat2
t attach_multi_allowed_function_asks_the_kernel 0 "refused (Bad file descriptor): $tmp/ak.o: program at_kmulti: attaching to kprobe:do_nanosleep: Bad file descriptor" -- \
	"$lt" attach "$tmp/ak.o" at_kmulti kprobe:do_nanosleep
t attach_multi_refuses_return_probes 0 "$refusal kretprobe at kretprobe:do_nanosleep, $multi: it names attach points, and none of kind kretprobe" -- \
	"$lt" attach "$tmp/ak.o" at_kmulti kretprobe:do_nanosleep
t attach_session_section_asks_the_kernel 0 "refused (Bad file descriptor): $tmp/ak.o: program at_ksession: attaching to kprobe.session/do_nanosleep: Bad file descriptor" -- \
	"$lt" attach "$tmp/ak.o" at_ksession -
t attach_session_refuses_another_function 0 "$refusal kprobe at kprobe:vfs_read, a function of its trace_kprobe_session link: its kprobe points are kprobe:do_nanosleep" -- \
	"$lt" attach "$tmp/ak.o" at_ksession kprobe:vfs_read
t attach_session_target_has_no_return_probes 0 "refused (Invalid argument): $tmp/ak.o: program at_ksession: cannot attach a program of type kprobe (section kprobe.session/do_nanosleep) at kretprobe:do_nanosleep" -- \
	"$lt" attach "$tmp/ak.o" at_ksession kretprobe:do_nanosleep
t attach_uprobe_multi_refuses_another_file 0 "refused (Operation not permitted): $tmp/ak.o: program at_umulti: $refusal uprobe at uprobe:/usr/bin/env, the file of its trace_uprobe_multi link" -- \
	"$lt" attach "$tmp/ak.o" at_umulti uprobe:/usr/bin/env:main
t attach_uprobe_multi_refuses_return_probes 0 "$refusal uretprobe at uretprobe:/usr/bin/true, the file of its trace_uprobe_multi link: it names attach points, and none of kind uretprobe" -- \
	"$lt" attach "$tmp/ak.o" at_umulti uretprobe:/usr/bin/true:main
t attach_uprobe_multi_target_needs_a_pattern 0 "refused (Invalid argument): $tmp/ak.o: program at_umulti: attach target uprobe:/usr/bin/true: an uprobe_multi link is uprobe:PATH:PATTERN" -- \
	"$lt" attach "$tmp/ak.o" at_umulti uprobe:/usr/bin/true
t attach_multi_target_of_another_kind 0 "refused (Invalid argument): $tmp/ak.o: program at_kmulti: cannot attach a program of type kprobe (section kprobe.multi/do_nano*) at uprobe:/usr/bin/true:main" -- \
	"$lt" attach "$tmp/ak.o" at_kmulti uprobe:/usr/bin/true:main
t attach_kprobe_target_is_no_multi_pattern 0 "refused (Operation not permitted): $tmp/kb.o: program count_nanosleep: $refusal kprobe at kprobe:do_nano*: its kprobe points are kprobe:do_nanosleep" -- \
	"$lt" attach "$tmp/kb.o" count_nanosleep "kprobe:do_nano*"
t load_attach_to_needs_attach 2 "bpf-annotate: usage: load: --attach-to and --no-attach-check need --attach" -- \
	"$ba" load --attach-to kprobe:do_sys_openat2 "$tmp/kb.o"
t load_no_attach_check_needs_attach 2 "bpf-annotate: usage: load: --attach-to and --no-attach-check need --attach" -- \
	"$ba" load --no-attach-check "$tmp/kb.o"
t help_lists_attach_to 0 "[--attach-to [PROG=]TARGET] [--no-attach-check]]" -- "$ba" help

# the tier's iterator targets and map types (tier_iter, tier_sockmap and
# tier_map_in_map objects); tier files of older kernels lack both kinds
t tier_classifies_16_iterator_targets 0 "16" -- sh -c "grep -c '^iter ' $tmp/tier"
t tier_classifies_all_34_map_types 0 "34" -- sh -c "grep -c '^map ' $tmp/tier"
t tier_task_iterator_allowed 0 "iter - task allow allow observe" -- cat "$tmp/tier"
t tier_sockmap_denied 0 "map 15 sockmap deny deny controls-network" -- cat "$tmp/tier"
t tier_doc_lists_iterator_targets_and_map_types 0 "Map types (34)" -- "$top/scripts/gen-tier-doc"
t scan_sockmap_refused_at_integrity 0 \
	"    integrity:       denied: uses map sock_map of type sockmap (controls-network)" -- \
	"$ba" scan "$st/tier_sockmap.bpf.o"
t scan_sockmap_refused_at_confidentiality 0 \
	"    confidentiality: denied: uses map sock_map of type sockmap (controls-network)" -- \
	"$ba" scan "$st/tier_sockmap.bpf.o"
t scan_sockmap_lists_the_map 0 "    maps:            sock_map (sockmap)" -- \
	"$ba" scan "$st/tier_sockmap.bpf.o"
t scan_sockmap_spares_the_program_without_it 0 "allowed allowed" -- \
	sh -c "'$ba' scan '$st/tier_sockmap.bpf.o' | sed -n '/program count_hits/,\$p' | awk '/integrity:/ { printf \"%s \", \$2 } /confidentiality:/ { print \$2 }'"
t scan_json_sockmap_item 0 '"blocked_by":[{"kind":"map","name":"sock_map","id":15,"map_type":"sockmap","inner":false,"class":"controls-network","text":"uses map sock_map of type sockmap (controls-network)"}]' -- \
	"$ba" -j scan "$st/tier_sockmap.bpf.o"
t scan_map_in_map_judged_by_its_inner_maps 0 \
	"    integrity:       denied: uses map sock_maps with inner maps of type sockmap (controls-network)" -- \
	"$ba" scan "$st/tier_map_in_map.bpf.o"
t scan_map_in_map_of_arrays_allowed 0 "allowed allowed" -- \
	sh -c "'$ba' scan '$st/tier_map_in_map.bpf.o' | sed -n '/program count_inner/,\$p' | awk '/integrity:/ { printf \"%s \", \$2 } /confidentiality:/ { print \$2 }'"
t scan_json_map_in_map_item 0 '{"kind":"map","name":"sock_maps","id":15,"map_type":"sockmap","inner":true,"class":"controls-network","text":"uses map sock_maps with inner maps of type sockmap (controls-network)"}' -- \
	"$ba" -j scan "$st/tier_map_in_map.bpf.o"
t audit_counts_programs_blocked_by_a_map_type 0 \
	"      1     1  uses map sock_map of type sockmap (controls-network)" -- \
	"$ba" audit "$st/tier_sockmap.bpf.o" "$st/tier_map_in_map.bpf.o"
t scan_iterators_allowed_at_integrity 0 "3" -- \
	sh -c "'$ba' scan '$st/tier_iter.bpf.o' | grep -c '^    integrity:       allowed\$'"
t scan_iterator_attach_target 0 "    attach target:   bpf_iter_bpf_map_elem" -- \
	"$ba" scan "$st/tier_iter.bpf.o"
# a tier file without iter and map lines: targets and map types unchecked
grep -v '^iter \|^map ' "$tmp/tier" > "$tmp/tier-old"
t scan_old_tier_file_loads 0 "3" -- \
	sh -c "'$ba' scan --tier '$tmp/tier-old' '$st/tier_iter.bpf.o' | grep -c '^    integrity:       allowed\$'"
t scan_old_tier_file_leaves_map_types_unchecked 0 "allowed allowed" -- \
	sh -c "'$ba' scan --tier '$tmp/tier-old' '$st/tier_sockmap.bpf.o' | sed -n '/program capture_sock/,/program count_hits/p' | awk '/integrity:/ { printf \"%s \", \$2 } /confidentiality:/ { print \$2 }'"
t audit_old_tier_file 0 "  run unsigned at integrity:        5" -- \
	"$ba" audit --tier "$tmp/tier-old" "$st/tier_iter.bpf.o" "$st/tier_sockmap.bpf.o"
# a tier file that refuses the task iterator, or does not list ksym
sed 's/^iter - task allow allow observe$/iter - task deny deny observe/' "$tmp/tier" > "$tmp/tier-iter"
t scan_tier_file_denies_an_iterator_target 0 "    integrity:       denied: iterator over task (observe)" -- \
	"$ba" scan --tier "$tmp/tier-iter" "$st/tier_iter.bpf.o"
t scan_tier_file_keeps_other_iterator_targets 0 "2" -- \
	sh -c "'$ba' scan --tier '$tmp/tier-iter' '$st/tier_iter.bpf.o' | grep -c '^    integrity:       allowed\$'"
t scan_json_iterator_item 0 '"blocked_by":[{"kind":"iterator","name":"task","class":"observe","text":"iterator over task (observe)"}' -- \
	"$ba" -j scan --tier "$tmp/tier-iter" "$st/tier_iter.bpf.o"
t audit_tier_file_counts_iterator_blocks 0 "      1     1  iterator over task (observe)" -- \
	"$ba" audit --tier "$tmp/tier-iter" "$st/tier_iter.bpf.o"
grep -v '^iter - ksym ' "$tmp/tier" > "$tmp/tier-noksym"
t scan_tier_file_without_an_iterator_target_denies_it 0 \
	"    integrity:       denied: iterator over ksym (unclassified)" -- \
	"$ba" scan --tier "$tmp/tier-noksym" "$st/tier_iter.bpf.o"
sed 's/^map 15 sockmap deny deny /map 15 sockmap allow allow /;s/^map 2 array allow allow /map 2 array deny deny /' \
	"$tmp/tier" > "$tmp/tier-maps"
t scan_tier_file_map_type_verdicts 0 "    integrity:       denied: uses map hits of type array (bpf-internal)" -- \
	"$ba" scan --tier "$tmp/tier-maps" "$st/tier_sockmap.bpf.o"
t scan_tier_file_allows_a_map_type 0 "allowed allowed" -- \
	sh -c "'$ba' scan --tier '$tmp/tier-maps' '$st/tier_sockmap.bpf.o' | sed -n '/program capture_sock/,/program count_hits/p' | awk '/integrity:/ { printf \"%s \", \$2 } /confidentiality:/ { print \$2 }'"
sed 's/^map 15 sockmap /map socks sockmap /' "$tmp/tier" > "$tmp/tier-badmap"
t scan_tier_file_bad_map_id 1 "bpf-annotate: $tmp/tier-badmap:$(grep -n '^map socks ' "$tmp/tier-badmap" | cut -d: -f1): bad map id 'socks'" -- \
	"$ba" scan --tier "$tmp/tier-badmap" "$st/tier_sockmap.bpf.o"
t tier_diff_names_a_map_type 0 "~ map sockmap: deny deny controls-network -> allow allow controls-network" -- \
	"$ba" tier diff "$tmp/tier" "$tmp/tier-maps"

# light skeletons: Debian's bpftool gen skeleton -L (bpftool 7.1, string literals);
# the same header in the opts_data[]/opts_insn[] form of later bpftools
lsk=$st/lskel_plain.lskel.h
cat > "$tmp/newform.py" <<'EOF'
import re, sys
s = open(sys.argv[1]).read()
lit = {}
for name, arr in (("data", "opts_data"), ("insns", "opts_insn")):
    m = re.search(r'\topts\.%s_sz = \d+;\n\topts\.%s = \(void \*\)"\\\n(.*?)";\n' % (name, name), s, re.S)
    lit[name] = m.group(1)
    s = s[:m.start()] + "\topts.%s_sz = sizeof(%s) - 1;\n\topts.%s = (void *)%s;\n" % (name, arr, name, arr) + s[m.end():]
arrays = "".join('\tstatic const char %s[] __attribute__((__aligned__(8))) = "\\\n%s";\n' % (arr, lit[n])
                 for n, arr in (("data", "opts_data"), ("insns", "opts_insn")))
s = s.replace("\topts.ctx = (struct bpf_loader_ctx *)skel;\n", arrays + "\topts.ctx = (struct bpf_loader_ctx *)skel;\n", 1)
sys.stdout.write(s)
EOF
python3 "$tmp/newform.py" "$lsk" > "$tmp/new.lskel.h"
# the bytes of literal NAME (opts.NAME = (void *)"..." or NAME[] = "...") of a header
litbytes() { python3 -c '
import re, sys
s = open(sys.argv[1]).read()
n = re.escape(sys.argv[2])
m = re.search(r"(?:opts\.%s = \(void \*\)|%s\[\] __attribute__\(\(__aligned__\(8\)\)\) = )\"\\\n(.*?)\";" % (n, n), s, re.S)
out = bytearray()
for x in re.findall(r"\\x([0-9a-f]{2})|\\0", m.group(1).replace("\\\n", "")):
    out.append(int(x, 16) if x else 0)
sys.stdout.buffer.write(out)' "$1" "$2"; }
sigder() { litbytes "$1" opts_sig; }
t sign_lskel_needs_key_and_cert 2 "usage: sign-lskel HEADER -k KEY -c CERT [-o OUT] [--annotate] [--kernel-reads]" -- \
	"$ba" sign-lskel "$lsk" -c "$keys/cert.pem"
t sign_lskel_signs_bpftool_7_1_output 0 "$tmp/old.h: light skeleton signed" -- \
	"$ba" sign-lskel "$lsk" -k "$keys/signing_key.pem" -c "$keys/cert.pem" -o "$tmp/old.h"
t sign_lskel_signs_the_array_form 0 "$tmp/new.h: light skeleton signed" -- \
	"$ba" sign-lskel "$tmp/new.lskel.h" -k "$keys/signing_key.pem" -c "$keys/cert.pem" -o "$tmp/new.h"
t sign_lskel_to_stdout 0 "opts.keyring_id = skel->keyring_id;" -- \
	"$ba" sign-lskel "$lsk" -k "$keys/signing_key.pem" -c "$keys/cert.pem"
t sign_lskel_json 0 '{"header":"'"$tmp/j.h"'","signed":true}' -- \
	"$ba" -j sign-lskel "$lsk" -k "$keys/signing_key.pem" -c "$keys/cert.pem" -o "$tmp/j.h"
t verify_lskel_old_form 0 "$tmp/old.h: signature verified" -- "$ba" verify-lskel "$tmp/old.h" -c "$keys/cert.pem"
t verify_lskel_array_form 0 "$tmp/new.h: signature verified" -- \
	"$ba" verify-lskel "$tmp/new.h" -c "$keys/cert.der"
sigder "$tmp/old.h" > "$tmp/old.sig"
sigder "$tmp/new.h" > "$tmp/new.sig"
t sign_lskel_same_signature_in_both_forms 0 "" -- cmp "$tmp/old.sig" "$tmp/new.sig"
t sign_lskel_names_the_signer_by_key_identifier 0 "subjectKeyIdentifier" -- \
	sh -c "openssl cms -inform DER -in '$tmp/old.sig' -cmsout -print"
t sign_lskel_adds_keyring_id_after_links 0 "} links;
	__s32 keyring_id;" -- cat "$tmp/old.h"
litbytes "$tmp/old.h" insns | sha256sum | cut -d' ' -f1 > "$tmp/insns.sha"
litbytes "$tmp/old.h" opts_excl_hash | od -An -v -tx1 | tr -d ' \n' > "$tmp/excl.hex"
t sign_lskel_excl_hash_is_sha256_of_insns 0 "$(cat "$tmp/insns.sha")" -- cat "$tmp/excl.hex"
t sign_lskel_refuses_a_signed_header 1 "bpf-annotate: $tmp/old.h: already signed" -- \
	"$ba" sign-lskel "$tmp/old.h" -k "$keys/signing_key.pem" -c "$keys/cert.pem" -o "$tmp/x.h"
t sign_lskel_refuses_other_files 1 "bpf-annotate: $tmp/tier: no instruction literal: not a light skeleton of bpftool gen skeleton -L" -- \
	"$ba" sign-lskel "$tmp/tier" -k "$keys/signing_key.pem" -c "$keys/cert.pem"
sed '0,/\\x9f\\xeb/s//\\x9f\\xqq/' "$lsk" > "$tmp/esc.h"
t sign_lskel_refuses_other_escapes 1 "the metadata literal has something other than \\xNN, \\0 and line breaks at offset" -- \
	"$ba" sign-lskel "$tmp/esc.h" -k "$keys/signing_key.pem" -c "$keys/cert.pem"
sed 's/^\topts.data_sz = \([0-9]*\);/\topts.data_sz = 1\1;/' "$lsk" > "$tmp/size.h"
t sign_lskel_refuses_a_wrong_size 1 "opts.data_sz does not give the" -- \
	"$ba" sign-lskel "$tmp/size.h" -k "$keys/signing_key.pem" -c "$keys/cert.pem"
t sign_lskel_refuses_a_key_of_another_cert 1 "does not match the certificate" -- \
	"$ba" sign-lskel "$lsk" -k "$gk/untrusted.key" -c "$keys/cert.pem"
t verify_lskel_refuses_unsigned 1 "bpf-annotate: $lsk: not signed" -- \
	"$ba" verify-lskel "$lsk" -c "$keys/cert.pem"
sed '0,/\\x9f\\xeb/s//\\x9f\\xea/' "$tmp/old.h" > "$tmp/meta.h"
t verify_lskel_detects_changed_metadata 1 "opts_sig: does not verify with $keys/cert.pem" -- \
	"$ba" verify-lskel "$tmp/meta.h" -c "$keys/cert.pem"
t verify_lskel_detects_another_signer 1 "opts_sig: does not verify with $gk/untrusted.pem" -- \
	"$ba" verify-lskel "$tmp/old.h" -c "$gk/untrusted.pem"
python3 - "$tmp/old.h" > "$tmp/insn.h" <<'EOF'
import sys
s = open(sys.argv[1]).read()
i = s.index("opts.insns = (void *)")
j = s.index("\\x", i)
sys.stdout.write(s[:j] + ("\\x01" if s[j:j + 4] != "\\x01" else "\\x02") + s[j + 4:])
EOF
t verify_lskel_detects_changed_instructions 1 "opts_excl_hash is not the SHA-256 of the instructions" -- \
	"$ba" verify-lskel "$tmp/insn.h" -c "$keys/cert.pem"

# light skeletons with the loader's annotation
t sign_lskel_annotate 0 "$tmp/an.h: light skeleton signed" -- \
	"$ba" sign-lskel "$lsk" -k "$keys/signing_key.pem" -c "$keys/cert.pem" --annotate -o "$tmp/an.h"
t sign_lskel_annotate_passes_it 0 "opts.lockdown_annot_sz = sizeof(opts_annot) - 1;" -- cat "$tmp/an.h"
t verify_lskel_annotated_names_its_levels 0 \
	"$tmp/an.h: signature verified; its annotation loads at none, integrity" -- \
	"$ba" verify-lskel "$tmp/an.h" -c "$keys/cert.pem"
"$ba" sign-lskel "$lsk" -k "$keys/signing_key.pem" -c "$keys/cert.pem" --kernel-reads \
	-o "$tmp/kr.h" >/dev/null
t verify_lskel_kernel_reads_loads_at_confidentiality 0 \
	'"annotated":true,"loads_at":["none","integrity","confidentiality"]' -- \
	"$ba" -j verify-lskel "$tmp/kr.h" -c "$keys/cert.pem"
sigder "$tmp/an.h" > "$tmp/an.sig"
t sign_lskel_annotation_changes_what_is_signed 1 "" -- cmp -s "$tmp/an.sig" "$tmp/old.sig"
sed '/opts.lockdown_annot = /d' "$tmp/kr.h" > "$tmp/kr-nopass.h"
t verify_lskel_annotation_must_be_passed 1 "opts_annot is signed but not passed (opts.lockdown_annot)" -- \
	"$ba" verify-lskel "$tmp/kr-nopass.h" -c "$keys/cert.pem"
# the annotation of the other header, with this header's signature
python3 - "$tmp/kr.h" "$tmp/an.h" > "$tmp/swap.h" <<'EOF'
import re, sys
pat = re.compile(r'opts_annot\[\] __attribute__\(\(__aligned__\(8\)\)\) = "\\\n.*?";', re.S)
a, b = open(sys.argv[1]).read(), open(sys.argv[2]).read()
sys.stdout.write(pat.sub(lambda m: pat.search(b).group(0), a))
EOF
t verify_lskel_detects_another_annotation 1 "opts_sig: does not verify with" -- \
	"$ba" verify-lskel "$tmp/swap.h" -c "$keys/cert.pem"

sed 's/^\topts.keyring_id = skel->keyring_id;$/\topts.keyring_id = 1;/' "$tmp/old.h" > "$tmp/kid.h"
t verify_lskel_checks_what_the_header_passes 1 "the header does not pass opts.keyring_id = skel->keyring_id;" -- \
	"$ba" verify-lskel "$tmp/kid.h" -c "$keys/cert.pem"
# --kernel-reads: the loader may not read a kernel address its caller names
insnsof() { litbytes "$1" insns | od -An -v -tx1 -w8 | tr -d ' ' | awk '{ print NR - 1, $0 }'; }
insnsof "$lsk" > "$tmp/plain.insns"
insnsof "$tmp/kr.h" > "$tmp/kr.insns"
t sign_lskel_kernel_reads_turns_the_kernel_copy_into_a_user_copy 0 "> 77 8500000094000000" -- \
	sh -c "diff '$tmp/plain.insns' '$tmp/kr.insns' | grep '^[<>]'"
t sign_lskel_kernel_reads_changes_one_instruction 0 "2" -- \
	sh -c "diff '$tmp/plain.insns' '$tmp/kr.insns' | grep -c '^[<>]'"
# the stack-zeroing call with r3 = 1: an address, not zero
python3 - "$lsk" > "$tmp/r3.h" <<'EOF'
import sys
s = open(sys.argv[1]).read()
i = s.index("opts.insns = (void *)")
j = s.index("\\xb7\\x03\\0\\0\\0\\0\\0\\0", i)
sys.stdout.write(s[:j] + "\\xb7\\x03\\0\\0\\x01\\0\\0\\0" + s[j + len("\\xb7\\x03\\0\\0\\0\\0\\0\\0"):])
EOF
t sign_lskel_kernel_reads_refuses_an_address_read 1 "instruction 5 calls bpf_probe_read_kernel() with an address the loader's caller may choose: refused for kernel reads at confidentiality" -- \
	"$ba" sign-lskel "$tmp/r3.h" -k "$keys/signing_key.pem" -c "$keys/cert.pem" --kernel-reads
# another helper in place of the caller-chosen copy (bpf_probe_read, 4)
python3 - "$lsk" > "$tmp/h4.h" <<'EOF'
import sys
s = open(sys.argv[1]).read()
i = s.index("opts.insns = (void *)")
old = "\\x85\\0\\0\\0\\x71\\0\\0\\0"
j = s.index(old, s.index(old, i) + 1)
sys.stdout.write(s[:j] + "\\x85\\0\\0\\0\\x04\\0\\0\\0" + s[j + len(old):])
EOF
t sign_lskel_kernel_reads_refuses_other_helpers 1 "instruction 77 calls helper 4, which libbpf loaders do not: refused for kernel reads at confidentiality" -- \
	"$ba" sign-lskel "$tmp/h4.h" -k "$keys/signing_key.pem" -c "$keys/cert.pem" --kernel-reads
# an annotation that reaches confidentiality on a loader that keeps the copy
python3 - "$tmp/kr.h" "$lsk" > "$tmp/krcopy.h" <<'EOF'
import re, sys
kr, plain = open(sys.argv[1]).read(), open(sys.argv[2]).read()
pat = re.compile(r'opts\.insns = \(void \*\)"\\\n.*?";', re.S)
sys.stdout.write(pat.sub(lambda m: pat.search(plain).group(0), kr))
EOF
t verify_lskel_refuses_a_caller_chosen_copy_at_confidentiality 1 "opts_annot loads at confidentiality: instruction 77 calls bpf_probe_read_kernel() with an address the loader's caller may choose" -- \
	"$ba" verify-lskel "$tmp/krcopy.h" -c "$keys/cert.pem"
"$ba" sign-lskel "$lsk" -k "$keys/signing_key.pem" -c "$keys/cert.pem" --annotate -o "$tmp/an2.h" >/dev/null
insnsof "$tmp/an2.h" > "$tmp/an2.insns"
t sign_lskel_annotate_alone_keeps_the_instructions 0 "" -- cmp "$tmp/plain.insns" "$tmp/an2.insns"
# a header whose bpf_load_and_run() comes before the skeleton's links
{ echo "/*"; echo "	err = bpf_load_and_run(&opts);"; echo "*/"; grep -v "err = bpf_load_and_run(&opts);" "$lsk"; } > "$tmp/order.h"
t sign_lskel_refuses_run_before_links 1 "comes before the skeleton's links: not a light skeleton" -- \
	"$ba" sign-lskel "$tmp/order.h" -k "$keys/signing_key.pem" -c "$keys/cert.pem"
sed 's/^\topts.insns_sz = \([0-9]*\);/\topts.insns_sz = \1 + 0;/' "$lsk" > "$tmp/expr.h"
t sign_lskel_refuses_a_size_expression 1 "opts.insns_sz does not give the" -- \
	"$ba" sign-lskel "$tmp/expr.h" -k "$keys/signing_key.pem" -c "$keys/cert.pem"

# the layering of tools/annotate: no cycle of calls or includes between files
t layering_has_no_cycle 0 "no cycle" -- "$top/scripts/check-layering"
# ... and the check finds one: infer.o and policy.o that call each other
mkdir -p "$tmp/layers/lib" "$tmp/layers/cmd"
echo 'void ba_y(void); void ba_x(void) { ba_y(); }' > "$tmp/layers/infer.c"
echo 'void ba_x(void); void ba_y(void) { ba_x(); }' > "$tmp/layers/policy.c"
echo 'int main(void) { return 0; }' > "$tmp/layers/main.c"
gcc -c "$tmp/layers/infer.c" -o "$tmp/layers/lib/infer.o"
gcc -c "$tmp/layers/policy.c" -o "$tmp/layers/lib/policy.o"
gcc -c "$tmp/layers/main.c" -o "$tmp/layers/cmd/main.o"
t layering_check_finds_a_cycle 1 "lib/infer uses lib/policy: ba_y" -- \
	"$top/scripts/check-layering" "$tmp/layers"

tap_done
