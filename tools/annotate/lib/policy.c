// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - policy files: parse, check against the code, apply */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grant.h"
#include "infer.h"
#include "infer_attach.h"
#include "policy.h"
#include "util.h"
#include "tier_table.h"

/*
 * A policy is a list of lines (Documentation/bpf-annotate.rst, "POLICY
 * FILE"):
 *
 *	program NAME|*
 *	level LEVEL...|all
 *	allow helper|kfunc|cap NAME
 *	allow attach KIND [POINT...]
 *	deny helper|kfunc|cap NAME
 *	deny attach KIND [POINT...]
 *	no-load
 *
 * "program" selects the programs the following lines apply to, "level"
 * the levels (all of them after each "program" line). Attach kinds are per
 * level; attach points are per program, whatever the levels.
 */
enum rule_op { RULE_ALLOW, RULE_DENY, RULE_NO_LOAD };
enum rule_kind { KIND_HELPER, KIND_KFUNC, KIND_CAP, KIND_ATTACH, KIND_NR };

struct rule {
	char prog[128];
	unsigned int levels;
	enum rule_op op;
	enum rule_kind kind;
	char name[BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX + 1];
	__u32 id;		/* helper ID, capability bit or attach kind */
	char **points;		/* attach: "KIND:WHERE" */
	unsigned int point_cnt;
	unsigned int line;
};

struct ba_policy {
	char *path;
	struct rule *rules;
	unsigned int cnt;
};

static const char *const kind_names[] = { "helper", "kfunc", "capability", "attach kind" };

/* the words of a line: an attach line names at most every point */
#define MAX_WORDS	(3 + BPF_LOCKDOWN_ANNOT_MAX_POINTS)

#define ALL_LEVELS	((1U << BPF_LOCKDOWN_LEVEL_NR) - 1)

/**
 * ba_policy_free() - free a policy
 * @pol: policy from ba_policy_parse(), or NULL
 */
void ba_policy_free(struct ba_policy *pol)
{
	unsigned int i, j;

	if (!pol)
		return;
	for (i = 0; i < pol->cnt; i++) {
		for (j = 0; j < pol->rules[i].point_cnt; j++)
			free(pol->rules[i].points[j]);
		free(pol->rules[i].points);
	}
	free(pol->path);
	free(pol->rules);
	free(pol);
}

static int helper_by_name(const char *s)
{
	char *end;
	long v;
	int i;

	if (!strncmp(s, "bpf_", 4))
		s += 4;
	v = strtol(s, &end, 10);
	if (*s && !*end)
		return v > 0 && v < __BPF_FUNC_MAX_ID ? (int)v : -1;
	for (i = 1; i < __BPF_FUNC_MAX_ID; i++)
		if (!strcmp(bpf_lockdown_helper_rules[i].name, s))
			return i;
	return -1;
}

