// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - sealing: the annotation each program is sealed with */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>
#include <linux/kernel.h>
#include <linux/unaligned.h>
#include <bpf/btf.h>

#include "annot.h"
#include "bpf_annotate.h"
#include "grant.h"
#include "infer.h"
#include "infer_attach.h"
#include "policy.h"
#include "util.h"

/* the function @func of program @tp of @t, by its func_info, or an error */
static int target_func(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
		       const struct bpf_annotate_obj *t, const struct bpf_annotate_prog *tp,
		       char *err, size_t err_size)
{
	const struct btf_type *fn = NULL;
	struct btf *btf = NULL;
	const __u8 *rec;
	__u32 i;
	int ret;

	if (tp->type == BPF_PROG_TYPE_EXT)
		return ba_fail(err, err_size, -EINVAL,
			       "%s: program %s: the target program %s of %s is a freplace program itself, which the kernel does not extend",
			       obj->name, prog->name, tp->name, t->name);
	if (t->btf && tp->func_info_rec_size >= 8)
		btf = btf__new(t->btf, t->btf_size);
	if (!btf)
		return ba_fail(err, err_size, -ESRCH,
			       "%s: program %s: the target program %s of %s has no BTF", obj->name,
			       prog->name, tp->name, t->name);
	for (i = 0; i < tp->func_info_cnt && !fn; i++) {
		rec = (const __u8 *)tp->func_info + (size_t)i * tp->func_info_rec_size;
		fn = btf__type_by_id(btf, get_unaligned_le32(rec + 4));
		if (!fn || !btf_is_func(fn) ||
		    strcmp(btf__name_by_offset(btf, fn->name_off), prog->attach_name))
			fn = NULL;
	}
	if (!fn)
		ret = ba_fail(err, err_size, -ESRCH,
			      "%s: program %s: the target program %s of %s has no function %s",
			      obj->name, prog->name, tp->name, t->name, prog->attach_name);
	else if (btf_vlen(fn) != BTF_FUNC_GLOBAL)	/* a FUNC keeps its linkage in vlen */
		ret = ba_fail(err, err_size, -EINVAL,
			      "%s: program %s: the function %s of the target program %s of %s is static; only global functions can be replaced",
			      obj->name, prog->name, prog->attach_name, tp->name, t->name);
	else
		ret = 0;
	btf__free(btf);
	return ret;
}

/*
 * The signed digest of the program whose function the freplace program
 * @prog replaces: its program in @opts->target, as bpf_annotate_digest()
 * computes it
 */
static int target_digest(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
			 const struct bpf_annotate_seal_opts *opts, __u8 **out, char *err,
			 size_t err_size)
{
	const struct bpf_annotate_obj *t = opts ? opts->target : NULL;
	const struct bpf_annotate_prog *tp;
	__u8 d[BPF_ANNOTATE_DIGEST_SIZE];
	int ret;

	*out = NULL;
	if (!t)
		return ba_fail(err, err_size, -EINVAL,
			       "%s: program %s: a freplace program is signed for the one program whose %s it replaces: name the sealed object of that program with --target SEALED-OBJ[:PROG]",
			       obj->name, prog->name, prog->attach_name);
	if (opts->target_prog) {
		tp = bpf_annotate_find_prog(t, opts->target_prog);
		if (!tp)
			return ba_fail(err, err_size, -ENOENT,
				       "%s: program %s: the target %s has no program %s", obj->name,
				       prog->name, t->name, opts->target_prog);
	} else if (t->prog_cnt == 1) {
		tp = &t->progs[0];
	} else {
		return ba_fail(err, err_size, -EINVAL,
			       "%s: program %s: the target %s has %u programs: name the one whose %s it replaces (--target %s:PROG)",
			       obj->name, prog->name, t->name, t->prog_cnt, prog->attach_name,
			       t->name);
	}
	ret = target_func(obj, prog, t, tp, err, err_size);
	if (!ret)
		ret = bpf_annotate_digest(t, tp, d, err, err_size);
	if (ret)
		return ret;
	*out = ba_memdup(d, sizeof(d));
	return *out ? 0 : ba_fail(err, err_size, -ENOMEM, "%s: out of memory", obj->name);
}

