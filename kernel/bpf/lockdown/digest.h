/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - signed digest of a program, shared by the kernel and bpf-annotate */

#ifndef _BPF_LOCKDOWN_DIGEST_H
#define _BPF_LOCKDOWN_DIGEST_H

#include "annot.h"

/**
 * define BPF_LOCKDOWN_LD_IMM64 - the code of the first half of a 16-byte
 * load: a map, a ksym or a constant, as src_reg says
 *
 * The instruction codes the digest, the kernel's checks and bpf-annotate
 * look for; they expand where the BPF UAPI header is included.
 */
#define BPF_LOCKDOWN_LD_IMM64	(BPF_LD | BPF_IMM | BPF_DW)

/**
 * define BPF_LOCKDOWN_CALL - the code of a call: a helper, a subprogram or
 * a kfunc, as src_reg says
 */
#define BPF_LOCKDOWN_CALL	(BPF_JMP | BPF_CALL)

/**
 * define BPF_LOCKDOWN_MAINLINE_ANNOT_PREFIX_SIZE - size of what comes first
 * in the bytes of an annotated signature in mainline's format
 *
 * Mainline's format signs the instructions followed by the metadata. A
 * loader that carries an annotation signs
 * bpf_lockdown_mainline_annot_prefix(), the annotation, then the
 * instructions and the metadata. The prefix starts with a zero byte, an
 * opcode the verifier refuses, so its bytes are never the instructions of
 * a program: a signature of one kind never verifies as the other. It
 * holds the sizes of the annotation and of the instructions, so no byte
 * moves from one part to the next.
 */
#define BPF_LOCKDOWN_MAINLINE_ANNOT_PREFIX_SIZE	16

/**
 * bpf_lockdown_mainline_annot_prefix() - the prefix of an annotated
 *	signature in mainline's format
 * @out: %BPF_LOCKDOWN_MAINLINE_ANNOT_PREFIX_SIZE bytes: "\0BPFLDAN", the
 *	annotation's size and the number of instructions (__le32 each)
 * @annot_size: size of the annotation in bytes
 * @insn_cnt: number of instructions
 */
static inline void bpf_lockdown_mainline_annot_prefix(__u8 *out, __u32 annot_size,
						      __u32 insn_cnt)
{
	static const __u8 magic[8] = { 0, 'B', 'P', 'F', 'L', 'D', 'A', 'N' };
	__u32 i;

	for (i = 0; i < 8; i++)
		out[i] = magic[i];
	for (i = 0; i < 4; i++) {
		out[8 + i] = annot_size >> (8 * i);
		out[12 + i] = insn_cnt >> (8 * i);
	}
}

/**
 * bpf_lockdown_loader_helper() - a helper libbpf's light skeleton loaders call
 * @func_id: &enum bpf_func_id
 *
 * They zero their stack and may copy map values with
 * bpf_probe_read_kernel(), copy from user memory, load objects, close
 * fds and look up BTF types and ksyms. At confidentiality a loader signed
 * in mainline's format may call nothing else, whatever its annotation
 * grants (the kernel, in enforce.c), and bpf-annotate sign-lskel
 * --kernel-reads signs no loader that does. Format helpers are not among
 * them: "%s" reads any address its argument holds.
 *
 * Return: true for those helpers.
 */
static inline bool bpf_lockdown_loader_helper(int func_id)
{
	switch (func_id) {
	case BPF_FUNC_probe_read_kernel:
	case BPF_FUNC_copy_from_user:
	case BPF_FUNC_sys_bpf:
	case BPF_FUNC_sys_close:
	case BPF_FUNC_btf_find_by_name_kind:
	case BPF_FUNC_kallsyms_lookup_name:
		return true;
	}
	return false;
}

/**
 * define BPF_LOCKDOWN_DIGEST_SIZE - size of the digest in bytes (SHA256)
 */
#define BPF_LOCKDOWN_DIGEST_SIZE	32

/**
 * define BPF_LOCKDOWN_DIGEST_NAME_MAX - longest kfunc or ksym name, without
 * its NUL (KSYM_NAME_LEN - 1)
 */
#define BPF_LOCKDOWN_DIGEST_NAME_MAX	511

