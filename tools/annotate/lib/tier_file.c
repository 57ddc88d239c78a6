// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - unsigned tier tables in text form, and verdicts against them */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#include "btf_util.h"
#include "digest.h"
#include "tier_file.h"
#include "util.h"

/**
 * ba_tier_parse_row() - parse one line of a tier table
 * @line: "kind id name integrity confidentiality class"
 * @r: filled with the six fields (@r->line is left alone)
 *
 * Return: 0, or -EINVAL when the line does not have six fields.
 */
int ba_tier_parse_row(const char *line, struct ba_tier_row *r)
{
	return sscanf(line, "%15s %23s %63s %15s %15s %39s", r->kind, r->id, r->name,
		      r->integ, r->conf, r->class) == 6 ? 0 : -EINVAL;
}

/**
 * ba_tier_read() - read the rows of a tier table in text form
 * @path: the file ("bpf-annotate tier", or the kernel's securityfs file)
 * @rows: set to the rows, to be freed by the caller
 * @cnt: set to the number of rows
 * @err: reason on failure ("PATH: ..." or "PATH:LINE: ...")
 * @err_size: size of @err
 *
 * Comment and empty lines are skipped.
 *
 * Return: 0; the errno of opening @path; -EINVAL for a line that is not a
 * tier line; -ENOMEM.
 */
int ba_tier_read(const char *path, struct ba_tier_row **rows, size_t *cnt,
		 char *err, size_t err_size)
{
	struct ba_tier_row *r = NULL, *n;
	size_t lineno = 0, nr = 0;
	char line[256];
	int ret = 0;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		return ba_fail(err, err_size, -errno, "%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		n = realloc(r, (nr + 1) * sizeof(*r));
		if (!n) {
			ret = ba_fail(err, err_size, -ENOMEM, "%s: out of memory", path);
			break;
		}
		r = n;
		if (ba_tier_parse_row(line, &r[nr])) {
			ret = ba_fail(err, err_size, -EINVAL, "%s:%zu: not a tier line", path,
				      lineno);
			break;
		}
		r[nr++].line = lineno;
	}
	fclose(f);
	if (ret) {
		free(r);
		return ret;
	}
	*rows = r;
	*cnt = nr;
	return 0;
}

/*
 * A table read from a file: one rule per row, in the file's order, and
 * the helper and map rules indexed by ID. Names point into @rows.
 */
struct ba_tier {
	struct ba_tier_row *rows;
	struct bpf_lockdown_rule *rules;
	__u32 *attach;			/* attach type of an "attach" row */
	size_t cnt;
	const struct bpf_lockdown_rule **helper;
	__u32 helper_cnt;
	const struct bpf_lockdown_rule **map;
	__u32 map_cnt;
	bool has_iter;			/* iterator targets are checked */
};

static int parse_word(const char *s, const char *(*name)(unsigned int), unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (!strcmp(s, name(i)))
			return i;
	return -1;
}

