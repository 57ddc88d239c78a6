// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the scan command: programs, their calls and unsigned-tier verdicts */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "infer_attach.h"
#include "main.h"
#include "record.h"
#include "tier_file.h"
#include "util.h"

#define SCAN_USAGE "scan [--tier FILE] [--kernel-reads] OBJ..."

static void label(const struct ba_opts *opts, const char *key, const char *text)
{
	if (opts->json) {
		jsonw_name(json_wtr, key);
		jsonw_start_array(json_wtr);
	} else {
		printf("    %-16s", text);
	}
}

static void item(const struct ba_opts *opts, bool *first)
{
	if (!opts->json)
		printf(" ");
	*first = false;
}

static void list_end(const struct ba_opts *opts, bool first)
{
	if (opts->json)
		jsonw_end_array(json_wtr);
	else
		printf(first ? " -\n" : "\n");
}

static void print_calls(const struct ba_opts *opts, const struct ba_needs *n)
{
	const struct bpf_lockdown_rule *r;
	bool first = true;
	__u32 i;

	label(opts, "helpers", "helpers:");
	for (i = 0; i < BPF_LOCKDOWN_ANNOT_HELPER_WORDS * 64; i++) {
		if (!(n->grant.helpers[i / 64] & (1ULL << (i % 64))))
			continue;
		r = bpf_lockdown_helper_rule(i);
		item(opts, &first);
		if (opts->json) {
			jsonw_start_object(json_wtr);
			jsonw_name(json_wtr, "name");
			jsonw_stringf(json_wtr, "bpf_%s", r ? r->name : "unknown");
			jsonw_uint_field(json_wtr, "id", i);
			jsonw_end_object(json_wtr);
		} else if (r) {
			printf("bpf_%s#%u", r->name, i);
		} else {
			printf("#%u", i);
		}
	}
	list_end(opts, first);
	label(opts, "kfuncs", "kfuncs:");
	first = true;
	for (i = 0; i < n->grant.kfunc_cnt; i++) {
		item(opts, &first);
		if (opts->json)
			jsonw_string(json_wtr, n->grant.kfuncs[i]);
		else
			printf("%s", n->grant.kfuncs[i]);
	}
	list_end(opts, first);
	label(opts, "capabilities", "capabilities:");
	first = true;
	for (i = 0; i < BA_CAP_NR; i++) {
		if (!(n->grant.caps & ba_caps[i].bit))
			continue;
		item(opts, &first);
		if (opts->json)
			jsonw_string(json_wtr, ba_caps[i].name);
		else
			printf("%s", ba_caps[i].name);
	}
	list_end(opts, first);
}

static void print_maps(const struct ba_opts *opts, const struct bpf_annotate_obj *obj,
		       const struct bpf_annotate_prog *prog)
{
	const struct bpf_annotate_map *m;
	__u32 *idx = calloc(obj->map_cnt + 1, sizeof(*idx));
	bool first = true;
	int cnt, i;

	/* indices are unique and below map_cnt: never -E2BIG */
	cnt = idx ? ba_prog_maps(obj, prog, false, idx, obj->map_cnt) : 0;
	label(opts, "maps", "maps:");
	for (i = 0; i < cnt; i++) {
		m = &obj->maps[idx[i]];
		item(opts, &first);
		if (opts->json) {
			jsonw_start_object(json_wtr);
			jsonw_string_field(json_wtr, "name", m->name);
			jsonw_string_field(json_wtr, "type", libbpf_bpf_map_type_str(m->type) ?: "?");
			jsonw_end_object(json_wtr);
		} else {
			printf("%s (%s)", m->name, libbpf_bpf_map_type_str(m->type) ?: "?");
		}
	}
	list_end(opts, first);
	free(idx);
}

static void print_verdicts(const struct ba_opts *opts, const struct ba_verdict *v)
{
	unsigned int l, i;
	char text[256];

	if (opts->json) {
		jsonw_name(json_wtr, "unsigned");
		jsonw_start_object(json_wtr);
	}
	for (l = 0; l < BA_TIER_LEVELS; l++) {
		const char *level = bpf_lockdown_level_name(BA_TIER_LEVEL(l));

		if (v[l].cnt)
			ba_block_format(&v[l].block[0], text, sizeof(text));
		if (!opts->json) {
			printf("    %s:%*s %s%s\n", level, (int)(15 - strlen(level)), "",
			       v[l].cnt ? "denied: " : "allowed", v[l].cnt ? text : "");
			continue;
		}
		jsonw_name(json_wtr, level);
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "verdict", v[l].cnt ? "denied" : "allowed");
		jsonw_name(json_wtr, "blocked_by");
		jsonw_start_array(json_wtr);
		for (i = 0; i < v[l].cnt; i++)
			ba_print_block_json(&v[l].block[i]);
		jsonw_end_array(json_wtr);
		jsonw_end_object(json_wtr);
	}
	if (opts->json)
		jsonw_end_object(json_wtr);
}

/*
 * where seal (--kernel-reads when @kernel_reads) would bind the program:
 * kinds per level, points, and why not more
 */
