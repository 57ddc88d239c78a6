// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown selftests - light skeletons built with the distribution's
 * bpftool (gen skeleton -L, which cannot sign), signed in mainline's
 * format by bpf-annotate sign-lskel, compiled against the kernel tree's
 * skel_internal.h and loaded with its bpf_load_and_run(), unchanged.
 *
 * The loader, a syscall program that carries no annotation, is held to
 * the ceiling for signed programs: at confidentiality it may not load
 * programs or read the kernel, so it is refused where that is enforced.
 * The programs it loads are judged by the unsigned tier.
 */

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>

#include "lockdown_util.h"
#include "kselftest_harness.h"
#include "lskel_plain.lskel.h"
#include "lskel_signed.lskel.h"
#include "lskel_tampered.lskel.h"
#include "lskel_annot.lskel.h"
#include "lskel_reads.lskel.h"
#include "lskel_stripped.lskel.h"

#define LOG_SIZE (1024 * 1024)
#define VERIFIED "lockdown: signature verified (builtin keyring, mainline format)"

static char log_buf[LOG_SIZE];

/* the loader's verifier log, and those of the loads it makes, into log_buf */
static void log_to_buf(struct bpf_loader_ctx *ctx)
{
	log_buf[0] = 0;
	ctx->log_level = 1;
	ctx->log_size = sizeof(log_buf);
	ctx->log_buf = (long)log_buf;
}

static bool enforced(void)
{
	return ld_level() != BPF_LOCKDOWN_LEVEL_NONE && ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
}

static bool conf(void)
{
	return ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
}

/*
 * Stock lockdown takes bpf_probe_read_kernel() away at confidentiality,
 * which every loader calls to zero its stack first: where BPF lockdown
 * does not refuse it (audit mode), the verifier does, with -EINVAL.
 */
static void expect_stock_refusal(struct __test_metadata *_metadata, int err)
{
	EXPECT_EQ(-EINVAL, err);
	EXPECT_LOG_HAS(log_buf, "cannot use helper bpf_probe_read_kernel#113");
}

/* In enforce mode, BPF lockdown refuses it first */
static void expect_conf_refusal(struct __test_metadata *_metadata, int err)
{
	if (ld_mode() != BPF_LOCKDOWN_MODE_ENFORCE) {
		expect_stock_refusal(_metadata, err);
		return;
	}
	EXPECT_EQ(-EACCES, err);
}

/* the skeleton's program counts this process's system calls */
static void expect_counted(struct __test_metadata *_metadata, __u64 *calls)
{
	__u64 before = __atomic_load_n(calls, __ATOMIC_RELAXED);
	int i;

	for (i = 0; i < 10; i++)
		syscall(__NR_getpid);
	EXPECT_LE(before + 10, __atomic_load_n(calls, __ATOMIC_RELAXED));
}

TEST(signed_light_skeleton_loads_and_runs)
{
	struct lskel_signed *skel = lskel_signed__open();
	char v[128];
	int err;

	ASSERT_NE(NULL, skel);
	log_to_buf(&skel->ctx);
	err = lskel_signed__load(skel);
	if (conf()) {
		/* zeroing its stack, before it loads anything */
		expect_conf_refusal(_metadata, err);
		EXPECT_LOG_HAS(log_buf, VERIFIED);
		EXPECT_LOG_HAS(log_buf,
			       "signed program may not call bpf_probe_read_kernel#113 in confidentiality mode");
		lskel_signed__destroy(skel);
		return;
	}
	/*
	 * Where the tier is enforced, the same loader unsigned is refused
	 * (below): this one passed as signed. The log is that of the last
	 * program it loaded, which the loader passes the same buffer.
	 */
	ASSERT_EQ(0, err) TH_LOG("%s", log_buf);
	/* the program the loader loaded is not signed: the tier judged it */
	ld_fdinfo_verdict(skel->progs.count_calls.prog_fd, v, sizeof(v));
	EXPECT_STREQ("unsigned", v);
	skel->bss->pid = getpid();
	ASSERT_EQ(0, lskel_signed__attach(skel));
	expect_counted(_metadata, &skel->bss->calls);
	lskel_signed__destroy(skel);
}

/* The same skeleton unsigned: a syscall program, which the tier refuses */
TEST(unsigned_light_skeleton_is_judged_by_the_tier)
{
	struct lskel_plain *skel = lskel_plain__open();
	int err;

	ASSERT_NE(NULL, skel);
	log_to_buf(&skel->ctx);
	err = lskel_plain__load(skel);
	if (enforced()) {
		EXPECT_EQ(-EPERM, err);
		EXPECT_LOG_HAS(log_buf, "load program type syscall");
	} else if (conf()) {
		expect_stock_refusal(_metadata, err);
	} else {
		ASSERT_EQ(0, err) TH_LOG("%s", log_buf);
		skel->bss->pid = getpid();
		ASSERT_EQ(0, lskel_plain__attach(skel));
		expect_counted(_metadata, &skel->bss->calls);
	}
	lskel_plain__destroy(skel);
}

/* One byte of the signed metadata changed after signing, at every level */
TEST(tampered_light_skeleton_is_ekeyrejected)
{
	struct lskel_tampered *skel = lskel_tampered__open();

	ASSERT_NE(NULL, skel);
	log_to_buf(&skel->ctx);
	EXPECT_EQ(-EKEYREJECTED, lskel_tampered__load(skel));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature: does not match");
	lskel_tampered__destroy(skel);
}