static int tier_index(struct ba_tier *t, const char *path, char *err, size_t err_size)
{
	struct bpf_lockdown_rule *rule;
	struct ba_tier_row *r;
	unsigned int a, b;
	size_t i;
	char c;
	int v;

	for (i = 0; i < t->cnt; i++) {
		r = &t->rows[i];
		rule = &t->rules[i];
		rule->name = r->name;
		v = parse_word(r->integ, bpf_lockdown_verdict_name, BPF_LOCKDOWN_VERDICT_NR);
		if (v < 0)
			return ba_fail(err, err_size, -EINVAL, "%s:%zu: unknown verdict '%s'",
				       path, r->line, r->integ);
		rule->verdict[0] = v;
		v = parse_word(r->conf, bpf_lockdown_verdict_name, BPF_LOCKDOWN_VERDICT_NR);
		if (v < 0)
			return ba_fail(err, err_size, -EINVAL, "%s:%zu: unknown verdict '%s'",
				       path, r->line, r->conf);
		rule->verdict[1] = v;
		v = parse_word(r->class, bpf_lockdown_class_name, BPF_LOCKDOWN_CLASS_NR);
		if (v < 0)
			return ba_fail(err, err_size, -EINVAL, "%s:%zu: unknown class '%s'",
				       path, r->line, r->class);
		rule->class = v;
		if (!strcmp(r->kind, "helper") || !strcmp(r->kind, "prog") ||
		    !strcmp(r->kind, "map")) {
			if (sscanf(r->id, "%u%c", &a, &c) != 1 || a > 0xffff)
				goto bad_id;
			rule->id = a;
			if (r->kind[0] == 'h' && a + 1 > t->helper_cnt)
				t->helper_cnt = a + 1;
			if (r->kind[0] == 'm' && a + 1 > t->map_cnt)
				t->map_cnt = a + 1;
		} else if (!strcmp(r->kind, "attach")) {
			if (sscanf(r->id, "%u:%u%c", &a, &b, &c) != 2)
				goto bad_id;
			rule->id = a;
			t->attach[i] = b;
		} else if (!strcmp(r->kind, "iter")) {
			t->has_iter = true;
		} else if (!strcmp(r->kind, "attach_kind")) {
			if (sscanf(r->id, "%u%c", &a, &c) != 1 || a > 0xffff)
				goto bad_id;
			rule->id = a;
		} else if (strcmp(r->kind, "kfunc") && strcmp(r->kind, "cap")) {
			return ba_fail(err, err_size, -EINVAL, "%s:%zu: unknown kind '%s'",
				       path, r->line, r->kind);
		}
	}
	t->helper = calloc(t->helper_cnt + 1, sizeof(*t->helper));
	t->map = calloc(t->map_cnt + 1, sizeof(*t->map));
	if (!t->helper || !t->map)
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", path);
	for (i = 0; i < t->cnt; i++) {
		if (!strcmp(t->rows[i].kind, "helper"))
			t->helper[t->rules[i].id] = &t->rules[i];
		else if (!strcmp(t->rows[i].kind, "map"))
			t->map[t->rules[i].id] = &t->rules[i];
	}
	return 0;
bad_id:
	return ba_fail(err, err_size, -EINVAL, "%s:%zu: bad %s id '%s'", path, r->line,
		       r->kind, r->id);
}

/**
 * ba_tier_load() - read another kernel's unsigned tier table
 * @path: the table in text form (see ba_tier_read())
 * @tierp: set to the table
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Older tables, without "iter" or "map" lines, load too: the programs
 * judged against them have their iterator targets or map types not
 * checked, as the kernels that print them do not check them.
 *
 * Return: 0, or an errno of ba_tier_read(); -EINVAL for an unknown kind,
 * verdict or class or a malformed id.
 */
int ba_tier_load(const char *path, struct ba_tier **tierp, char *err, size_t err_size)
{
	struct ba_tier *t;
	int ret;

	t = calloc(1, sizeof(*t));
	if (!t)
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", path);
	ret = ba_tier_read(path, &t->rows, &t->cnt, err, err_size);
	if (ret) {
		free(t);
		return ret;
	}
	t->rules = calloc(t->cnt + 1, sizeof(*t->rules));
	t->attach = calloc(t->cnt + 1, sizeof(*t->attach));
	if (!t->rules || !t->attach)
		ret = ba_fail(err, err_size, -ENOMEM, "%s: out of memory", path);
	else
		ret = tier_index(t, path, err, err_size);
	if (ret) {
		ba_tier_free(t);
		return ret;
	}
	*tierp = t;
	return 0;
}

/**
 * ba_tier_free() - free a table from ba_tier_load()
 * @tier: the table, or NULL
 */
void ba_tier_free(struct ba_tier *tier)
{
	if (!tier)
		return;
	free(tier->rows);
	free(tier->rules);
	free(tier->attach);
	free(tier->helper);
	free(tier->map);
	free(tier);
}

static const struct bpf_lockdown_rule *tier_find(const struct ba_tier *t, const char *kind,
						 const char *name)
{
	size_t i;

	for (i = 0; i < t->cnt; i++)
		if (!strcmp(t->rows[i].kind, kind) && !strcmp(t->rows[i].name, name))
			return &t->rules[i];
	return NULL;
}

