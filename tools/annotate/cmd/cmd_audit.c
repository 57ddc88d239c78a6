// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the audit command: what runs unsigned over many objects */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/elf-em.h>

#include "common.h"
#include "infer_attach.h"
#include "main.h"
#include "record.h"
#include "buf.h"
#include "tier_file.h"

#define AUDIT_USAGE "audit [--tier FILE] [--kernel-reads] PATH..."

/* one refused item of a program, and the levels (bit per level) it blocks */
struct audit_block {
	struct ba_block b;
	unsigned int levels;
	unsigned int progs[BA_TIER_LEVELS];	/* in the totals: programs it blocks */
};

struct audit_prog {
	char *name;
	char *section;
	const char *type;
	struct ba_attach_view attach;	/* its points and note are owned copies */
	bool runs[BA_TIER_LEVELS];
	struct audit_block *blocks;
	unsigned int block_cnt;
};

struct audit_obj {
	char *path;
	char *error;
	char *unsealable;	/* why seal refuses it, or NULL */
	struct audit_prog *progs;
	__u32 prog_cnt;
};

struct audit {
	const struct ba_opts *opts;
	const struct ba_tier *tier;
	struct ba_verdict *v;
	struct ba_attach *att;
	bool kernel_reads;	/* --kernel-reads: the binding of seal --kernel-reads */
	struct audit_obj *objs;
	size_t obj_cnt, obj_cap;
	struct audit_block *totals;
	size_t total_cnt, total_cap;
	bool nomem;
};

static void *grow(void *p, size_t *cap, size_t cnt, size_t size)
{
	size_t n;

	if (cnt < *cap)
		return p;
	n = *cap ? *cap * 2 : 64;
	p = realloc(p, n * size);
	if (p)
		*cap = n;
	return p;
}

static struct audit_obj *add_obj(struct audit *a, const char *path)
{
	struct audit_obj *o;

	o = grow(a->objs, &a->obj_cap, a->obj_cnt, sizeof(*o));
	if (!o)
		return NULL;
	a->objs = o;
	o = &a->objs[a->obj_cnt];
	memset(o, 0, sizeof(*o));
	o->path = strdup(path);
	if (!o->path)
		return NULL;
	a->obj_cnt++;
	return o;
}

static void add_error(struct audit *a, const char *path, const char *msg)
{
	struct audit_obj *o = add_obj(a, path);

	ba_error("%s", msg);
	if (o)
		o->error = strdup(msg);
	if (!o || !o->error)
		a->nomem = true;
}

/* copy a block: its name may point into the object, freed after it */
static int copy_block(struct audit_block *dst, const struct ba_block *b, unsigned int levels)
{
	memset(dst, 0, sizeof(*dst));
	dst->b = *b;
	dst->levels = levels;
	if (b->name)
		dst->b.name = strdup(b->name);
	return b->name && !dst->b.name ? -ENOMEM : 0;
}

static struct audit_block *find_block(struct audit_block *blocks, size_t cnt,
				      const struct ba_block *b)
{
	size_t i;

	for (i = 0; i < cnt; i++)
		if (ba_block_same(&blocks[i].b, b))
			return &blocks[i];
	return NULL;
}

static int add_total(struct audit *a, const struct audit_block *pb)
{
	struct audit_block *t = find_block(a->totals, a->total_cnt, &pb->b);
	unsigned int l;

	if (!t) {
		t = grow(a->totals, &a->total_cap, a->total_cnt, sizeof(*t));
		if (!t)
			return -ENOMEM;
		a->totals = t;
		t = &a->totals[a->total_cnt];
		if (copy_block(t, &pb->b, 0))
			return -ENOMEM;
		a->total_cnt++;
	}
	for (l = 0; l < BA_TIER_LEVELS; l++)
		if (pb->levels & (1U << l))
			t->progs[l]++;
	return 0;
}

static int audit_prog(struct audit *a, const struct bpf_annotate_obj *obj, __u32 i,
		      struct audit_prog *ap, char *err, size_t err_size)
{
	const struct bpf_annotate_prog *p = &obj->progs[i];
	struct audit_block *ab;
	struct ba_needs needs;
	unsigned int l, k, n = 0;
	int ret;