/*
 * At confidentiality a level that grants btf_read grants ksym too
 * (ba_infer_grants(), ba_caps_at_level()), and ksym keeps pointer leaks
 * there: the verifier then also lets the program store, compare and return
 * kernel addresses. When the code does not itself use ksym, the vendor
 * sealing the program would not expect that: say so, once per program.
 */
static void warn_ksym_for_btf_read(const struct bpf_annotate_obj *obj,
				   const struct bpf_annotate_prog *prog,
				   const struct ba_needs *needs,
				   const struct ba_grant grant[BPF_LOCKDOWN_LEVEL_NR],
				   const struct bpf_annotate_seal_opts *opts)
{
	const unsigned int l = BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	__u32 added = ba_caps_at_level(needs->grant.caps, l) & ~needs->grant.caps;
	char msg[512];

	if (!opts || !opts->warn || !grant[l].may_load || !(added & BPF_LOCKDOWN_CAP_KSYM) ||
	    !(grant[l].caps & BPF_LOCKDOWN_CAP_KSYM))
		return;
	snprintf(msg, sizeof(msg),
		 "%s: program %s: level %s: ksym is granted because btf_read needs it there, not because the code uses it: the program may also keep kernel addresses (pointer leaks) at this level",
		 obj->name, prog->name, bpf_lockdown_level_name(l));
	opts->warn(opts->warn_ctx, msg);
}

static int cmp_u32(const void *a, const void *b)
{
	__u32 x = *(const __u32 *)a, y = *(const __u32 *)b;

	return x < y ? -1 : x > y;
}

/*
 * The .kconfig externs of the maps a program references, for its
 * annotation: in map index order, then offset order, as the kernel wants
 * them. The kernel then checks that each map holds its values.
 */
static int prog_kconfig(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
			struct bpf_lockdown_kconfig_extern *out)
{
	__u32 idx[BPF_LOCKDOWN_SIG_MAX_MAPS], i, j, cnt = 0;
	const struct bpf_annotate_map *m;
	int n;

	n = ba_prog_maps(obj, prog, false, idx, ARRAY_SIZE(idx));
	if (n < 0)
		return 0;	/* the kernel refuses the program's fd_array anyway */
	qsort(idx, n, sizeof(idx[0]), cmp_u32);
	for (i = 0; i < (__u32)n; i++) {
		m = &obj->maps[idx[i]];
		for (j = 0; j < m->kconfig_cnt; j++) {
			if (cnt == BPF_LOCKDOWN_ANNOT_MAX_KCONFIG)
				return -E2BIG;
			out[cnt++] = (struct bpf_lockdown_kconfig_extern){
				.name = m->kconfig[j].name, .map_idx = idx[i],
				.value_off = m->kconfig[j].value_off, .size = m->kconfig[j].size,
				.type = m->kconfig[j].type, .flags = m->kconfig[j].flags,
			};
		}
	}
	return cnt;
}

/*
 * The sizes an application sets before loading (--map): only of maps that
 * hold no global data and no kconfig externs, which libbpf lays out
 */
