/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * BPF lockdown - user space API
 *
 * Levels and enforcement modes shared by the kernel, its securityfs files
 * and the bpf-annotate tool.
 */

#ifndef _UAPI_LINUX_BPF_LOCKDOWN_H
#define _UAPI_LINUX_BPF_LOCKDOWN_H

/**
 * enum bpf_lockdown_level - lockdown levels as BPF lockdown sees them
 * @BPF_LOCKDOWN_LEVEL_NONE: the kernel is not locked down (ABI 1)
 * @BPF_LOCKDOWN_LEVEL_INTEGRITY: lockdown=integrity: root may not modify
 *	the running kernel (ABI 1)
 * @BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY: lockdown=confidentiality: root may
 *	not modify the kernel nor read its memory (ABI 1)
 * @BPF_LOCKDOWN_LEVEL_NR: number of levels
 */
enum bpf_lockdown_level {
	BPF_LOCKDOWN_LEVEL_NONE,
	BPF_LOCKDOWN_LEVEL_INTEGRITY,
	BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY,
	BPF_LOCKDOWN_LEVEL_NR,
};

/**
 * enum bpf_lockdown_mode - enforcement modes
 * @BPF_LOCKDOWN_MODE_OFF: no confinement of unsigned programs (ABI 1)
 * @BPF_LOCKDOWN_MODE_AUDIT: refusals are logged, loads succeed (ABI 1)
 * @BPF_LOCKDOWN_MODE_ENFORCE: refusals fail the load (ABI 1)
 * @BPF_LOCKDOWN_MODE_NR: number of modes
 *
 * Modes are ordered: at run time the mode may only be raised.
 */
enum bpf_lockdown_mode {
	BPF_LOCKDOWN_MODE_OFF,
	BPF_LOCKDOWN_MODE_AUDIT,
	BPF_LOCKDOWN_MODE_ENFORCE,
	BPF_LOCKDOWN_MODE_NR,
};

#endif /* _UAPI_LINUX_BPF_LOCKDOWN_H */
