/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BPF lockdown - fixed test vectors of the annotation parser and the digest,
 * run both by the in-kernel KUnit test (lockdown_kunit.c) and by the
 * userspace unit tests (tools/annotate/tests/digest_test.c).
 */

#ifndef _BPF_LOCKDOWN_TEST_VECTORS_H
#define _BPF_LOCKDOWN_TEST_VECTORS_H

#include "annot.h"
#include "digest.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/*
 * The fixed program: a fentry program on do_unlinkat that loads two maps by
 * fd_array index, calls two kfuncs, loads a ksym and calls a helper.
 */
static const struct bpf_insn vec_prog[] = {
	/* 0: r1 = map at fd_array[0] */
	{ .code = BPF_LOCKDOWN_LD_IMM64, .dst_reg = 1, .src_reg = BPF_PSEUDO_MAP_IDX, .imm = 0 },
	{ 0 },
	/* 2: r2 = &value of fd_array[1] + 8 */
	{ .code = BPF_LOCKDOWN_LD_IMM64, .dst_reg = 2, .src_reg = BPF_PSEUDO_MAP_IDX_VALUE,
	  .imm = 1 },
	{ .imm = 8 },
	/* 4: call bpf_rcu_read_lock */
	{ .code = BPF_LOCKDOWN_CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = 1001 },
	/* 5: r3 = &bpf_prog_active */
	{ .code = BPF_LOCKDOWN_LD_IMM64, .dst_reg = 3, .src_reg = BPF_PSEUDO_BTF_ID, .imm = 2002 },
	{ 0 },
	/* 7: call bpf_map_lookup_elem */
	{ .code = BPF_LOCKDOWN_CALL, .imm = BPF_FUNC_map_lookup_elem },
	/* 8: call bpf_rcu_read_unlock */
	{ .code = BPF_LOCKDOWN_CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = 1003 },
	/* 9: r0 = 0x1122334455667788 (plain ld_imm64) */
	{ .code = BPF_LOCKDOWN_LD_IMM64, .dst_reg = 0, .imm = 0x55667788 },
	{ .imm = 0x11223344 },
	/* 11: exit */
	{ .code = BPF_JMP | BPF_EXIT },
};

#define VEC_PROG_CNT	((__u32)ARRAY_SIZE(vec_prog))

static const __u8 vec_rodata_sha[32] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d,
	0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
	0x1c, 0x1d, 0x1e, 0x1f,
};

static const struct bpf_lockdown_digest_map vec_maps[] = {
	{ .type = BPF_MAP_TYPE_HASH, .key_size = 4, .value_size = 16, .max_entries = 64 },
	{ .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 32, .max_entries = 1,
	  .flags = BPF_F_RDONLY_PROG, .sealed_sha256 = vec_rodata_sha },
};

static const __u8 vec_btf[24] = {
	0x9f, 0xeb, 0x01, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static const struct bpf_func_info vec_func_info[] = { { 0, 3 }, { 9, 4 } };
static const struct bpf_line_info vec_line_info[] = { { 0, 1, 17, 5 << 10 | 2 } };
static const struct bpf_core_relo vec_core_relos[] = {
	{ 1, 7, 12, BPF_CORE_FIELD_BYTE_OFFSET },
};

/**
 * struct vec_btf_entry - a BTF ID as a kernel would number it
 * @kind: kfunc or ksym
 * @id: the BTF ID
 * @obj: the BTF object (0 for vmlinux)
 * @name: its name; 5001, 77 and 88 are aliases of other entries
 */
struct vec_btf_entry {
	enum bpf_lockdown_digest_kind kind;
	__u32 id;
	__s32 obj;
	const char *name;
};

static const struct vec_btf_entry vec_btf_names[] = {
	{ BPF_LOCKDOWN_DIGEST_KFUNC, 1001, 0, "bpf_rcu_read_lock" },
	{ BPF_LOCKDOWN_DIGEST_KFUNC, 1003, 0, "bpf_rcu_read_unlock" },
	{ BPF_LOCKDOWN_DIGEST_KSYM, 2002, 0, "bpf_prog_active" },
	{ BPF_LOCKDOWN_DIGEST_KFUNC, 5001, 0, "bpf_rcu_read_lock" },
	{ BPF_LOCKDOWN_DIGEST_KFUNC, 77, 1, "bpf_rcu_read_lock" },
	{ BPF_LOCKDOWN_DIGEST_KSYM, 88, 9, "bpf_prog_active" },
	{ BPF_LOCKDOWN_DIGEST_KFUNC, 3003, 0, "bpf_rcu_read_lock" },
};

/* Look @btf_id up in vec_btf_names */
static inline int vec_btf_name(enum bpf_lockdown_digest_kind kind, __u32 btf_id,
			       __s32 btf_obj, const char **name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vec_btf_names); i++)
		if (vec_btf_names[i].kind == kind && vec_btf_names[i].id == btf_id &&
		    vec_btf_names[i].obj == btf_obj) {
			*name = vec_btf_names[i].name;
			return 0;
		}
	return -ENOENT;
}

static const char *const vec_kfuncs[] = { "bpf_rcu_read_lock", "bpf_rcu_read_unlock" };
static const __u32 vec_sealed[] = { 1 };

