// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - grants: what a level allows, and the ceiling over them */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "grant.h"
#include "tier_table.h"
#include "util.h"

static const struct {
	__u32 cap;
	const char *name;	/* policy and show name */
	const char *tier;	/* capability name in the tier table, if any */
} caps[] = {
	{ BPF_LOCKDOWN_CAP_BTF_READ, "btf_read", "btf_pointer_read" },
	{ BPF_LOCKDOWN_CAP_KSYM, "ksym", "ksym_address" },
	{ BPF_LOCKDOWN_CAP_KERNEL_STACK, "kernel_stack", NULL },
};

const char *ba_cap_name(__u32 cap)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(caps); i++)
		if (caps[i].cap == cap)
			return caps[i].name;
	return "?";
}

__u32 ba_cap_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(caps); i++)
		if (!strcmp(caps[i].name, name) || (caps[i].tier && !strcmp(caps[i].tier, name)))
			return caps[i].cap;
	return 0;
}

bool ba_ceiling_allows_helper(int func_id, unsigned int level)
{
	return bpf_lockdown_ceiling_allows(bpf_lockdown_helper_rule(func_id), level, false);
}

bool ba_ceiling_allows_kfunc(const char *name, unsigned int level)
{
	return bpf_lockdown_ceiling_allows(bpf_lockdown_kfunc_rule(name), level, false);
}

bool ba_ceiling_allows_cap(__u32 cap, unsigned int level)
{
	size_t i;

	if ((bpf_lockdown_ceiling_caps(level, false) & cap) != cap)
		return false;
	for (i = 0; i < ARRAY_SIZE(caps); i++)
		if ((cap & caps[i].cap) && caps[i].tier &&
		    !bpf_lockdown_ceiling_allows(bpf_lockdown_cap_rule(caps[i].tier), level, false))
			return false;
	return true;
}

bool ba_grant_has_kfunc(const struct ba_grant *g, const char *name)
{
	__u32 i;

	for (i = 0; i < g->kfunc_cnt; i++)
		if (!strcmp(g->kfuncs[i], name))
			return true;
	return false;
}

int ba_grant_add_kfunc(struct ba_grant *g, const char *name)
{
	if (ba_grant_has_kfunc(g, name))
		return 0;
	if (g->kfunc_cnt == BA_MAX_KFUNCS)
		return -E2BIG;
	g->kfuncs[g->kfunc_cnt++] = name;
	return 0;
}

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
 *
 * Return: true when the ceiling for signed programs allows every item of
 * @g at @level.
 */
bool ba_ceiling_allows_grant(const struct ba_grant *g, unsigned int level)
{
	__u32 i;

	for (i = 1; i < __BPF_FUNC_MAX_ID; i++) {
		if (!(g->helpers[i / 64] & (1ULL << (i % 64))))
			continue;
		if (!ba_ceiling_allows_helper(i, level))
			return false;
	}
	for (i = 0; i < g->kfunc_cnt; i++)
		if (!ba_ceiling_allows_kfunc(g->kfuncs[i], level))
			return false;
	return ba_ceiling_allows_cap(g->caps, level);
}
