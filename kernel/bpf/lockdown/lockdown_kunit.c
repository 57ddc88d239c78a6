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
#include <linux/string.h>

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

static struct kunit_case bpf_lockdown_cases[] = {
	KUNIT_CASE(digest_matches_the_pinned_vector),
	KUNIT_CASE(mainline_annot_prefix_matches_the_vector),
	KUNIT_CASE(digest_refuses_a_raw_map_fd),
	KUNIT_CASE(annotation_vectors_are_refused),
	KUNIT_CASE(annotation_queries),
	KUNIT_CASE(ceiling_keeps_lockdown_promises),
	KUNIT_CASE(compat_probe_read_is_user_memory_without_signature),
	{}
};

static struct kunit_suite bpf_lockdown_suite = {
	.name = "bpf_lockdown",
	.test_cases = bpf_lockdown_cases,
};

kunit_test_suite(bpf_lockdown_suite);
