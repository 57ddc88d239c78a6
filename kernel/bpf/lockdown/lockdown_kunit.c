// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown - KUnit tests of the annotation parser, the digest and the
 * ceiling, on the fixed vectors the userspace unit tests also run, and of
 * the compat probe_read helpers under lockdown.
 */

#include <kunit/test.h>
#include <linux/bpf.h>
#include <linux/errno.h>
#include <linux/security.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "annot.h"
#include "digest.h"
#include "tier_table.h"
#include "test_vectors.h"

static int kunit_btf_name(void *ctx, enum bpf_lockdown_digest_kind kind, __u32 insn_idx,
			  __u32 btf_id, __s32 btf_obj, const char **name)
{
	return vec_btf_name(kind, btf_id, btf_obj, name);
}

static const struct bpf_lockdown_digest_ops kunit_ops = { .btf_name = kunit_btf_name };

/* Build and parse the fixed annotation into @blob and @annot */
static void kunit_annot(struct kunit *test, u8 *blob, size_t size,
			struct bpf_lockdown_annot *annot)
{
	struct bpf_lockdown_annot_spec spec;
	char err[160];
	u32 len = 0;

	vec_annot_spec(&spec);
	KUNIT_ASSERT_EQ(test, 0, bpf_lockdown_annot_build(&spec, blob, size, &len, err,
							  sizeof(err)));
	KUNIT_ASSERT_EQ(test, VEC_ANNOT_SIZE, len);
	KUNIT_ASSERT_EQ(test, 0, bpf_lockdown_annot_parse(blob, len, annot, err, sizeof(err)));
}

static void digest_matches_the_pinned_vector(struct kunit *test)
{
	struct bpf_lockdown_digest_input in;
	struct bpf_lockdown_annot annot;
	u8 out[BPF_LOCKDOWN_DIGEST_SIZE];
	char hex[2 * BPF_LOCKDOWN_DIGEST_SIZE + 1];
	char err[160];
	u8 *blob;

	blob = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blob);
	kunit_annot(test, blob, 1024, &annot);
	vec_base_input(&in, &annot);
	KUNIT_ASSERT_EQ(test, 0, bpf_lockdown_digest(&in, &kunit_ops, NULL, out, err,
						     sizeof(err)));
	bin2hex(hex, out, sizeof(out));
	hex[sizeof(hex) - 1] = '\0';
	KUNIT_EXPECT_STREQ(test, vec_pinned, hex);
}

static void mainline_annot_prefix_matches_the_vector(struct kunit *test)
{
	u8 out[BPF_LOCKDOWN_MAINLINE_ANNOT_PREFIX_SIZE];

	memset(out, 0xff, sizeof(out));
	bpf_lockdown_mainline_annot_prefix(out, VEC_PREFIX_SIZE, VEC_PREFIX_INSNS);
	KUNIT_EXPECT_MEMEQ(test, out, vec_mainline_prefix, sizeof(out));
	/* a zero first byte: an opcode the verifier refuses */
	KUNIT_EXPECT_EQ(test, 0, out[0]);
}

static void digest_refuses_a_raw_map_fd(struct kunit *test)
{
	struct bpf_lockdown_digest_input in;
	struct bpf_lockdown_annot annot;
	u8 out[BPF_LOCKDOWN_DIGEST_SIZE];
	struct bpf_insn *insns;
	char err[160];
	u8 *blob;

	blob = kunit_kzalloc(test, 1024, GFP_KERNEL);
	insns = kunit_kmalloc(test, sizeof(vec_prog), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blob);
	KUNIT_ASSERT_NOT_NULL(test, insns);
	kunit_annot(test, blob, 1024, &annot);
	memcpy(insns, vec_prog, sizeof(vec_prog));
	insns[0].src_reg = BPF_PSEUDO_MAP_FD;
	vec_base_input(&in, &annot);
	in.insns = insns;
	KUNIT_EXPECT_EQ(test, -EINVAL, bpf_lockdown_digest(&in, &kunit_ops, NULL, out, err,
							   sizeof(err)));
	KUNIT_EXPECT_STREQ(test, err,
			   "instruction 0 uses a raw map fd, which the signature cannot cover; use fd_array indices (BPF_PSEUDO_MAP_IDX)");
}

static void annotation_vectors_are_refused(struct kunit *test)
{
	struct bpf_lockdown_annot annot;
	char err[160];
	unsigned int i;
	u8 *blob, *bad;

	blob = kunit_kzalloc(test, 1024, GFP_KERNEL);
	bad = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blob);
	KUNIT_ASSERT_NOT_NULL(test, bad);
	kunit_annot(test, blob, 1024, &annot);
	for (i = 0; i < VEC_ANNOT_BAD_CNT; i++) {
		const struct vec_annot_bad *v = &vec_annot_bads[i];

		memcpy(bad, blob, VEC_ANNOT_SIZE);
		memcpy(bad + v->off, &v->value, sizeof(v->value));
		KUNIT_EXPECT_EQ_MSG(test, v->err,
				    bpf_lockdown_annot_parse(bad, v->size ?: VEC_ANNOT_SIZE,
							     &annot, err, sizeof(err)),
				    "vector %s", v->name);
		KUNIT_EXPECT_STREQ_MSG(test, err, v->msg, "vector %s", v->name);
	}
}

static void annotation_queries(struct kunit *test)
{
	struct bpf_lockdown_annot annot;
	u8 *blob;

	blob = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blob);
	kunit_annot(test, blob, 1024, &annot);
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_annot_may_load(&annot, BPF_LOCKDOWN_LEVEL_INTEGRITY));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_annot_may_load(&annot,
							     BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY));
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_annot_has_helper(&annot, BPF_LOCKDOWN_LEVEL_NONE,
							      BPF_FUNC_map_lookup_elem));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_annot_has_helper(&annot, BPF_LOCKDOWN_LEVEL_NONE,
							       BPF_FUNC_send_signal));
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_annot_has_kfunc(&annot, BPF_LOCKDOWN_LEVEL_INTEGRITY,
							     "bpf_rcu_read_unlock"));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_annot_has_kfunc(&annot,
							      BPF_LOCKDOWN_LEVEL_INTEGRITY,
							      "bpf_task_acquire"));
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_annot_is_sealed(&annot, 1));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_annot_is_sealed(&annot, 0));
}

