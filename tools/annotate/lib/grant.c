// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - grants: what a level allows, and the ceiling over them */

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "grant.h"
#include "tier_table.h"

const struct ba_cap ba_caps[BA_CAP_NR] = {
	{ BPF_LOCKDOWN_CAP_BTF_READ, "btf_read", "btf_pointer_read" },
	{ BPF_LOCKDOWN_CAP_KSYM, "ksym", "ksym_address" },
	{ BPF_LOCKDOWN_CAP_KERNEL_STACK, "kernel_stack", NULL },
};
static_assert(BA_CAP_NR == __builtin_popcount(BPF_LOCKDOWN_CAP_ALL),
	      "ba_caps[] names every BPF_LOCKDOWN_CAP_* bit");

/**
 * ba_cap_name() - the name of a capability, as policies and show name it
 * @cap: one BPF_LOCKDOWN_CAP_* bit
 *
 * Return: the name ("btf_read", "ksym", "kernel_stack"), or "?".
 */
const char *ba_cap_name(__u32 cap)
{
	size_t i;

	for (i = 0; i < BA_CAP_NR; i++)
		if (ba_caps[i].bit == cap)
			return ba_caps[i].name;
	return "?";
}

/**
 * ba_cap_by_name() - a capability by its name or by its tier name
 * @name: "btf_read", "ksym", "kernel_stack", or the tier's
 *	"btf_pointer_read" or "ksym_address"
 *
 * Return: the BPF_LOCKDOWN_CAP_* bit, or 0 for an unknown name.
 */
__u32 ba_cap_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < BA_CAP_NR; i++)
		if (!strcmp(ba_caps[i].name, name) ||
		    (ba_caps[i].tier_name && !strcmp(ba_caps[i].tier_name, name)))
			return ba_caps[i].bit;
	return 0;
}

/**
 * ba_caps_at_level() - the capabilities a level must grant for some code
 * @caps: BPF_LOCKDOWN_CAP_* bits the code needs
 * @level: &enum bpf_lockdown_level
 *
 * At confidentiality, in enforce mode, the kernel verifies a signed program
 * without pointer leaks (env->allow_ptr_leaks) unless its annotation grants
 * ksym at that level, and the verifier refuses every load through a BTF
 * pointer without pointer leaks: there, code that reads through BTF
 * pointers (btf_read) needs ksym as well. Only a kernel that lets signed
 * programs read the kernel at confidentiality gets so far: without it,
 * the ceiling refuses both there.
 *
 * Return: @caps, with %BPF_LOCKDOWN_CAP_KSYM when @caps has
 * %BPF_LOCKDOWN_CAP_BTF_READ and @level is confidentiality.
 */
__u32 ba_caps_at_level(__u32 caps, unsigned int level)
{
	if (level == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY && (caps & BPF_LOCKDOWN_CAP_BTF_READ))
		caps |= BPF_LOCKDOWN_CAP_KSYM;
	return caps;
}

/**
 * ba_ceiling_allows_helper() - whether signed programs may call a helper
 * @func_id: helper ID
 * @level: &enum bpf_lockdown_level
 * @kernel_reads: the kernel lets signed programs read the kernel at
 *	confidentiality (CONFIG_BPF_LOCKDOWN_SIGNED_KERNEL_READS, not turned
 *	off with bpf_lockdown.signed_kernel_reads=off)
 *
 * Return: true when the ceiling for signed programs allows the helper at
 * @level.
 */
bool ba_ceiling_allows_helper(int func_id, unsigned int level, bool kernel_reads)
{
	return bpf_lockdown_ceiling_allows(bpf_lockdown_helper_rule(func_id), level,
					   kernel_reads);
}

/**
 * ba_ceiling_allows_kfunc() - whether signed programs may call a kfunc
 * @name: kfunc name
 * @level: &enum bpf_lockdown_level
 * @kernel_reads: as for ba_ceiling_allows_helper()
 *
 * Return: true when the ceiling for signed programs allows the kfunc at
 * @level.
 */
