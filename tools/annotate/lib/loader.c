// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - load a sealed object: BTF, maps, programs with signatures */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/btf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "bpf_annotate.h"
#include "kconfig.h"
#include "util.h"

/*
 * The loader does what libbpf's light skeleton loader would do, with the
 * instructions libbpf produced at seal time: BPF_BTF_LOAD, BPF_MAP_CREATE
 * for every map in index order (contents written and read-only data frozen
 * before any program is loaded), then BPF_PROG_LOAD of each program with
 * fd_array = every map fd in index order, its annotation and signature.
 * kfunc, ksym and attach target BTF IDs are looked up by name in the
 * running kernel's vmlinux BTF: the signature covers the names.
 */

struct plan_owner {
	struct bpf_annotate_plan plan;
	struct btf *vmlinux;
};

static void plan_free(struct plan_owner *o, const struct bpf_annotate_obj *obj)
{
	struct bpf_annotate_plan *pl = &o->plan;
	__u32 i;

	free(pl->btf);
	for (i = 0; pl->maps && i < obj->map_cnt; i++)
		free(pl->maps[i].data);
	for (i = 0; pl->progs && i < obj->prog_cnt; i++) {
		struct bpf_annotate_plan_prog *p = &pl->progs[i];

		free(p->license);
		free(p->attach_name);
		free(p->insns);
		free(p->func_info);
		free(p->line_info);
		free(p->core_relos);
		free(p->annot);
		free(p->sig);
	}
	free(pl->maps);
	free(pl->progs);
	btf__free(o->vmlinux);
}

/* the copies are owned by the plan_owner; the hook may replace pointers */
struct owned {
	void *btf;
	void **map_data;
	struct bpf_annotate_plan_map *maps;
	struct bpf_annotate_plan_prog *progs;
	struct bpf_annotate_plan_prog *prog_copy;
	__u32 map_cnt;
	__u32 prog_cnt;
};

static int vmlinux_btf(struct plan_owner *o, const struct bpf_annotate_obj *obj,
		       const struct bpf_annotate_load_opts *opts, char *err, size_t err_size)
{
	const char *path = opts && opts->vmlinux_btf ? opts->vmlinux_btf : NULL;
	int ret;

	if (o->vmlinux)
		return 0;
	o->vmlinux = path ? btf__parse(path, NULL) : btf__load_vmlinux_btf();
	if (!o->vmlinux) {
		ret = -errno;
		return ba_fail(err, err_size, ret, "%s: cannot read the vmlinux BTF %s: %s",
			       obj->name, path ? path : "/sys/kernel/btf/vmlinux", strerror(-ret));
	}
	return 0;
}

static int resolve_externs(struct plan_owner *o, const struct bpf_annotate_obj *obj,
			   const struct bpf_annotate_prog *p, struct bpf_insn *insns,
			   const struct bpf_annotate_load_opts *opts, char *err, size_t err_size)
{
	const struct bpf_annotate_extern *e;
	__u32 i;
	int id, ret;

	for (i = 0; i < p->extern_cnt; i++) {
		e = &p->externs[i];
		ret = vmlinux_btf(o, obj, opts, err, err_size);
		if (ret)
			return ret;
		id = btf__find_by_name_kind(o->vmlinux, e->name, e->kind);
		if (id <= 0)
			return ba_fail(err, err_size, -ESRCH,
				       "%s: program %s: %s %s is not in the vmlinux BTF (kfuncs and ksyms of modules cannot be loaded sealed)",
				       obj->name, p->name, e->is_ld64 ? "ksym" : "kfunc", e->name);
		insns[e->insn_idx].imm = id;
		if (e->is_ld64)
			insns[e->insn_idx + 1].imm = 0;
		else
			insns[e->insn_idx].off = 0;
	}
	return 0;
}

/*
 * libbpf's .kconfig map: the running kernel's values (which it checks),
 * written and frozen before any program loads
 */
static int kconfig_data(const struct bpf_annotate_obj *obj, const struct bpf_annotate_map *m,
			struct bpf_annotate_plan_map *pm, char *err, size_t err_size)
{
	struct bpf_lockdown_kconfig_env env;
	const char *source;
	char why[256];
	int ret;

