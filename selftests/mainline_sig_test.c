// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown selftests - signatures in mainline's format: no annotation,
 * PKCS#7 over the instructions followed by the value of each map of
 * fd_array[0..fd_array_cnt-1], each an exclusive, frozen array map of one
 * element, as mainline Linux signs a light skeleton's loader. Such a
 * program is held to the ceiling for signed programs, without kernel
 * reads at confidentiality. The loaders here are syscall programs that
 * return the first word of their metadata, signed in the test with the key
 * the kernel trusts.
 */

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <openssl/sha.h>
#include <linux/bpf.h>

#include "lockdown_util.h"
#include "btf_util.h"
#include "sign_util.h"
#include "insn.h"
#include "kselftest_harness.h"
#include "annot.h"
#include "digest.h"

#define LOG_SIZE 65536
#define DIGEST 32
#define META_SIZE 16
#define META_WORD 0x2a2a

static char log_buf[LOG_SIZE];

#define LD_MAP_VALUE_IDX(d, idx) \
	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_IDX_VALUE, 0, idx), INSN(0, 0, 0, 0, 0)
#define LDX_W(d, s, o)		INSN(BPF_LDX | BPF_MEM | BPF_W, d, s, o, 0)

/* return the first word of the metadata in fd_array[0] */
static const struct bpf_insn loader[] = {
	LD_MAP_VALUE_IDX(BPF_REG_6, 0), LDX_W(BPF_REG_0, BPF_REG_6, 0), EXIT
};

/* the same, also reaching the map in fd_array[1] */
static const struct bpf_insn loader2[] = {
	LD_MAP_VALUE_IDX(BPF_REG_6, 0), LD_MAP_VALUE_IDX(BPF_REG_7, 1),
	LDX_W(BPF_REG_0, BPF_REG_6, 0), EXIT
};

/* bpf_get_current_task(): a kernel address */
static const struct bpf_insn task_prog[] = { CALL(BPF_FUNC_get_current_task), EXIT };

/* bpf_sys_bpf(BPF_MAP_CREATE, 8 zero bytes on the stack, 8) */
static const struct bpf_insn sys_bpf_prog[] = {
	ST_DW(BPF_REG_10, -8, 0), MOV64_IMM(BPF_REG_1, BPF_MAP_CREATE),
	MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -8), MOV64_IMM(BPF_REG_3, 8),
	CALL(BPF_FUNC_sys_bpf), EXIT
};

/* bpf_probe_read_kernel(fp - 8, 8, 0): how a loader zeroes its stack */
static const struct bpf_insn zero_read[] = {
	MOV64_REG(BPF_REG_1, BPF_REG_10), ADD64_IMM(BPF_REG_1, -8), MOV64_IMM(BPF_REG_2, 8),
	MOV64_IMM(BPF_REG_3, 0), CALL(BPF_FUNC_probe_read_kernel), RET0
};

/*
 * bpf_probe_read_kernel(fp - 8, 8, src) reached with src = 0 when the
 * context's first word is 0 and with src = that word otherwise
 * (ld_pruned_call())
 */
static unsigned int ctx_read(struct bpf_insn *insns, unsigned int pad)
{
	static const struct bpf_insn head[] = {
		MOV64_REG(BPF_REG_6, BPF_REG_1), MOV64_REG(BPF_REG_1, BPF_REG_10),
		ADD64_IMM(BPF_REG_1, -8), MOV64_IMM(BPF_REG_2, 8),
		INSN(BPF_LDX | BPF_MEM | BPF_W, BPF_REG_0, BPF_REG_6, 0, 0),
		MOV64_REG(BPF_REG_3, BPF_REG_0),
	};

	return ld_pruned_call(insns, head, ARRAY_SIZE(head), MOV64_IMM(BPF_REG_3, 0),
			      BPF_FUNC_probe_read_kernel, pad);
}

/* a kfunc call, by BTF ID */
static const struct bpf_insn kfunc_prog[] = { KFUNC_CALL, EXIT };

/* no metadata: return 7 */
static const struct bpf_insn mapless[] = { MOV64_IMM(BPF_REG_0, 7), EXIT };

