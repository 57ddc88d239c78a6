/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - the instruction codes the library looks for */

#ifndef _BPF_ANNOTATE_INSN_H
#define _BPF_ANNOTATE_INSN_H

#include <linux/bpf.h>

/* the first half of a 16-byte load (map, ksym and constant addresses) */
#define BA_LD_IMM64	(BPF_LD | BPF_IMM | BPF_DW)
/* a call: a helper (src_reg 0), a subprogram or a kfunc */
#define BA_CALL		(BPF_JMP | BPF_CALL)

#endif /* _BPF_ANNOTATE_INSN_H */
