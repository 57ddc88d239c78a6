// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - unit tests of the signed digest (TAP) */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "tap.h"

#define LD_IMM64	(BPF_LD | BPF_IMM | BPF_DW)
#define CALL		(BPF_JMP | BPF_CALL)
#define NONE		BPF_LOCKDOWN_LEVEL_NONE
#define INTEGRITY	BPF_LOCKDOWN_LEVEL_INTEGRITY


static void hex(const __u8 *b, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

/*
 * The fixed program: a fentry program on do_unlinkat that loads two maps by
 * fd_array index, calls two kfuncs, loads a ksym and calls a helper.
 */
static const struct bpf_insn prog[] = {
	/* 0: r1 = map at fd_array[0] */
	{ .code = LD_IMM64, .dst_reg = 1, .src_reg = BPF_PSEUDO_MAP_IDX, .imm = 0 },
	{ 0 },
	/* 2: r2 = &value of fd_array[1] + 8 */
	{ .code = LD_IMM64, .dst_reg = 2, .src_reg = BPF_PSEUDO_MAP_IDX_VALUE, .imm = 1 },
	{ .imm = 8 },
	/* 4: call bpf_rcu_read_lock */
	{ .code = CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = 1001 },
	/* 5: r3 = &bpf_prog_active */
	{ .code = LD_IMM64, .dst_reg = 3, .src_reg = BPF_PSEUDO_BTF_ID, .imm = 2002 },
	{ 0 },
	/* 7: call bpf_map_lookup_elem */
	{ .code = CALL, .imm = BPF_FUNC_map_lookup_elem },
	/* 8: call bpf_rcu_read_unlock */
	{ .code = CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = 1003 },
	/* 9: r0 = 0x1122334455667788 (plain ld_imm64) */
	{ .code = LD_IMM64, .dst_reg = 0, .imm = 0x55667788 },
	{ .imm = 0x11223344 },
	/* 11: exit */
	{ .code = BPF_JMP | BPF_EXIT },
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define PROG_CNT	((__u32)ARRAY_SIZE(prog))

static const __u8 rodata_sha[32] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d,
	0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
	0x1c, 0x1d, 0x1e, 0x1f,
};

static const struct bpf_lockdown_digest_map maps[] = {
	{ .type = BPF_MAP_TYPE_HASH, .key_size = 4, .value_size = 16, .max_entries = 64 },
	{ .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 32, .max_entries = 1,
	  .flags = BPF_F_RDONLY_PROG, .sealed_sha256 = rodata_sha },
};

static const __u8 btf[24] = {
	0x9f, 0xeb, 0x01, 0x00, 0x18, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static const struct bpf_func_info func_info[] = { { 0, 3 }, { 9, 4 } };
static const struct bpf_line_info line_info[] = { { 0, 1, 17, 5 << 10 | 2 } };
static const struct bpf_core_relo core_relos[] = { { 1, 7, 12, BPF_CORE_FIELD_BYTE_OFFSET } };

/* BTF IDs as a kernel would number them; 5001, 77 and 88 are aliases */
struct btf_entry {
	enum bpf_lockdown_digest_kind kind;
	__u32 id;
	__s32 obj;
	const char *name;
};

#define KFUNC BPF_LOCKDOWN_DIGEST_KFUNC
#define KSYM BPF_LOCKDOWN_DIGEST_KSYM

static const struct btf_entry test_btf[] = {
	{ KFUNC, 1001, 0, "bpf_rcu_read_lock" },
	{ KFUNC, 1003, 0, "bpf_rcu_read_unlock" },
	{ KSYM, 2002, 0, "bpf_prog_active" },
	{ KFUNC, 5001, 0, "bpf_rcu_read_lock" },
	{ KFUNC, 77, 1, "bpf_rcu_read_lock" },
	{ KSYM, 88, 9, "bpf_prog_active" },
	{ KFUNC, 3003, 0, "bpf_rcu_read_lock" },
};

struct resolver {
	unsigned int calls;
	__u32 insn_idx[8];
	const char *override;	/* returned for every ID when set */
};

static int btf_name(void *ctx, enum bpf_lockdown_digest_kind kind, __u32 insn_idx,
		    __u32 btf_id, __s32 btf_obj, const char **name)
{
	struct resolver *r = ctx;
	size_t i;

	if (r->calls < 8)
		r->insn_idx[r->calls] = insn_idx;
	r->calls++;
	if (r->override) {
		*name = r->override;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(test_btf); i++)
		if (test_btf[i].kind == kind && test_btf[i].id == btf_id &&
		    test_btf[i].obj == btf_obj) {
			*name = test_btf[i].name;
			return 0;
		}
	return -ENOENT;
}

static const struct bpf_lockdown_digest_ops ops = { .btf_name = btf_name };

static const char *const kfuncs[] = { "bpf_rcu_read_lock", "bpf_rcu_read_unlock" };
static const __u32 sealed[] = { 1 };
static __u8 annot_blob[512];
static struct bpf_lockdown_annot annot;

static void build_annot(void)
{
	struct bpf_lockdown_annot_spec spec;
	char err[256];
	__u32 size;
	int l;

	memset(&spec, 0, sizeof(spec));
	for (l = NONE; l <= INTEGRITY; l++) {
		spec.level[l].may_load = true;
		spec.level[l].caps = BPF_LOCKDOWN_CAP_KSYM;
		bpf_lockdown_annot_set_helper(spec.level[l].helpers, BPF_FUNC_map_lookup_elem);
		spec.level[l].kfuncs = kfuncs;
		spec.level[l].kfunc_cnt = 2;
	}
	spec.sealed = sealed;
	spec.sealed_cnt = 1;
	if (bpf_lockdown_annot_build(&spec, annot_blob, sizeof(annot_blob), &size, err,
				     sizeof(err)) ||
	    bpf_lockdown_annot_parse(annot_blob, size, &annot, err, sizeof(err))) {
		printf("Bail out! %s\n", err);
		exit(1);
	}
}

static void base_input(struct bpf_lockdown_digest_input *in)
{
	memset(in, 0, sizeof(*in));
	in->prog_type = BPF_PROG_TYPE_TRACING;
	in->expected_attach_type = BPF_TRACE_FENTRY;
	in->attach_name = "do_unlinkat";
	in->prog_name = "unlink_watch";
	in->license = "GPL";
	in->insns = prog;
	in->insn_cnt = PROG_CNT;
	in->maps = maps;
	in->map_cnt = 2;
	in->btf = btf;
	in->btf_size = sizeof(btf);
	in->func_info = func_info;
	in->func_info_cnt = 2;
	in->func_info_rec_size = sizeof(func_info[0]);
	in->line_info = line_info;
	in->line_info_cnt = 1;
	in->line_info_rec_size = sizeof(line_info[0]);
	in->core_relos = core_relos;
	in->core_relo_cnt = 1;
	in->core_relo_rec_size = sizeof(core_relos[0]);
	in->annot = &annot;
}

/*
 * The digest of base_input(), computed once and pinned. It pins the
 * canonical form documented with enum bpf_lockdown_digest_tag: if this test
 * fails after a change to digest.c, annot.c or the UAPI, signatures made by
 * older tools no longer verify. Such a change must update this pin AND raise
 * BPF_LOCKDOWN_ANNOT_VERSION (the ABI version that the digest hashes first).
 */
static const char pinned[] =
	"b8b706a3ae567e410701604f511153bd61b7e9ea31b32b7cbaa6ad661ce7b6f4";

static __u8 base[32];

static int digest(const struct bpf_lockdown_digest_input *in, __u8 *out, char *err,
		  struct resolver *r)
{
	struct resolver local = { 0 };

	return bpf_lockdown_digest(in, &ops, r ? r : &local, out, err, 256);
}

/* The digest of @in must succeed and differ from the base digest. */
static void differs(const char *name, const struct bpf_lockdown_digest_input *in)
{
	char err[256];
	__u8 out[32];
	int ret;

	ret = digest(in, out, err, NULL);
	result(!ret && memcmp(out, base, 32), "%s", name);
	if (ret)
		printf("# %d %s\n", ret, err);
}

/* The digest of @in must fail with @want and exactly @want_err. */
static void refused(const char *name, const struct bpf_lockdown_digest_input *in,
		    const struct bpf_lockdown_digest_ops *o, int want, const char *want_err)
{
	struct resolver r = { 0 };
	char err[256];
	__u8 out[32];
	int ret;

	memset(err, 'X', sizeof(err));
	ret = bpf_lockdown_digest(in, o, &r, out, err, sizeof(err));
	result(ret == want && !strcmp(err, want_err), "%s", name);
	if (ret != want || strcmp(err, want_err))
		printf("# got %d \"%s\"\n# want %d \"%s\"\n", ret, err, want, want_err);
}

static void test_pinned(void)
{
	struct bpf_lockdown_digest_input in;
	struct resolver r = { 0 };
	char err[256], h[65];
	__u8 again[32];
	int ret;

	base_input(&in);
	memset(err, 'X', sizeof(err));
	ret = digest(&in, base, err, &r);
	hex(base, 32, h);
	result(!ret && !err[0] && !strcmp(h, pinned), "fixed_program_has_pinned_digest");
	if (ret || strcmp(h, pinned))
		printf("# got %d %s \"%s\"\n# want %s\n", ret, h, err, pinned);
	result(r.calls == 3 && r.insn_idx[0] == 4 && r.insn_idx[1] == 5 && r.insn_idx[2] == 8,
	       "name_resolver_called_once_per_kfunc_and_ksym_in_order");
	ret = digest(&in, again, err, NULL);
	result(!ret && !memcmp(base, again, 32), "digest_is_deterministic");
}

static void test_refusals(void)
{
	struct bpf_insn insns[PROG_CNT];
	struct bpf_lockdown_digest_map m[2];
	struct bpf_lockdown_digest_input in;

	base_input(&in);
	in.insns = insns;
	memcpy(insns, prog, sizeof(prog));
	insns[0].src_reg = BPF_PSEUDO_MAP_FD;
	refused("raw_map_fd_is_refused", &in, &ops, -EINVAL,
		"instruction 0 uses a raw map fd; signed programs must use fd_array indices");
	memcpy(insns, prog, sizeof(prog));
	insns[2].src_reg = BPF_PSEUDO_MAP_VALUE;
	refused("raw_map_value_fd_is_refused", &in, &ops, -EINVAL,
		"instruction 2 uses a raw map fd; signed programs must use fd_array indices");
	memcpy(insns, prog, sizeof(prog));
	insns[2].imm = 2;
	refused("fd_array_index_out_of_range", &in, &ops, -EINVAL,
		"instruction 2 references fd_array index 2 but only 2 maps are described");
	memcpy(insns, prog, sizeof(prog));
	insns[0].imm = -1;
	refused("fd_array_index_negative", &in, &ops, -EINVAL,
		"instruction 0 references fd_array index 4294967295 but only 2 maps are described");
	memcpy(insns, prog, sizeof(prog));
	memcpy(m, maps, sizeof(m));
	memset(&m[0], 0, sizeof(m[0]));
	in.maps = m;
	refused("fd_array_slot_without_map", &in, &ops, -EINVAL,
		"instruction 0 references fd_array index 0, which holds no map");
	in.maps = maps;
	in.insn_cnt = 10;
	refused("truncated_ld_imm64", &in, &ops, -EINVAL,
		"instruction 9 is a truncated ld_imm64");
	in.insn_cnt = PROG_CNT;
	refused("kfunc_without_resolver", &in, NULL, -EINVAL,
		"instruction 4 calls a kfunc but no BTF name resolver was given");
	insns[4].src_reg = 0;
	insns[8].src_reg = 0;
	refused("ksym_without_resolver", &in, NULL, -EINVAL,
		"instruction 5 loads a ksym but no BTF name resolver was given");
	memcpy(insns, prog, sizeof(prog));
	insns[8].imm = 9999;
	refused("unknown_kfunc_btf_id_passes_resolver_error", &in, &ops, -ENOENT,
		"instruction 8: cannot resolve the name of kfunc BTF ID 9999 (error -2)");
	memcpy(insns, prog, sizeof(prog));
	insns[6].imm = 5;
	refused("unknown_ksym_module_passes_resolver_error", &in, &ops, -ENOENT,
		"instruction 5: cannot resolve the name of ksym BTF ID 2002 (error -2)");
	in.insns = prog;

	memcpy(m, maps, sizeof(m));
	m[1].sealed_sha256 = NULL;
	in.maps = m;
	refused("sealed_map_without_content_digest", &in, &ops, -EINVAL,
		"sealed map at fd_array index 1 has no content digest");
	memcpy(m, maps, sizeof(m));
	m[1].type = 0;
	in.insn_cnt = 2;
	refused("sealed_slot_without_map", &in, &ops, -EINVAL,
		"annotation seals fd_array index 1, which holds no map");
	in.maps = maps;
	in.map_cnt = 1;
	refused("sealed_map_beyond_fd_array", &in, &ops, -EINVAL,
		"annotation seals fd_array index 1 but only 1 maps are described");
	base_input(&in);
	in.func_info_rec_size = 0;
	refused("func_info_record_size_zero", &in, &ops, -EINVAL,
		"func_info: record size is 0");
	base_input(&in);
	in.line_info = NULL;
	refused("line_info_count_without_data", &in, &ops, -EINVAL,
		"line_info: 1 records but no data");
	base_input(&in);
	in.core_relo_cnt = 0x40000000;
	refused("core_relos_too_large", &in, &ops, -E2BIG,
		"core_relos: 1073741824 records of 16 bytes are too large");
	base_input(&in);
	in.insns = NULL;
	refused("instructions_count_without_data", &in, &ops, -EINVAL,
		"instructions: 12 but no data");
	refused("no_input", NULL, &ops, -EINVAL, "digest: no input or output");
}

static void test_components(void)
{
	struct bpf_lockdown_digest_map m[2];
	struct bpf_lockdown_digest_input in;
	struct bpf_lockdown_annot a2;
	__u8 blob[512], sha2[32], b2[sizeof(btf)];
	struct bpf_func_info fi[2];
	struct bpf_line_info li[1];
	struct bpf_core_relo cr[1];
	char err[256];
	__u8 out[32];
	unsigned int i;

	base_input(&in);
	in.prog_type = BPF_PROG_TYPE_LSM;
	differs("prog_type_is_covered", &in);
	base_input(&in);
	in.expected_attach_type = BPF_TRACE_FEXIT;
	differs("expected_attach_type_is_covered", &in);
	base_input(&in);
	in.attach_name = "do_unlinkaT";
	differs("attach_name_is_covered", &in);
	in.attach_name = NULL;
	differs("attach_name_absent_is_covered", &in);
	base_input(&in);
	in.prog_name = "unlink_watcH";
	differs("prog_name_is_covered", &in);
	base_input(&in);
	in.license = "Dual BSD/GPL";
	differs("license_is_covered", &in);
	base_input(&in);
	in.prog_name = "unlink_watchG";
	in.license = "PL";
	differs("strings_are_length_prefixed", &in);

	base_input(&in);
	in.insn_cnt--;
	differs("instruction_count_is_covered", &in);

	base_input(&in);
	memcpy(m, maps, sizeof(m));
	in.maps = m;
	m[0].type = BPF_MAP_TYPE_LRU_HASH;
	differs("map_type_is_covered", &in);
	memcpy(m, maps, sizeof(m));
	m[0].key_size = 8;
	differs("map_key_size_is_covered", &in);
	memcpy(m, maps, sizeof(m));
	m[1].value_size = 33;
	differs("map_value_size_is_covered", &in);
	memcpy(m, maps, sizeof(m));
	m[0].max_entries = 65;
	differs("map_max_entries_is_covered", &in);
	memcpy(m, maps, sizeof(m));
	m[1].flags = 0;
	differs("map_flags_are_covered", &in);
	memcpy(m, maps, sizeof(m));
	m[0].flags |= BPF_F_RDONLY | BPF_F_WRONLY;
	digest(&in, out, err, NULL);
	result(!memcmp(out, base, 32), "map_fd_access_flags_are_not_covered");
	memcpy(m, maps, sizeof(m));
	m[0].type = BPF_MAP_TYPE_PERF_EVENT_ARRAY;
	digest(&in, out, err, NULL);
	memcpy(sha2, out, 32);
	m[0].max_entries = 2;
	digest(&in, out, err, NULL);
	result(!memcmp(out, sha2, 32), "perf_event_array_size_is_not_covered");
	memcpy(m, maps, sizeof(m));
	memcpy(sha2, rodata_sha, 32);
	sha2[31] ^= 0x80;
	m[1].sealed_sha256 = sha2;
	differs("sealed_map_contents_are_covered", &in);
	memcpy(m, maps, sizeof(m));
	m[0].sealed_sha256 = sha2;
	digest(&in, out, err, NULL);
	result(!memcmp(out, base, 32), "contents_of_unsealed_map_are_ignored");

	base_input(&in);
	memcpy(b2, btf, sizeof(b2));
	b2[sizeof(b2) - 1] ^= 1;
	in.btf = b2;
	differs("btf_is_covered", &in);
	base_input(&in);
	memcpy(fi, func_info, sizeof(fi));
	fi[1].type_id ^= 1;
	in.func_info = fi;
	differs("func_info_is_covered", &in);
	base_input(&in);
	in.func_info_cnt = 4;
	in.func_info_rec_size = 4;
	differs("func_info_record_size_is_covered", &in);
	base_input(&in);
	memcpy(li, line_info, sizeof(li));
	li[0].line_col ^= 1;
	in.line_info = li;
	differs("line_info_is_covered", &in);
	base_input(&in);
	memcpy(cr, core_relos, sizeof(cr));
	cr[0].access_str_off ^= 1;
	in.core_relos = cr;
	differs("core_relos_are_covered", &in);
	base_input(&in);
	in.core_relo_cnt = 0;
	differs("core_relos_absent_is_covered", &in);

	base_input(&in);
	memcpy(blob, annot.blob, annot.size);
	blob[annot.size - 2] ^= 0x20;	/* bpf_rcu_read_unlock -> bpf_rcu_read_unlocK */
	if (bpf_lockdown_annot_parse(blob, annot.size, &a2, err, sizeof(err)))
		printf("# %s\n", err);
	in.annot = &a2;
	differs("annotation_is_covered", &in);
	in.annot = NULL;
	in.map_cnt = 2;
	differs("no_annotation_is_covered", &in);

	/* every byte of every instruction, except the fields hashed by name */
	base_input(&in);
	{
		struct bpf_insn insns[PROG_CNT];
		unsigned int bad = 0, j;
		int ret;

		in.insns = insns;
		for (i = 0; i < PROG_CNT; i++) {
			for (j = 0; j < 8; j++) {
				bool by_name = ((i == 4 || i == 8) && j >= 2) ||
					       ((i == 5 || i == 6) && j >= 4);

				memcpy(insns, prog, sizeof(prog));
				((__u8 *)&insns[i])[j] ^= 0x01;
				ret = digest(&in, out, err, NULL);
				if (by_name ? !ret && memcmp(out, base, 32) :
					      !ret && !memcmp(out, base, 32)) {
					printf("# instruction %u byte %u: %d\n", i, j, ret);
					bad++;
				}
			}
		}
		result(!bad, "every_instruction_byte_is_covered_or_refused");
	}
}

static int resolve_name(const char *name, __u8 *out, char *err)
{
	struct bpf_lockdown_digest_input in;
	struct resolver r = { .override = name };

	base_input(&in);
	return bpf_lockdown_digest(&in, &ops, &r, out, err, 256);
}

static void test_names(void)
{
	static const char bad_name[] = "instruction 4: BTF ID 1001 has an empty or overlong name";
	static char long_name[BPF_LOCKDOWN_DIGEST_NAME_MAX + 2];
	struct bpf_insn insns[PROG_CNT];
	struct bpf_lockdown_digest_input in;
	char err[256];
	__u8 out[32];
	int ret;

	base_input(&in);
	in.insns = insns;
	memcpy(insns, prog, sizeof(prog));
	insns[4].imm = 5001;
	ret = digest(&in, out, err, NULL);
	result(!ret && !memcmp(out, base, 32), "kfunc_with_other_btf_id_same_name_same_digest");
	memcpy(insns, prog, sizeof(prog));
	insns[4].imm = 77;
	insns[4].off = 1;
	ret = digest(&in, out, err, NULL);
	result(!ret && !memcmp(out, base, 32), "kfunc_from_module_btf_same_name_same_digest");
	memcpy(insns, prog, sizeof(prog));
	insns[5].imm = 88;
	insns[6].imm = 9;
	ret = digest(&in, out, err, NULL);
	result(!ret && !memcmp(out, base, 32),
	       "ksym_with_other_btf_id_and_fd_same_name_same_digest");
	memcpy(insns, prog, sizeof(prog));
	insns[4].imm = 1003;
	differs("kfunc_with_other_name_changes_digest", &in);
	memcpy(insns, prog, sizeof(prog));
	insns[4].imm = 3003;
	insns[4].src_reg = 0;
	differs("helper_call_with_same_imm_is_not_a_kfunc", &in);

	ret = resolve_name("bpf_rcu_read_lock", out, err);
	result(!ret && memcmp(out, base, 32), "resolved_names_are_covered");
	ret = resolve_name("", out, err);
	result(ret == -EINVAL && !strcmp(err, bad_name), "empty_name_is_refused");
	memset(long_name, 'a', sizeof(long_name) - 1);
	ret = resolve_name(long_name, out, err);
	result(ret == -EINVAL && !strcmp(err, bad_name), "overlong_name_is_refused");
	long_name[BPF_LOCKDOWN_DIGEST_NAME_MAX] = '\0';
	ret = resolve_name(long_name, out, err);
	result(!ret, "name_of_511_bytes_is_accepted");
}

int main(void)
{
	printf("TAP version 13\n");
	build_annot();
	test_pinned();
	test_refusals();
	test_components();
	test_names();
	printf("1..%d\n", tests);
	return failures ? 1 : 0;
}
