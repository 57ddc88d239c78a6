// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - signed programs at BPF_PROG_LOAD */

/*
 * Small hand-assembled programs, signed here with the test key the kernel
 * trusts (build/keys) over the digest of the shared digest.c, exercise
 * every rule of signature verification and of the policy for signed
 * programs, with the exact errno and log line. Clang-built objects signed
 * by bpf-annotate are tested in annotate_load_test.sh.
 */
#include <pthread.h>
#include <time.h>
#include <sched.h>
#include <sys/klog.h>
#include <sys/wait.h>
#include <bpf/bpf.h>
#include <linux/btf.h>
#include <linux/keyctl.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "lockdown_util.h"
#include "sign_util.h"
#include "insn.h"
#include "kselftest_harness.h"
#include "annot.h"
#include "digest.h"

#define LOG_SIZE 65536

static char log_buf[LOG_SIZE];

#define LD_MAP_IDX(d, idx)	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_IDX, 0, idx), \
				INSN(0, 0, 0, 0, 0)
#define LD_MAP_IDX_VALUE(d, idx, off) \
	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_IDX_VALUE, 0, idx), \
	INSN(0, 0, 0, 0, off)

/* r0 = bpf_get_current_pid_tgid(); return 0 */
static const struct bpf_insn pid_prog[] = { CALL(BPF_FUNC_get_current_pid_tgid), RET0 };
/* bpf_send_signal(0): denied to unsigned programs under lockdown */
static const struct bpf_insn signal_prog[] = {
	MOV64_IMM(BPF_REG_1, 0), CALL(BPF_FUNC_send_signal), RET0,
};

/* bpf_get_current_task(): reveals a kernel address */
static const struct bpf_insn task_prog[] = { CALL(BPF_FUNC_get_current_task), RET0 };
/* bpf_probe_write_user(NULL, stack, 8): lockdown's own integrity promise */
static const struct bpf_insn write_user_prog[] = {
	ST_DW(BPF_REG_10, -8, 0), MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -8),
	MOV64_IMM(BPF_REG_1, 0), MOV64_IMM(BPF_REG_3, 8),
	CALL(BPF_FUNC_probe_write_user), RET0,
};

/* lookup key 0 in the map at fd_array[0], read the u64 of fd_array[1] */
static const struct bpf_insn map_prog[] = {
	ST_W(BPF_REG_10, -4, 0), MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -4),
	LD_MAP_IDX(BPF_REG_1, 0), CALL(BPF_FUNC_map_lookup_elem),
	LD_MAP_IDX_VALUE(BPF_REG_1, 1, 0), LDX_DW(BPF_REG_0, BPF_REG_1, 0),
	RET0,
};

/* the same with a raw map fd */
static struct bpf_insn raw_fd_prog[] = {
	ST_W(BPF_REG_10, -4, 0), MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -4),
	LD_MAP_FD(BPF_REG_1), CALL(BPF_FUNC_map_lookup_elem), RET0,
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The verifier log line of a signature that does not match what it covers */
#define MISMATCH "lockdown: signature: does not match the program, its maps or its annotation"

struct signed_prog {
	const struct bpf_insn *insns;
	unsigned int cnt;
	enum bpf_prog_type type;
	const char *name;
	/* helpers granted at every level that may load */
	int grant[4];
	__u32 caps;
	bool no_load_here;
	/* maps in fd_array order, and which are sealed */
	int maps[2];
	unsigned int map_cnt;
	bool seal_second;
	const char *key;	/* key and certificate file stem, default "signing_key"/"cert" */
	__s32 keyring_id;
	/* program BTF (raw, and loaded as btf_fd) and its records */
	const void *btf;
	__u32 btf_size;
	int btf_fd;
	struct bpf_func_info *func_info;
	__u32 func_info_cnt;
	struct bpf_line_info *line_info;
	__u32 line_info_cnt;
	/* what is passed, after signing */
	__u8 annot[4096];
	__u32 annot_size;
	__u8 sig[4096];
	__u32 sig_size;
	struct bpf_insn tampered[64];
};

/* Detached PKCS#7 over the digest with the test key pair @stem */
static int sign(const __u8 *digest, const char *stem, __u8 *out, __u32 *out_size)
{
	char kp[PATH_MAX], cp[PATH_MAX];

	ld_key_pair(stem, kp, cp);
	return ld_cms_sign(kp, cp, digest, BPF_LOCKDOWN_DIGEST_SIZE, out, out_size);
}

static int map_desc(int fd, struct bpf_lockdown_digest_map *m, __u8 *sha)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	__u8 value[4096];
	__u32 key = 0;
	unsigned int n;
	EVP_MD_CTX *md;

	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return -1;
	m->type = info.type;
	m->key_size = info.key_size;
	m->value_size = info.value_size;
	m->max_entries = info.max_entries;
	m->flags = info.map_flags;
	if (!sha || info.type != BPF_MAP_TYPE_ARRAY || info.value_size > sizeof(value))
		return 0;
	md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	for (key = 0; key < info.max_entries; key++) {
		if (bpf_map_lookup_elem(fd, &key, value))
			return -1;
		EVP_DigestUpdate(md, value, info.value_size);
	}
	EVP_DigestFinal_ex(md, sha, &n);
	EVP_MD_CTX_free(md);
	m->sealed_sha256 = sha;
	return 0;
}

/* Build the annotation, compute the digest and sign it */
static int prepare(struct signed_prog *p)
{
	struct bpf_lockdown_digest_map maps[2] = {};
	struct bpf_lockdown_annot_spec spec = {};
	struct bpf_lockdown_digest_input in = {};
	struct bpf_lockdown_annot annot;
	__u8 digest[BPF_LOCKDOWN_DIGEST_SIZE], sha[32];
	static const __u32 sealed[] = { 1 };
	char err[160];
	unsigned int i;
	int l;

	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		spec.level[l].may_load = !(p->no_load_here && l == ld_level());
		if (!spec.level[l].may_load)
			continue;
		spec.level[l].caps = p->caps;
		for (i = 0; i < N(p->grant) && p->grant[i]; i++)
			bpf_lockdown_annot_set_helper(spec.level[l].helpers, p->grant[i]);
	}
	if (p->seal_second) {
		spec.sealed = sealed;
		spec.sealed_cnt = 1;
	}
	if (bpf_lockdown_annot_build(&spec, p->annot, sizeof(p->annot), &p->annot_size,
				     err, sizeof(err)) ||
	    bpf_lockdown_annot_parse(p->annot, p->annot_size, &annot, err, sizeof(err)))
		return -1;
	for (i = 0; i < p->map_cnt; i++)
		if (map_desc(p->maps[i], &maps[i], p->seal_second && i == 1 ? sha : NULL))
			return -1;
	memcpy(p->tampered, p->insns, p->cnt * sizeof(*p->insns));
	in.prog_type = p->type ?: BPF_PROG_TYPE_KPROBE;
	in.prog_name = p->name;
	in.license = "GPL";
	in.insns = p->insns;
	in.insn_cnt = p->cnt;
	in.maps = maps;
	in.map_cnt = p->map_cnt;
	in.annot = &annot;
	in.btf = p->btf;
	in.btf_size = p->btf_size;
	in.func_info = p->func_info;
	in.func_info_cnt = p->func_info_cnt;
	in.func_info_rec_size = sizeof(struct bpf_func_info);
	in.line_info = p->line_info;
	in.line_info_cnt = p->line_info_cnt;
	in.line_info_rec_size = sizeof(struct bpf_line_info);
	if (bpf_lockdown_digest(&in, NULL, NULL, digest, err, sizeof(err)))
		return -1;
	p->sig_size = sizeof(p->sig);
	return sign(digest, p->key ?: "signing", p->sig, &p->sig_size);
}

