// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - what a program needs, and the annotation it is sealed with */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "internal.h"
#include "tier_table.h"

static const struct {
	__u32 cap;
	const char *name;	/* policy and show name */
	const char *tier;	/* capability name in the tier table, if any */
} caps[] = {
	{ BPF_LOCKDOWN_CAP_BTF_READ, "btf_read", "btf_pointer_read" },
	{ BPF_LOCKDOWN_CAP_KSYM, "ksym", "ksym_address" },
	{ BPF_LOCKDOWN_CAP_KERNEL_STACK, "kernel_stack", NULL },
};

/* helpers that return a pointer the verifier types as a BTF pointer */
static const int btf_pointer_helpers[] = {
	BPF_FUNC_get_current_task_btf, BPF_FUNC_task_pt_regs, BPF_FUNC_sock_from_file,
	BPF_FUNC_skc_to_tcp6_sock, BPF_FUNC_skc_to_tcp_sock,
	BPF_FUNC_skc_to_tcp_timewait_sock, BPF_FUNC_skc_to_tcp_request_sock,
	BPF_FUNC_skc_to_udp6_sock, BPF_FUNC_skc_to_unix_sock, BPF_FUNC_skc_to_mptcp_sock,
};

/* kfuncs that return a BTF pointer into kernel memory */
static const char *const btf_pointer_kfuncs[] = {
	"bpf_rdonly_cast", "bpf_cast_to_kern_ctx", "bpf_task_from_pid", "bpf_task_acquire",
};

/* stack helpers and the argument register of their flags */
static const struct {
	int func_id;
	int flags_reg;
} stack_helpers[] = {
	{ BPF_FUNC_get_stackid, BPF_REG_3 },
	{ BPF_FUNC_get_stack, BPF_REG_4 },
	{ BPF_FUNC_get_task_stack, BPF_REG_4 },
};

const char *ba_cap_name(__u32 cap)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(caps); i++)
		if (caps[i].cap == cap)
			return caps[i].name;
	return "?";
}

__u32 ba_cap_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(caps); i++)
		if (!strcmp(caps[i].name, name) || (caps[i].tier && !strcmp(caps[i].tier, name)))
			return caps[i].cap;
	return 0;
}

bool ba_ceiling_allows_helper(int func_id, unsigned int level)
{
	return bpf_lockdown_ceiling_allows(bpf_lockdown_helper_rule(func_id), level, false);
}

bool ba_ceiling_allows_kfunc(const char *name, unsigned int level)
{
	return bpf_lockdown_ceiling_allows(bpf_lockdown_kfunc_rule(name), level, false);
}

bool ba_ceiling_allows_cap(__u32 cap, unsigned int level)
{
	size_t i;

	if ((bpf_lockdown_ceiling_caps(level, false) & cap) != cap)
		return false;
	for (i = 0; i < ARRAY_SIZE(caps); i++)
		if ((cap & caps[i].cap) && caps[i].tier &&
		    !bpf_lockdown_ceiling_allows(bpf_lockdown_cap_rule(caps[i].tier), level, false))
			return false;
	return true;
}

bool ba_grant_has_kfunc(const struct ba_grant *g, const char *name)
{
	__u32 i;

	for (i = 0; i < g->kfunc_cnt; i++)
		if (!strcmp(g->kfuncs[i], name))
			return true;
	return false;
}

int ba_grant_add_kfunc(struct ba_grant *g, const char *name)
{
	if (ba_grant_has_kfunc(g, name))
		return 0;
	if (g->kfunc_cnt == BA_MAX_KFUNCS)
		return -E2BIG;
	g->kfuncs[g->kfunc_cnt++] = name;
	return 0;
}

void ba_grant_del_kfunc(struct ba_grant *g, const char *name)
{
	__u32 i;

	for (i = 0; i < g->kfunc_cnt; i++)
		if (!strcmp(g->kfuncs[i], name)) {
			memmove(&g->kfuncs[i], &g->kfuncs[i + 1],
				(g->kfunc_cnt - i - 1) * sizeof(g->kfuncs[0]));
			g->kfunc_cnt--;
			return;
		}
}

