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

/* The fixed vectors, shared with the kernel's KUnit test */
#include "test_vectors.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define KFUNC		BPF_LOCKDOWN_DIGEST_KFUNC
#define KSYM		BPF_LOCKDOWN_DIGEST_KSYM

struct resolver {
	unsigned int calls;
	__u32 insn_idx[8];
	const char *override;	/* returned for every ID when set */
};

static int btf_name(void *ctx, enum bpf_lockdown_digest_kind kind, __u32 insn_idx,
		    __u32 btf_id, __s32 btf_obj, const char **name)
{
	struct resolver *r = ctx;

	if (r->calls < 8)
		r->insn_idx[r->calls] = insn_idx;
	r->calls++;
	if (r->override) {
		*name = r->override;
		return 0;
	}
	return vec_btf_name(kind, btf_id, btf_obj, name);
}

static const struct bpf_lockdown_digest_ops ops = { .btf_name = btf_name };

static __u8 annot_blob[512];
static struct bpf_lockdown_annot annot;

static void build_annot(void)
{
	struct bpf_lockdown_annot_spec spec;
	char err[256];
	__u32 size;

	vec_annot_spec(&spec);
	if (bpf_lockdown_annot_build(&spec, annot_blob, sizeof(annot_blob), &size, err,
				     sizeof(err)) ||
	    bpf_lockdown_annot_parse(annot_blob, size, &annot, err, sizeof(err))) {
		printf("Bail out! %s\n", err);
		exit(1);
	}
}

static void base_input(struct bpf_lockdown_digest_input *in)
{
	vec_base_input(in, &annot);
}

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
	result(!ret && !err[0] && !strcmp(h, vec_pinned), "fixed_program_has_pinned_digest");
	if (ret || strcmp(h, vec_pinned))
		printf("# got %d %s \"%s\"\n# want %s\n", ret, h, err, vec_pinned);
	result(r.calls == 3 && r.insn_idx[0] == 4 && r.insn_idx[1] == 5 && r.insn_idx[2] == 8,
	       "name_resolver_called_once_per_kfunc_and_ksym_in_order");
	ret = digest(&in, again, err, NULL);
	result(!ret && !memcmp(base, again, 32), "digest_is_deterministic");
}

static void test_mainline_prefix(void)
{
	__u8 out[BPF_LOCKDOWN_MAINLINE_ANNOT_PREFIX_SIZE];

	memset(out, 0xff, sizeof(out));
	bpf_lockdown_mainline_annot_prefix(out, VEC_PREFIX_SIZE, VEC_PREFIX_INSNS);
	result(!memcmp(out, vec_mainline_prefix, sizeof(out)),
	       "mainline_annot_prefix_matches_the_vector");
}