static void ceiling_keeps_lockdown_promises(struct kunit *test)
{
	const struct bpf_lockdown_rule *write = bpf_lockdown_helper_rule(BPF_FUNC_probe_write_user);
	const struct bpf_lockdown_rule *task = bpf_lockdown_helper_rule(BPF_FUNC_get_current_task);
	const struct bpf_lockdown_rule *sig = bpf_lockdown_helper_rule(BPF_FUNC_send_signal);
	const struct bpf_lockdown_rule *sys = bpf_lockdown_helper_rule(BPF_FUNC_sys_bpf);
	const struct bpf_lockdown_rule *scx = bpf_lockdown_kfunc_rule("scx_bpf_error_bstr");

	KUNIT_EXPECT_TRUE(test, bpf_lockdown_ceiling_allows(write, BPF_LOCKDOWN_LEVEL_NONE, false));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_ceiling_allows(write, BPF_LOCKDOWN_LEVEL_INTEGRITY,
							     true));
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_ceiling_allows(sig, BPF_LOCKDOWN_LEVEL_INTEGRITY,
							    false));
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_ceiling_allows(task, BPF_LOCKDOWN_LEVEL_INTEGRITY,
							    false));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_ceiling_allows(task,
							     BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY,
							     false));
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_ceiling_allows(task,
							    BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY,
							    true));
	/* bpf_sys_bpf() reads its attributes as kernel memory */
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_ceiling_allows(sys, BPF_LOCKDOWN_LEVEL_INTEGRITY,
							    false));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_ceiling_allows(sys,
							     BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY,
							     false));
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_ceiling_allows(sys,
							    BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY,
							    true));
	/* sched_ext's error message is formatted from kernel memory */
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_ceiling_allows(scx,
							     BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY,
							     false));
	/* a kfunc the table does not list is denied to signed programs too */
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_ceiling_allows(NULL, BPF_LOCKDOWN_LEVEL_NONE, false));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_ceiling_allows(NULL, BPF_LOCKDOWN_LEVEL_INTEGRITY,
							     true));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_ceiling_allows(NULL,
							     BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY,
							     true));
	KUNIT_EXPECT_EQ(test, 0U, bpf_lockdown_ceiling_caps(BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY,
							    false));
	KUNIT_EXPECT_EQ(test, (u32)BPF_LOCKDOWN_CAP_ALL,
			bpf_lockdown_ceiling_caps(BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY, true));
}

/*
 * Where kernel reads are locked down, the compat probe_read helpers are
 * their user-memory forms for a program without a system signature, and
 * unavailable, as in stock lockdown, for one with it; the tier allows them
 * on these terms at confidentiality, and the ceiling does not.
 */
