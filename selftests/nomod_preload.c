// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - LD_PRELOAD shim for test_verifier on a kernel without modules */

/*
 * test_verifier loads bpf_testmod.ko before its tests and gives up when it
 * cannot. The kernels compared by scripts/verifier-compare are built
 * without module support, so this shim makes finit_module() and
 * delete_module() succeed without doing anything: tests that need the
 * module's kfuncs then fail the same way on both kernels.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <sys/syscall.h>

long syscall(long nr, ...)
{
	static long (*real)(long nr, ...);
	long a[6];
	va_list ap;
	int i;

	if (nr == SYS_finit_module || nr == SYS_delete_module)
		return 0;
	if (!real)
		real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}