/* Load what prepare() made (with p->tampered as the instructions) */
static int load_fd(struct signed_prog *p)
{
	struct ld_load a = {
		.type = p->type ?: BPF_PROG_TYPE_KPROBE,
		.insns = p->tampered,
		.cnt = p->cnt,
		.name = p->name,
		.annot = p->annot,
		.annot_size = p->annot_size,
		.sig = p->sig,
		.sig_size = p->sig_size,
		.keyring_id = p->keyring_id,
		.fd_array = p->map_cnt ? p->maps : NULL,
		.btf_fd = p->btf_fd,
		.func_info = p->func_info,
		.func_info_cnt = p->func_info_cnt,
		.line_info = p->line_info,
		.line_info_cnt = p->line_info_cnt,
	};

	return ld_prog_load(&a, log_buf, sizeof(log_buf));
}

static int load(struct signed_prog *p)
{
	int fd = load_fd(p);

	if (fd >= 0)
		close(fd);
	return fd < 0 ? fd : 0;
}

static bool locked(void)
{
	return ld_level() != BPF_LOCKDOWN_LEVEL_NONE && ld_mode() != BPF_LOCKDOWN_MODE_OFF;
}

static bool enforcing(void)
{
	return ld_level() != BPF_LOCKDOWN_LEVEL_NONE && ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
}

TEST(signed_program_loads_with_its_verdict)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_signed",
				 .grant = { BPF_FUNC_get_current_pid_tgid } };
	char v[64];
	int fd;

	ASSERT_EQ(0, prepare(&p));
	fd = load_fd(&p);
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	ASSERT_NE(NULL, strstr(log_buf, "lockdown: signature verified (builtin keyring)"))
		TH_LOG("%s", log_buf);
	ld_fdinfo_verdict(fd, v, sizeof(v));
	EXPECT_STREQ("signed (builtin keyring)", v);
	close(fd);
}

TEST(unsigned_and_annotated_verdicts_in_fdinfo)
{
	struct ld_load a = { .type = BPF_PROG_TYPE_KPROBE, .insns = pid_prog, .cnt = N(pid_prog),
			     .name = "ld_unsigned" };
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_annot",
				 .grant = { BPF_FUNC_get_current_pid_tgid } };
	char v[64];
	int fd;

	fd = ld_prog_load(&a, log_buf, sizeof(log_buf));
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	ld_fdinfo_verdict(fd, v, sizeof(v));
	EXPECT_STREQ("unsigned", v);
	close(fd);
	ASSERT_EQ(0, prepare(&p));
	p.sig_size = 0;
	a.annot = p.annot;
	a.annot_size = p.annot_size;
	fd = ld_prog_load(&a, log_buf, sizeof(log_buf));
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	ld_fdinfo_verdict(fd, v, sizeof(v));
	EXPECT_STREQ("annotated, unsigned", v);
	close(fd);
}

TEST(signed_program_gets_a_helper_the_tier_refuses)
{
	struct signed_prog p = { .insns = signal_prog, .cnt = N(signal_prog), .name = "ld_signal",
				 .grant = { BPF_FUNC_send_signal } };
	struct ld_load a = { .type = BPF_PROG_TYPE_KPROBE, .insns = signal_prog,
			     .cnt = N(signal_prog), .name = "ld_signal" };
	int fd;

	ASSERT_EQ(0, prepare(&p));
	ASSERT_EQ(0, load(&p)) TH_LOG("%s", log_buf);
	fd = ld_prog_load(&a, log_buf, sizeof(log_buf));
	if (enforcing()) {
		ASSERT_EQ(-EACCES, fd);
		EXPECT_LOG_HAS(log_buf, "unsigned program may not call bpf_send_signal#109");
	} else {
		ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
		close(fd);
	}
}

TEST(helper_beyond_the_annotation_is_refused)
{
	struct signed_prog p = { .insns = signal_prog, .cnt = N(signal_prog), .name = "ld_more",
				 .grant = { BPF_FUNC_get_current_pid_tgid } };
	char want[160];

	ASSERT_EQ(0, prepare(&p));
	ASSERT_EQ(-EACCES, load(&p));
	snprintf(want, sizeof(want),
		 "lockdown: program may not call bpf_send_signal#109 in %s mode (not granted by the program's annotation); refused",
		 ld_level_name(ld_level()));
	EXPECT_NE(NULL, strstr(log_buf, want)) TH_LOG("%s", log_buf);
}

TEST(annotation_without_the_current_level_is_refused)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_level",
				 .grant = { BPF_FUNC_get_current_pid_tgid }, .no_load_here = true };
	char want[160];

	ASSERT_EQ(0, prepare(&p));
	ASSERT_EQ(-EPERM, load(&p));
	snprintf(want, sizeof(want), "lockdown: program may not load in %s mode",
		 ld_level_name(ld_level()));
	EXPECT_NE(NULL, strstr(log_buf, want)) TH_LOG("%s", log_buf);
}

TEST(untrusted_key_is_refused)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_untrusted",
				 .grant = { BPF_FUNC_get_current_pid_tgid }, .key = "untrusted" };

	ASSERT_EQ(0, prepare(&p));
	ASSERT_EQ(-ENOKEY, load(&p));
	EXPECT_LOG_HAS(log_buf,
		       "lockdown: signature: no key in the builtin keyring matches the signer");
}

/* the kernel log line of a load whose signature does not match */
#define FLIP_LINE \
	"bpf_lockdown: refused comm=\"sig_load_test\" pid=%d prog=\"ld_flip\" level=%s mode=%s what=\"signature: does not match the program, its maps or its annotation (error -129)\" class=signature"

TEST(flipped_instruction_is_refused)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_flip",
				 .grant = { BPF_FUNC_get_current_pid_tgid } };

	ASSERT_EQ(0, prepare(&p));
	p.tampered[1].imm ^= 1;		/* return 1 instead of 0 */
	ASSERT_EQ(-EKEYREJECTED, load(&p));
	EXPECT_NE(NULL, strstr(log_buf, MISMATCH)) TH_LOG("%s", log_buf);
	/* the kernel log has it too: the loader may not ask for a verifier log */
	EXPECT_TRUE(ld_kernel_log_has(FLIP_LINE, getpid(), ld_level_name(ld_level()),
				      ld_mode_name(ld_mode())));
}

TEST(flipped_annotation_is_refused)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_flip",
				 .grant = { BPF_FUNC_get_current_pid_tgid } };
	struct bpf_lockdown_annot_hdr *h = (void *)p.annot;
	struct bpf_lockdown_annot_level *lv;

	ASSERT_EQ(0, prepare(&p));
	/* grant bpf_send_signal at every level: still a valid annotation */
	lv = (void *)(p.annot + h->level_off);
	for (int l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++)
		lv[l].helpers[BPF_FUNC_send_signal / 64] |= 1ULL << (BPF_FUNC_send_signal % 64);
	ASSERT_EQ(-EKEYREJECTED, load(&p));
	EXPECT_NE(NULL, strstr(log_buf, MISMATCH)) TH_LOG("%s", log_buf);
}

TEST(flipped_signature_is_refused)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_flip",
				 .grant = { BPF_FUNC_get_current_pid_tgid } };

	ASSERT_EQ(0, prepare(&p));
	p.sig[p.sig_size - 1] ^= 1;	/* inside the RSA signature value */
	ASSERT_EQ(-EKEYREJECTED, load(&p));
	EXPECT_NE(NULL, strstr(log_buf, MISMATCH)) TH_LOG("%s", log_buf);
	p.sig[p.sig_size - 1] ^= 1;
	p.sig[0] ^= 0xff;		/* not a DER SEQUENCE any more */
	ASSERT_EQ(-EBADMSG, load(&p));
	EXPECT_NE(NULL, strstr(log_buf, "lockdown: signature: cannot be verified (error -74)"))
		TH_LOG("%s", log_buf);
}

