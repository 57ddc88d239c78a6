// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown test object: a program with a global function to replace */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__noinline int handler(int x)
{
	return x + 1;
}

SEC("tp/syscalls/sys_enter_getpid")
int freplace_target(void *ctx)
{
	return handler(0) > 1;
}

char LICENSE[] SEC("license") = "GPL";