	ret = ba_kconfig_env_read(&env, &source, why, sizeof(why));
	if (ret)
		return ba_fail(err, err_size, ret, "%s: map %s: %s", obj->name, m->name, why);
	pm->data = calloc(1, m->value_size ? m->value_size : 1);
	pm->data_size = m->value_size;
	pm->freeze = true;
	ret = pm->data ? ba_kconfig_fill(m, &env, pm->data, why, sizeof(why)) : -ENOMEM;
	ba_kconfig_env_free(&env);
	if (ret == -ENOMEM)
		return ba_fail(err, err_size, ret, "%s: out of memory", obj->name);
	if (ret)
		return ba_fail(err, err_size, ret, "%s: map %s: %s (values from %s)", obj->name,
			       m->name, why, source);
	return 0;
}

static int make_plan(struct plan_owner *o, const struct bpf_annotate_obj *obj,
		     const struct bpf_annotate_load_opts *opts, char *err, size_t err_size)
{
	struct bpf_annotate_plan *pl = &o->plan;
	const struct bpf_annotate_map *m;
	const struct bpf_annotate_prog *p;
	struct bpf_annotate_plan_prog *q;
	int cpus, ret;
	__u32 i;

	pl->maps = calloc(obj->map_cnt ? obj->map_cnt : 1, sizeof(*pl->maps));
	pl->progs = calloc(obj->prog_cnt, sizeof(*pl->progs));
	pl->btf = ba_memdup(obj->btf, obj->btf_size);
	pl->btf_size = obj->btf_size;
	pl->map_cnt = obj->map_cnt;
	pl->prog_cnt = obj->prog_cnt;
	if (!pl->maps || !pl->progs || (obj->btf_size && !pl->btf))
		goto nomem;
	for (i = 0; i < obj->map_cnt; i++) {
		m = &obj->maps[i];
		snprintf(pl->maps[i].name, sizeof(pl->maps[i].name), "%s", m->name);
		pl->maps[i].type = m->type;
		pl->maps[i].key_size = m->key_size;
		pl->maps[i].value_size = m->value_size;
		pl->maps[i].max_entries = m->max_entries;
		if (m->type == BPF_MAP_TYPE_PERF_EVENT_ARRAY && !m->max_entries) {
			cpus = libbpf_num_possible_cpus();
			if (cpus < 0)
				return ba_fail(err, err_size, cpus,
					       "%s: map %s: cannot count the possible CPUs",
					       obj->name, m->name);
			pl->maps[i].max_entries = cpus;
		}
		pl->maps[i].map_flags = m->map_flags;
		pl->maps[i].btf_key_type_id = m->btf_key_type_id;
		pl->maps[i].btf_value_type_id = m->btf_value_type_id;
		pl->maps[i].map_extra = m->map_extra;
		pl->maps[i].freeze = m->frozen;
		if (m->data) {
			pl->maps[i].data = ba_memdup(m->data, m->data_size);
			pl->maps[i].data_size = m->data_size;
			if (!pl->maps[i].data)
				goto nomem;
		}
		if (m->kconfig_cnt) {
			ret = kconfig_data(obj, m, &pl->maps[i], err, err_size);
			if (ret)
				return ret;
		}
	}
	for (i = 0; i < obj->prog_cnt; i++) {
		p = &obj->progs[i];
		q = &pl->progs[i];
		snprintf(q->name, sizeof(q->name), "%s", p->name);
		q->type = p->type;
		q->expected_attach_type = p->expected_attach_type;
		q->prog_flags = p->prog_flags;
		q->keyring_id = opts ? opts->keyring_id : 0;
		q->license = strdup(p->license);
		q->attach_name = p->attach_name ? strdup(p->attach_name) : NULL;
		q->insns = ba_memdup(p->insns, (size_t)p->insn_cnt * sizeof(*p->insns));
		q->insn_cnt = p->insn_cnt;
		q->func_info = ba_memdup(p->func_info,
					 (size_t)p->func_info_cnt * p->func_info_rec_size);
		q->func_info_cnt = p->func_info_cnt;
		q->func_info_rec_size = p->func_info_rec_size;
		q->line_info = ba_memdup(p->line_info,
					 (size_t)p->line_info_cnt * p->line_info_rec_size);
		q->line_info_cnt = p->line_info_cnt;
		q->line_info_rec_size = p->line_info_rec_size;
		q->core_relos = ba_memdup(p->core_relos,
					  (size_t)p->core_relo_cnt * p->core_relo_rec_size);
		q->core_relo_cnt = p->core_relo_cnt;
		q->core_relo_rec_size = p->core_relo_rec_size;
		if (!(opts && opts->no_annotation)) {
			q->annot = ba_memdup(p->annot, p->annot_size);
			q->annot_size = p->annot_size;
			if (!(opts && opts->no_signature)) {
				q->sig = ba_memdup(p->sig, p->sig_size);
				q->sig_size = p->sig_size;
			}
		}
		if (!q->license || !q->insns || (p->attach_name && !q->attach_name) ||
		    (p->func_info_cnt && !q->func_info) || (p->line_info_cnt && !q->line_info) ||
		    (p->core_relo_cnt && !q->core_relos) || (q->annot_size && !q->annot) ||
		    (q->sig_size && !q->sig))
			goto nomem;
		ret = resolve_externs(o, obj, p, q->insns, opts, err, err_size);
		if (ret)
			return ret;
	}
	return 0;
nomem:
	return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", obj->name);
}