TEST(malformed_signature_fields)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_fields",
				 .grant = { BPF_FUNC_get_current_pid_tgid } };
	struct ld_load a = { .type = BPF_PROG_TYPE_KPROBE, .insns = pid_prog, .cnt = N(pid_prog) };
	static __u8 big[BPF_LOCKDOWN_SIG_MAX_SIZE + 1];

	ASSERT_EQ(0, prepare(&p));
	a.sig = p.sig;
	a.sig_size = p.sig_size;
	/* stripped of its annotation, it is read in mainline's format: a loader's */
	ASSERT_EQ(-EINVAL, ld_prog_load(&a, log_buf, sizeof(log_buf)));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature: in mainline's format only a syscall program");
	a.sig = NULL;
	ASSERT_EQ(-EINVAL, ld_prog_load(&a, log_buf, sizeof(log_buf)));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature and signature_size must be set together");
	a.sig_size = 0;
	a.keyring_id = 1;
	ASSERT_EQ(-EINVAL, ld_prog_load(&a, log_buf, sizeof(log_buf)));
	EXPECT_NE(NULL, strstr(log_buf, "lockdown: keyring_id is set without a signature"));
	a.keyring_id = 0;
	a.sig = big;
	a.sig_size = sizeof(big);
	a.annot = p.annot;
	a.annot_size = p.annot_size;
	ASSERT_EQ(-E2BIG, ld_prog_load(&a, log_buf, sizeof(log_buf)));
	EXPECT_LOG_HAS(log_buf, "lockdown: signature of 8193 bytes exceeds the maximum of 8192");
}

/* maps: a hash at fd_array[0], a frozen program-read-only array at [1] */
/*
 * map_prog's maps: a hash table and a program-read-only array holding
 * @value, frozen if @freeze. 0, or -1 with the maps made so far in @maps
 * (the others -1).
 */
static int create_maps(int maps[2], bool freeze, __u64 value)
{
	LIBBPF_OPTS(bpf_map_create_opts, ro, .map_flags = BPF_F_RDONLY_PROG);
	__u32 key = 0;

	maps[0] = bpf_map_create(BPF_MAP_TYPE_HASH, "ld_hash", 4, 8, 16, NULL);
	maps[1] = bpf_map_create(BPF_MAP_TYPE_ARRAY, "ld_rodata", 4, 8, 1, &ro);
	if (maps[0] < 0 || maps[1] < 0 || bpf_map_update_elem(maps[1], &key, &value, 0) ||
	    (freeze && bpf_map_freeze(maps[1])))
		return -1;
	return 0;
}

static void make_maps(struct __test_metadata *_metadata, int maps[2], bool freeze,
		      __u64 value)
{
	ASSERT_EQ(0, create_maps(maps, freeze, value)) TH_LOG("maps: %s", strerror(errno));
}

TEST(signed_program_with_sealed_map_loads)
{
	struct signed_prog p = { .insns = map_prog, .cnt = N(map_prog), .name = "ld_maps",
				 .grant = { BPF_FUNC_map_lookup_elem }, .map_cnt = 2,
				 .seal_second = true };

	make_maps(_metadata, p.maps, true, 42);
	ASSERT_EQ(0, prepare(&p));
	ASSERT_EQ(0, load(&p)) TH_LOG("%s", log_buf);
}

TEST(map_descriptor_is_covered)
{
	struct signed_prog p = { .insns = map_prog, .cnt = N(map_prog), .name = "ld_maps",
				 .grant = { BPF_FUNC_map_lookup_elem }, .map_cnt = 2,
				 .seal_second = true };
	int other;

	make_maps(_metadata, p.maps, true, 42);
	ASSERT_EQ(0, prepare(&p));
	other = bpf_map_create(BPF_MAP_TYPE_HASH, "ld_hash", 4, 8, 17, NULL);
	ASSERT_LE(0, other);
	p.maps[0] = other;		/* 17 entries where 16 were signed */
	ASSERT_EQ(-EKEYREJECTED, load(&p));
	EXPECT_NE(NULL, strstr(log_buf, MISMATCH)) TH_LOG("%s", log_buf);
}

TEST(sealed_map_contents_are_covered)
{
	struct signed_prog p = { .insns = map_prog, .cnt = N(map_prog), .name = "ld_maps",
				 .grant = { BPF_FUNC_map_lookup_elem }, .map_cnt = 2,
				 .seal_second = true };
	int maps[2];

	make_maps(_metadata, p.maps, true, 42);
	ASSERT_EQ(0, prepare(&p));
	make_maps(_metadata, maps, true, 43);
	p.maps[1] = maps[1];
	ASSERT_EQ(-EKEYREJECTED, load(&p));
	EXPECT_NE(NULL, strstr(log_buf, MISMATCH)) TH_LOG("%s", log_buf);
	make_maps(_metadata, maps, false, 42);
	p.maps[1] = maps[1];
	ASSERT_EQ(-EINVAL, load(&p));
	EXPECT_LOG_HAS(log_buf,
		       "lockdown: signature: sealed map at fd_array index 1 is not frozen (BPF_MAP_FREEZE)");
}

TEST(two_processes_with_different_map_fds)
{
	struct signed_prog p = { .insns = map_prog, .cnt = N(map_prog), .name = "ld_maps",
				 .grant = { BPF_FUNC_map_lookup_elem }, .map_cnt = 2,
				 .seal_second = true };
	int status;
	pid_t pid;

	make_maps(_metadata, p.maps, true, 42);
	ASSERT_EQ(0, prepare(&p));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		/* the same maps behind other fd numbers */
		p.maps[0] = dup2(p.maps[0], 100);
		p.maps[1] = dup2(p.maps[1], 101);
		_exit(p.maps[0] == 100 && p.maps[1] == 101 && !load(&p) ? 0 : 1);
	}
	ASSERT_EQ(0, load(&p)) TH_LOG("%s", log_buf);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(raw_map_fd_is_refused)
{
	struct signed_prog p = { .insns = raw_fd_prog, .cnt = N(raw_fd_prog), .name = "ld_raw",
				 .grant = { BPF_FUNC_map_lookup_elem } };
	int map = bpf_map_create(BPF_MAP_TYPE_HASH, "ld_hash", 4, 8, 16, NULL);
	struct bpf_lockdown_annot_spec spec = {};
	char err[160];

	ASSERT_LE(0, map);
	raw_fd_prog[3].imm = map;
	/* the digest refuses to cover it: sign anything and let the kernel say why */
	for (int l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		spec.level[l].may_load = true;
		bpf_lockdown_annot_set_helper(spec.level[l].helpers, BPF_FUNC_map_lookup_elem);
	}
	ASSERT_EQ(0, bpf_lockdown_annot_build(&spec, p.annot, sizeof(p.annot), &p.annot_size,
					      err, sizeof(err)));
	memcpy(p.tampered, raw_fd_prog, sizeof(raw_fd_prog));
	memset(p.sig, 0x30, 64);
	p.sig_size = 64;
	ASSERT_EQ(-EINVAL, load(&p));
	EXPECT_LOG_HAS(log_buf,
		       "lockdown: signature: instruction 3 uses a raw map fd, which the signature cannot cover");
}

