/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - inference: what the code of a program uses */

#ifndef _BPF_ANNOTATE_INFER_H
#define _BPF_ANNOTATE_INFER_H

#include <stdbool.h>
#include <linux/types.h>

#include "bpf_annotate.h"
#include "grant.h"

/**
 * struct ba_needs - what the code of one program uses
 * @grant: the helpers, kfuncs and capabilities (@grant.may_load unused)
 * @cap_why: for each capability bit, why the code needs it
 */
struct ba_needs {
	struct ba_grant grant;
	const char *cap_why[32];
};

int ba_needs(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
	     struct ba_needs *n);
int ba_helper_insn(const struct bpf_annotate_prog *prog, int func_id);
int ba_prog_maps(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
		 bool sealed_only, __u32 *idx, __u32 max);

#endif /* _BPF_ANNOTATE_INFER_H */