static const struct bpf_lockdown_rule *tier_helper(const struct ba_tier *t, int id)
{
	if (!t)
		return bpf_lockdown_helper_rule(id);
	return id >= 0 && (__u32)id < t->helper_cnt ? t->helper[id] : NULL;
}

/* as bpf_lockdown_prog_rule(): the attach-type rule first */
static const struct bpf_lockdown_rule *tier_prog(const struct ba_tier *t, __u32 type,
						 __u32 attach)
{
	const struct bpf_lockdown_rule *prog = NULL;
	size_t i;

	if (!t)
		return bpf_lockdown_prog_rule(type, attach);
	for (i = 0; i < t->cnt; i++) {
		if (t->rules[i].id != type)
			continue;
		if (!strcmp(t->rows[i].kind, "attach") && t->attach[i] == attach)
			return &t->rules[i];
		if (!strcmp(t->rows[i].kind, "prog"))
			prog = &t->rules[i];
	}
	return prog;
}

static const struct bpf_lockdown_rule *tier_kfunc(const struct ba_tier *t, const char *name)
{
	return t ? tier_find(t, "kfunc", name) : bpf_lockdown_kfunc_rule(name);
}

static const struct bpf_lockdown_rule *tier_cap(const struct ba_tier *t, const char *name)
{
	return t ? tier_find(t, "cap", name) : bpf_lockdown_cap_rule(name);
}

/*
 * As bpf_lockdown_iter_rule(); *@checked is false for a table without
 * "iter" lines, from a kernel that does not check iterator targets.
 */
static const struct bpf_lockdown_rule *tier_iter(const struct ba_tier *t, const char *target,
						 bool *checked)
{
	*checked = !t || t->has_iter;
	if (!t)
		return bpf_lockdown_iter_rule(target);
	return t->has_iter ? tier_find(t, "iter", target) : NULL;
}

/* as bpf_lockdown_map_rule(): NULL for a type the table does not list */
static const struct bpf_lockdown_rule *tier_map(const struct ba_tier *t, __u32 type)
{
	if (!t)
		return bpf_lockdown_map_rule(type);
	return type < t->map_cnt ? t->map[type] : NULL;
}

static struct ba_block *block(struct ba_verdict *v, enum ba_block_kind kind,
			      const char *name, int id, const struct bpf_lockdown_rule *rule,
			      const char *why)
{
	struct ba_block *b;

	if (v->cnt == BA_MAX_BLOCKS)
		return NULL;
	b = &v->block[v->cnt++];
	b->kind = kind;
	b->name = name;
	b->id = id;
	b->class = rule ? rule->class : BPF_LOCKDOWN_CLASS_UNCLASSIFIED;
	b->why = why;
	b->inner = false;
	return b;
}

static bool blocked_helper(const struct ba_verdict *v, int id)
{
	unsigned int i;

	for (i = 0; i < v->cnt; i++)
		if (v->block[i].kind == BA_BLOCK_HELPER && v->block[i].id == id)
			return true;
	return false;
}

static bool allows(const struct bpf_lockdown_rule *rule, unsigned int level)
{
	return rule && bpf_lockdown_verdict_at(rule, level) == BPF_LOCKDOWN_ALLOW;
}

/*
 * An iterator's target, as the kernel finds it: the name of its attach
 * function bpf_iter_<target>, recorded from the section iter/<target> or
 * iter.s/<target>. NULL when there is none (the verifier refuses it).
 */
static const char *iter_target(const struct bpf_annotate_prog *prog)
{
	static const char *const secs[] = { "iter/", "iter.s/" };
	size_t i, n;

	if (prog->attach_name && !strncmp(prog->attach_name, "bpf_iter_", 9))
		return prog->attach_name[9] ? prog->attach_name + 9 : NULL;
	for (i = 0; prog->sec_name && i < ARRAY_SIZE(secs); i++) {
		n = strlen(secs[i]);
		if (!strncmp(prog->sec_name, secs[i], n) && prog->sec_name[n])
			return prog->sec_name + n;
	}
	return NULL;
}

static const struct btf_type *btf_member_type(const struct btf *btf, const struct btf_type *t,
					      const char *name)
{
	const struct btf_member *m;
	__u16 i;

	if (!t || !btf_is_struct(t))
		return NULL;
	for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++)
		if (!strcmp(btf__name_by_offset(btf, m->name_off), name))
			return btf__type_by_id(btf, ba_btf_skip_mods(btf, m->type));
	return NULL;
}