TEST(secondary_keyring_includes_builtin_and_platform_is_empty)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_keyring",
				 .grant = { BPF_FUNC_get_current_pid_tgid }, .keyring_id = 1 };
	char v[64];
	int fd;

	ASSERT_EQ(0, prepare(&p));
	fd = load_fd(&p);
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	ld_fdinfo_verdict(fd, v, sizeof(v));
	EXPECT_STREQ("signed (secondary keyring)", v);
	close(fd);
	p.keyring_id = 2;
	ASSERT_EQ(-ENOKEY, load(&p));
	EXPECT_LOG_HAS(log_buf,
		       "lockdown: signature: no key in the platform keyring matches the signer");
}

/* A user keyring holding the test certificate */
static __s32 user_keyring(struct __test_metadata *_metadata, const char *cert)
{
	char path[PATH_MAX];
	__u8 der[4096];
	__s32 ring;
	ssize_t n;
	int fd;

	ld_keys_path(path, sizeof(path), cert);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	n = read(fd, der, sizeof(der));
	close(fd);
	ASSERT_LT(0, n);
	ring = syscall(__NR_add_key, "keyring", "ld_test_ring", NULL, 0,
		       KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, ring);
	ASSERT_LT(0, syscall(__NR_add_key, "asymmetric", "", der, n, ring));
	return ring;
}

TEST(user_keyring_earns_only_the_unsigned_tier)
{
	struct signed_prog p = { .insns = signal_prog, .cnt = N(signal_prog), .name = "ld_user",
				 .grant = { BPF_FUNC_send_signal } };
	char v[64];
	int fd;

	p.keyring_id = user_keyring(_metadata, "cert.der");
	ASSERT_EQ(0, prepare(&p));
	fd = load_fd(&p);
	if (enforcing()) {
		ASSERT_EQ(-EACCES, fd);
		EXPECT_NE(NULL, strstr(log_buf, "lockdown: signature verified (user keyring)"));
		EXPECT_LOG_HAS(log_buf,
			       "a user keyring signature earns nothing beyond the unsigned tier");
		EXPECT_NE(NULL, strstr(log_buf,
				       "unsigned program may not call bpf_send_signal#109"))
			TH_LOG("%s", log_buf);
		return;
	}
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	ld_fdinfo_verdict(fd, v, sizeof(v));
	EXPECT_STREQ("signed (user keyring)", v);
	close(fd);
}

TEST(ecdsa_signature_verifies)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_ecdsa",
				 .grant = { BPF_FUNC_get_current_pid_tgid }, .key = "ecdsa" };
	char v[64];
	int fd;

	ASSERT_EQ(0, prepare(&p));
	ASSERT_EQ(-ENOKEY, load(&p));
	EXPECT_LOG_HAS(log_buf,
		       "lockdown: signature: no key in the builtin keyring matches the signer");
	p.keyring_id = user_keyring(_metadata, "ecdsa_cert.der");
	fd = load_fd(&p);
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	ld_fdinfo_verdict(fd, v, sizeof(v));
	EXPECT_STREQ("signed (user keyring)", v);
	close(fd);
}

TEST(ceiling_keeps_lockdown_promises)
{
	struct signed_prog w = { .insns = write_user_prog, .cnt = N(write_user_prog),
				 .name = "ld_write", .grant = { BPF_FUNC_probe_write_user } };
	struct signed_prog t = { .insns = task_prog, .cnt = N(task_prog), .name = "ld_task",
				 .grant = { BPF_FUNC_get_current_task } };
	char want[200];
	int ret;

	ASSERT_EQ(0, prepare(&w));
	ASSERT_EQ(0, prepare(&t));
	ret = load(&w);
	if (ld_level() != BPF_LOCKDOWN_LEVEL_NONE && !locked()) {
		/* mode off: no ceiling, but stock lockdown hides the helper */
		EXPECT_EQ(-EINVAL, ret);
		EXPECT_LOG_HAS(log_buf,
			       "program of this type cannot use helper bpf_probe_write_user#36");
		EXPECT_EQ(NULL, strstr(log_buf, "above the ceiling")) TH_LOG("%s", log_buf);
	} else if (locked()) {
		/* refused by the ceiling first, in every mode but off (lockdown refuses it too) */
		ASSERT_NE(0, ret);
		snprintf(want, sizeof(want),
			 "lockdown: signed program may not call bpf_probe_write_user#36 in %s mode (writes-user-memory: above the ceiling for signed programs)",
			 ld_level_name(ld_level()));
		EXPECT_NE(NULL, strstr(log_buf, want)) TH_LOG("%s", log_buf);
	} else {
		EXPECT_EQ(0, ret) TH_LOG("%s", log_buf);
	}
	ret = load(&t);
	/* the kernel-reads policy opens the leak of kernel addresses too */
	if (enforcing() && ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
	    !ld_signed_kernel_reads()) {
		ASSERT_EQ(-EACCES, ret);
		EXPECT_LOG_HAS(log_buf,
			       "signed program may not call bpf_get_current_task#35 in confidentiality mode (leaks-kernel-address: above the ceiling");
	} else {
		EXPECT_EQ(0, ret) TH_LOG("%s", log_buf);
	}
}

TEST(signed_and_unsigned_do_not_share_a_prog_array)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_tail",
				 .grant = { BPF_FUNC_get_current_pid_tgid } };
	struct ld_load a = { .type = BPF_PROG_TYPE_KPROBE, .insns = pid_prog, .cnt = N(pid_prog),
			     .name = "ld_tail_u" };
	int arr, sfd, ufd;
	__u32 k0 = 0, k1 = 1;

	ASSERT_EQ(0, prepare(&p));
	sfd = load_fd(&p);
	ASSERT_LE(0, sfd) TH_LOG("%s", log_buf);
	ufd = ld_prog_load(&a, log_buf, sizeof(log_buf));
	ASSERT_LE(0, ufd) TH_LOG("%s", log_buf);

	arr = bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, "ld_progs", 4, 4, 2, NULL);
	ASSERT_LE(0, arr);
	ASSERT_EQ(0, bpf_map_update_elem(arr, &k0, &sfd, 0));
	ASSERT_EQ(-EINVAL, bpf_map_update_elem(arr, &k1, &ufd, 0));
	EXPECT_TRUE(ld_kernel_log_has("what=\"share a program map with %s programs\" class=trust",
				      "signed"));
	close(arr);

	arr = bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, "ld_progs", 4, 4, 2, NULL);
	ASSERT_LE(0, arr);
	ASSERT_EQ(0, bpf_map_update_elem(arr, &k0, &ufd, 0));
	ASSERT_EQ(-EINVAL, bpf_map_update_elem(arr, &k1, &sfd, 0));
	EXPECT_TRUE(ld_kernel_log_has("what=\"share a program map with %s programs\" class=trust",
				      "unsigned"));
	ASSERT_EQ(0, bpf_map_update_elem(arr, &k1, &ufd, 0));
	close(arr);
	close(sfd);
	close(ufd);
}

/*
 * Read once: every buffer of a signed load that lives in user memory is
 * copied into the kernel once, and the digest, the policy and the verifier
 * all use that copy. A second thread flips a word of one buffer between
 * the signed value and another valid one while the main thread loads in a
 * loop; a load that succeeds must have loaded exactly what was signed.
 */
#define RACE_SECONDS 2

/* what the racer and the loading thread share, read and written once each */
#ifndef READ_ONCE
#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#endif

struct racer {
	__u8 *dst;
	const void *a, *b;	/* the signed bytes and the others */
	size_t len;
	bool stop;
	bool idle;		/* set: wait instead of rewriting (stress runs) */
	unsigned long rounds;	/* rewrites done, each ending with @a in place */
	unsigned long idled;	/* times the racer saw @idle set */
};

/* the racer's flags, ordered with the buffer it rewrites */
#define SYNC_LOAD(x)		__atomic_load_n(&(x), __ATOMIC_SEQ_CST)
#define SYNC_STORE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_SEQ_CST)