static bool valid_name(const char *s)
{
	if (!*s || strlen(s) > BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* an unknown capability: the error names every capability a policy may name */
static int unknown_cap(const struct ba_policy *pol, unsigned int n, const char *name,
		       char *err, size_t err_size)
{
	char names[128] = "";
	size_t len = 0;
	unsigned int i;

	for (i = 0; i < BA_CAP_NR && len < sizeof(names); i++)
		len += snprintf(names + len, sizeof(names) - len, "%s%s", i ? ", " : "",
				ba_caps[i].name);
	return ba_fail(err, err_size, -EINVAL, "%s:%u: unknown capability '%s' (%s)", pol->path,
		       n, name, names);
}

/* the point kinds an attach kind may name, for messages: "kprobe or kretprobe" */
static void point_kinds(__u32 kind, char *buf, size_t size)
{
	const char *pk;
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; (pk = ba_point_kind_of(kind, i)) && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%s", i ? " or " : "", pk);
}

/*
 * POINT of an attach line for KIND: "KIND:WHERE" as the annotation holds
 * it, or WHERE alone, which takes the first kind of point KIND may name
 * ("allow attach kprobe do_nanosleep" is kprobe:do_nanosleep)
 */
static int parse_point(const struct ba_policy *pol, unsigned int n, __u32 kind,
		       const char *word, char **out, char *err, size_t err_size)
{
	static const char *const point_kinds_all[] = {
		"kprobe", "kretprobe", "uprobe", "uretprobe", "tracepoint", "raw_tracepoint", "xdp",
	};
	char point[BA_POINT_MAX + 64], names[64], why[256];
	const char *colon = strchr(word, ':'), *pk;
	bool full = false;
	unsigned int i;

	point_kinds(kind, names, sizeof(names));
	if (!names[0])
		return ba_fail(err, err_size, -EINVAL,
			       "%s:%u: attach kind %s takes no attach points", pol->path, n,
			       bpf_lockdown_attach_name(kind));
	for (i = 0; colon && i < ARRAY_SIZE(point_kinds_all); i++)
		if (strlen(point_kinds_all[i]) == (size_t)(colon - word) &&
		    !strncmp(word, point_kinds_all[i], colon - word))
			full = true;
	if (full) {
		for (i = 0; (pk = ba_point_kind_of(kind, i)); i++)
			if (strlen(pk) == (size_t)(colon - word) && !strncmp(word, pk, colon - word))
				break;
		if (!pk)
			return ba_fail(err, err_size, -EINVAL,
				       "%s:%u: attach kind %s takes points of kind %s, not '%s'",
				       pol->path, n, bpf_lockdown_attach_name(kind), names, word);
		snprintf(point, sizeof(point), "%s", word);
	} else {
		snprintf(point, sizeof(point), "%s:%s", ba_point_kind_of(kind, 0), word);
	}
	if (!ba_point_valid(point, why, sizeof(why))) {
		/* the parser's reason, without "annotation: attach point 0" */
		pk = strstr(why, "point 0 ") ? strstr(why, "point 0 ") + 8 : why;
		return ba_fail(err, err_size, -EINVAL,
			       "%s:%u: malformed attach point '%s', which %s (see DOC: attach points in include/uapi/linux/bpf_lockdown.h)",
			       pol->path, n, point, pk);
	}
	*out = strdup(point);
	return *out ? 0 : ba_fail(err, err_size, -ENOMEM, "%s: out of memory", pol->path);
}

static void rule_free(struct rule *r)
{
	unsigned int i;

	for (i = 0; i < r->point_cnt; i++)
		free(r->points[i]);
	free(r->points);
}

static int parse_attach(struct ba_policy *pol, unsigned int n, char **w, unsigned int cnt,
			struct rule *r, char *err, size_t err_size)
{
	unsigned int i;
	int kind, ret;

	r->kind = KIND_ATTACH;
	kind = bpf_lockdown_attach_by_name(w[2]);
	if (kind < 0)
		return ba_fail(err, err_size, -EINVAL,
			       "%s:%u: unknown attach kind '%s' (an attach type in lower case without BPF_, as 'cgroup_inet_ingress', or kprobe, kretprobe, uprobe, uretprobe, tracepoint, raw_tracepoint, perf_counter, socket, reuseport, tc, xt, lwt, tun, kcm, fanout)",
			       pol->path, n, w[2]);
	r->id = kind;
	snprintf(r->name, sizeof(r->name), "%s", w[2]);
	if (cnt == 3)
		return 0;
	r->points = calloc(cnt - 3, sizeof(*r->points));
	if (!r->points)
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", pol->path);
	for (i = 3; i < cnt; i++) {
		ret = parse_point(pol, n, kind, w[i], &r->points[r->point_cnt], err, err_size);
		if (ret) {
			rule_free(r);
			return ret;
		}
		r->point_cnt++;
	}
	return 0;
}

static int parse_line(struct ba_policy *pol, char *line, unsigned int n, char *prog,
		      unsigned int *levels, char *err, size_t err_size)
{
	char *w[MAX_WORDS + 1], *save = NULL, *tok;
	unsigned int cnt = 0, i, l;
	struct rule r = { 0 }, *rules;
	int ret;

	for (tok = strtok_r(line, " \t\r\n", &save); tok && cnt < ARRAY_SIZE(w);
	     tok = strtok_r(NULL, " \t\r\n", &save))
		w[cnt++] = tok;
	if (!cnt || w[0][0] == '#')
		return 0;
	if (cnt > MAX_WORDS)
		return ba_fail(err, err_size, -EINVAL, "%s:%u: more than %u words", pol->path, n,
			       MAX_WORDS);
	if (!strcmp(w[0], "program")) {
		if (cnt != 2)
			return ba_fail(err, err_size, -EINVAL, "%s:%u: usage: program NAME|*",
				       pol->path, n);
		snprintf(prog, sizeof(r.prog), "%s", w[1]);
		*levels = ALL_LEVELS;
		return 0;
	}
	if (!prog[0])
		return ba_fail(err, err_size, -EINVAL, "%s:%u: '%s' before any 'program' line",
			       pol->path, n, w[0]);
	if (!strcmp(w[0], "level")) {
		if (cnt < 2)
			return ba_fail(err, err_size, -EINVAL, "%s:%u: usage: level LEVEL...|all",
				       pol->path, n);
		*levels = 0;
		for (i = 1; i < cnt; i++) {
			if (!strcmp(w[i], "all")) {
				*levels = ALL_LEVELS;
				continue;
			}
			for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++)
				if (!strcmp(w[i], bpf_lockdown_level_name(l)))
					break;
			if (l == BPF_LOCKDOWN_LEVEL_NR)
				return ba_fail(err, err_size, -EINVAL, "%s:%u: unknown level '%s'",
					       pol->path, n, w[i]);
			*levels |= 1U << l;
		}
		return 0;
	}
	snprintf(r.prog, sizeof(r.prog), "%s", prog);
	r.levels = *levels;
	r.line = n;
	if (!strcmp(w[0], "no-load")) {
		if (cnt != 1)
			return ba_fail(err, err_size, -EINVAL, "%s:%u: 'no-load' takes no argument",
				       pol->path, n);
		r.op = RULE_NO_LOAD;
	} else if (!strcmp(w[0], "allow") || !strcmp(w[0], "deny")) {
		r.op = w[0][0] == 'a' ? RULE_ALLOW : RULE_DENY;
		if (cnt >= 3 && !strcmp(w[1], "attach")) {
			ret = parse_attach(pol, n, w, cnt, &r, err, err_size);
			if (ret)
				return ret;
			goto add;
		}
		if (cnt != 3)
			return ba_fail(err, err_size, -EINVAL,
				       "%s:%u: usage: %s helper|kfunc|cap NAME, or %s attach KIND [POINT...]",
				       pol->path, n, w[0], w[0]);
		snprintf(r.name, sizeof(r.name), "%s", w[2]);
		if (!strcmp(w[1], "helper")) {
			r.kind = KIND_HELPER;
			if (helper_by_name(w[2]) < 0)
				return ba_fail(err, err_size, -EINVAL, "%s:%u: unknown helper '%s'",
					       pol->path, n, w[2]);
			r.id = helper_by_name(w[2]);
			snprintf(r.name, sizeof(r.name), "%s", bpf_lockdown_helper_rules[r.id].name);
		} else if (!strcmp(w[1], "kfunc")) {
			r.kind = KIND_KFUNC;
			if (!valid_name(w[2]))
				return ba_fail(err, err_size, -EINVAL, "%s:%u: invalid kfunc name '%s'",
					       pol->path, n, w[2]);
		} else if (!strcmp(w[1], "cap")) {
			r.kind = KIND_CAP;
			r.id = ba_cap_by_name(w[2]);
			if (!r.id)
				return unknown_cap(pol, n, w[2], err, err_size);
			snprintf(r.name, sizeof(r.name), "%s", ba_cap_name(r.id));
		} else {
			return ba_fail(err, err_size, -EINVAL,
				       "%s:%u: unknown kind '%s' (helper, kfunc, cap, attach)", pol->path,
				       n, w[1]);
		}
	} else {
		return ba_fail(err, err_size, -EINVAL, "%s:%u: unknown keyword '%s'", pol->path, n,
			       w[0]);
	}
add:
	rules = realloc(pol->rules, (pol->cnt + 1) * sizeof(*rules));
	if (!rules) {
		rule_free(&r);
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", pol->path);
	}
	pol->rules = rules;
	pol->rules[pol->cnt++] = r;
	return 0;
}

/**
 * ba_policy_parse() - read a policy file
 * @path: the file
 * @out: set to the parsed policy
 * @err: reason on failure ("FILE:LINE: ...")
 * @err_size: size of @err
 *
 * Return: 0 or a negative errno.
 */
int ba_policy_parse(const char *path, struct ba_policy **out, char *err, size_t err_size)
{
	unsigned int levels = ALL_LEVELS, n = 0;
	char prog[128] = "", *line = NULL;
	struct ba_policy *pol;
	size_t cap = 0;
	FILE *f;
	int ret = 0;

	f = fopen(path, "r");
	if (!f)
		return ba_fail(err, err_size, -errno, "%s: %s", path, strerror(errno));
	pol = calloc(1, sizeof(*pol));
	if (pol)
		pol->path = strdup(path);
	if (!pol || !pol->path) {
		fclose(f);
		free(pol);
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", path);
	}
	while (!ret && getline(&line, &cap, f) > 0)
		ret = parse_line(pol, line, ++n, prog, &levels, err, err_size);
	free(line);
	fclose(f);
	if (ret) {
		ba_policy_free(pol);
		return ret;
	}
	*out = pol;
	return 0;
}

/**
 * ba_policy_check_progs() - every program a policy names must exist
 * @pol: the policy
 * @obj: the object
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Return: 0 or -ENOENT.
 */
int ba_policy_check_progs(const struct ba_policy *pol, const struct bpf_annotate_obj *obj,
			  char *err, size_t err_size)
{
	unsigned int i;

	for (i = 0; i < pol->cnt; i++)
		if (strcmp(pol->rules[i].prog, "*") &&
		    !bpf_annotate_find_prog(obj, pol->rules[i].prog))
			return ba_fail(err, err_size, -ENOENT, "%s:%u: %s has no program %s",
				       pol->path, pol->rules[i].line, obj->name,
				       pol->rules[i].prog);
	return 0;
}

static bool grant_has(const struct ba_grant *g, const struct rule *r)
{
	switch (r->kind) {
	case KIND_HELPER:
		return g->helpers[r->id / 64] & (1ULL << (r->id % 64));
	case KIND_KFUNC:
		return ba_grant_has_kfunc(g, r->name);
	default:
		return g->caps & r->id;
	}
}

static bool ceiling_allows(const struct rule *r, unsigned int level, bool kernel_reads)
{
	switch (r->kind) {
	case KIND_HELPER:
		return ba_ceiling_allows_helper(r->id, level, kernel_reads);
	case KIND_KFUNC:
		return ba_ceiling_allows_kfunc(r->name, level, kernel_reads);
	default:
		return ba_ceiling_allows_cap(r->id, level, kernel_reads);
	}
}

static void warn(const struct bpf_annotate_seal_opts *opts, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!opts || !opts->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	opts->warn(opts->warn_ctx, msg);
}

/*
 * The code needs something the level does not grant: name the first such
 * use. At confidentiality, reading through BTF pointers needs ksym too
 * (ba_caps_at_level()).
 */
static int missing(const struct ba_policy *pol, const struct bpf_annotate_obj *obj,
		   const struct bpf_annotate_prog *prog, const struct ba_needs *needs,
		   const struct ba_grant *g, unsigned int level, const unsigned int *deny_line,
		   char *err, size_t err_size)
{
	const char *lname = bpf_lockdown_level_name(level), *why;
	__u32 i, bit, caps = ba_caps_at_level(needs->grant.caps, level);

	for (i = 1; i < __BPF_FUNC_MAX_ID; i++) {
		bit = needs->grant.helpers[i / 64] & (1ULL << (i % 64)) ? 1 : 0;
		if (bit && !(g->helpers[i / 64] & (1ULL << (i % 64))))
			return ba_fail(err, err_size, -EPERM,
				       "%s: program %s: level %s: the policy (%s:%u) denies helper bpf_%s, which the code calls at instruction %d",
				       obj->name, prog->name, lname, pol->path, deny_line[0],
				       bpf_lockdown_helper_rules[i].name, ba_helper_insn(prog, i));
	}
	for (i = 0; i < prog->extern_cnt; i++)
		if (!prog->externs[i].is_ld64 && !ba_grant_has_kfunc(g, prog->externs[i].name))
			return ba_fail(err, err_size, -EPERM,
				       "%s: program %s: level %s: the policy (%s:%u) denies kfunc %s, which the code calls at instruction %u",
				       obj->name, prog->name, lname, pol->path, deny_line[1],
				       prog->externs[i].name, prog->externs[i].insn_idx);
	for (bit = 0; bit < 32; bit++) {
		if (!(caps & (1U << bit)) || (g->caps & (1U << bit)))
			continue;
		why = needs->cap_why[bit] ?: BA_KSYM_FOR_BTF_READ;
		return ba_fail(err, err_size, -EPERM,
			       "%s: program %s: level %s: the policy (%s:%u) denies capability %s, which the code needs for %s",
			       obj->name, prog->name, lname, pol->path, deny_line[2],
			       ba_cap_name(1U << bit), why);
	}
	return 0;
}

/* an attach line: kinds at the level, points (per program) once per line */
static int apply_attach(const struct ba_policy *pol, const struct bpf_annotate_obj *obj,
			const struct bpf_annotate_prog *prog, const struct rule *r,
			const struct ba_attach *inferred, struct ba_attach *att,
			struct ba_grant *g, unsigned int l, bool first_level,
			const struct bpf_annotate_seal_opts *opts, char *err, size_t err_size)
{
	const char *lname = bpf_lockdown_level_name(l);
	unsigned int i;
	int ret;

	if (!r->point_cnt && r->op == RULE_DENY) {
		g->attach[r->id / 64] &= ~(1ULL << (r->id % 64));
		return 0;
	}
	if (r->op == RULE_ALLOW) {
		if (!ba_attach_has_kind(inferred->kinds, r->id))
			warn(opts, "%s: program %s: level %s: the policy (%s:%u) allows attach kind %s, which its section %s does not name",
			     obj->name, prog->name, lname, pol->path, r->line, r->name,
			     prog->sec_name);
		bpf_lockdown_annot_set_attach(g->attach, r->id);
	}
	/* points belong to the program: once per line, whatever its levels */
	for (i = 0; first_level && i < r->point_cnt; i++) {
		if (r->op == RULE_DENY) {
			if (!ba_attach_del_point(att, r->points[i]))
				warn(opts, "%s: program %s: the policy (%s:%u) denies attach point %s, which the annotation does not name",
				     obj->name, prog->name, pol->path, r->line, r->points[i]);
			continue;
		}
		if (!ba_attach_has_point(inferred, r->points[i]))
			warn(opts, "%s: program %s: the policy (%s:%u) allows attach point %s, which its section %s does not name",
			     obj->name, prog->name, pol->path, r->line, r->points[i],
			     prog->sec_name);
		ret = ba_attach_add_point(att, r->points[i]);
		if (ret)
			return ba_fail(err, err_size, ret,
				       "%s: program %s: the policy (%s:%u): more than %u attach points",
				       obj->name, prog->name, pol->path, r->line, BA_MAX_POINTS);
	}
	return 0;
}

/*
 * An annotation that binds less than the policy says would bind more: an
 * empty kind set allows what the load fixed, and a program without points
 * attaches at any point of its kinds. A policy that denies every kind of
 * a level, or the last point, is an error; one that allows a kind no point
 * of which is named gets a warning (the kernel refuses every such
 * attachment).
 */
static int check_attach(const struct ba_policy *pol, const struct bpf_annotate_obj *obj,
			const struct bpf_annotate_prog *prog, const struct ba_attach *inferred,
			const struct ba_attach *att, struct ba_grant grant[BPF_LOCKDOWN_LEVEL_NR],
			const unsigned int *deny_kind_line, unsigned int deny_point_line,
			const struct bpf_annotate_seal_opts *opts, char *err, size_t err_size)
{
	bool loads = false, warned[BPF_LOCKDOWN_ATTACH_KIND_NR] = { false };
	const char *pk;
	unsigned int l, k, i;

	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		if (!grant[l].may_load)
			continue;
		loads = true;
		if (deny_kind_line[l] && ba_attach_empty(grant[l].attach) &&
		    !ba_attach_empty(inferred->kinds))
			return ba_fail(err, err_size, -EPERM,
				       "%s: program %s: level %s: the policy (%s:%u) denies every attach kind, and an empty set allows what the load fixed: add no-load for this level, or allow another kind",
				       obj->name, prog->name, bpf_lockdown_level_name(l), pol->path,
				       deny_kind_line[l]);
	}
	if (loads && deny_point_line && inferred->point_cnt && !att->point_cnt)
		return ba_fail(err, err_size, -EPERM,
			       "%s: program %s: the policy (%s:%u) denies its last attach point, which would let it attach anywhere its kinds reach: deny the attach kind, or allow another point",
			       obj->name, prog->name, pol->path, deny_point_line);
	if (!att->point_cnt)
		return 0;
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++)
		for (k = 0; k < BPF_LOCKDOWN_ATTACH_KIND_NR; k++) {
			if (warned[k] || !ba_attach_has_kind(grant[l].attach, k) ||
			    !ba_point_kind_of(k, 0))
				continue;
			for (i = 0; (pk = ba_point_kind_of(k, i)); i++)
				if (ba_attach_has_point_kind(att, pk))
					break;
			if (pk)
				continue;
			warned[k] = true;
			warn(opts, "%s: program %s: attach kind %s is allowed, but the annotation names attach points and none of kind %s: the kernel refuses every such attachment",
			     obj->name, prog->name, bpf_lockdown_attach_name(k),
			     ba_point_kind_of(k, 0));
		}
	return 0;
}