static void compat_probe_read_is_user_memory_without_signature(struct kunit *test)
{
	static const struct bpf_func_proto compat = {};
	const struct bpf_lockdown_rule *rule = bpf_lockdown_helper_rule(BPF_FUNC_probe_read);
	const struct bpf_lockdown_rule *str = bpf_lockdown_helper_rule(BPF_FUNC_probe_read_str);
	struct bpf_prog *prog;

	prog = kunit_kzalloc(test, sizeof(*prog), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, prog);
	prog->aux = kunit_kzalloc(test, sizeof(*prog->aux), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, prog->aux);

	prog->aux->lockdown_sig = BPF_LOCKDOWN_SIG_NONE;
	KUNIT_EXPECT_PTR_EQ(test, &bpf_probe_read_user_proto,
			    bpf_lockdown_probe_read_proto(BPF_FUNC_probe_read, prog, NULL));
	KUNIT_EXPECT_PTR_EQ(test, &bpf_probe_read_user_str_proto,
			    bpf_lockdown_probe_read_proto(BPF_FUNC_probe_read_str, prog, NULL));
	KUNIT_EXPECT_NULL(test, bpf_lockdown_probe_read_proto(BPF_FUNC_probe_read_kernel, prog,
							      NULL));
	/* a user keyring earns nothing beyond the unsigned tier */
	prog->aux->lockdown_sig = BPF_LOCKDOWN_SIG_USER;
	KUNIT_EXPECT_PTR_EQ(test, &bpf_probe_read_user_proto,
			    bpf_lockdown_probe_read_proto(BPF_FUNC_probe_read, prog, NULL));
	prog->aux->lockdown_sig = BPF_LOCKDOWN_SIG_BUILTIN;
	KUNIT_EXPECT_NULL(test, bpf_lockdown_probe_read_proto(BPF_FUNC_probe_read, prog, NULL));
	KUNIT_EXPECT_NULL(test, bpf_lockdown_probe_read_proto(BPF_FUNC_probe_read_str, prog, NULL));
	/*
	 * Given the compat helper, BPF lockdown's own level decides: below
	 * confidentiality the compat helper (where stock lockdown gives it),
	 * from it the user form for unsigned programs, even where the
	 * lockdown LSM is not enabled and stock lockdown would give it
	 */
	prog->aux->lockdown_sig = BPF_LOCKDOWN_SIG_NONE;
	if (bpf_lockdown_level() >= BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY)
		KUNIT_EXPECT_PTR_EQ(test, &bpf_probe_read_user_proto,
				    bpf_lockdown_probe_read_proto(BPF_FUNC_probe_read, prog,
								  &compat));
	else if (!security_locked_down(LOCKDOWN_BPF_READ_KERNEL))
		KUNIT_EXPECT_PTR_EQ(test, &compat,
				    bpf_lockdown_probe_read_proto(BPF_FUNC_probe_read, prog,
								  &compat));

	KUNIT_EXPECT_EQ(test, BPF_LOCKDOWN_ALLOW,
			bpf_lockdown_verdict_at(rule, BPF_LOCKDOWN_LEVEL_INTEGRITY));
	KUNIT_EXPECT_EQ(test, BPF_LOCKDOWN_USER_MEMORY,
			bpf_lockdown_verdict_at(rule, BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY));
	KUNIT_EXPECT_EQ(test, BPF_LOCKDOWN_USER_MEMORY,
			bpf_lockdown_verdict_at(str, BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_ceiling_allows(rule,
							     BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY,
							     false));
}

/*
 * .kconfig externs (annotation version 3): a program with two kconfig maps
 * (fd_array 2 and 3) and a sealed map (1)
 */
#define KC_HDR(f)	offsetof(struct bpf_lockdown_annot_hdr, f)
#define KC_ENTRY(f)	offsetof(struct bpf_lockdown_annot_kconfig, f)

static const struct bpf_lockdown_kconfig_extern kunit_kconfig[] = {
	{ "CONFIG_A", 2, 0, 4, BPF_LOCKDOWN_KCONFIG_TRISTATE, 0 },
	{ "CONFIG_HZ", 2, 4, 4, BPF_LOCKDOWN_KCONFIG_INT, BPF_LOCKDOWN_KCONFIG_SIGNED },
	{ "LINUX_KERNEL_VERSION", 2, 8, 4, BPF_LOCKDOWN_KCONFIG_INT, 0 },
	{ "CONFIG_S", 2, 12, 8, BPF_LOCKDOWN_KCONFIG_CHAR_ARR, 0 },
	{ "CONFIG_B", 3, 0, 1, BPF_LOCKDOWN_KCONFIG_BOOL, 0 },
};

static const __u32 kunit_kconfig_sealed[] = { 1 };

/* Build an annotation with @cnt kconfig externs and the sealed map 1 */
static int kunit_kconfig_build(const struct bpf_lockdown_kconfig_extern *k, u32 cnt,
			       bool bind_attach, u8 *blob, u32 size, u32 *len, char *err,
			       size_t err_size)
{
	struct bpf_lockdown_annot_spec spec = {
		.sealed = kunit_kconfig_sealed,
		.sealed_cnt = ARRAY_SIZE(kunit_kconfig_sealed),
		.bind_attach = bind_attach,
		.kconfig = k,
		.kconfig_cnt = cnt,
	};

	spec.level[BPF_LOCKDOWN_LEVEL_NONE].may_load = true;
	spec.level[BPF_LOCKDOWN_LEVEL_INTEGRITY].may_load = true;
	bpf_lockdown_annot_set_helper(spec.level[BPF_LOCKDOWN_LEVEL_NONE].helpers,
				      BPF_FUNC_map_lookup_elem);
	return bpf_lockdown_annot_build(&spec, blob, size, len, err, err_size);
}

static void kconfig_annotation_round_trip(struct kunit *test)
{
	struct bpf_lockdown_kconfig_extern e;
	struct bpf_lockdown_annot annot;
	char err[160];
	u32 len = 0, i;
	u8 *blob;

	blob = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blob);
	KUNIT_ASSERT_EQ_MSG(test, 0, kunit_kconfig_build(kunit_kconfig, ARRAY_SIZE(kunit_kconfig),
							 false, blob, 1024, &len, err,
							 sizeof(err)), "%s", err);
	KUNIT_EXPECT_EQ(test, 3U, get_unaligned_le32(blob + KC_HDR(version)));
	KUNIT_EXPECT_EQ(test, (u32)ARRAY_SIZE(kunit_kconfig),
			get_unaligned_le32(blob + KC_HDR(kconfig_cnt)));
	KUNIT_EXPECT_EQ(test, 0U, get_unaligned_le32(blob + KC_HDR(kconfig_off)) % 4);
	KUNIT_ASSERT_EQ_MSG(test, 0, bpf_lockdown_annot_parse(blob, len, &annot, err,
							      sizeof(err)), "%s", err);
	KUNIT_EXPECT_EQ(test, 3U, annot.version);
	KUNIT_EXPECT_EQ(test, (u32)ARRAY_SIZE(kunit_kconfig), annot.kconfig_cnt);
	for (i = 0; i < ARRAY_SIZE(kunit_kconfig); i++) {
		const struct bpf_lockdown_kconfig_extern *k = &kunit_kconfig[i];

		KUNIT_ASSERT_EQ(test, 0, bpf_lockdown_annot_kconfig(&annot, i, &e));
		KUNIT_EXPECT_STREQ(test, k->name, e.name);
		KUNIT_EXPECT_EQ(test, k->map_idx, e.map_idx);
		KUNIT_EXPECT_EQ(test, k->value_off, e.value_off);
		KUNIT_EXPECT_EQ(test, k->size, e.size);
		KUNIT_EXPECT_EQ(test, k->type, e.type);
		KUNIT_EXPECT_EQ(test, k->flags, e.flags);
	}
	KUNIT_EXPECT_EQ(test, -ERANGE, bpf_lockdown_annot_kconfig(&annot, i, &e));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_annot_is_kconfig_map(&annot, 0));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_annot_is_kconfig_map(&annot, 1));
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_annot_is_kconfig_map(&annot, 2));
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_annot_is_kconfig_map(&annot, 3));
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_annot_is_sealed(&annot, 1));
	/* the rest of the annotation is what version 1 would say */
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_annot_has_helper(&annot, BPF_LOCKDOWN_LEVEL_NONE,
							      BPF_FUNC_map_lookup_elem));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_annot_may_load(&annot,
							     BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY));
	KUNIT_EXPECT_TRUE(test, bpf_lockdown_annot_may_attach(&annot,
							      BPF_LOCKDOWN_LEVEL_INTEGRITY,
							      BPF_TRACE_FENTRY));

	/* without kconfig externs, the builder writes version 1 as before */
	KUNIT_ASSERT_EQ(test, 0, kunit_kconfig_build(NULL, 0, false, blob, 1024, &len, err,
						     sizeof(err)));
	KUNIT_ASSERT_EQ(test, 0, bpf_lockdown_annot_parse(blob, len, &annot, err, sizeof(err)));
	KUNIT_EXPECT_EQ(test, 1U, annot.version);
	KUNIT_EXPECT_EQ(test, 0U, annot.kconfig_cnt);
	KUNIT_EXPECT_EQ(test, -ERANGE, bpf_lockdown_annot_kconfig(&annot, 0, &e));
	KUNIT_EXPECT_FALSE(test, bpf_lockdown_annot_is_kconfig_map(&annot, 2));
}