struct mainline {
	const struct bpf_insn *insns;
	unsigned int cnt;
	int maps[2];
	__u32 fd_cnt;
	__u8 sig[4096];
	__u32 sig_size;
	bool unsigned_load;
	/* an annotation, which the signature covers after its prefix */
	const void *annot;
	__u32 annot_size;
};

static void digest_of(const struct bpf_insn *insns, unsigned int cnt, __u8 out[DIGEST])
{
	SHA256((const unsigned char *)insns, cnt * sizeof(*insns), out);
}

/* An exclusive array map of one META_SIZE value whose first word is @word */
static int meta_map(const __u8 *excl, __u32 entries, __u32 word, bool freeze)
{
	__u8 val[META_SIZE] = {};
	union bpf_attr attr;
	__u32 i;
	int fd;

	fd = ld_array_map_create(META_SIZE, entries, excl, excl ? DIGEST : 0);
	if (fd < 0)
		return fd;
	memcpy(val, &word, sizeof(word));
	for (i = 0; i < entries; i++) {
		memset(&attr, 0, sizeof(attr));
		attr.map_fd = fd;
		attr.key = (__u64)(unsigned long)&i;
		attr.value = (__u64)(unsigned long)val;
		if (syscall(__NR_bpf, BPF_MAP_UPDATE_ELEM, &attr, sizeof(attr)))
			return -errno;
	}
	if (freeze) {
		memset(&attr, 0, sizeof(attr));
		attr.map_fd = fd;
		if (syscall(__NR_bpf, BPF_MAP_FREEZE, &attr, sizeof(attr)))
			return -errno;
	}
	return fd;
}

/* Sign the instructions followed by @meta_cnt metadata values of @words with @stem's key */
static int sign_mainline(struct mainline *m, const __u32 *words, unsigned int meta_cnt,
			 const char *stem)
{
	char kp[PATH_MAX], cp[PATH_MAX];
	__u8 data[8192] = {};
	size_t len = 0;
	unsigned int i;

	if (m->annot) {
		bpf_lockdown_mainline_annot_prefix(data, m->annot_size, m->cnt);
		len = BPF_LOCKDOWN_MAINLINE_ANNOT_PREFIX_SIZE;
		memcpy(data + len, m->annot, m->annot_size);
		len += m->annot_size;
	}
	memcpy(data + len, m->insns, m->cnt * sizeof(struct bpf_insn));
	len += m->cnt * sizeof(struct bpf_insn);
	for (i = 0; i < meta_cnt; i++, len += META_SIZE)
		memcpy(data + len, &words[i], sizeof(words[i]));
	ld_key_pair(stem, kp, cp);
	m->sig_size = sizeof(m->sig);
	return ld_cms_sign(kp, cp, data, len, m->sig, &m->sig_size);
}

static int load(const struct mainline *m)
{
	struct ld_load a = {
		.type = BPF_PROG_TYPE_SYSCALL, .prog_flags = BPF_F_SLEEPABLE,
		.insns = m->insns, .cnt = m->cnt, .name = "__loader_prog",
		.fd_array = m->maps, .fd_array_cnt = m->fd_cnt,
		.license = "Dual BSD/GPL",
	};

	if (!m->unsigned_load) {
		a.sig = m->sig;
		a.sig_size = m->sig_size;
	}
	a.annot = m->annot;
	a.annot_size = m->annot_size;
	return ld_prog_load(&a, log_buf, sizeof(log_buf));
}

static int run(int prog, __u32 *retval)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = prog;
	if (syscall(__NR_bpf, BPF_PROG_TEST_RUN, &attr, sizeof(attr)))
		return -errno;
	*retval = attr.test.retval;
	return 0;
}

static void close_maps(struct mainline *m)
{
	for (int i = 0; i < 2; i++)
		if (m->maps[i] > 0)
			close(m->maps[i]);
}

static bool tier_enforced(void)
{
	return ld_level() != BPF_LOCKDOWN_LEVEL_NONE && ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
}

