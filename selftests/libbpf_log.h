/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown selftests - libbpf's messages, kept for the assertions */

#ifndef _LOCKDOWN_LIBBPF_LOG_H
#define _LOCKDOWN_LIBBPF_LOG_H

#include <stdarg.h>
#include <stdio.h>
#include <bpf/libbpf.h>

static char libbpf_log[1 << 16];
static size_t libbpf_log_len;

static inline int libbpf_log_capture(enum libbpf_print_level level, const char *fmt,
				     va_list args)
{
	int n = vsnprintf(libbpf_log + libbpf_log_len,
			  sizeof(libbpf_log) - libbpf_log_len, fmt, args);

	if (n > 0 && libbpf_log_len + n < sizeof(libbpf_log))
		libbpf_log_len += n;
	return 0;
}

/* Start keeping libbpf's messages in libbpf_log, from empty */
static inline void libbpf_log_start(void)
{
	libbpf_log_len = 0;
	libbpf_log[0] = '\0';
	libbpf_set_print(libbpf_log_capture);
}

#endif /* _LOCKDOWN_LIBBPF_LOG_H */
