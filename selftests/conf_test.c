// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - confidentiality: the compat reads of user memory */

/*
 * Where lockdown refuses kernel reads (lockdown=confidentiality), a program
 * without a system signature that calls the compat bpf_probe_read() or
 * bpf_probe_read_str() gets bpf_probe_read_user() or
 * bpf_probe_read_user_str() in their place, in every mode: it loads, reads
 * the user memory of the task it runs in, and at a kernel address gets
 * -EFAULT and a zeroed destination, never a kernel byte. libbpf rewrites
 * bpf_probe_read_user*() into the compat helpers there, so unmodified
 * libbpf loads programs that read user memory. Below confidentiality the
 * compat helpers are the stock ones, which read kernel memory too. A
 * system-signed program gets the kernel-reading helpers only where its
 * annotation grants them and, at confidentiality, only under the
 * kernel-reads policy (/sys/kernel/security/bpf_lockdown/signed_kernel_reads).
 *
 * The programs are raw tracepoint programs run with BPF_PROG_TEST_RUN, the
 * address to read in args[0]: a buffer of this process, and the kernel's
 * linux_banner, found in /proc/kallsyms.
 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "lockdown_util.h"
#include "sign_util.h"
#include "libbpf_log.h"
#include "insn.h"
#include "kselftest_harness.h"
#include "annot.h"
#include "digest.h"

#define LOG_SIZE 65536
#define BUF_SIZE 64
#define N(a) (sizeof(a) / sizeof((a)[0]))
#define JNE_IMM(d, i, o) INSN(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define JSGE_IMM(d, i, o) INSN(BPF_JMP | BPF_JSGE | BPF_K, d, 0, o, i)
#define LDX_W(d, s, o) INSN(BPF_LDX | BPF_MEM | BPF_W, d, s, o, 0)

#define LEVEL_CONF BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY

static char log_buf[LOG_SIZE];

/* Read by the programs: in .data, so that its page is present */
static char user_text[BUF_SIZE] = "conf_test: user memory, read by an unsigned program";

/* The address of a kernel symbol, 0 when /proc/kallsyms does not show it */
static unsigned long ksym_addr(const char *name)
{
	unsigned long addr, found = 0;
	char line[256], sym[128], type;
	FILE *f = fopen("/proc/kallsyms", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx %c %127s", &addr, &type, sym) == 3 && !strcmp(sym, name)) {
			found = addr;
			break;
		}
	}
	fclose(f);
	return found;
}

/* Run @fd with args[0] = @addr; the program's return value, or -errno */
static int run_at(int fd, unsigned long addr, int *retval)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	__u64 args[1] = { addr };

	opts.ctx_in = args;
	opts.ctx_size_in = sizeof(args);
	if (bpf_prog_test_run_opts(fd, &opts))
		return -errno;
	*retval = (int)opts.retval;
	return 0;
}

static bool all_zero(const char *buf, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (buf[i])
			return false;
	return true;
}

/* --- the compat helpers in raw programs, unsigned ---------------------------------- */

FIXTURE(compat) {
	int map_fd;
	int prog_fd;
};

FIXTURE_VARIANT(compat) {
	int func_id;
};

FIXTURE_VARIANT_ADD(compat, probe_read) {
	.func_id = BPF_FUNC_probe_read,
};

FIXTURE_VARIANT_ADD(compat, probe_read_str) {
	.func_id = BPF_FUNC_probe_read_str,
};

FIXTURE_SETUP(compat)
{
	/*
	 * value = map[0]; if (!value) return 1;
	 * return helper(value, BUF_SIZE, ctx->args[0]);
	 */
	struct bpf_insn insns[] = {
		MOV64_REG(BPF_REG_6, BPF_REG_1),
		ST_W(BPF_REG_10, -4, 0),
		MOV64_REG(BPF_REG_2, BPF_REG_10),
		ADD64_IMM(BPF_REG_2, -4),
		LD_MAP_FD(BPF_REG_1),
		CALL(BPF_FUNC_map_lookup_elem),
		JNE_IMM(BPF_REG_0, 0, 2),
		MOV64_IMM(BPF_REG_0, 1),
		EXIT,
		MOV64_REG(BPF_REG_1, BPF_REG_0),
		MOV64_IMM(BPF_REG_2, BUF_SIZE),
		LDX_DW(BPF_REG_3, BPF_REG_6, 0),
		CALL(variant->func_id),
		EXIT,
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_RAW_TRACEPOINT, .insns = insns,
			     .cnt = N(insns), .name = "ld_conf_compat" };

	self->prog_fd = -1;
	self->map_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "ld_conf_buf", 4, BUF_SIZE, 1, NULL);
	ASSERT_LE(0, self->map_fd);
	insns[4].imm = self->map_fd;
	self->prog_fd = ld_prog_load(&l, log_buf, sizeof(log_buf));
	ASSERT_LE(0, self->prog_fd) {
		TH_LOG("load: %s\n%s", strerror(-self->prog_fd), log_buf);
	}
	/* no refusal, not even a would-be one */
	EXPECT_EQ(NULL, strstr(log_buf, "lockdown:")) {
		TH_LOG("%s", log_buf);
	}
}

