// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - signed programs at BPF_PROG_LOAD */

/*
 * Small hand-assembled programs, signed here with the test key the kernel
 * trusts (build/keys) over the digest of the shared digest.c, exercise
 * every rule of signature verification and of the policy for signed
 * programs, with the exact errno and log line. Clang-built objects signed
 * by bpf-annotate are tested in annotate_load_test.sh.
 */
#include <sys/klog.h>
#include <sys/wait.h>
#include <bpf/bpf.h>
#include <linux/keyctl.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "lockdown_util.h"
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

/* The kernel log has the line @fmt with @arg */
static bool kernel_log_has(const char *fmt, const char *arg)
{
	static char klog[1 << 18];
	char want[160];
	int n;

	snprintf(want, sizeof(want), fmt, arg);
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, klog, sizeof(klog) - 1);
	if (n < 0)
		return false;
	klog[n] = '\0';
	return strstr(klog, want);
}

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
	/* what is passed, after signing */
	__u8 annot[4096];
	__u32 annot_size;
	__u8 sig[4096];
	__u32 sig_size;
	struct bpf_insn tampered[64];
};

/* A file of build/keys */
static void keys_path(char *buf, size_t size, const char *name)
{
	char rel[80];

	snprintf(rel, sizeof(rel), "../keys/%s", name);
	ld_exe_path(buf, size, rel);
}