static void *race(void *arg)
{
	struct racer *r = arg;
	size_t i;

	while (!SYNC_LOAD(r->stop)) {
		if (SYNC_LOAD(r->idle)) {
			SYNC_STORE(r->idled, r->idled + 1);
			usleep(200);
			continue;
		}
		for (i = 0; i < r->len; i++)
			WRITE_ONCE(r->dst[i], ((const __u8 *)r->b)[i]);
		for (i = 0; i < r->len; i++)
			WRITE_ONCE(r->dst[i], ((const __u8 *)r->a)[i]);
		SYNC_STORE(r->rounds, r->rounds + 1);
	}
	return NULL;
}

/* A BTF with an int, a prototype and two functions "fa" (id 3), "fb" (4) */
static const struct {
	struct btf_header hdr;
	__u32 types[3 + 3 + 3 + 3 + 1];
	char strs[32];
} race_btf = {
	.hdr = { .magic = BTF_MAGIC, .version = BTF_VERSION, .hdr_len = sizeof(struct btf_header),
		 .type_off = 0, .type_len = sizeof(race_btf.types),
		 .str_off = sizeof(race_btf.types), .str_len = sizeof(race_btf.strs) },
	.types = {
		/* [1] int */
		1, BTF_KIND_INT << 24, 4, (BTF_INT_SIGNED << 24) | 32,
		/* [2] int (void) */
		0, BTF_KIND_FUNC_PROTO << 24, 1,
		/* [3] static int fa(void), [4] static int fb(void) */
		5, BTF_KIND_FUNC << 24, 2,
		8, BTF_KIND_FUNC << 24, 2,
	},
	/* offsets: int 1, fa 5, fb 8, file 11, line 18 */
	.strs = "\0int\0fa\0fb\0race.c\0return 0;",
};

/* r0 = 0; exit: the immediate at word 1 of instruction 0 races */
static const struct bpf_insn ret0_prog[] = { RET0 };

struct race_result {
	int loaded, rejected, wrong;
};

/*
 * Load @p in a loop for RACE_SECONDS while the @len bytes at @dst flip
 * between @a (what was signed) and @b; @check says whether a loaded program
 * is the signed one
 */
static void race_loads(struct __test_metadata *_metadata, struct signed_prog *p,
		       void *dst, const void *a, const void *b, size_t len,
		       bool (*check)(int fd, struct signed_prog *p), struct race_result *res)
{
	struct racer r = { .dst = dst, .a = a, .b = b, .len = len };
	struct timespec start, now;
	pthread_t thread;
	int fd;

	memset(res, 0, sizeof(*res));
	ASSERT_EQ(0, pthread_create(&thread, NULL, race, &r));
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		fd = load_fd(p);
		if (fd >= 0) {
			res->loaded++;
			if (!check(fd, p))
				res->wrong++;
			close(fd);
		} else {
			res->rejected++;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec - start.tv_sec < RACE_SECONDS);
	SYNC_STORE(r.stop, true);
	pthread_join(thread, NULL);
	memcpy(dst, a, len);
	TH_LOG("%d loaded, %d refused, %d loaded with what was not signed",
	       res->loaded, res->rejected, res->wrong);
}

/* race the u32 at @dst between @a and @b */
#define RACE_U32(_m, p, dst, a, b, check, res) do {				\
	const __u32 _a = (a), _b = (b);						\
	race_loads(_m, p, (void *)(dst), &_a, &_b, 4, check, res);		\
} while (0)

static int race_btf_prog(struct __test_metadata *_metadata, struct signed_prog *p,
			 struct bpf_func_info *fi, struct bpf_line_info *li)
{
	fi->insn_off = 0;
	fi->type_id = 3;
	li->insn_off = 0;
	li->file_name_off = 11;
	li->line_off = 18;
	li->line_col = 7 << 10 | 1;
	p->btf = &race_btf;
	p->btf_size = sizeof(race_btf);
	p->btf_fd = bpf_btf_load(&race_btf, sizeof(race_btf), NULL);
	p->func_info = fi;
	p->func_info_cnt = 1;
	p->line_info = li;
	p->line_info_cnt = 1;
	return p->btf_fd < 0 ? -1 : prepare(p);
}

static bool func_info_signed(int fd, struct signed_prog *p)
{
	struct bpf_func_info fi = {};
	struct bpf_prog_info info = { .nr_func_info = 1, .func_info_rec_size = sizeof(fi),
				      .func_info = (__u64)(unsigned long)&fi };
	__u32 len = sizeof(info);

	return !bpf_obj_get_info_by_fd(fd, &info, &len) && fi.type_id == 3;
}

static bool line_info_signed(int fd, struct signed_prog *p)
{
	struct bpf_line_info li = {};
	struct bpf_prog_info info = { .nr_line_info = 1, .line_info_rec_size = sizeof(li),
				      .line_info = (__u64)(unsigned long)&li };
	__u32 len = sizeof(info);

	return !bpf_obj_get_info_by_fd(fd, &info, &len) && li.line_col == (7 << 10 | 1);
}

/* ret0_prog as signed: r0 = 0, read back (not a zeroed buffer left as it was) */
static bool insns_signed(int fd, struct signed_prog *p)
{
	struct bpf_insn x[8];
	struct bpf_prog_info info = { .xlated_prog_len = sizeof(x),
				      .xlated_prog_insns = (__u64)(unsigned long)x };
	__u32 len = sizeof(info);

	memset(x, 0xff, sizeof(x));
	return !bpf_obj_get_info_by_fd(fd, &info, &len) &&
	       info.xlated_prog_len >= sizeof(ret0_prog) &&
	       x[0].code == (BPF_ALU64 | BPF_MOV | BPF_K) && x[0].imm == 0;
}

TEST(racing_func_info_is_read_once)
{
	struct signed_prog p = { .insns = ret0_prog, .cnt = N(ret0_prog), .name = "ld_race" };
	struct bpf_func_info fi;
	struct bpf_line_info li;
	struct race_result res;

	if (!ld_two_cpus())
		SKIP(return, LD_NO_RACER);
	ASSERT_EQ(0, race_btf_prog(_metadata, &p, &fi, &li)) TH_LOG("%s", log_buf);
	ASSERT_EQ(0, load(&p)) TH_LOG("%s", log_buf);
	RACE_U32(_metadata, &p, &fi.type_id, 3, 4, func_info_signed, &res);
	EXPECT_LT(0, res.loaded);
	EXPECT_EQ(0, res.wrong);
	close(p.btf_fd);
}

TEST(racing_line_info_is_read_once)
{
	struct signed_prog p = { .insns = ret0_prog, .cnt = N(ret0_prog), .name = "ld_race" };
	struct bpf_func_info fi;
	struct bpf_line_info li;
	struct race_result res;

	if (!ld_two_cpus())
		SKIP(return, LD_NO_RACER);
	ASSERT_EQ(0, race_btf_prog(_metadata, &p, &fi, &li)) TH_LOG("%s", log_buf);
	RACE_U32(_metadata, &p, &li.line_col, 7 << 10 | 1, 9 << 10 | 1, line_info_signed,
		 &res);
	EXPECT_LT(0, res.loaded);
	EXPECT_EQ(0, res.wrong);
	close(p.btf_fd);
}

TEST(racing_instructions_are_read_once)
{
	struct signed_prog p = { .insns = ret0_prog, .cnt = N(ret0_prog), .name = "ld_race" };
	struct race_result res;

	if (!ld_two_cpus())
		SKIP(return, LD_NO_RACER);
	ASSERT_EQ(0, prepare(&p));
	/* load_fd() passes p.tampered: race its first immediate */
	RACE_U32(_metadata, &p, &p.tampered[0].imm, 0, 1, insns_signed, &res);
	EXPECT_LT(0, res.loaded);
	EXPECT_EQ(0, res.wrong);
}