/**
 * ba_helper_insn() - first instruction that calls a helper
 * @prog: the program
 * @func_id: helper ID
 *
 * Return: the instruction index, or -1.
 */
int ba_helper_insn(const struct bpf_annotate_prog *prog, int func_id)
{
	__u32 i;

	for (i = 0; i < prog->insn_cnt; i++)
		if (prog->insns[i].code == BA_CALL && !prog->insns[i].src_reg &&
		    prog->insns[i].imm == func_id)
			return i;
	return -1;
}

static bool is_jump_target(const struct bpf_annotate_prog *prog, __u32 idx)
{
	const struct bpf_insn *in;
	__u32 i;
	__u8 op;

	for (i = 0; i < prog->insn_cnt; i++) {
		in = &prog->insns[i];
		op = BPF_OP(in->code);
		if (BPF_CLASS(in->code) != BPF_JMP && BPF_CLASS(in->code) != BPF_JMP32)
			continue;
		if (op == BPF_CALL || op == BPF_EXIT)
			continue;
		if ((__s64)i + in->off + 1 == idx)
			return true;
		if (BPF_CLASS(in->code) == BPF_JMP32 && op == BPF_JA &&
		    (__s64)i + in->imm + 1 == idx)
			return true;
	}
	return false;
}

/*
 * A stack helper collects a kernel stack unless its flags argument is a
 * constant with BPF_F_USER_STACK, set in the same straight-line block as
 * the call. Anything else counts as a kernel stack.
 */
static bool kernel_stack_call(const struct bpf_annotate_prog *prog, __u32 call, int reg)
{
	const struct bpf_insn *in;
	__u32 i;
	__u8 cls;

	for (i = call; i > 0 && !is_jump_target(prog, i); i--) {
		in = &prog->insns[i - 1];
		cls = BPF_CLASS(in->code);
		if (cls == BPF_JMP || cls == BPF_JMP32)
			return true;
		if (in->dst_reg != reg || cls == BPF_ST || cls == BPF_STX || !in->code)
			continue;
		if ((cls == BPF_ALU64 || cls == BPF_ALU) && BPF_OP(in->code) == BPF_MOV &&
		    BPF_SRC(in->code) == BPF_K)
			return !(in->imm & BPF_F_USER_STACK);
		return true;
	}
	return true;
}

static void need_cap(struct ba_needs *n, __u32 cap, const char *why)
{
	int bit = __builtin_ctz(cap);

	if (!(n->grant.caps & cap))
		n->cap_why[bit] = why;
	n->grant.caps |= cap;
}

/**
 * ba_btf_skip_mods() - a BTF type without its modifiers and typedefs
 * @btf: the BTF
 * @id: a type ID
 *
 * Return: the ID of the first type that is neither, 0 for void.
 */
__u32 ba_btf_skip_mods(const struct btf *btf, __u32 id)
{
	const struct btf_type *t;

	while (id) {
		t = btf__type_by_id(btf, id);
		if (!t || (!btf_is_mod(t) && !btf_is_typedef(t)))
			break;
		id = t->type;
	}
	return id;
}

/*
 * Whether the object declares the ksym @name with a struct or union type:
 * the verifier types its address, and what bpf_per_cpu_ptr() and
 * bpf_this_cpu_ptr() make of it, as a BTF pointer into kernel memory (a
 * ksym of another type becomes read-only memory of its size). libbpf
 * checks the declaration against the kernel's, and retypes it as an int in
 * the BTF it loads: the ELF's own BTF has it.
 */
