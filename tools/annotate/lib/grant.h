/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - grants: what a level allows, and the ceiling over them */

#ifndef _BPF_ANNOTATE_GRANT_H
#define _BPF_ANNOTATE_GRANT_H

#include <stdbool.h>
#include <linux/types.h>
#include <linux/bpf_lockdown.h>

#include "annot.h"

#define BA_MAX_KFUNCS	BPF_LOCKDOWN_ANNOT_MAX_KFUNCS

/**
 * struct ba_grant - what one level of an annotation grants
 * @may_load: MAY_LOAD
 * @caps: BPF_LOCKDOWN_CAP_* bits
 * @helpers: helper bitmap
 * @kfuncs: kfunc names (pointing into the program's externs or the policy)
 * @kfunc_cnt: number of @kfuncs
 * @attach: attach kind bitmap (annotation version 2); empty: only what the
 *	load fixed
 */
struct ba_grant {
	bool may_load;
	__u32 caps;
	__u64 helpers[BPF_LOCKDOWN_ANNOT_HELPER_WORDS];
	const char *kfuncs[BA_MAX_KFUNCS];
	__u32 kfunc_cnt;
	__u64 attach[BPF_LOCKDOWN_ANNOT_ATTACH_WORDS];
};

bool ba_grant_has_kfunc(const struct ba_grant *g, const char *name);
int ba_grant_add_kfunc(struct ba_grant *g, const char *name);
void ba_grant_del_kfunc(struct ba_grant *g, const char *name);

/**
 * struct ba_cap - a capability an annotation may grant
 * @bit: its BPF_LOCKDOWN_CAP_* bit
 * @name: its name in policies and in what show and scan print ("btf_read")
 * @tier_name: its name in the unsigned tier table ("btf_pointer_read"),
 *	which a policy also accepts; NULL when the tier does not classify it
 */
struct ba_cap {
	__u32 bit;
	const char *name;
	const char *tier_name;
};

/* every capability, in the order of their bits */
#define BA_CAP_NR	3
extern const struct ba_cap ba_caps[BA_CAP_NR];

const char *ba_cap_name(__u32 cap);
__u32 ba_cap_by_name(const char *name);

/* why code that reads through BTF pointers needs ksym at confidentiality */
#define BA_KSYM_FOR_BTF_READ \
	"reading through BTF pointers at confidentiality, where the verifier keeps pointer leaks only for a program granted ksym"

__u32 ba_caps_at_level(__u32 caps, unsigned int level);
bool ba_ceiling_allows_helper(int func_id, unsigned int level, bool kernel_reads);
bool ba_ceiling_allows_kfunc(const char *name, unsigned int level, bool kernel_reads);
bool ba_ceiling_allows_cap(__u32 cap, unsigned int level, bool kernel_reads);
bool ba_ceiling_allows_grant(const struct ba_grant *g, unsigned int level, bool kernel_reads);

#endif /* _BPF_ANNOTATE_GRANT_H */
