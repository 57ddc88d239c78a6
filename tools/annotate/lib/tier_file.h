/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - unsigned tier tables in text form, and verdicts against them */

#ifndef _BPF_ANNOTATE_TIER_FILE_H
#define _BPF_ANNOTATE_TIER_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "bpf_annotate.h"
#include "infer.h"
#include "tier_table.h"

/**
 * struct ba_tier_row - one line of a tier table in text form
 * @kind: "helper", "prog", "attach", "kfunc", "cap", "iter" or "map"
 * @id: helper ID, program type, "type:attach", map type or "-"
 * @name: item name
 * @integ: verdict at integrity ("allow", "deny", "user-stack",
 *	"user-memory")
 * @conf: verdict at confidentiality
 * @class: class name
 * @line: line number in the file, from 1
 *
 * The format is what bpf_lockdown_tier_line() prints, which is also what
 * the kernel shows in /sys/kernel/security/bpf_lockdown/tier.
 */
struct ba_tier_row {
	char kind[16], id[24], name[64], integ[16], conf[16], class[40];
	size_t line;
};

int ba_tier_parse_row(const char *line, struct ba_tier_row *r);
int ba_tier_read(const char *path, struct ba_tier_row **rows, size_t *cnt,
		 char *err, size_t err_size);

/*
 * An unsigned tier table to judge programs against: NULL is the table
 * built in (tier_table.c, the source the kernel compiles); otherwise one
 * read from a file with ba_tier_load(). A file without "iter" lines (or
 * without "map" lines) is the table of a kernel that does not check
 * iterator targets (or map types): they are then not checked.
 */
struct ba_tier;

int ba_tier_load(const char *path, struct ba_tier **tierp, char *err, size_t err_size);
void ba_tier_free(struct ba_tier *tier);

/**
 * enum ba_block_kind - what keeps a program from running unsigned
 * @BA_BLOCK_PROG: its program type or program and attach type
 * @BA_BLOCK_KFUNC: a kfunc it calls
 * @BA_BLOCK_HELPER: a helper it calls
 * @BA_BLOCK_CAP: a capability its code needs
 * @BA_BLOCK_ITER: the target of an iterator (tracing/iter) program
 * @BA_BLOCK_MAP: the type of a map it uses, or of that map's inner maps
 */
enum ba_block_kind {
	BA_BLOCK_PROG,
	BA_BLOCK_KFUNC,
	BA_BLOCK_HELPER,
	BA_BLOCK_CAP,
	BA_BLOCK_ITER,
	BA_BLOCK_MAP,
};

/**
 * struct ba_block - one item the tier refuses at a level
 * @kind: &enum ba_block_kind
 * @name: program type name (as the tier names it), helper name without
 *	"bpf_", kfunc name, tier capability name, iterator target ("task"
 *	for bpf_iter_task) or map name; NULL for a helper or program type
 *	the tier does not know
 * @id: helper ID, program type or map type (for @inner, the inner maps'
 *	type); -1 otherwise
 * @class: &enum bpf_lockdown_class
 * @why: for a capability, what in the code needs it; for a stack helper
 *	allowed only for user stacks, "for a kernel stack"; for a map, the
 *	tier's name of the map type @id ("sockmap"); else NULL
 * @inner: for a map, the tier refuses the type of its inner maps (a
 *	map-in-map whose own type it allows)
 */
struct ba_block {
	enum ba_block_kind kind;
	const char *name;
	int id;
	unsigned int class;
	const char *why;
	bool inner;
};

/* the denied maps of one program listed in a verdict; more are left out */
#define BA_MAX_MAP_BLOCKS	64

/*
 * a program type, an iterator target, every helper, kfunc and capability,
 * and some maps: at most this many
 */
#define BA_MAX_BLOCKS	(2 + __BPF_FUNC_MAX_ID + BA_MAX_KFUNCS + 32 + BA_MAX_MAP_BLOCKS)

/**
 * struct ba_verdict - the unsigned tier's verdict on a program at a level
 * @block: what the tier refuses, in the order the kernel checks: program
 *	type, iterator target, kfuncs, helpers (each in instruction order),
 *	maps (in the order of their first use), capabilities
 * @cnt: number of @block entries; 0 when the program runs unsigned
 */
struct ba_verdict {
	struct ba_block block[BA_MAX_BLOCKS];
	unsigned int cnt;
};

/* the two levels at which the unsigned tier applies, as indices of verdicts */
#define BA_TIER_LEVELS	2
/* the level of verdict index @l: integrity, then confidentiality */
#define BA_TIER_LEVEL(l)	(BPF_LOCKDOWN_LEVEL_INTEGRITY + (l))

int ba_tier_verdicts(const struct ba_tier *tier, const struct bpf_annotate_obj *obj,
		     const struct bpf_annotate_prog *prog, struct ba_needs *needs,
		     struct ba_verdict v[BA_TIER_LEVELS], char *err, size_t err_size);
void ba_tier_verdict(const struct ba_tier *tier, const struct bpf_annotate_obj *obj,
		     const struct bpf_annotate_prog *prog, const struct ba_needs *needs,
		     unsigned int level, struct ba_verdict *v);
int ba_block_format(const struct ba_block *b, char *buf, size_t size);
const char *ba_block_kind_name(enum ba_block_kind kind);
bool ba_block_same(const struct ba_block *a, const struct ba_block *b);

#endif /* _BPF_ANNOTATE_TIER_FILE_H */