static bool ksym_is_composite(const struct bpf_annotate_obj *obj, const char *name)
{
	const struct btf_type *t;
	struct btf *btf;
	const __u8 *raw;
	size_t raw_size, len = strlen(name);
	bool found = false;
	const char *n;
	__u32 id, cnt;

	if (!obj->elf || ba_elf_find(obj->elf, obj->elf_size, ".BTF", &raw, &raw_size))
		return false;
	btf = btf__new(raw, raw_size);
	if (!btf)
		return false;
	cnt = btf__type_cnt(btf);
	for (id = 1; id < cnt && !found; id++) {
		t = btf__type_by_id(btf, id);
		if (!btf_is_var(t))
			continue;
		n = btf__name_by_offset(btf, t->name_off);
		/* the declaration may carry a CO-RE flavor (runqueues___x) */
		if (!n || bpf_core_essential_name_len(n) != len || strncmp(n, name, len))
			continue;
		t = btf__type_by_id(btf, ba_btf_skip_mods(btf, t->type));
		found = t && btf_is_composite(t);
	}
	btf__free(btf);
	return found;
}

/**
 * ba_needs() - what a program's code uses
 * @obj: the object the program is of (its BTF types the ksyms)
 * @prog: the program
 * @n: filled with the helpers it calls, the kfuncs it calls and the
 *	capabilities it needs (see "Inference" in Documentation/bpf-annotate.rst)
 *
 * Return: 0, or -E2BIG when it calls more kfuncs than an annotation holds.
 */
int ba_needs(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
	     struct ba_needs *n)
{
	const struct bpf_insn *in;
	const char *name;
	__u32 i;
	size_t k;

	memset(n, 0, sizeof(*n));
	if (prog->type == BPF_PROG_TYPE_TRACING || prog->type == BPF_PROG_TYPE_LSM)
		need_cap(n, BPF_LOCKDOWN_CAP_BTF_READ, "a BTF-typed tracing or LSM program");
	for (i = 0; i < prog->insn_cnt; i++) {
		in = &prog->insns[i];
		if (in->code == BA_LD_IMM64) {
			i++;
			continue;
		}
		if (in->code != BA_CALL || in->src_reg)
			continue;
		bpf_lockdown_annot_set_helper(n->grant.helpers, in->imm);
		for (k = 0; k < ARRAY_SIZE(btf_pointer_helpers); k++)
			if (in->imm == btf_pointer_helpers[k])
				need_cap(n, BPF_LOCKDOWN_CAP_BTF_READ,
					 "a helper that returns a BTF pointer");
		for (k = 0; k < ARRAY_SIZE(stack_helpers); k++)
			if (in->imm == stack_helpers[k].func_id &&
			    kernel_stack_call(prog, i, stack_helpers[k].flags_reg))
				need_cap(n, BPF_LOCKDOWN_CAP_KERNEL_STACK,
					 "a stack helper without a constant BPF_F_USER_STACK");
	}
	for (i = 0; i < prog->extern_cnt; i++) {
		name = prog->externs[i].name;
		if (prog->externs[i].is_ld64) {
			need_cap(n, BPF_LOCKDOWN_CAP_KSYM, "a __ksym address load");
			if (ksym_is_composite(obj, name))
				need_cap(n, BPF_LOCKDOWN_CAP_BTF_READ,
					 "a __ksym of struct or union type");
			continue;
		}
		if (ba_grant_add_kfunc(&n->grant, name))
			return -E2BIG;
		for (k = 0; k < ARRAY_SIZE(btf_pointer_kfuncs); k++)
			if (!strcmp(name, btf_pointer_kfuncs[k]))
				need_cap(n, BPF_LOCKDOWN_CAP_BTF_READ,
					 "a kfunc that returns a BTF pointer");
	}
	return 0;
}

static bool sealable(const struct bpf_annotate_map *m)
{
	return m->type == BPF_MAP_TYPE_ARRAY && (m->map_flags & BPF_F_RDONLY_PROG) &&
	       m->frozen && m->data;
}

/**
 * ba_prog_maps() - the maps a program references
 * @obj: the object
 * @prog: the program
 * @sealed_only: only the maps its annotation seals: every read-only array
 *	map (BPF_F_RDONLY_PROG, frozen, with contents: .rodata)
 * @idx: filled with fd_array indices, each once, in instruction order
 * @max: size of @idx
 *
 * Return: the number of maps, or -E2BIG when there are more than @max.
 */