/* Header fields and string table patched into a built version 3 annotation */
static void kconfig_annotation_header_refusals(struct kunit *test)
{
	static const struct bpf_lockdown_kconfig_extern one[] = {
		{ "CONFIG_A", 2, 0, 4, BPF_LOCKDOWN_KCONFIG_TRISTATE, 0 },
	};
	struct bpf_lockdown_kconfig_extern two[2] = {
		{ NULL, 2, 0, 8, BPF_LOCKDOWN_KCONFIG_INT, 0 },
		{ "CONFIG_B", 2, 8, 1, BPF_LOCKDOWN_KCONFIG_BOOL, 0 },
	};
	struct bpf_lockdown_annot annot;
	u32 len = 0, v2_len = 0, strtab_size;
	char err[160], *name;
	u8 *blob, *bad;

	blob = kunit_kzalloc(test, 1024, GFP_KERNEL);
	bad = kunit_kzalloc(test, 1024, GFP_KERNEL);
	name = kunit_kzalloc(test, BPF_LOCKDOWN_ANNOT_KCONFIG_NAME_MAX + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blob);
	KUNIT_ASSERT_NOT_NULL(test, bad);
	KUNIT_ASSERT_NOT_NULL(test, name);
	KUNIT_ASSERT_EQ(test, 0, kunit_kconfig_build(one, 1, false, blob, 1024, &len, err,
						     sizeof(err)));

	/* a version 2 annotation has no kconfig fields */
	memcpy(bad, blob, len);
	put_unaligned_le32(2, bad + KC_HDR(version));
	KUNIT_EXPECT_EQ(test, -EBADMSG, bpf_lockdown_annot_parse(bad, len, &annot, err,
								 sizeof(err)));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, "version 2 has no kconfig section"), "%s",
				  err);
	KUNIT_ASSERT_EQ(test, 0, kunit_kconfig_build(NULL, 0, true, bad, 1024, &v2_len, err,
						     sizeof(err)));
	put_unaligned_le32(1, bad + KC_HDR(kconfig_cnt));
	KUNIT_EXPECT_EQ(test, -EBADMSG, bpf_lockdown_annot_parse(bad, v2_len, &annot, err,
								 sizeof(err)));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, "version 2 has no kconfig section"), "%s",
				  err);

	/* version 3 has at least one extern, and at most 32 */
	memcpy(bad, blob, len);
	put_unaligned_le32(0, bad + KC_HDR(kconfig_cnt));
	KUNIT_EXPECT_EQ(test, -EBADMSG, bpf_lockdown_annot_parse(bad, len, &annot, err,
								 sizeof(err)));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, "version 3 without kconfig externs"), "%s",
				  err);
	put_unaligned_le32(BPF_LOCKDOWN_ANNOT_MAX_KCONFIG + 1, bad + KC_HDR(kconfig_cnt));
	KUNIT_EXPECT_EQ(test, -E2BIG, bpf_lockdown_annot_parse(bad, len, &annot, err,
							       sizeof(err)));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, "33 kconfig externs exceed the maximum of 32"),
				  "%s", err);

	/* the kconfig section lies inside the annotation, 4-aligned */
	memcpy(bad, blob, len);
	put_unaligned_le32((len - 8) & ~3U, bad + KC_HDR(kconfig_off));
	KUNIT_EXPECT_EQ(test, -EBADMSG, bpf_lockdown_annot_parse(bad, len, &annot, err,
								 sizeof(err)));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, "kconfig section (offset"), "%s", err);
	put_unaligned_le32(get_unaligned_le32(blob + KC_HDR(kconfig_off)) + 2,
			   bad + KC_HDR(kconfig_off));
	KUNIT_EXPECT_EQ(test, -EBADMSG, bpf_lockdown_annot_parse(bad, len, &annot, err,
								 sizeof(err)));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, "kconfig section offset"), "%s", err);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, "is not a multiple of 4"), "%s", err);

	/* the name "CONFIG_A" is the end of the blob: cut its NUL off */
	memcpy(bad, blob, len);
	strtab_size = get_unaligned_le32(bad + KC_HDR(strtab_size));
	KUNIT_ASSERT_EQ(test, 0, bad[len - 1]);
	KUNIT_ASSERT_EQ(test, 'A', bad[len - 2]);
	put_unaligned_le32(strtab_size - 1, bad + KC_HDR(strtab_size));
	put_unaligned_le32(len - 1, bad + KC_HDR(total_size));
	KUNIT_EXPECT_EQ(test, -EBADMSG, bpf_lockdown_annot_parse(bad, len - 1, &annot, err,
								 sizeof(err)));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, "name is not NUL-terminated"), "%s", err);

	/* a name offset outside the string table */
	memcpy(bad, blob, len);
	put_unaligned_le32(strtab_size, bad + get_unaligned_le32(blob + KC_HDR(kconfig_off)) +
			   KC_ENTRY(name_off));
	KUNIT_EXPECT_EQ(test, -EBADMSG, bpf_lockdown_annot_parse(bad, len, &annot, err,
								 sizeof(err)));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, "is outside the string table"), "%s", err);

	/* a name of 64 bytes, then one that runs into the next: 73 bytes */
	memset(name, 'X', BPF_LOCKDOWN_ANNOT_KCONFIG_NAME_MAX);
	memcpy(name, "CONFIG_", 7);
	two[0].name = name;
	KUNIT_ASSERT_EQ_MSG(test, 0, kunit_kconfig_build(two, 2, false, bad, 1024, &len, err,
							 sizeof(err)), "%s", err);
	KUNIT_ASSERT_EQ(test, 0, bpf_lockdown_annot_parse(bad, len, &annot, err, sizeof(err)));
	/* the names are the last 65 + 9 bytes; join them */
	KUNIT_ASSERT_EQ(test, 0, bad[len - 10]);
	bad[len - 10] = '_';
	KUNIT_EXPECT_EQ(test, -E2BIG, bpf_lockdown_annot_parse(bad, len, &annot, err,
							       sizeof(err)));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, "name is longer than 64 bytes"), "%s", err);
}

