// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the show command: annotations per program per level */

#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "bpf_annotate.h"
#include "annot.h"
#include "grant.h"
#include "common.h"
#include "main.h"
#include "util.h"
#include "tier_table.h"

#define SHOW_USAGE "show OBJ"

static const __u32 cap_bits[] = {
	BPF_LOCKDOWN_CAP_BTF_READ, BPF_LOCKDOWN_CAP_KSYM, BPF_LOCKDOWN_CAP_KERNEL_STACK,
};

static void list_begin(const struct ba_opts *opts, const char *key)
{
	if (opts->json)
		printf(",\"%s\":[", key);
	else
		printf("; %s:", key);
}

static void list_item(const struct ba_opts *opts, const char *pfx, const char *s, bool *first)
{
	if (opts->json) {
		printf("%s\"%s%s\"", *first ? "" : ",", pfx, s);
	} else {
		printf(" %s%s", pfx, s);
	}
	*first = false;
}

static void list_end(const struct ba_opts *opts, bool first)
{
	if (opts->json)
		printf("]");
	else if (first)
		printf(" -");
}

static void show_level(const struct ba_opts *opts, const struct bpf_lockdown_annot *a,
		       unsigned int l)
{
	bool may = bpf_lockdown_annot_may_load(a, l), first;
	__u32 i;

	if (opts->json)
		printf("%s\"%s\":{\"may_load\":%s", l ? "," : "", bpf_lockdown_level_name(l),
		       may ? "true" : "false");
	else
		printf("  %s: %s", bpf_lockdown_level_name(l), may ? "may load" : "no-load");
	if (!may) {
		printf(opts->json ? "}" : "\n");
		return;
	}
	list_begin(opts, "caps");
	first = true;
	for (i = 0; i < ARRAY_SIZE(cap_bits); i++)
		if (bpf_lockdown_annot_has_cap(a, l, cap_bits[i]))
			list_item(opts, "", ba_cap_name(cap_bits[i]), &first);
	list_end(opts, first);
	list_begin(opts, "helpers");
	first = true;
	for (i = 1; i < __BPF_FUNC_MAX_ID; i++)
		if (bpf_lockdown_annot_has_helper(a, l, i))
			list_item(opts, "bpf_", bpf_lockdown_helper_rules[i].name, &first);
	list_end(opts, first);
	list_begin(opts, "kfuncs");
	first = true;
	for (i = 0; i < a->level[l].kfunc_cnt; i++)
		list_item(opts, "", bpf_lockdown_annot_kfunc(a, l, i), &first);
	list_end(opts, first);
	printf(opts->json ? "}" : "\n");
}

static void show_prog(const struct ba_opts *opts, const struct bpf_annotate_obj *obj,
		      const struct bpf_annotate_prog *p)
{
	const char *type = libbpf_bpf_prog_type_str(p->type);
	char why[256], target[2 * BPF_ANNOTATE_DIGEST_SIZE + 1] = "";
	struct bpf_lockdown_annot a;
	unsigned int l;
	__u32 i, idx;

	if (bpf_lockdown_annot_parse(p->annot, p->annot_size, &a, why, sizeof(why))) {
		printf(opts->json ? "null" : "%s: bad annotation: %s\n", p->name, why);
		return;
	}
	for (i = 0; p->target_digest && i < BPF_ANNOTATE_DIGEST_SIZE; i++)
		sprintf(target + 2 * i, "%02x", p->target_digest[i]);
	if (opts->json) {
		printf("{\"name\":");
		ba_json_str(p->name);
		printf(",\"section\":");
		ba_json_str(p->sec_name);
		printf(",\"type\":");
		ba_json_str(type ? type : "unknown");
		printf(",\"attach\":");
		if (p->attach_name)
			ba_json_str(p->attach_name);
		else
			printf("null");
		printf(",\"target_digest\":");
		if (target[0])
			ba_json_str(target);
		else
			printf("null");
		printf(",\"insns\":%u,\"signed\":%s,\"sealed_maps\":[", p->insn_cnt,
		       p->sig ? "true" : "false");
	} else {
		printf("%s: %s (%s), %u instructions%s%s, %s\n", p->name, type ? type : "unknown",
		       p->sec_name, p->insn_cnt, p->attach_name ? ", attach " : "",
		       p->attach_name ? p->attach_name : "", p->sig ? "signed" : "not signed");
		if (target[0])
			printf("  target digest: %s\n", target);
		else if (p->type == BPF_PROG_TYPE_EXT)
			printf("  target digest: - (sealed without --target: cannot be signed)\n");
		printf("  sealed maps:");
	}
	for (i = 0; i < a.sealed_cnt; i++) {
		idx = bpf_lockdown_annot_sealed(&a, i);
		if (opts->json) {
			printf("%s", i ? "," : "");
			ba_json_str(idx < obj->map_cnt ? obj->maps[idx].name : "?");
		} else {
			printf(" %s", idx < obj->map_cnt ? obj->maps[idx].name : "?");
		}
	}
	printf(opts->json ? "],\"levels\":{" : "%s\n", a.sealed_cnt ? "" : " -");
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++)
		show_level(opts, &a, l);
	if (opts->json)
		printf("}}");
}

int ba_cmd_show(const struct ba_opts *opts, int argc, char **argv)
{
	struct bpf_annotate_obj *obj;
	char err[1024], **args;
	int c, nargs;
	__u32 i;

	while ((c = ba_getopt(argc, argv, "", NULL)) != -1)
		return ba_usage_error(SHOW_USAGE);
	args = ba_args(argc, argv, &nargs);
	if (nargs != 1)
		return ba_usage_error(SHOW_USAGE);
	if (bpf_annotate_open(args[0], &obj, err, sizeof(err)))
		return ba_error("%s", err);
	if (opts->json)
		printf("[");
	for (i = 0; i < obj->prog_cnt; i++) {
		if (opts->json && i)
			printf(",");
		show_prog(opts, obj, &obj->progs[i]);
	}
	if (opts->json)
		printf("]\n");
	bpf_annotate_free(obj);
	return 0;
}
