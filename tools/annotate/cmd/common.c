// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - helpers the commands share: messages, options, JSON, objects */

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "common.h"
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