struct kunit_kconfig_bad {
	const char *what;
	struct bpf_lockdown_kconfig_extern k[2];
	u32 cnt;
	int err;
	const char *msg;
};

/* Entries the parser refuses, through the builder, which parses what it writes */
static const struct kunit_kconfig_bad kunit_kconfig_bads[] = {
	{ "CONFIG_ alone", { { "CONFIG_", 2, 0, 1, BPF_LOCKDOWN_KCONFIG_BOOL } }, 1, -EBADMSG,
	  "name is not LINUX_KERNEL_VERSION, LINUX_HAS_BPF_COOKIE, LINUX_HAS_SYSCALL_WRAPPER or CONFIG_",
	},
	{ "unknown LINUX_", { { "LINUX_FOO", 2, 0, 4, BPF_LOCKDOWN_KCONFIG_INT } }, 1, -EBADMSG,
	  "kconfig extern 0: name is not LINUX_KERNEL_VERSION" },
	{ "bad character", { { "CONFIG_A-B", 2, 0, 1, BPF_LOCKDOWN_KCONFIG_BOOL } }, 1, -EBADMSG,
	  "kconfig extern 0: name is not LINUX_KERNEL_VERSION" },
	{ "lower-case prefix", { { "config_A", 2, 0, 1, BPF_LOCKDOWN_KCONFIG_BOOL } }, 1,
	  -EBADMSG, "kconfig extern 0: name is not LINUX_KERNEL_VERSION" },
	{ "bool of 4 bytes", { { "CONFIG_A", 2, 0, 4, BPF_LOCKDOWN_KCONFIG_BOOL } }, 1, -EBADMSG,
	  "kconfig extern CONFIG_A: type 2, flags 0x0, size 4 is not one libbpf gives it" },
	{ "signed tristate", { { "CONFIG_A", 2, 0, 4, BPF_LOCKDOWN_KCONFIG_TRISTATE,
				 BPF_LOCKDOWN_KCONFIG_SIGNED } }, 1, -EBADMSG,
	  "kconfig extern CONFIG_A: type 3, flags 0x1, size 4 is not one libbpf gives it" },
	{ "tristate of 2 bytes", { { "CONFIG_A", 2, 0, 2, BPF_LOCKDOWN_KCONFIG_TRISTATE } }, 1,
	  -EBADMSG, "is not one libbpf gives it" },
	{ "int of 3 bytes", { { "CONFIG_A", 2, 0, 3, BPF_LOCKDOWN_KCONFIG_INT } }, 1, -EBADMSG,
	  "is not one libbpf gives it" },
	{ "char array of 256", { { "CONFIG_A", 2, 0, 256, BPF_LOCKDOWN_KCONFIG_CHAR_ARR } }, 1,
	  -EBADMSG, "is not one libbpf gives it" },
	{ "unknown type", { { "CONFIG_A", 2, 0, 1, 6 } }, 1, -EBADMSG,
	  "is not one libbpf gives it" },
	{ "unknown flag", { { "CONFIG_A", 2, 0, 4, BPF_LOCKDOWN_KCONFIG_INT, 4 } }, 1, -EBADMSG,
	  "is not one libbpf gives it" },
	{ "version as char array",
	  { { "LINUX_KERNEL_VERSION", 2, 0, 8, BPF_LOCKDOWN_KCONFIG_CHAR_ARR } }, 1, -EBADMSG,
	  "kconfig extern LINUX_KERNEL_VERSION: type 5, flags 0x0, size 8 is not one libbpf gives it",
	},
	{ "cookie as tristate",
	  { { "LINUX_HAS_BPF_COOKIE", 2, 0, 4, BPF_LOCKDOWN_KCONFIG_TRISTATE } }, 1, -EBADMSG,
	  "is not one libbpf gives it" },
	{ "map index 64", { { "CONFIG_A", BPF_LOCKDOWN_SIG_MAX_MAPS, 0, 1,
			      BPF_LOCKDOWN_KCONFIG_BOOL } }, 1, -E2BIG,
	  "kconfig extern CONFIG_A: fd_array index 64 exceeds the maximum of 63" },
	{ "sealed map", { { "CONFIG_A", 1, 0, 1, BPF_LOCKDOWN_KCONFIG_BOOL } }, 1, -EBADMSG,
	  "kconfig extern CONFIG_A: fd_array index 1 is a sealed map" },
	{ "maps unsorted", { { "CONFIG_A", 3, 0, 1, BPF_LOCKDOWN_KCONFIG_BOOL },
			     { "CONFIG_B", 2, 8, 1, BPF_LOCKDOWN_KCONFIG_BOOL } }, 2, -EBADMSG,
	  "kconfig extern CONFIG_B: not sorted after the one before it, or overlaps it" },
	{ "offsets unsorted", { { "CONFIG_A", 2, 8, 1, BPF_LOCKDOWN_KCONFIG_BOOL },
				{ "CONFIG_B", 2, 0, 1, BPF_LOCKDOWN_KCONFIG_BOOL } }, 2, -EBADMSG,
	  "kconfig extern CONFIG_B: not sorted after the one before it, or overlaps it" },
	{ "overlap", { { "CONFIG_A", 2, 0, 4, BPF_LOCKDOWN_KCONFIG_INT },
		       { "CONFIG_B", 2, 3, 1, BPF_LOCKDOWN_KCONFIG_BOOL } }, 2, -EBADMSG,
	  "kconfig extern CONFIG_B: not sorted after the one before it, or overlaps it" },
	{ "same offset", { { "CONFIG_A", 2, 0, 1, BPF_LOCKDOWN_KCONFIG_BOOL },
			   { "CONFIG_B", 2, 0, 1, BPF_LOCKDOWN_KCONFIG_BOOL } }, 2, -EBADMSG,
	  "not sorted after the one before it, or overlaps it" },
	{ "duplicate", { { "CONFIG_A", 2, 0, 1, BPF_LOCKDOWN_KCONFIG_BOOL },
			 { "CONFIG_A", 2, 1, 1, BPF_LOCKDOWN_KCONFIG_CHAR } }, 2, -EBADMSG,
	  "kconfig extern CONFIG_A appears twice" },
};