FIXTURE_TEARDOWN(compat)
{
	if (self->prog_fd >= 0)
		close(self->prog_fd);
	if (self->map_fd >= 0)
		close(self->map_fd);
}

/* Run the program on @addr with the buffer filled with 0xa5 first */
static int compat_run(struct __test_metadata *_metadata, int map_fd, int prog_fd,
		      unsigned long addr, char buf[BUF_SIZE])
{
	__u32 zero = 0;
	int ret = 0;

	memset(buf, 0xa5, BUF_SIZE);
	EXPECT_EQ(0, bpf_map_update_elem(map_fd, &zero, buf, BPF_ANY));
	EXPECT_EQ(0, run_at(prog_fd, addr, &ret));
	EXPECT_EQ(0, bpf_map_lookup_elem(map_fd, &zero, buf));
	return ret;
}

TEST_F(compat, reads_user_memory_at_every_level)
{
	char buf[BUF_SIZE];
	int ret;

	ret = compat_run(_metadata, self->map_fd, self->prog_fd, (unsigned long)user_text, buf);
	if (variant->func_id == BPF_FUNC_probe_read) {
		EXPECT_EQ(0, ret);
		EXPECT_EQ(0, memcmp(buf, user_text, BUF_SIZE));
	} else {
		EXPECT_EQ((int)strlen(user_text) + 1, ret);
		EXPECT_STREQ(user_text, buf);
	}
}

/*
 * linux_banner is kernel memory the stock compat helpers read: at
 * confidentiality the user-memory form fails on it, and the destination is
 * zeroed, in every mode
 */
TEST_F(compat, kernel_address_is_read_only_below_confidentiality)
{
	unsigned long addr = ksym_addr("linux_banner");
	char buf[BUF_SIZE];
	int ret;

	if (!addr)
		SKIP(return, "/proc/kallsyms shows no address for linux_banner");
	ret = compat_run(_metadata, self->map_fd, self->prog_fd, addr, buf);
	if (ld_level() == LEVEL_CONF) {
		EXPECT_EQ(-EFAULT, ret);
		EXPECT_TRUE(all_zero(buf, BUF_SIZE)) {
			TH_LOG("the destination holds \"%.*s\"", BUF_SIZE, buf);
		}
	} else {
		EXPECT_EQ(variant->func_id == BPF_FUNC_probe_read ? 0 : BUF_SIZE, ret);
		EXPECT_EQ(0, strncmp(buf, "Linux version ", 14)) {
			TH_LOG("the destination holds \"%.*s\"", BUF_SIZE, buf);
		}
	}
}

/* --- a clang-built program, loaded by libbpf --------------------------------------- */

struct conf_out {
	__s64 ret;
	char buf[BUF_SIZE];
};

/*
 * libbpf's probe of bpf_probe_read_kernel() fails at confidentiality, so it
 * rewrites the program's bpf_probe_read_user_str() into the compat
 * bpf_probe_read_str(), which loads as its user-memory form; elsewhere the
 * call stays. Either way the program reads a user string, and a kernel
 * address fails.
 */
