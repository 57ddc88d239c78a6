// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown test object, sealed, signed and loaded through a skeleton
 * of libbpf: read-only data, which the signature covers, a map whose
 * definition it covers, a .kconfig extern, whose value the kernel checks,
 * a CO-RE relocation, which the kernel applies, and a read of user memory,
 * which libbpf would rewrite into bpf_probe_read() at confidentiality.
 */

#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

/* the kernel's task_struct is larger: only CO-RE gives its size */
struct task_struct {
	int pid;
} __attribute__((preserve_access_index));

extern int LINUX_KERNEL_VERSION __kconfig;
extern bool LINUX_HAS_BPF_COOKIE __kconfig;

const volatile __u32 only_tgid = 0;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} calls SEC(".maps");

__u32 version;
__u32 cookie;
__u32 task_size;
__u64 user_addr;
__u32 user_value;

SEC("tp/syscalls/sys_enter_getpid")
int count_getpid(void *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32, zero = 0;
	__u64 *n;

	if (only_tgid && tgid != only_tgid)
		return 0;
	n = bpf_map_lookup_elem(&calls, &zero);
	if (n)
		__sync_fetch_and_add(n, 1);
	version = LINUX_KERNEL_VERSION;
	cookie = LINUX_HAS_BPF_COOKIE;
	task_size = bpf_core_type_size(struct task_struct);
	if (user_addr)
		bpf_probe_read_user(&user_value, sizeof(user_value), (void *)user_addr);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