/* The loader @m signed with its metadata loads, shows its verdict and returns the metadata */
static void expect_loader_runs(struct __test_metadata *_metadata, struct mainline *m)
{
	__u32 word = META_WORD, ret = 0;
	__u8 excl[DIGEST];
	char v[128];
	int fd;

	digest_of(m->insns, m->cnt, excl);
	m->maps[0] = meta_map(excl, 1, word, true);
	ASSERT_LE(0, m->maps[0]);
	ASSERT_EQ(0, sign_mainline(m, &word, 1, "signing"));
	fd = load(m);
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	EXPECT_LOG_HAS(log_buf, "lockdown: signature verified (builtin keyring, mainline format)");
	ld_fdinfo_verdict(fd, v, sizeof(v));
	EXPECT_STREQ("signed (builtin keyring)", v);
	ASSERT_EQ(0, run(fd, &ret));
	EXPECT_EQ((__u32)META_WORD, ret);
	close(fd);
	close_maps(m);
}

TEST(signed_loader_with_metadata_loads_and_runs)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };

	expect_loader_runs(_metadata, &m);
}

TEST(signed_program_without_metadata_loads_and_runs)
{
	struct mainline m = { .insns = mapless, .cnt = ARRAY_SIZE(mapless) };
	__u32 ret = 0;
	int fd;

	ASSERT_EQ(0, sign_mainline(&m, NULL, 0, "signing"));
	fd = load(&m);
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	ASSERT_EQ(0, run(fd, &ret));
	EXPECT_EQ(7U, ret);
	close(fd);
}

/* The ceiling, not the tier: the same loader unsigned is refused where the tier is enforced */
TEST(unsigned_loader_is_judged_by_the_tier)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1,
			      .unsigned_load = true };
	__u8 excl[DIGEST];
	int fd;

	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, META_WORD, true);
	ASSERT_LE(0, m.maps[0]);
	fd = load(&m);
	if (tier_enforced()) {
		EXPECT_EQ(-EPERM, fd);
		EXPECT_LOG_HAS(log_buf, "load program type syscall");
	} else {
		EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
	}
	if (fd >= 0)
		close(fd);
	close_maps(&m);
}

TEST(changed_metadata_is_ekeyrejected)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u32 signed_word = META_WORD;
	__u8 excl[DIGEST];

	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, META_WORD + 1, true);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, &signed_word, 1, "signing"));
	EXPECT_EQ(-EKEYREJECTED, load(&m));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature: does not match");
	close_maps(&m);
}

/* With fd_array_cnt set, a signature over the instructions alone does not verify */
TEST(signature_must_cover_the_metadata)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u8 excl[DIGEST];

	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, META_WORD, true);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, NULL, 0, "signing"));
	EXPECT_EQ(-EKEYREJECTED, load(&m));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature: does not match");
	close_maps(&m);
}

TEST(untrusted_signer_is_enokey)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u32 word = META_WORD;
	__u8 excl[DIGEST];

	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, word, true);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "untrusted"));
	EXPECT_EQ(-ENOKEY, load(&m));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature: no key in the builtin keyring");
	close_maps(&m);
}

TEST(metadata_map_must_be_exclusive)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u32 word = META_WORD;

	m.maps[0] = meta_map(NULL, 1, word, true);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "signing"));
	EXPECT_EQ(-EINVAL, load(&m));
	EXPECT_LOG_HAS(log_buf, "the map of fd_array[0] is not exclusive (excl_prog_hash)");
	close_maps(&m);
}

TEST(metadata_map_must_be_frozen)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u32 word = META_WORD;
	__u8 excl[DIGEST];

	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, word, false);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "signing"));
	EXPECT_EQ(-EPERM, load(&m));
	EXPECT_LOG_HAS(log_buf, "the map of fd_array[0] is not frozen");
	close_maps(&m);
}

/*
 * A timer's words are kernel pointers, which signature checks would test;
 * refused before the check that the map is frozen, which such a map
 * cannot be
 */
TEST(metadata_map_with_a_timer_is_einval)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u32 word = 0;
	__u8 excl[DIGEST];

	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = ld_timer_map(excl);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "signing"));
	EXPECT_EQ(-EINVAL, load(&m));
	EXPECT_LOG_HAS(log_buf,
		       "the map of fd_array[0] holds timers, kptrs or other special fields");
	close_maps(&m);
}

TEST(metadata_map_has_one_element)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u32 word = META_WORD;
	__u8 excl[DIGEST];

	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 2, word, true);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "signing"));
	EXPECT_EQ(-EINVAL, load(&m));
	EXPECT_LOG_HAS(log_buf, "is not an array map of one element");
	close_maps(&m);
}