TEST(libbpf_program_reading_user_memory_loads_and_runs)
{
	unsigned long banner = ksym_addr("linux_banner");
	const struct bpf_insn *insns;
	struct bpf_program *prog;
	struct bpf_object *obj;
	int want = ld_level() == LEVEL_CONF ? BPF_FUNC_probe_read_str :
					      BPF_FUNC_probe_read_user_str;
	struct conf_out o;
	char path[PATH_MAX];
	__u32 zero = 0, i, cnt;
	int err, map_fd, ret, calls = 0;

	libbpf_log_start();
	ld_exe_path(path, sizeof(path), "conf_read.bpf.o");
	obj = bpf_object__open_file(path, NULL);
	ASSERT_EQ(0, libbpf_get_error(obj));
	err = bpf_object__load(obj);
	ASSERT_EQ(0, err) {
		TH_LOG("libbpf:\n%s", libbpf_log);
	}
	EXPECT_EQ(NULL, strstr(libbpf_log, "lockdown:"));
	prog = bpf_object__find_program_by_name(obj, "read_user_str");
	ASSERT_NE(NULL, prog);
	insns = bpf_program__insns(prog);
	cnt = bpf_program__insn_cnt(prog);
	for (i = 0; i < cnt; i++)
		if (insns[i].code == (BPF_JMP | BPF_CALL) && !insns[i].src_reg)
			calls += insns[i].imm == want;
	EXPECT_EQ(1, calls) TH_LOG("libbpf did not load a call of helper #%d", want);
	map_fd = bpf_object__find_map_fd_by_name(obj, "out");
	ASSERT_LE(0, map_fd);

	ASSERT_EQ(0, run_at(bpf_program__fd(prog), (unsigned long)user_text, &ret));
	ASSERT_EQ(0, bpf_map_lookup_elem(map_fd, &zero, &o));
	EXPECT_EQ((int)strlen(user_text) + 1, o.ret);
	EXPECT_STREQ(user_text, o.buf);

	if (banner) {
		ASSERT_EQ(0, run_at(bpf_program__fd(prog), banner, &ret));
		ASSERT_EQ(0, bpf_map_lookup_elem(map_fd, &zero, &o));
		EXPECT_EQ(-EFAULT, o.ret);
		EXPECT_TRUE(all_zero(o.buf, BUF_SIZE));
	}
	bpf_object__close(obj);
}

/* --- a system-signed program: what stock lockdown gives it ------------------------- */

static __attribute__((constructor)) void init_room(void)
{
	ld_room_init();
}

/* Sign @insns, with an annotation granting @helper at every level, and load it */
static int load_signed(struct __test_metadata *_metadata, const struct bpf_insn *insns,
		       __u32 cnt, const char *name, int helper)
{
	struct bpf_lockdown_annot_spec spec = {};
	struct bpf_lockdown_digest_input in = {};
	struct bpf_lockdown_annot annot;
	__u8 digest[BPF_LOCKDOWN_DIGEST_SIZE];
	static __u8 blob[4096], sig[4096];
	char err[160], key[PATH_MAX], cert[PATH_MAX];
	__u32 blob_size = 0, sig_size = sizeof(sig);
	struct ld_load l = { .type = BPF_PROG_TYPE_RAW_TRACEPOINT, .insns = insns, .cnt = cnt,
			     .name = name };

	for (int lv = 0; lv < BPF_LOCKDOWN_LEVEL_NR; lv++) {
		spec.level[lv].may_load = true;
		bpf_lockdown_annot_set_helper(spec.level[lv].helpers, helper);
	}
	err[0] = '\0';
	if (bpf_lockdown_annot_build(&spec, blob, sizeof(blob), &blob_size, err, sizeof(err)) ||
	    bpf_lockdown_annot_parse(blob, blob_size, &annot, err, sizeof(err))) {
		TH_LOG("annotation: %s", err);
		return -EBADMSG;
	}
	in.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT;
	in.prog_name = name;
	in.license = "GPL";
	in.insns = insns;
	in.insn_cnt = cnt;
	in.annot = &annot;
	if (bpf_lockdown_digest(&in, NULL, NULL, digest, err, sizeof(err))) {
		TH_LOG("digest: %s", err);
		return -EBADMSG;
	}
	ld_keys_path(key, sizeof(key), "signing_key.pem");
	ld_keys_path(cert, sizeof(cert), "cert.pem");
	if (ld_cms_sign(key, cert, digest, sizeof(digest), sig, &sig_size))
		return -ENOKEY;
	l.annot = blob;
	l.annot_size = blob_size;
	l.sig = sig;
	l.sig_size = sig_size;
	return ld_prog_load(&l, log_buf, sizeof(log_buf));
}

