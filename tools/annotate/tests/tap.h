/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - TAP output for the userspace unit tests */

#ifndef _BPF_LOCKDOWN_TAP_H
#define _BPF_LOCKDOWN_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tests, failures;

/* Print "ok N name" or "not ok N name" */
static __attribute__((format(printf, 2, 3))) void result(int ok, const char *fmt, ...)
{
	va_list ap;

	tests++;
	if (!ok)
		failures++;
	printf("%sok %d ", ok ? "" : "not ", tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#endif /* _BPF_LOCKDOWN_TAP_H */
