// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - record what libbpf would load, without loading it */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <bpf/bpf_gen_internal.h>

#include "annot.h"
#include "btf_util.h"
#include "elfio.h"
#include "kconfig.h"
#include "util.h"
#include "record.h"

/* libbpf's own prefix rules for BTF attach targets (libbpf.c) */
void btf_get_kernel_prefix_kind(enum bpf_attach_type attach_type,
				const char **prefix, int *kind);

/*
 * The recorder: libbpf hands the bpf_gen__*() callbacks its struct bpf_gen,
 * whose opts pointer is the gen_loader_opts we passed to
 * bpf_object__gen_loader(). The recorder embeds those opts and is found
 * from them. Externs, CO-RE records and the attach target are recorded by
 * libbpf just before the bpf_gen__prog_load() of the program they belong
 * to, and are pending until then.
 */
struct recorder {
	struct gen_loader_opts opts;
	struct bpf_object *bobj;
	struct bpf_annotate_obj *obj;
	const char *name;
	__u32 *map_max_entries;		/* before libbpf sized perf event arrays */
	__u32 map_alloc;
	struct bpf_annotate_extern *ext;
	__u32 ext_cnt;
	struct bpf_core_relo *relos;
	__u32 relo_cnt;
	char attach[128];
	int attach_kind;
	char typeless[128];
	bool inspect;			/* BA_RECORD_INSPECT */
	char note[512];			/* inspect: the first reason seal refuses */
	struct {			/* programs libbpf cannot prepare offline */
		const struct bpf_program *prog;
		__u32 type;		/* their real type */
	} *retyped;
	__u32 retyped_cnt;
	char *kconfig_opt;		/* a value for each CONFIG_ extern */
	int error;
	char msg[512];
	char libbpf_msg[512];
};

static __thread struct recorder *current_recorder;

static struct recorder *rec_of(struct bpf_gen *gen)
{
	return (struct recorder *)gen->opts;
}

__attribute__((format(printf, 3, 4)))
static void rec_fail(struct recorder *r, int ret, const char *fmt, ...)
{
	va_list ap;

	if (r->error)
		return;
	r->error = ret;
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
}

/* what cannot be signed: an error when sealing, a note when inspecting */
__attribute__((format(printf, 2, 3)))
static void rec_unsealable(struct recorder *r, const char *fmt, ...)
{
	va_list ap;

	if (r->error || (r->inspect && r->note[0]))
		return;
	va_start(ap, fmt);
	if (r->inspect)
		vsnprintf(r->note, sizeof(r->note), fmt, ap);
	else
		vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	if (!r->inspect)
		r->error = -EOPNOTSUPP;
}

static int capture_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	struct recorder *r = current_recorder;
	size_t n;

	if (level != LIBBPF_WARN || !r || r->libbpf_msg[0])
		return 0;
	vsnprintf(r->libbpf_msg, sizeof(r->libbpf_msg), fmt, ap);
	n = strlen(r->libbpf_msg);
	while (n && r->libbpf_msg[n - 1] == '\n')
		r->libbpf_msg[--n] = '\0';
	return 0;
}

/**
 * bpf_gen__init() - start recording an object
 * @gen: libbpf's generator state; its opts lead to the recorder
 * @log_level: unused
 * @nr_progs: number of programs, subprograms included (an upper bound)
 * @nr_maps: number of maps, the range of libbpf's map indices
 */
void bpf_gen__init(struct bpf_gen *gen, int log_level, int nr_progs, int nr_maps)
{
	struct recorder *r = rec_of(gen);

	r->obj->maps = calloc(nr_maps ? nr_maps : 1, sizeof(*r->obj->maps));
	r->obj->progs = calloc(nr_progs ? nr_progs : 1, sizeof(*r->obj->progs));
	if (!r->obj->maps || !r->obj->progs) {
		rec_fail(r, -ENOMEM, "%s: out of memory", r->name);
		return;
	}
	r->obj->map_cnt = nr_maps;
}

/**
 * bpf_gen__finish() - end of the load
 * @gen: generator state
 * @nr_progs: unused
 * @nr_maps: unused
 *
 * Return: 0, or the first error a callback recorded, which
 * bpf_object__load() then returns.
 */
int bpf_gen__finish(struct bpf_gen *gen, int nr_progs, int nr_maps)
{
	return rec_of(gen)->error;
}

/**
 * bpf_gen__free() - free what is still pending, and @gen itself
 * @gen: generator state, allocated by bpf_object__gen_loader(), or NULL
 */