/* remember what the library allocated, so that it frees only that */
static int own(struct owned *w, const struct bpf_annotate_plan *pl)
{
	__u32 i;

	w->btf = pl->btf;
	w->maps = pl->maps;
	w->progs = pl->progs;
	w->map_cnt = pl->map_cnt;
	w->prog_cnt = pl->prog_cnt;
	w->map_data = calloc(pl->map_cnt ? pl->map_cnt : 1, sizeof(void *));
	w->prog_copy = ba_memdup(pl->progs, pl->prog_cnt * sizeof(*pl->progs));
	if (!w->map_data || !w->prog_copy)
		return -ENOMEM;
	for (i = 0; i < pl->map_cnt; i++)
		w->map_data[i] = pl->maps[i].data;
	return 0;
}

static void restore_owned(struct plan_owner *o, const struct owned *w)
{
	struct bpf_annotate_plan *pl = &o->plan;
	__u32 i;

	const struct bpf_annotate_plan_prog *c;

	if (!w->prog_copy)
		return;
	pl->btf = w->btf;
	pl->maps = w->maps;
	pl->progs = w->progs;
	pl->map_cnt = w->map_cnt;
	pl->prog_cnt = w->prog_cnt;
	for (i = 0; w->map_data && i < pl->map_cnt; i++)
		pl->maps[i].data = w->map_data[i];
	for (i = 0; i < pl->prog_cnt; i++) {
		c = &w->prog_copy[i];
		pl->progs[i].license = c->license;
		pl->progs[i].attach_name = c->attach_name;
		pl->progs[i].insns = c->insns;
		pl->progs[i].func_info = c->func_info;
		pl->progs[i].line_info = c->line_info;
		pl->progs[i].core_relos = c->core_relos;
		pl->progs[i].annot = c->annot;
		pl->progs[i].sig = c->sig;
	}
}

/* a freplace program: its attach name is a function of the target's BTF */
static int resolve_ext(const struct bpf_annotate_obj *obj, __u32 i,
		       struct bpf_annotate_plan_prog *q, const struct bpf_annotate_load_opts *opts,
		       char *err, size_t err_size)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	struct btf *btf;
	int id;

	if (!opts || opts->target_prog_fd <= 0)
		return ba_fail(err, err_size, -EINVAL,
			       "%s: program %s: a freplace program needs the program whose %s it replaces (--target)",
			       obj->name, obj->progs[i].name, q->attach_name);
	memset(&info, 0, sizeof(info));
	if (bpf_prog_get_info_by_fd(opts->target_prog_fd, &info, &len))
		return ba_fail(err, err_size, -errno, "%s: program %s: the target: %s",
			       obj->name, obj->progs[i].name, strerror(errno));
	if (!info.btf_id)
		return ba_fail(err, err_size, -ESRCH,
			       "%s: program %s: the target program %s has no BTF", obj->name,
			       obj->progs[i].name, info.name);
	btf = btf__load_from_kernel_by_id(info.btf_id);
	if (!btf)
		return ba_fail(err, err_size, -errno,
			       "%s: program %s: the BTF of the target program %s: %s", obj->name,
			       obj->progs[i].name, info.name, strerror(errno));
	id = btf__find_by_name_kind(btf, q->attach_name, BTF_KIND_FUNC);
	btf__free(btf);
	if (id <= 0)
		return ba_fail(err, err_size, -ESRCH,
			       "%s: program %s: the target program %s has no function %s",
			       obj->name, obj->progs[i].name, info.name, q->attach_name);
	q->attach_btf_id = id;
	return 0;
}

