/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - library helpers: error messages, memory, files, SHA-256 */

#ifndef _BPF_ANNOTATE_UTIL_H
#define _BPF_ANNOTATE_UTIL_H

#include <stddef.h>
#include <linux/types.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* one-line reasons: bpf_lockdown_fail() of the shared annot.c, format-checked */
__attribute__((format(printf, 4, 5)))
int bpf_lockdown_fail(char *err, size_t err_size, int ret, const char *fmt, ...);
#define ba_fail bpf_lockdown_fail

void *ba_memdup(const void *p, size_t len);
int ba_read_file(const char *path, void **buf, size_t *size, char *err, size_t err_size);
int ba_sha256(const void *p, size_t len, __u8 out[32]);

#endif /* _BPF_ANNOTATE_UTIL_H */
