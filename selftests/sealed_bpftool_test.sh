#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# BPF lockdown selftests - sealed objects loaded by the kernel tree's bpftool
# (prog load, loadall, autoattach, map reuse), which loads them through the
# tree's libbpf as they were sealed, and prog show printing the verdict.
# The objects are those of sealed_skel_test: signed with the test key,
# signed with a key the kernel does not trust, and sealed unsigned; and,
# made from them by make tools (tools/annotate/tests/elfedit.py), malformed
# ones in build/selftests/edited.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bpftool=$top/build/bpftool/bpftool
st=$top/build/selftests
pins=/sys/fs/bpf/sealed_bpftool_test
# shellcheck source=tap.sh
. "$top/selftests/tap.sh"
ed=$st/edited
tmp=$(mktemp -d)
trap 'rm -rf "$pins" "$tap_out" "$tmp"' EXIT
rm -rf "$pins"
mkdir -p "$pins"

echo "TAP version 13"
t loadall_of_a_signed_object_loads_it_signed 0 "" -- \
	"$bpftool" prog loadall "$st/sealed_skel_signed.o" "$pins/signed" pinmaps "$pins/signed_maps"
t prog_show_prints_the_verdict 0 "lockdown signed (builtin keyring)" -- \
	"$bpftool" prog show pinned "$pins/signed/count_getpid"
t prog_show_json_has_the_verdict 0 '"lockdown":"signed (builtin keyring)"' -- \
	"$bpftool" -j prog show pinned "$pins/signed/count_getpid"
t load_of_a_sealed_unsigned_object_loads_it_annotated 0 "" -- \
	"$bpftool" prog load "$st/sealed_skel_unsigned.o" "$pins/unsigned"
t prog_show_prints_annotated_unsigned 0 "lockdown annotated, unsigned" -- \
	"$bpftool" prog show pinned "$pins/unsigned"
t untrusted_signature_is_refused 255 "lockdown: signature: no key in the builtin keyring matches the signer" -- \
	"$bpftool" prog load "$st/sealed_skel_untrusted.o" "$pins/untrusted"

# autoattach: bpftool attaches the signed program, which then counts
t autoattach_attaches_the_signed_program 0 "" -- \
	"$bpftool" prog loadall "$st/sealed_skel_signed.o" "$pins/attached" \
	pinmaps "$pins/attached_maps" autoattach
python3 -c 'import os; [os.getpid() for _ in range(3)]'
counted() {
	"$bpftool" -j map lookup pinned "$pins/attached_maps/calls" key 0 0 0 0 |
		python3 -c 'import json,sys; v = json.load(sys.stdin)["value"]
n = int.from_bytes(bytes(int(x, 16) for x in v), "little") if isinstance(v, list) else int(v)
print("counted at least 3" if n >= 3 else "counted only %d" % n)'
}
t the_attached_signed_program_counts_getpid 0 "counted at least 3" -- counted

# a map given in place of the sealed one, of another size: named, not loaded
"$bpftool" map create "$pins/calls2" type array key 4 value 8 entries 2 name calls
t reused_map_of_another_size_is_refused 255 "map 'calls': type, sizes, max_entries or flags differ from the sealed ones, which the signature covers" -- \
	"$bpftool" prog load "$st/sealed_skel_signed.o" "$pins/reused" map name calls pinned "$pins/calls2"
t nothing_was_pinned_for_the_refused_load 0 "" -- test ! -e "$pins/reused"

# malformed and oversized sealed objects, as an attacker or a broken tool
# writes them: refused, and never loaded without their signature
t oversized_signature_is_refused_not_dropped 255 "lockdown: signature of 9000 bytes exceeds the maximum of 8192" -- \
	"$bpftool" prog load "$ed/big_sig.o" "$pins/big_sig"
t the_oversized_signature_left_nothing_loaded 0 "" -- test ! -e "$pins/big_sig"
"$bpftool" prog load "$ed/big_sig.o" "$pins/big_sig" > "$tmp/big_sig.log" 2>&1
t libbpf_did_not_retry_it_unsigned 1 "" -- \
	grep -q "without its annotation and signature" "$tmp/big_sig.log"
t sealed_section_without_bytes_is_refused_at_open 255 \
	"libbpf: elf: section .bpf_lockdown of $ed/nobits.o is not SHT_PROGBITS" -- \
	"$bpftool" prog load "$ed/nobits.o" "$pins/nobits"
t extern_past_the_instructions_is_refused 255 \
	"section .bpf_lockdown: extern outside the instructions" -- \
	"$bpftool" prog load "$ed/kfunc_wrap.o" "$pins/kfunc_wrap"
t signed_record_of_no_program_is_refused 255 \
	"libbpf: object 'renamed': sealed program 'count_getpiX' is not in the object" -- \
	"$bpftool" prog load "$ed/renamed.o" "$pins/renamed"
t the_unsealed_program_was_not_loaded 0 "" -- test ! -e "$pins/renamed"
tap_done