/* The header passes skel->keyring_id, 0 (the builtin keyring) unless the application sets it */
TEST(keyring_that_does_not_exist_is_enokey)
{
	struct lskel_signed *skel = lskel_signed__open();
	int err;

	ASSERT_NE(NULL, skel);
	log_to_buf(&skel->ctx);
	/* a keyring serial that names no key */
	skel->keyring_id = 0x7fffffff;
	err = lskel_signed__load(skel);
	EXPECT_EQ(-ENOKEY, err) TH_LOG("%s", log_buf);
	EXPECT_LOG_HAS(log_buf, "keyring 2147483647 cannot be searched");
	lskel_signed__destroy(skel);
}

/*
 * With an annotation that grants the loader's helpers where the ceiling
 * allows them without kernel reads: none and integrity, as unannotated,
 * and at confidentiality the annotation itself refuses the load.
 */
TEST(annotated_light_skeleton_keeps_its_limits)
{
	struct lskel_annot *skel = lskel_annot__open();
	int err;

	ASSERT_NE(NULL, skel);
	log_to_buf(&skel->ctx);
	err = lskel_annot__load(skel);
	if (conf() && ld_mode() != BPF_LOCKDOWN_MODE_OFF) {
		EXPECT_EQ(-EPERM, err);
		EXPECT_LOG_HAS(log_buf, "may not load in confidentiality mode");
	} else if (conf()) {
		expect_stock_refusal(_metadata, err);
	} else {
		ASSERT_EQ(0, err) TH_LOG("%s", log_buf);
		skel->bss->pid = getpid();
		ASSERT_EQ(0, lskel_annot__attach(skel));
		expect_counted(_metadata, &skel->bss->calls);
	}
	lskel_annot__destroy(skel);
}

/*
 * An annotation that grants them at confidentiality too: where the
 * kernel-reads policy is on, the loader runs there, and its programs are
 * still judged by the tier
 */
TEST(light_skeleton_granted_kernel_reads_runs_at_confidentiality)
{
	struct lskel_reads *skel = lskel_reads__open();
	char v[128];
	int err;

	ASSERT_NE(NULL, skel);
	log_to_buf(&skel->ctx);
	err = lskel_reads__load(skel);
	if (conf() && !ld_signed_kernel_reads()) {
		expect_conf_refusal(_metadata, err);
		lskel_reads__destroy(skel);
		return;
	}
	ASSERT_EQ(0, err) TH_LOG("%s", log_buf);
	ld_fdinfo_verdict(skel->progs.count_calls.prog_fd, v, sizeof(v));
	EXPECT_STREQ("unsigned", v);
	skel->bss->pid = getpid();
	ASSERT_EQ(0, lskel_reads__attach(skel));
	expect_counted(_metadata, &skel->bss->calls);
	lskel_reads__destroy(skel);
}

/*
 * The annotation is signed: loaded without it, the signature over the
 * annotation, the instructions and the metadata does not verify as one
 * over the instructions and the metadata alone, so nobody sheds a
 * signer's per-level limits to get the ceiling
 */
TEST(light_skeleton_without_its_signed_annotation_is_ekeyrejected)
{
	struct lskel_stripped *skel = lskel_stripped__open();

	ASSERT_NE(NULL, skel);
	log_to_buf(&skel->ctx);
	EXPECT_EQ(-EKEYREJECTED, lskel_stripped__load(skel));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature: does not match");
	lskel_stripped__destroy(skel);
}

/* The first 16 bytes of the .bss map of a skeleton, whatever its load did */
static int bss_value(int map_fd, char out[16])
{
	union bpf_attr attr;
	char value[16];
	__u32 key = 0;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = map_fd;
	attr.key = (long)&key;
	attr.value = (long)value;
	if (syscall(__NR_bpf, BPF_MAP_LOOKUP_ELEM, &attr, sizeof(attr)))
		return -errno;
	memcpy(out, value, 16);
	return 0;
}

/*
 * The loaders of this bpftool copy a map's initial value from the kernel
 * address in their context when the caller sets BPF_SKEL_KERNEL: through
 * the loader signed without annotation, root reads linux_banner where the
 * loader loads (none and integrity, which allow kernel reads). bpf-annotate
 * sign-lskel --kernel-reads, whose annotation reaches confidentiality,
 * turns that copy into a user-memory copy: the same request reads nothing.
 */
/*
 * Load skeleton NAME asking its loader to copy .bss's initial value from
 * the kernel address ADDR (BPF_SKEL_KERNEL), and read the map into OUT:
 * the copy is made, then mapping .bss at ADDR fails the load.
 */
#define KERNEL_COPY(name, addr, out)						\
	({									\
		struct name *__s = name##__open();				\
		int __err = -ENOMEM;						\
										\
		if (__s) {							\
			__s->ctx.flags = BPF_SKEL_KERNEL;			\
			skel_free_map_data(__s->bss, __s->maps.bss.initial_value, 4096); \
			__s->bss = NULL;					\
			__s->maps.bss.initial_value = (addr);			\
			name##__load(__s);					\
			__err = bss_value(__s->maps.bss.map_fd, (out));		\
			__s->maps.bss.initial_value = 0;			\
			name##__destroy(__s);					\
		}								\
		__err;								\
	})

TEST(caller_chosen_kernel_copy_is_gone_with_kernel_reads)
{
	unsigned long banner = ld_ksym("linux_banner");
	char v[16];

	if (!banner || conf())
		SKIP(return, "no kernel address to name (kallsyms hidden, or confidentiality)");
	ASSERT_EQ(0, KERNEL_COPY(lskel_signed, banner, v));
	EXPECT_EQ(0, memcmp(v, "Linux version ", 14)) TH_LOG("the loader copied no kernel bytes");
	ASSERT_EQ(0, KERNEL_COPY(lskel_reads, banner, v));
	EXPECT_NE(0, memcmp(v, "Linux", 5));
}

TEST_HARNESS_MAIN