static int set_map_sizes(struct bpf_annotate_obj *obj, const struct bpf_annotate_seal_opts *opts,
			 char *err, size_t err_size)
{
	const struct bpf_annotate_map_size *ms;
	struct bpf_annotate_map *m;
	__u32 i, j, k, *idx;

	if (!opts || !opts->map_size_cnt)
		return 0;
	if (!opts->map_sizes)
		return ba_fail(err, err_size, -EINVAL, "%s: map sizes without an array", obj->name);
	idx = calloc(opts->map_size_cnt, sizeof(*idx));
	if (!idx)
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", obj->name);
	/* check every entry before changing anything */
	for (i = 0; i < opts->map_size_cnt; i++) {
		ms = &opts->map_sizes[i];
		if (!ms->name || (!ms->max_entries && !ms->value_size)) {
			free(idx);
			return ba_fail(err, err_size, -EINVAL, "%s: a map size without a name or a size",
				       obj->name);
		}
		for (j = 0; j < obj->map_cnt; j++)
			if (obj->maps[j].name && !strcmp(obj->maps[j].name, ms->name))
				break;
		for (k = 0; k < i; k++)
			if (!strcmp(opts->map_sizes[k].name, ms->name))
				break;
		m = j < obj->map_cnt ? &obj->maps[j] : NULL;
		if (!m || k < i || m->data || m->kconfig_cnt || m->frozen || strchr(m->name, '.') ||
		    (ms->max_entries && m->type == BPF_MAP_TYPE_PERF_EVENT_ARRAY)) {
			free(idx);
			return ba_fail(err, err_size, m ? -EINVAL : -ENOENT, "%s: --map %s: %s",
				       obj->name, ms->name,
				       !m ? "no map of that name" :
				       k < i ? "given twice" :
				       ms->max_entries && m->type == BPF_MAP_TYPE_PERF_EVENT_ARRAY ?
				       "a perf event array has one entry per possible CPU" :
				       "global data and .kconfig maps have the sizes libbpf gives them");
		}
		idx[i] = j;
	}
	for (i = 0; i < opts->map_size_cnt; i++) {
		ms = &opts->map_sizes[i];
		m = &obj->maps[idx[i]];
		if (ms->max_entries)
			m->max_entries = ms->max_entries;
		/* the BTF value type no longer describes the value */
		if (ms->value_size && ms->value_size != m->value_size) {
			m->value_size = ms->value_size;
			m->btf_value_type_id = 0;
		}
	}
	free(idx);
	return 0;
}

/**
 * bpf_annotate_seal() - give every program of a recorded object its annotation
 * @obj: object from bpf_annotate_record()
 * @opts: policy file and warning callback, or NULL
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Without a policy, each level grants exactly what the code uses (helpers
 * called, kfuncs called, capabilities inferred) and the attach kinds its
 * section names when the ceiling for signed programs allows all of it at
 * that level, and nothing (no MAY_LOAD) otherwise; the program is bound to
 * the attach points its section names (ba_attach_infer()). That ceiling is
 * the one of a kernel that lets signed programs read the kernel at
 * confidentiality when @opts->kernel_reads, and there a level that grants
 * btf_read grants ksym too (ba_infer_grants()), with a warning when the
 * code does not use ksym itself (pointer leaks come with it). A section
 * that binds less than it suggests is a warning. A policy then narrows or
 * widens each level (see "POLICY FILE" in Documentation/bpf-annotate.rst).
 * Every annotation is version 2. Read-only global data the program
 * references is sealed. A freplace program records the signed
 * digest of its target program, from @opts->target, which it needs; an
 * object without freplace programs ignores @opts->target, with a warning.
 * Maps get the sizes of @opts->map_sizes first.
 *
 * Return: 0 or a negative errno with the reason: -ENOENT for a map size
 * of no map, -EINVAL for one of global data or .kconfig; -EINVAL for a freplace
 * program without @opts->target or with a target it cannot replace a
 * function of, -ENOENT for a missing @opts->target_prog, -ESRCH for a
 * target without the function; the errors of the policy and of
 * bpf_annotate_digest() of the target.
 */