/* The annotation: at none and integrity, the program's calls and a ksym */
static inline void vec_annot_spec(struct bpf_lockdown_annot_spec *spec)
{
	int l;

	memset(spec, 0, sizeof(*spec));
	for (l = BPF_LOCKDOWN_LEVEL_NONE; l <= BPF_LOCKDOWN_LEVEL_INTEGRITY; l++) {
		spec->level[l].may_load = true;
		spec->level[l].caps = BPF_LOCKDOWN_CAP_KSYM;
		bpf_lockdown_annot_set_helper(spec->level[l].helpers, BPF_FUNC_map_lookup_elem);
		spec->level[l].kfuncs = vec_kfuncs;
		spec->level[l].kfunc_cnt = 2;
	}
	spec->sealed = vec_sealed;
	spec->sealed_cnt = 1;
}

/* Size of the annotation vec_annot_spec() builds */
#define VEC_ANNOT_SIZE	408

/* The digest input of the fixed program with the parsed annotation @annot */
static inline void vec_base_input(struct bpf_lockdown_digest_input *in,
				  const struct bpf_lockdown_annot *annot)
{
	memset(in, 0, sizeof(*in));
	in->prog_type = BPF_PROG_TYPE_TRACING;
	in->expected_attach_type = BPF_TRACE_FENTRY;
	in->attach_name = "do_unlinkat";
	in->prog_name = "unlink_watch";
	in->license = "GPL";
	in->insns = vec_prog;
	in->insn_cnt = VEC_PROG_CNT;
	in->maps = vec_maps;
	in->map_cnt = 2;
	in->btf = vec_btf;
	in->btf_size = sizeof(vec_btf);
	in->func_info = vec_func_info;
	in->func_info_cnt = 2;
	in->func_info_rec_size = sizeof(vec_func_info[0]);
	in->line_info = vec_line_info;
	in->line_info_cnt = 1;
	in->line_info_rec_size = sizeof(vec_line_info[0]);
	in->core_relos = vec_core_relos;
	in->core_relo_cnt = 1;
	in->core_relo_rec_size = sizeof(vec_core_relos[0]);
	in->annot = annot;
}

/*
 * The digest of vec_base_input(), computed once and pinned. It pins the
 * canonical form documented with enum bpf_lockdown_digest_tag: if it
 * changes after a change to digest.c, annot.c or the UAPI, signatures made
 * by older tools no longer verify. Such a change must update this pin AND
 * raise BPF_LOCKDOWN_ANNOT_VERSION (the digest hashes the annotation's
 * version first; this vector's annotation is version 1).
 * tools/annotate/tests/vectors/digest_reference.py, an independent
 * implementation, reproduces it.
 */
static const char vec_pinned[] =
	"b8b706a3ae567e410701604f511153bd61b7e9ea31b32b7cbaa6ad661ce7b6f4";

/*
 * bpf_lockdown_mainline_annot_prefix() of an annotation of VEC_PREFIX_SIZE
 * bytes and VEC_PREFIX_INSNS instructions: what an annotated signature in
 * mainline's format signs first (Documentation/userspace-api.rst gives
 * these bytes)
 */
#define VEC_PREFIX_SIZE		0x01020304U
#define VEC_PREFIX_INSNS	0x0a0b0c0dU
static const __u8 vec_mainline_prefix[BPF_LOCKDOWN_MAINLINE_ANNOT_PREFIX_SIZE] = {
	0x00, 'B', 'P', 'F', 'L', 'D', 'A', 'N', 0x04, 0x03, 0x02, 0x01, 0x0d, 0x0c, 0x0b, 0x0a,
};

/**
 * struct vec_annot_bad - a malformed annotation: the fixed one, changed
 * @name: what is wrong
 * @off: byte offset of the __u32 to overwrite
 * @value: the value written there
 * @size: the size passed to the parser (0: the built size)
 * @err: the parser's errno
 * @msg: the parser's reason, exactly
 */
struct vec_annot_bad {
	const char *name;
	__u32 off;
	__u32 value;
	__u32 size;
	int err;
	const char *msg;
};

static const struct vec_annot_bad vec_annot_bads[] = {
	{ "bad_magic", 0, 0x41444c43, 0, -EBADMSG,
	  "annotation: bad magic 0x41444c43 (expected 0x41444c42)" },
	{ "unknown_version", 4, 4, 0, -EBADMSG,
	  "annotation: unsupported version 4 (expected 1 to 3)" },
	{ "version_1_kconfig_section", 60, 1, 0, -EBADMSG,
	  "annotation: version 1 has no kconfig section" },
	{ "version_1_attach_section", 44, 328, 0, -EBADMSG,
	  "annotation: version 1 has no attach section or attach points" },
	{ "version_2_without_attach_section", 4, 2, 0, -EBADMSG,
	  "annotation: version 2 without an attach section" },
	{ "total_size_differs", 12, VEC_ANNOT_SIZE - 24, 0, -EBADMSG,
	  "annotation: total size 384 does not match the 408 bytes passed" },
	{ "header_flags", 16, 1, 0, -EBADMSG,
	  "annotation: unknown header flags 0x1" },
	{ "level_cnt", 24, 2, 0, -EBADMSG,
	  "annotation: 2 levels (expected 3)" },
	{ "level_flags", 64, 3, 0, -EBADMSG,
	  "annotation: level none: unknown flags 0x3" },
	{ "level_caps", 68, 8, 0, -EBADMSG,
	  "annotation: level none: unknown capabilities 0x8" },
	{ "truncated", 0, 0x41444c42, 63, -EBADMSG,
	  "annotation: truncated header (63 of 64 bytes)" },
};

#define VEC_ANNOT_BAD_CNT	ARRAY_SIZE(vec_annot_bads)

#endif /* _BPF_LOCKDOWN_TEST_VECTORS_H */
