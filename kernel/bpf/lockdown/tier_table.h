/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - unsigned tier table, shared by the kernel and bpf-annotate */

#ifndef _BPF_LOCKDOWN_TIER_TABLE_H
#define _BPF_LOCKDOWN_TIER_TABLE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <uapi/linux/bpf.h>
#include <uapi/linux/bpf_lockdown.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/bpf_lockdown.h>
#endif

/* bpf_lockdown_level_name(), the names of the levels the table is for */
#include "annot.h"

/**
 * enum bpf_lockdown_verdict - what the unsigned tier says about one item
 * @BPF_LOCKDOWN_DENY: refused to unsigned programs
 * @BPF_LOCKDOWN_ALLOW: allowed to unsigned programs
 * @BPF_LOCKDOWN_USER_STACK: allowed only for user stacks: the flags
 *	argument must be a constant with BPF_F_USER_STACK (a stack helper,
 *	see bpf_lockdown_stack_flags_reg())
 * @BPF_LOCKDOWN_USER_MEMORY: allowed as its user-memory form: the kernel
 *	gives the program bpf_probe_read_user{,_str}() instead (the compat
 *	bpf_probe_read{,_str}(), see bpf_lockdown_probe_read_proto())
 * @BPF_LOCKDOWN_VERDICT_NR: number of verdicts
 */
enum bpf_lockdown_verdict {
	BPF_LOCKDOWN_DENY,
	BPF_LOCKDOWN_ALLOW,
	BPF_LOCKDOWN_USER_STACK,
	BPF_LOCKDOWN_USER_MEMORY,
	BPF_LOCKDOWN_VERDICT_NR
};

/**
 * bpf_lockdown_stack_flags_reg() - the flags argument of a stack helper
 * @func_id: &enum bpf_func_id
 *
 * The stack helpers collect a kernel stack unless their flags argument has
 * BPF_F_USER_STACK: the tier allows them for user stacks only
 * (%BPF_LOCKDOWN_USER_STACK in tier_helpers.h), and an annotation or the
 * ceiling for kernel stacks only with %BPF_LOCKDOWN_CAP_KERNEL_STACK. The
 * kernel reads the argument in the verifier's register state, bpf-annotate
 * in the code before the call.
 *
 * Return: the argument register of the flags (BPF_REG_3 or BPF_REG_4), or
 * -1 when @func_id is not a stack helper.
 */
static inline int bpf_lockdown_stack_flags_reg(int func_id)
{
	switch (func_id) {
	case BPF_FUNC_get_stackid:
		return BPF_REG_3;
	case BPF_FUNC_get_stack:
	case BPF_FUNC_get_task_stack:
		return BPF_REG_4;
	default:
		return -1;
	}
}

/**
 * enum bpf_lockdown_class - why an item is allowed or denied
 * @BPF_LOCKDOWN_CLASS_INVALID: not a callable helper
 * @BPF_LOCKDOWN_CLASS_OBSERVE: observes without changing anything
 * @BPF_LOCKDOWN_CLASS_BPF_INTERNAL: manages the program's own BPF objects
 * @BPF_LOCKDOWN_CLASS_READS_KERNEL_MEMORY: reads arbitrary kernel memory
 * @BPF_LOCKDOWN_CLASS_LEAKS_KERNEL_ADDRESS: reveals kernel addresses
 * @BPF_LOCKDOWN_CLASS_WRITES_USER_MEMORY: writes into a user process
 * @BPF_LOCKDOWN_CLASS_MODIFIES_KERNEL_BEHAVIOUR: changes a kernel decision
 * @BPF_LOCKDOWN_CLASS_SIGNALS: sends signals
 * @BPF_LOCKDOWN_CLASS_LOADS_PROGRAMS: issues bpf() commands
 * @BPF_LOCKDOWN_CLASS_WRITES_PACKETS: rewrites packets
 * @BPF_LOCKDOWN_CLASS_CONTROLS_NETWORK: steers packets or sockets
 * @BPF_LOCKDOWN_CLASS_UNCLASSIFIED: not classified, denied by default
 * @BPF_LOCKDOWN_CLASS_NR: number of classes
 *
 * The names and rationales are in tier_classes.h, in this order.
 */