/* Signed and frozen, but exclusive to another program: the verifier refuses it */
TEST(metadata_map_of_another_program_is_eacces)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u32 word = META_WORD;
	__u8 excl[DIGEST];

	digest_of(mapless, ARRAY_SIZE(mapless), excl);
	m.maps[0] = meta_map(excl, 1, word, true);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "signing"));
	EXPECT_EQ(-EACCES, load(&m));
	EXPECT_LOG_HAS(log_buf, "program's digest does not match the map's excl_prog_hash");
	close_maps(&m);
}

/* A map reached past fd_array_cnt, even exclusive to the program, is not signed */
TEST(reference_past_the_metadata_map_is_einval)
{
	struct mainline m = { .insns = loader2, .cnt = ARRAY_SIZE(loader2), .fd_cnt = 1 };
	__u32 word = META_WORD;
	__u8 excl[DIGEST];

	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, word, true);
	m.maps[1] = meta_map(excl, 1, word, true);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_LE(0, m.maps[1]);
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "signing"));
	EXPECT_EQ(-EINVAL, load(&m));
	EXPECT_LOG_HAS(log_buf, "instruction 2 references an object the signature does not cover");
	close_maps(&m);
}

/* One metadata map: with two, bytes could move from one value to the other */
TEST(second_metadata_map_is_e2big)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 2 };

	ASSERT_EQ(0, sign_mainline(&m, NULL, 0, "signing"));
	EXPECT_EQ(-E2BIG, load(&m));
	EXPECT_LOG_HAS(log_buf,
		       "fd_array_cnt 2: in mainline's format the signature covers one metadata map");
}

/*
 * What the bytes do not cover is refused: another program type, flags,
 * BTF and the records CO-RE rewrites instructions with (their pointers are
 * never read: a kernel address there would otherwise be)
 */
TEST(only_what_the_signature_covers)
{
	struct mainline m = { .insns = mapless, .cnt = ARRAY_SIZE(mapless) };
	struct ld_load a = {
		.type = BPF_PROG_TYPE_SYSCALL, .prog_flags = BPF_F_SLEEPABLE,
		.insns = mapless, .cnt = ARRAY_SIZE(mapless), .name = "__loader_prog",
		.license = "Dual BSD/GPL",
	};
	static const __u8 kaddr[8] = { 0, 0, 0, 0, 0, 0x80, 0xff, 0xff };

	ASSERT_EQ(0, sign_mainline(&m, NULL, 0, "signing"));
	a.sig = m.sig;
	a.sig_size = m.sig_size;

	a.type = BPF_PROG_TYPE_KPROBE;
	a.prog_flags = 0;
	EXPECT_EQ(-EINVAL, ld_prog_load(&a, log_buf, sizeof(log_buf)));
	EXPECT_LOG_HAS(log_buf, "in mainline's format only a syscall program");

	a.type = BPF_PROG_TYPE_SYSCALL;
	a.prog_flags = BPF_F_SLEEPABLE | BPF_F_ANY_ALIGNMENT;
	EXPECT_EQ(-EINVAL, ld_prog_load(&a, log_buf, sizeof(log_buf)));
	EXPECT_LOG_HAS(log_buf, "prog_flags may only be BPF_F_SLEEPABLE");

	a.prog_flags = BPF_F_SLEEPABLE;
	memcpy(&a.line_info, kaddr, sizeof(a.line_info));
	a.line_info_cnt = 1;
	EXPECT_EQ(-EINVAL, ld_prog_load(&a, log_buf, sizeof(log_buf)));
	EXPECT_LOG_HAS(log_buf, "a program has no BTF, func_info, line_info or core_relos");

	/* a kfunc is signed by its BTF ID, which names another in another build */
	a.line_info = NULL;
	a.line_info_cnt = 0;
	a.insns = kfunc_prog;
	a.cnt = ARRAY_SIZE(kfunc_prog);
	EXPECT_EQ(-EINVAL, ld_prog_load(&a, log_buf, sizeof(log_buf)));
	EXPECT_LOG_HAS(log_buf, "instruction 0 calls a kfunc");
}

