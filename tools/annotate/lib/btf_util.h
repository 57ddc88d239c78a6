/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - BTF type helpers */

#ifndef _BPF_ANNOTATE_BTF_UTIL_H
#define _BPF_ANNOTATE_BTF_UTIL_H

#include <stddef.h>
#include <linux/types.h>

struct btf;

/* libbpf's flavor rule for CO-RE names (relo_core.c) */
size_t bpf_core_essential_name_len(const char *name);

__u32 ba_btf_skip_mods(const struct btf *btf, __u32 id);

#endif /* _BPF_ANNOTATE_BTF_UTIL_H */