	ret = ba_tier_verdicts(a->tier, obj, p, &needs, a->v, err, err_size);
	if (ret)
		return ret;
	ap->name = strdup(p->name);
	ap->section = strdup(p->sec_name);
	ap->type = ba_prog_type_name(p);
	ba_attach_infer(p, a->att);
	ba_attach_view_infer(&ap->attach, a->att, &needs, a->kernel_reads);
	for (k = 0; k < ap->attach.point_cnt; k++) {
		ap->attach.points[k] = strdup(ap->attach.points[k]);
		if (!ap->attach.points[k]) {
			ap->attach.point_cnt = k;
			return -ENOMEM;
		}
	}
	if (ap->attach.note) {
		ap->attach.note = strdup(ap->attach.note);
		if (!ap->attach.note)
			return -ENOMEM;
	}
	ap->blocks = calloc(a->v[0].cnt + a->v[1].cnt + 1, sizeof(*ap->blocks));
	if (!ap->name || !ap->section || !ap->blocks)
		return -ENOMEM;
	for (l = 0; l < BA_TIER_LEVELS; l++) {
		ap->runs[l] = !a->v[l].cnt;
		for (k = 0; k < a->v[l].cnt; k++) {
			ab = find_block(ap->blocks, n, &a->v[l].block[k]);
			if (ab) {
				ab->levels |= 1U << l;
				continue;
			}
			if (copy_block(&ap->blocks[n], &a->v[l].block[k], 1U << l))
				return -ENOMEM;
			ap->block_cnt = ++n;
		}
	}
	for (k = 0; k < n; k++)
		if (add_total(a, &ap->blocks[k]))
			return -ENOMEM;
	return 0;
}

static void audit_object(struct audit *a, const char *path)
{
	char err[1024], unsealable[512];
	struct bpf_annotate_obj *obj;
	struct audit_obj *o;
	int ret;
	__u32 i;

	ret = ba_inspect(path, &obj, unsealable, sizeof(unsealable), err, sizeof(err));
	if (ret) {
		add_error(a, path, err);
		return;
	}
	o = add_obj(a, path);
	if (o)
		o->progs = calloc(obj->prog_cnt + 1, sizeof(*o->progs));
	if (o && unsealable[0])
		o->unsealable = strdup(unsealable);
	if (!o || !o->progs || (unsealable[0] && !o->unsealable)) {
		a->nomem = true;
		bpf_annotate_free(obj);
		return;
	}
	for (i = 0; i < obj->prog_cnt; i++) {
		ret = audit_prog(a, obj, i, &o->progs[i], err, sizeof(err));
		o->prog_cnt = i + 1;
		if (ret == -ENOMEM) {
			a->nomem = true;
			break;
		}
		if (ret) {
			ba_error("%s", err);
			o->error = strdup(err);
			break;
		}
	}
	bpf_annotate_free(obj);
}

/* in a directory: *.o files, and any other file that is a BPF ELF object */
static bool is_candidate(const char *path, const char *name)
{
	unsigned char h[20];
	size_t len = strlen(name);
	ssize_t n;
	int fd;

	if (len > 2 && !strcmp(name + len - 2, ".o"))
		return true;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, h, sizeof(h));
	close(fd);
	return n == sizeof(h) && !memcmp(h, "\177ELF", 4) && h[5] == 1 &&
	       ba_get_le16(h + 18) == EM_BPF;
}