static int resolve_attach(struct plan_owner *o, const struct bpf_annotate_obj *obj,
			  const struct bpf_annotate_load_opts *opts, char *err, size_t err_size)
{
	struct bpf_annotate_plan_prog *q;
	__u32 i, kind;
	int id, ret;

	for (i = 0; i < o->plan.prog_cnt; i++) {
		q = &o->plan.progs[i];
		if (q->skip || q->attach_btf_id || !q->attach_name || !q->attach_name[0])
			continue;
		if (q->type == BPF_PROG_TYPE_EXT) {
			ret = resolve_ext(obj, i, q, opts, err, err_size);
			if (ret)
				return ret;
			continue;
		}
		ret = vmlinux_btf(o, obj, opts, err, err_size);
		if (ret)
			return ret;
		kind = i < obj->prog_cnt && obj->progs[i].attach_btf_kind ?
		       obj->progs[i].attach_btf_kind : BTF_KIND_FUNC;
		id = btf__find_by_name_kind(o->vmlinux, q->attach_name, kind);
		if (id <= 0)
			return ba_fail(err, err_size, -ESRCH,
				       "%s: program %s: attach target %s is not in the vmlinux BTF",
				       obj->name, obj->progs[i].name, q->attach_name);
		q->attach_btf_id = id;
	}
	return 0;
}

static int prog_load(const struct bpf_annotate_plan *pl, const struct bpf_annotate_plan_prog *q,
		     int btf_fd, int target_fd, const int *fd_array, char *log_buf,
		     __u32 log_size, __u32 log_level)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = q->type;
	attr.expected_attach_type = q->expected_attach_type;
	attr.prog_flags = q->prog_flags;
	attr.insns = (__u64)(unsigned long)q->insns;
	attr.insn_cnt = q->insn_cnt;
	attr.license = (__u64)(unsigned long)q->license;
	memcpy(attr.prog_name, q->name, sizeof(attr.prog_name) - 1);
	attr.attach_btf_id = q->attach_btf_id;
	if (q->type == BPF_PROG_TYPE_EXT)
		attr.attach_prog_fd = target_fd;
	if (btf_fd >= 0) {
		attr.prog_btf_fd = btf_fd;
		attr.func_info = (__u64)(unsigned long)q->func_info;
		attr.func_info_cnt = q->func_info_cnt;
		attr.func_info_rec_size = q->func_info_rec_size;
		attr.line_info = (__u64)(unsigned long)q->line_info;
		attr.line_info_cnt = q->line_info_cnt;
		attr.line_info_rec_size = q->line_info_rec_size;
	}
	attr.core_relos = (__u64)(unsigned long)q->core_relos;
	attr.core_relo_cnt = q->core_relo_cnt;
	attr.core_relo_rec_size = q->core_relo_rec_size;
	attr.fd_array = (__u64)(unsigned long)fd_array;
	attr.fd_array_cnt = 0;
	if (q->sig) {
		attr.signature = (__u64)(unsigned long)q->sig;
		attr.signature_size = q->sig_size;
		attr.keyring_id = q->keyring_id;
	}
	if (q->annot) {
		attr.lockdown_annot = (__u64)(unsigned long)q->annot;
		attr.lockdown_annot_size = q->annot_size;
	}
	/* the kernel refuses a log buffer at level 0 */
	if (log_buf && log_size && log_level) {
		log_buf[0] = '\0';
		attr.log_buf = (__u64)(unsigned long)log_buf;
		attr.log_size = log_size;
		attr.log_level = log_level;
	}
	fd = syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	return fd < 0 ? -errno : fd;
}

static int create_maps(const struct bpf_annotate_obj *obj, const struct bpf_annotate_plan *pl,
		       int btf_fd, struct bpf_annotate_loaded *out, char *err, size_t err_size)
{
	const struct bpf_annotate_plan_map *m;
	__u32 i, zero = 0;
	int fd;

	for (i = 0; i < pl->map_cnt; i++) {
		LIBBPF_OPTS(bpf_map_create_opts, mo);

		m = &pl->maps[i];
		if (!m->type)
			continue;
		mo.map_flags = m->map_flags;
		mo.map_extra = m->map_extra;
		if (btf_fd >= 0 && (m->btf_key_type_id || m->btf_value_type_id)) {
			mo.btf_fd = btf_fd;
			mo.btf_key_type_id = m->btf_key_type_id;
			mo.btf_value_type_id = m->btf_value_type_id;
		}
		fd = bpf_map_create(m->type, m->name, m->key_size, m->value_size,
				    m->max_entries, &mo);
		if (fd < 0)
			return ba_fail(err, err_size, -errno, "%s: map %s: BPF_MAP_CREATE: %s",
				       obj->name, m->name, strerror(errno));
		out->map_fds[i] = fd;
		if (m->data && bpf_map_update_elem(fd, &zero, m->data, 0))
			return ba_fail(err, err_size, -errno,
				       "%s: map %s: writing its contents: %s", obj->name, m->name,
				       strerror(errno));
		if (m->freeze && bpf_map_freeze(fd))
			return ba_fail(err, err_size, -errno, "%s: map %s: BPF_MAP_FREEZE: %s",
				       obj->name, m->name, strerror(errno));
	}
	return 0;
}

