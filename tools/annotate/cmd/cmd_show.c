// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the show command: annotations per program per level */

#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "bpf_annotate.h"
#include "annot.h"
#include "grant.h"
#include "infer_attach.h"
#include "common.h"
#include "main.h"
#include "util.h"
#include "tier_table.h"

#define SHOW_USAGE "show OBJ"

static void list_begin(const struct ba_opts *opts, const char *key)
{
	if (opts->json) {
		jsonw_name(json_wtr, key);
		jsonw_start_array(json_wtr);
	} else {
		printf("; %s:", key);
	}
}

static void list_item(const struct ba_opts *opts, const char *pfx, const char *s, bool *first)
{
	if (opts->json)
		jsonw_stringf(json_wtr, "%s%s", pfx, s);
	else
		printf(" %s%s", pfx, s);
	*first = false;
}

static void list_end(const struct ba_opts *opts, bool first)
{
	if (opts->json)
		jsonw_end_array(json_wtr);
	else if (first)
		printf(" -");
}

static void show_level(const struct ba_opts *opts, const struct bpf_lockdown_annot *a,
		       unsigned int l)
{
	bool may = bpf_lockdown_annot_may_load(a, l), first;
	char text[1024];
	__u32 i;

	if (opts->json) {
		jsonw_name(json_wtr, bpf_lockdown_level_name(l));
		jsonw_start_object(json_wtr);
		jsonw_bool_field(json_wtr, "may_load", may);
	} else {
		printf("  %s: %s", bpf_lockdown_level_name(l), may ? "may load" : "no-load");
	}
	if (!may)
		goto out;
	list_begin(opts, "caps");
	first = true;
	for (i = 0; i < BA_CAP_NR; i++)
		if (bpf_lockdown_annot_has_cap(a, l, ba_caps[i].bit))
			list_item(opts, "", ba_caps[i].name, &first);
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
	/* version 1 binds no attachment: null, and nothing in the text */
	if (opts->json) {
		jsonw_name(json_wtr, "attach");
		if (a->version >= 2)
			ba_attach_kinds_json(a->attach[l]);
		else
			jsonw_null(json_wtr);
	} else if (a->version >= 2) {
		ba_attach_kinds_text(a->attach[l], text, sizeof(text));
		printf("; attach: %s", text);
	}
out:
	if (opts->json)
		jsonw_end_object(json_wtr);
	else
		printf("\n");
}

static const char *kconfig_type_name(__u8 type, __u8 flags)
{
	bool sgn = flags & BPF_LOCKDOWN_KCONFIG_SIGNED;

	switch (type) {
	case BPF_LOCKDOWN_KCONFIG_CHAR:
		return sgn ? "char" : "unsigned char";
	case BPF_LOCKDOWN_KCONFIG_BOOL:
		return "bool";
	case BPF_LOCKDOWN_KCONFIG_TRISTATE:
		return "tristate";
	case BPF_LOCKDOWN_KCONFIG_INT:
		return sgn ? "int" : "unsigned int";
	case BPF_LOCKDOWN_KCONFIG_CHAR_ARR:
		return "char array";
	}
	return "?";
}