/*
 * The type of the inner maps of the map-in-map @m, from the definition
 * libbpf reads in the object's .maps section: __array(values, struct {
 * __uint(type, ...); ... }). 0 when the object declares none (the loader
 * then supplies an inner map of its own at run time).
 */
static __u32 inner_map_type(const struct bpf_annotate_obj *obj, const struct bpf_annotate_map *m)
{
	const struct btf_type *t, *sec = NULL;
	const struct btf_var_secinfo *vs;
	struct btf *btf;
	__u32 i, n, type = 0;

	if (!obj->btf)
		return 0;
	btf = btf__new(obj->btf, obj->btf_size);
	if (!btf)
		return 0;
	n = btf__type_cnt(btf);
	for (i = 1; i < n && !sec; i++) {
		t = btf__type_by_id(btf, i);
		if (btf_is_datasec(t) && !strcmp(btf__name_by_offset(btf, t->name_off), ".maps"))
			sec = t;
	}
	for (i = 0, vs = sec ? btf_var_secinfos(sec) : NULL; sec && i < btf_vlen(sec); i++, vs++) {
		t = btf__type_by_id(btf, vs->type);
		if (!t || strcmp(btf__name_by_offset(btf, t->name_off), m->name))
			continue;
		/* the outer definition's values: a zero-sized array of pointers */
		t = btf__type_by_id(btf, ba_btf_skip_mods(btf, t->type));
		t = btf_member_type(btf, t, "values");
		if (!t || !btf_is_array(t))
			break;
		t = btf__type_by_id(btf, ba_btf_skip_mods(btf, btf_array(t)->type));
		if (!t || !btf_is_ptr(t))
			break;
		/* the inner definition's type: a pointer to an array of that size */
		t = btf__type_by_id(btf, ba_btf_skip_mods(btf, t->type));
		t = btf_member_type(btf, t, "type");
		if (t && btf_is_ptr(t))
			t = btf__type_by_id(btf, t->type);
		if (t && btf_is_array(t))
			type = btf_array(t)->nelems;
		break;
	}
	btf__free(btf);
	return type;
}

static bool is_map_in_map(__u32 type)
{
	return type == BPF_MAP_TYPE_ARRAY_OF_MAPS || type == BPF_MAP_TYPE_HASH_OF_MAPS;
}

static bool blocked_map(const struct ba_verdict *v, const char *name, unsigned int *cnt)
{
	unsigned int i;

	*cnt = 0;
	for (i = 0; i < v->cnt; i++) {
		if (v->block[i].kind != BA_BLOCK_MAP)
			continue;
		if (v->block[i].name == name)
			return true;
		(*cnt)++;
	}
	return false;
}

/*
 * As the kernel's bpf_lockdown_check_maps(): each map the program uses
 * (references with ld_imm64), in the order of its first use, by its type,
 * and a map-in-map whose type is allowed by the type of its inner maps.
 */
static void check_maps(const struct ba_tier *tier, const struct bpf_annotate_obj *obj,
		       const struct bpf_annotate_prog *prog, unsigned int level,
		       struct ba_verdict *v)
{
	const struct bpf_lockdown_rule *rule;
	const struct bpf_annotate_map *m;
	struct ba_block *b;
	unsigned int cnt;
	__u32 *idx, type;
	bool inner;
	int i, n;

	/* each map once, in order of first use */
	idx = calloc(obj->map_cnt + 1, sizeof(*idx));
	n = idx ? ba_prog_maps(obj, prog, false, idx, obj->map_cnt) : 0;
	for (i = 0; i < n; i++) {
		m = &obj->maps[idx[i]];
		if (!m->type || blocked_map(v, m->name, &cnt) || cnt >= BA_MAX_MAP_BLOCKS)
			continue;
		type = m->type;
		rule = tier_map(tier, type);
		inner = false;
		if (allows(rule, level) && is_map_in_map(type)) {
			type = inner_map_type(obj, m);
			rule = type ? tier_map(tier, type) : NULL;
			inner = true;
		}
		if (!rule || allows(rule, level))
			continue;
		b = block(v, BA_BLOCK_MAP, m->name, type, rule, rule->name);
		if (b)
			b->inner = inner;
	}
	free(idx);
}

