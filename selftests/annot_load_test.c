// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - annotations passed with BPF_PROG_LOAD */

/*
 * An annotation without a signature is a voluntary restriction: it can
 * only take capabilities away, at every level and in every mode. The
 * annotations are built with the same annot.c the kernel parses them with.
 */
#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "lockdown_util.h"
#include "insn.h"
#include "kselftest_harness.h"
#include "annot.h"

#define LOG_SIZE 65536

static char log_buf[LOG_SIZE];

/* Load a kprobe program; return 0 or -errno, the log in log_buf */
static int load(struct ld_load *a)
{
	int fd;

	a->type = BPF_PROG_TYPE_KPROBE;
	a->name = "ld_annot";
	fd = ld_prog_load(a, log_buf, sizeof(log_buf));
	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

/* An annotation granting, at every level, the listed helpers */
static __u32 build(void *buf, __u32 size, const int *helpers, int cnt, bool may_load_here)
{
	struct bpf_lockdown_annot_spec spec = {};
	char err[160];
	__u32 out = 0;

	for (int l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		spec.level[l].may_load = l != ld_level() || may_load_here;
		for (int i = 0; spec.level[l].may_load && i < cnt; i++)
			spec.level[l].helpers[helpers[i] / 64] |= 1ULL << (helpers[i] % 64);
	}
	if (bpf_lockdown_annot_build(&spec, buf, size, &out, err, sizeof(err)))
		return 0;
	return out;
}

static const struct bpf_insn pid_prog[] = { CALL(BPF_FUNC_get_current_pid_tgid), RET0 };
static const struct bpf_insn time_prog[] = { CALL(BPF_FUNC_ktime_get_ns), RET0 };

TEST(annotation_granting_the_helper_loads)
{
	static const int grant[] = { BPF_FUNC_get_current_pid_tgid };
	char blob[4096];
	struct ld_load a = { .insns = pid_prog, .cnt = 3, .annot = blob };

	a.annot_size = build(blob, sizeof(blob), grant, 1, true);
	ASSERT_LT(0, (int)a.annot_size);
	EXPECT_EQ(0, load(&a)) {
		TH_LOG("log: %s", log_buf);
	}
	EXPECT_EQ(NULL, strstr(log_buf, "lockdown:"));
}

TEST(annotation_restricts_its_own_program_at_every_level_and_mode)
{
	static const int grant[] = { BPF_FUNC_get_current_pid_tgid };
	char blob[4096], want[256];
	struct ld_load a = { .insns = time_prog, .cnt = 3, .annot = blob };

	a.annot_size = build(blob, sizeof(blob), grant, 1, true);
	ASSERT_LT(0, (int)a.annot_size);
	EXPECT_EQ(-EACCES, load(&a));
	snprintf(want, sizeof(want),
		 "lockdown: program may not call bpf_ktime_get_ns#5 in %s mode (not granted by the program's annotation); refused",
		 ld_level_name(ld_level()));
	EXPECT_NE(NULL, strstr(log_buf, want)) {
		TH_LOG("log: %s", log_buf);
	}
}

TEST(annotation_that_does_not_allow_this_level_is_eperm)
{
	static const int grant[] = { BPF_FUNC_get_current_pid_tgid };
	char blob[4096], want[256];
	struct ld_load a = { .insns = pid_prog, .cnt = 3, .annot = blob };

	a.annot_size = build(blob, sizeof(blob), grant, 1, false);
	ASSERT_LT(0, (int)a.annot_size);
	EXPECT_EQ(-EPERM, load(&a));
	snprintf(want, sizeof(want),
		 "lockdown: program may not load in %s mode (not granted by the program's annotation); refused",
		 ld_level_name(ld_level()));
	EXPECT_NE(NULL, strstr(log_buf, want)) {
		TH_LOG("log: %s", log_buf);
	}
}

TEST(annotation_cannot_grant_beyond_the_unsigned_tier)
{
	static const int grant[] = { BPF_FUNC_send_signal };
	static const struct bpf_insn sig_prog[] = {
		MOV64_IMM(BPF_REG_1, 0), CALL(BPF_FUNC_send_signal), RET0,
	};
	char blob[4096];
	struct ld_load a = { .insns = sig_prog, .cnt = 4, .annot = blob };
	int ret;

	if (ld_level() == BPF_LOCKDOWN_LEVEL_NONE || ld_mode() != BPF_LOCKDOWN_MODE_ENFORCE)
		SKIP(return, "only when the tier is enforced");
	a.annot_size = build(blob, sizeof(blob), grant, 1, true);
	ret = load(&a);
	EXPECT_EQ(-EACCES, ret);
	EXPECT_NE(NULL, strstr(log_buf,
			       "lockdown: unsigned program may not call bpf_send_signal#109 in "));
}

TEST(malformed_annotation_is_ebadmsg_with_the_reason)
{
	static const int grant[] = { BPF_FUNC_get_current_pid_tgid };
	char blob[4096];
	struct ld_load a = { .insns = pid_prog, .cnt = 3, .annot = blob };

	a.annot_size = build(blob, sizeof(blob), grant, 1, true);
	ASSERT_LT(0, (int)a.annot_size);
	blob[0] ^= 0xff;	/* the magic */
	EXPECT_EQ(-EBADMSG, load(&a));
	EXPECT_NE(NULL, strstr(log_buf, "lockdown: annotation: ")) {
		TH_LOG("log: %s", log_buf);
	}
}

TEST(oversize_annotation_is_e2big)
{
	static char blob[BPF_LOCKDOWN_ANNOT_MAX_SIZE + 1];
	struct ld_load a = { .insns = pid_prog, .cnt = 3, .annot = blob,
			       .annot_size = sizeof(blob) };

	EXPECT_EQ(-E2BIG, load(&a));
	EXPECT_LOG_HAS(log_buf, "lockdown: annotation of 32769 bytes exceeds the maximum of 32768");
}

TEST(annotation_pointer_without_size_is_einval)
{
	char blob[8] = {};
	struct ld_load a = { .insns = pid_prog, .cnt = 3, .annot = blob };

	EXPECT_EQ(-EINVAL, load(&a));
	EXPECT_LOG_HAS(log_buf,
		       "lockdown: lockdown_annot and lockdown_annot_size must be set together");
}

/* without an annotation, a signature is read in mainline's format: a loader's */
TEST(signature_without_annotation_is_read_in_mainline_format)
{
	char sig[16] = {};
	struct ld_load a = { .insns = pid_prog, .cnt = 3, .sig = sig,
			       .sig_size = sizeof(sig) };

	EXPECT_EQ(-EINVAL, load(&a));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature: in mainline's format only a syscall program");
}

/* the digest covers the slots the program references, not a whole fd_array */
TEST(fd_array_cnt_of_an_annotated_program_is_einval)
{
	static const int grant[] = { BPF_FUNC_get_current_pid_tgid };
	char blob[4096];
	int fds[1] = { -1 };
	struct ld_load a = { .insns = pid_prog, .cnt = 3, .annot = blob, .fd_array = fds,
			     .fd_array_cnt = 1 };

	a.annot_size = build(blob, sizeof(blob), grant, 1, true);
	ASSERT_LT(0, (int)a.annot_size);
	EXPECT_EQ(-EINVAL, load(&a));
	EXPECT_NE(NULL, strstr(log_buf,
			       "lockdown: fd_array_cnt must be 0 for an annotated program"))
		TH_LOG("%s", log_buf);
}

TEST_HARNESS_MAIN
