# SPDX-License-Identifier: GPL-2.0
# BPF lockdown - TAP helper for the shell tests; source it, then call
#   t NAME EXPECTED_STATUS EXPECTED_OUTPUT_SUBSTRING -- CMD...
# and finish with tap_done. An empty substring checks the status only.
n=0 failed=0
tap_out=$(mktemp)
trap 'rm -f "$tap_out"' EXIT

t() {
	local name=$1 want=$2 pat=$3; shift 4
	"$@" >"$tap_out" 2>&1
	local rc=$?
	n=$((n + 1))
	if [ "$rc" = "$want" ] && { [ -z "$pat" ] || grep -qF -- "$pat" "$tap_out"; }; then
		echo "ok $n $name"
	else
		failed=$((failed + 1))
		echo "not ok $n $name"
		echo "# exit $rc (want $want), want output containing: $pat"
		sed 's/^/# /' "$tap_out" | tail -n 20
	fi
}

tap_done() {
	echo "1..$n"
	[ "$failed" = 0 ]
}
