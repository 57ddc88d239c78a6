// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - unsigned tier table, shared by the kernel and bpf-annotate */

#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "tier_table.h"

#define DENY BPF_LOCKDOWN_DENY
#define ALLOW BPF_LOCKDOWN_ALLOW
#define USER_STACK BPF_LOCKDOWN_USER_STACK
#define USER_MEMORY BPF_LOCKDOWN_USER_MEMORY

/*
 * Every table below is positional and checked at build time: each entry
 * carries its ID, which must equal both the kernel's enum value for its
 * name and its position in the table (counted with __COUNTER__), and each
 * table has exactly as many entries as the kernel has IDs. A helper or
 * program type that the kernel gains later therefore fails the build until
 * it is classified: new items start out denied.
 */
#define BPF_LOCKDOWN_POS(base) (__COUNTER__ - (base))

struct bpf_lockdown_class_info {
	__u8 class;
	const char *name;
};

enum { BPF_LOCKDOWN_CLASS_BASE = __COUNTER__ + 1 };

static const struct bpf_lockdown_class_info classes[] = {
/* the rationale (w) is documentation, which every class must have */
#define BPF_LOCKDOWN_CLASS(cls, n, w)						\
	{ .class = BPF_LOCKDOWN_CLASS_##cls + BUILD_BUG_ON_ZERO(BPF_LOCKDOWN_CLASS_##cls !=	\
		BPF_LOCKDOWN_POS(BPF_LOCKDOWN_CLASS_BASE)),				\
	  .name = (n) + BUILD_BUG_ON_ZERO(sizeof(w) < 2) },
#include "tier_classes.h"
#undef BPF_LOCKDOWN_CLASS
};

static_assert(ARRAY_SIZE(classes) == BPF_LOCKDOWN_CLASS_NR,
	      "tier_classes.h and enum bpf_lockdown_class differ");

enum { BPF_LOCKDOWN_HELPER_BASE = __COUNTER__ + 1 };

const struct bpf_lockdown_rule bpf_lockdown_helper_rules[__BPF_FUNC_MAX_ID] = {
#define BPF_LOCKDOWN_HELPER(n, nr, i, c, cls)					\
	{ .name = #n, .verdict = { i, c }, .class = BPF_LOCKDOWN_CLASS_##cls,	\
	  .id = BPF_FUNC_##n + BUILD_BUG_ON_ZERO(BPF_FUNC_##n != (nr)) +	\
		BUILD_BUG_ON_ZERO(BPF_FUNC_##n != BPF_LOCKDOWN_POS(BPF_LOCKDOWN_HELPER_BASE)) },
#include "tier_helpers.h"
#undef BPF_LOCKDOWN_HELPER
};

/* The table must also have no fewer entries than the kernel has helpers */
enum { BPF_LOCKDOWN_HELPER_END = __COUNTER__ - BPF_LOCKDOWN_HELPER_BASE };
static_assert((int)BPF_LOCKDOWN_HELPER_END == (int)__BPF_FUNC_MAX_ID,
	      "a helper of this kernel is not classified in tier_helpers.h");

enum { BPF_LOCKDOWN_PROG_BASE = __COUNTER__ + 1 };

const struct bpf_lockdown_rule bpf_lockdown_prog_rules[__MAX_BPF_PROG_TYPE] = {
#define BPF_LOCKDOWN_PROG(type, n, i, c, cls)					\
	{ .name = n, .verdict = { i, c }, .class = BPF_LOCKDOWN_CLASS_##cls,	\
	  .id = BPF_PROG_TYPE_##type + BUILD_BUG_ON_ZERO(BPF_PROG_TYPE_##type !=	\
		BPF_LOCKDOWN_POS(BPF_LOCKDOWN_PROG_BASE)) },
#include "tier_progs.h"
#undef BPF_LOCKDOWN_PROG
};

enum { BPF_LOCKDOWN_PROG_END = __COUNTER__ - BPF_LOCKDOWN_PROG_BASE };
static_assert((int)BPF_LOCKDOWN_PROG_END == (int)__MAX_BPF_PROG_TYPE,
	      "a program type of this kernel is not classified in tier_progs.h");

enum { BPF_LOCKDOWN_MAP_BASE = __COUNTER__ + 1 };

static const struct bpf_lockdown_rule map_rules[__MAX_BPF_MAP_TYPE] = {
#define BPF_LOCKDOWN_MAP(type, n, i, c, cls)					\
	{ .name = n, .verdict = { i, c }, .class = BPF_LOCKDOWN_CLASS_##cls,	\
	  .id = BPF_MAP_TYPE_##type + BUILD_BUG_ON_ZERO(BPF_MAP_TYPE_##type !=	\
		BPF_LOCKDOWN_POS(BPF_LOCKDOWN_MAP_BASE)) },
#include "tier_progs.h"
#undef BPF_LOCKDOWN_MAP
};