/*
 * A system-signed program whose annotation grants a kernel-reading probe
 * helper at every level. Below confidentiality it gets the stock helper. At
 * confidentiality it gets it only under the kernel-reads policy
 * (CONFIG_BPF_LOCKDOWN_SIGNED_KERNEL_READS, not turned off at boot) and
 * with BPF lockdown on: otherwise the ceiling refuses the call (enforce
 * mode), or, in audit and off mode, stock lockdown leaves the helper
 * unavailable. A signed program never gets the compat helpers' user forms.
 */
FIXTURE(signed_read) {
	int prog_fd;
};

FIXTURE_VARIANT(signed_read) {
	int func_id;
	const char *name;
	bool str;
};

FIXTURE_VARIANT_ADD(signed_read, probe_read_kernel) {
	.func_id = BPF_FUNC_probe_read_kernel, .name = "probe_read_kernel",
};

FIXTURE_VARIANT_ADD(signed_read, probe_read_kernel_str) {
	.func_id = BPF_FUNC_probe_read_kernel_str, .name = "probe_read_kernel_str", .str = true,
};

FIXTURE_VARIANT_ADD(signed_read, probe_read) {
	.func_id = BPF_FUNC_probe_read, .name = "probe_read",
};

FIXTURE_VARIANT_ADD(signed_read, probe_read_str) {
	.func_id = BPF_FUNC_probe_read_str, .name = "probe_read_str", .str = true,
};

FIXTURE_SETUP(signed_read)
{
	self->prog_fd = -1;
}

FIXTURE_TEARDOWN(signed_read)
{
	if (self->prog_fd >= 0)
		close(self->prog_fd);
}

TEST_F(signed_read, kernel_reads_follow_the_policy)
{
	/*
	 * ret = helper(fp - 8, 8, ctx->args[0]);
	 * return ret < 0 ? ret : *(u32 *)(fp - 8);
	 */
	const struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_3, BPF_REG_1, 0),
		MOV64_REG(BPF_REG_1, BPF_REG_10),
		ADD64_IMM(BPF_REG_1, -8),
		MOV64_IMM(BPF_REG_2, 8),
		CALL(variant->func_id),
		JSGE_IMM(BPF_REG_0, 0, 1),
		EXIT,
		LDX_W(BPF_REG_0, BPF_REG_10, -8),
		EXIT,
	};
	unsigned long banner = ksym_addr("linux_banner");
	const char *name = "ld_conf_signed";
	int level = ld_level(), mode = ld_mode(), ret;
	__u32 linu;
	char want[512];

	ld_room();
	self->prog_fd = load_signed(_metadata, insns, N(insns), name, variant->func_id);
	if (level != LEVEL_CONF || ld_signed_reads_granted()) {
		/* the kernel-reading helper itself: it reads linux_banner */
		ASSERT_LE(0, self->prog_fd) TH_LOG("%s\n%s", strerror(-self->prog_fd), log_buf);
		EXPECT_EQ(NULL, strstr(log_buf, "may not")) TH_LOG("%s", log_buf);
		if (!banner)
			SKIP(return, "/proc/kallsyms shows no address for linux_banner");
		memcpy(&linu, "Linu", 4);
		ASSERT_EQ(0, run_at(self->prog_fd, banner, &ret));
		EXPECT_EQ((int)linu, ret);
		/* and not the user form: a user address is no kernel address */
		ASSERT_EQ(0, run_at(self->prog_fd, (unsigned long)user_text, &ret));
		if (variant->func_id == BPF_FUNC_probe_read_kernel ||
		    variant->func_id == BPF_FUNC_probe_read_kernel_str)
			EXPECT_EQ(-ERANGE, ret);
		return;
	}
	if (mode != BPF_LOCKDOWN_MODE_OFF)
		ld_room_count();
	if (mode == BPF_LOCKDOWN_MODE_ENFORCE) {
		EXPECT_EQ(-EACCES, self->prog_fd);
		snprintf(want, sizeof(want),
			 "lockdown: signed program may not call bpf_%s#%d in confidentiality mode (reads-kernel-memory: above the ceiling for signed programs); refused (mode=enforce)",
			 variant->name, variant->func_id);
	} else {
		EXPECT_EQ(-EINVAL, self->prog_fd);
		snprintf(want, sizeof(want), "program of this type cannot use helper bpf_%s#%d",
			 variant->name, variant->func_id);
	}
	EXPECT_LOG_HAS(log_buf, want);
	if (mode == BPF_LOCKDOWN_MODE_OFF) {
		/* no ceiling in mode off: only the signature's line */
		EXPECT_EQ(NULL, strstr(log_buf, "may not")) TH_LOG("%s", log_buf);
		EXPECT_LOG_HAS(log_buf, "lockdown: signature verified (builtin keyring)");
		return;
	}
	snprintf(want, sizeof(want),
		 "bpf_lockdown: %s comm=\"conf_test\" pid=%d prog=\"%s\" level=confidentiality mode=%s what=\"call bpf_%s#%d\" class=reads-kernel-memory\n",
		 mode == BPF_LOCKDOWN_MODE_ENFORCE ? "refused" : "would-refuse", getpid(), name,
		 ld_mode_name(mode), variant->name, variant->func_id);
	EXPECT_TRUE(ld_kernel_log_has("%s", want)) TH_LOG("no kernel log line %s", want);
}

