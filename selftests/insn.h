/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown selftests - instruction macros */

#ifndef _LOCKDOWN_INSN_H
#define _LOCKDOWN_INSN_H

#include <linux/bpf.h>

#define INSN(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), \
					       .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i)		INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s)		INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i)		INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define LDX_DW(d, s, o)		INSN(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define ST_DW(d, o, i)		INSN(BPF_ST | BPF_MEM | BPF_DW, d, 0, o, i)
#define ST_W(d, o, i)		INSN(BPF_ST | BPF_MEM | BPF_W, d, 0, o, i)
#define CALL(id)		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define KFUNC_CALL		INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, 0)
#define LD_MAP_FD(d)		INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_FD, 0, 0), \
				INSN(0, 0, 0, 0, 0)
#define EXIT			INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define RET0			MOV64_IMM(BPF_REG_0, 0), EXIT

/*
 * ld_pruned_call() - a call reached by two paths, for pruning attacks
 * @insns: the program, with room for @head_cnt + @pad + 9 instructions
 * @head: sets the call's arguments and r0, which picks the path
 * @head_cnt: number of instructions in @head
 * @first: the instruction of the path the verifier walks first (r0 == 0),
 *	which sets the argument under test to an allowed value
 * @func_id: the helper called
 * @pad: moves of r8 on the first path
 *
 * The other path (r0 != 0) jumps straight to the call with the value
 * @head left. No-op jumps on r7 and @pad moves on the first path make the
 * verifier keep its state at the call for some @pad (it keeps one after
 * at least 2 jumps and 8 instructions): a check that did not mark the
 * argument precise would see the second path pruned as equivalent.
 *
 * Return: the number of instructions written.
 */
static inline unsigned int ld_pruned_call(struct bpf_insn *insns, const struct bpf_insn *head,
					  unsigned int head_cnt, struct bpf_insn first,
					  int func_id, unsigned int pad)
{
	const struct bpf_insn nop = INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_7, 0, 0, 0);
	unsigned int n = head_cnt, jne, i;

	for (i = 0; i < head_cnt; i++)
		insns[i] = head[i];
	insns[n++] = MOV64_IMM(BPF_REG_7, 0);
	jne = n++;
	insns[n++] = first;
	insns[n++] = nop;
	insns[n++] = nop;
	for (i = 0; i < pad; i++)
		insns[n++] = MOV64_IMM(BPF_REG_8, 0);
	insns[n++] = nop;
	insns[n++] = nop;
	insns[jne] = INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_0, 0, n - jne - 1, 0);
	insns[n++] = CALL(func_id);
	insns[n++] = MOV64_IMM(BPF_REG_0, 0);
	insns[n++] = EXIT;
	return n;
}

#endif /* _LOCKDOWN_INSN_H */