/**
 * struct bpf_lockdown_digest_map - one fd_array slot
 * @type: map type; 0 (BPF_MAP_TYPE_UNSPEC) with all other fields zero for
 *	a slot that holds no map (a module BTF used by a kfunc call)
 * @key_size: key size
 * @value_size: value size
 * @max_entries: maximum number of entries; not hashed for
 *	BPF_MAP_TYPE_PERF_EVENT_ARRAY, whose size is the number of CPUs
 * @flags: map flags; BPF_F_RDONLY and BPF_F_WRONLY are not hashed (they
 *	belong to the fd that created the map, and the kernel drops them)
 * @sealed_sha256: for a map the annotation seals, the SHA-256 of its
 *	frozen contents (32 bytes; for an array map, the values of all entries
 *	in index order); the caller checks that the map is frozen. Ignored for
 *	maps that are not sealed.
 */
struct bpf_lockdown_digest_map {
	__u32 type;
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	__u32 flags;
	const __u8 *sealed_sha256;
};

/**
 * struct bpf_lockdown_digest_input - everything the signature covers
 * @prog_type: &enum bpf_prog_type
 * @expected_attach_type: &enum bpf_attach_type
 * @attach_name: BTF name of the attach target, or NULL or "" for none
 * @prog_name: program name, or NULL for none
 * @license: license string, or NULL for none
 * @insns: the instructions as submitted (before CO-RE relocation)
 * @insn_cnt: number of instructions
 * @maps: one descriptor per fd_array slot
 * @map_cnt: number of fd_array slots described
 * @btf: the program's BTF blob, or NULL
 * @btf_size: size of @btf
 * @func_info: func_info records, or NULL
 * @func_info_cnt: number of func_info records
 * @func_info_rec_size: size of one func_info record
 * @line_info: line_info records, or NULL
 * @line_info_cnt: number of line_info records
 * @line_info_rec_size: size of one line_info record
 * @core_relos: &struct bpf_core_relo records, or NULL
 * @core_relo_cnt: number of CO-RE relocation records
 * @core_relo_rec_size: size of one CO-RE relocation record
 * @annot: the parsed annotation, or NULL when there is none; its blob is
 *	hashed and its sealed list selects the maps whose contents are hashed
 * @target_digest: for an extension (BPF_PROG_TYPE_EXT), the signed digest
 *	of its target program (BPF_LOCKDOWN_DIGEST_SIZE bytes); NULL otherwise
 */
struct bpf_lockdown_digest_input {
	__u32 prog_type;
	__u32 expected_attach_type;
	const char *attach_name;
	const char *prog_name;
	const char *license;
	const struct bpf_insn *insns;
	__u32 insn_cnt;
	const struct bpf_lockdown_digest_map *maps;
	__u32 map_cnt;
	const void *btf;
	__u32 btf_size;
	const void *func_info;
	__u32 func_info_cnt;
	__u32 func_info_rec_size;
	const void *line_info;
	__u32 line_info_cnt;
	__u32 line_info_rec_size;
	const void *core_relos;
	__u32 core_relo_cnt;
	__u32 core_relo_rec_size;
	const struct bpf_lockdown_annot *annot;
	const __u8 *target_digest;
};

/**
 * enum bpf_lockdown_digest_kind - what a name is looked up for
 * @BPF_LOCKDOWN_DIGEST_KFUNC: a kfunc call (BPF_PSEUDO_KFUNC_CALL): @btf_id
 *	is insn.imm, @btf_obj is insn.off (an fd_array index of a module BTF,
 *	or 0 for vmlinux)
 * @BPF_LOCKDOWN_DIGEST_KSYM: ld_imm64 BPF_PSEUDO_BTF_ID: @btf_id is
 *	insn[0].imm, @btf_obj is insn[1].imm (a module BTF fd, or 0 for vmlinux)
 */
enum bpf_lockdown_digest_kind {
	BPF_LOCKDOWN_DIGEST_KFUNC,
	BPF_LOCKDOWN_DIGEST_KSYM,
};

/**
 * struct bpf_lockdown_digest_ops - callbacks of bpf_lockdown_digest()
 * @btf_name: set *@name to the NUL-terminated BTF name of @btf_id in the BTF
 *	that @btf_obj designates (see &enum bpf_lockdown_digest_kind); the
 *	name must stay valid until the callback is called again or the digest
 *	returns. Return 0 or a negative errno, which the digest returns.
 */
struct bpf_lockdown_digest_ops {
	int (*btf_name)(void *ctx, enum bpf_lockdown_digest_kind kind,
			__u32 insn_idx, __u32 btf_id, __s32 btf_obj,
			const char **name);
};

int bpf_lockdown_digest(const struct bpf_lockdown_digest_input *in,
			const struct bpf_lockdown_digest_ops *ops, void *ctx,
			__u8 out[BPF_LOCKDOWN_DIGEST_SIZE], char *err, size_t err_size);

#endif /* _BPF_LOCKDOWN_DIGEST_H */