static void show_prog(const struct ba_opts *opts, const struct bpf_annotate_obj *obj,
		      const struct bpf_annotate_prog *p)
{
	const char *type = libbpf_bpf_prog_type_str(p->type);
	char why[256], target[2 * BPF_ANNOTATE_DIGEST_SIZE + 1] = "";
	struct bpf_lockdown_kconfig_extern k;
	struct bpf_lockdown_annot a;
	unsigned int l;
	__u32 i, idx;

	if (bpf_lockdown_annot_parse(p->annot, p->annot_size, &a, why, sizeof(why))) {
		if (opts->json)
			jsonw_null(json_wtr);
		else
			printf("%s: bad annotation: %s\n", p->name, why);
		return;
	}
	for (i = 0; p->target_digest && i < BPF_ANNOTATE_DIGEST_SIZE; i++)
		sprintf(target + 2 * i, "%02x", p->target_digest[i]);
	if (opts->json) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "name", p->name);
		jsonw_string_field(json_wtr, "section", p->sec_name);
		jsonw_string_field(json_wtr, "type", type ? type : "unknown");
		jsonw_string_or_null_field(json_wtr, "attach", p->attach_name);
		jsonw_string_or_null_field(json_wtr, "target_digest", target[0] ? target : NULL);
		jsonw_uint_field(json_wtr, "insns", p->insn_cnt);
		jsonw_bool_field(json_wtr, "signed", p->sig);
		jsonw_name(json_wtr, "sealed_maps");
		jsonw_start_array(json_wtr);
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
			jsonw_string(json_wtr, idx < obj->map_cnt ? obj->maps[idx].name : "?");
		} else {
			printf(" %s", idx < obj->map_cnt ? obj->maps[idx].name : "?");
		}
	}
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_uint_field(json_wtr, "annotation_version", a.version);
		jsonw_name(json_wtr, "attach_points");
		if (a.version >= 2) {
			jsonw_start_array(json_wtr);
			for (i = 0; i < a.point_cnt; i++)
				jsonw_string(json_wtr, bpf_lockdown_annot_point(&a, i));
			jsonw_end_array(json_wtr);
		} else {
			jsonw_null(json_wtr);
		}
		jsonw_name(json_wtr, "kconfig");
		jsonw_start_array(json_wtr);
	} else {
		printf("%s\n", a.sealed_cnt ? "" : " -");
		if (a.version < 2) {
			printf("  attach: not bound (annotation version 1)\n");
		} else {
			printf("  attach points:");
			for (i = 0; i < a.point_cnt; i++)
				printf(" %s", bpf_lockdown_annot_point(&a, i));
			printf("%s\n", a.point_cnt ? "" : " -");
		}
		printf("  kconfig (checked by the kernel):");
	}
	for (i = 0; i < a.kconfig_cnt; i++) {
		bpf_lockdown_annot_kconfig(&a, i, &k);
		if (opts->json) {
			jsonw_start_object(json_wtr);
			jsonw_string_field(json_wtr, "name", k.name);
			jsonw_string_field(json_wtr, "map", k.map_idx < obj->map_cnt ?
					   obj->maps[k.map_idx].name : "?");
			jsonw_string_field(json_wtr, "type", kconfig_type_name(k.type, k.flags));
			jsonw_uint_field(json_wtr, "offset", k.value_off);
			jsonw_uint_field(json_wtr, "size", k.size);
			jsonw_bool_field(json_wtr, "required",
					 k.flags & BPF_LOCKDOWN_KCONFIG_REQUIRED);
			jsonw_end_object(json_wtr);
		} else {
			printf(" %s (%s %u%s)", k.name, kconfig_type_name(k.type, k.flags), k.size,
			       k.flags & BPF_LOCKDOWN_KCONFIG_REQUIRED ? ", required" : "");
		}
	}
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_name(json_wtr, "levels");
		jsonw_start_object(json_wtr);
	} else {
		printf("%s\n", a.kconfig_cnt ? "" : " -");
	}
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++)
		show_level(opts, &a, l);
	if (opts->json) {
		jsonw_end_object(json_wtr);
		jsonw_end_object(json_wtr);
	}
}

/**
 * ba_cmd_show() - show OBJ: the annotations of a sealed object
 * @opts: global options
 * @argc: number of arguments after the command
 * @argv: the arguments after the command
 *
 * Return: 0; 1 when the object cannot be read; 2 for a usage error.
 */
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
		jsonw_start_array(json_wtr);
	for (i = 0; i < obj->prog_cnt; i++)
		show_prog(opts, obj, &obj->progs[i]);
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_end(json_wtr);
	}
	bpf_annotate_free(obj);
	return 0;
}