void bpf_gen__free(struct bpf_gen *gen)
{
	struct recorder *r;
	__u32 i;

	if (!gen)
		return;
	r = rec_of(gen);
	for (i = 0; i < r->ext_cnt; i++)
		free(r->ext[i].name);
	free(r->ext);
	free(r->relos);
	r->ext = NULL;
	r->relos = NULL;
	r->ext_cnt = r->relo_cnt = 0;
	free(gen);
}

/**
 * bpf_gen__load_btf() - record the BTF blob libbpf would load
 * @gen: generator state
 * @raw_data: the final BTF
 * @raw_size: its size
 */
void bpf_gen__load_btf(struct bpf_gen *gen, const void *raw_data, __u32 raw_size)
{
	struct recorder *r = rec_of(gen);

	free(r->obj->btf);
	r->obj->btf = ba_memdup(raw_data, raw_size);
	r->obj->btf_size = raw_size;
	if (raw_size && !r->obj->btf)
		rec_fail(r, -ENOMEM, "%s: out of memory", r->name);
}

/**
 * bpf_gen__map_create() - record a BPF_MAP_CREATE
 * @gen: generator state
 * @map_type: map type
 * @map_name: name passed to the kernel
 * @key_size: key size
 * @value_size: value size
 * @max_entries: maximum entries
 * @map_attr: flags, BTF type IDs, map_extra
 * @map_idx: libbpf's map index, the fd_array index; -1 for an inner map
 */
void bpf_gen__map_create(struct bpf_gen *gen, enum bpf_map_type map_type,
			 const char *map_name, __u32 key_size, __u32 value_size,
			 __u32 max_entries, struct bpf_map_create_opts *map_attr,
			 int map_idx)
{
	struct recorder *r = rec_of(gen);
	struct bpf_annotate_map *m;
	const char *what = NULL;

	if (map_idx >= 0 && (__u32)map_idx >= r->obj->map_cnt) {
		rec_fail(r, -EINVAL, "%s: map %s: map index out of range", r->name,
			 map_name ? map_name : "?");
		return;
	}
	if (map_idx < 0 || map_type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	    map_type == BPF_MAP_TYPE_HASH_OF_MAPS)
		what = "map-in-map is not supported";
	else if (map_type == BPF_MAP_TYPE_STRUCT_OPS)
		what = "struct_ops maps are not supported";
	else if (map_attr->map_ifindex)
		what = "device-bound maps are not supported";
	if (what)
		rec_unsealable(r, "%s: map %s: %s", r->name, map_name ? map_name : "(inner)",
			       what);
	/* inspecting, inner maps are not recorded: they have no fd_array slot */
	if (r->error || map_idx < 0)
		return;
	m = &r->obj->maps[map_idx];
	m->name = strdup(map_name ? map_name : "");
	m->type = map_type;
	m->key_size = key_size;
	m->value_size = value_size;
	m->max_entries = max_entries;
	if (map_type == BPF_MAP_TYPE_PERF_EVENT_ARRAY && (__u32)map_idx < r->map_alloc &&
	    !r->map_max_entries[map_idx])
		m->max_entries = 0;
	m->map_flags = map_attr->map_flags;
	m->btf_key_type_id = map_attr->btf_key_type_id;
	m->btf_value_type_id = map_attr->btf_value_type_id;
	m->map_extra = map_attr->map_extra;
	if (!m->name)
		rec_fail(r, -ENOMEM, "%s: out of memory", r->name);
}

/**
 * bpf_gen__map_update_elem() - record the initial contents of global data
 * @gen: generator state
 * @map_idx: map index
 * @value: contents of element 0
 * @value_size: value size
 */
void bpf_gen__map_update_elem(struct bpf_gen *gen, int map_idx, void *value,
			      __u32 value_size)
{
	struct recorder *r = rec_of(gen);
	struct bpf_annotate_map *m;

	if (map_idx < 0 || (__u32)map_idx >= r->obj->map_cnt) {
		rec_fail(r, -EINVAL, "%s: map index %d out of range", r->name, map_idx);
		return;
	}
	m = &r->obj->maps[map_idx];
	free(m->data);
	m->data = calloc(1, value_size ? value_size : 1);
	m->data_size = value_size;
	if (!m->data) {
		rec_fail(r, -ENOMEM, "%s: out of memory", r->name);
		return;
	}
	if (value)
		memcpy(m->data, value, value_size);
}

/**
 * bpf_gen__map_freeze() - record that a map is frozen after its contents
 * @gen: generator state
 * @map_idx: map index
 */
void bpf_gen__map_freeze(struct bpf_gen *gen, int map_idx)
{
	struct recorder *r = rec_of(gen);

	if (map_idx >= 0 && (__u32)map_idx < r->obj->map_cnt)
		r->obj->maps[map_idx].frozen = true;
}