static void test_refusals(void)
{
	struct bpf_insn insns[VEC_PROG_CNT];
	struct bpf_lockdown_digest_map m[2];
	struct bpf_lockdown_digest_input in;

	base_input(&in);
	in.insns = insns;
	memcpy(insns, vec_prog, sizeof(vec_prog));
	insns[0].src_reg = BPF_PSEUDO_MAP_FD;
	refused("raw_map_fd_is_refused", &in, &ops, -EINVAL,
		"instruction 0 uses a raw map fd, which the signature cannot cover; use fd_array indices (BPF_PSEUDO_MAP_IDX)");
	memcpy(insns, vec_prog, sizeof(vec_prog));
	insns[2].src_reg = BPF_PSEUDO_MAP_VALUE;
	refused("raw_map_value_fd_is_refused", &in, &ops, -EINVAL,
		"instruction 2 uses a raw map fd, which the signature cannot cover; use fd_array indices (BPF_PSEUDO_MAP_IDX)");
	memcpy(insns, vec_prog, sizeof(vec_prog));
	insns[2].imm = 2;
	refused("fd_array_index_out_of_range", &in, &ops, -EINVAL,
		"instruction 2 references fd_array index 2 but only 2 maps are described");
	memcpy(insns, vec_prog, sizeof(vec_prog));
	insns[0].imm = -1;
	refused("fd_array_index_negative", &in, &ops, -EINVAL,
		"instruction 0 references fd_array index 4294967295 but only 2 maps are described");
	memcpy(insns, vec_prog, sizeof(vec_prog));
	memcpy(m, vec_maps, sizeof(m));
	memset(&m[0], 0, sizeof(m[0]));
	in.maps = m;
	refused("fd_array_slot_without_map", &in, &ops, -EINVAL,
		"instruction 0 references fd_array index 0, which holds no map");
	in.maps = vec_maps;
	in.insn_cnt = 10;
	refused("truncated_ld_imm64", &in, &ops, -EINVAL,
		"instruction 9 is a truncated ld_imm64");
	in.insn_cnt = VEC_PROG_CNT;
	refused("kfunc_without_resolver", &in, NULL, -EINVAL,
		"instruction 4 calls a kfunc but no BTF name resolver was given");
	insns[4].src_reg = 0;
	insns[8].src_reg = 0;
	refused("ksym_without_resolver", &in, NULL, -EINVAL,
		"instruction 5 loads a ksym but no BTF name resolver was given");
	memcpy(insns, vec_prog, sizeof(vec_prog));
	insns[8].imm = 9999;
	refused("unknown_kfunc_btf_id_passes_resolver_error", &in, &ops, -ENOENT,
		"instruction 8: cannot resolve the name of kfunc BTF ID 9999 (error -2)");
	memcpy(insns, vec_prog, sizeof(vec_prog));
	insns[6].imm = 5;
	refused("unknown_ksym_module_passes_resolver_error", &in, &ops, -ENOENT,
		"instruction 5: cannot resolve the name of ksym BTF ID 2002 (error -2)");
	in.insns = vec_prog;

	memcpy(m, vec_maps, sizeof(m));
	m[1].sealed_sha256 = NULL;
	in.maps = m;
	refused("sealed_map_without_content_digest", &in, &ops, -EINVAL,
		"sealed map at fd_array index 1 has no content digest");
	memcpy(m, vec_maps, sizeof(m));
	m[1].type = 0;
	in.insn_cnt = 2;
	refused("sealed_slot_without_map", &in, &ops, -EINVAL,
		"annotation seals fd_array index 1, which holds no map");
	in.maps = vec_maps;
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

	base_input(&in);
	in.prog_type = BPF_PROG_TYPE_EXT;
	refused("extension_without_target_digest", &in, &ops, -EINVAL,
		"target digest: an extension needs the digest of its signed target program");
	base_input(&in);
	in.target_digest = vec_rodata_sha;
	refused("target_digest_of_a_program_that_is_no_extension", &in, &ops, -EINVAL,
		"target digest: only an extension has a target program");
}

/*
 * The fixed program as an extension of handler(), bound to a target whose
 * digest is the bytes 0x20 to 0x3f; digest_reference.py reproduces the pin
 */
static const char ext_pinned[] =
	"ef2c6268be57fcc03c492ac397bb1a1c6da9f6a397df4ff82c64e258185e168c";

static void test_extension(void)
{
	struct bpf_lockdown_digest_input in;
	__u8 target[32], other[32], ext[32], out[32];
	char err[256], h[65];
	unsigned int i, same = 0;
	int ret;

	for (i = 0; i < 32; i++)
		target[i] = 0x20 + i;
	base_input(&in);
	in.prog_type = BPF_PROG_TYPE_EXT;
	in.expected_attach_type = 0;
	in.attach_name = "handler";
	in.target_digest = target;
	ret = digest(&in, ext, err, NULL);
	hex(ext, 32, h);
	result(!ret && !strcmp(h, ext_pinned), "extension_has_pinned_digest");
	if (ret || strcmp(h, ext_pinned))
		printf("# got %d %s \"%s\"\n# want %s\n", ret, h, err, ext_pinned);

	/* another target: another digest, for every byte of the target's digest */
	in.target_digest = other;
	for (i = 0; i < 32 * 8; i++) {
		memcpy(other, target, sizeof(other));
		other[i / 8] ^= 1 << (i % 8);
		ret = digest(&in, out, err, NULL);
		if (ret || !memcmp(out, ext, 32))
			same++;
	}
	result(!same, "extension_with_another_target_digest_has_another_digest");
	memcpy(other, target, sizeof(other));
	ret = digest(&in, out, err, NULL);
	result(!ret && !memcmp(out, ext, 32),
	       "extension_with_the_same_target_digest_has_the_same_digest");
}