struct swapper {
	int slot, signed_map, other_map;
	bool stop;
};

/* Point fd @slot at the signed metadata map and at another one, in turn */
static void *swap_fd(void *arg)
{
	struct swapper *s = arg;

	while (!__atomic_load_n(&s->stop, __ATOMIC_RELAXED)) {
		dup2(s->other_map, s->slot);
		dup2(s->signed_map, s->slot);
	}
	return NULL;
}

/* 300 signed loads: about 30 s on a debug kernel under emulation */
FIXTURE(race) {
	int unused;
};

FIXTURE_SETUP(race)
{
}

FIXTURE_TEARDOWN(race)
{
}

/*
 * The verifier looks fd_array up after the signature was checked: a map
 * swapped in between, exclusive to the same loader but with other
 * contents, never runs under the signature
 */
TEST_F_TIMEOUT(race, metadata_swapped_during_the_load_never_runs_signed, 300)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	struct swapper s = { };
	int fd, loaded = 0, refused = 0, i;
	__u32 word = META_WORD, ret;
	__u8 excl[DIGEST];
	pthread_t thread;

	if (!ld_two_cpus())
		SKIP(return, LD_NO_RACER);
	digest_of(m.insns, m.cnt, excl);
	s.signed_map = meta_map(excl, 1, word, true);
	s.other_map = meta_map(excl, 1, word + 1, true);
	ASSERT_LE(0, s.signed_map);
	ASSERT_LE(0, s.other_map);
	s.slot = dup(s.signed_map);
	ASSERT_LE(0, s.slot);
	m.maps[0] = s.slot;
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "signing"));
	ASSERT_EQ(0, pthread_create(&thread, NULL, swap_fd, &s));
	for (i = 0; i < 300; i++) {
		fd = load(&m);
		if (fd < 0) {
			EXPECT_TRUE(fd == -EKEYREJECTED || fd == -EINVAL || fd == -EBADF)
				TH_LOG("load %d: %d %s", i, fd, log_buf);
			refused++;
			continue;
		}
		loaded++;
		ret = 0;
		EXPECT_EQ(0, run(fd, &ret));
		EXPECT_EQ((__u32)META_WORD, ret);
		close(fd);
	}
	__atomic_store_n(&s.stop, true, __ATOMIC_RELAXED);
	pthread_join(thread, NULL);
	TH_LOG("%d loaded with the signed metadata, %d refused", loaded, refused);
	/* the refusals filled the kernel log's rate limit: leave it empty to the next suite */
	if (!ld_log_unlimited())
		usleep(6500 * 1000);
	close(s.slot);
	close(s.other_map);
	close(s.signed_map);
}

/*
 * No annotation, no kernel reads: at confidentiality the ceiling refuses
 * what reads the kernel or leaks its addresses, and bpf_sys_bpf(), which
 * reads its attributes as kernel pointers, kernel-reads policy or not
 */
TEST(no_kernel_reads_at_confidentiality)
{
	static const struct {
		const struct bpf_insn *insns;
		unsigned int cnt;
		const char *call;
	} progs[] = {
		{ task_prog, ARRAY_SIZE(task_prog), "call bpf_get_current_task#35" },
		{ sys_bpf_prog, ARRAY_SIZE(sys_bpf_prog), "call bpf_sys_bpf#166" },
	};
	bool conf = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
		    ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
	char want[128];
	unsigned int i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(progs); i++) {
		struct mainline m = { .insns = progs[i].insns, .cnt = progs[i].cnt };

		ASSERT_EQ(0, sign_mainline(&m, NULL, 0, "signing"));
		fd = load(&m);
		if (!conf) {
			EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
		} else {
			EXPECT_EQ(-EACCES, fd);
			snprintf(want, sizeof(want),
				 "signed program may not %s in confidentiality mode",
				 progs[i].call);
			EXPECT_LOG_HAS(log_buf, want);
		}
		if (fd >= 0)
			close(fd);
	}
}

/*
 * An annotation that lets the loader load at every level, or all but
 * confidentiality, naming @sealed_cnt sealed maps
 */
