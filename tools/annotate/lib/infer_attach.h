/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - inference: where a program is attached, from its section */

#ifndef _BPF_ANNOTATE_INFER_ATTACH_H
#define _BPF_ANNOTATE_INFER_ATTACH_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/bpf_lockdown.h>

#include "bpf_annotate.h"
#include "grant.h"
#include "infer.h"

#define BA_MAX_POINTS	BPF_LOCKDOWN_ANNOT_MAX_POINTS
#define BA_POINT_MAX	BPF_LOCKDOWN_ANNOT_POINT_MAX

/**
 * struct ba_attach - where a program may be attached (annotation version 2)
 * @kinds: the attach kinds its section names (&enum bpf_attach_type and
 *	&enum bpf_lockdown_attach_kind bits); seal writes them at every level
 *	the program may load at. Empty: only what the load fixed.
 * @points: the attach points ("kprobe:do_nanosleep"), each once
 * @point_cnt: number of @points
 * @note: why the binding is weaker than the section suggests (no kind, or
 *	no point), or why a section needs none (an extension, a syscall
 *	program); or ""
 * @weak: @note says why the binding is weaker than the section suggests:
 *	seal warns
 */
struct ba_attach {
	__u64 kinds[BPF_LOCKDOWN_ANNOT_ATTACH_WORDS];
	char points[BA_MAX_POINTS][BA_POINT_MAX + 1];
	__u32 point_cnt;
	char note[320];
	bool weak;
};

void ba_attach_infer(const struct bpf_annotate_prog *prog, struct ba_attach *att);
void ba_infer_grants(const struct ba_needs *needs, const struct ba_attach *att,
		     bool kernel_reads, struct ba_grant grant[BPF_LOCKDOWN_LEVEL_NR]);
bool ba_attach_has_kind(const __u64 *kinds, __u32 kind);
bool ba_attach_empty(const __u64 *kinds);
int ba_attach_kinds_text(const __u64 *kinds, char *buf, size_t size);
int ba_attach_add_point(struct ba_attach *att, const char *point);
bool ba_attach_del_point(struct ba_attach *att, const char *point);
bool ba_attach_has_point(const struct ba_attach *att, const char *point);
bool ba_attach_has_point_kind(const struct ba_attach *att, const char *point_kind);

const char *ba_point_kind(__u32 kind);
const char *ba_point_kind_of(__u32 kind, unsigned int i);
bool ba_point_valid(const char *point, char *why, size_t why_size);
bool ba_path_canonical(const char *p);
bool ba_point_match(const char *pat, const char *point_kind, const char *where);
int ba_syscall_func(const char *name, char *buf, size_t size);

#endif /* _BPF_ANNOTATE_INFER_ATTACH_H */