static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* depth first, entries in byte order: the same tree gives the same report */
static void walk(struct audit *a, const char *dir)
{
	char **names = NULL, **nn, *path, msg[1024];
	size_t cnt = 0, cap = 0, i;
	struct dirent *de;
	struct stat st, lst;
	DIR *d;

	d = opendir(dir);
	if (!d) {
		snprintf(msg, sizeof(msg), "%s: %s", dir, strerror(errno));
		add_error(a, dir, msg);
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		nn = grow(names, &cap, cnt, sizeof(*names));
		if (!nn) {
			a->nomem = true;
			break;
		}
		names = nn;
		names[cnt] = strdup(de->d_name);
		if (!names[cnt]) {
			a->nomem = true;
			break;
		}
		cnt++;
	}
	closedir(d);
	qsort(names, cnt, sizeof(*names), cmp_name);
	for (i = 0; i < cnt; i++) {
		path = malloc(strlen(dir) + strlen(names[i]) + 2);
		if (!path) {
			a->nomem = true;
			break;
		}
		sprintf(path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		/* symbolic links to directories are not followed: no loops */
		if (!lstat(path, &lst) && !stat(path, &st)) {
			if (S_ISDIR(st.st_mode) && !S_ISLNK(lst.st_mode))
				walk(a, path);
			else if (S_ISREG(st.st_mode) && is_candidate(path, names[i]))
				audit_object(a, path);
		}
		free(path);
	}
	for (i = 0; i < cnt; i++)
		free(names[i]);
	free(names);
}

static void audit_path(struct audit *a, const char *path)
{
	char msg[1024];
	struct stat st;

	if (stat(path, &st)) {
		snprintf(msg, sizeof(msg), "%s: %s", path, strerror(errno));
		add_error(a, path, msg);
	} else if (S_ISDIR(st.st_mode)) {
		walk(a, path);
	} else {
		audit_object(a, path);
	}
}

struct audit_sums {
	size_t objects, unreadable, unsealable, progs, runs[BA_TIER_LEVELS], needs_sig;
	size_t needs_sig_unsealable;
};

static void sum(const struct audit *a, struct audit_sums *s)
{
	const struct audit_prog *p;
	unsigned int l;
	size_t i, j;

	memset(s, 0, sizeof(*s));
	s->objects = a->obj_cnt;
	for (i = 0; i < a->obj_cnt; i++) {
		if (a->objs[i].error)
			s->unreadable++;
		if (a->objs[i].unsealable)
			s->unsealable++;
		for (j = 0; j < a->objs[i].prog_cnt; j++) {
			p = &a->objs[i].progs[j];
			if (!p->name)
				continue;
			s->progs++;
			for (l = 0; l < BA_TIER_LEVELS; l++)
				s->runs[l] += p->runs[l];
			s->needs_sig += !p->runs[0] || !p->runs[1];
			if (a->objs[i].unsealable)
				s->needs_sig_unsealable += !p->runs[0] || !p->runs[1];
		}
	}
}

static const char *level_name(unsigned int l)
{
	return bpf_lockdown_level_name(BA_TIER_LEVEL(l));
}

/* the blockers, most programs first, then by kind and name */
static int cmp_total(const void *x, const void *y)
{
	const struct audit_block *a = x, *b = y;
	unsigned int na = a->progs[0] + a->progs[1], nb = b->progs[0] + b->progs[1];

	if (na != nb)
		return na > nb ? -1 : 1;
	if (a->b.kind != b->b.kind)
		return a->b.kind < b->b.kind ? -1 : 1;
	if (a->b.id != b->b.id)
		return a->b.id < b->b.id ? -1 : 1;
	return strcmp(a->b.name ?: "", b->b.name ?: "");
}

static void print_json(const struct audit *a, const char *tier_path)
{
	struct json_writer *w = json_wtr;
	const struct audit_obj *o;
	const struct audit_prog *p;
	struct audit_sums s;
	unsigned int l, k;
	size_t i, j;

	jsonw_start_object(w);
	jsonw_string_field(w, "tier", tier_path ?: "built-in");
	jsonw_name(w, "objects");
	jsonw_start_array(w);
	for (i = 0; i < a->obj_cnt; i++) {
		o = &a->objs[i];
		jsonw_start_object(w);
		jsonw_string_field(w, "object", o->path);
		if (o->error)
			jsonw_string_field(w, "error", o->error);
		jsonw_string_or_null_field(w, "unsealable", o->unsealable);
		jsonw_name(w, "programs");
		jsonw_start_array(w);
		for (j = 0; j < o->prog_cnt && o->progs[j].name; j++) {
			p = &o->progs[j];
			jsonw_start_object(w);
			jsonw_string_field(w, "name", p->name);
			jsonw_string_field(w, "section", p->section);
			jsonw_string_field(w, "prog_type", p->type);
			jsonw_name(w, "unsigned");
			jsonw_start_object(w);
			for (l = 0; l < BA_TIER_LEVELS; l++)
				jsonw_bool_field(w, level_name(l), p->runs[l]);
			jsonw_end_object(w);
			jsonw_bool_field(w, "needs_signature", !(p->runs[0] && p->runs[1]));
			jsonw_name(w, "blocked_by");
			jsonw_start_object(w);
			for (l = 0; l < BA_TIER_LEVELS; l++) {
				jsonw_name(w, level_name(l));
				jsonw_start_array(w);
				for (k = 0; k < p->block_cnt; k++)
					if (p->blocks[k].levels & (1U << l))
						ba_print_block_json(&p->blocks[k].b);
				jsonw_end_array(w);
			}
			jsonw_end_object(w);
			jsonw_name(w, "attach");
			ba_attach_json(&p->attach);
			jsonw_end_object(w);
		}
		jsonw_end_array(w);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
	jsonw_name(w, "blockers");
	jsonw_start_array(w);
	for (i = 0; i < a->total_cnt; i++) {
		jsonw_start_object(w);
		jsonw_name(w, "item");
		ba_print_block_json(&a->totals[i].b);
		jsonw_name(w, "programs");
		jsonw_start_object(w);
		for (l = 0; l < BA_TIER_LEVELS; l++)
			jsonw_uint_field(w, level_name(l), a->totals[i].progs[l]);
		jsonw_end_object(w);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
	sum(a, &s);
	jsonw_name(w, "totals");
	jsonw_start_object(w);
	jsonw_uint_field(w, "objects", s.objects);
	jsonw_uint_field(w, "unreadable", s.unreadable);
	jsonw_uint_field(w, "unsealable", s.unsealable);
	jsonw_uint_field(w, "programs", s.progs);
	jsonw_uint_field(w, "unsigned_integrity", s.runs[0]);
	jsonw_uint_field(w, "unsigned_confidentiality", s.runs[1]);
	jsonw_uint_field(w, "needs_signature", s.needs_sig);
	jsonw_uint_field(w, "needs_signature_unsealable", s.needs_sig_unsealable);
	jsonw_end_object(w);
	jsonw_end_object(w);
	jsonw_end(w);
}

static void forced_by(const struct audit_prog *p, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int k;

	buf[0] = '\0';
	for (k = 0; k < p->block_cnt && len < size; k++) {
		if (k)
			len += snprintf(buf + len, size - len, ", ");
		if (len < size)
			len += ba_block_format(&p->blocks[k].b, buf + len, size - len);
	}
	if (!p->block_cnt)
		snprintf(buf, size, "-");
}

/* "KINDS (LEVELS) at POINT...": where seal would bind the program */
static void attach_text(const struct audit_prog *p, char *buf, size_t size)
{
	size_t len = ba_attach_levels_text(&p->attach, buf, size);
	__u32 i;

	for (i = 0; i < p->attach.point_cnt && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%s", i ? " " : " at ",
				p->attach.points[i]);
}

static void print_text(const struct audit *a)
{
	int wo = strlen("OBJECT"), wp = strlen("PROGRAM"), wt = strlen("TYPE");
	int wa = strlen("ATTACH");
	const struct audit_obj *o;
	const struct audit_prog *p;
	struct audit_sums s;
	char why[2048], at[1024];
	size_t i, j;

	for (i = 0; i < a->obj_cnt; i++) {
		o = &a->objs[i];
		for (j = 0; j < o->prog_cnt && o->progs[j].name; j++) {
			p = &o->progs[j];
			wo = (int)strlen(o->path) > wo ? (int)strlen(o->path) : wo;
			wp = (int)strlen(p->name) > wp ? (int)strlen(p->name) : wp;
			wt = (int)strlen(p->type) > wt ? (int)strlen(p->type) : wt;
			attach_text(p, at, sizeof(at));
			wa = (int)strlen(at) > wa ? (int)strlen(at) : wa;
		}
	}
	printf("%-*s  %-*s  %-*s  %-9s  %-15s  %-*s  %s\n", wo, "OBJECT", wp, "PROGRAM", wt,
	       "TYPE", "INTEGRITY", "CONFIDENTIALITY", wa, "ATTACH", "FORCED BY");
	for (i = 0; i < a->obj_cnt; i++) {
		o = &a->objs[i];
		for (j = 0; j < o->prog_cnt && o->progs[j].name; j++) {
			p = &o->progs[j];
			forced_by(p, why, sizeof(why));
			attach_text(p, at, sizeof(at));
			printf("%-*s  %-*s  %-*s  %-9s  %-15s  %-*s  %s\n", wo, o->path, wp,
			       p->name, wt, p->type, p->runs[0] ? "unsigned" : "signature",
			       p->runs[1] ? "unsigned" : "signature", wa, at, why);
		}
	}
	sum(a, &s);
	if (s.unreadable) {
		printf("\ncould not read:\n");
		for (i = 0; i < a->obj_cnt; i++)
			if (a->objs[i].error)
				printf("  %s\n", a->objs[i].error);
	}
	if (s.unsealable) {
		printf("\ncannot be sealed (their programs cannot be signed):\n");
		for (i = 0; i < a->obj_cnt; i++)
			if (a->objs[i].unsealable)
				printf("  %s: %s\n", a->objs[i].path, a->objs[i].unsealable);
	}
	if (a->total_cnt) {
		printf("\nblocked by (programs at integrity, at confidentiality):\n");
		for (i = 0; i < a->total_cnt; i++) {
			ba_block_format(&a->totals[i].b, why, sizeof(why));
			printf("  %5u %5u  %s\n", a->totals[i].progs[0], a->totals[i].progs[1],
			       why);
		}
	}
	printf("\ntotals:\n"
	       "  objects:                          %zu\n"
	       "  objects that could not be read:   %zu\n"
	       "  objects that cannot be sealed:    %zu\n"
	       "  programs:                         %zu\n"
	       "  run unsigned at integrity:        %zu\n"
	       "  run unsigned at confidentiality:  %zu\n"
	       "  need a signature:                 %zu\n"
	       "    of which cannot be sealed:      %zu\n",
	       s.objects, s.unreadable, s.unsealable, s.progs, s.runs[0], s.runs[1],
	       s.needs_sig, s.needs_sig_unsealable);
}

static void audit_free(struct audit *a)
{
	struct audit_obj *o;
	size_t i, j, k;

	for (i = 0; i < a->obj_cnt; i++) {
		o = &a->objs[i];
		for (j = 0; j < o->prog_cnt; j++) {
			for (k = 0; k < o->progs[j].block_cnt; k++)
				free((char *)o->progs[j].blocks[k].b.name);
			free(o->progs[j].blocks);
			for (k = 0; k < o->progs[j].attach.point_cnt; k++)
				free((char *)o->progs[j].attach.points[k]);
			free((char *)o->progs[j].attach.note);
			free(o->progs[j].name);
			free(o->progs[j].section);
		}
		free(o->progs);
		free(o->path);
		free(o->error);
		free(o->unsealable);
	}
	for (i = 0; i < a->total_cnt; i++)
		free((char *)a->totals[i].b.name);
	free(a->objs);
	free(a->totals);
	free(a->v);
	free(a->att);
}

/**
 * ba_cmd_audit() - audit PATH...: what runs unsigned, and what needs a signature
 * @gopts: global options; -j (--json) may also follow the command
 * @argc: number of arguments
 * @argv: the arguments
 *
 * Return: 0; 1 when an object or directory could not be read (the report
 * is complete for the others) or --tier FILE is unreadable; 2 for a usage
 * error.
 */
int ba_cmd_audit(const struct ba_opts *gopts, int argc, char **argv)
{
	struct ba_tier_cmd tc;
	struct audit a = { .opts = &tc.opts };
	struct audit_sums s;
	int i, ret;

	ret = ba_tier_cmd_start(gopts, argc, argv, AUDIT_USAGE, &tc);
	if (ret >= 0)
		return ret;
	a.tier = tc.tier;
	a.kernel_reads = tc.kernel_reads;
	a.v = calloc(BA_TIER_LEVELS, sizeof(*a.v));
	a.att = malloc(sizeof(*a.att));
	if (!a.v || !a.att) {
		free(a.att);
		ba_tier_free(tc.tier);
		return ba_error("out of memory");
	}
	for (i = 0; i < tc.nargs && !a.nomem; i++)
		audit_path(&a, tc.args[i]);
	if (a.nomem) {
		audit_free(&a);
		ba_tier_free(tc.tier);
		return ba_error("out of memory");
	}
	qsort(a.totals, a.total_cnt, sizeof(*a.totals), cmp_total);
	if (tc.opts.json)
		print_json(&a, tc.tier_path);
	else
		print_text(&a);
	sum(&a, &s);
	audit_free(&a);
	ba_tier_free(tc.tier);
	return s.unreadable ? 1 : 0;
}
