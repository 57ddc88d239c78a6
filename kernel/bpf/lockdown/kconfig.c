// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown - the values this kernel gives .kconfig externs
 *
 * A signed program's .kconfig map must hold what libbpf would write on this
 * kernel (see &struct bpf_lockdown_annot_kconfig). The LINUX_ externs come
 * from the build, the CONFIG_ symbols from the CONFIG_ lines of its .config
 * (the symbols it sets, strings quoted as libbpf reads them), embedded here
 * as kernel/configs.c embeds .config, uncompressed so that a load looks a
 * symbol up in place.
 */
#include <linux/kernel.h>
#include <linux/version.h>

#include "lockdown.h"

asm("	.pushsection .rodata, \"a\"\n"
	"	.global bpf_lockdown_kconfig_data\n"
	"bpf_lockdown_kconfig_data:\n"
	"	.incbin \"kernel/bpf/lockdown/kconfig_data\"\n"
	"	.global bpf_lockdown_kconfig_data_end\n"
	"bpf_lockdown_kconfig_data_end:\n"
	"	.popsection\n");

/**
 * bpf_lockdown_kconfig_env() - this kernel's kconfig values
 * @env: set to the values bpf_lockdown_kconfig_value() encodes: the kernel
 *	version of the build, BPF cookies (which 6.12 has), the syscall
 *	wrapper of the architecture, and the build's configuration
 */
void bpf_lockdown_kconfig_env(struct bpf_lockdown_kconfig_env *env)
{
	*env = (struct bpf_lockdown_kconfig_env){
		.kernel_version = KERNEL_VERSION(LINUX_VERSION_MAJOR, LINUX_VERSION_PATCHLEVEL,
						 LINUX_VERSION_SUBLEVEL),
		.has_bpf_cookie = true,
		.has_syscall_wrapper = IS_ENABLED(CONFIG_ARCH_HAS_SYSCALL_WRAPPER),
		.config = bpf_lockdown_kconfig_data,
		.config_size = bpf_lockdown_kconfig_data_end - bpf_lockdown_kconfig_data,
	};
}
