// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown test object: a .kconfig map whose only extern is one libbpf
 * leaves zero, which an annotation cannot list: it cannot be sealed
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern unsigned int LINUX_NOT_VIRTUAL __kconfig __weak;
__u64 seen;

SEC("tp/syscalls/sys_enter_getpid")
int uses_kconfig(void *ctx)
{
	seen += LINUX_NOT_VIRTUAL;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
