// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the scan command: programs, their calls and unsigned-tier verdicts */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "main.h"
#include "record.h"
#include "tier_file.h"
#include "util.h"

#define SCAN_USAGE "scan [--tier FILE] OBJ..."

static const __u32 cap_bits[] = {
	BPF_LOCKDOWN_CAP_BTF_READ, BPF_LOCKDOWN_CAP_KSYM, BPF_LOCKDOWN_CAP_KERNEL_STACK,
};

/**
 * ba_attach_type_name() - a program's expected attach type for people
 * @prog: the program
 *
 * Return: libbpf's name, or NULL when the program has none (0 means
 * BPF_CGROUP_INET_INGRESS only for cgroup_skb programs).
 */
const char *ba_attach_type_name(const struct bpf_annotate_prog *prog)
{
	if (!prog->expected_attach_type && prog->type != BPF_PROG_TYPE_CGROUP_SKB)
		return NULL;
	return libbpf_bpf_attach_type_str(prog->expected_attach_type) ?: "?";
}

/**
 * ba_prog_type_name() - libbpf's name of a program type
 * @prog: the program
 *
 * Return: the name, or "?".
 */
const char *ba_prog_type_name(const struct bpf_annotate_prog *prog)
{
	return libbpf_bpf_prog_type_str(prog->type) ?: "?";
}

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

/**
 * ba_print_block_json() - one refused item as a JSON object
 * @b: the item
 */
void ba_print_block_json(const struct ba_block *b)
{
	char text[256];

	ba_block_format(b, text, sizeof(text));
	printf("{\"kind\":\"%s\",\"name\":", ba_block_kind_name(b->kind));
	if (!b->name)
		printf("null");
	else if (b->kind == BA_BLOCK_HELPER)
		printf("\"bpf_%s\"", b->name);
	else
		ba_json_str(b->name);
	if (b->id >= 0)
		printf(",\"id\":%d", b->id);
	if (b->kind == BA_BLOCK_MAP) {
		printf(",\"map_type\":");
		ba_json_str(b->why ?: "?");
		printf(",\"inner\":%s", b->inner ? "true" : "false");
	}
	printf(",\"class\":\"%s\",\"text\":", bpf_lockdown_class_name(b->class));
	ba_json_str(text);
	printf("}");
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

/**
 * ba_inspect() - record an object for scan and audit
 * @path: the object
 * @objp: set to the recorded object
 * @unsealable: set to why seal refuses the object, without the leading
 *	"PATH: ", or to "" when it may be sealed
 * @unsealable_size: size of @unsealable
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Objects without programs, and what cannot be signed, are recorded too.
 *
 * Return: as ba_record().
 */
int ba_inspect(const char *path, struct bpf_annotate_obj **objp, char *unsealable,
	       size_t unsealable_size, char *err, size_t err_size)
{
	char note[512];
	int ret;

	ret = ba_record(path, objp, BA_RECORD_EMPTY_OK | BA_RECORD_INSPECT, note,
			sizeof(note), err, err_size);
	if (ret)
		return ret;
	snprintf(unsealable, unsealable_size, "%s", ba_skip_obj(path, note));
	return 0;
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
 * ba_tier_cmd_start() - parse the options scan and audit share
 * @gopts: global options
 * @argc: number of arguments
 * @argv: the arguments after the command
 * @usage: the command's usage line
 * @tc: filled in; free tc->tier with ba_tier_free()
 *
 * Options: -j/--json, -t/--tier FILE, -h/--help; at least one operand.
 *
 * Return: -1 to go on; otherwise the exit status to return now (0 after
 * -h, 1 for an unreadable --tier file, 2 for a usage error).
 */
int ba_tier_cmd_start(const struct ba_opts *gopts, int argc, char **argv, const char *usage,
		      struct ba_tier_cmd *tc)
{
	static const struct option longopts[] = {
		{ "tier", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[512];
	int c;

	memset(tc, 0, sizeof(*tc));
	tc->opts = *gopts;
	while ((c = ba_getopt(argc, argv, "hjt:", longopts)) != -1) {
		switch (c) {
		case 'j':
			tc->opts.json = true;
			break;
		case 't':
			tc->tier_path = optarg;
			break;
		case 'h':
			printf("Usage: bpf-annotate [-j] %s\n", usage);
			return 0;
		default:
			return ba_usage_error("%s", usage);
		}
	}
	tc->args = ba_args(argc, argv, &tc->nargs);
	if (tc->nargs < 1)
		return ba_usage_error("%s", usage);
	if (tc->tier_path && ba_tier_load(tc->tier_path, &tc->tier, err, sizeof(err)))
		return ba_error("%s", err);
	return -1;
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