/**
 * ba_tier_verdict() - what the unsigned tier refuses of a program
 * @tier: the table, or NULL for the one built in
 * @obj: the recorded object (its maps)
 * @prog: one of its programs
 * @needs: what its code uses, from ba_needs()
 * @level: &enum bpf_lockdown_level
 * @v: filled with every refused item, in the kernel's order
 *
 * Mirrors the kernel's checks of unsigned programs (enforce.c): a program
 * type or kfunc the tier does not list is refused as unclassified, as is
 * the target of an allowed iterator program when the tier lists iterator
 * targets but not this one; a capability or map type it does not list is
 * not checked; a stack helper allowed only for user stacks is refused when
 * the inference finds a kernel stack (see "Inference" in
 * Documentation/bpf-annotate.rst); a helper allowed as its user-memory
 * form is allowed. A map-in-map is judged by the type of
 * its inner maps too when the object declares them (libbpf's
 * __array(values, ...)); otherwise only by its own type.
 */
void ba_tier_verdict(const struct ba_tier *tier, const struct bpf_annotate_obj *obj,
		     const struct bpf_annotate_prog *prog, const struct ba_needs *needs,
		     unsigned int level, struct ba_verdict *v)
{
	const struct bpf_lockdown_rule *rule;
	const struct bpf_insn *in;
	const char *name;
	bool kstack = needs->grant.caps & BPF_LOCKDOWN_CAP_KERNEL_STACK;
	bool checked;
	__u32 i;
	int verdict;

	v->cnt = 0;
	rule = tier_prog(tier, prog->type, prog->expected_attach_type);
	if (!allows(rule, level)) {
		block(v, BA_BLOCK_PROG, rule ? rule->name : NULL, prog->type, rule, NULL);
	} else if (prog->type == BPF_PROG_TYPE_TRACING &&
		   prog->expected_attach_type == BPF_TRACE_ITER) {
		name = iter_target(prog);
		rule = name ? tier_iter(tier, name, &checked) : NULL;
		if (name && checked && !allows(rule, level))
			block(v, BA_BLOCK_ITER, name, -1, rule, NULL);
	}
	for (i = 0; i < needs->grant.kfunc_cnt; i++) {
		name = needs->grant.kfuncs[i];
		rule = tier_kfunc(tier, name);
		if (!allows(rule, level))
			block(v, BA_BLOCK_KFUNC, name, -1, rule, NULL);
	}
	for (i = 0; i < prog->insn_cnt; i++) {
		in = &prog->insns[i];
		if (in->code == BPF_LOCKDOWN_LD_IMM64) {
			i++;
			continue;
		}
		if (in->code != BPF_LOCKDOWN_CALL || in->src_reg || blocked_helper(v, in->imm))
			continue;
		rule = tier_helper(tier, in->imm);
		verdict = rule ? bpf_lockdown_verdict_at(rule, level) : BPF_LOCKDOWN_DENY;
		/* user-memory: the kernel gives the helper's user-memory form */
		if (verdict == BPF_LOCKDOWN_ALLOW || verdict == BPF_LOCKDOWN_USER_MEMORY ||
		    (verdict == BPF_LOCKDOWN_USER_STACK && !kstack))
			continue;
		block(v, BA_BLOCK_HELPER, rule ? rule->name : NULL, in->imm, rule,
		      verdict == BPF_LOCKDOWN_USER_STACK ? "for a kernel stack" : NULL);
	}
	check_maps(tier, obj, prog, level, v);
	for (i = 0; i < BA_CAP_NR; i++) {
		if (!(needs->grant.caps & ba_caps[i].bit) || !ba_caps[i].tier_name)
			continue;
		rule = tier_cap(tier, ba_caps[i].tier_name);
		if (rule && !allows(rule, level))
			block(v, BA_BLOCK_CAP, ba_caps[i].tier_name, -1, rule,
			      needs->cap_why[__builtin_ctz(ba_caps[i].bit)]);
	}
}

