// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown test object: .kconfig externs of every kind, which a signed
 * program may use because the kernel checks their values
 */

#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int LINUX_KERNEL_VERSION __kconfig;
extern bool LINUX_HAS_BPF_COOKIE __kconfig;
extern unsigned int LINUX_NOT_VIRTUAL __kconfig __weak;	/* libbpf leaves it zero */
extern int CONFIG_HZ __kconfig;
extern bool CONFIG_BPF_SYSCALL __kconfig;
extern enum libbpf_tristate CONFIG_BPF_LOCKDOWN __kconfig __weak;
extern char CONFIG_DEFAULT_HOSTNAME[8] __kconfig __weak;
extern int CONFIG_BPF_LOCKDOWN_NO_SUCH_SYMBOL __kconfig __weak;

struct kconfig_seen {
	__u32 runs;
	__u32 version;
	__u32 hz;
	__u32 lockdown;
	__u32 absent;
	__u32 not_virtual;
	__u8 cookie;
	__u8 syscall;
	char hostname[8];
};

struct kconfig_seen seen;

SEC("tp/syscalls/sys_enter_getpid")
int uses_kconfig(void *ctx)
{
	int i;

	seen.runs++;
	seen.version = LINUX_KERNEL_VERSION;
	seen.hz = CONFIG_HZ;
	seen.lockdown = CONFIG_BPF_LOCKDOWN;
	seen.absent = CONFIG_BPF_LOCKDOWN_NO_SUCH_SYMBOL;
	seen.not_virtual = LINUX_NOT_VIRTUAL;
	seen.cookie = LINUX_HAS_BPF_COOKIE;
	seen.syscall = CONFIG_BPF_SYSCALL;
	for (i = 0; i < 8; i++)
		seen.hostname[i] = CONFIG_DEFAULT_HOSTNAME[i];
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