enum { BPF_LOCKDOWN_MAP_END = __COUNTER__ - BPF_LOCKDOWN_MAP_BASE };
static_assert((int)BPF_LOCKDOWN_MAP_END == (int)__MAX_BPF_MAP_TYPE,
	      "a map type of this kernel is not classified in tier_progs.h");

static const struct bpf_lockdown_rule iter_rules[] = {
#define BPF_LOCKDOWN_ITER(n, i, c, cls)						\
	{ .name = #n, .verdict = { i, c }, .class = BPF_LOCKDOWN_CLASS_##cls },
#include "tier_progs.h"
#undef BPF_LOCKDOWN_ITER
};

static const struct bpf_lockdown_attach_rule attach_rules[] = {
#define BPF_LOCKDOWN_ATTACH(type, attach, n, i, c, cls)			\
	{ .prog_type = BPF_PROG_TYPE_##type, .attach_type = attach,		\
	  .rule = { .name = n, .verdict = { i, c }, .class = BPF_LOCKDOWN_CLASS_##cls } },
#include "tier_progs.h"
#undef BPF_LOCKDOWN_ATTACH
};

enum { BPF_LOCKDOWN_ATTACH_TYPE_BASE = __COUNTER__ + 1 };

static const struct {
	const char *name;
} attach_type_names[__MAX_BPF_ATTACH_TYPE] = {
#define BPF_LOCKDOWN_ATTACH_TYPE(type, n)					\
	{ .name = (n) + BUILD_BUG_ON_ZERO(BPF_##type !=				\
					  BPF_LOCKDOWN_POS(BPF_LOCKDOWN_ATTACH_TYPE_BASE)) },
#include "tier_attach.h"
#undef BPF_LOCKDOWN_ATTACH_TYPE
};

enum { BPF_LOCKDOWN_ATTACH_TYPE_END = __COUNTER__ - BPF_LOCKDOWN_ATTACH_TYPE_BASE };
static_assert((int)BPF_LOCKDOWN_ATTACH_TYPE_END == (int)__MAX_BPF_ATTACH_TYPE,
	      "an attach type of this kernel is not named in tier_attach.h");

enum { BPF_LOCKDOWN_ATTACH_KIND_BASE = __COUNTER__ + 1 };

#define ATTACH_KIND_NR (BPF_LOCKDOWN_ATTACH_KIND_NR - BPF_LOCKDOWN_ATTACH_TYPE_NR)
static const struct bpf_lockdown_rule attach_kind_rules[ATTACH_KIND_NR] = {
#define BPF_LOCKDOWN_ATTACH_KIND(kind, n, i, c, cls)				\
	{ .name = n, .verdict = { i, c }, .class = BPF_LOCKDOWN_CLASS_##cls,	\
	  .id = BPF_LOCKDOWN_ATTACH_##kind +					\
		BUILD_BUG_ON_ZERO(BPF_LOCKDOWN_ATTACH_##kind - BPF_LOCKDOWN_ATTACH_TYPE_NR !=	\
				  BPF_LOCKDOWN_POS(BPF_LOCKDOWN_ATTACH_KIND_BASE)) },
#include "tier_attach.h"
#undef BPF_LOCKDOWN_ATTACH_KIND
};

enum { BPF_LOCKDOWN_ATTACH_KIND_END = __COUNTER__ - BPF_LOCKDOWN_ATTACH_KIND_BASE };
static_assert((int)BPF_LOCKDOWN_ATTACH_KIND_END == (int)ATTACH_KIND_NR,
	      "an attach kind is not classified in tier_attach.h");

static const struct bpf_lockdown_rule kfunc_rules[] = {
#define BPF_LOCKDOWN_KFUNC(n, i, c, cls)					\
	{ .name = #n, .verdict = { i, c }, .class = BPF_LOCKDOWN_CLASS_##cls },
#include "tier_kfuncs.h"
#undef BPF_LOCKDOWN_KFUNC
};

static const struct bpf_lockdown_rule cap_rules[] = {
#define BPF_LOCKDOWN_CAP(n, i, c, cls)						\
	{ .name = #n, .verdict = { i, c }, .class = BPF_LOCKDOWN_CLASS_##cls },
#include "tier_kfuncs.h"
#undef BPF_LOCKDOWN_CAP
};

static const char *const mode_names[] = {
	[BPF_LOCKDOWN_MODE_OFF] = "off",
	[BPF_LOCKDOWN_MODE_AUDIT] = "audit",
	[BPF_LOCKDOWN_MODE_ENFORCE] = "enforce",
};

static const char *const verdict_names[] = {
	[BPF_LOCKDOWN_DENY] = "deny",
	[BPF_LOCKDOWN_ALLOW] = "allow",
	[BPF_LOCKDOWN_USER_STACK] = "user-stack",
	[BPF_LOCKDOWN_USER_MEMORY] = "user-memory",
};

static_assert(ARRAY_SIZE(mode_names) == BPF_LOCKDOWN_MODE_NR, "mode names");
static_assert(ARRAY_SIZE(verdict_names) == BPF_LOCKDOWN_VERDICT_NR, "verdict names");

/**
 * bpf_lockdown_class_name() - name of a rationale class
 * @class: &enum bpf_lockdown_class
 *
 * Return: the class name, or "?" for an unknown class.
 */
const char *bpf_lockdown_class_name(unsigned int class)
{
	return class < ARRAY_SIZE(classes) ? classes[class].name : "?";
}

/**
 * bpf_lockdown_mode_name() - name of an enforcement mode
 * @mode: &enum bpf_lockdown_mode
 *
 * Return: "off", "audit", "enforce", or "?".
 */
const char *bpf_lockdown_mode_name(unsigned int mode)
{
	return mode < ARRAY_SIZE(mode_names) ? mode_names[mode] : "?";
}

/**
 * bpf_lockdown_verdict_name() - name of a verdict
 * @verdict: &enum bpf_lockdown_verdict
 *
 * Return: "allow", "deny", "user-stack", "user-memory", or "?".
 */
const char *bpf_lockdown_verdict_name(unsigned int verdict)
{
	return verdict < ARRAY_SIZE(verdict_names) ? verdict_names[verdict] : "?";
}

/**
 * bpf_lockdown_verdict_at() - verdict of a rule at a lockdown level
 * @rule: the rule
 * @level: &enum bpf_lockdown_level
 *
 * Return: &enum bpf_lockdown_verdict; everything is allowed at level none.
 */
int bpf_lockdown_verdict_at(const struct bpf_lockdown_rule *rule,
			    unsigned int level)
{
	if (level == BPF_LOCKDOWN_LEVEL_NONE)
		return BPF_LOCKDOWN_ALLOW;
	if (level >= BPF_LOCKDOWN_LEVEL_NR)
		return BPF_LOCKDOWN_DENY;
	return rule->verdict[level - 1];
}

/**
 * bpf_lockdown_helper_rule() - classification of a helper
 * @func_id: &enum bpf_func_id
 *
 * Return: the rule, or NULL when @func_id is not a helper of this kernel.
 */
const struct bpf_lockdown_rule *bpf_lockdown_helper_rule(int func_id)
{
	if (func_id < 0 || func_id >= __BPF_FUNC_MAX_ID)
		return NULL;
	return &bpf_lockdown_helper_rules[func_id];
}

/**
 * bpf_lockdown_prog_rule() - classification of a program and attach type
 * @prog_type: &enum bpf_prog_type
 * @attach_type: expected attach type
 *
 * Return: the attach-type rule if there is one, else the program type's
 * rule, or NULL when @prog_type is not a program type of this kernel.
 */
const struct bpf_lockdown_rule *
bpf_lockdown_prog_rule(__u32 prog_type, __u32 attach_type)
{
	size_t i;

	if (prog_type >= __MAX_BPF_PROG_TYPE)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(attach_rules); i++)
		if (attach_rules[i].prog_type == prog_type &&
		    attach_rules[i].attach_type == attach_type)
			return &attach_rules[i].rule;
	return &bpf_lockdown_prog_rules[prog_type];
}

static const struct bpf_lockdown_rule *
find_rule(const struct bpf_lockdown_rule *rules, size_t cnt, const char *name)
{
	size_t i;

	for (i = 0; i < cnt; i++)
		if (!strcmp(rules[i].name, name))
			return &rules[i];
	return NULL;
}

/**
 * bpf_lockdown_kfunc_rule() - classification of a kfunc
 * @name: BTF name of the kfunc
 *
 * Return: the rule, or NULL when the kfunc is not listed (denied).
 */
const struct bpf_lockdown_rule *bpf_lockdown_kfunc_rule(const char *name)
{
	return find_rule(kfunc_rules, ARRAY_SIZE(kfunc_rules), name);
}

/**
 * bpf_lockdown_iter_rule() - classification of an iterator target
 * @target: the target's name, e.g. "task" for bpf_iter_task
 *
 * Return: the rule, or NULL when the target is not listed (denied).
 */
const struct bpf_lockdown_rule *bpf_lockdown_iter_rule(const char *target)
{
	return find_rule(iter_rules, ARRAY_SIZE(iter_rules), target);
}

/**
 * bpf_lockdown_map_rule() - classification of a map type
 * @map_type: &enum bpf_map_type
 *
 * Return: the rule, or NULL when @map_type is not a map type of this
 * kernel.
 */
const struct bpf_lockdown_rule *bpf_lockdown_map_rule(__u32 map_type)
{
	return map_type < __MAX_BPF_MAP_TYPE ? &map_rules[map_type] : NULL;
}

/**
 * bpf_lockdown_cap_rule() - classification of a capability
 * @name: capability name, e.g. "btf_pointer_read"
 *
 * Return: the rule, or NULL when there is no such capability.
 */
const struct bpf_lockdown_rule *bpf_lockdown_cap_rule(const char *name)
{
	return find_rule(cap_rules, ARRAY_SIZE(cap_rules), name);
}

/**
 * bpf_lockdown_ceiling_allows() - whether a signed program may use an item
 * @rule: a helper, kfunc or capability rule, or NULL for a kfunc that the
 *	tier does not list
 * @level: &enum bpf_lockdown_level
 * @kernel_reads: signed programs may read kernel memory in confidentiality
 *	mode (CONFIG_BPF_LOCKDOWN_SIGNED_KERNEL_READS)
 *
 * The ceiling keeps lockdown's own promises for signed programs: nothing
 * unclassified (a kfunc the table does not list) and nothing that writes
 * into user memory from integrity up, and nothing reads kernel
 * memory, reveals kernel addresses or loads programs (whose attributes
 * the kernel reads as kernel pointers) in confidentiality mode unless
 * @kernel_reads. A signed program gets annotation[level] within it.
 *
 * Return: true if the ceiling allows the item at @level.
 */
bool bpf_lockdown_ceiling_allows(const struct bpf_lockdown_rule *rule,
				 unsigned int level, bool kernel_reads)
{
	unsigned int class = rule ? rule->class : BPF_LOCKDOWN_CLASS_UNCLASSIFIED;

	if (level == BPF_LOCKDOWN_LEVEL_NONE)
		return true;
	if (level >= BPF_LOCKDOWN_LEVEL_NR)
		return false;
	if (class == BPF_LOCKDOWN_CLASS_WRITES_USER_MEMORY ||
	    class == BPF_LOCKDOWN_CLASS_UNCLASSIFIED)
		return false;
	/*
	 * bpf_sys_bpf() takes every pointer of its attributes as a kernel
	 * pointer, and bpf_kallsyms_lookup_name() answers with addresses: at
	 * confidentiality, loading programs from a program reads the kernel
	 */
	if (level == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY && !kernel_reads &&
	    (class == BPF_LOCKDOWN_CLASS_READS_KERNEL_MEMORY ||
	     class == BPF_LOCKDOWN_CLASS_LEAKS_KERNEL_ADDRESS ||
	     class == BPF_LOCKDOWN_CLASS_LOADS_PROGRAMS))
		return false;
	return true;
}

/**
 * bpf_lockdown_ceiling_caps() - capabilities the ceiling allows
 * @level: &enum bpf_lockdown_level
 * @kernel_reads: as for bpf_lockdown_ceiling_allows()
 *
 * Every capability of ABI 1 reads kernel memory or reveals kernel
 * addresses, so all are allowed below confidentiality and none in it
 * unless @kernel_reads.
 *
 * Return: %BPF_LOCKDOWN_CAP_* bits.
 */
__u32 bpf_lockdown_ceiling_caps(unsigned int level, bool kernel_reads)
{
	if (level >= BPF_LOCKDOWN_LEVEL_NR)
		return 0;
	if (level == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY && !kernel_reads)
		return 0;
	return BPF_LOCKDOWN_CAP_ALL;
}

static int format_rule(char *buf, size_t size, const char *kind,
		       const char *id, const struct bpf_lockdown_rule *rule)
{
	return snprintf(buf, size, "%s %s %s %s %s %s\n", kind, id, rule->name,
			bpf_lockdown_verdict_name(rule->verdict[0]),
			bpf_lockdown_verdict_name(rule->verdict[1]),
			bpf_lockdown_class_name(rule->class));
}

/**
 * bpf_lockdown_tier_line() - one line of the tier table in text form
 * @line: line number, from 0
 * @buf: output buffer
 * @size: size of @buf
 *
 * The format is documented in Documentation/tier.rst: two comment lines,
 * then one line per helper, program type, attach type, kfunc, capability,
 * iterator target, map type and attach kind: "kind id name integrity
 * confidentiality class".
 *
 * Return: the length of the line as snprintf() returns it, or 0 after the
 * last line.
 */
int bpf_lockdown_tier_line(unsigned int line, char *buf, size_t size)
{
	char id[24];

	if (line == 0)
		return snprintf(buf, size, "# bpf_lockdown tier 4\n");
	if (line == 1)
		return snprintf(buf, size,
				"# kind id name integrity confidentiality class\n");
	line -= 2;
	if (line < __BPF_FUNC_MAX_ID) {
		snprintf(id, sizeof(id), "%u", line);
		return format_rule(buf, size, "helper", id,
				   &bpf_lockdown_helper_rules[line]);
	}
	line -= __BPF_FUNC_MAX_ID;
	if (line < __MAX_BPF_PROG_TYPE) {
		snprintf(id, sizeof(id), "%u", line);
		return format_rule(buf, size, "prog", id,
				   &bpf_lockdown_prog_rules[line]);
	}
	line -= __MAX_BPF_PROG_TYPE;
	if (line < ARRAY_SIZE(attach_rules)) {
		snprintf(id, sizeof(id), "%u:%u", attach_rules[line].prog_type,
			 attach_rules[line].attach_type);
		return format_rule(buf, size, "attach", id, &attach_rules[line].rule);
	}
	line -= ARRAY_SIZE(attach_rules);
	if (line < ARRAY_SIZE(kfunc_rules))
		return format_rule(buf, size, "kfunc", "-", &kfunc_rules[line]);
	line -= ARRAY_SIZE(kfunc_rules);
	if (line < ARRAY_SIZE(cap_rules))
		return format_rule(buf, size, "cap", "-", &cap_rules[line]);
	line -= ARRAY_SIZE(cap_rules);
	if (line < ARRAY_SIZE(iter_rules))
		return format_rule(buf, size, "iter", "-", &iter_rules[line]);
	line -= ARRAY_SIZE(iter_rules);
	if (line < __MAX_BPF_MAP_TYPE) {
		snprintf(id, sizeof(id), "%u", line);
		return format_rule(buf, size, "map", id, &map_rules[line]);
	}
	line -= __MAX_BPF_MAP_TYPE;
	if (line < ATTACH_KIND_NR) {
		snprintf(id, sizeof(id), "%u", attach_kind_rules[line].id);
		return format_rule(buf, size, "attach_kind", id, &attach_kind_rules[line]);
	}
	return 0;
}

/**
 * bpf_lockdown_attach_name() - name of an attach kind
 * @kind: &enum bpf_attach_type or &enum bpf_lockdown_attach_kind
 *
 * Attach types are named as the enum without "BPF_", in lower case
 * ("cgroup_inet_ingress"); the other kinds as in tier_attach.h ("kprobe",
 * "socket").
 *
 * Return: the name, or NULL for an unknown kind.
 */
const char *bpf_lockdown_attach_name(__u32 kind)
{
	if (kind < __MAX_BPF_ATTACH_TYPE)
		return attach_type_names[kind].name;
	if (kind >= BPF_LOCKDOWN_ATTACH_TYPE_NR && kind < BPF_LOCKDOWN_ATTACH_KIND_NR)
		return attach_kind_rules[kind - BPF_LOCKDOWN_ATTACH_TYPE_NR].name;
	return NULL;
}

/**
 * bpf_lockdown_attach_by_name() - attach kind of a name
 * @name: a name as bpf_lockdown_attach_name() gives it
 *
 * Return: the kind, or -1 for an unknown name.
 */
int bpf_lockdown_attach_by_name(const char *name)
{
	__u32 kind;

	for (kind = 0; kind < BPF_LOCKDOWN_ATTACH_KIND_NR; kind++)
		if (bpf_lockdown_attach_name(kind) && !strcmp(bpf_lockdown_attach_name(kind), name))
			return kind;
	return -1;
}

/**
 * bpf_lockdown_attach_kind_rule() - the tier's rule for an attach kind
 * @kind: &enum bpf_lockdown_attach_kind
 *
 * Attach types have no rule of their own: their program type's rule,
 * refined by the attach type, applies (bpf_lockdown_prog_rule()).
 *
 * Return: the rule, or NULL when @kind is not an &enum
 * bpf_lockdown_attach_kind.
 */
const struct bpf_lockdown_rule *bpf_lockdown_attach_kind_rule(__u32 kind)
{
	if (kind < BPF_LOCKDOWN_ATTACH_TYPE_NR || kind >= BPF_LOCKDOWN_ATTACH_KIND_NR)
		return NULL;
	return &attach_kind_rules[kind - BPF_LOCKDOWN_ATTACH_TYPE_NR];
}
