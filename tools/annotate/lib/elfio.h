/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - ELF objects: checks, section lookup and the writer */

#ifndef _BPF_ANNOTATE_ELFIO_H
#define _BPF_ANNOTATE_ELFIO_H

#include <stddef.h>
#include <linux/types.h>

#include "buf.h"

int ba_elf_check(const char *name, const void *buf, size_t size, char *err, size_t err_size);
int ba_elf_find(const void *buf, size_t size, const char *sec, const __u8 **data,
		size_t *len);
int ba_elf_write(const char *path, const void *buf, size_t size,
		 const struct ba_buf *sec, const struct ba_buf *sig, char *err,
		 size_t err_size);
int ba_elf_weaken(void *buf, size_t size, const char *sym_name);
int ba_elf_sym_weak(const void *buf, size_t size, const char *sym_name);
int ba_elf_func_at(const void *buf, size_t size, const char *sym_name, char *func,
		   size_t func_size);

#endif /* _BPF_ANNOTATE_ELFIO_H */