static __u32 race_map_id;

/* whether map_prog at @fd uses its two maps, one of them the map with ID @id */
static bool prog_uses_map(int fd, __u32 id)
{
	__u32 ids[3] = {};
	struct bpf_prog_info info = { .nr_map_ids = 3, .map_ids = (__u64)(unsigned long)ids };
	__u32 len = sizeof(info);

	return !bpf_obj_get_info_by_fd(fd, &info, &len) && info.nr_map_ids == 2 &&
	       (ids[0] == id || ids[1] == id);
}

static bool maps_signed(int fd, struct signed_prog *p)
{
	return prog_uses_map(fd, race_map_id);
}

TEST(racing_fd_array_is_read_once)
{
	struct signed_prog p = { .insns = map_prog, .cnt = N(map_prog), .name = "ld_race",
				 .grant = { BPF_FUNC_map_lookup_elem }, .map_cnt = 2,
				 .seal_second = true };
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	struct race_result res;
	int other;

	if (!ld_two_cpus())
		SKIP(return, LD_NO_RACER);
	make_maps(_metadata, p.maps, true, 42);
	ASSERT_EQ(0, prepare(&p));
	ASSERT_EQ(0, bpf_obj_get_info_by_fd(p.maps[0], &info, &len));
	race_map_id = info.id;
	/* the same kind of map with one more entry: a descriptor that was not signed */
	other = bpf_map_create(BPF_MAP_TYPE_HASH, "ld_hash", 4, 8, 17, NULL);
	ASSERT_LE(0, other);
	RACE_U32(_metadata, &p, &p.maps[0], p.maps[0], other, maps_signed, &res);
	EXPECT_LT(0, res.loaded);
	EXPECT_EQ(0, res.wrong);
	close(other);
}

static bool never(int fd, struct signed_prog *p)
{
	return false;
}

/*
 * The annotation as signed does not grant the helper the program calls;
 * the racer flips the byte that would grant it. The kernel copies the
 * annotation once: it either hashes the flipped copy (EKEYREJECTED) or
 * enforces the signed one (EACCES). Any load is a bypass.
 */
TEST(racing_annotation_is_read_once)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_race" };
	struct signed_prog g = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_race",
				 .grant = { BPF_FUNC_get_current_pid_tgid } };
	__u8 signed_annot[sizeof(p.annot)];
	struct race_result res;

	if (!ld_two_cpus())
		SKIP(return, LD_NO_RACER);
	ASSERT_EQ(0, prepare(&p));
	ASSERT_EQ(0, prepare(&g));
	ASSERT_EQ(p.annot_size, g.annot_size);
	ASSERT_NE(0, memcmp(p.annot, g.annot, p.annot_size));
	ASSERT_EQ(-EACCES, load(&p)) TH_LOG("%s", log_buf);
	EXPECT_NE(NULL, strstr(log_buf, "not granted by the program's annotation"))
		TH_LOG("%s", log_buf);
	memcpy(signed_annot, p.annot, p.annot_size);
	race_loads(_metadata, &p, p.annot, signed_annot, g.annot, p.annot_size, never, &res);
	EXPECT_EQ(0, res.loaded);
	EXPECT_LT(0, res.rejected);
}

/*
 * Random single-byte flips over every component the signature covers: the
 * instructions, the name, the annotation, func_info, line_info, the BTF
 * and a sealed map's contents. Every flipped load is refused. LD_FLIPS sets
 * the number of flips (default 300 in every boot; make check-debug runs
 * 1000), chosen from a new seed each run, which is logged (LD_SEED=N
 * repeats a run).
 *
 * Flips in the PKCS#7 message itself are refused too, except in the two
 * fields the kernel's PKCS#7 parser does not interpret (the digest
 * algorithm set of SignedData and the parameters of the signature
 * algorithm, as for module signatures): such a load still verified the
 * same digest with the same key, which the fdinfo verdict shows.
 */
enum flip_part { FLIP_INSNS, FLIP_NAME, FLIP_ANNOT, FLIP_FUNC_INFO, FLIP_LINE_INFO,
		 FLIP_BTF, FLIP_SEALED, FLIP_SIG, FLIP_NR };

static const char *const flip_names[FLIP_NR] = {
	"instructions", "name", "annotation", "func_info", "line_info", "BTF",
	"sealed map", "signature",
};

static int env_int(const char *name, int def)
{
	const char *v = getenv(name);

	return v && *v ? atoi(v) : def;
}

/* the flip and stress runs are sized by the caller: no harness timeout */
FIXTURE(long_run) {};
FIXTURE_SETUP(long_run) {}
FIXTURE_TEARDOWN(long_run) {}

TEST_F_TIMEOUT(long_run, every_flipped_byte_is_refused, 36000)
{
	struct signed_prog p = { .insns = map_prog, .cnt = N(map_prog), .name = "ld_flips",
				 .grant = { BPF_FUNC_map_lookup_elem }, .map_cnt = 2,
				 .seal_second = true };
	int flips = env_int("LD_FLIPS", 300), done[FLIP_NR] = {}, refused[FLIP_NR] = {};
	unsigned int seed;
	struct bpf_func_info fi;
	struct bpf_line_info li;
	char name[16], v[64];
	__u8 *at, x, btf[sizeof(race_btf)];
	__u64 value;
	__u32 key = 0;
	int i, part, fd, maps[2], sealed, btf_fd = -1, ignored = 0;

	ASSERT_LT(0, flips) TH_LOG("LD_FLIPS must be at least 1");
	/* a new seed each run (a fresh VM gives the same pid), logged to repeat it */
	seed = env_int("LD_SEED", 0);
	if (!seed)
		seed = (unsigned int)time(NULL) ^ (unsigned int)getpid() << 16;
	TH_LOG("seed %u (LD_SEED repeats a run)", seed);
	srand(seed);
	make_maps(_metadata, p.maps, true, 42);
	sealed = p.maps[1];
	ASSERT_EQ(0, race_btf_prog(_metadata, &p, &fi, &li)) TH_LOG("%s", log_buf);
	ASSERT_EQ(0, load(&p)) TH_LOG("%s", log_buf);
	snprintf(name, sizeof(name), "%s", p.name);
	for (i = 0; i < flips; i++) {
		part = rand() % FLIP_NR;
		x = 1 + rand() % 255;
		switch (part) {
		case FLIP_INSNS:
			at = (__u8 *)p.tampered + rand() % (p.cnt * sizeof(struct bpf_insn));
			break;
		case FLIP_NAME:
			at = (__u8 *)name + rand() % strlen(p.name);
			x &= 0x1f;	/* stays a valid name character... mostly */
			x = x ?: 1;
			p.name = name;
			break;
		case FLIP_ANNOT:
			at = p.annot + rand() % p.annot_size;
			break;
		case FLIP_SIG:
			at = p.sig + rand() % p.sig_size;
			break;
		case FLIP_BTF:
			memcpy(btf, &race_btf, sizeof(btf));
			btf[rand() % sizeof(btf)] ^= x;
			btf_fd = p.btf_fd;
			p.btf_fd = bpf_btf_load(btf, sizeof(btf), NULL);
			at = NULL;
			break;
		case FLIP_FUNC_INFO:
			at = (__u8 *)&fi + rand() % sizeof(fi);
			break;
		case FLIP_LINE_INFO:
			at = (__u8 *)&li + rand() % sizeof(li);
			break;
		default:
			make_maps(_metadata, maps, false, 42);
			value = 42 ^ ((__u64)x << (8 * (rand() % 8)));
			ASSERT_EQ(0, bpf_map_update_elem(maps[1], &key, &value, 0));
			ASSERT_EQ(0, bpf_map_freeze(maps[1]));
			close(maps[0]);
			p.maps[1] = maps[1];
			at = NULL;
			break;
		}
		if (at)
			*at ^= x;
		/* a flipped BTF the kernel refuses to load is refused too */
		fd = part == FLIP_BTF && p.btf_fd < 0 ? p.btf_fd : load_fd(&p);
		done[part]++;
		if (fd < 0) {
			refused[part]++;
		} else if (part == FLIP_SIG) {
			ld_fdinfo_verdict(fd, v, sizeof(v));
			EXPECT_STREQ("signed (builtin keyring)", v);
			ignored++;
			close(fd);
		} else {
			close(fd);
			EXPECT_GT(0, fd) TH_LOG("flip %d of the %s was loaded", i,
						flip_names[part]);
		}
		if (at)
			*at ^= x;
		if (part == FLIP_BTF) {
			if (p.btf_fd >= 0)
				close(p.btf_fd);
			p.btf_fd = btf_fd;
		}
		if (part == FLIP_SEALED) {
			close(p.maps[1]);
			p.maps[1] = sealed;
		}
	}
	for (part = 0; part < FLIP_NR; part++)
		TH_LOG("%s: %d flips, %d refused", flip_names[part], done[part], refused[part]);
	/*
	 * A flipped message that still loads verified the unchanged digest
	 * with a system key (the verdict above): only fields the parser does
	 * not interpret changed, about 20 of its 440 bytes.
	 */
	TH_LOG("signature: %d flips in fields the PKCS#7 parser does not interpret", ignored);
	/* and the untouched program still loads */
	ASSERT_EQ(0, load(&p)) TH_LOG("%s", log_buf);
	close(p.btf_fd);
}

