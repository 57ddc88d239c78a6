/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BPF lockdown - the annotation's byte layout, private to the parser
 * (annot.c) and the builder (annot_build.c)
 */
#ifndef _BPF_LOCKDOWN_ANNOT_LAYOUT_H
#define _BPF_LOCKDOWN_ANNOT_LAYOUT_H

#include "annot.h"

/*
 * The blob is read byte by byte in little-endian order, so the parser works
 * on any alignment and byte order. The header and levels are copied (in CPU
 * order) into the parsed structure; strings and sealed indices stay in the
 * blob.
 */
#define HDR_SIZE	sizeof(struct bpf_lockdown_annot_hdr)
#define LEVEL_SIZE	sizeof(struct bpf_lockdown_annot_level)
#define ATTACH_SIZE	sizeof(struct bpf_lockdown_annot_attach)
#define HDR(f)		offsetof(struct bpf_lockdown_annot_hdr, f)
#define LVL(f)		offsetof(struct bpf_lockdown_annot_level, f)
#define KCONFIG_SIZE	sizeof(struct bpf_lockdown_annot_kconfig)
#define KCONFIG_NAME_MAX BPF_LOCKDOWN_ANNOT_KCONFIG_NAME_MAX
#define HELPER_BITS	(BPF_LOCKDOWN_ANNOT_HELPER_WORDS * 64)
#define NAME_MAX_LEN	BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX
#define POINT_MAX_LEN	BPF_LOCKDOWN_ANNOT_POINT_MAX
#define ATTACH_BITS	(BPF_LOCKDOWN_ANNOT_ATTACH_WORDS * 64)
#define ANNOT_MAX_LAYOUT (HDR_SIZE + BPF_LOCKDOWN_LEVEL_NR * (LEVEL_SIZE + ATTACH_SIZE) +	\
			  BPF_LOCKDOWN_ANNOT_MAX_SEALED * sizeof(__u32) +		\
			  BPF_LOCKDOWN_LEVEL_NR * BPF_LOCKDOWN_ANNOT_MAX_KFUNCS *	\
			  (NAME_MAX_LEN + 1) +						\
			  BPF_LOCKDOWN_ANNOT_MAX_POINTS * (POINT_MAX_LEN + 1) +		\
			  BPF_LOCKDOWN_ANNOT_MAX_KCONFIG * (KCONFIG_SIZE + KCONFIG_NAME_MAX + 1))

static_assert(HDR_SIZE == 64, "ABI 1 header is 64 bytes");
static_assert(LEVEL_SIZE == 88, "ABI 1 level is 88 bytes");
static_assert(ATTACH_SIZE == 32, "ABI 2 attach section is 32 bytes per level");
static_assert(KCONFIG_SIZE == 16, "ABI 3 kconfig entry is 16 bytes");
static_assert(HDR(attach_off) == 44 && HDR(kconfig_off) == 56 && HDR(kconfig_cnt) == 60,
	      "header has implicit padding");
static_assert(LVL(helpers) == 8 && LVL(kfunc_off) == 72 && LVL(reserved) == 80,
	      "level has implicit padding");
static_assert(BPF_LOCKDOWN_LEVEL_NR == 3, "ABI 1 has three levels");
static_assert(ANNOT_MAX_LAYOUT == 31944, "the UAPI documents 31944 bytes");
static_assert(ANNOT_MAX_LAYOUT <= BPF_LOCKDOWN_ANNOT_MAX_SIZE,
	      "an annotation within all limits must fit the maximum size");
static_assert(BPF_LOCKDOWN_ANNOT_MAX_SIZE <= 65535, "kfunc offsets fit in __u16");
static_assert(__BPF_FUNC_MAX_ID <= HELPER_BITS, "every helper fits the bitmap");
static_assert((int)__MAX_BPF_ATTACH_TYPE <= (int)BPF_LOCKDOWN_ATTACH_TYPE_NR &&
	      BPF_LOCKDOWN_ATTACH_KIND_NR <= ATTACH_BITS, "every attach kind fits the bitmap");

#endif /* _BPF_LOCKDOWN_ANNOT_LAYOUT_H */