static __u32 loader_annot_with(void *buf, __u32 size, __u32 sealed_cnt, bool at_conf,
			       int helper)
{
	static const __u32 sealed[] = { 0 };
	struct bpf_lockdown_annot_spec spec = { .sealed = sealed, .sealed_cnt = sealed_cnt };
	char err[160];
	__u32 out = 0;

	for (int l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		spec.level[l].may_load = at_conf || l != BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
		if (!spec.level[l].may_load)
			continue;
		bpf_lockdown_annot_set_helper(spec.level[l].helpers, BPF_FUNC_probe_read_kernel);
		bpf_lockdown_annot_set_helper(spec.level[l].helpers, helper);
	}
	if (bpf_lockdown_annot_build(&spec, buf, size, &out, err, sizeof(err)))
		return 0;
	return out;
}

static __u32 loader_annot(void *buf, __u32 size, __u32 sealed_cnt, bool at_conf)
{
	return loader_annot_with(buf, size, sealed_cnt, at_conf, BPF_FUNC_probe_read_kernel);
}

/* A loader signed in mainline's format may carry an annotation, which the signature covers */
TEST(annotated_loader_with_metadata_loads_and_runs)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u8 blob[1024];

	m.annot = blob;
	m.annot_size = loader_annot(blob, sizeof(blob), 0, true);
	ASSERT_LT(0, (int)m.annot_size);
	expect_loader_runs(_metadata, &m);
}

/*
 * The annotation is part of what is signed, after a prefix whose first
 * byte no program's first instruction has: without it, or with another,
 * the signature does not verify
 */
TEST(annotation_is_covered_by_the_signature)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u32 word = META_WORD;
	__u8 excl[DIGEST], blob[1024], other[1024];

	m.annot = blob;
	m.annot_size = loader_annot(blob, sizeof(blob), 0, true);
	ASSERT_LT(0, (int)m.annot_size);
	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, word, true);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "signing"));
	/* shed: the signature over prefix, annotation, instructions, metadata */
	m.annot = NULL;
	m.annot_size = 0;
	EXPECT_EQ(-EKEYREJECTED, load(&m));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature: does not match");
	/* another: it may not load at confidentiality */
	m.annot = other;
	m.annot_size = loader_annot(other, sizeof(other), 0, false);
	ASSERT_LT(0, (int)m.annot_size);
	EXPECT_EQ(-EKEYREJECTED, load(&m));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature: does not match");
	close_maps(&m);
}

TEST(annotation_naming_a_sealed_map_is_einval)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u32 word = META_WORD;
	__u8 excl[DIGEST], blob[1024];

	m.annot = blob;
	m.annot_size = loader_annot(blob, sizeof(blob), 1, true);
	ASSERT_LT(0, (int)m.annot_size);
	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, word, true);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "signing"));
	EXPECT_EQ(-EINVAL, load(&m));
	EXPECT_LOG_HAS(log_buf, "an annotation signed in mainline's format names no sealed map");
	close_maps(&m);
}

/* Unsigned, an annotated program keeps fd_array_cnt 0: its digest would not bind the rest */
TEST(unsigned_annotated_loader_with_fd_array_cnt_is_einval)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1,
			      .unsigned_load = true };
	__u8 excl[DIGEST], blob[1024];

	m.annot = blob;
	m.annot_size = loader_annot(blob, sizeof(blob), 0, true);
	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, META_WORD, true);
	ASSERT_LE(0, m.maps[0]);
	EXPECT_EQ(-EINVAL, load(&m));
	EXPECT_LOG_HAS(log_buf,
		       "fd_array_cnt must be 0 for an annotated program unless it is signed in mainline's format");
	close_maps(&m);
}

/* Signed without an annotation, loaded with one: the bytes differ by the prefix and annotation */
TEST(annotation_added_to_a_signature_made_without_is_ekeyrejected)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u32 word = META_WORD;
	__u8 excl[DIGEST], blob[1024];

	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, word, true);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "signing"));
	m.annot = blob;
	m.annot_size = loader_annot(blob, sizeof(blob), 0, true);
	ASSERT_LT(0, (int)m.annot_size);
	EXPECT_EQ(-EKEYREJECTED, load(&m));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature: does not match");
	close_maps(&m);
}

