// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown test object: a light skeleton's program, which counts the
 * system calls of one process in a global variable
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 calls;
__u32 pid;

SEC("raw_tp/sys_enter")
int count_calls(void *ctx)
{
	if (bpf_get_current_pid_tgid() >> 32 == pid)
		__sync_fetch_and_add(&calls, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
