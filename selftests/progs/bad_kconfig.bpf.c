// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown test object: a .kconfig extern, which cannot be signed */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int CONFIG_HZ __kconfig;
__u64 ticks;

SEC("tp/syscalls/sys_enter_getpid")
int uses_kconfig(void *ctx)
{
	ticks += CONFIG_HZ;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