/* With fd_array_cnt 0 an annotated signature is read in BPF lockdown's format, and fails */
TEST(annotated_mainline_signature_without_fd_array_cnt_is_ekeyrejected)
{
	struct mainline m = { .insns = loader, .cnt = ARRAY_SIZE(loader), .fd_cnt = 1 };
	__u32 word = META_WORD;
	__u8 excl[DIGEST], blob[1024];

	m.annot = blob;
	m.annot_size = loader_annot(blob, sizeof(blob), 0, true);
	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, word, true);
	ASSERT_LE(0, m.maps[0]);
	ASSERT_EQ(0, sign_mainline(&m, &word, 1, "signing"));
	m.fd_cnt = 0;
	EXPECT_EQ(-EKEYREJECTED, load(&m));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature: does not match");
	close_maps(&m);
}

/* Load @insns as an annotated loader signed in mainline's format, granted @helper too */
static int load_annotated(struct __test_metadata *_metadata, const struct bpf_insn *insns,
			  unsigned int cnt, int helper)
{
	struct mainline m = { .insns = insns, .cnt = cnt, .fd_cnt = 1 };
	__u32 word = META_WORD;
	__u8 excl[DIGEST], blob[1024];
	int fd;

	m.annot = blob;
	m.annot_size = loader_annot_with(blob, sizeof(blob), 0, true, helper);
	digest_of(m.insns, m.cnt, excl);
	m.maps[0] = meta_map(excl, 1, word, true);
	if (m.maps[0] < 0 || sign_mainline(&m, &word, 1, "signing"))
		return -EIO;
	fd = load(&m);
	close_maps(&m);
	return fd;
}

/*
 * At confidentiality, a loader granted kernel reads may read only from
 * address 0, as a stack-zeroing call does: its context is its caller's
 */
TEST(annotated_loader_reads_only_address_zero_at_confidentiality)
{
	bool conf = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
		    ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
	struct bpf_insn insns[32];
	unsigned int pad;
	int fd;

	fd = load_annotated(_metadata, zero_read, ARRAY_SIZE(zero_read),
			    BPF_FUNC_probe_read_kernel);
	if (conf && !ld_signed_kernel_reads()) {
		EXPECT_EQ(-EACCES, fd);
		EXPECT_LOG_HAS(log_buf, "call bpf_probe_read_kernel#113 in confidentiality mode");
	} else {
		EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
	}
	if (fd >= 0)
		close(fd);
	for (pad = 0; pad < 10; pad++) {
		fd = load_annotated(_metadata, insns, ctx_read(insns, pad),
				    BPF_FUNC_probe_read_kernel);
		if (conf) {
			EXPECT_EQ(-EACCES, fd) TH_LOG("pad %u", pad);
			if (ld_signed_kernel_reads())
				EXPECT_LOG_HAS(log_buf,
					       "call bpf_probe_read_kernel#113 from an address other than 0");
		} else {
			EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
		}
		if (fd >= 0)
			close(fd);
	}
}

/* bpf_trace_printk("%s", 3, 0): a format helper reads any address its argument holds */
static const struct bpf_insn printk_prog[] = {
	ST_W(BPF_REG_10, -8, 0x7325), MOV64_REG(BPF_REG_1, BPF_REG_10), ADD64_IMM(BPF_REG_1, -8),
	MOV64_IMM(BPF_REG_2, 3), MOV64_IMM(BPF_REG_3, 0), CALL(BPF_FUNC_trace_printk), RET0
};

/* At confidentiality a loader calls only what loaders call, whatever its annotation grants */
TEST(annotated_loader_calls_only_loader_helpers_at_confidentiality)
{
	bool conf = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
		    ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
	int fd;

	fd = load_annotated(_metadata, printk_prog, ARRAY_SIZE(printk_prog),
			    BPF_FUNC_trace_printk);
	if (conf) {
		/* without the kernel-reads policy the ceiling refuses it first */
		EXPECT_EQ(-EACCES, fd);
		EXPECT_LOG_HAS(log_buf, ld_signed_kernel_reads() ?
			       "call bpf_trace_printk#6, a helper loaders do not call," :
			       "call bpf_trace_printk#6 in confidentiality mode");
	} else {
		EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
	}
	if (fd >= 0)
		close(fd);
}

TEST_HARNESS_MAIN