/**
 * bpf_gen__populate_outer_map() - map-in-map: refused
 * @gen: generator state
 * @outer_map_idx: outer map index
 * @key: slot
 * @inner_map_idx: inner map index
 */
void bpf_gen__populate_outer_map(struct bpf_gen *gen, int outer_map_idx, int key,
				 int inner_map_idx)
{
	struct recorder *r = rec_of(gen);

	rec_unsealable(r, "%s: map %s: map-in-map is not supported", r->name,
		       (__u32)outer_map_idx < r->obj->map_cnt ?
		       r->obj->maps[outer_map_idx].name : "?");
}

/**
 * bpf_gen__record_attach_target() - the next program's BTF attach target
 * @gen: generator state
 * @name: target name from the section ("sched_process_exec")
 * @type: expected attach type, which selects libbpf's prefix and BTF kind
 */
void bpf_gen__record_attach_target(struct bpf_gen *gen, const char *name,
				   enum bpf_attach_type type)
{
	struct recorder *r = rec_of(gen);
	const char *prefix;
	int kind;

	btf_get_kernel_prefix_kind(type, &prefix, &kind);
	r->attach_kind = kind;
	if ((size_t)snprintf(r->attach, sizeof(r->attach), "%s%s", prefix, name) >=
	    sizeof(r->attach))
		rec_fail(r, -ENAMETOOLONG, "%s: attach target %s%s is too long", r->name,
			 prefix, name);
}

/**
 * bpf_gen__record_extern() - a kfunc call or ksym load of the next program
 * @gen: generator state
 * @name: BTF name
 * @is_weak: unused: a sealed program needs every name it uses
 * @is_typeless: a typeless ksym: refused
 * @is_ld64: ld_imm64 (ksym) rather than a call
 * @kind: BTF_KIND_FUNC or BTF_KIND_VAR
 * @insn_idx: instruction index in the linked program
 */
void bpf_gen__record_extern(struct bpf_gen *gen, const char *name, bool is_weak,
			    bool is_typeless, bool is_ld64, int kind, int insn_idx)
{
	struct recorder *r = rec_of(gen);
	struct bpf_annotate_extern *e;

	if (is_typeless) {
		if (!r->typeless[0])
			snprintf(r->typeless, sizeof(r->typeless), "%s", name);
		return;
	}
	e = realloc(r->ext, (r->ext_cnt + 1) * sizeof(*e));
	if (!e) {
		rec_fail(r, -ENOMEM, "%s: out of memory", r->name);
		return;
	}
	r->ext = e;
	e += r->ext_cnt;
	/* without a CO-RE flavor (bpf_task_acquire___one): the kernel's name */
	e->name = strndup(name, bpf_core_essential_name_len(name));
	e->insn_idx = insn_idx;
	e->kind = kind;
	e->is_ld64 = is_ld64;
	if (!e->name) {
		rec_fail(r, -ENOMEM, "%s: out of memory", r->name);
		return;
	}
	r->ext_cnt++;
}

/**
 * bpf_gen__record_relo_core() - a CO-RE record of the next program
 * @gen: generator state
 * @core_relo: the record, as the kernel takes it
 */
void bpf_gen__record_relo_core(struct bpf_gen *gen, const struct bpf_core_relo *core_relo)
{
	struct recorder *r = rec_of(gen);
	struct bpf_core_relo *c;

	c = realloc(r->relos, (r->relo_cnt + 1) * sizeof(*c));
	if (!c) {
		rec_fail(r, -ENOMEM, "%s: out of memory", r->name);
		return;
	}
	r->relos = c;
	c[r->relo_cnt++] = *core_relo;
}

static int cmp_extern(const void *a, const void *b)
{
	const struct bpf_annotate_extern *x = a, *y = b;

	return x->insn_idx < y->insn_idx ? -1 : x->insn_idx > y->insn_idx;
}

static void take_pending(struct recorder *r, struct bpf_annotate_prog *p)
{
	qsort(r->ext, r->ext_cnt, sizeof(*r->ext), cmp_extern);
	p->externs = r->ext;
	p->extern_cnt = r->ext_cnt;
	p->core_relos = r->relos;
	p->core_relo_cnt = r->relo_cnt;
	p->core_relo_rec_size = r->relo_cnt ? sizeof(struct bpf_core_relo) : 0;
	r->ext = NULL;
	r->relos = NULL;
	r->ext_cnt = r->relo_cnt = 0;
	if (r->attach_kind) {
		p->attach_name = strdup(r->attach);
		p->attach_btf_kind = r->attach_kind;
		if (!p->attach_name)
			rec_fail(r, -ENOMEM, "%s: out of memory", r->name);
	}
	r->attach_kind = 0;
	r->attach[0] = '\0';
}