static void test_components(void)
{
	struct bpf_lockdown_digest_map m[2];
	struct bpf_lockdown_digest_input in;
	struct bpf_lockdown_annot a2;
	__u8 blob[512], sha2[32], b2[sizeof(vec_btf)];
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
	memcpy(m, vec_maps, sizeof(m));
	in.maps = m;
	m[0].type = BPF_MAP_TYPE_LRU_HASH;
	differs("map_type_is_covered", &in);
	memcpy(m, vec_maps, sizeof(m));
	m[0].key_size = 8;
	differs("map_key_size_is_covered", &in);
	memcpy(m, vec_maps, sizeof(m));
	m[1].value_size = 33;
	differs("map_value_size_is_covered", &in);
	memcpy(m, vec_maps, sizeof(m));
	m[0].max_entries = 65;
	differs("map_max_entries_is_covered", &in);
	memcpy(m, vec_maps, sizeof(m));
	m[1].flags = 0;
	differs("map_flags_are_covered", &in);
	memcpy(m, vec_maps, sizeof(m));
	m[0].flags |= BPF_F_RDONLY | BPF_F_WRONLY;
	digest(&in, out, err, NULL);
	result(!memcmp(out, base, 32), "map_fd_access_flags_are_not_covered");
	memcpy(m, vec_maps, sizeof(m));
	m[0].type = BPF_MAP_TYPE_PERF_EVENT_ARRAY;
	digest(&in, out, err, NULL);
	memcpy(sha2, out, 32);
	m[0].max_entries = 2;
	digest(&in, out, err, NULL);
	result(!memcmp(out, sha2, 32), "perf_event_array_size_is_not_covered");
	memcpy(m, vec_maps, sizeof(m));
	m[0].type = BPF_MAP_TYPE_DEVMAP;
	m[0].flags = 0;
	digest(&in, out, err, NULL);
	memcpy(sha2, out, 32);
	m[0].flags = BPF_F_RDONLY_PROG;	/* as the kernel sets it on creation */
	digest(&in, out, err, NULL);
	result(!memcmp(out, sha2, 32), "devmap_is_hashed_read_only_to_programs");
	m[0].type = BPF_MAP_TYPE_DEVMAP_HASH;
	digest(&in, out, err, NULL);
	memcpy(sha2, out, 32);
	m[0].flags = 0;
	digest(&in, out, err, NULL);
	result(!memcmp(out, sha2, 32), "devmap_hash_is_hashed_read_only_to_programs");
	m[0].type = BPF_MAP_TYPE_HASH;
	digest(&in, out, err, NULL);
	memcpy(sha2, out, 32);
	m[0].flags = BPF_F_RDONLY_PROG;
	digest(&in, out, err, NULL);
	result(memcmp(out, sha2, 32), "rdonly_prog_of_other_maps_is_covered");
	memcpy(m, vec_maps, sizeof(m));
	memcpy(sha2, vec_rodata_sha, 32);
	sha2[31] ^= 0x80;
	m[1].sealed_sha256 = sha2;
	differs("sealed_map_contents_are_covered", &in);
	memcpy(m, vec_maps, sizeof(m));
	m[0].sealed_sha256 = sha2;
	digest(&in, out, err, NULL);
	result(!memcmp(out, base, 32), "contents_of_unsealed_map_are_ignored");

	base_input(&in);
	memcpy(b2, vec_btf, sizeof(b2));
	b2[sizeof(b2) - 1] ^= 1;
	in.btf = b2;
	differs("btf_is_covered", &in);
	base_input(&in);
	memcpy(fi, vec_func_info, sizeof(fi));
	fi[1].type_id ^= 1;
	in.func_info = fi;
	differs("func_info_is_covered", &in);
	base_input(&in);
	in.func_info_cnt = 4;
	in.func_info_rec_size = 4;
	differs("func_info_record_size_is_covered", &in);
	base_input(&in);
	memcpy(li, vec_line_info, sizeof(li));
	li[0].line_col ^= 1;
	in.line_info = li;
	differs("line_info_is_covered", &in);
	base_input(&in);
	memcpy(cr, vec_core_relos, sizeof(cr));
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
		struct bpf_insn insns[VEC_PROG_CNT];
		unsigned int bad = 0, j;
		int ret;

		in.insns = insns;
		for (i = 0; i < VEC_PROG_CNT; i++) {
			for (j = 0; j < 8; j++) {
				bool by_name = ((i == 4 || i == 8) && j >= 2) ||
					       ((i == 5 || i == 6) && j >= 4);

				memcpy(insns, vec_prog, sizeof(vec_prog));
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
	struct bpf_insn insns[VEC_PROG_CNT];
	struct bpf_lockdown_digest_input in;
	char err[256];
	__u8 out[32];
	int ret;

	base_input(&in);
	in.insns = insns;
	memcpy(insns, vec_prog, sizeof(vec_prog));
	insns[4].imm = 5001;
	ret = digest(&in, out, err, NULL);
	result(!ret && !memcmp(out, base, 32), "kfunc_with_other_btf_id_same_name_same_digest");
	memcpy(insns, vec_prog, sizeof(vec_prog));
	insns[4].imm = 77;
	insns[4].off = 1;
	ret = digest(&in, out, err, NULL);
	result(!ret && !memcmp(out, base, 32), "kfunc_from_module_btf_same_name_same_digest");
	memcpy(insns, vec_prog, sizeof(vec_prog));
	insns[5].imm = 88;
	insns[6].imm = 9;
	ret = digest(&in, out, err, NULL);
	result(!ret && !memcmp(out, base, 32),
	       "ksym_with_other_btf_id_and_fd_same_name_same_digest");
	memcpy(insns, vec_prog, sizeof(vec_prog));
	insns[4].imm = 1003;
	differs("kfunc_with_other_name_changes_digest", &in);
	memcpy(insns, vec_prog, sizeof(vec_prog));
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

/* The malformed annotations the KUnit test also parses */
static void test_annot_vectors(void)
{
	struct bpf_lockdown_annot_spec spec;
	struct bpf_lockdown_annot a;
	__u8 blob[1024], bad[1024];
	char err[256];
	__u32 size;
	size_t i;
	int ret;

	vec_annot_spec(&spec);
	ret = bpf_lockdown_annot_build(&spec, blob, sizeof(blob), &size, err, sizeof(err));
	result(!ret && size == VEC_ANNOT_SIZE, "vector_annotation_has_its_size");
	for (i = 0; i < VEC_ANNOT_BAD_CNT; i++) {
		const struct vec_annot_bad *v = &vec_annot_bads[i];

		memcpy(bad, blob, size);
		memcpy(bad + v->off, &v->value, sizeof(v->value));
		ret = bpf_lockdown_annot_parse(bad, v->size ? v->size : size, &a, err,
					       sizeof(err));
		result(ret == v->err && !strcmp(err, v->msg), "vector_%s", v->name);
		if (ret != v->err || strcmp(err, v->msg))
			printf("# got %d \"%s\"\n", ret, err);
	}
}

int main(void)
{
	printf("TAP version 13\n");
	build_annot();
	test_pinned();
	test_mainline_prefix();
	test_refusals();
	test_extension();
	test_components();
	test_names();
	test_annot_vectors();
	printf("1..%d\n", tests);
	return failures ? 1 : 0;
}