/**
 * ba_tier_verdicts() - a program's needs and its verdicts at both levels
 * @tier: the table, or NULL for the one built in
 * @obj: the recorded object (its maps, and for messages)
 * @prog: one of its programs
 * @needs: filled by ba_needs(), the inference seal uses
 * @v: filled with the verdicts at integrity ([0]) and confidentiality ([1])
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Return: 0, or -E2BIG when the program calls more kfuncs than an
 * annotation holds.
 */
int ba_tier_verdicts(const struct ba_tier *tier, const struct bpf_annotate_obj *obj,
		     const struct bpf_annotate_prog *prog, struct ba_needs *needs,
		     struct ba_verdict v[BA_TIER_LEVELS], char *err, size_t err_size)
{
	unsigned int l;

	if (ba_needs(obj, prog, needs))
		return ba_fail(err, err_size, -E2BIG, "%s: program %s: calls more than %u kfuncs",
			       obj->name, prog->name, BA_MAX_KFUNCS);
	for (l = 0; l < BA_TIER_LEVELS; l++)
		ba_tier_verdict(tier, obj, prog, needs, BA_TIER_LEVEL(l), &v[l]);
	return 0;
}

/**
 * ba_block_kind_name() - name of a block kind, as JSON output shows it
 * @kind: &enum ba_block_kind
 *
 * Return: "program", "kfunc", "helper", "capability", "iterator" or "map".
 */
const char *ba_block_kind_name(enum ba_block_kind kind)
{
	static const char *const names[] = {
		[BA_BLOCK_PROG] = "program", [BA_BLOCK_KFUNC] = "kfunc",
		[BA_BLOCK_HELPER] = "helper", [BA_BLOCK_CAP] = "capability",
		[BA_BLOCK_ITER] = "iterator", [BA_BLOCK_MAP] = "map",
	};

	return (unsigned int)kind < ARRAY_SIZE(names) ? names[kind] : "?";
}

/**
 * ba_block_same() - whether two blocks name the same item
 * @a: a block
 * @b: another block
 *
 * Return: true for the same kind, ID and name (for maps: the same map
 * name, the same type, both of the map or both of its inner maps).
 */
bool ba_block_same(const struct ba_block *a, const struct ba_block *b)
{
	if (a->kind != b->kind || a->id != b->id || a->inner != b->inner)
		return false;
	if (!a->name || !b->name)
		return a->name == b->name;
	return !strcmp(a->name, b->name);
}

/**
 * ba_block_format() - one blocked item in words
 * @b: the block
 * @buf: output ("calls bpf_send_signal#109 (signals)", "iterator over
 *	task (observe)", "uses map socks of type sockmap (controls-network)")
 * @size: size of @buf
 *
 * Return: the length snprintf() returns.
 */
int ba_block_format(const struct ba_block *b, char *buf, size_t size)
{
	const char *cls = bpf_lockdown_class_name(b->class);

	switch (b->kind) {
	case BA_BLOCK_PROG:
		if (!b->name)
			return snprintf(buf, size, "program type #%d (%s)", b->id, cls);
		return snprintf(buf, size, "program type %s (%s)", b->name, cls);
	case BA_BLOCK_KFUNC:
		return snprintf(buf, size, "calls kfunc %s (%s)", b->name, cls);
	case BA_BLOCK_HELPER:
		if (!b->name)
			return snprintf(buf, size, "calls unknown helper #%d (%s)", b->id, cls);
		return snprintf(buf, size, "calls bpf_%s#%d%s%s (%s)", b->name, b->id,
				b->why ? " " : "", b->why ? b->why : "", cls);
	case BA_BLOCK_CAP:
		return snprintf(buf, size, "needs %s for %s (%s)", b->name,
				b->why ? b->why : "its code", cls);
	case BA_BLOCK_ITER:
		return snprintf(buf, size, "iterator over %s (%s)", b->name, cls);
	case BA_BLOCK_MAP:
		return snprintf(buf, size, "uses map %s %s type %s (%s)", b->name,
				b->inner ? "with inner maps of" : "of", b->why ? b->why : "?",
				cls);
	}
	return snprintf(buf, size, "?");
}