/**
 * ba_policy_apply() - apply a policy to one program's inferred grants
 * @pol: the policy
 * @obj: the object
 * @prog: the program
 * @needs: what its code uses
 * @att: where it is attached: the inferred kinds (as @grant has them) and
 *	points on entry; the points the policy leaves on return
 * @grant: per level: the inferred grant on entry, the final one on return
 * @opts: for warnings, and &bpf_annotate_seal_opts.kernel_reads
 * @err: reason on failure
 * @err_size: size of @err
 *
 * "allow" adds an item (a warning when the code or the section does not
 * use it; an error when the ceiling refuses it, the ceiling of a kernel
 * that lets signed programs read the kernel at confidentiality when
 * @opts->kernel_reads), "deny" removes one,
 * "no-load" clears the level. A level that may load must still grant
 * everything the code uses: otherwise the first use the policy denies is
 * the error. Attach kinds are added and removed per level, attach points
 * per program; denying every attach kind of a level that may load, or the
 * last attach point, is an error (an empty set would bind less).
 *
 * Return: 0, -EPERM or -E2BIG.
 */
int ba_policy_apply(const struct ba_policy *pol, const struct bpf_annotate_obj *obj,
		    const struct bpf_annotate_prog *prog, const struct ba_needs *needs,
		    struct ba_attach *att, struct ba_grant grant[BPF_LOCKDOWN_LEVEL_NR],
		    const struct bpf_annotate_seal_opts *opts, char *err, size_t err_size)
{
	unsigned int deny_line[BPF_LOCKDOWN_LEVEL_NR][KIND_NR] = { { 0 } };
	unsigned int deny_kind_line[BPF_LOCKDOWN_LEVEL_NR] = { 0 }, deny_point_line = 0;
	bool no_load[BPF_LOCKDOWN_LEVEL_NR] = { false }, first;
	struct ba_attach *inferred;
	const struct rule *r;
	const char *lname;
	struct ba_grant *g;
	unsigned int i, l;
	int ret = 0;

	inferred = malloc(sizeof(*inferred));
	if (!inferred)
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", obj->name);
	*inferred = *att;
	for (i = 0; i < pol->cnt && !ret; i++) {
		r = &pol->rules[i];
		if (strcmp(r->prog, "*") && strcmp(r->prog, prog->name))
			continue;
		first = true;
		for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR && !ret; l++) {
			if (!(r->levels & (1U << l)))
				continue;
			g = &grant[l];
			lname = bpf_lockdown_level_name(l);
			if (r->op == RULE_NO_LOAD) {
				no_load[l] = true;
				continue;
			}
			if (r->kind == KIND_ATTACH) {
				if (r->op == RULE_DENY && r->point_cnt)
					deny_point_line = r->line;
				else if (r->op == RULE_DENY)
					deny_kind_line[l] = r->line;
				ret = apply_attach(pol, obj, prog, r, inferred, att, g, l, first, opts,
						   err, err_size);
				first = false;
				continue;
			}
			if (r->op == RULE_DENY) {
				deny_line[l][r->kind] = r->line;
				if (r->kind == KIND_HELPER)
					g->helpers[r->id / 64] &= ~(1ULL << (r->id % 64));
				else if (r->kind == KIND_KFUNC)
					ba_grant_del_kfunc(g, r->name);
				else
					g->caps &= ~r->id;
				continue;
			}
			if (!ceiling_allows(r, l, opts && opts->kernel_reads)) {
				ret = ba_fail(err, err_size, -EPERM,
					      "%s: program %s: level %s: the policy (%s:%u) allows %s %s, which the ceiling for signed programs refuses at this level",
					      obj->name, prog->name, lname, pol->path, r->line,
					      kind_names[r->kind], r->name);
				break;
			}
			if (!grant_has(&needs->grant, r))
				warn(opts, "%s: program %s: level %s: the policy (%s:%u) allows %s %s, which the code does not use",
				     obj->name, prog->name, lname, pol->path, r->line,
				     kind_names[r->kind], r->name);
			if (r->kind == KIND_HELPER) {
				g->helpers[r->id / 64] |= 1ULL << (r->id % 64);
			} else if (r->kind == KIND_KFUNC) {
				if (ba_grant_add_kfunc(g, r->name))
					ret = ba_fail(err, err_size, -E2BIG,
						      "%s: program %s: level %s: more than %u kfuncs",
						      obj->name, prog->name, lname, BA_MAX_KFUNCS);
			} else {
				g->caps |= r->id;
			}
		}
	}
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR && !ret; l++) {
		if (no_load[l] || !grant[l].may_load) {
			memset(&grant[l], 0, sizeof(grant[l]));
			continue;
		}
		ret = missing(pol, obj, prog, needs, &grant[l], l, deny_line[l], err, err_size);
	}
	if (!ret)
		ret = check_attach(pol, obj, prog, inferred, att, grant, deny_kind_line,
				   deny_point_line, opts, err, err_size);
	free(inferred);
	return ret;
}