static void kconfig_annotation_entry_refusals(struct kunit *test)
{
	/* adjacent in one map, and the same name in another map, are fine */
	static const struct bpf_lockdown_kconfig_extern ok[] = {
		{ "CONFIG_A", 2, 0, 4, BPF_LOCKDOWN_KCONFIG_INT },
		{ "CONFIG_B", 2, 4, 1, BPF_LOCKDOWN_KCONFIG_BOOL },
		{ "CONFIG_A", 3, 0, 1, BPF_LOCKDOWN_KCONFIG_CHAR, BPF_LOCKDOWN_KCONFIG_SIGNED },
		{ "LINUX_HAS_BPF_COOKIE", 3, 1, 1, BPF_LOCKDOWN_KCONFIG_BOOL },
		{ "LINUX_HAS_SYSCALL_WRAPPER", 3, 2, 1, BPF_LOCKDOWN_KCONFIG_CHAR },
		{ "CONFIG_T", 3, 8, 8, BPF_LOCKDOWN_KCONFIG_TRISTATE },
		{ "CONFIG_S", 3, 16, 255, BPF_LOCKDOWN_KCONFIG_CHAR_ARR },
		{ "CONFIG_N", BPF_LOCKDOWN_SIG_MAX_MAPS - 1, 0, 2, BPF_LOCKDOWN_KCONFIG_INT,
		  BPF_LOCKDOWN_KCONFIG_SIGNED },
	};
	char err[200];
	unsigned int i;
	u32 len;
	u8 *blob;

	blob = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blob);
	KUNIT_EXPECT_EQ_MSG(test, 0, kunit_kconfig_build(ok, ARRAY_SIZE(ok), true, blob, 1024,
							 &len, err, sizeof(err)), "%s", err);
	for (i = 0; i < ARRAY_SIZE(kunit_kconfig_bads); i++) {
		const struct kunit_kconfig_bad *v = &kunit_kconfig_bads[i];

		KUNIT_EXPECT_EQ_MSG(test, v->err,
				    kunit_kconfig_build(v->k, v->cnt, false, blob, 1024, &len, err,
							sizeof(err)),
				    "case %s: %s", v->what, err);
		KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, v->msg), "case %s: %s", v->what, err);
	}
	/* the builder refuses 33 externs itself, as the parser would, before reading them */
	KUNIT_EXPECT_EQ(test, -E2BIG,
			kunit_kconfig_build(ok, BPF_LOCKDOWN_ANNOT_MAX_KCONFIG + 1, false, NULL, 0,
					    &len, err, sizeof(err)));
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, "33 kconfig externs exceed the maximum of 32"),
				  "%s", err);
}

static const char kunit_kconfig_text[] =
	"# CONFIG_UNSET is not set\n"
	"CONFIG_A=y\n"
	"CONFIG_B=m\n"
	"CONFIG_NO=n\n"
	"CONFIG_N=123\n"
	"CONFIG_NEG=-1\n"
	"CONFIG_HEX=0x10\n"
	"CONFIG_OCT=010\n"
	"CONFIG_SPACE= 7\n"
	"CONFIG_BIG=300\n"
	"CONFIG_SC=128\n"
	"CONFIG_S=\"hello\"\n"
	"CONFIG_EMPTY_S=\"\"\n"
	"CONFIG_OPEN=\"hello\n"
	"CONFIG_NOVAL=\n"
	"CONFIG_JUNK=12x\n"
	"CONFIG_EIGHT=08\n"
	"CONFIG_HUGE=18446744073709551616\n"
	"CONFIG_A=n\n"
	"CONFIG_LAST=42";

struct kunit_kconfig_value {
	const char *name;
	u8 type;
	u8 flags;
	u16 size;
	int ret;
	u8 bytes[16];	/* little-endian; @size is at most 16 */
};

#define KC_BOOL		BPF_LOCKDOWN_KCONFIG_BOOL
#define KC_CHAR		BPF_LOCKDOWN_KCONFIG_CHAR
#define KC_TRI		BPF_LOCKDOWN_KCONFIG_TRISTATE
#define KC_INT		BPF_LOCKDOWN_KCONFIG_INT
#define KC_ARR		BPF_LOCKDOWN_KCONFIG_CHAR_ARR
#define KC_S		BPF_LOCKDOWN_KCONFIG_SIGNED
#define KC_REQ		BPF_LOCKDOWN_KCONFIG_REQUIRED