/**
 * bpf_gen__prog_load() - record a BPF_PROG_LOAD
 * @gen: generator state
 * @prog_type: program type
 * @prog_name: full program name
 * @license: license
 * @insns: linked instructions
 * @insn_cnt: number of instructions
 * @load_attr: expected attach type, flags, func_info, line_info
 * @prog_idx: libbpf's program index
 *
 * The pending externs, CO-RE records and attach target belong to this
 * program.
 */
void bpf_gen__prog_load(struct bpf_gen *gen, enum bpf_prog_type prog_type,
			const char *prog_name, const char *license,
			struct bpf_insn *insns, size_t insn_cnt,
			struct bpf_prog_load_opts *load_attr, int prog_idx)
{
	struct recorder *r = rec_of(gen);
	struct bpf_annotate_prog *p = &r->obj->progs[r->obj->prog_cnt];
	const struct bpf_program *bp = bpf_object__find_program_by_name(r->bobj, prog_name);
	const char *target;
	__u32 i;

	if (!r->obj->progs)
		return;
	r->obj->prog_cnt++;
	p->name = strdup(prog_name);
	p->license = strdup(license ? license : "");
	p->type = prog_type;
	for (i = 0; bp && i < r->retyped_cnt; i++) {
		if (r->retyped[i].prog != bp)
			continue;
		p->type = r->retyped[i].type;
		target = strchr(bpf_program__section_name(bp), '/');
		if (p->type == BPF_PROG_TYPE_EXT && target && target[1]) {
			snprintf(r->attach, sizeof(r->attach), "%s", target + 1);
			r->attach_kind = BTF_KIND_FUNC;
		}
		break;
	}
	p->expected_attach_type = load_attr->expected_attach_type;
	p->prog_flags = load_attr->prog_flags;
	p->insns = ba_memdup(insns, insn_cnt * sizeof(*insns));
	p->insn_cnt = insn_cnt;
	if (load_attr->func_info_cnt) {
		p->func_info = ba_memdup(load_attr->func_info,
					 load_attr->func_info_cnt * load_attr->func_info_rec_size);
		p->func_info_cnt = load_attr->func_info_cnt;
		p->func_info_rec_size = load_attr->func_info_rec_size;
	}
	if (load_attr->line_info_cnt) {
		p->line_info = ba_memdup(load_attr->line_info,
					 load_attr->line_info_cnt * load_attr->line_info_rec_size);
		p->line_info_cnt = load_attr->line_info_cnt;
		p->line_info_rec_size = load_attr->line_info_rec_size;
	}
	take_pending(r, p);
	p->sec_name = strdup(bp ? bpf_program__section_name(bp) : "");
	if (!p->name || !p->license || !p->insns || !p->sec_name ||
	    (p->func_info_cnt && !p->func_info) || (p->line_info_cnt && !p->line_info)) {
		rec_fail(r, -ENOMEM, "%s: out of memory", r->name);
		return;
	}
	if (r->typeless[0])
		rec_unsealable(r,
			       "%s: program %s: typeless ksym %s cannot be signed: its address varies per boot",
			       r->name, prog_name, r->typeless);
	else if (p->type == BPF_PROG_TYPE_EXT && !p->attach_name)
		rec_unsealable(r,
			       "%s: program %s: the section names no function to replace (SEC(\"freplace/FUNC\"))",
			       r->name, prog_name);
	else if (load_attr->attach_prog_fd)
		rec_unsealable(r,
			       "%s: program %s: programs set to attach to another BPF program cannot be sealed",
			       r->name, prog_name);
	else if (p->type == BPF_PROG_TYPE_STRUCT_OPS)
		rec_unsealable(r, "%s: program %s: struct_ops programs cannot be sealed",
			       r->name, prog_name);
	else if (load_attr->prog_ifindex)
		rec_unsealable(r, "%s: program %s: device-bound programs cannot be sealed",
			       r->name, prog_name);
	r->typeless[0] = '\0';
}

/*
 * The kernel refuses BTF in which a function defined in the object has a
 * typed parameter without a name (btf_func_check()); clang emits them for
 * __naked functions. libbpf loads that BTF as it is.
 */
