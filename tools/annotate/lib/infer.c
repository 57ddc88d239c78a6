// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - inference: what the code of a program uses */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "annot.h"
#include "btf_util.h"
#include "digest.h"
#include "elfio.h"
#include "infer.h"
#include "tier_table.h"
#include "util.h"

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
		if (prog->insns[i].code == BPF_LOCKDOWN_CALL && !prog->insns[i].src_reg &&
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
	int flags_reg;
	__u32 i;
	size_t k;

	memset(n, 0, sizeof(*n));
	if (prog->type == BPF_PROG_TYPE_TRACING || prog->type == BPF_PROG_TYPE_LSM)
		need_cap(n, BPF_LOCKDOWN_CAP_BTF_READ, "a BTF-typed tracing or LSM program");
	for (i = 0; i < prog->insn_cnt; i++) {
		in = &prog->insns[i];
		if (in->code == BPF_LOCKDOWN_LD_IMM64) {
			i++;
			continue;
		}
		if (in->code != BPF_LOCKDOWN_CALL || in->src_reg)
			continue;
		bpf_lockdown_annot_set_helper(n->grant.helpers, in->imm);
		for (k = 0; k < ARRAY_SIZE(btf_pointer_helpers); k++)
			if (in->imm == btf_pointer_helpers[k])
				need_cap(n, BPF_LOCKDOWN_CAP_BTF_READ,
					 "a helper that returns a BTF pointer");
		flags_reg = bpf_lockdown_stack_flags_reg(in->imm);
		if (flags_reg >= 0 && kernel_stack_call(prog, i, flags_reg))
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
		if (in->code != BPF_LOCKDOWN_LD_IMM64)
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