static const struct kunit_kconfig_value kunit_kconfig_values[] = {
	/* y, n and m, in each type that takes them; the first line counts */
	{ "CONFIG_A", KC_BOOL, 0, 1, 0, { 1 } },
	{ "CONFIG_NO", KC_BOOL, 0, 1, 0, { 0 } },
	{ "CONFIG_A", KC_CHAR, 0, 1, 0, { 'y' } },
	{ "CONFIG_B", KC_CHAR, KC_S, 1, 0, { 'm' } },
	{ "CONFIG_NO", KC_CHAR, 0, 1, 0, { 'n' } },
	{ "CONFIG_A", KC_TRI, 0, 4, 0, { 1 } },
	{ "CONFIG_B", KC_TRI, 0, 4, 0, { 2 } },
	{ "CONFIG_NO", KC_TRI, 0, 4, 0, { 0 } },
	{ "CONFIG_B", KC_TRI, 0, 8, 0, { 2 } },
	/* numbers, strtoull base 0 */
	{ "CONFIG_N", KC_INT, 0, 4, 0, { 123 } },
	{ "CONFIG_N", KC_INT, KC_S, 2, 0, { 123 } },
	{ "CONFIG_N", KC_INT, 0, 8, 0, { 123 } },
	{ "CONFIG_N", KC_CHAR, 0, 1, 0, { 123 } },
	{ "CONFIG_N", KC_CHAR, KC_S, 1, 0, { 123 } },
	{ "CONFIG_NEG", KC_INT, KC_S, 4, 0, { 0xff, 0xff, 0xff, 0xff } },
	{ "CONFIG_NEG", KC_INT, KC_S, 2, 0, { 0xff, 0xff } },
	{ "CONFIG_NEG", KC_CHAR, KC_S, 1, 0, { 0xff } },
	{ "CONFIG_NEG", KC_INT, KC_S, 8, 0, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } },
	/* eight bytes take any 64-bit value, signed or not */
	{ "CONFIG_NEG", KC_INT, 0, 8, 0, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } },
	{ "CONFIG_HEX", KC_INT, 0, 4, 0, { 0x10 } },
	{ "CONFIG_OCT", KC_INT, 0, 4, 0, { 8 } },
	{ "CONFIG_SPACE", KC_INT, 0, 4, 0, { 7 } },
	{ "CONFIG_BIG", KC_INT, 0, 2, 0, { 0x2c, 0x01 } },
	{ "CONFIG_BIG", KC_INT, KC_S, 2, 0, { 0x2c, 0x01 } },
	{ "CONFIG_SC", KC_CHAR, 0, 1, 0, { 128 } },
	{ "CONFIG_LAST", KC_INT, 0, 4, 0, { 42 } },
	/* strings: without quotes, truncated to leave a NUL, zero-padded */
	{ "CONFIG_S", KC_ARR, 0, 8, 0, "hello" },
	{ "CONFIG_S", KC_ARR, 0, 6, 0, "hello" },
	{ "CONFIG_S", KC_ARR, 0, 5, 0, "hell" },
	{ "CONFIG_S", KC_ARR, 0, 4, 0, "hel" },
	{ "CONFIG_S", KC_ARR, 0, 1, 0, "" },
	{ "CONFIG_EMPTY_S", KC_ARR, 0, 4, 0, "" },
	/* a symbol the configuration does not set is zero, whatever its type */
	{ "CONFIG_UNSET", KC_BOOL, 0, 1, 0, { 0 } },
	{ "CONFIG_ZZZ", KC_TRI, 0, 8, 0, { 0 } },
	{ "CONFIG_ZZZ", KC_INT, KC_S, 8, 0, { 0 } },
	{ "CONFIG_ZZZ", KC_ARR, 0, 16, 0, { 0 } },
	{ "CONFIG_S_", KC_ARR, 0, 4, 0, { 0 } },
	/* the virtual externs */
	{ "LINUX_KERNEL_VERSION", KC_INT, 0, 4, 0, { 0x05, 0x0c, 0x06 } },
	{ "LINUX_KERNEL_VERSION", KC_INT, KC_S, 8, 0, { 0x05, 0x0c, 0x06 } },
	{ "LINUX_HAS_BPF_COOKIE", KC_BOOL, 0, 1, 0, { 1 } },
	{ "LINUX_HAS_BPF_COOKIE", KC_CHAR, 0, 1, 0, { 1 } },
	{ "LINUX_HAS_SYSCALL_WRAPPER", KC_INT, 0, 4, 0, { 0 } },
	/* values the type does not take */
	{ "CONFIG_B", KC_BOOL, 0, 1, -EINVAL },
	{ "CONFIG_N", KC_BOOL, 0, 1, -EINVAL },
	{ "CONFIG_N", KC_TRI, 0, 4, -EINVAL },
	{ "CONFIG_N", KC_ARR, 0, 8, -EINVAL },
	{ "CONFIG_A", KC_INT, 0, 4, -EINVAL },
	{ "CONFIG_A", KC_ARR, 0, 8, -EINVAL },
	{ "CONFIG_S", KC_INT, 0, 4, -EINVAL },
	{ "CONFIG_S", KC_CHAR, 0, 1, -EINVAL },
	{ "CONFIG_S", KC_TRI, 0, 4, -EINVAL },
	{ "CONFIG_OPEN", KC_ARR, 0, 8, -EINVAL },
	{ "CONFIG_NOVAL", KC_INT, 0, 4, -EINVAL },
	{ "CONFIG_JUNK", KC_INT, 0, 4, -EINVAL },
	{ "CONFIG_EIGHT", KC_INT, 0, 4, -EINVAL },
	/* numbers that do not fit */
	{ "CONFIG_BIG", KC_CHAR, KC_S, 1, -ERANGE },
	{ "CONFIG_BIG", KC_CHAR, 0, 1, -ERANGE },
	{ "CONFIG_SC", KC_CHAR, KC_S, 1, -ERANGE },
	{ "CONFIG_NEG", KC_INT, 0, 4, -ERANGE },
	{ "CONFIG_NEG", KC_CHAR, 0, 1, -ERANGE },
	{ "CONFIG_HUGE", KC_INT, 0, 8, -ERANGE },
	{ "LINUX_KERNEL_VERSION", KC_INT, 0, 2, -ERANGE },
	{ "LINUX_KERNEL_VERSION", KC_CHAR, 0, 1, -ERANGE },
	{ "LINUX_KERNEL_VERSION", KC_BOOL, 0, 1, -EINVAL },
	/* externs the annotation cannot list */
	{ "LINUX_FOO", KC_INT, 0, 4, -EINVAL },
	{ "CONFIG_", KC_BOOL, 0, 1, -EINVAL },
	{ "CONFIG_A", KC_BOOL, 0, 4, -EINVAL },
	{ "LINUX_KERNEL_VERSION", KC_ARR, 0, 8, -EINVAL },
};