static int make_fd_array(const struct bpf_annotate_plan *pl, struct bpf_annotate_loaded *out,
			 int fd_base, int **fd_array, int **dups)
{
	__u32 i;

	*fd_array = calloc(pl->map_cnt ? pl->map_cnt : 1, sizeof(int));
	*dups = calloc(pl->map_cnt ? pl->map_cnt : 1, sizeof(int));
	if (!*fd_array || !*dups)
		return -ENOMEM;
	for (i = 0; i < pl->map_cnt; i++) {
		(*dups)[i] = -1;
		(*fd_array)[i] = out->map_fds[i];
		if (fd_base <= 0 || out->map_fds[i] < 0)
			continue;
		(*dups)[i] = fcntl(out->map_fds[i], F_DUPFD_CLOEXEC, fd_base);
		if ((*dups)[i] < 0)
			return -errno;
		(*fd_array)[i] = (*dups)[i];
	}
	return 0;
}

/**
 * bpf_annotate_unload() - close everything bpf_annotate_load() created
 * @loaded: the result of bpf_annotate_load(); may be zeroed
 *
 * Programs and maps stay loaded while something else holds them (a pin,
 * a link, an fd).
 */
void bpf_annotate_unload(struct bpf_annotate_loaded *loaded)
{
	__u32 i;

	for (i = 0; loaded->prog_fds && i < loaded->prog_cnt; i++)
		if (loaded->prog_fds[i] >= 0)
			close(loaded->prog_fds[i]);
	for (i = 0; loaded->map_fds && i < loaded->map_cnt; i++)
		if (loaded->map_fds[i] >= 0)
			close(loaded->map_fds[i]);
	if (loaded->btf_fd >= 0)
		close(loaded->btf_fd);
	free(loaded->prog_fds);
	free(loaded->map_fds);
	memset(loaded, 0, sizeof(*loaded));
	loaded->btf_fd = -1;
	loaded->failed_prog = -1;
}

/**
 * bpf_annotate_load() - load a sealed object into the kernel
 * @obj: a sealed object
 * @opts: options, or NULL
 * @out: the fds created; on failure everything is closed again, and
 *	@out->failed_prog names the program whose load failed (or -1)
 * @err: reason on failure ("OBJ: program P: BPF_PROG_LOAD: ...")
 * @err_size: size of @err
 *
 * Builds the plan (mutable copies of every component, kfunc and ksym IDs
 * resolved), calls @opts->prepare, resolves attach targets, loads the BTF,
 * creates the maps (writing their contents and freezing read-only data),
 * then loads each program with fd_array, its annotation and signature.
 * When a program fails and @opts->log_buf is given with level 0, the load
 * is retried with log level 1 to fill the log (keeping the first errno
 * when the log overflows its buffer: the tail of a rotating log is kept).
 *
 * Return: 0, or the negative errno of the step that failed.
 */
int bpf_annotate_load(const struct bpf_annotate_obj *obj, const struct bpf_annotate_load_opts *opts,
		      struct bpf_annotate_loaded *out, char *err, size_t err_size)
{
	struct plan_owner o;
	struct owned w = { 0 };
	struct bpf_annotate_plan_prog *q;
	int *fd_array = NULL, *dups = NULL;
	__u32 i, n, log_level;
	int ret, fd, first, target_fd;
	char *log_buf;