/*
 * Many threads load at once: signed, annotated and unsigned programs,
 * tampered and malformed ones, and signed ones while another thread
 * rewrites one of their buffers: in turn the func_info type ID, the
 * line_info column, an instruction's immediate, an fd_array slot and the
 * annotation bits that would grant the program's helper, each flipped
 * between the signed value and another valid one, as the racing tests
 * above. LD_STRESS="THREADSxLOADS" (default 2x100) sets the size.
 * A tampered or malformed load never succeeds; a valid signed load always
 * does; a raced load that succeeds loaded what was signed (for the
 * annotation none may succeed) and one refused was refused for its
 * signature or its annotation; the counts per outcome are logged.
 */
enum { ST_SIGNED, ST_ANNOTATED, ST_UNSIGNED, ST_TAMPERED, ST_MALFORMED, ST_RACED, ST_NR };

static const char *const st_names[ST_NR] = {
	"signed", "annotated", "unsigned", "tampered", "malformed", "raced",
};

/* the buffers a raced load races, in turn */
enum { SR_FUNC_INFO, SR_LINE_INFO, SR_INSNS, SR_FD_ARRAY, SR_ANNOT, SR_NR };

static const char *const sr_names[SR_NR] = {
	"func_info", "line_info", "instructions", "fd_array", "annotation",
};

struct stress {
	int loads;
	int ok[ST_NR], errs[ST_NR][4];	/* EKEYREJECTED, EACCES or EPERM, EINVAL/E2BIG, other */
	int raced[SR_NR], raced_ok[SR_NR];
	int bad;	/* a tampered or malformed load accepted, or a valid one refused */
	bool setup_failed;
};

static int stress_errno_slot(int err)
{
	switch (err) {
	case -EKEYREJECTED: return 0;
	case -EACCES: case -EPERM: return 1;
	case -EINVAL: case -E2BIG: case -EBADMSG: return 2;
	default: return 3;
	}
}

/* what one stress thread loads */
struct stress_progs {
	struct signed_prog sp;	/* signed, granted its helper */
	struct signed_prog tp;	/* the same, one instruction changed after signing */
	struct signed_prog rp;	/* signed, with BTF, func_info and line_info */
	struct signed_prog mp;	/* signed, with a map and a sealed map in fd_array */
	struct signed_prog np;	/* signed, its helper not granted */
	struct bpf_func_info fi;
	struct bpf_line_info li;
	__u8 np_annot[4096], grant_annot[4096];	/* np's as signed, and one granting */
	__u32 map_id;		/* mp.maps[0] as signed */
	int other_map;		/* a valid map that was not signed */
};

static int stress_prepare(struct stress_progs *s)
{
	struct signed_prog g = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_stress_n",
				 .grant = { BPF_FUNC_get_current_pid_tgid } };
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	s->rp.btf_fd = -1;
	s->mp.maps[0] = -1;
	s->mp.maps[1] = -1;
	s->other_map = -1;
	s->sp = (struct signed_prog){ .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_stress",
				      .grant = { BPF_FUNC_get_current_pid_tgid } };
	if (prepare(&s->sp))
		return -1;
	s->tp = s->sp;
	s->tp.tampered[0].imm ^= 1;
	s->rp = (struct signed_prog){ .insns = ret0_prog, .cnt = N(ret0_prog),
				      .name = "ld_stress_r" };
	if (race_btf_prog(NULL, &s->rp, &s->fi, &s->li))
		return -1;
	s->mp = (struct signed_prog){ .insns = map_prog, .cnt = N(map_prog), .name = "ld_stress_m",
				      .grant = { BPF_FUNC_map_lookup_elem }, .map_cnt = 2,
				      .seal_second = true, .maps = { -1, -1 } };
	if (create_maps(s->mp.maps, true, 42) || prepare(&s->mp) ||
	    bpf_obj_get_info_by_fd(s->mp.maps[0], &info, &len))
		return -1;
	s->map_id = info.id;
	s->other_map = bpf_map_create(BPF_MAP_TYPE_HASH, "ld_hash", 4, 8, 17, NULL);
	s->np = (struct signed_prog){ .insns = pid_prog, .cnt = N(pid_prog),
				      .name = "ld_stress_n" };
	if (s->other_map < 0 || prepare(&s->np) || prepare(&g) ||
	    g.annot_size != s->np.annot_size || !memcmp(g.annot, s->np.annot, g.annot_size))
		return -1;
	memcpy(s->np_annot, s->np.annot, s->np.annot_size);
	memcpy(s->grant_annot, g.annot, g.annot_size);
	/* unraced, each loads as signed, or is refused for its annotation */
	if (load(&s->rp) || load(&s->mp) || load(&s->np) != -EACCES)
		return -1;
	return 0;
}

