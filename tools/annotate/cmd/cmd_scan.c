// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the scan command: programs, their calls and unsigned-tier verdicts */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "main.h"
#include "record.h"
#include "tier_file.h"
#include "util.h"

#define SCAN_USAGE "scan [--tier FILE] OBJ..."

static const __u32 cap_bits[] = {
	BPF_LOCKDOWN_CAP_BTF_READ, BPF_LOCKDOWN_CAP_KSYM, BPF_LOCKDOWN_CAP_KERNEL_STACK,
};

static void label(const struct ba_opts *opts, const char *key, const char *text)
{
	if (opts->json)
		printf(",\"%s\":[", key);
	else
		printf("    %-16s", text);
}

static void item(const struct ba_opts *opts, bool *first)
{
	if (opts->json)
		printf("%s", *first ? "" : ",");
	else
		printf(" ");
	*first = false;
}

static void list_end(const struct ba_opts *opts, bool first)
{
	printf(opts->json ? "]" : first ? " -\n" : "\n");
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
		if (opts->json)
			printf("{\"name\":\"bpf_%s\",\"id\":%u}", r ? r->name : "unknown", i);
		else if (r)
			printf("bpf_%s#%u", r->name, i);
		else
			printf("#%u", i);
	}
	list_end(opts, first);
	label(opts, "kfuncs", "kfuncs:");
	first = true;
	for (i = 0; i < n->grant.kfunc_cnt; i++) {
		item(opts, &first);
		if (opts->json)
			ba_json_str(n->grant.kfuncs[i]);
		else
			printf("%s", n->grant.kfuncs[i]);
	}
	list_end(opts, first);
	label(opts, "capabilities", "capabilities:");
	first = true;
	for (i = 0; i < ARRAY_SIZE(cap_bits); i++) {
		if (!(n->grant.caps & cap_bits[i]))
			continue;
		item(opts, &first);
		printf(opts->json ? "\"%s\"" : "%s", ba_cap_name(cap_bits[i]));
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
			printf("{\"name\":");
			ba_json_str(m->name);
			printf(",\"type\":\"%s\"}", libbpf_bpf_map_type_str(m->type) ?: "?");
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

	if (opts->json)
		printf(",\"unsigned\":{");
	for (l = 0; l < BA_TIER_LEVELS; l++) {
		const char *level = bpf_lockdown_level_name(BPF_LOCKDOWN_LEVEL_INTEGRITY + l);

		if (v[l].cnt)
			ba_block_format(&v[l].block[0], text, sizeof(text));
		if (!opts->json) {
			printf("    %s:%*s %s%s\n", level, (int)(15 - strlen(level)), "",
			       v[l].cnt ? "denied: " : "allowed", v[l].cnt ? text : "");
			continue;
		}
		printf("%s\"%s\":{\"verdict\":\"%s\",\"blocked_by\":[", l ? "," : "", level,
		       v[l].cnt ? "denied" : "allowed");
		for (i = 0; i < v[l].cnt; i++) {
			printf("%s", i ? "," : "");
			ba_print_block_json(&v[l].block[i]);
		}
		printf("]}");
	}
	if (opts->json)
		printf("}");
}

static void print_prog(const struct ba_opts *opts, const struct bpf_annotate_obj *obj,
		       const struct bpf_annotate_prog *p, const struct ba_needs *n,
		       const struct ba_verdict *v)
{
	const char *at = ba_attach_type_name(p);

	if (opts->json) {
		printf("{\"name\":");
		ba_json_str(p->name);
		printf(",\"section\":");
		ba_json_str(p->sec_name);
		printf(",\"prog_type\":\"%s\",\"prog_type_id\":%u,\"attach_type\":",
		       ba_prog_type_name(p), p->type);
		if (at)
			printf("\"%s\"", at);
		else
			printf("null");
		printf(",\"attach_type_id\":%u,\"attach_target\":", p->expected_attach_type);
		if (p->attach_name)
			ba_json_str(p->attach_name);
		else
			printf("null");
	} else {
		printf("  program %s\n", p->name);
		printf("    %-16s %s\n", "section:", p->sec_name);
		printf("    %-16s %s\n", "type:", ba_prog_type_name(p));
		printf("    %-16s %s\n", "attach type:", at ?: "-");
		printf("    %-16s %s\n", "attach target:", p->attach_name ?: "-");
	}
	print_calls(opts, n);
	print_maps(opts, obj, p);
	print_verdicts(opts, v);
	if (opts->json)
		printf("}");
}

static int scan_one(const struct ba_opts *opts, const struct ba_tier *tier, const char *path,
		    struct ba_verdict *v, bool first)
{
	struct bpf_annotate_obj *obj;
	char err[1024], unsealable[512];
	struct ba_needs needs;
	int ret;
	__u32 i;

	ret = ba_inspect(path, &obj, unsealable, sizeof(unsealable), err, sizeof(err));
	if (ret) {
		ba_error("%s", err);
		if (opts->json) {
			printf("%s", first ? "" : ",");
			ba_json_obj_error(path, err);
		}
		return ret;
	}
	if (opts->json) {
		printf("%s{\"object\":", first ? "" : ",");
		ba_json_str(path);
		printf(",\"unsealable\":");
		if (unsealable[0])
			ba_json_str(unsealable);
		else
			printf("null");
		printf(",\"programs\":[");
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
		if (opts->json && i)
			printf(",");
		print_prog(opts, obj, &obj->progs[i], &needs, v);
	}
	if (opts->json)
		printf("]}");
	else if (!obj->prog_cnt)
		printf("  no programs\n");
	bpf_annotate_free(obj);
	return ret;
}

/**
 * ba_cmd_scan() - scan OBJ...: each program and its unsigned-tier verdicts
 * @gopts: global options; -j (--json) may also follow the command
 * @argc: number of arguments
 * @argv: the arguments
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
		printf("[");
	for (i = 0; i < tc.nargs; i++)
		if (scan_one(opts, tier, tc.args[i], v, i == 0))
			ret = 1;
	if (opts->json)
		printf("]\n");
	free(v);
	ba_tier_free(tier);
	return ret;
}
