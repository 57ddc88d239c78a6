#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bpf-annotate userspace tests. Prints TAP.
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
ba=$top/build/bin/bpf-annotate
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
t tier_has_a_versioned_header 0 "# bpf_lockdown tier 1" -- head -1 "$tmp/tier"
t tier_classifies_all_212_helpers 0 "212" -- sh -c "grep -c '^helper ' $tmp/tier"
t tier_classifies_all_33_program_types 0 "33" -- sh -c "grep -c '^prog ' $tmp/tier"
t tier_send_signal_denied_as_signals 0 "helper 109 send_signal deny deny signals" -- cat "$tmp/tier"
t tier_probe_read_kernel_integrity_only 0 \
	"helper 113 probe_read_kernel allow deny reads-kernel-memory" -- cat "$tmp/tier"
t tier_get_stackid_user_stack_at_confidentiality 0 \
	"helper 27 get_stackid allow user-stack leaks-kernel-address" -- cat "$tmp/tier"
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
cc_tier() {
	gcc -std=gnu11 -I"$top/include/uapi" -I"$top/build/linux/tools/include/uapi" \
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

tap_done