static void stress_free(struct stress_progs *s)
{
	int fds[] = { s->rp.btf_fd, s->mp.maps[0], s->mp.maps[1], s->other_map };

	for (unsigned int i = 0; i < N(fds); i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(s);
}

/* aim the parked racer (idle set, seen by it) at @len bytes at @dst */
static void race_target(struct racer *r, void *dst, const void *a, const void *b, size_t len)
{
	r->dst = dst;
	r->a = a;
	r->b = b;
	r->len = len;
}

/*
 * One raced load of the buffer @which: point the parked racer at it, let
 * it rewrite, load, and park it again (the buffer is then as signed).
 * Returns the fd or the error; *wrong is set when what loaded was not signed.
 */
static int stress_raced_load(struct stress_progs *s, struct racer *r, int which, bool *wrong)
{
	static const __u32 type_ids[2] = { 3, 4 }, cols[2] = { 7 << 10 | 1, 9 << 10 | 1 };
	static const __s32 imms[2] = { 0, 1 };
	struct signed_prog *p = &s->rp;
	unsigned long rounds, idled;
	int fd, maps[2];

	switch (which) {
	case SR_FUNC_INFO:
		race_target(r, &s->fi.type_id, &type_ids[0], &type_ids[1], 4);
		break;
	case SR_LINE_INFO:
		race_target(r, &s->li.line_col, &cols[0], &cols[1], 4);
		break;
	case SR_INSNS:
		race_target(r, &s->rp.tampered[0].imm, &imms[0], &imms[1], 4);
		break;
	case SR_FD_ARRAY:
		maps[0] = s->mp.maps[0];
		maps[1] = s->other_map;
		race_target(r, &s->mp.maps[0], &maps[0], &maps[1], 4);
		p = &s->mp;
		break;
	default:
		race_target(r, s->np.annot, s->np_annot, s->grant_annot, s->np.annot_size);
		p = &s->np;
		break;
	}
	rounds = SYNC_LOAD(r->rounds);
	SYNC_STORE(r->idle, false);
	while (SYNC_LOAD(r->rounds) == rounds)
		sched_yield();
	fd = load_fd(p);
	/* park it, and wait until it saw that: its last round ended as signed */
	idled = SYNC_LOAD(r->idled);
	SYNC_STORE(r->idle, true);
	while (SYNC_LOAD(r->idled) == idled)
		sched_yield();
	if (fd >= 0) {
		switch (which) {
		case SR_FUNC_INFO:
			*wrong = !func_info_signed(fd, p);
			break;
		case SR_LINE_INFO:
			*wrong = !line_info_signed(fd, p);
			break;
		case SR_INSNS:
			*wrong = !insns_signed(fd, p);
			break;
		case SR_FD_ARRAY:
			*wrong = !prog_uses_map(fd, s->map_id);
			break;
		default:
			*wrong = true;	/* the helper is not granted as signed */
			break;
		}
	}
	return fd;
}

static void *stress_thread(void *arg)
{
	struct stress *st = arg;
	static const struct bpf_insn signal_insns[] = {
		MOV64_IMM(BPF_REG_1, 0), CALL(BPF_FUNC_send_signal), RET0,
	};
	struct stress_progs *s = calloc(1, sizeof(*s));
	struct ld_load u = { .type = BPF_PROG_TYPE_KPROBE, .insns = pid_prog, .cnt = N(pid_prog),
			     .name = "ld_stress_u" };
	struct ld_load a = { .type = BPF_PROG_TYPE_KPROBE, .insns = signal_insns,
			     .cnt = N(signal_insns), .name = "ld_stress_a" };
	struct racer r = { .idle = true };
	pthread_t thread;
	char log[4096];
	int i, kind, which, fd, want_ok;
	bool wrong;
	__u32 bad_size;

	if (!s || stress_prepare(s) || pthread_create(&thread, NULL, race, &r)) {
		st->setup_failed = true;
		if (s)
			stress_free(s);
		return NULL;
	}
	/* the signed annotation of sp, passed unsigned: it restricts itself */
	a.annot = s->sp.annot;
	a.annot_size = s->sp.annot_size;
	for (i = 0; i < st->loads; i++) {
		kind = i % ST_NR;
		want_ok = -1;	/* -1: either, 0: must fail, 1: must load */
		switch (kind) {
		case ST_SIGNED:
			fd = load_fd(&s->sp);
			want_ok = 1;
			break;
		case ST_ANNOTATED:
			fd = ld_prog_load(&a, log, sizeof(log));
			want_ok = 0;	/* send_signal is not in its annotation */
			break;
		case ST_UNSIGNED:
			fd = ld_prog_load(&u, log, sizeof(log));
			break;
		case ST_TAMPERED:
			fd = load_fd(&s->tp);
			want_ok = 0;
			break;
		case ST_MALFORMED:
			bad_size = s->sp.annot_size;
			s->sp.annot_size = 3;	/* shorter than any header */
			fd = load_fd(&s->sp);
			s->sp.annot_size = bad_size;
			want_ok = 0;
			break;
		default:
			which = i / ST_NR % SR_NR;
			wrong = false;
			fd = stress_raced_load(s, &r, which, &wrong);
			st->raced[which]++;
			if (fd >= 0)
				st->raced_ok[which]++;
			if (wrong)
				st->bad++;
			break;
		}
		if (fd >= 0) {
			st->ok[kind]++;
			close(fd);
		} else {
			st->errs[kind][stress_errno_slot(fd)]++;
		}
		if ((want_ok == 1 && fd < 0) || (want_ok == 0 && fd >= 0))
			st->bad++;
	}
	SYNC_STORE(r.stop, true);
	pthread_join(thread, NULL);
	stress_free(s);
	return NULL;
}

TEST_F_TIMEOUT(long_run, stress_mixed_loads, 36000)
{
	const char *spec = getenv("LD_STRESS");
	int threads = 2, loads = 100, i, k, total_bad = 0, total = 0, failed = 0;
	int sum_ok[ST_NR] = {}, sum_err[ST_NR][4] = {}, data_raced = 0, data_ok = 0;
	struct stress *st;
	pthread_t *tid;

	ASSERT_FALSE(spec && (sscanf(spec, "%dx%d", &threads, &loads) != 2 || threads < 1 ||
			      loads < 1))
		TH_LOG("LD_STRESS must be THREADSxLOADS, each at least 1");
	st = calloc(threads, sizeof(*st));
	tid = calloc(threads, sizeof(*tid));
	ASSERT_TRUE(st && tid);
	for (i = 0; i < threads; i++) {
		st[i].loads = loads;
		ASSERT_EQ(0, pthread_create(&tid[i], NULL, stress_thread, &st[i]));
	}
	for (i = 0; i < threads; i++) {
		pthread_join(tid[i], NULL);
		failed += st[i].setup_failed;
		total_bad += st[i].bad;
		for (k = 0; k < ST_NR; k++) {
			sum_ok[k] += st[i].ok[k];
			total += st[i].ok[k];
			for (int e = 0; e < 4; e++) {
				sum_err[k][e] += st[i].errs[k][e];
				total += st[i].errs[k][e];
			}
		}
	}
	for (k = 0; k < ST_NR; k++)
		TH_LOG("%-9s loaded %d, EKEYREJECTED %d, EACCES/EPERM %d, %s %d, other %d",
		       st_names[k], sum_ok[k], sum_err[k][0], sum_err[k][1],
		       "EINVAL/E2BIG/EBADMSG", sum_err[k][2], sum_err[k][3]);
	for (k = 0; k < SR_NR; k++) {
		int n = 0, ok = 0;

		for (i = 0; i < threads; i++) {
			n += st[i].raced[k];
			ok += st[i].raced_ok[k];
		}
		TH_LOG("raced %-12s %d loads, %d loaded", sr_names[k], n, ok);
		if (k != SR_ANNOT) {
			data_raced += n;
			data_ok += ok;
			/* about half load: with 20 or more, this buffer's check ran */
			if (n >= 20)
				EXPECT_LT(0, ok)
					TH_LOG("no raced load of the %s loaded", sr_names[k]);
		}
	}
	TH_LOG("stress: %d threads, %d loads, %d wrong outcomes", threads, total, total_bad);
	EXPECT_EQ(0, failed) TH_LOG("%d threads could not set their programs up", failed);
	EXPECT_EQ(threads * loads, total);
	EXPECT_EQ(0, total_bad);
	/* about half of the raced loads load: some must have, to be checked */
	if (data_raced >= 20)
		EXPECT_LT(0, data_ok);
	/* a raced load is refused for its signature or its annotation only */
	EXPECT_EQ(0, sum_err[ST_RACED][2] + sum_err[ST_RACED][3]);
	free(st);
	free(tid);
}

TEST_HARNESS_MAIN