enum bpf_lockdown_class {
	BPF_LOCKDOWN_CLASS_INVALID,
	BPF_LOCKDOWN_CLASS_OBSERVE,
	BPF_LOCKDOWN_CLASS_BPF_INTERNAL,
	BPF_LOCKDOWN_CLASS_READS_KERNEL_MEMORY,
	BPF_LOCKDOWN_CLASS_LEAKS_KERNEL_ADDRESS,
	BPF_LOCKDOWN_CLASS_WRITES_USER_MEMORY,
	BPF_LOCKDOWN_CLASS_MODIFIES_KERNEL_BEHAVIOUR,
	BPF_LOCKDOWN_CLASS_SIGNALS,
	BPF_LOCKDOWN_CLASS_LOADS_PROGRAMS,
	BPF_LOCKDOWN_CLASS_WRITES_PACKETS,
	BPF_LOCKDOWN_CLASS_CONTROLS_NETWORK,
	BPF_LOCKDOWN_CLASS_UNCLASSIFIED,
	BPF_LOCKDOWN_CLASS_NR
};

/**
 * struct bpf_lockdown_rule - one classified item
 * @name: helper name without "bpf_", program type, attach or kfunc name
 * @id: helper ID or program type; 0 for other items
 * @verdict: &enum bpf_lockdown_verdict at integrity ([0]) and
 *	confidentiality ([1])
 * @class: &enum bpf_lockdown_class
 */
struct bpf_lockdown_rule {
	const char *name;
	__u32 id;
	__u8 verdict[2];
	__u8 class;
};

/**
 * struct bpf_lockdown_attach_rule - a program type refined by attach type
 * @prog_type: &enum bpf_prog_type
 * @attach_type: &enum bpf_attach_type
 * @rule: the verdict for this pair
 */
struct bpf_lockdown_attach_rule {
	__u32 prog_type;
	__u32 attach_type;
	struct bpf_lockdown_rule rule;
};

extern const struct bpf_lockdown_rule bpf_lockdown_helper_rules[__BPF_FUNC_MAX_ID];
extern const struct bpf_lockdown_rule bpf_lockdown_prog_rules[__MAX_BPF_PROG_TYPE];

const char *bpf_lockdown_class_name(unsigned int class);
const char *bpf_lockdown_mode_name(unsigned int mode);
const char *bpf_lockdown_verdict_name(unsigned int verdict);
int bpf_lockdown_verdict_at(const struct bpf_lockdown_rule *rule,
			    unsigned int level);
const struct bpf_lockdown_rule *bpf_lockdown_helper_rule(int func_id);
const struct bpf_lockdown_rule *
bpf_lockdown_prog_rule(__u32 prog_type, __u32 attach_type);
const struct bpf_lockdown_rule *bpf_lockdown_kfunc_rule(const char *name);
const struct bpf_lockdown_rule *bpf_lockdown_cap_rule(const char *name);
const struct bpf_lockdown_rule *bpf_lockdown_iter_rule(const char *target);
const struct bpf_lockdown_rule *bpf_lockdown_map_rule(__u32 map_type);
const struct bpf_lockdown_rule *bpf_lockdown_attach_kind_rule(__u32 kind);
const char *bpf_lockdown_attach_name(__u32 kind);
int bpf_lockdown_attach_by_name(const char *name);
bool bpf_lockdown_ceiling_allows(const struct bpf_lockdown_rule *rule,
				 unsigned int level, bool kernel_reads);
__u32 bpf_lockdown_ceiling_caps(unsigned int level, bool kernel_reads);
int bpf_lockdown_tier_line(unsigned int line, char *buf, size_t size);

#endif /* _BPF_LOCKDOWN_TIER_TABLE_H */