static void print_attach(const struct ba_opts *opts, const struct bpf_annotate_prog *p,
			 const struct ba_needs *n, struct ba_attach *att, bool kernel_reads)
{
	struct ba_attach_view view;
	char text[1024];
	__u32 i;

	ba_attach_infer(p, att);
	ba_attach_view_infer(&view, att, n, kernel_reads);
	if (opts->json) {
		jsonw_name(json_wtr, "attach");
		ba_attach_json(&view);
		return;
	}
	ba_attach_levels_text(&view, text, sizeof(text));
	printf("    %-16s %s\n", "attach kinds:", text);
	printf("    %-16s", "attach points:");
	for (i = 0; i < view.point_cnt; i++)
		printf(" %s", view.points[i]);
	printf("%s\n", view.point_cnt ? "" : " -");
	if (view.note)
		printf("    %-16s %s\n", "attach note:", view.note);
}

static void print_prog(const struct ba_opts *opts, const struct bpf_annotate_obj *obj,
		       const struct bpf_annotate_prog *p, const struct ba_needs *n,
		       const struct ba_verdict *v, struct ba_attach *att, bool kernel_reads)
{
	const char *at = ba_attach_type_name(p);

	if (opts->json) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "name", p->name);
		jsonw_string_field(json_wtr, "section", p->sec_name);
		jsonw_string_field(json_wtr, "prog_type", ba_prog_type_name(p));
		jsonw_uint_field(json_wtr, "prog_type_id", p->type);
		jsonw_string_or_null_field(json_wtr, "attach_type", at);
		jsonw_uint_field(json_wtr, "attach_type_id", p->expected_attach_type);
		jsonw_string_or_null_field(json_wtr, "attach_target", p->attach_name);
	} else {
		printf("  program %s\n", p->name);
		printf("    %-16s %s\n", "section:", p->sec_name);
		printf("    %-16s %s\n", "type:", ba_prog_type_name(p));
		printf("    %-16s %s\n", "attach type:", at ?: "-");
		printf("    %-16s %s\n", "attach target:", p->attach_name ?: "-");
	}
	print_attach(opts, p, n, att, kernel_reads);
	print_calls(opts, n);
	print_maps(opts, obj, p);
	print_verdicts(opts, v);
	if (opts->json)
		jsonw_end_object(json_wtr);
}

static int scan_one(const struct ba_opts *opts, const struct ba_tier *tier, bool kernel_reads,
		    const char *path, struct ba_verdict *v, bool first)
{
	struct bpf_annotate_obj *obj;
	char err[1024], unsealable[512];
	struct ba_needs needs;
	struct ba_attach *att;
	int ret;
	__u32 i;

	ret = ba_inspect(path, &obj, unsealable, sizeof(unsealable), err, sizeof(err));
	if (ret) {
		ba_error("%s", err);
		if (opts->json)
			ba_json_obj_error(path, err);
		return ret;
	}
	att = malloc(sizeof(*att));
	if (!att) {
		bpf_annotate_free(obj);
		return ba_error("out of memory");
	}
	if (opts->json) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "object", path);
		jsonw_string_or_null_field(json_wtr, "unsealable",
					   unsealable[0] ? unsealable : NULL);
		jsonw_name(json_wtr, "programs");
		jsonw_start_array(json_wtr);
	} else {
		printf("%s%s\n", first ? "" : "\n", path);
		if (unsealable[0])
			printf("  cannot be sealed: %s\n", unsealable);
	}
	for (i = 0; i < obj->prog_cnt; i++) {
		ret = ba_tier_verdicts(tier, obj, &obj->progs[i], &needs, v, err, sizeof(err));
		if (ret) {
			ba_error("%s", err);
			break;
		}
		print_prog(opts, obj, &obj->progs[i], &needs, v, att, kernel_reads);
	}
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_end_object(json_wtr);
	} else if (!obj->prog_cnt) {
		printf("  no programs\n");
	}
	free(att);
	bpf_annotate_free(obj);
	return ret;
}

/**
 * ba_cmd_scan() - scan OBJ...: each program and its unsigned-tier verdicts
 * @gopts: global options; -j (--json) may also follow the command
 * @argc: number of arguments
 * @argv: the arguments
 *
 * --kernel-reads shows the attach binding that seal --kernel-reads
 * writes; the unsigned-tier verdicts do not depend on it.
 *
 * Return: 0; 1 when an object could not be read (the others are still
 * scanned); 2 for a usage error.
 */
int ba_cmd_scan(const struct ba_opts *gopts, int argc, char **argv)
{
	const struct ba_opts *opts;
	struct ba_tier_cmd tc;
	struct ba_tier *tier;
	struct ba_verdict *v;
	int i, ret;

	ret = ba_tier_cmd_start(gopts, argc, argv, SCAN_USAGE, &tc);
	if (ret >= 0)
		return ret;
	ret = 0;
	opts = &tc.opts;
	tier = tc.tier;
	v = calloc(BA_TIER_LEVELS, sizeof(*v));
	if (!v) {
		ba_tier_free(tier);
		return ba_error("out of memory");
	}
	if (opts->json)
		jsonw_start_array(json_wtr);
	for (i = 0; i < tc.nargs; i++)
		if (scan_one(opts, tier, tc.kernel_reads, tc.args[i], v, i == 0))
			ret = 1;
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_end(json_wtr);
	}
	free(v);
	ba_tier_free(tier);
	return ret;
}