int ba_prog_maps(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
		 bool sealed_only, __u32 *idx, __u32 max)
{
	const struct bpf_insn *in;
	__u32 i, j, cnt = 0;

	for (i = 0; i + 1 < prog->insn_cnt; i++) {
		in = &prog->insns[i];
		if (in->code != BA_LD_IMM64)
			continue;
		i++;
		if (in->src_reg != BPF_PSEUDO_MAP_IDX && in->src_reg != BPF_PSEUDO_MAP_IDX_VALUE)
			continue;
		if ((__u32)in->imm >= obj->map_cnt)
			continue;
		if (sealed_only && !sealable(&obj->maps[in->imm]))
			continue;
		for (j = 0; j < cnt && idx[j] != (__u32)in->imm; j++)
			;
		if (j < cnt)
			continue;
		if (cnt == max)
			return -E2BIG;
		idx[cnt++] = in->imm;
	}
	return cnt;
}

static bool check_ceiling(const struct ba_grant *g, unsigned int level)
{
	__u32 i;

	for (i = 1; i < __BPF_FUNC_MAX_ID; i++) {
		if (!(g->helpers[i / 64] & (1ULL << (i % 64))))
			continue;
		if (!ba_ceiling_allows_helper(i, level))
			return false;
	}
	for (i = 0; i < g->kfunc_cnt; i++)
		if (!ba_ceiling_allows_kfunc(g->kfuncs[i], level))
			return false;
	return ba_ceiling_allows_cap(g->caps, level);
}

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
		fn = btf__type_by_id(btf, ba_get_le32(rec + 4));
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

/**
 * bpf_annotate_seal() - give every program of a recorded object its annotation
 * @obj: object from bpf_annotate_record()
 * @opts: policy file and warning callback, or NULL
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Without a policy, each level grants exactly what the code uses (helpers
 * called, kfuncs called, capabilities inferred) when the ceiling for
 * signed programs allows all of it at that level, and nothing (no
 * MAY_LOAD) otherwise. A policy then narrows or widens each level (see
 * "POLICY FILE" in Documentation/bpf-annotate.rst). Read-only global data
 * the program references is sealed. A freplace program records the signed
 * digest of its target program, from @opts->target, which it needs; an
 * object without freplace programs ignores @opts->target, with a warning.
 *
 * Return: 0 or a negative errno with the reason: -EINVAL for a freplace
 * program without @opts->target or with a target it cannot replace a
 * function of, -ENOENT for a missing @opts->target_prog, -ESRCH for a
 * target without the function; the errors of the policy and of
 * bpf_annotate_digest() of the target.
 */
int bpf_annotate_seal(struct bpf_annotate_obj *obj, const struct bpf_annotate_seal_opts *opts,
		      char *err, size_t err_size)
{
	struct bpf_lockdown_annot_spec spec;
	struct ba_grant grant[BPF_LOCKDOWN_LEVEL_NR];
	__u32 sealed[BPF_LOCKDOWN_ANNOT_MAX_SEALED];
	struct bpf_annotate_prog *prog;
	struct ba_policy *pol = NULL;
	struct ba_needs needs;
	char why[256], msg[512];
	__u32 i, l, size, ext = 0;
	__u8 *target;
	int ret = 0, n;
	void *blob;

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
		for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
			grant[l] = needs.grant;
			grant[l].may_load = check_ceiling(&needs.grant, l);
			if (!grant[l].may_load)
				memset(&grant[l], 0, sizeof(grant[l]));
		}
		if (pol) {
			ret = ba_policy_apply(pol, obj, prog, &needs, grant, opts, err, err_size);
			if (ret)
				goto out;
		}
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
		}
		spec.sealed = sealed;
		spec.sealed_cnt = n;
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
	return ret;
}
