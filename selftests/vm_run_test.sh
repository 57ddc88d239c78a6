#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# BPF lockdown selftests - the VM runner itself (runs on the host). TAP.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
vr=$top/selftests/vm-run
# shellcheck source=tap.sh
. "$top/selftests/tap.sh"

echo "TAP version 13"
t vm_run_passes_output_and_exit_status 3 "hello from the vm" -- "$vr" \
	-- sh -c 'echo hello from the vm; exit 3'
t vm_run_passes_arguments_with_newlines_and_quotes 0 "b 'q' \"d\"" -- "$vr" \
	-- sh -c 'echo a
echo "b '"'q'"' \"d\""'
t vm_run_runs_in_the_current_directory 0 "$PWD" -- "$vr" -- pwd
t vm_run_sets_lockdown_and_mode 0 "none [integrity] confidentiality off audit [enforce]" -- "$vr" \
	--lockdown integrity --mode enforce -- sh -c \
	'echo $(cat /sys/kernel/security/lockdown /sys/kernel/security/bpf_lockdown/mode)'
t vm_run_fails_when_the_kernel_warns 124 "vm-run: the kernel warned:" -- "$vr" \
	-- sh -c 'echo "WARNING: CPU: 0 PID: 1 injected by vm_run_test" > /dev/kmsg'
t vm_run_ignores_warnings_printed_by_programs 0 "WARNING: from a program" -- "$vr" \
	-- sh -c 'echo "WARNING: from a program"'
# A checkout under /tmp (a directory the VM covers with tmpfs) stays visible
clone=$(mktemp -d /tmp/vm_run_test.XXXXXX)
cp -r "$top/selftests" "$clone/"
mkdir -p "$clone/build/linux/arch/x86/boot"
cp "$top/build/linux/arch/x86/boot/bzImage" "$clone/build/linux/arch/x86/boot/"
vr=$clone/selftests/vm-run
t vm_run_works_from_a_checkout_under_tmp 0 "vm_run_test.sh writable" -- "$vr" \
	-- sh -c "ls $clone/selftests | grep -x vm_run_test.sh | tr '\n' ' '; touch /tmp/w && echo writable"
mkdir -p "$clone/sub"
cd "$clone/sub" || exit 1
t vm_run_keeps_a_working_directory_under_tmp 0 "$clone/sub" -- "$vr" -- pwd
cd "$top" || exit 1
vr=$top/selftests/vm-run
rm -rf "$clone"
t vm_run_rejects_a_bad_level 2 "vm-run: bad --lockdown bogus" -- "$vr" --lockdown bogus -- true
t vm_run_times_out 125 "vm-run: timed out after 20s" -- "$vr" --timeout 20 -- sleep 600
tap_done