int bpf_annotate_seal(struct bpf_annotate_obj *obj, const struct bpf_annotate_seal_opts *opts,
		      char *err, size_t err_size)
{
	const char *points[BA_MAX_POINTS];
	struct bpf_lockdown_annot_spec spec;
	struct ba_grant grant[BPF_LOCKDOWN_LEVEL_NR];
	struct ba_attach *att;
	__u32 sealed[BPF_LOCKDOWN_ANNOT_MAX_SEALED];
	struct bpf_lockdown_kconfig_extern kconfig[BPF_LOCKDOWN_ANNOT_MAX_KCONFIG];
	struct bpf_annotate_prog *prog;
	struct ba_policy *pol = NULL;
	struct ba_needs needs;
	char why[256], msg[512];
	__u32 i, l, size, ext = 0;
	__u8 *target;
	int ret = 0, n;
	void *blob;

	ret = set_map_sizes(obj, opts, err, err_size);
	if (ret)
		return ret;
	att = malloc(sizeof(*att));
	if (!att)
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", obj->name);
	if (opts && opts->policy) {
		ret = ba_policy_parse(opts->policy, &pol, err, err_size);
		if (!ret)
			ret = ba_policy_check_progs(pol, obj, err, err_size);
		if (ret)
			goto out;
	}
	for (i = 0; i < obj->prog_cnt; i++) {
		prog = &obj->progs[i];
		if (ba_needs(obj, prog, &needs)) {
			ret = ba_fail(err, err_size, -E2BIG,
				      "%s: program %s: calls more than %u kfuncs", obj->name,
				      prog->name, BA_MAX_KFUNCS);
			goto out;
		}
		ba_attach_infer(prog, att);
		if (att->weak && opts && opts->warn) {
			snprintf(msg, sizeof(msg), "%s: program %s: %s", obj->name, prog->name,
				 att->note);
			opts->warn(opts->warn_ctx, msg);
		}
		ba_infer_grants(&needs, att, opts && opts->kernel_reads, grant);
		if (pol) {
			ret = ba_policy_apply(pol, obj, prog, &needs, att, grant, opts, err, err_size);
			if (ret)
				goto out;
		}
		warn_ksym_for_btf_read(obj, prog, &needs, grant, opts);
		n = ba_prog_maps(obj, prog, true, sealed, ARRAY_SIZE(sealed));
		if (n < 0) {
			ret = ba_fail(err, err_size, n, "%s: program %s: references more than %u read-only maps",
				      obj->name, prog->name, BPF_LOCKDOWN_ANNOT_MAX_SEALED);
			goto out;
		}
		memset(&spec, 0, sizeof(spec));
		for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
			spec.level[l].may_load = grant[l].may_load;
			spec.level[l].caps = grant[l].caps;
			memcpy(spec.level[l].helpers, grant[l].helpers, sizeof(grant[l].helpers));
			spec.level[l].kfuncs = grant[l].kfuncs;
			spec.level[l].kfunc_cnt = grant[l].kfunc_cnt;
			memcpy(spec.level[l].attach, grant[l].attach, sizeof(grant[l].attach));
		}
		spec.sealed = sealed;
		spec.sealed_cnt = n;
		n = prog_kconfig(obj, prog, kconfig);
		if (n < 0) {
			ret = ba_fail(err, err_size, n, "%s: program %s: uses more than %u .kconfig externs",
				      obj->name, prog->name, BPF_LOCKDOWN_ANNOT_MAX_KCONFIG);
			goto out;
		}
		spec.kconfig = kconfig;
		spec.kconfig_cnt = n;
		spec.bind_attach = true;
		for (l = 0; l < att->point_cnt; l++)
			points[l] = att->points[l];
		spec.points = points;
		spec.point_cnt = att->point_cnt;
		ret = bpf_lockdown_annot_build(&spec, NULL, 0, &size, why, sizeof(why));
		blob = ret ? NULL : calloc(1, size);
		if (!ret && !blob)
			ret = -ENOMEM;
		if (!ret)
			ret = bpf_lockdown_annot_build(&spec, blob, size, &size, why, sizeof(why));
		if (ret) {
			free(blob);
			ret = ba_fail(err, err_size, ret, "%s: program %s: %s", obj->name,
				      prog->name, why[0] ? why : strerror(-ret));
			goto out;
		}
		target = NULL;
		if (prog->type == BPF_PROG_TYPE_EXT) {
			ext++;
			ret = target_digest(obj, prog, opts, &target, err, err_size);
			if (ret) {
				free(blob);
				goto out;
			}
		}
		free(prog->annot);
		free(prog->target_digest);
		free(prog->sig);
		free(prog->manifest);
		prog->annot = blob;
		prog->annot_size = size;
		prog->target_digest = target;
		prog->sig = NULL;
		prog->sig_size = 0;
		prog->manifest = NULL;
		prog->manifest_size = 0;
	}
	if (!ext && opts && opts->target && opts->warn) {
		snprintf(msg, sizeof(msg), "%s: the target %s is not used: the object has no freplace program",
			 obj->name, opts->target->name);
		opts->warn(opts->warn_ctx, msg);
	}
out:
	ba_policy_free(pol);
	free(att);
	return ret;
}