static void kconfig_values_follow_libbpf(struct kunit *test)
{
	const struct bpf_lockdown_kconfig_env env = {
		.kernel_version = 0x060c05,
		.has_bpf_cookie = true,
		.has_syscall_wrapper = false,
		.config = kunit_kconfig_text,
		.config_size = sizeof(kunit_kconfig_text) - 1,
	};
	struct bpf_lockdown_kconfig_extern e;
	char err[160];
	unsigned int i;
	u8 out[256];
	int ret;

	if (IS_ENABLED(CONFIG_CPU_BIG_ENDIAN))
		kunit_skip(test, "the expected bytes are little-endian");
	for (i = 0; i < ARRAY_SIZE(kunit_kconfig_values); i++) {
		const struct kunit_kconfig_value *v = &kunit_kconfig_values[i];

		e = (struct bpf_lockdown_kconfig_extern){
			.name = v->name, .size = v->size, .type = v->type, .flags = v->flags,
		};
		memset(out, 0xa5, sizeof(out));
		err[0] = 'X';
		ret = bpf_lockdown_kconfig_value(&env, &e, out, err, sizeof(err));
		KUNIT_EXPECT_EQ_MSG(test, v->ret, ret, "case %u: %s type %u flags %u size %u: %s",
				    i, v->name, v->type, v->flags, v->size, err);
		if (v->ret) {
			KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, v->name), "case %u: %s", i,
						  err);
			continue;
		}
		KUNIT_EXPECT_STREQ_MSG(test, "", err, "case %u: %s", i, v->name);
		/* every byte of the value is written, none after it */
		KUNIT_EXPECT_MEMEQ_MSG(test, v->bytes, out, v->size, "case %u: %s", i, v->name);
		KUNIT_EXPECT_EQ_MSG(test, 0xa5, out[v->size], "case %u: %s", i, v->name);
	}

	/* a long string in a small array, and a configuration without one */
	e = (struct bpf_lockdown_kconfig_extern){
		.name = "CONFIG_S", .size = 3, .type = BPF_LOCKDOWN_KCONFIG_CHAR_ARR,
	};
	KUNIT_ASSERT_EQ(test, 0, bpf_lockdown_kconfig_value(&env, &e, out, err, sizeof(err)));
	KUNIT_EXPECT_MEMEQ(test, "he", out, 3);
	e = (struct bpf_lockdown_kconfig_extern){
		.name = "CONFIG_A", .size = 1, .type = BPF_LOCKDOWN_KCONFIG_BOOL,
	};
	memset(out, 0xa5, sizeof(out));
	KUNIT_EXPECT_EQ(test, 0, bpf_lockdown_kconfig_value(&(struct bpf_lockdown_kconfig_env){},
							    &e, out, NULL, 0));
	KUNIT_EXPECT_EQ(test, 0, out[0]);
}

static void kconfig_value_errors_say_why(struct kunit *test)
{
	const struct bpf_lockdown_kconfig_env env = {
		.kernel_version = 0x060c05,
		.config = kunit_kconfig_text,
		.config_size = sizeof(kunit_kconfig_text) - 1,
	};
	static const struct {
		struct bpf_lockdown_kconfig_extern e;
		int ret;
		const char *msg;
	} cases[] = {
		{ { "CONFIG_B", 0, 0, 1, KC_BOOL }, -EINVAL,
		  "kconfig extern CONFIG_B: value 'm' does not suit its type" },
		{ { "CONFIG_N", 0, 0, 1, KC_BOOL }, -EINVAL,
		  "kconfig extern CONFIG_N: a number needs an integer or char" },
		{ { "CONFIG_S", 0, 0, 4, KC_INT }, -EINVAL,
		  "kconfig extern CONFIG_S: a string needs a char array and closing quote" },
		{ { "CONFIG_BIG", 0, 0, 1, KC_CHAR, KC_S }, -ERANGE,
		  "kconfig extern CONFIG_BIG: 300 does not fit in 1 bytes" },
		{ { "CONFIG_NOVAL", 0, 0, 4, KC_INT }, -EINVAL,
		  "kconfig extern CONFIG_NOVAL: the configuration has no value" },
		{ { "CONFIG_JUNK", 0, 0, 4, KC_INT }, -EINVAL,
		  "kconfig extern CONFIG_JUNK: value is not a number" },
		{ { "CONFIG_HUGE", 0, 0, 8, KC_INT }, -ERANGE,
		  "kconfig extern CONFIG_HUGE: value does not fit in 64 bits" },
		{ { "LINUX_KERNEL_VERSION", 0, 0, 1, KC_BOOL }, -EINVAL,
		  "kconfig extern LINUX_KERNEL_VERSION: 396293 is not a bool" },
		{ { "LINUX_FOO", 0, 0, 4, KC_INT }, -EINVAL,
		  "kconfig extern LINUX_FOO: invalid name, type or size" },
		{ { "CONFIG_NONE", 0, 0, 4, KC_INT, KC_REQ }, -ENOENT,
		  "kconfig extern CONFIG_NONE: the kernel does not set it, and it is not __weak" },
	};
	char err[160];
	unsigned int i;
	u8 out[8];

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		KUNIT_EXPECT_EQ_MSG(test, cases[i].ret,
				    bpf_lockdown_kconfig_value(&env, &cases[i].e, out, err,
							       sizeof(err)),
				    "case %u: %s", i, err);
		KUNIT_EXPECT_STREQ(test, cases[i].msg, err);
	}
}

static struct kunit_case bpf_lockdown_cases[] = {
	KUNIT_CASE(digest_matches_the_pinned_vector),
	KUNIT_CASE(mainline_annot_prefix_matches_the_vector),
	KUNIT_CASE(digest_refuses_a_raw_map_fd),
	KUNIT_CASE(annotation_vectors_are_refused),
	KUNIT_CASE(annotation_queries),
	KUNIT_CASE(ceiling_keeps_lockdown_promises),
	KUNIT_CASE(compat_probe_read_is_user_memory_without_signature),
	KUNIT_CASE(kconfig_annotation_round_trip),
	KUNIT_CASE(kconfig_annotation_header_refusals),
	KUNIT_CASE(kconfig_annotation_entry_refusals),
	KUNIT_CASE(kconfig_values_follow_libbpf),
	KUNIT_CASE(kconfig_value_errors_say_why),
	{}
};

static struct kunit_suite bpf_lockdown_suite = {
	.name = "bpf_lockdown",
	.test_cases = bpf_lockdown_cases,
};

kunit_test_suite(bpf_lockdown_suite);