	memset(&o, 0, sizeof(o));
	memset(out, 0, sizeof(*out));
	out->btf_fd = -1;
	out->failed_prog = -1;
	ret = make_plan(&o, obj, opts, err, err_size);
	if (!ret && own(&w, &o.plan))
		ret = ba_fail(err, err_size, -ENOMEM, "%s: out of memory", obj->name);
	if (ret)
		goto out;
	if (opts && opts->prepare) {
		ret = opts->prepare(&o.plan, opts->prepare_ctx);
		if (ret) {
			ret = ba_fail(err, err_size, ret < 0 ? ret : -ECANCELED,
				      "%s: the prepare hook failed (%d)", obj->name, ret);
			goto out;
		}
	}
	if (o.plan.map_cnt > w.map_cnt || o.plan.prog_cnt > w.prog_cnt) {
		ret = ba_fail(err, err_size, -EINVAL,
			      "%s: the prepare hook may not add maps or programs", obj->name);
		goto out;
	}
	ret = resolve_attach(&o, obj, opts, err, err_size);
	if (ret)
		goto out;

	out->map_cnt = o.plan.map_cnt;
	out->prog_cnt = o.plan.prog_cnt;
	out->map_fds = malloc((out->map_cnt ? out->map_cnt : 1) * sizeof(int));
	out->prog_fds = malloc((out->prog_cnt ? out->prog_cnt : 1) * sizeof(int));
	if (!out->map_fds || !out->prog_fds) {
		ret = ba_fail(err, err_size, -ENOMEM, "%s: out of memory", obj->name);
		goto out;
	}
	memset(out->map_fds, 0xff, (out->map_cnt ? out->map_cnt : 1) * sizeof(int));
	memset(out->prog_fds, 0xff, (out->prog_cnt ? out->prog_cnt : 1) * sizeof(int));

	if (o.plan.btf) {
		LIBBPF_OPTS(bpf_btf_load_opts, bo);

		out->btf_fd = bpf_btf_load(o.plan.btf, o.plan.btf_size, &bo);
		if (out->btf_fd < 0) {
			ret = -errno;
			out->btf_fd = -1;
			/* again, for the kernel's BTF log (the offending type) */
			if (opts && opts->log_buf && opts->log_size && ret != -ENOMEM) {
				opts->log_buf[0] = '\0';
				bo.log_buf = opts->log_buf;
				bo.log_size = opts->log_size;
				bo.log_level = opts->log_level ?: 1;
				fd = bpf_btf_load(o.plan.btf, o.plan.btf_size, &bo);
				if (fd >= 0)
					close(fd);
			}
			ret = ba_fail(err, err_size, ret, "%s: BPF_BTF_LOAD: %s", obj->name,
				      strerror(-ret));
			goto out;
		}
	}
	ret = create_maps(obj, &o.plan, out->btf_fd, out, err, err_size);
	if (ret)
		goto out;
	ret = make_fd_array(&o.plan, out, opts ? opts->fd_base : 0, &fd_array, &dups);
	if (ret) {
		ret = ba_fail(err, err_size, ret, "%s: duplicating map fds: %s", obj->name,
			      strerror(-ret));
		goto out;
	}
	log_buf = opts ? opts->log_buf : NULL;
	for (i = 0; i < o.plan.prog_cnt; i++) {
		q = &o.plan.progs[i];
		if (q->skip)
			continue;
		log_level = opts ? opts->log_level : 0;
		target_fd = opts ? opts->target_prog_fd : 0;
		fd = prog_load(&o.plan, q, out->btf_fd, target_fd, fd_array, log_buf,
			       opts ? opts->log_size : 0, log_level);
		if (fd < 0 && log_buf && !log_level && fd != -ENOMEM) {
			/* again, for the log; a log that overflows is ENOSPC */
			first = fd;
			fd = prog_load(&o.plan, q, out->btf_fd, target_fd, fd_array, log_buf,
				       opts->log_size, 1);
			if (fd == -ENOSPC)
				fd = first;
		}
		if (fd < 0) {
			out->failed_prog = i;
			ret = ba_fail(err, err_size, fd, "%s: program %s: BPF_PROG_LOAD: %s",
				      obj->name, obj->progs[i].name, strerror(-fd));
			goto out;
		}
		out->prog_fds[i] = fd;
	}
out:
	n = w.prog_copy ? w.map_cnt : o.plan.map_cnt;
	for (i = 0; dups && i < n; i++)
		if (dups[i] >= 0)
			close(dups[i]);
	free(dups);
	free(fd_array);
	if (ret) {
		int failed = out->failed_prog;

		bpf_annotate_unload(out);
		out->failed_prog = failed;
	}
	restore_owned(&o, &w);
	free(w.map_data);
	free(w.prog_copy);
	plan_free(&o, obj);
	return ret;
}