static void check_func_params(struct recorder *r, const struct btf *btf,
			      const struct btf_type *fn)
{
	const struct btf_type *proto;
	const struct btf_param *p;
	__u16 i;

	if (btf_vlen(fn) == BTF_FUNC_EXTERN)	/* a FUNC keeps its linkage in vlen */
		return;
	proto = btf__type_by_id(btf, fn->type);
	if (!proto || !btf_is_func_proto(proto))
		return;
	p = btf_params(proto);
	for (i = 0; i < btf_vlen(proto); i++, p++)
		if (p->type && !p->name_off) {
			rec_unsealable(r,
				       "%s: function %s: parameter %u has no name in BTF, which the kernel refuses (clang leaves the parameters of __naked functions unnamed)",
				       r->name, btf__name_by_offset(btf, fn->name_off), i + 1);
			return;
		}
}

/*
 * What the ELF's own BTF says cannot be signed, before libbpf opens it:
 * libbpf resolves typeless ksyms from /proc/kallsyms before it calls any
 * bpf_gen__*() callback, so they are refused first, naming the program
 * that uses them; and the kernel would refuse BTF with unnamed parameters.
 */
static int check_btf(struct recorder *r, const void *elf, size_t elf_size, void *copy)
{
	const struct btf_var_secinfo *vs;
	const __u8 *raw;
	struct btf *btf;
	size_t raw_size;
	const struct btf_type *ds, *v;
	const char *sec, *var;
	char func[128];
	__u32 i, j, n;

	/* libbpf rewrites the .ksyms section of its copy: read the ELF's own */
	if (ba_elf_find(elf, elf_size, ".BTF", &raw, &raw_size))
		return 0;
	btf = btf__new(raw, raw_size);
	if (!btf)
		return 0;
	n = btf__type_cnt(btf);
	for (i = 1; i < n && !r->error; i++) {
		ds = btf__type_by_id(btf, i);
		if (btf_is_func(ds))
			check_func_params(r, btf, ds);
		if (!btf_is_datasec(ds))
			continue;
		sec = btf__name_by_offset(btf, ds->name_off);
		if (strcmp(sec, ".ksyms"))
			continue;
		vs = btf_var_secinfos(ds);
		for (j = 0; j < btf_vlen(ds); j++, vs++) {
			v = btf__type_by_id(btf, vs->type);
			if (!btf_is_var(v))
				continue;
			var = btf__name_by_offset(btf, v->name_off);
			if (!strcmp(sec, ".ksyms") && ba_btf_skip_mods(btf, v->type))
				continue;
			if (ba_elf_func_at(elf, elf_size, var, func, sizeof(func)))
				snprintf(func, sizeof(func), "?");
			rec_unsealable(r,
				       "%s: program %s: typeless ksym %s cannot be signed: its address varies per boot",
				       r->name, func, var);
			/* inspecting, its address does not matter */
			if (copy)
				ba_elf_weaken(copy, elf_size, var);
			if (r->error)
				break;
		}
	}
	btf__free(btf);
	return r->error;
}

/*
 * libbpf reads CONFIG_ externs from this machine's configuration, which the
 * sealed object must not depend on (the loader writes the target kernel's
 * values, which the kernel checks): give libbpf a value of the right kind
 * for each, through its kconfig open option, so that it reads no file.
 */
static int kconfig_defaults(struct recorder *r, const void *elf, size_t elf_size)
{
	const struct btf_var_secinfo *vs;
	const struct btf_type *ds, *v;
	size_t len = 0, cap = 0;
	const __u8 *raw;
	size_t raw_size;
	const char *var, *val;
	struct btf *btf;
	__u8 type, flags;
	__u32 i, j, n;
	char *p;

	if (ba_elf_find(elf, elf_size, ".BTF", &raw, &raw_size))
		return 0;
	btf = btf__new(raw, raw_size);
	if (!btf)
		return 0;
	n = btf__type_cnt(btf);
	for (i = 1; i < n; i++) {
		ds = btf__type_by_id(btf, i);
		if (!btf_is_datasec(ds) || strcmp(btf__name_by_offset(btf, ds->name_off), ".kconfig"))
			continue;
		vs = btf_var_secinfos(ds);
		for (j = 0; j < btf_vlen(ds); j++, vs++) {
			v = btf__type_by_id(btf, vs->type);
			if (!btf_is_var(v))
				continue;
			var = btf__name_by_offset(btf, v->name_off);
			if (strncmp(var, "CONFIG_", 7))
				continue;
			ba_kconfig_type(btf, v->type, &type, &flags);
			val = type == BPF_LOCKDOWN_KCONFIG_INT ? "0" :
			      type == BPF_LOCKDOWN_KCONFIG_CHAR_ARR ? "\"\"" : "n";
			if (len + strlen(var) + strlen(val) + 3 > cap) {
				cap = (cap + strlen(var) + 64) * 2;
				p = realloc(r->kconfig_opt, cap);
				if (!p) {
					btf__free(btf);
					return -ENOMEM;
				}
				r->kconfig_opt = p;
			}
			len += sprintf(r->kconfig_opt + len, "%s=%s\n", var, val);
		}
	}
	btf__free(btf);
	return 0;
}

