// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown - libFuzzer harness for libbpf's reader of sealed objects
 * (tools/lib/bpf/lockdown.c), which parses two sections of a file that
 * any caller may hand to bpf_object__open().
 *
 * Input: __u32 (little-endian) size of the .bpf_lockdown section, that
 * section, then the .bpf_lockdown.sig section (the rest).
 */

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>

#include "libbpf_internal.h"
#include "lockdown.h"

#define check(cond) do { if (!(cond)) abort(); } while (0)

/* what lockdown.c calls in libbpf: the messages, and a BTF lookup */
void libbpf_print(enum libbpf_print_level level, const char *format, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, format);
	vsnprintf(buf, sizeof(buf), format, ap);
	va_end(ap);
}

int btf__find_by_name_kind(const struct btf *btf, const char *name, __u32 kind)
{
	return name[0] == 'x' ? -ENOENT : 7;	/* some names are not found */
}

/* [p, p + size) lies within [base, base + len) */
static int inside(const void *p, size_t size, const void *base, size_t len)
{
	return (const char *)p >= (const char *)base &&
	       size <= len - ((const char *)p - (const char *)base);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct bpf_lockdown_prog *lp;
	const struct bpf_lockdown_map *m;
	struct bpf_lockdown *ld;
	struct bpf_insn *insns;
	__u32 sec_sz, i, j;

	if (size < 4)
		return 0;
	sec_sz = data[0] | data[1] << 8 | data[2] << 16 | (__u32)data[3] << 24;
	if (sec_sz > size - 4)
		sec_sz = size - 4;
	ld = bpf_lockdown__new(data + 4, sec_sz, data + 4 + sec_sz, size - 4 - sec_sz);
	check(!IS_ERR(ld));
	if (bpf_lockdown__parse(ld, "fuzz")) {
		bpf_lockdown__free(ld);
		return 0;
	}
	check(!bpf_lockdown__parse(ld, "fuzz"));	/* once */
	check(!ld->btf_sz || inside(ld->btf, ld->btf_sz, ld->sec, ld->sec_sz));
	for (i = 0; i < ld->map_cnt; i++) {
		m = &ld->maps[i];
		check(m->name && m->name[0]);
		check(!m->data || (m->data_sz == m->value_size &&
				   inside(m->data, m->data_sz, ld->sec, ld->sec_sz)));
	}
	for (i = 0; i < ld->prog_cnt; i++) {
		lp = &ld->progs[i];
		check(lp->name && lp->name[0] && bpf_lockdown__find_prog(ld, lp->name) == lp);
		check(lp->insn_cnt && inside(lp->insns, (size_t)lp->insn_cnt * 8, ld->sec, ld->sec_sz));
		check(inside(lp->func_info, (size_t)lp->func_info_cnt * lp->func_info_rec_size,
			     ld->sec, ld->sec_sz) || !lp->func_info_cnt);
		check(inside(lp->line_info, (size_t)lp->line_info_cnt * lp->line_info_rec_size,
			     ld->sec, ld->sec_sz) || !lp->line_info_cnt);
		check(inside(lp->core_relos, (size_t)lp->core_relo_cnt * lp->core_relo_rec_size,
			     ld->sec, ld->sec_sz) || !lp->core_relo_cnt);
		check(!lp->annot || inside(lp->annot, lp->annot_sz, ld->sec, ld->sec_sz));
		check(!lp->sig || (lp->sig_sz && inside(lp->sig, lp->sig_sz, ld->sig_sec,
							  ld->sig_sec_sz)));
		for (j = 0; j < lp->extern_cnt; j++)
			check((__u64)lp->externs[j].insn_idx + lp->externs[j].ld64 < lp->insn_cnt);
		if (!bpf_lockdown__prog_insns(lp, (const struct btf *)ld, &insns)) {
			for (j = 0; j < lp->extern_cnt; j++)
				check(insns[lp->externs[j].insn_idx].imm == 7);
			free(insns);
		}
	}
	bpf_lockdown__free(ld);
	return 0;
}