bool ba_ceiling_allows_kfunc(const char *name, unsigned int level, bool kernel_reads)
{
	return bpf_lockdown_ceiling_allows(bpf_lockdown_kfunc_rule(name), level, kernel_reads);
}

/**
 * ba_ceiling_allows_cap() - whether signed programs may have capabilities
 * @cap: BPF_LOCKDOWN_CAP_* bits
 * @level: &enum bpf_lockdown_level
 * @kernel_reads: as for ba_ceiling_allows_helper()
 *
 * Return: true when the ceiling for signed programs allows every
 * capability of @cap at @level.
 */
bool ba_ceiling_allows_cap(__u32 cap, unsigned int level, bool kernel_reads)
{
	size_t i;

	if ((bpf_lockdown_ceiling_caps(level, kernel_reads) & cap) != cap)
		return false;
	for (i = 0; i < BA_CAP_NR; i++)
		if ((cap & ba_caps[i].bit) && ba_caps[i].tier_name &&
		    !bpf_lockdown_ceiling_allows(bpf_lockdown_cap_rule(ba_caps[i].tier_name),
						 level, kernel_reads))
			return false;
	return true;
}

/**
 * ba_grant_has_kfunc() - whether a grant lists a kfunc
 * @g: the grant
 * @name: kfunc name
 *
 * Return: true when @name is one of @g->kfuncs.
 */
bool ba_grant_has_kfunc(const struct ba_grant *g, const char *name)
{
	__u32 i;

	for (i = 0; i < g->kfunc_cnt; i++)
		if (!strcmp(g->kfuncs[i], name))
			return true;
	return false;
}

/**
 * ba_grant_add_kfunc() - add a kfunc to a grant, once
 * @g: the grant
 * @name: kfunc name; the grant keeps the pointer
 *
 * Return: 0, or -E2BIG when @g already lists %BA_MAX_KFUNCS kfuncs.
 */
int ba_grant_add_kfunc(struct ba_grant *g, const char *name)
{
	if (ba_grant_has_kfunc(g, name))
		return 0;
	if (g->kfunc_cnt == BA_MAX_KFUNCS)
		return -E2BIG;
	g->kfuncs[g->kfunc_cnt++] = name;
	return 0;
}

/**
 * ba_grant_del_kfunc() - remove a kfunc from a grant, if listed
 * @g: the grant
 * @name: kfunc name
 */
void ba_grant_del_kfunc(struct ba_grant *g, const char *name)
{
	__u32 i;

	for (i = 0; i < g->kfunc_cnt; i++)
		if (!strcmp(g->kfuncs[i], name)) {
			memmove(&g->kfuncs[i], &g->kfuncs[i + 1],
				(g->kfunc_cnt - i - 1) * sizeof(g->kfuncs[0]));
			g->kfunc_cnt--;
			return;
		}
}

/**
 * ba_ceiling_allows_grant() - whether the ceiling allows all of a grant
 * @g: the grant (its helpers, kfuncs and capabilities)
 * @level: &enum bpf_lockdown_level
 * @kernel_reads: as for ba_ceiling_allows_helper()
 *
 * Return: true when the ceiling for signed programs allows every item of
 * @g at @level.
 */
bool ba_ceiling_allows_grant(const struct ba_grant *g, unsigned int level, bool kernel_reads)
{
	__u32 i;

	for (i = 1; i < __BPF_FUNC_MAX_ID; i++) {
		if (!(g->helpers[i / 64] & (1ULL << (i % 64))))
			continue;
		if (!ba_ceiling_allows_helper(i, level, kernel_reads))
			return false;
	}
	for (i = 0; i < g->kfunc_cnt; i++)
		if (!ba_ceiling_allows_kfunc(g->kfuncs[i], level, kernel_reads))
			return false;
	return ba_ceiling_allows_cap(g->caps, level, kernel_reads);
}