static int cmp_kconfig(const void *a, const void *b)
{
	const struct bpf_annotate_kconfig *x = a, *y = b;

	return x->value_off < y->value_off ? -1 : x->value_off > y->value_off;
}

/*
 * libbpf's .kconfig map: its externs, where libbpf laid them out (it
 * rewrites the datasec's offsets at open), and no contents: the loader
 * writes the running kernel's values, which the kernel checks. A LINUX_
 * extern libbpf does not know is left zero by libbpf, and not listed: the
 * kernel checks that its bytes are zero.
 */
static void record_kconfig(struct recorder *r)
{
	const struct btf_var_secinfo *vs;
	const struct btf_type *ds, *v;
	struct bpf_annotate_kconfig *k;
	struct bpf_annotate_map *m = NULL;
	const struct btf *btf;
	struct bpf_map *bm;
	const char *var;
	__u32 i = 0, j;
	int weak;
	__s32 id;

	bpf_object__for_each_map(bm, r->bobj) {
		if (i < r->obj->map_cnt && bpf_map__is_internal(bm) &&
		    strlen(bpf_map__name(bm)) >= 8 &&
		    !strcmp(bpf_map__name(bm) + strlen(bpf_map__name(bm)) - 8, ".kconfig"))
			m = &r->obj->maps[i];
		i++;
	}
	btf = bpf_object__btf(r->bobj);
	id = btf ? btf__find_by_name_kind(btf, ".kconfig", BTF_KIND_DATASEC) : -ENOENT;
	if (id < 0 || !m)
		return;
	ds = btf__type_by_id(btf, id);
	k = calloc(btf_vlen(ds) + 1, sizeof(*k));
	if (!k) {
		rec_fail(r, -ENOMEM, "%s: out of memory", r->name);
		return;
	}
	m->kconfig = k;
	vs = btf_var_secinfos(ds);
	for (j = 0; j < btf_vlen(ds) && !r->error; j++, vs++) {
		v = btf__type_by_id(btf, vs->type);
		if (!btf_is_var(v))
			continue;
		var = btf__name_by_offset(btf, v->name_off);
		if (!bpf_lockdown_kconfig_name_valid(var)) {
			if (strncmp(var, "LINUX_", 6))
				rec_unsealable(r, "%s: .kconfig extern %s: libbpf gives values only to CONFIG_ and LINUX_ externs",
					       r->name, var);
			continue;
		}
		k = &m->kconfig[m->kconfig_cnt];
		ba_kconfig_type(btf, v->type, &k->type, &k->flags);
		k->value_off = vs->offset;
		k->size = vs->size;
		if (vs->size > 0xffff ||
		    !bpf_lockdown_kconfig_shape_valid(var, k->type, k->flags, vs->size)) {
			rec_unsealable(r, "%s: .kconfig extern %s: the kernel cannot check a value of its type (%u bytes)",
				       r->name, var, vs->size);
			continue;
		}
		if (m->kconfig_cnt == BPF_LOCKDOWN_ANNOT_MAX_KCONFIG) {
			rec_unsealable(r, "%s: more than %u .kconfig externs", r->name,
				       BPF_LOCKDOWN_ANNOT_MAX_KCONFIG);
			break;
		}
		/* libbpf refuses a strong extern it cannot resolve; so does the kernel */
		weak = ba_elf_sym_weak(r->obj->elf, r->obj->elf_size, var);
		if (weak < 0) {
			rec_unsealable(r, "%s: .kconfig extern %s: no undefined symbol of that name",
				       r->name, var);
			continue;
		}
		if (!weak)
			k->flags |= BPF_LOCKDOWN_KCONFIG_REQUIRED;
		k->name = strdup(var);
		if (!k->name) {
			rec_fail(r, -ENOMEM, "%s: out of memory", r->name);
			return;
		}
		m->kconfig_cnt++;
	}
	/* no extern the kernel can list: nothing would bind the map's contents */
	if (!m->kconfig_cnt && !r->error)
		rec_unsealable(r, "%s: map %s: only .kconfig externs libbpf leaves zero, which the kernel cannot check",
			       r->name, m->name ? m->name : "?");
	qsort(m->kconfig, m->kconfig_cnt, sizeof(*m->kconfig), cmp_kconfig);
	/* the sealing machine's values are not the target's */
	free(m->data);
	m->data = NULL;
	m->data_size = 0;
}