/*
 * The policy is a grant of the annotation, not of the signature: a
 * system-signed program whose annotation grants another helper is refused
 * the kernel read at every level and in every mode, by its annotation
 */
TEST(signed_kernel_read_needs_the_grant)
{
	static const struct bpf_insn insns[] = {
		MOV64_REG(BPF_REG_1, BPF_REG_10),
		ADD64_IMM(BPF_REG_1, -8),
		MOV64_IMM(BPF_REG_2, 8),
		MOV64_IMM(BPF_REG_3, 0),
		CALL(BPF_FUNC_probe_read_kernel),
		RET0,
	};
	int fd;

	fd = load_signed(_metadata, insns, N(insns), "ld_conf_nogrant",
			 BPF_FUNC_get_current_pid_tgid);
	EXPECT_EQ(-EACCES, fd);
	if (fd >= 0)
		close(fd);
	EXPECT_LOG_HAS(log_buf, "lockdown: program may not call bpf_probe_read_kernel#113 in");
	EXPECT_LOG_HAS(log_buf, "mode (not granted by the program's annotation); refused");
}

/*
 * Variable-offset pointer arithmetic on the stack, which the verifier's
 * Spectre v1 mitigation refuses to unprivileged users. At confidentiality
 * in enforce mode a program is verified that way, unless it is signed,
 * the kernel-reads policy is on and its annotation grants kernel reads
 * (here bpf_probe_read_kernel(), granted but not called): such a program
 * may read kernel memory outright, so speculation reveals nothing more.
 * Granted only a helper that reads nothing, it is still refused.
 */
TEST(signed_kernel_reader_is_verified_without_spectre_mitigations)
{
	/* r2 = fp - 16 + (ctx->args[0] & 7); return 0 */
	static const struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_3, BPF_REG_1, 0),
		INSN(BPF_ALU64 | BPF_AND | BPF_K, BPF_REG_3, 0, 0, 7),
		MOV64_REG(BPF_REG_2, BPF_REG_10),
		ADD64_IMM(BPF_REG_2, -16),
		INSN(BPF_ALU64 | BPF_ADD | BPF_X, BPF_REG_2, BPF_REG_3, 0, 0),
		RET0,
	};
	bool spectre = ld_level() == LEVEL_CONF && ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
	const struct {
		const char *name;
		int helper;
		bool refused;
	} cases[] = {
		{ "ld_conf_spec_r", BPF_FUNC_probe_read_kernel,
		  spectre && !ld_signed_kernel_reads() },
		{ "ld_conf_spec_n", BPF_FUNC_get_current_pid_tgid, spectre },
	};
	int fd;

	for (size_t i = 0; i < N(cases); i++) {
		fd = load_signed(_metadata, insns, N(insns), cases[i].name, cases[i].helper);
		if (cases[i].refused) {
			EXPECT_EQ(-EACCES, fd) TH_LOG("%s", cases[i].name);
			EXPECT_LOG_HAS(log_buf, "R2 variable stack access prohibited for !root");
		} else {
			EXPECT_LE(0, fd) TH_LOG("%s: %s", cases[i].name, log_buf);
		}
		if (fd >= 0)
			close(fd);
	}
}

TEST_HARNESS_MAIN