/* Detached PKCS#7 over the digest, as scripts/sign-file.c makes them */
static int sign(const __u8 *digest, const char *stem, __u8 *out, __u32 *out_size)
{
	char kp[PATH_MAX], cp[PATH_MAX], kn[64], cn[64];
	unsigned int flags = CMS_NOCERTS | CMS_PARTIAL | CMS_BINARY | CMS_DETACHED |
			     CMS_STREAM;
	CMS_ContentInfo *cms = NULL;
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	BIO *b, *data;
	__u8 *der = NULL;
	int len = -1;

	snprintf(kn, sizeof(kn), "%s_key.pem", stem);
	snprintf(cn, sizeof(cn), "%s_cert.pem", stem);
	if (!strcmp(stem, "signing")) {
		snprintf(kn, sizeof(kn), "signing_key.pem");
		snprintf(cn, sizeof(cn), "cert.pem");
	}
	keys_path(kp, sizeof(kp), kn);
	keys_path(cp, sizeof(cp), cn);
	b = BIO_new_file(kp, "r");
	if (b)
		key = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	b = BIO_new_file(cp, "r");
	if (b)
		cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	data = BIO_new_mem_buf(digest, BPF_LOCKDOWN_DIGEST_SIZE);
	if (key && cert && data)
		cms = CMS_sign(NULL, NULL, NULL, NULL, flags);
	if (cms && CMS_add1_signer(cms, cert, key, EVP_sha256(),
				   CMS_NOCERTS | CMS_BINARY | CMS_NOSMIMECAP | CMS_NOATTR) &&
	    CMS_final(cms, data, NULL, CMS_NOCERTS | CMS_BINARY))
		len = i2d_CMS_ContentInfo(cms, &der);
	if (len > 0 && (__u32)len <= *out_size) {
		memcpy(out, der, len);
		*out_size = len;
	} else {
		len = -1;
	}
	OPENSSL_free(der);
	CMS_ContentInfo_free(cms);
	BIO_free(data);
	X509_free(cert);
	EVP_PKEY_free(key);
	return len > 0 ? 0 : -1;
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

/* The value of the lockdown: line of a program's fdinfo */
static void verdict(int fd, char *out, size_t size)
{
	char path[64], buf[4096], *l;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	out[0] = '\0';
	if (ld_read(path, buf, sizeof(buf)) < 0)
		return;
	l = strstr(buf, "lockdown:\t");
	if (l)
		sscanf(l + strlen("lockdown:\t"), "%[^\n]", out);
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
	verdict(fd, v, sizeof(v));
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
	verdict(fd, v, sizeof(v));
	EXPECT_STREQ("unsigned", v);
	close(fd);
	ASSERT_EQ(0, prepare(&p));
	p.sig_size = 0;
	a.annot = p.annot;
	a.annot_size = p.annot_size;
	fd = ld_prog_load(&a, log_buf, sizeof(log_buf));
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	verdict(fd, v, sizeof(v));
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
		EXPECT_NE(NULL, strstr(log_buf, "unsigned program may not call bpf_send_signal#109"));
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
	EXPECT_NE(NULL, strstr(log_buf,
			       "lockdown: signature: no key in the builtin keyring matches the signer"))
		TH_LOG("%s", log_buf);
}

TEST(flipped_instruction_is_refused)
{
	struct signed_prog p = { .insns = pid_prog, .cnt = N(pid_prog), .name = "ld_flip",
				 .grant = { BPF_FUNC_get_current_pid_tgid } };

	ASSERT_EQ(0, prepare(&p));
	p.tampered[1].imm ^= 1;		/* return 1 instead of 0 */
	ASSERT_EQ(-EKEYREJECTED, load(&p));
	EXPECT_NE(NULL, strstr(log_buf, MISMATCH)) TH_LOG("%s", log_buf);
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
	ASSERT_EQ(-EINVAL, ld_prog_load(&a, log_buf, sizeof(log_buf)));
	EXPECT_NE(NULL, strstr(log_buf,
			       "lockdown: a signed program must carry an annotation (lockdown_annot)"));
	a.sig = NULL;
	ASSERT_EQ(-EINVAL, ld_prog_load(&a, log_buf, sizeof(log_buf)));
	EXPECT_NE(NULL, strstr(log_buf, "lockdown: signature and signature_size must be set together"));
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
	EXPECT_NE(NULL, strstr(log_buf, "lockdown: signature of 8193 bytes exceeds the maximum of 8192"));
}

/* maps: a hash at fd_array[0], a frozen program-read-only array at [1] */
static void make_maps(struct __test_metadata *_metadata, int maps[2], bool freeze,
		      __u64 value)
{
	LIBBPF_OPTS(bpf_map_create_opts, ro, .map_flags = BPF_F_RDONLY_PROG);
	__u32 key = 0;

	maps[0] = bpf_map_create(BPF_MAP_TYPE_HASH, "ld_hash", 4, 8, 16, NULL);
	ASSERT_LE(0, maps[0]);
	maps[1] = bpf_map_create(BPF_MAP_TYPE_ARRAY, "ld_rodata", 4, 8, 1, &ro);
	ASSERT_LE(0, maps[1]);
	ASSERT_EQ(0, bpf_map_update_elem(maps[1], &key, &value, 0));
	if (freeze)
		ASSERT_EQ(0, bpf_map_freeze(maps[1]));
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
	EXPECT_NE(NULL, strstr(log_buf,
			       "lockdown: signature: sealed map at fd_array index 1 is not frozen (BPF_MAP_FREEZE)"))
		TH_LOG("%s", log_buf);
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
	EXPECT_NE(NULL, strstr(log_buf,
			       "lockdown: signature: instruction 3 uses a raw map fd, which the signature cannot cover"))
		TH_LOG("%s", log_buf);
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
	verdict(fd, v, sizeof(v));
	EXPECT_STREQ("signed (secondary keyring)", v);
	close(fd);
	p.keyring_id = 2;
	ASSERT_EQ(-ENOKEY, load(&p));
	EXPECT_NE(NULL, strstr(log_buf,
			       "lockdown: signature: no key in the platform keyring matches the signer"))
		TH_LOG("%s", log_buf);
}

/* A user keyring holding the test certificate */
static __s32 user_keyring(struct __test_metadata *_metadata, const char *cert)
{
	char path[PATH_MAX];
	__u8 der[4096];
	__s32 ring;
	ssize_t n;
	int fd;

	keys_path(path, sizeof(path), cert);
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
		EXPECT_NE(NULL, strstr(log_buf,
				       "a user keyring signature earns nothing beyond the unsigned tier"));
		EXPECT_NE(NULL, strstr(log_buf,
				       "unsigned program may not call bpf_send_signal#109"))
			TH_LOG("%s", log_buf);
		return;
	}
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	verdict(fd, v, sizeof(v));
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
	EXPECT_NE(NULL, strstr(log_buf,
			       "lockdown: signature: no key in the builtin keyring matches the signer"))
		TH_LOG("%s", log_buf);
	p.keyring_id = user_keyring(_metadata, "ecdsa_cert.der");
	fd = load_fd(&p);
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	verdict(fd, v, sizeof(v));
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
		EXPECT_NE(NULL, strstr(log_buf,
				       "program of this type cannot use helper bpf_probe_write_user#36"))
			TH_LOG("%s", log_buf);
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
	if (enforcing() && ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY) {
		ASSERT_EQ(-EACCES, ret);
		EXPECT_NE(NULL, strstr(log_buf,
				       "signed program may not call bpf_get_current_task#35 in confidentiality mode (leaks-kernel-address: above the ceiling"))
			TH_LOG("%s", log_buf);
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
	EXPECT_TRUE(kernel_log_has("what=\"share a program map with %s programs\"",
				   "signed"));
	close(arr);

	arr = bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, "ld_progs", 4, 4, 2, NULL);
	ASSERT_LE(0, arr);
	ASSERT_EQ(0, bpf_map_update_elem(arr, &k0, &ufd, 0));
	ASSERT_EQ(-EINVAL, bpf_map_update_elem(arr, &k1, &sfd, 0));
	EXPECT_TRUE(kernel_log_has("what=\"share a program map with %s programs\"",
				   "unsigned"));
	ASSERT_EQ(0, bpf_map_update_elem(arr, &k1, &ufd, 0));
	close(arr);
	close(sfd);
	close(ufd);
}

TEST_HARNESS_MAIN