/*
 * What libbpf cannot prepare without a kernel, before bpf_object__load():
 * struct_ops maps need vmlinux BTF, which loader-generation mode never
 * loads, and arena contents are copied into a mapping that only a created
 * map has: refused (inspecting: not created). freplace programs need the
 * fd of their target, struct_ops programs their map: libbpf prepares
 * them as socket filters, and bpf_gen__prog_load() restores their type.
 * Inspecting, a program whose section names no type is skipped.
 */
static int prepare_offline(struct recorder *r)
{
	struct bpf_program *p;
	const char *what;
	struct bpf_map *m;
	__u32 n = 0, type;
	typeof(r->retyped) rt;

	bpf_object__for_each_map(m, r->bobj) {
		what = NULL;
		if (bpf_map__type(m) == BPF_MAP_TYPE_STRUCT_OPS)
			what = "struct_ops maps are not supported";
		else if (bpf_map__type(m) == BPF_MAP_TYPE_ARENA)
			what = "arena maps are not supported";
		if (what) {
			rec_unsealable(r, "%s: map %s: %s", r->name, bpf_map__name(m), what);
			if (r->error)
				return r->error;
			bpf_map__set_autocreate(m, false);
		}
		if (bpf_map__pin_path(m)) {
			rec_unsealable(r, "%s: map %s: pinned maps are not supported", r->name,
				       bpf_map__name(m));
			if (r->error)
				return r->error;
			bpf_map__set_pin_path(m, NULL);
		}
		n++;
	}
	r->map_max_entries = calloc(n ? n : 1, sizeof(__u32));
	if (!r->map_max_entries)
		return -ENOMEM;
	r->map_alloc = n;
	n = 0;
	bpf_object__for_each_map(m, r->bobj)
		r->map_max_entries[n++] = bpf_map__max_entries(m);

	bpf_object__for_each_program(p, r->bobj) {
		type = bpf_program__type(p);
		if (type == BPF_PROG_TYPE_UNSPEC && r->inspect && bpf_program__autoload(p)) {
			rec_unsealable(r, "%s: program %s: section %s names no program type",
				       r->name, bpf_program__name(p), bpf_program__section_name(p));
			bpf_program__set_autoload(p, false);
			continue;
		}
		if (type != BPF_PROG_TYPE_EXT && type != BPF_PROG_TYPE_STRUCT_OPS)
			continue;
		rt = realloc(r->retyped, (r->retyped_cnt + 1) * sizeof(*rt));
		if (!rt)
			return -ENOMEM;
		r->retyped = rt;
		rt[r->retyped_cnt].prog = p;
		rt[r->retyped_cnt++].type = type;
		bpf_program__set_type(p, BPF_PROG_TYPE_SOCKET_FILTER);
	}
	return 0;
}

static void prog_array_init(struct recorder *r)
{
	struct bpf_map *m;

	bpf_object__for_each_map(m, r->bobj) {
		if (bpf_map__type(m) != BPF_MAP_TYPE_PROG_ARRAY)
			continue;
		rec_fail(r, -EOPNOTSUPP,
			 "%s: map %s: prog arrays initialized in .maps are not supported",
			 r->name, bpf_map__name(m));
		return;
	}
}

/**
 * ba_record() - record what libbpf would load from an object
 * @path: as for bpf_annotate_record()
 * @objp: set to the recorded object
 * @flags: BA_RECORD_EMPTY_OK: an object without programs (BTF or maps
 *	only) is recorded rather than refused; BA_RECORD_INSPECT: what cannot
 *	be signed is recorded too (for scan and audit), and @note says why
 *	seal would refuse it
 * @note: with BA_RECORD_INSPECT, set to the first reason seal would refuse
 *	the object, or to "" (may be NULL)
 * @note_size: size of @note
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Return: as bpf_annotate_record().
 */
