// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - helpers the commands share: messages, options, JSON, objects */

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "annot.h"
#include "common.h"
#include "infer_attach.h"
#include "record.h"
#include "tier_file.h"

/**
 * ba_error() - print "bpf-annotate: MESSAGE" to stderr
 * @fmt: printf() format of the message
 *
 * Return: 1, the exit status of a command that failed.
 */
int ba_error(const char *fmt, ...)
{
	va_list ap;

	fputs("bpf-annotate: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/**
 * ba_skip_obj() - a library message without its leading "PATH: "
 * @path: the object the message is about
 * @msg: the message
 *
 * Return: @msg past "@path: ", or @msg when it does not start so.
 */
const char *ba_skip_obj(const char *path, const char *msg)
{
	size_t len = strlen(path);

	return strncmp(msg, path, len) || strncmp(msg + len, ": ", 2) ? msg : msg + len + 2;
}

/**
 * ba_obj_error() - one line for an object that failed in a command over
 * many, the object named once
 * @path: the object
 * @msg: the library's message
 *
 * Return: 1.
 */
int ba_obj_error(const char *path, const char *msg)
{
	return ba_error("%s: %s", path, ba_skip_obj(path, msg));
}

/**
 * ba_usage_error() - print "bpf-annotate: usage: MESSAGE" to stderr
 * @fmt: printf() format of the message
 *
 * Return: 2, the exit status of a usage error.
 */
int ba_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("bpf-annotate: usage: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 2;
}

/**
 * ba_warn() - print a warning of the library to stderr
 * @ctx: unused (&bpf_annotate_seal_opts.warn_ctx)
 * @msg: the warning
 */
void ba_warn(void *ctx, const char *msg)
{
	fprintf(stderr, "bpf-annotate: warning: %s\n", msg);
}

/* the JSON of every command goes through this writer, to stdout */
static struct json_writer stdout_writer;
struct json_writer *json_wtr = &stdout_writer;

/**
 * ba_json_obj_error() - {"object":PATH,"error":MSG}: an object a command
 * over many could not use
 * @path: the object
 * @msg: the reason
 */
void ba_json_obj_error(const char *path, const char *msg)
{
	jsonw_start_object(json_wtr);
	jsonw_string_field(json_wtr, "object", path);
	jsonw_string_field(json_wtr, "error", msg);
	jsonw_end_object(json_wtr);
}

/**
 * ba_getopt() - getopt_long() over the arguments of a command
 * @argc: number of arguments after the command
 * @argv: the arguments after the command; argv[-1] is the command name,
 *	which getopt takes for argv[0]
 * @optstring: short options
 * @longopts: long options, or NULL
 *
 * Return: as getopt_long().
 */
int ba_getopt(int argc, char **argv, const char *optstring, const struct option *longopts)
{
	/* argv[-1] is the command name, as getopt expects argv[0] */
	return getopt_long(argc + 1, argv - 1, optstring, longopts, NULL);
}

/**
 * ba_args() - the operands left after ba_getopt(), which getopt permuted
 * to the end
 * @argc: as passed to ba_getopt()
 * @argv: as passed to ba_getopt()
 * @nargs: set to the number of operands
 *
 * Return: the first operand.
 */
char **ba_args(int argc, char **argv, int *nargs)
{
	*nargs = argc + 1 - optind;
	return argv - 1 + optind;
}

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

/**
 * ba_print_block_json() - one refused item as a JSON object
 * @b: the item
 */
void ba_print_block_json(const struct ba_block *b)
{
	char text[256];

	ba_block_format(b, text, sizeof(text));
	jsonw_start_object(json_wtr);
	jsonw_string_field(json_wtr, "kind", ba_block_kind_name(b->kind));
	jsonw_name(json_wtr, "name");
	if (!b->name)
		jsonw_null(json_wtr);
	else if (b->kind == BA_BLOCK_HELPER)
		jsonw_stringf(json_wtr, "bpf_%s", b->name);
	else
		jsonw_string(json_wtr, b->name);
	if (b->id >= 0)
		jsonw_int_field(json_wtr, "id", b->id);
	if (b->kind == BA_BLOCK_MAP) {
		jsonw_string_field(json_wtr, "map_type", b->why ?: "?");
		jsonw_bool_field(json_wtr, "inner", b->inner);
	}
	jsonw_string_field(json_wtr, "class", bpf_lockdown_class_name(b->class));
	jsonw_string_field(json_wtr, "text", text);
	jsonw_end_object(json_wtr);
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

/**
 * ba_tier_cmd_start() - parse the options scan and audit share
 * @gopts: global options
 * @argc: number of arguments
 * @argv: the arguments after the command
 * @usage: the command's usage line
 * @tc: filled in; free tc->tier with ba_tier_free()
 *
 * Options: -j/--json, -t/--tier FILE, --kernel-reads, -h/--help; at least
 * one operand.
 *
 * Return: -1 to go on; otherwise the exit status to return now (0 after
 * -h, 1 for an unreadable --tier file, 2 for a usage error).
 */
int ba_tier_cmd_start(const struct ba_opts *gopts, int argc, char **argv, const char *usage,
		      struct ba_tier_cmd *tc)
{
	static const struct option longopts[] = {
		{ "tier", required_argument, NULL, 't' },
		{ "kernel-reads", no_argument, NULL, 'K' },
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
		case 'K':
			tc->kernel_reads = true;
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
 * ba_attach_view_annot() - the attach binding of a parsed annotation
 * @v: filled in; its points point into @a's blob
 * @a: the annotation (version 1 binds nothing: @v->bound is false)
 */
void ba_attach_view_annot(struct ba_attach_view *v, const struct bpf_lockdown_annot *a)
{
	unsigned int l;
	__u32 i;

	memset(v, 0, sizeof(*v));
	v->bound = a->version >= 2;
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		v->may_load[l] = bpf_lockdown_annot_may_load(a, l);
		memcpy(v->kinds[l], a->attach[l], sizeof(v->kinds[l]));
	}
	for (i = 0; i < a->point_cnt && i < BPF_LOCKDOWN_ANNOT_MAX_POINTS; i++)
		v->points[i] = bpf_lockdown_annot_point(a, i);
	v->point_cnt = i;
}

/**
 * ba_attach_view_infer() - the attach binding seal would write without a
 *	policy
 * @v: filled in; its points and note point into @att
 * @att: the inferred binding (ba_attach_infer())
 * @needs: what the code uses, which decides the levels it may load at
 * @kernel_reads: as seal --kernel-reads would write it
 */
void ba_attach_view_infer(struct ba_attach_view *v, const struct ba_attach *att,
			  const struct ba_needs *needs, bool kernel_reads)
{
	struct ba_grant grant[BPF_LOCKDOWN_LEVEL_NR];
	unsigned int l;
	__u32 i;

	memset(v, 0, sizeof(*v));
	v->bound = true;
	ba_infer_grants(needs, att, kernel_reads, grant);
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		v->may_load[l] = grant[l].may_load;
		memcpy(v->kinds[l], grant[l].attach, sizeof(v->kinds[l]));
	}
	for (i = 0; i < att->point_cnt; i++)
		v->points[i] = att->points[i];
	v->point_cnt = att->point_cnt;
	v->note = att->note[0] ? att->note : NULL;
}

/**
 * ba_attach_levels_text() - the attach kinds of every level, grouped
 * @v: the binding
 * @buf: set to the kinds, with the levels that have them when not all do:
 *	"tracepoint (none, integrity)", "kprobe", "-" when no level may load
 * @size: size of @buf
 *
 * Return: the length snprintf() returns.
 */
int ba_attach_levels_text(const struct ba_attach_view *v, char *buf, size_t size)
{
	bool done[BPF_LOCKDOWN_LEVEL_NR] = { false };
	unsigned int l, m, n;
	size_t len = 0;

	buf[0] = '\0';
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR && len < size; l++) {
		if (done[l] || !v->may_load[l])
			continue;
		if (len)
			len += snprintf(buf + len, size - len, "; ");
		if (len < size)
			len += ba_attach_kinds_text(v->kinds[l], buf + len, size - len);
		for (m = l, n = 0; m < BPF_LOCKDOWN_LEVEL_NR; m++)
			if (v->may_load[m] && !memcmp(v->kinds[m], v->kinds[l], sizeof(v->kinds[l])))
				n++;
		if (n == BPF_LOCKDOWN_LEVEL_NR) {
			done[0] = done[1] = done[2] = true;
			continue;
		}
		for (m = l, n = 0; m < BPF_LOCKDOWN_LEVEL_NR && len < size; m++) {
			if (!v->may_load[m] || memcmp(v->kinds[m], v->kinds[l], sizeof(v->kinds[l])))
				continue;
			done[m] = true;
			len += snprintf(buf + len, size - len, "%s%s", n++ ? ", " : " (",
					bpf_lockdown_level_name(m));
		}
		if (len < size)
			len += snprintf(buf + len, size - len, ")");
	}
	if (!len)
		len = snprintf(buf, size, "-");
	return len;
}

/**
 * ba_attach_kinds_json() - an attach kind bitmap as a JSON array of names
 * @kinds: the bitmap; [] is an empty one (what the load fixed)
 */
void ba_attach_kinds_json(const __u64 *kinds)
{
	const char *name;
	__u32 k;

	jsonw_start_array(json_wtr);
	for (k = 0; k < BPF_LOCKDOWN_ANNOT_ATTACH_WORDS * 64; k++) {
		if (!ba_attach_has_kind(kinds, k))
			continue;
		name = bpf_lockdown_attach_name(k);
		if (name)
			jsonw_string(json_wtr, name);
		else
			jsonw_stringf(json_wtr, "#%u", k);
	}
	jsonw_end_array(json_wtr);
}

/**
 * ba_attach_json() - a binding as the value of an "attach" member
 * @v: the binding
 *
 * {"kinds":{"none":[KIND,...]|null,...},"points":[POINT,...],"note":TEXT|null}:
 * null at a level that may not load, [] for what the load fixed.
 */
void ba_attach_json(const struct ba_attach_view *v)
{
	unsigned int l;
	__u32 i;

	jsonw_start_object(json_wtr);
	jsonw_name(json_wtr, "kinds");
	jsonw_start_object(json_wtr);
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		jsonw_name(json_wtr, bpf_lockdown_level_name(l));
		if (v->may_load[l])
			ba_attach_kinds_json(v->kinds[l]);
		else
			jsonw_null(json_wtr);
	}
	jsonw_end_object(json_wtr);
	jsonw_name(json_wtr, "points");
	jsonw_start_array(json_wtr);
	for (i = 0; i < v->point_cnt; i++)
		jsonw_string(json_wtr, v->points[i]);
	jsonw_end_array(json_wtr);
	jsonw_string_or_null_field(json_wtr, "note", v->note);
	jsonw_end_object(json_wtr);
}
