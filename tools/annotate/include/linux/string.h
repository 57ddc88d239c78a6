/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BPF lockdown - <linux/string.h> in user space: the kernel tree's
 * tools/include/linux/string.h, and what the shared sources of
 * kernel/bpf/lockdown/ use that it lacks
 */
#ifndef _BPF_LOCKDOWN_SHIM_LINUX_STRING_H
#define _BPF_LOCKDOWN_SHIM_LINUX_STRING_H

#include_next <linux/string.h>

/* as the kernel's: a memset() that the compiler may not drop */
static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	__asm__ __volatile__("" : : "r" (s) : "memory");
}

#endif /* _BPF_LOCKDOWN_SHIM_LINUX_STRING_H */
