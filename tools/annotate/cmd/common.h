/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - helpers the commands share: messages, options, JSON, objects */

#ifndef _BPF_ANNOTATE_COMMON_H
#define _BPF_ANNOTATE_COMMON_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/bpf_lockdown.h>

#include "json_writer.h"
#include "main.h"

struct bpf_annotate_obj;
struct bpf_annotate_prog;
struct ba_block;
struct ba_tier;

/* messages to stderr, "bpf-annotate: ..."; each returns the exit status */
__attribute__((format(printf, 1, 2)))
int ba_error(const char *fmt, ...);
__attribute__((format(printf, 1, 2)))
int ba_usage_error(const char *fmt, ...);
const char *ba_skip_obj(const char *path, const char *msg);
int ba_obj_error(const char *path, const char *msg);
void ba_warn(void *ctx, const char *msg);

/* the JSON output of the commands, to stdout */
extern struct json_writer *json_wtr;
void ba_json_obj_error(const char *path, const char *msg);

/*
 * getopt_long() over a command's arguments: argv[0] is the first argument
 * after the command, as the commands receive them.
 */
int ba_getopt(int argc, char **argv, const char *optstring, const struct option *longopts);
char **ba_args(int argc, char **argv, int *nargs);

/* scan and audit */
const char *ba_prog_type_name(const struct bpf_annotate_prog *prog);
const char *ba_attach_type_name(const struct bpf_annotate_prog *prog);
void ba_print_block_json(const struct ba_block *b);
int ba_inspect(const char *path, struct bpf_annotate_obj **objp, char *unsealable,
	       size_t unsealable_size, char *err, size_t err_size);

/**
 * struct ba_attach_view - where a program may be attached, for show, scan
 *	and audit
 * @bound: the annotation binds attachments (version 2, or inferred)
 * @may_load: per level, the program may load there
 * @kinds: per level, the attach kinds (empty: what the load fixed)
 * @points: the attach points
 * @point_cnt: number of @points
 * @note: why the binding is weaker than the section suggests, or NULL
 */
struct ba_attach_view {
	bool bound;
	bool may_load[BPF_LOCKDOWN_LEVEL_NR];
	__u64 kinds[BPF_LOCKDOWN_LEVEL_NR][BPF_LOCKDOWN_ANNOT_ATTACH_WORDS];
	const char *points[BPF_LOCKDOWN_ANNOT_MAX_POINTS];
	__u32 point_cnt;
	const char *note;
};

struct ba_attach;
struct ba_needs;
struct bpf_lockdown_annot;

void ba_attach_view_annot(struct ba_attach_view *v, const struct bpf_lockdown_annot *a);
void ba_attach_view_infer(struct ba_attach_view *v, const struct ba_attach *att,
			  const struct ba_needs *needs, bool kernel_reads);
int ba_attach_levels_text(const struct ba_attach_view *v, char *buf, size_t size);
void ba_attach_kinds_json(const __u64 *kinds);
void ba_attach_json(const struct ba_attach_view *v);

/**
 * struct ba_tier_cmd - what scan and audit get from their common options
 * @opts: the global options, with a -j that follows the command
 * @tier: the table of --tier FILE, or NULL for the built-in table
 * @tier_path: FILE of --tier, or NULL
 * @kernel_reads: --kernel-reads: the attach binding is the one seal
 *	--kernel-reads writes (&bpf_annotate_seal_opts.kernel_reads)
 * @args: the operands
 * @nargs: number of @args, at least 1
 */
struct ba_tier_cmd {
	struct ba_opts opts;
	struct ba_tier *tier;
	const char *tier_path;
	bool kernel_reads;
	char **args;
	int nargs;
};

int ba_tier_cmd_start(const struct ba_opts *gopts, int argc, char **argv, const char *usage,
		      struct ba_tier_cmd *tc);

#endif /* _BPF_ANNOTATE_COMMON_H */