int ba_record(const char *path, struct bpf_annotate_obj **objp, unsigned int flags,
	      char *note, size_t note_size, char *err, size_t err_size)
{
	libbpf_print_fn_t old_print;
	struct recorder r = { 0 };
	struct bpf_object *bobj;
	const char *base;
	char oname[64];
	void *elf, *copy = NULL;
	size_t elf_size;
	LIBBPF_OPTS(bpf_object_open_opts, oo);
	int ret;

	ret = ba_read_file(path, &elf, &elf_size, err, err_size);
	if (ret)
		return ret;
	ret = ba_elf_check(path, elf, elf_size, err, err_size);
	if (ret) {
		free(elf);
		return ret;
	}

	r.opts.sz = sizeof(r.opts);
	r.name = path;
	r.inspect = flags & BA_RECORD_INSPECT;
	r.obj = calloc(1, sizeof(*r.obj));
	if (r.obj)
		r.obj->name = strdup(path);
	if (!r.obj || !r.obj->name) {
		free(r.obj);
		free(elf);
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", path);
	}
	r.obj->elf = elf;
	r.obj->elf_size = elf_size;

	old_print = libbpf_set_print(capture_print);
	current_recorder = &r;
	base = strrchr(path, '/');
	snprintf(oname, sizeof(oname), "%s", base ? base + 1 : path);
	if (strchr(oname, '.'))
		*strchr(oname, '.') = '\0';
	oo.object_name = oname;
	ret = kconfig_defaults(&r, elf, elf_size);
	if (ret)
		goto libbpf_failed;
	oo.kconfig = r.kconfig_opt;
	/* inspecting, libbpf opens a copy whose typeless ksyms are weak */
	if (r.inspect) {
		copy = ba_memdup(elf, elf_size);
		if (!copy) {
			ret = -ENOMEM;
			goto libbpf_failed;
		}
		check_btf(&r, elf, elf_size, copy);
	}
	bobj = bpf_object__open_mem(copy ?: elf, elf_size, &oo);
	if (!bobj) {
		ret = -errno;
		free(copy);
		goto libbpf_failed;
	}
	r.bobj = bobj;
	ret = r.inspect ? 0 : check_btf(&r, elf, elf_size, NULL);
	if (!ret)
		ret = prepare_offline(&r);
	if (!ret)
		ret = bpf_object__gen_loader(bobj, &r.opts);
	if (!ret)
		ret = bpf_object__load(bobj);
	/* the program fds of a prog array initialized in .maps: -ENOTSUP */
	if (ret == -ENOTSUP && !r.error)
		prog_array_init(&r);
	if (!ret && !r.error)
		record_kconfig(&r);
	bpf_object__close(bobj);
	free(r.kconfig_opt);
	r.kconfig_opt = NULL;
	free(copy);
	free(r.map_max_entries);
	free(r.retyped);
	if (r.error) {
		ret = ba_fail(err, err_size, r.error, "%s", r.msg);
		goto out;
	}
	if (ret)
		goto libbpf_failed;
	if (!r.obj->btf) {
		ret = ba_fail(err, err_size, -ENOEXEC,
			      "%s: no BTF: compile the object with clang -g", path);
		goto out;
	}
	if (!r.obj->prog_cnt && !(flags & BA_RECORD_EMPTY_OK)) {
		ret = ba_fail(err, err_size, -ENOEXEC, "%s: no program to seal", path);
		goto out;
	}
	libbpf_set_print(old_print);
	current_recorder = NULL;
	if (note)
		snprintf(note, note_size, "%s", r.note);
	*objp = r.obj;
	return 0;

libbpf_failed:
	if (r.libbpf_msg[0])
		ret = ba_fail(err, err_size, ret ? ret : -EINVAL, "%s: %s%s", path,
			      r.libbpf_msg + (strncmp(r.libbpf_msg, "libbpf: ", 8) ? 0 : 8),
			      strstr(r.libbpf_msg, "extern section") ||
			      strstr(r.libbpf_msg, "find BTF for extern") ?
			      " (link the objects first: bpftool gen object)" : "");
	else
		ret = ba_fail(err, err_size, ret ? ret : -EINVAL, "%s: libbpf: %s", path,
			      strerror(-ret));
out:
	libbpf_set_print(old_print);
	current_recorder = NULL;
	free(r.kconfig_opt);
	bpf_annotate_free(r.obj);
	return ret;
}

/**
 * bpf_annotate_record() - record what libbpf would load from an object
 * @path: a clang-built BPF object, or a sealed one (libbpf ignores the
 *	bpf-annotate sections)
 * @objp: set to the recorded object, without annotations or signatures
 * @err: reason on failure ("PATH: ..." or "PATH: program P: ...")
 * @err_size: size of @err
 *
 * Return: 0; -ENOEXEC for a file that is not a BPF ELF object or has no
 * program; -EOPNOTSUPP for what cannot be signed; libbpf's error, with its
 * message, when libbpf refuses the object; -ENOMEM.
 */
int bpf_annotate_record(const char *path, struct bpf_annotate_obj **objp,
			char *err, size_t err_size)
{
	return ba_record(path, objp, 0, NULL, 0, err, err_size);
}
