// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown test object: a typeless ksym, which cannot be signed */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern const void bpf_prog_active __ksym;
__u64 addr;

SEC("tp/syscalls/sys_enter_getpid")
int uses_typeless(void *ctx)
{
	addr = (__u64)&bpf_prog_active;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
