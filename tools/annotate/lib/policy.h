/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - policy files: parse, check against the code, apply */

#ifndef _BPF_ANNOTATE_POLICY_H
#define _BPF_ANNOTATE_POLICY_H

#include <stddef.h>

#include "bpf_annotate.h"
#include "grant.h"
#include "infer.h"
#include "infer_attach.h"

struct ba_policy;

int ba_policy_parse(const char *path, struct ba_policy **out, char *err, size_t err_size);
void ba_policy_free(struct ba_policy *pol);
int ba_policy_check_progs(const struct ba_policy *pol, const struct bpf_annotate_obj *obj,
			  char *err, size_t err_size);
int ba_policy_apply(const struct ba_policy *pol, const struct bpf_annotate_obj *obj,
		    const struct bpf_annotate_prog *prog, const struct ba_needs *needs,
		    struct ba_attach *att, struct ba_grant grant[BPF_LOCKDOWN_LEVEL_NR],
		    const struct bpf_annotate_seal_opts *opts, char *err, size_t err_size);

#endif /* _BPF_ANNOTATE_POLICY_H */
