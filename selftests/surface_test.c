// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - the attack surface, row by row */

/*
 * Each test takes one row of the attack surface tables of
 * Documentation/threat-model.rst and attacks it with raw instructions: what
 * the row says is refused must be refused, with its errno and its verifier
 * or kernel log message, at the level and in the mode the test finds; what
 * the row says remains is shown to remain (the program loads, and where the
 * kernel lets it attach, it runs and stores a kernel address).
 *
 * The same binary runs in every boot. A test that cannot run in a boot
 * skips with the reason.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/btf.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "lockdown_util.h"
#include "scx_util.h"
#include "sign_util.h"
#include "insn.h"
#include "kselftest_harness.h"
#include "annot.h"
#include "digest.h"

#define LOG_SIZE (1024 * 1024)
static char log_buf[LOG_SIZE];

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define STX_DW(d, s, o)		INSN(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define STX_W(d, s, o)		INSN(BPF_STX | BPF_MEM | BPF_W, d, s, o, 0)
#define LDX_W(d, s, o)		INSN(BPF_LDX | BPF_MEM | BPF_W, d, s, o, 0)
#define JEQ_IMM(d, i, o)	INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define JNE_IMM(d, i, o)	INSN(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define LD_MAP_VALUE(d, fd, off) \
	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_VALUE, 0, fd), INSN(0, 0, 0, 0, off)
#define LD_MAP(d, fd) \
	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_FD, 0, fd), INSN(0, 0, 0, 0, 0)
/* r<d> = the address of the subprogram @o instructions after the next one */
#define LD_FUNC(d, o) \
	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_FUNC, 0, o), INSN(0, 0, 0, 0, 0)
#define KFUNC(id)		INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, id)
/* r<r> = the frame pointer + @o */
#define FP(r, o)		MOV64_REG(r, BPF_REG_10), ADD64_IMM(r, o)
#define SUBPROG_CALL(o)		INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, o)

/* What the kernel adds to a refusal it did not make itself at confidentiality */
#define NO_LEAKS "lockdown: in confidentiality mode this program is verified without pointer leaks, as for unprivileged users: a refusal above about a pointer, the stack or pointer arithmetic comes from these rules"
/* The verifier's refusal of any load through a BTF pointer without pointer leaks */
#define PERFMON "access is allowed only to CAP_PERFMON and CAP_SYS_ADMIN"
/* the verifier's refusal of one kfunc call site given two types (patches/0000l) */
#define KFUNC_PATHS "with another type than on another path"
#define ARENA_PERFMON "CAP_BPF and CAP_PERFMON are required to use arena"
#define ARENA_PATHS "has an arena pointer on one path and operands that 32 bits would change on another"
#define PCPU_PATHS "called with a per-CPU object on one path and a per-CPU variable on another"
#define PCPU_PER_CPU_REFUSED "may not call bpf_per_cpu_ptr#153 in confidentiality mode"
#define PCPU_HELPER_REFUSED "may not call bpf_this_cpu_ptr#154 in confidentiality mode"
#define CTX_WRITE "invalid bpf_context access"

/* x86-64 struct pt_regs */
#define PT_REGS_DI	(14 * 8)
#define PT_REGS_AX	(10 * 8)
#define PT_REGS_IP	(16 * 8)
/* struct bpf_perf_event_data: regs, sample_period, addr */
#define PERF_DATA_ADDR	(21 * 8 + 8)

static __attribute__((constructor)) void init_room(void)
{
	ld_room_init();
}

static bool locked(void)
{
	return ld_level() != BPF_LOCKDOWN_LEVEL_NONE && ld_mode() != BPF_LOCKDOWN_MODE_OFF;
}

static bool enforcing(void)
{
	return locked() && ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
}

static bool confidentiality_enforced(void)
{
	return ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
	       ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
}

static const char *mode_name(int mode)
{
	return mode == BPF_LOCKDOWN_MODE_ENFORCE ? "enforce" :
	       mode == BPF_LOCKDOWN_MODE_AUDIT ? "audit" : "off";
}

/* A kernel address on x86-64, with 4- or 5-level page tables */
static bool kernel_address(__u64 v)
{
	return v >> 56 == 0xff;
}

/* An array of one 32-byte value, for what a program stores */
static int out_map(void)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_out", 4, 32, 1, NULL);

	return fd < 0 ? -errno : fd;
}

/* The @i-th u64 of the value */
static __u64 out_value(int map, int i)
{
	__u64 v[4] = {};
	__u32 key = 0;

	bpf_map_lookup_elem(map, &key, v);
	return v[i];
}

/* Run raw tracepoint program @fd with one zero argument: 0 or -errno */
static int run_raw_tp(int fd)
{
	LIBBPF_OPTS(bpf_test_run_opts, run);
	__u64 args[1] = {};

	run.ctx_in = args;
	run.ctx_size_in = sizeof(args);
	return bpf_prog_test_run_opts(fd, &run) ? -errno : 0;
}

/* an 8-byte array map with BPF_F_RDONLY_PROG, frozen */
static int frozen_rdonly_map(void)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = BPF_F_RDONLY_PROG);
	__u64 value = 0x5a5a;
	__u32 key = 0;
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_ro", 4, 8, 1, &o);

	if (fd < 0 || bpf_map_update_elem(fd, &key, &value, 0) || bpf_map_freeze(fd))
		return -1;
	return fd;
}

/* --- what each kind of refusal looks like in each boot --------------------- */

/* The tier's verifier log line for @what, at the current level and mode */
static void tier_line(char *buf, size_t size, const char *what, const char *class)
{
	snprintf(buf, size,
		 "lockdown: unsigned program may not %s in %s mode (%s); sign it with an annotation that grants it; %s (mode=%s)",
		 what, ld_level_name(ld_level()), class,
		 enforcing() ? "refused" : "would be refused", mode_name(ld_mode()));
}

/* The load succeeded and lockdown said nothing */
#define EXPECT_LOADS(fd) do {								\
	EXPECT_LE(0, fd) TH_LOG("%s", log_buf);						\
	EXPECT_EQ(NULL, strstr(log_buf, "lockdown:")) TH_LOG("%s", log_buf);		\
} while (0)

/* The verifier refuses at every level and in every mode, with @msg */
#define EXPECT_VERIFIER_REFUSES(fd, err, msg) do {					\
	EXPECT_EQ(-(err), fd) TH_LOG("%s", log_buf);					\
	EXPECT_NE(NULL, strstr(log_buf, msg)) TH_LOG("want \"%s\":\n%s", msg, log_buf);	\
} while (0)

/*
 * The tier refuses @what (@class) at the levels in @denied ({integrity,
 * confidentiality}) with @err in enforce mode and reports it in audit mode;
 * elsewhere the program loads and lockdown says nothing.
 */
static void expect_tier(struct __test_metadata *_metadata, int fd, const bool denied[2],
			int err, const char *what, const char *class)
{
	int level = ld_level();
	char line[512];

	if (!locked() || !denied[level - 1]) {
		EXPECT_LOADS(fd);
		return;
	}
	tier_line(line, sizeof(line), what, class);
	if (enforcing()) {
		EXPECT_EQ(-err, fd) TH_LOG("%s", log_buf);
	} else {
		EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
	}
	EXPECT_NE(NULL, strstr(log_buf, line)) TH_LOG("want \"%s\":\n%s", line, log_buf);
}

static const bool CONF_ONLY[2] = { false, true };
static const bool BOTH_LEVELS[2] = { true, true };

/*
 * Without pointer leaks (confidentiality, enforce mode) the verifier
 * refuses with @err and @msg, and lockdown says why; elsewhere it loads
 */
static void expect_no_leaks(struct __test_metadata *_metadata, int fd, int err, const char *msg)
{
	if (!confidentiality_enforced()) {
		EXPECT_LOADS(fd);
		return;
	}
	EXPECT_EQ(-err, fd) TH_LOG("%s", log_buf);
	EXPECT_NE(NULL, strstr(log_buf, msg)) TH_LOG("want \"%s\":\n%s", msg, log_buf);
	EXPECT_NE(NULL, strstr(log_buf, NO_LEAKS)) TH_LOG("%s", log_buf);
}

/*
 * A write through a BTF pointer: "only read is supported" at every level,
 * but without pointer leaks the verifier refuses any access first
 */
static void expect_btf_write_refused(struct __test_metadata *_metadata, int fd)
{
	if (confidentiality_enforced()) {
		EXPECT_EQ(-EPERM, fd) TH_LOG("%s", log_buf);
		EXPECT_NE(NULL, strstr(log_buf, PERFMON)) TH_LOG("%s", log_buf);
		EXPECT_NE(NULL, strstr(log_buf, NO_LEAKS)) TH_LOG("%s", log_buf);
	} else {
		EXPECT_VERIFIER_REFUSES(fd, EACCES, "only read is supported");
	}
}

/*
 * A load through a BTF pointer at instruction @insn: btf_pointer_read,
 * refused at confidentiality (by the verifier itself in enforce mode)
 */
static void expect_btf_read(struct __test_metadata *_metadata, int fd, int insn)
{
	char what[96];

	if (confidentiality_enforced()) {
		EXPECT_EQ(-EPERM, fd) TH_LOG("%s", log_buf);
		EXPECT_NE(NULL, strstr(log_buf, PERFMON)) TH_LOG("%s", log_buf);
		EXPECT_NE(NULL, strstr(log_buf, NO_LEAKS)) TH_LOG("%s", log_buf);
		return;
	}
	snprintf(what, sizeof(what), "read kernel memory through a BTF pointer (insn %d)", insn);
	expect_tier(_metadata, fd, CONF_ONLY, EACCES, what, "reads-kernel-memory");
}

static int load(enum bpf_prog_type type, enum bpf_attach_type attach, int btf_id_,
		const struct bpf_insn *insns, unsigned int cnt, const char *name)
{
	struct ld_load l = { .type = type, .attach = attach, .attach_btf_id = btf_id_,
			     .insns = insns, .cnt = cnt, .name = name };

	return ld_prog_load(&l, log_buf, LOG_SIZE);
}

#define LOAD(type, attach, id, insns, name) load(type, attach, id, insns, N(insns), name)

static void close_fd(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* --- program types: kprobes, tracepoints, perf events ---------------------- */

/* if (r2 = *(u64 *)(ctx + @off)) *(u64 *)&out[@slot] = r2 */
#define STORE_CTX_FIELD(out, off, slot)						\
	LDX_DW(BPF_REG_2, BPF_REG_1, off), JEQ_IMM(BPF_REG_2, 0, 3),		\
	LD_MAP_VALUE(BPF_REG_1, out, (slot) * 8), STX_DW(BPF_REG_1, BPF_REG_2, 0)

/* *(u64 *)(ctx + @off) = 0, through a register */
#define WRITE_CTX(off) MOV64_IMM(BPF_REG_2, 0), STX_DW(BPF_REG_1, BPF_REG_2, off), RET0

/* BPF_LINK_CREATE of a kprobe multi or session link on @sym */
static int kprobe_multi_link(int prog, enum bpf_attach_type type, const char *sym)
{
	const char *syms[1] = { sym };
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.link_create.prog_fd = prog;
	attr.link_create.attach_type = type;
	attr.link_create.kprobe_multi.syms = (__u64)(unsigned long)syms;
	attr.link_create.kprobe_multi.cnt = 1;
	fd = syscall(__NR_bpf, BPF_LINK_CREATE, &attr, sizeof(attr));
	return fd < 0 ? -errno : fd;
}

/*
 * kprobe: the registers are scalars, so a kernel address in one (rdi of
 * __x64_sys_getppid is its struct pt_regs *, on the kernel stack) is stored
 * into a map below confidentiality. Writing the context is refused, and
 * reading kernel memory at confidentiality. At confidentiality stock
 * lockdown refuses to create the kprobe (perf's kprobe PMU, like tracefs),
 * and the tier to attach to one that exists (raise_test); the program,
 * which may run on uprobes, loads.
 */
TEST(kprobe_registers_are_stored_below_confidentiality_only)
{
	int out = out_map();
	struct bpf_insn store[] = { STORE_CTX_FIELD(out, PT_REGS_DI, 0), RET0 };
	struct bpf_insn write[] = { WRITE_CTX(PT_REGS_DI) };
	struct bpf_insn read[] = {
		LDX_DW(BPF_REG_3, BPF_REG_1, PT_REGS_DI), MOV64_REG(BPF_REG_1, BPF_REG_10),
		ADD64_IMM(BPF_REG_1, -8), MOV64_IMM(BPF_REG_2, 8),
		CALL(BPF_FUNC_probe_read_kernel), RET0,
	};
	int fd, pfd, link;

	ASSERT_LE(0, out);
	fd = LOAD(BPF_PROG_TYPE_KPROBE, 0, 0, write, "sf_kp_write");
	EXPECT_VERIFIER_REFUSES(fd, EACCES, CTX_WRITE " off=112 size=8");
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_KPROBE, 0, 0, read, "sf_kp_read");
	if (ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY && !enforcing()) {
		char line[512];

		/* stock lockdown hides the helper from the verifier after the tier */
		EXPECT_EQ(-EINVAL, fd);
		EXPECT_LOG_HAS(log_buf,
			       "program of this type cannot use helper bpf_probe_read_kernel#113");
		tier_line(line, sizeof(line), "call bpf_probe_read_kernel#113",
			  "reads-kernel-memory");
		if (locked())
			EXPECT_NE(NULL, strstr(log_buf, line)) TH_LOG("%s", log_buf);
	} else {
		expect_tier(_metadata, fd, CONF_ONLY, EACCES, "call bpf_probe_read_kernel#113",
			    "reads-kernel-memory");
	}
	close_fd(fd);

	fd = LOAD(BPF_PROG_TYPE_KPROBE, 0, 0, store, "sf_kp_store");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	pfd = ld_kprobe_pmu_open("__x64_sys_getppid");
	if (ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY) {
		/* stock lockdown: LOCKDOWN_KPROBES */
		EXPECT_EQ(-EPERM, pfd);
	} else {
		ASSERT_LE(0, pfd);
		link = bpf_link_create(fd, pfd, BPF_PERF_EVENT, NULL);
		ASSERT_LE(0, link) TH_LOG("link: %s", strerror(-link));
		getppid();
		EXPECT_TRUE(kernel_address(out_value(out, 0)))
			TH_LOG("stored 0x%llx", (unsigned long long)out_value(out, 0));
		close(link);
	}
	close_fd(pfd);
	close(fd);
	close(out);
}

/*
 * Tests that attach through ftrace: the first attachment of a boot looks up
 * the symbol among every kernel symbol and patches kernel text, which can
 * take more than the harness's 30 seconds under emulation
 */
FIXTURE(slow) {
	int unused;
};

FIXTURE_SETUP(slow)
{
}

FIXTURE_TEARDOWN(slow)
{
}

#define SLOW_TEST(name) TEST_F_TIMEOUT(slow, name, 120)

/*
 * kprobe/multi: attached by BPF_LINK_CREATE through fprobe, without
 * tracefs or perf, which stock confidentiality lockdown closes. The
 * registers, kernel addresses among them, are numbers to the verifier, so
 * the tier refuses the program at confidentiality (leaks-kernel-address);
 * below, and in audit mode, it stores them.
 */
SLOW_TEST(kprobe_multi_registers_are_refused_at_confidentiality)
{
	int out = out_map();
	struct bpf_insn store[] = { STORE_CTX_FIELD(out, PT_REGS_DI, 0), RET0 };
	struct bpf_insn write[] = { WRITE_CTX(PT_REGS_DI) };
	int fd, link;

	ASSERT_LE(0, out);
	fd = LOAD(BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, 0, write, "sf_kpm_write");
	if (confidentiality_enforced()) {
		EXPECT_EQ(-EPERM, fd);
	} else {
		EXPECT_VERIFIER_REFUSES(fd, EACCES, CTX_WRITE " off=112 size=8");
	}
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, 0, store, "sf_kpm_store");
	expect_tier(_metadata, fd, CONF_ONLY, EPERM,
		    "load program type kprobe/multi (attach type 42)", "leaks-kernel-address");
	if (fd < 0) {
		close(out);
		return;
	}
	link = kprobe_multi_link(fd, BPF_TRACE_KPROBE_MULTI, "__x64_sys_getppid");
	ASSERT_LE(0, link) TH_LOG("link: %s", strerror(-link));
	getppid();
	EXPECT_TRUE(kernel_address(out_value(out, 0)))
		TH_LOG("stored 0x%llx", (unsigned long long)out_value(out, 0));
	close(link);
	close(fd);
	close(out);
}

/*
 * kprobe/session: the entry stores rdi, the return rax (the session kfunc
 * reads the session's own state); refused at confidentiality as
 * kprobe/multi, run below
 */
SLOW_TEST(kprobe_session_registers_are_refused_at_confidentiality)
{
	int out = out_map();
	int is_return = btf_id("bpf_session_is_return", BTF_KIND_FUNC);
	struct bpf_insn insns[] = {
		MOV64_REG(BPF_REG_6, BPF_REG_1), KFUNC(is_return),
		/* a bool: only the low byte is defined */
		INSN(BPF_ALU | BPF_AND | BPF_K, BPF_REG_0, 0, 0, 0xff), JNE_IMM(BPF_REG_0, 0, 6),
		LDX_DW(BPF_REG_2, BPF_REG_6, PT_REGS_DI), LD_MAP_VALUE(BPF_REG_1, out, 0),
		STX_DW(BPF_REG_1, BPF_REG_2, 0), RET0,
		LDX_DW(BPF_REG_2, BPF_REG_6, PT_REGS_AX), LD_MAP_VALUE(BPF_REG_1, out, 8),
		STX_DW(BPF_REG_1, BPF_REG_2, 0), RET0,
	};
	int fd, link;

	ASSERT_LE(0, out);
	ASSERT_LT(0, is_return);
	fd = LOAD(BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_SESSION, 0, insns, "sf_kps");
	expect_tier(_metadata, fd, CONF_ONLY, EPERM,
		    "load program type kprobe/session (attach type 56)", "leaks-kernel-address");
	if (fd < 0) {
		close(out);
		return;
	}
	link = kprobe_multi_link(fd, BPF_TRACE_KPROBE_SESSION, "__x64_sys_getppid");
	ASSERT_LE(0, link) TH_LOG("link: %s", strerror(-link));
	EXPECT_EQ(getppid(), (pid_t)out_value(out, 1));
	EXPECT_TRUE(kernel_address(out_value(out, 0)))
		TH_LOG("stored 0x%llx", (unsigned long long)out_value(out, 0));
	close(link);
	close(fd);
	close(out);
}

/*
 * tracepoint: record fields are scalars (the first field after the common
 * ones is stored at every level); writing the record is refused
 */
TEST(tracepoint_record_field_is_a_residual_and_writes_are_refused)
{
	int out = out_map();
	struct bpf_insn store[] = { STORE_CTX_FIELD(out, 8, 0), RET0 };
	struct bpf_insn write[] = { WRITE_CTX(8) };
	int fd;

	ASSERT_LE(0, out);
	fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, write, "sf_tp_write");
	EXPECT_VERIFIER_REFUSES(fd, EACCES, CTX_WRITE " off=8 size=8");
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, store, "sf_tp_store");
	EXPECT_LOADS(fd);
	close_fd(fd);
	close(out);
}

#define RAW_TP_LINE "lockdown_raw_tp\" level=confidentiality mode=%s what=\"attach as raw_tracepoint at raw_tracepoint:%s: it reads an argument that may hold a kernel pointer\" class=leaks-kernel-address"

/*
 * raw_tracepoint: the arguments are u64 numbers to the verifier. sys_enter's
 * first is the struct pt_regs * of the syscall, a kernel stack address:
 * stored below confidentiality; at confidentiality the program loads (a
 * test run hands it the caller's arguments) but is not attached where an
 * argument it reads is not an integer in the tracepoint's prototype.
 * signal_generate's first argument is the signal number: attached, and
 * stored, at every level. Writing the arguments is refused.
 */
TEST(raw_tracepoint_pointer_arguments_are_refused_at_confidentiality)
{
	int out = out_map();
	struct bpf_insn store[] = { STORE_CTX_FIELD(out, 0, 0), RET0 };
	struct bpf_insn write[] = { WRITE_CTX(0) };
	/* only this test's signal: others may come from anywhere */
	struct bpf_insn sig[] = {
		LDX_DW(BPF_REG_2, BPF_REG_1, 0), JNE_IMM(BPF_REG_2, SIGUSR2, 3),
		LD_MAP_VALUE(BPF_REG_1, out, 0), STX_DW(BPF_REG_1, BPF_REG_2, 0), RET0,
	};
	bool refused = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
		       ld_mode() != BPF_LOCKDOWN_MODE_OFF;
	char line[512];
	int fd, tp, before;

	ASSERT_LE(0, out);
	fd = LOAD(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, write, "sf_rtp_write");
	EXPECT_VERIFIER_REFUSES(fd, EACCES, CTX_WRITE " off=0 size=8");
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, store, "lockdown_raw_tp");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);

	snprintf(line, sizeof(line), RAW_TP_LINE, mode_name(ld_mode()), "sys_enter");
	ld_room();
	before = ld_kernel_log_count(line);
	tp = bpf_raw_tracepoint_open("sys_enter", fd);
	if (refused)
		ld_room_count();
	if (refused && enforcing()) {
		EXPECT_EQ(-EPERM, tp);
	} else {
		ASSERT_LE(0, tp) TH_LOG("raw_tracepoint_open: %s", strerror(-tp));
		getppid();
		EXPECT_TRUE(kernel_address(out_value(out, 0)))
			TH_LOG("stored 0x%llx", (unsigned long long)out_value(out, 0));
		close(tp);
	}
	EXPECT_EQ(before + refused, ld_kernel_log_count(line)) TH_LOG("want \"%s\"", line);

	close(fd);
	fd = LOAD(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, sig, "lockdown_raw_sig");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	tp = bpf_raw_tracepoint_open("signal_generate", fd);
	ASSERT_LE(0, tp) TH_LOG("raw_tracepoint_open: %s", strerror(-tp));
	signal(SIGUSR2, SIG_IGN);
	kill(getpid(), SIGUSR2);
	EXPECT_EQ((__u64)SIGUSR2, out_value(out, 0));
	close(tp);
	close(fd);
	close(out);
}

#define CALLEE_LINE "%s\" level=confidentiality mode=%s what=\"share a program map: it reads its context, which its callers choose\" class=leaks-kernel-address"

/*
 * A program in a program array runs where its callers are attached, with
 * their arguments: at confidentiality an unsigned raw tracepoint program
 * that reads its arguments is not put into one (EINVAL from the update in
 * enforce mode, reported in audit mode), so a caller that reads nothing
 * cannot carry it onto sched_switch's task pointers; nor a tracepoint
 * program that reads its record, which a caller attached to kmem:kfree
 * would carry onto that event's pointer. One that reads none is put there
 * at every level.
 */
TEST(raw_tracepoint_reading_arguments_stays_out_of_program_arrays_at_confidentiality)
{
	static const struct {
		enum bpf_prog_type type;
		const char *callee, *quiet;
	} t[] = {
		{ BPF_PROG_TYPE_RAW_TRACEPOINT, "sf_rtp_callee", "sf_rtp_quiet" },
		/* a tracepoint program's record is its caller's event's */
		{ BPF_PROG_TYPE_TRACEPOINT, "sf_tp_callee", "sf_tp_quiet" },
	};
	struct bpf_insn reads[] = { LDX_DW(BPF_REG_2, BPF_REG_1, 8), RET0 };
	struct bpf_insn none[] = { RET0 };
	bool refused = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
		       ld_mode() != BPF_LOCKDOWN_MODE_OFF;
	int map, callee, quiet, before, err;
	char line[512];
	__u32 key;

	for (unsigned int i = 0; i < N(t); i++) {
		map = bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, "sf_pa", 4, 4, 2, NULL);
		ASSERT_LE(0, map);
		callee = LOAD(t[i].type, 0, 0, reads, t[i].callee);
		EXPECT_LOADS(callee);
		ASSERT_LE(0, callee);
		quiet = LOAD(t[i].type, 0, 0, none, t[i].quiet);
		EXPECT_LOADS(quiet);
		ASSERT_LE(0, quiet);
		snprintf(line, sizeof(line), CALLEE_LINE, t[i].callee, mode_name(ld_mode()));
		ld_room();
		before = ld_kernel_log_count(line);
		key = 0;
		err = bpf_map_update_elem(map, &key, &callee, 0) ? -errno : 0;
		if (refused)
			ld_room_count();
		EXPECT_EQ(refused && enforcing() ? -EINVAL : 0, err) TH_LOG("%s", t[i].callee);
		EXPECT_EQ(before + refused, ld_kernel_log_count(line)) TH_LOG("want \"%s\"", line);
		key = 1;
		EXPECT_EQ(0, bpf_map_update_elem(map, &key, &quiet, 0))
			TH_LOG("%s", strerror(errno));
		close(quiet);
		close(callee);
		close(map);
	}
}

/*
 * perf_event: the sample's addr and instruction pointer are scalars, which
 * perf gives root without BPF (stored at every level); the other registers
 * of a kernel sample are the kernel's, which perf refuses at
 * confidentiality (PERF_SAMPLE_REGS_INTR): refused there. Writing the
 * sample is refused, and bpf_read_branch_records at confidentiality.
 */
TEST(perf_event_sample_addr_is_a_residual_and_the_rest_is_refused)
{
	int out = out_map();
	struct bpf_insn store[] = { STORE_CTX_FIELD(out, PERF_DATA_ADDR, 0), RET0 };
	struct bpf_insn ip[] = { STORE_CTX_FIELD(out, PT_REGS_IP, 0), RET0 };
	struct bpf_insn di[] = { STORE_CTX_FIELD(out, PT_REGS_DI, 0), RET0 };
	struct bpf_insn write[] = { WRITE_CTX(PERF_DATA_ADDR) };
	struct bpf_insn branches[] = {
		MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -32),
		MOV64_IMM(BPF_REG_3, 32), MOV64_IMM(BPF_REG_4, 0),
		CALL(BPF_FUNC_read_branch_records), RET0,
	};
	int fd;

	ASSERT_LE(0, out);
	fd = LOAD(BPF_PROG_TYPE_PERF_EVENT, 0, 0, write, "sf_pe_write");
	EXPECT_VERIFIER_REFUSES(fd, EACCES, CTX_WRITE);
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_PERF_EVENT, 0, 0, branches, "sf_pe_branches");
	expect_tier(_metadata, fd, CONF_ONLY, EACCES, "call bpf_read_branch_records#119",
		    "leaks-kernel-address");
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_PERF_EVENT, 0, 0, store, "sf_pe_store");
	EXPECT_LOADS(fd);
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_PERF_EVENT, 0, 0, ip, "sf_pe_ip");
	EXPECT_LOADS(fd);
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_PERF_EVENT, 0, 0, di, "sf_pe_di");
	expect_tier(_metadata, fd, CONF_ONLY, EACCES,
		    "read a kernel pointer from the context as a number (insn 0)",
		    "leaks-kernel-address");
	close_fd(fd);
	close(out);
}

/*
 * The residual row of perf samples rests on this: without BPF, perf hands
 * root, at every level, the kernel addresses those programs could store. A
 * context switch of this thread sampled with PERF_SAMPLE_IP gives a kernel
 * text address. Raw records of trace events (PERF_SAMPLE_RAW) hold kernel
 * pointers: perf gives them below confidentiality; at confidentiality BPF
 * lockdown refuses them (reported in audit mode), so that a record reaches
 * user space only through a program the tier checked.
 */
struct perf_ring {
	int fd;
	void *base;
	size_t size;
};

static int perf_ring_open(struct perf_ring *r, struct perf_event_attr *a)
{
	r->size = 2 * sysconf(_SC_PAGESIZE);
	a->size = sizeof(*a);
	a->sample_period = 1;
	a->wakeup_events = 1;
	r->fd = syscall(__NR_perf_event_open, a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	if (r->fd < 0)
		return -errno;
	r->base = mmap(NULL, r->size, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd, 0);
	if (r->base == MAP_FAILED) {
		close(r->fd);
		return -ENOMEM;
	}
	return 0;
}

static void perf_ring_close(struct perf_ring *r)
{
	munmap(r->base, r->size);
	close(r->fd);
}

/* The first sample's first u64 (PERF_SAMPLE_IP, or the RAW size and data), or 0 */
static __u64 perf_ring_first(struct perf_ring *r, __u32 *raw_size)
{
	struct perf_event_mmap_page *mp = r->base;
	const char *data = (const char *)r->base + mp->data_offset;
	__u64 head = __atomic_load_n(&mp->data_head, __ATOMIC_ACQUIRE), off = 0;

	while (off + sizeof(struct perf_event_header) <= head &&
	       off + sizeof(struct perf_event_header) <= mp->data_size) {
		const struct perf_event_header *h = (const void *)(data + off);

		if (!h->size)
			break;
		if (h->type == PERF_RECORD_SAMPLE) {
			__u64 v;

			memcpy(&v, h + 1, sizeof(v));
			if (raw_size)
				*raw_size = (__u32)v;
			return v;
		}
		off += h->size;
	}
	return 0;
}

#define RAW_LINE "level=confidentiality mode=%s what=\"sample raw records of syscalls:sys_enter_getppid through perf\" class=reads-kernel-memory"

TEST(perf_gives_root_kernel_addresses_without_bpf)
{
	struct perf_event_attr a = {
		.type = PERF_TYPE_SOFTWARE, .config = PERF_COUNT_SW_CONTEXT_SWITCHES,
		.sample_type = PERF_SAMPLE_IP, .exclude_hv = 1,
	};
	bool refused = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
		       ld_mode() != BPF_LOCKDOWN_MODE_OFF;
	long id = ld_tracepoint_id("syscalls/sys_enter_getppid");
	struct perf_ring r;
	char line[256];
	__u32 raw = 0;
	int err, before;

	err = perf_ring_open(&r, &a);
	ASSERT_EQ(0, err) TH_LOG("perf_event_open: %s", strerror(-err));
	usleep(1000);
	usleep(1000);
	EXPECT_TRUE(kernel_address(perf_ring_first(&r, NULL)))
		TH_LOG("ip 0x%llx", (unsigned long long)perf_ring_first(&r, NULL));
	perf_ring_close(&r);

	ASSERT_LT(0, id) TH_LOG("no id for syscalls/sys_enter_getppid: %s", strerror(-id));
	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_TRACEPOINT;
	a.config = id;
	a.sample_type = PERF_SAMPLE_RAW;
	snprintf(line, sizeof(line), RAW_LINE, mode_name(ld_mode()));
	ld_room();
	before = ld_kernel_log_count(line);
	err = perf_ring_open(&r, &a);
	if (refused)
		ld_room_count();
	EXPECT_EQ(before + refused, ld_kernel_log_count(line)) TH_LOG("want \"%s\"", line);
	if (refused && enforcing()) {
		EXPECT_EQ(-EPERM, err);
		return;
	}
	ASSERT_EQ(0, err) TH_LOG("perf_event_open: %s", strerror(-err));
	getppid();
	perf_ring_first(&r, &raw);
	perf_ring_close(&r);
	EXPECT_LE(8U, raw) TH_LOG("sys_enter_getppid gave no trace record");
}

/*
 * tracefs at confidentiality: a kernel booted there with BPF lockdown on
 * sets tracing up as one raised there at run time, so the events' id and
 * format files, which libbpf and trace tools read to name an event, are
 * readable; every file that reads trace data or changes tracing refuses
 * at open (stock lockdown's checks). Below confidentiality all open.
 */
TEST(tracefs_shows_event_ids_and_formats_and_refuses_the_rest_at_confidentiality)
{
	static const struct {
		const char *path;
		int flags;
	} closed[] = {
		{ "trace_pipe", O_RDONLY },
		{ "trace", O_RDONLY },
		{ "available_filter_functions", O_RDONLY },
		{ "printk_formats", O_RDONLY },
		{ "kprobe_events", O_WRONLY },
		{ "set_event", O_WRONLY },
		{ "events/enable", O_WRONLY },
		{ "events/kmem/kfree/enable", O_WRONLY },
		{ "events/kmem/kfree/filter", O_WRONLY },
		{ "events/kmem/kfree/trigger", O_WRONLY },
		{ "per_cpu/cpu0/trace_pipe_raw", O_RDONLY },
	};
	bool conf = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	char path[160], buf[4096];
	int i, fd;

	if (conf && ld_mode() == BPF_LOCKDOWN_MODE_OFF)
		SKIP(return, "booted at confidentiality with BPF lockdown off: stock, no tracefs");
	EXPECT_LT(0, ld_tracepoint_id("kmem/kfree"));
	EXPECT_LT(0, ld_read("/sys/kernel/tracing/events/kmem/kfree/format", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "field:const void * ptr;")) TH_LOG("%s", buf);
	for (i = 0; i < (int)N(closed); i++) {
		snprintf(path, sizeof(path), "/sys/kernel/tracing/%s", closed[i].path);
		fd = open(path, closed[i].flags | O_NONBLOCK);
		if (conf) {
			EXPECT_EQ(-1, fd) TH_LOG("%s opens", path);
			EXPECT_TRUE(errno == EPERM || errno == ENOENT)
				TH_LOG("%s: %s", path, strerror(errno));
		} else {
			EXPECT_LE(0, fd) TH_LOG("%s: %s", path, strerror(errno));
		}
		if (fd >= 0)
			close(fd);
	}
}

/* PERF_EVENT_IOC_SET_BPF of @prog on trace event @tp for this thread: perf fd or -errno */
static int tp_attach(const char *tp, int prog)
{
	int fd = ld_tracepoint_open(tp, 1);

	if (fd < 0)
		return fd;
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog)) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/*
 * tp_attach(), expecting the kernel log line @line once more when the
 * attachment is @refused (or would be), and making room for it first
 */
static int tp_attach_reported(struct __test_metadata *_metadata, const char *tp, int prog,
			      const char *line, bool refused)
{
	int before, pfd;

	ld_room();
	before = ld_kernel_log_count(line);
	pfd = tp_attach(tp, prog);
	if (refused)
		ld_room_count();
	EXPECT_EQ(before + refused, ld_kernel_log_count(line)) TH_LOG("want \"%s\"", line);
	return pfd;
}

/*
 * A syscall's record holds what its caller passed: a tracepoint program
 * reads kill()'s pid at every level. The four bytes after the syscall's
 * number are a hole, which the kernel zeroes rather than leave stack
 * there.
 */
TEST(tracepoint_reads_syscall_arguments_and_zeroed_holes)
{
	int out = out_map();
	struct bpf_insn prog[] = {
		MOV64_REG(BPF_REG_6, BPF_REG_1),
		LDX_DW(BPF_REG_2, BPF_REG_6, 16),	/* pid */
		JNE_IMM(BPF_REG_2, getpid(), 5),
		LDX_W(BPF_REG_3, BPF_REG_6, 12),	/* the hole after __syscall_nr */
		LD_MAP_VALUE(BPF_REG_1, out, 0),
		STX_DW(BPF_REG_1, BPF_REG_2, 0),
		STX_DW(BPF_REG_1, BPF_REG_3, 8),
		RET0,
	};
	int fd, pfd;

	ASSERT_LE(0, out);
	fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, prog, "sf_tp_kill");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	pfd = tp_attach("syscalls/sys_enter_kill", fd);
	ASSERT_LE(0, pfd) TH_LOG("attach to sys_enter_kill: %s", strerror(-pfd));
	ASSERT_EQ(0, kill(getpid(), 0));
	EXPECT_EQ((__u64)getpid(), out_value(out, 0));
	EXPECT_EQ(0ULL, out_value(out, 1));
	close(pfd);
	close(fd);
	close(out);
}

#define TP_LINE "%s\" level=confidentiality mode=%s what=\"attach as tracepoint at tracepoint:kmem:kfree: it reads a field that may hold a kernel pointer\" class=leaks-kernel-address"

/*
 * kmem:kfree's record holds call_site, an unsigned long, at 8 and ptr, a
 * const void *, at 16: the freed object's kernel address. A program that
 * reads up to ptr is not attached there at confidentiality (stored below
 * it); one that reads only call_site is attached at every level and stores
 * a kernel text address: a field declared as an integer is the residual
 * that perf samples have too.
 */
TEST(tracepoint_pointer_fields_are_refused_at_confidentiality)
{
	int out = out_map();
	struct bpf_insn ptr[] = { STORE_CTX_FIELD(out, 16, 0), RET0 };
	struct bpf_insn site[] = { STORE_CTX_FIELD(out, 8, 1), RET0 };
	bool refused = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
		       ld_mode() != BPF_LOCKDOWN_MODE_OFF;
	int fd, pfd;
	char line[512];

	ASSERT_LE(0, out);
	fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, ptr, "sf_tp_kfree_ptr");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	snprintf(line, sizeof(line), TP_LINE, "sf_tp_kfree_ptr", mode_name(ld_mode()));
	pfd = tp_attach_reported(_metadata, "kmem/kfree", fd, line, refused);
	if (refused && enforcing()) {
		EXPECT_EQ(-EPERM, pfd);
	} else {
		ASSERT_LE(0, pfd) TH_LOG("attach to kmem:kfree: %s", strerror(-pfd));
		close(open("/proc/self/status", O_RDONLY));
		EXPECT_TRUE(kernel_address(out_value(out, 0)))
			TH_LOG("stored 0x%llx", (unsigned long long)out_value(out, 0));
		close(pfd);
	}
	close(fd);

	fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, site, "sf_tp_kfree_site");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	pfd = tp_attach("kmem/kfree", fd);
	ASSERT_LE(0, pfd) TH_LOG("attach to kmem:kfree: %s", strerror(-pfd));
	close(open("/proc/self/status", O_RDONLY));
	EXPECT_TRUE(kernel_address(out_value(out, 1)))
		TH_LOG("stored 0x%llx", (unsigned long long)out_value(out, 1));
	close(pfd);
	close(fd);
	close(out);
}

#define TYPEDEF_LINE "sf_tp_lease\" level=confidentiality mode=%s what=\"attach as tracepoint at tracepoint:filelock:generic_add_lease: it reads a field that may hold a kernel pointer\" class=leaks-kernel-address"

/*
 * A field's type may be a typedef of a pointer: filelock:generic_add_lease
 * has fl_owner_t owner (a void *, the struct file of the lease) at 32,
 * after integer fields only. The rule resolves the typedef in vmlinux BTF:
 * a program that reads it is not attached at confidentiality.
 */
TEST(typedef_pointer_field_is_refused_at_confidentiality)
{
	struct bpf_insn prog[] = { LDX_DW(BPF_REG_2, BPF_REG_1, 32), RET0 };
	bool refused = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
		       ld_mode() != BPF_LOCKDOWN_MODE_OFF;
	int fd, pfd;
	char fmt[4096], line[512];

	ASSERT_LT(0, ld_read("/sys/kernel/tracing/events/filelock/generic_add_lease/format",
			     fmt, sizeof(fmt)));
	ASSERT_NE(NULL, strstr(fmt, "fl_owner_t owner;\toffset:32;")) TH_LOG("%s", fmt);
	fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, prog, "sf_tp_lease");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	snprintf(line, sizeof(line), TYPEDEF_LINE, mode_name(ld_mode()));
	pfd = tp_attach_reported(_metadata, "filelock/generic_add_lease", fd, line, refused);
	if (refused && enforcing()) {
		EXPECT_EQ(-EPERM, pfd);
	} else {
		EXPECT_LE(0, pfd) TH_LOG("attach: %s", strerror(-pfd));
	}
	close_fd(pfd);
	close(fd);
}

#define FILTER_LINE "level=confidentiality mode=%s what=\"filter records of %s through perf\" class=reads-kernel-memory"

/* A counting perf event on trace event @tp for this thread, given @filter: fd or -errno */
static int tp_filtered(const char *tp, const char *filter)
{
	int fd = ld_tracepoint_open(tp, 0), err;

	if (fd < 0)
		return fd;
	if (ioctl(fd, PERF_EVENT_IOC_SET_FILTER, filter)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

/*
 * A perf filter compares any field of a record with a number and perf
 * counts the records that pass: one counting event per bit reads
 * kmem:kfree's ptr without a program or a sample. A string predicate on
 * sys_enter_openat's filename reads the string at the address the caller
 * passed, from the kernel, and .function looks a number up in kallsyms.
 * At confidentiality perf events filter no trace event's records.
 */
TEST(perf_filter_of_trace_records_is_refused_at_confidentiality)
{
	static const char *const f[][3] = {
		{ "kmem/kfree", "ptr & 0x1000", "kmem:kfree" },
		{ "syscalls/sys_enter_openat", "filename == \"/e*\"",
		  "syscalls:sys_enter_openat" },
		{ "syscalls/sys_enter_close", "fd.function == vfs_read",
		  "syscalls:sys_enter_close" },
	};
	bool refused = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
		       ld_mode() != BPF_LOCKDOWN_MODE_OFF;
	char line[256];
	int fd, before;

	for (unsigned int i = 0; i < N(f); i++) {
		snprintf(line, sizeof(line), FILTER_LINE, mode_name(ld_mode()), f[i][2]);
		ld_room();
		before = ld_kernel_log_count(line);
		fd = tp_filtered(f[i][0], f[i][1]);
		if (refused)
			ld_room_count();
		EXPECT_EQ(before + refused, ld_kernel_log_count(line)) TH_LOG("want \"%s\"", line);
		if (refused && enforcing()) {
			EXPECT_EQ(-EPERM, fd) TH_LOG("%s", f[i][1]);
		} else if (i < 2) {
			/* .function wants a long field: close's fd is an int */
			EXPECT_LE(0, fd) TH_LOG("filter %s: %s", f[i][1], strerror(-fd));
		}
		close_fd(fd);
	}
}

/*
 * The attack on the holes of a record: perf builds each record in a
 * per-CPU buffer that holds the previous ones. raw_syscalls:sys_enter puts
 * a syscall's second argument, chosen here, at bytes 24-31;
 * task:task_newtask has a hole at 28-31 (pid_t pid, char comm[16], then
 * unsigned long clone_flags at 32). A clone whose second argument is a
 * marker writes both records on this CPU, in that order: a program on
 * task_newtask that reads the hole must see zeroes, not the marker's high
 * half (or a kernel pointer of another event).
 */
TEST(trace_record_holes_hold_no_earlier_record)
{
	int out = out_map();
	struct bpf_insn prog[] = {
		MOV64_REG(BPF_REG_6, BPF_REG_1),
		CALL(BPF_FUNC_get_current_pid_tgid),
		INSN(BPF_ALU64 | BPF_RSH | BPF_K, BPF_REG_0, 0, 0, 32),
		JNE_IMM(BPF_REG_0, getpid(), 6),
		LDX_W(BPF_REG_2, BPF_REG_6, 28),	/* the hole before clone_flags */
		LD_MAP_VALUE(BPF_REG_1, out, 0),
		STX_DW(BPF_REG_1, BPF_REG_2, 0),
		MOV64_IMM(BPF_REG_2, 1),
		STX_DW(BPF_REG_1, BPF_REG_2, 8),
		RET0,
	};
	char fmt[4096];
	cpu_set_t cpus;
	int fd, pfd, writer;
	long child;

	ASSERT_LE(0, out);
	ASSERT_LT(0, ld_read("/sys/kernel/tracing/events/task/task_newtask/format", fmt,
			     sizeof(fmt)));
	ASSERT_NE(NULL, strstr(fmt, "unsigned long clone_flags;\toffset:32;")) TH_LOG("%s", fmt);
	ASSERT_NE(NULL, strstr(fmt, "char comm[16];\toffset:12;")) TH_LOG("%s", fmt);
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	ASSERT_EQ(0, sched_setaffinity(0, sizeof(cpus), &cpus));

	fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, prog, "sf_tp_hole");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	pfd = tp_attach("task/task_newtask", fd);
	ASSERT_LE(0, pfd) TH_LOG("attach to task_newtask: %s", strerror(-pfd));
	/* counting only: the record is built all the same */
	writer = ld_tracepoint_open("raw_syscalls/sys_enter", 0);
	ASSERT_LE(0, writer) TH_LOG("raw_syscalls/sys_enter: %s", strerror(-writer));

	/* the child returns onto that stack and dies at once: only its birth counts */
	child = syscall(__NR_clone, SIGCHLD, 0x1122334455667788UL, 0UL, 0UL, 0UL);
	ASSERT_LT(0, child) TH_LOG("clone: %s", strerror(errno));
	waitpid(child, NULL, 0);
	close(writer);
	EXPECT_EQ(1ULL, out_value(out, 1)) TH_LOG("task_newtask did not run the program");
	EXPECT_EQ(0ULL, out_value(out, 0))
		TH_LOG("the hole held 0x%llx", (unsigned long long)out_value(out, 0));
	CPU_ZERO(&cpus);
	for (int c = 0; c < CPU_SETSIZE && c < sysconf(_SC_NPROCESSORS_CONF); c++)
		CPU_SET(c, &cpus);
	sched_setaffinity(0, sizeof(cpus), &cpus);
	close(pfd);
	close(fd);
	close(out);
}

/* --- tracing/fentry and fexit ---------------------------------------------- */

/* vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos) */
#define VFS_READ_FILE	0
#define VFS_READ_POS	(3 * 8)

/* FUNCs @a and @b of @btf have one prototype, parameter names aside */
static bool same_proto(const struct btf *btf, const struct btf_type *a, const struct btf_type *b)
{
	const struct btf_param *pa, *pb;

	if (a->type == b->type)
		return true;
	a = btf__type_by_id(btf, a->type);
	b = btf__type_by_id(btf, b->type);
	if (!btf_is_func_proto(a) || !btf_is_func_proto(b) || a->type != b->type ||
	    btf_vlen(a) != btf_vlen(b))
		return false;
	pa = btf_params(a);
	pb = btf_params(b);
	for (int i = 0; i < btf_vlen(a); i++)
		if (pa[i].type != pb[i].type)
			return false;
	return true;
}

static int cmp_func_name(const void *a, const void *b)
{
	const struct btf *btf = vmlinux_btf();
	int ia = *(const int *)a, ib = *(const int *)b;
	int r = strcmp(btf__name_by_offset(btf, btf__type_by_id(btf, ia)->name_off),
		       btf__name_by_offset(btf, btf__type_by_id(btf, ib)->name_off));

	return r ?: ia - ib;
}

/*
 * The pairs of FUNCs of the kernel's BTF that share a name (@name, or any
 * with @name NULL) and whose prototypes differ (@same false) or are one
 * (@same true), at most @max, into @pairs. Return: how many.
 */
static int func_pairs(const char *name, bool same, int (*pairs)[2], int max)
{
	struct btf *btf = vmlinux_btf();
	int n = btf__type_cnt(btf), cnt = 0, found = 0;
	int *ids = calloc(n, sizeof(*ids));

	if (!ids)
		return 0;
	for (int i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		const char *tn = btf__name_by_offset(btf, t->name_off);

		if (btf_is_func(t) && (!name || !strcmp(tn, name)))
			ids[cnt++] = i;
	}
	qsort(ids, cnt, sizeof(*ids), cmp_func_name);
	for (int i = 0; i < cnt && found < max; i++) {
		const struct btf_type *t = btf__type_by_id(btf, ids[i]);

		for (int j = i + 1; j < cnt && found < max; j++) {
			const struct btf_type *o = btf__type_by_id(btf, ids[j]);

			if (strcmp(btf__name_by_offset(btf, o->name_off),
				   btf__name_by_offset(btf, t->name_off)))
				break;
			if (same_proto(btf, t, o) != same)
				continue;
			pairs[found][0] = ids[i];
			pairs[found][1] = ids[j];
			found++;
		}
	}
	free(ids);
	return found;
}

/*
 * The verifier types an fentry program's arguments by the FUNC its BTF ID
 * names; the trampoline goes where kallsyms finds the name. Static functions
 * of different files share names, and BTF may keep one FUNC for each
 * prototype: in local_storage.c cgroup_storage_lookup() takes a cgroup
 * storage map, in bpf_cgrp_storage.c a static function of the same name
 * takes a struct cgroup. Typed for the second and run on the first, a
 * program passes the map as a cgroup to bpf_cgrp_storage_get(), which
 * creates storage at the cgroup's offset 1696 of a 280-byte map: a write
 * into another slab object. Under lockdown in enforce mode every such name
 * is refused, by each of its IDs; elsewhere lockdown says nothing of it
 * (the function may still not be traceable).
 */
TEST(fentry_on_a_name_of_functions_of_different_prototypes_is_refused)
{
	struct btf *btf = vmlinux_btf();
	struct bpf_insn insns[] = { RET0 };
	int pairs[256][2], cnt, fd, loaded = 0;
	const char *fn;

	cnt = func_pairs(NULL, false, pairs, N(pairs));
	if (!cnt)
		SKIP(return, "no two FUNCs of one name and different prototypes in BTF");
	for (int p = 0; p < cnt; p++) {
		fn = btf__name_by_offset(btf, btf__type_by_id(btf, pairs[p][0])->name_off);
		for (int i = 0; i < 2; i++) {
			fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, pairs[p][i], insns,
				  "sf_fentry_twin");
			if (enforcing())
				EXPECT_VERIFIER_REFUSES(fd, EPERM,
							"names functions of different prototypes");
			else
				EXPECT_EQ(NULL, strstr(log_buf, "different prototypes"))
					TH_LOG("%s: %s", fn, log_buf);
			loaded += fd >= 0;
			close_fd(fd);
		}
	}
	TH_LOG("%d pairs of functions of one name and different prototypes, %d loads of their IDs",
	       cnt, loaded);
}

/*
 * A syscall and its sys_ni.c stub share a name and a prototype: traced.
 * Which syscalls BTF lists twice varies from build to build: the first.
 */
TEST(fentry_on_a_name_of_functions_of_one_prototype_loads)
{
	struct btf *btf = vmlinux_btf();
	struct bpf_insn insns[] = { RET0 };
	int pairs[256][2], cnt, fd;
	const char *fn = NULL;

	cnt = func_pairs(NULL, true, pairs, N(pairs));
	for (int p = 0; p < cnt && !fn; p++) {
		fn = btf__name_by_offset(btf, btf__type_by_id(btf, pairs[p][0])->name_off);
		if (strncmp(fn, "__x64_sys_", 10))
			fn = NULL;
		else
			cnt = p;
	}
	if (!fn)
		SKIP(return, "no syscall of one prototype twice in the kernel's BTF");
	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, pairs[cnt][0], insns,
		  "sf_fentry_same");
	EXPECT_LE(0, fd) TH_LOG("%s (BTF ID %d): %s", fn, pairs[cnt][0], log_buf);
	close_fd(fd);
}

TEST(fentry_store_through_btf_argument_is_refused)
{
	struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_2, BPF_REG_1, VFS_READ_FILE), MOV64_IMM(BPF_REG_3, 0),
		STX_DW(BPF_REG_2, BPF_REG_3, 0), RET0,
	};
	int fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, btf_id("vfs_read", BTF_KIND_FUNC),
		      insns, "sf_fentry_wr");

	expect_btf_write_refused(_metadata, fd);
	close_fd(fd);
}

TEST(fentry_and_fexit_context_writes_are_refused)
{
	struct bpf_insn insns[] = { WRITE_CTX(VFS_READ_POS) };
	int id = btf_id("vfs_read", BTF_KIND_FUNC);
	int fd;

	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, insns, "sf_fentry_ctx");
	EXPECT_VERIFIER_REFUSES(fd, EACCES, CTX_WRITE " off=24 size=8");
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, id, insns, "sf_fexit_ctx");
	EXPECT_VERIFIER_REFUSES(fd, EACCES, CTX_WRITE " off=24 size=8");
	close_fd(fd);
}

/* bpf_get_func_arg(ctx, 0, &stack) and bpf_get_func_ret(ctx, &stack) */
TEST(get_func_arg_and_get_func_ret_are_refused_at_confidentiality)
{
	struct bpf_insn arg[] = {
		MOV64_IMM(BPF_REG_2, 0), MOV64_REG(BPF_REG_3, BPF_REG_10), ADD64_IMM(BPF_REG_3, -8),
		CALL(BPF_FUNC_get_func_arg), RET0,
	};
	struct bpf_insn ret[] = {
		MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -8),
		CALL(BPF_FUNC_get_func_ret), RET0,
	};
	int id = btf_id("vfs_read", BTF_KIND_FUNC);
	int fd;

	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, arg, "sf_func_arg");
	expect_tier(_metadata, fd, CONF_ONLY, EACCES, "call bpf_get_func_arg#183",
		    "leaks-kernel-address");
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, id, ret, "sf_func_ret");
	expect_tier(_metadata, fd, CONF_ONLY, EACCES, "call bpf_get_func_ret#184",
		    "leaks-kernel-address");
	close_fd(fd);
}

/*
 * An argument of type pointer to an integer (vfs_read's loff_t *pos, on
 * the kernel stack of read()), "void *" (kmem_cache_free's object) or a
 * struct pointer the verifier gives as a number (tp_btf signal_generate's
 * siginfo, after the probe's data) is a number to the verifier: refused at
 * confidentiality (leaks-kernel-address, as __ksym addresses), stored
 * below. An integer argument (tp_btf kfree's call_site) is a number by its
 * type and loads.
 */
TEST(pointer_argument_read_as_a_number_is_refused_at_confidentiality)
{
	int out = out_map();
	struct bpf_insn store[] = { STORE_CTX_FIELD(out, VFS_READ_POS, 0), RET0 };
	struct bpf_insn second[] = { STORE_CTX_FIELD(out, 8, 0), RET0 };
	struct bpf_insn kfree_site[] = { STORE_CTX_FIELD(out, 0, 0), RET0 };
	int kfree_tp = btf_id("btf_trace_kfree", BTF_KIND_TYPEDEF);
	int signal_tp = btf_id("btf_trace_signal_generate", BTF_KIND_TYPEDEF);
	const char *what = "read a kernel pointer from the context as a number (insn 0)";
	char buf[64];
	int fd, link, f;

	ASSERT_LE(0, out);
	ASSERT_LT(0, kfree_tp);
	ASSERT_LT(0, signal_tp);
	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY,
		  btf_id("kmem_cache_free", BTF_KIND_FUNC), second, "sf_fentry_object");
	expect_tier(_metadata, fd, CONF_ONLY, EACCES, what, "leaks-kernel-address");
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, signal_tp, second, "sf_tp_siginfo");
	expect_tier(_metadata, fd, CONF_ONLY, EACCES, what, "leaks-kernel-address");
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, kfree_tp, kfree_site,
		  "sf_tp_kfree_site");
	EXPECT_LOADS(fd);
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, btf_id("vfs_read", BTF_KIND_FUNC),
		  store, "sf_fentry_pos");
	expect_tier(_metadata, fd, CONF_ONLY, EACCES, what, "leaks-kernel-address");
	if (fd < 0) {
		close(out);
		return;
	}
	link = bpf_link_create(fd, 0, BPF_TRACE_FENTRY, NULL);
	ASSERT_LE(0, link) TH_LOG("link: %s", strerror(-link));
	f = open("/proc/version", O_RDONLY);
	ASSERT_LE(0, f);
	EXPECT_LT(0, read(f, buf, sizeof(buf)));
	close(f);
	EXPECT_TRUE(kernel_address(out_value(out, 0)))
		TH_LOG("stored 0x%llx", (unsigned long long)out_value(out, 0));
	close(link);
	close(fd);
	close(out);
}

/* --- iterator targets ------------------------------------------------------ */

FIXTURE(iter) {
	int id;
};

FIXTURE_VARIANT(iter) {
	const char *target;
	int off;	/* of the object's BTF pointer in the context */
	int size;	/* of the object's first member, BPF_DW unless set */
};

FIXTURE_VARIANT_ADD(iter, bpf_map) { .target = "bpf_map", .off = 8 };
FIXTURE_VARIANT_ADD(iter, bpf_prog) { .target = "bpf_prog", .off = 8, .size = BPF_H };
FIXTURE_VARIANT_ADD(iter, bpf_link) { .target = "bpf_link", .off = 8 };
FIXTURE_VARIANT_ADD(iter, tcp) { .target = "tcp", .off = 8 };
FIXTURE_VARIANT_ADD(iter, udp) { .target = "udp", .off = 8 };
FIXTURE_VARIANT_ADD(iter, unix) { .target = "unix", .off = 8 };
FIXTURE_VARIANT_ADD(iter, netlink) { .target = "netlink", .off = 8 };
FIXTURE_VARIANT_ADD(iter, ipv6_route) { .target = "ipv6_route", .off = 8 };
FIXTURE_VARIANT_ADD(iter, ksym) { .target = "ksym", .off = 8 };
FIXTURE_VARIANT_ADD(iter, sockmap) { .target = "sockmap", .off = 24 };

FIXTURE_SETUP(iter)
{
	char fn[64];

	snprintf(fn, sizeof(fn), "bpf_iter_%s", variant->target);
	self->id = btf_id(fn, BTF_KIND_FUNC);
	if (self->id <= 0)
		SKIP(return, "no %s in the kernel's BTF", fn);
}

FIXTURE_TEARDOWN(iter)
{
}

/* r0 = obj's first member: allowed at integrity, refused at confidentiality */
TEST_F(iter, btf_read_is_refused_at_confidentiality)
{
	struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_2, BPF_REG_1, variant->off), JEQ_IMM(BPF_REG_2, 0, 1),
		INSN(BPF_LDX | BPF_MEM | (variant->size ?: BPF_DW), BPF_REG_0, BPF_REG_2, 0, 0),
		RET0,
	};
	int fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, self->id, insns, "sf_iter_read");

	expect_btf_read(_metadata, fd, 2);
	close_fd(fd);
}

/* *(u64 *)obj = 0: refused at every level */
TEST_F(iter, btf_write_is_refused)
{
	struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_2, BPF_REG_1, variant->off), JEQ_IMM(BPF_REG_2, 0, 2),
		MOV64_IMM(BPF_REG_3, 0), STX_DW(BPF_REG_2, BPF_REG_3, 0), RET0,
	};
	int fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, self->id, insns, "sf_iter_write");

	expect_btf_write_refused(_metadata, fd);
	close_fd(fd);
}

/* The object handed over, never read: the iterator loads at every level */
TEST_F(iter, observing_loads_at_every_level)
{
	struct bpf_insn insns[] = { LDX_DW(BPF_REG_2, BPF_REG_1, variant->off), RET0 };
	int fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, self->id, insns, "sf_iter_obs");

	EXPECT_LOADS(fd);
	close_fd(fd);
}

static int iter_btf(const char *target)
{
	char fn[64];

	snprintf(fn, sizeof(fn), "bpf_iter_%s", target);
	return btf_id(fn, BTF_KIND_FUNC);
}

/*
 * A sockmap iterator that moves each socket into another sockmap
 * (may_update_sockmap() lets iterators): the map-type rule refuses it
 */
TEST(sockmap_iterator_may_not_move_sockets_into_a_sockmap)
{
	int map = bpf_map_create(BPF_MAP_TYPE_SOCKMAP, "sf_sockmap", 4, 8, 4, NULL);
	struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_3, BPF_REG_1, 24), JEQ_IMM(BPF_REG_3, 0, 7),
		ST_W(BPF_REG_10, -4, 0), MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -4),
		LD_MAP(BPF_REG_1, map), MOV64_IMM(BPF_REG_4, 0), CALL(BPF_FUNC_map_update_elem),
		RET0,
	};
	int fd;

	ASSERT_LE(0, map);
	ASSERT_LT(0, iter_btf("sockmap"));
	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, iter_btf("sockmap"), insns, "sf_iter_skm");
	expect_tier(_metadata, fd, BOTH_LEVELS, EACCES,
		    "use a map of type sockmap (map sf_sockmap)", "controls-network");
	close_fd(fd);
	close(map);
}

/* bpf_setsockopt(sk, SOL_TCP, TCP_NODELAY, &one, 4) from a tcp iterator */
TEST(tcp_iterator_setsockopt_is_refused)
{
	struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_1, BPF_REG_1, 8), JEQ_IMM(BPF_REG_1, 0, 7),
		ST_W(BPF_REG_10, -4, 1), MOV64_REG(BPF_REG_4, BPF_REG_10), ADD64_IMM(BPF_REG_4, -4),
		MOV64_IMM(BPF_REG_2, 6), MOV64_IMM(BPF_REG_3, 1), MOV64_IMM(BPF_REG_5, 4),
		CALL(BPF_FUNC_setsockopt), RET0,
	};
	int fd;

	ASSERT_LT(0, iter_btf("tcp"));
	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, iter_btf("tcp"), insns, "sf_iter_sso");
	expect_tier(_metadata, fd, BOTH_LEVELS, EACCES, "call bpf_setsockopt#49",
		    "modifies-kernel-behaviour");
	close_fd(fd);
}

/* bpf_sock_destroy(sk) from a tcp iterator: aborts any connection */
TEST(tcp_iterator_sock_destroy_is_refused)
{
	int kf = btf_id("bpf_sock_destroy", BTF_KIND_FUNC);
	struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_1, BPF_REG_1, 8), JEQ_IMM(BPF_REG_1, 0, 1), KFUNC(kf), RET0,
	};
	int fd;

	if (kf <= 0)
		SKIP(return, "no bpf_sock_destroy in the kernel's BTF");
	ASSERT_LT(0, iter_btf("tcp"));
	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, iter_btf("tcp"), insns, "sf_iter_destroy");
	expect_tier(_metadata, fd, BOTH_LEVELS, EACCES, "call kfunc bpf_sock_destroy",
		    "controls-network");
	close_fd(fd);
}

/* bpf_map_sum_elem_count(map) from a bpf_map iterator */
TEST(bpf_map_iterator_sum_elem_count_is_refused_at_confidentiality)
{
	int kf = btf_id("bpf_map_sum_elem_count", BTF_KIND_FUNC);
	struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_1, BPF_REG_1, 8), JEQ_IMM(BPF_REG_1, 0, 1), KFUNC(kf), RET0,
	};
	int fd;

	ASSERT_LT(0, kf);
	fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, iter_btf("bpf_map"), insns, "sf_iter_sum");
	expect_tier(_metadata, fd, CONF_ONLY, EACCES, "call kfunc bpf_map_sum_elem_count",
		    "reads-kernel-memory");
	close_fd(fd);
}

/*
 * ksym at integrity: the iterator reads every kallsyms entry's address
 * (kallsym_iter.value) and writes it out; kernel addresses are not a
 * secret there. Refused at confidentiality (above).
 */
TEST(ksym_iterator_reads_kernel_addresses_at_integrity_only)
{
	int value = -1, fd, link, it, n;
	struct btf *btf = vmlinux_btf();
	int kid = btf_id("kallsym_iter", BTF_KIND_STRUCT);
	const struct btf_type *t = kid > 0 ? btf__type_by_id(btf, kid) : NULL;
	const struct btf_member *m;
	__u64 addr[64];
	bool found = false;

	if (!t)
		SKIP(return, "no struct kallsym_iter in the kernel's BTF");
	m = btf_members(t);
	for (int i = 0; i < btf_vlen(t); i++, m++)
		if (!strcmp(btf__name_by_offset(btf, m->name_off), "value"))
			value = btf_member_bit_offset(t, i) / 8;
	ASSERT_LE(0, value) TH_LOG("no kallsym_iter.value");
	{
		/*
		 * r2 = ctx->ksym; r3 = ksym->value; *(r10 - 8) = r3;
		 * bpf_seq_write(ctx->meta->seq, r10 - 8, 8)
		 */
		struct bpf_insn insns[] = {
			LDX_DW(BPF_REG_2, BPF_REG_1, 8), JEQ_IMM(BPF_REG_2, 0, 8),
			LDX_DW(BPF_REG_3, BPF_REG_2, value), STX_DW(BPF_REG_10, BPF_REG_3, -8),
			LDX_DW(BPF_REG_1, BPF_REG_1, 0), LDX_DW(BPF_REG_1, BPF_REG_1, 0),
			MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -8),
			MOV64_IMM(BPF_REG_3, 8), CALL(BPF_FUNC_seq_write), RET0,
		};

		fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, iter_btf("ksym"), insns,
			  "sf_iter_ksym");
	}
	if (ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY && locked()) {
		if (confidentiality_enforced()) {
			EXPECT_EQ(-EPERM, fd);
			EXPECT_NE(NULL, strstr(log_buf, PERFMON)) TH_LOG("%s", log_buf);
		} else {
			/* audit: the first BTF load, meta->seq, is reported */
			EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
			EXPECT_NE(NULL, strstr(log_buf, "would be refused")) TH_LOG("%s", log_buf);
		}
		close_fd(fd);
		return;
	}
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	if (locked())
		EXPECT_EQ(NULL, strstr(log_buf, "lockdown:")) TH_LOG("%s", log_buf);
	link = bpf_link_create(fd, 0, BPF_TRACE_ITER, NULL);
	ASSERT_LE(0, link);
	it = bpf_iter_create(link);
	ASSERT_LE(0, it);
	/* kptr_restrict does not apply: kernel text addresses come out */
	while ((n = read(it, addr, sizeof(addr))) > 0 && !found)
		for (int i = 0; i < n / 8; i++)
			found |= kernel_address(addr[i]);
	EXPECT_TRUE(found);
	close(it);
	close(link);
	close(fd);
}

/* --- socket_filter: context fields and packet reads ------------------------ */

#define SKB_MARK	8	/* offsetof(struct __sk_buff, mark) */
#define SKB_CB0		48	/* offsetof(struct __sk_buff, cb[0]) */

/* __sk_buff fields are read-only but for cb[], which the kernel restores */
TEST(socket_filter_context_writes_are_refused_but_cb)
{
	struct bpf_insn mark[] = {
		MOV64_IMM(BPF_REG_2, 1), STX_W(BPF_REG_1, BPF_REG_2, SKB_MARK), RET0,
	};
	struct bpf_insn cb[] = {
		MOV64_IMM(BPF_REG_2, 1), STX_W(BPF_REG_1, BPF_REG_2, SKB_CB0), RET0,
	};
	int fd;

	fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, mark, "sf_skb_mark");
	EXPECT_VERIFIER_REFUSES(fd, EACCES, CTX_WRITE " off=8 size=4");
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, cb, "sf_skb_cb");
	EXPECT_LOADS(fd);
	close_fd(fd);
}

/*
 * bpf_skb_load_bytes() and _relative() into a frozen, program-read-only
 * map: the destination is written memory, so "write into map forbidden"
 */
TEST(packet_reads_into_a_frozen_rdonly_map_are_refused)
{
	int map = frozen_rdonly_map();
	struct bpf_insn load_bytes[] = {
		LD_MAP_VALUE(BPF_REG_3, map, 0), MOV64_IMM(BPF_REG_2, 0), MOV64_IMM(BPF_REG_4, 8),
		CALL(BPF_FUNC_skb_load_bytes), RET0,
	};
	struct bpf_insn relative[] = {
		LD_MAP_VALUE(BPF_REG_3, map, 0), MOV64_IMM(BPF_REG_2, 0), MOV64_IMM(BPF_REG_4, 8),
		MOV64_IMM(BPF_REG_5, BPF_HDR_START_NET), CALL(BPF_FUNC_skb_load_bytes_relative),
		RET0,
	};
	int fd;

	ASSERT_LE(0, map);
	fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, load_bytes, "sf_skb_load");
	EXPECT_VERIFIER_REFUSES(fd, EACCES, "write into map forbidden");
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, relative, "sf_skb_load_rel");
	EXPECT_VERIFIER_REFUSES(fd, EACCES, "write into map forbidden");
	close_fd(fd);
	close(map);
}

/* --- program BTF for callbacks and special fields --------------------------- */

struct sf_btf {
	int fd, int_id, ll, obj, timer_val, wq_val, lock_val, kptr_val, main_fn, cb_fn, gsub_fn;
	int timer_cnt_val, big, pcpu_val;
	void *raw;
	__u32 raw_size;
};

/*
 * int, long long, struct sf_obj (what bpf_obj_new allocates), the value
 * types of maps with a timer, a workqueue, a spin lock and a kptr to
 * sf_obj, struct sf_big (64 bytes), and three functions: main (global),
 * cb (static) and gsub (global)
 */
static int make_btf(struct sf_btf *b)
{
	struct btf *btf = btf__new_empty();
	int ll, timer, wq, lock, tag, ptr, proto;

	if (libbpf_get_error(btf))
		return -1;
	b->int_id = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	ll = btf__add_int(btf, "long long", 8, BTF_INT_SIGNED);
	b->ll = ll;
	b->obj = btf__add_struct(btf, "sf_obj", 8);
	btf__add_field(btf, "a", ll, 0, 0);
	timer = btf__add_struct(btf, "bpf_timer", 16);
	btf__add_field(btf, "a", ll, 0, 0);
	btf__add_field(btf, "b", ll, 64, 0);
	wq = btf__add_struct(btf, "bpf_wq", 16);
	btf__add_field(btf, "a", ll, 0, 0);
	btf__add_field(btf, "b", ll, 64, 0);
	lock = btf__add_struct(btf, "bpf_spin_lock", 4);
	btf__add_field(btf, "val", b->int_id, 0, 0);
	b->timer_val = btf__add_struct(btf, "sf_timer_val", 16);
	btf__add_field(btf, "t", timer, 0, 0);
	b->timer_cnt_val = btf__add_struct(btf, "sf_timer_cnt", 24);
	btf__add_field(btf, "t", timer, 0, 0);
	btf__add_field(btf, "n", ll, 128, 0);
	b->wq_val = btf__add_struct(btf, "sf_wq_val", 16);
	btf__add_field(btf, "w", wq, 0, 0);
	b->lock_val = btf__add_struct(btf, "sf_lock_val", 8);
	btf__add_field(btf, "l", lock, 0, 0);
	btf__add_field(btf, "x", b->int_id, 32, 0);
	tag = btf__add_type_tag(btf, "kptr", b->obj);
	ptr = btf__add_ptr(btf, tag);
	b->kptr_val = btf__add_struct(btf, "sf_kptr_val", 8);
	btf__add_field(btf, "p", ptr, 0, 0);
	b->big = btf__add_struct(btf, "sf_big", 64);
	for (int i = 0; i < 8; i++) {
		char name[] = { 'a', '0' + i, 0 };

		btf__add_field(btf, name, ll, i * 64, 0);
	}
	proto = btf__add_func_proto(btf, b->int_id);
	b->main_fn = btf__add_func(btf, "main", BTF_FUNC_GLOBAL, proto);
	b->cb_fn = btf__add_func(btf, "cb", BTF_FUNC_STATIC, proto);
	b->gsub_fn = btf__add_func(btf, "gsub", BTF_FUNC_GLOBAL, proto);
	tag = btf__add_type_tag(btf, "percpu_kptr", b->obj);
	ptr = btf__add_ptr(btf, tag);
	b->pcpu_val = btf__add_struct(btf, "sf_pcpu_val", 8);
	btf__add_field(btf, "p", ptr, 0, 0);
	if (b->cb_fn <= 0 || b->gsub_fn <= 0 || btf__load_into_kernel(btf)) {
		btf__free(btf);
		return -1;
	}
	b->fd = dup(btf__fd(btf));
	{
		const void *raw = btf__raw_data(btf, &b->raw_size);

		b->raw = malloc(b->raw_size);
		if (raw && b->raw)
			memcpy(b->raw, raw, b->raw_size);
	}
	btf__free(btf);
	return b->fd;
}

static int btf_map(const struct sf_btf *b, int value_type, int value_size, const char *name)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .btf_fd = b->fd, .btf_key_type_id = b->int_id,
		    .btf_value_type_id = value_type);
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, name, 4, value_size, 1, &o);

	return fd < 0 ? -errno : fd;
}

/* Load with the program BTF; a second function at @cb_off unless 0 */
static int load_btf(const struct sf_btf *b, enum bpf_prog_type type, enum bpf_attach_type attach,
		    int attach_id, const struct bpf_insn *insns, unsigned int cnt, __u32 cb_off,
		    const char *name)
{
	struct bpf_func_info fi[2] = { { 0, b->main_fn }, { cb_off, b->cb_fn } };
	struct ld_load l = { .type = type, .attach = attach, .attach_btf_id = attach_id,
			     .insns = insns, .cnt = cnt, .name = name, .btf_fd = b->fd,
			     .func_info = fi, .func_info_cnt = cb_off ? 2 : 1 };

	return ld_prog_load(&l, log_buf, LOG_SIZE);
}

/* r0 = bpf_map_lookup_elem(map, &0); if (!r0) goto +@skip */
#define LOOKUP0(map, skip)								\
	ST_W(BPF_REG_10, -4, 0), MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -4),	\
	LD_MAP(BPF_REG_1, map), CALL(BPF_FUNC_map_lookup_elem), JEQ_IMM(BPF_REG_0, 0, skip)

/* --- callbacks and timers ---------------------------------------------------- */

/*
 * A bpf_loop() callback is a function of the calling program, verified
 * with it: storing its frame pointer into a map is the caller's pointer
 * leak, refused at confidentiality
 */
TEST(loop_callback_is_verified_with_its_caller)
{
	struct sf_btf b;
	int out = out_map();
	struct bpf_insn insns[] = {
		MOV64_IMM(BPF_REG_1, 1), LD_FUNC(BPF_REG_2, 6), MOV64_IMM(BPF_REG_3, 0),
		MOV64_IMM(BPF_REG_4, 0), CALL(BPF_FUNC_loop), RET0,
		/* cb */
		MOV64_REG(BPF_REG_2, BPF_REG_10), LD_MAP_VALUE(BPF_REG_1, out, 0),
		STX_DW(BPF_REG_1, BPF_REG_2, 0), RET0,
	};
	int fd;

	ASSERT_LE(0, out);
	ASSERT_LE(0, make_btf(&b));
	fd = load_btf(&b, BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, insns, N(insns), 8, "sf_loop_leak");
	expect_no_leaks(_metadata, fd, EACCES, "R2 leaks addr into map");
	close_fd(fd);
	close(b.fd);
	close(out);
}

/*
 * bpf_timer_set_callback() binds a function of the calling program: a
 * number, or an address outside the program, is refused; the program's
 * own function is allowed at every level
 */
/*
 * r6 = the value of @map at key 0, bpf_timer_init(r6, @map, 1),
 * bpf_timer_set_callback(r6, the function at insn 19), return 0
 */
#define SET_TIMER_CB(map)								\
	LOOKUP0(map, 10), MOV64_REG(BPF_REG_6, BPF_REG_0),				\
	MOV64_REG(BPF_REG_1, BPF_REG_0), LD_MAP(BPF_REG_2, map),			\
	MOV64_IMM(BPF_REG_3, 1), CALL(BPF_FUNC_timer_init),				\
	MOV64_REG(BPF_REG_1, BPF_REG_6), LD_FUNC(BPF_REG_2, 4),				\
	CALL(BPF_FUNC_timer_set_callback), RET0

TEST(timer_callback_is_a_function_of_the_calling_program)
{
	struct sf_btf b;
	int map, fd;

	ASSERT_LE(0, make_btf(&b));
	map = btf_map(&b, b.timer_val, 16, "sf_timer");
	ASSERT_LE(0, map) TH_LOG("timer map: %s", strerror(-map));
	{
		struct bpf_insn insns[] = {
			SET_TIMER_CB(map),
			/* cb */
			RET0,
		};

		fd = load_btf(&b, BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, insns, N(insns), 19,
			      "sf_timer");
		EXPECT_LOADS(fd);
		close_fd(fd);
		/* a number as the callback */
		insns[14] = MOV64_IMM(BPF_REG_2, 0x1000);
		insns[15] = MOV64_IMM(BPF_REG_0, 0);
		fd = load_btf(&b, BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, insns, 19, 0, "sf_timer_num");
		EXPECT_VERIFIER_REFUSES(fd, EACCES, "R2 type=scalar expected=func");
		close_fd(fd);
		/* a function past the end of the program */
		insns[14] = (struct bpf_insn)LD_FUNC(BPF_REG_2, 100);
		insns[15] = INSN(0, 0, 0, 0, 0);
		fd = load_btf(&b, BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, insns, 19, 0, "sf_timer_far");
		EXPECT_VERIFIER_REFUSES(fd, EINVAL, "call to invalid destination");
		close_fd(fd);
	}
	close(map);
	close(b.fd);
}

/*
 * The verifier keeps timers and spin locks out of kprobe, tracepoint,
 * perf_event and raw tracepoint programs for the maps they name; a map of
 * maps hands its inner maps' values over too. A kprobe program that arms
 * the timer of an inner array (its callback would run in softirq on any
 * task, where a kprobe session's bpf_session_cookie() takes that task's
 * run context for its own) is refused now (patches/0000x), as is one that
 * names a map of maps whose inner maps hold a spin lock, or a sleepable
 * program one of LPM tries, which it may not use: EINVAL at every level
 * and in every mode. A socket filter arms the inner timer
 */
TEST(tracing_program_may_not_use_the_timer_of_an_inner_map)
{
	struct sf_btf b;
	int inner, lock_inner, outer, lock_outer, fd;

	ASSERT_LE(0, make_btf(&b));
	inner = btf_map(&b, b.timer_val, 16, "sf_timer_in");
	ASSERT_LE(0, inner) TH_LOG("timer map: %s", strerror(-inner));
	lock_inner = btf_map(&b, b.lock_val, 8, "sf_lock_in");
	ASSERT_LE(0, lock_inner) TH_LOG("lock map: %s", strerror(-lock_inner));
	{
		LIBBPF_OPTS(bpf_map_create_opts, o, .inner_map_fd = inner);
		__u32 k = 0, v = inner;

		outer = bpf_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, "sf_timer_out", 4, 4, 1, &o);
		ASSERT_LE(0, outer) TH_LOG("outer: %s", strerror(errno));
		ASSERT_EQ(0, bpf_map_update_elem(outer, &k, &v, 0));
		o.inner_map_fd = lock_inner;
		lock_outer = bpf_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, "sf_lock_out", 4, 4, 1, &o);
		ASSERT_LE(0, lock_outer) TH_LOG("outer: %s", strerror(errno));
	}
	{
		struct bpf_insn insns[] = {
			/* r7 = outer[0], r6 = r7[0] */
			LOOKUP0(outer, 19), MOV64_REG(BPF_REG_7, BPF_REG_0),
			MOV64_REG(BPF_REG_1, BPF_REG_7), FP(BPF_REG_2, -4),
			CALL(BPF_FUNC_map_lookup_elem), JEQ_IMM(BPF_REG_0, 0, 13),
			/* bpf_timer_init(r6, r7, 1), set_callback(r6, cb), start(r6, 1000, 0) */
			MOV64_REG(BPF_REG_6, BPF_REG_0), MOV64_REG(BPF_REG_1, BPF_REG_6),
			MOV64_REG(BPF_REG_2, BPF_REG_7), MOV64_IMM(BPF_REG_3, 1),
			CALL(BPF_FUNC_timer_init), MOV64_REG(BPF_REG_1, BPF_REG_6),
			LD_FUNC(BPF_REG_2, 8), CALL(BPF_FUNC_timer_set_callback),
			MOV64_REG(BPF_REG_1, BPF_REG_6), MOV64_IMM(BPF_REG_2, 1000),
			MOV64_IMM(BPF_REG_3, 0), CALL(BPF_FUNC_timer_start), RET0,
			/* cb */
			RET0,
		};
		struct bpf_insn lock[] = { LD_MAP(BPF_REG_1, lock_outer), RET0 };

		fd = load_btf(&b, BPF_PROG_TYPE_KPROBE, 0, 0, insns, N(insns), 28,
			      "sf_kp_timer_in");
		EXPECT_VERIFIER_REFUSES(fd, EINVAL, "tracing progs cannot use bpf_timer yet");
		close_fd(fd);
		fd = load_btf(&b, BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, insns, N(insns), 28,
			      "sf_sf_timer_in");
		EXPECT_LOADS(fd);
		close_fd(fd);
		fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, lock, "sf_tp_lock_in");
		EXPECT_VERIFIER_REFUSES(fd, EINVAL, "tracing progs cannot use bpf_spin_lock yet");
		close_fd(fd);
	}
	{
		/* a sleepable task iterator naming a map of LPM tries */
		LIBBPF_OPTS(bpf_map_create_opts, lo, .map_flags = BPF_F_NO_PREALLOC);
		LIBBPF_OPTS(bpf_map_create_opts, o);
		struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_ITER,
				     .attach_btf_id = iter_btf("task"),
				     .prog_flags = BPF_F_SLEEPABLE, .name = "sf_sleep_lpm_in" };
		int lpm, lpm_outer;

		lpm = bpf_map_create(BPF_MAP_TYPE_LPM_TRIE, "sf_lpm_in", 8, 4, 1, &lo);
		ASSERT_LE(0, lpm) TH_LOG("lpm trie: %s", strerror(errno));
		o.inner_map_fd = lpm;
		lpm_outer = bpf_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, "sf_lpm_out", 4, 4, 1, &o);
		ASSERT_LE(0, lpm_outer) TH_LOG("outer: %s", strerror(errno));
		{
			struct bpf_insn insns[] = { LD_MAP(BPF_REG_1, lpm_outer), RET0 };

			l.insns = insns;
			l.cnt = N(insns);
			fd = ld_prog_load(&l, log_buf, LOG_SIZE);
			EXPECT_VERIFIER_REFUSES(fd, EINVAL,
						"Sleepable programs can only use array, hash");
			close_fd(fd);
		}
		close(lpm_outer);
		close(lpm);
	}
	close(lock_outer);
	close(outer);
	close(lock_inner);
	close(inner);
	close(b.fd);
}

/*
 * A bpf_timer callback runs in softirq, whatever program set it: in a
 * sleepable task iterator (which unsigned programs may load at every
 * level) it may not call a helper that sleeps (patches/0000t), nor a
 * global function, which is verified as the program, as one that may
 * sleep; nor may the program call one in an RCU read-side section. The
 * program itself may sleep, and a callback that does not sleep loads
 */
#define GLOBAL_NO_SLEEP "global function calls are not allowed where a sleepable program may not sleep"

TEST(timer_callback_of_a_sleepable_program_may_not_sleep)
{
	struct sf_btf b;
	int map, fd;

	ASSERT_LE(0, make_btf(&b));
	map = btf_map(&b, b.timer_val, 16, "sf_timer");
	ASSERT_LE(0, map) TH_LOG("timer map: %s", strerror(-map));
	{
		struct bpf_insn insns[] = {
			SET_TIMER_CB(map),
			/* cb: bpf_copy_from_user(fp - 8, 8, NULL) */
			FP(BPF_REG_1, -8), MOV64_IMM(BPF_REG_2, 8), MOV64_IMM(BPF_REG_3, 0),
			CALL(BPF_FUNC_copy_from_user), RET0,
		};
		struct bpf_func_info fi[2] = { { 0, b.main_fn }, { 19, b.cb_fn } };
		struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_ITER,
				     .attach_btf_id = iter_btf("task"),
				     .prog_flags = BPF_F_SLEEPABLE, .insns = insns,
				     .cnt = N(insns), .name = "sf_timer_sleeps", .btf_fd = b.fd,
				     .func_info = fi, .func_info_cnt = 2 };

		fd = ld_prog_load(&l, log_buf, LOG_SIZE);
		EXPECT_VERIFIER_REFUSES(fd, EINVAL,
					"helper call might sleep in a non-sleepable prog");
		close_fd(fd);
		/* the callback returns at once */
		insns[19] = MOV64_IMM(BPF_REG_0, 0);
		insns[20] = INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
		l.cnt = 21;
		l.name = "sf_tmr_no_sleep";
		fd = ld_prog_load(&l, log_buf, LOG_SIZE);
		EXPECT_LOADS(fd);
		close_fd(fd);
		/* the callback calls a global function, gsub, which sleeps */
		{
			struct bpf_insn g[] = {
				SET_TIMER_CB(map),
				/* cb: gsub(); return 0 */
				INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 2), RET0,
				/* gsub: bpf_copy_from_user(fp - 8, 8, NULL) */
				FP(BPF_REG_1, -8), MOV64_IMM(BPF_REG_2, 8), MOV64_IMM(BPF_REG_3, 0),
				CALL(BPF_FUNC_copy_from_user), RET0,
			};
			struct bpf_func_info gfi[3] = { { 0, b.main_fn }, { 19, b.cb_fn },
							{ 22, b.gsub_fn } };

			l.insns = g;
			l.cnt = N(g);
			l.func_info = gfi;
			l.func_info_cnt = 3;
			l.name = "sf_timer_global";
			fd = ld_prog_load(&l, log_buf, LOG_SIZE);
			EXPECT_VERIFIER_REFUSES(fd, EINVAL, GLOBAL_NO_SLEEP);
			close_fd(fd);
		}
		/* a global function called in an RCU read-side section */
		{
			int lock = btf_id("bpf_rcu_read_lock", BTF_KIND_FUNC);
			int unlock = btf_id("bpf_rcu_read_unlock", BTF_KIND_FUNC);
			struct bpf_insn r[] = {
				KFUNC(lock), INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 3),
				KFUNC(unlock), RET0,
				/* gsub: return 0 */
				RET0,
			};
			struct bpf_func_info rfi[2] = { { 0, b.main_fn }, { 5, b.gsub_fn } };

			ASSERT_LT(0, lock);
			ASSERT_LT(0, unlock);
			l.insns = r;
			l.cnt = N(r);
			l.func_info = rfi;
			l.func_info_cnt = 2;
			l.name = "sf_rcu_global";
			fd = ld_prog_load(&l, log_buf, LOG_SIZE);
			EXPECT_VERIFIER_REFUSES(fd, EINVAL, GLOBAL_NO_SLEEP);
			close_fd(fd);
		}
	}
	close(map);
	close(b.fd);
}

/*
 * A sleepable program may not call through a program array (the
 * verifier's rule), nor be put into one that programs which may not
 * sleep call through (patches/0000u): a kprobe program would run an
 * uprobe.s program in its kprobe handler, an fentry program an fentry.s
 * program in its trampoline, and either would sleep there in
 * bpf_copy_from_user(). Unsigned programs may load all four at every
 * level. Both orders are refused at every level and in every mode: the
 * array update with EINVAL, the load of a caller through an array that
 * holds a sleepable program with EINVAL. A callee that may not sleep
 * still joins
 */
static void expect_no_sleepable_tail_call(struct __test_metadata *_metadata,
					  enum bpf_prog_type type, enum bpf_attach_type attach,
					  int btf_id_)
{
	struct bpf_insn caller[] = {
		LD_MAP(BPF_REG_2, 0), MOV64_IMM(BPF_REG_3, 0), CALL(BPF_FUNC_tail_call), RET0,
	};
	/* bpf_copy_from_user(fp - 8, 8, NULL); return 0 */
	struct bpf_insn callee[] = {
		FP(BPF_REG_1, -8), MOV64_IMM(BPF_REG_2, 8), MOV64_IMM(BPF_REG_3, 0),
		CALL(BPF_FUNC_copy_from_user), RET0,
	};
	struct ld_load l = { .type = type, .attach = attach, .attach_btf_id = btf_id_,
			     .prog_flags = BPF_F_SLEEPABLE, .insns = callee, .cnt = N(callee),
			     .name = "sf_tc_sleeper" };
	int arr[2], fd, sleeper, plain, key = 0, i;

	for (i = 0; i < 2; i++) {
		arr[i] = bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, "sf_tc", 4, 4, 1, NULL);
		ASSERT_LE(0, arr[i]);
	}
	sleeper = ld_prog_load(&l, log_buf, LOG_SIZE);
	ASSERT_LE(0, sleeper) TH_LOG("sleepable callee: %s", log_buf);
	/* return 0, without sleeping */
	plain = load(type, attach, btf_id_, &callee[5], 2, "sf_tc_plain");
	ASSERT_LE(0, plain) TH_LOG("callee: %s", log_buf);

	/* the caller owns the array: the sleepable program may not join it */
	caller[0].imm = arr[0];
	fd = load(type, attach, btf_id_, caller, N(caller), "sf_tc_caller");
	ASSERT_LE(0, fd) TH_LOG("caller: %s", log_buf);
	EXPECT_EQ(-EINVAL, bpf_map_update_elem(arr[0], &key, &sleeper, BPF_ANY));
	EXPECT_EQ(0, bpf_map_update_elem(arr[0], &key, &plain, BPF_ANY));
	close(fd);

	/* the sleepable program is in the array first: no caller loads */
	EXPECT_EQ(0, bpf_map_update_elem(arr[1], &key, &sleeper, BPF_ANY));
	caller[0].imm = arr[1];
	fd = load(type, attach, btf_id_, caller, N(caller), "sf_tc_late");
	EXPECT_EQ(-EINVAL, fd) TH_LOG("%s", log_buf);
	close_fd(fd);

	close(plain);
	close(sleeper);
	close(arr[0]);
	close(arr[1]);
}

TEST(tail_call_from_a_kprobe_into_a_sleepable_kprobe_is_refused)
{
	expect_no_sleepable_tail_call(_metadata, BPF_PROG_TYPE_KPROBE, 0, 0);
}

TEST(tail_call_from_fentry_into_sleepable_fentry_is_refused)
{
	int id = btf_id("bpf_fentry_test1", BTF_KIND_FUNC);

	ASSERT_LT(0, id);
	expect_no_sleepable_tail_call(_metadata, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id);
}

/*
 * The verifier lets a sleepable fentry program sleep on any function that
 * allows error injection, and page_pool_alloc_pages() is one, called in
 * softirq (a NAPI poll, a live-frames XDP test run). Under lockdown an
 * unsigned sleepable tracing program loads only on a system call's entry
 * or on a function the kernel declares sleepable: EPERM in enforce mode,
 * reported in audit mode; elsewhere it loads
 */
TEST(sleepable_fentry_only_on_a_system_call_or_a_sleepable_function)
{
	struct bpf_insn insns[] = { RET0 };
	static const char * const targets[] = { "__x64_sys_personality", "bpf_fentry_test1" };
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_FENTRY,
			     .prog_flags = BPF_F_SLEEPABLE, .insns = insns, .cnt = N(insns),
			     .name = "sf_sleep_pp" };
	int fd, i;

	l.attach_btf_id = btf_id("page_pool_alloc_pages", BTF_KIND_FUNC);
	ASSERT_LT(0, (int)l.attach_btf_id);
	fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	expect_tier(_metadata, fd, BOTH_LEVELS, EPERM,
		    "load a sleepable program on page_pool_alloc_pages, not a system call",
		    "modifies-kernel-behaviour");
	close_fd(fd);
	for (i = 0; i < 2; i++) {
		l.attach_btf_id = btf_id(targets[i], BTF_KIND_FUNC);
		ASSERT_LT(0, (int)l.attach_btf_id) TH_LOG("%s", targets[i]);
		l.name = "sf_sleep_ok";
		fd = ld_prog_load(&l, log_buf, LOG_SIZE);
		EXPECT_LOADS(fd);
		close_fd(fd);
	}
}

/*
 * Residual (threat model, Limits: Kernel addresses outside BPF programs):
 * the verifier inlines bpf_jiffies64() as a load of jiffies' address,
 * and BPF_OBJ_GET_INFO_BY_FD gives the translated instructions whatever
 * kernel.kptr_restrict says. An unsigned kprobe program calls it at every
 * level; with kptr_restrict at 2 its dump still holds a kernel address
 */
TEST(translated_instructions_show_kernel_addresses_the_verifier_wrote)
{
	struct bpf_insn insns[] = { CALL(BPF_FUNC_jiffies64), RET0 };
	struct bpf_insn xlated[16];
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	char old[8] = "";
	bool found = false;
	int fd, k;
	FILE *f;

	f = fopen("/proc/sys/kernel/kptr_restrict", "r+");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(old, sizeof(old), f));
	rewind(f);
	fputs("2\n", f);
	fflush(f);
	fd = LOAD(BPF_PROG_TYPE_KPROBE, 0, 0, insns, "sf_jiffies");
	EXPECT_LOADS(fd);
	if (fd >= 0) {
		info.xlated_prog_len = sizeof(xlated);
		info.xlated_prog_insns = (__u64)(unsigned long)xlated;
		EXPECT_EQ(0, bpf_obj_get_info_by_fd(fd, &info, &len));
		for (k = 0; k + 1 < (int)(info.xlated_prog_len / sizeof(xlated[0])); k++)
			if (xlated[k].code == (BPF_LD | BPF_IMM | BPF_DW))
				found |= kernel_address((__u32)xlated[k].imm |
							(__u64)xlated[k + 1].imm << 32);
		EXPECT_TRUE(found) TH_LOG("no inlined address of jiffies");
		close(fd);
	}
	rewind(f);
	fputs(old, f);
	fclose(f);
}

/* Load RET0 as an iterator of @target, sleepable or not */
static int load_iter_prog(const char *target, bool sleepable, const char *name)
{
	static const struct bpf_insn insns[] = { RET0 };
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_ITER,
			     .attach_btf_id = iter_btf(target),
			     .prog_flags = sleepable ? BPF_F_SLEEPABLE : 0,
			     .insns = insns, .cnt = N(insns), .name = name };

	return ld_prog_load(&l, log_buf, LOG_SIZE);
}

/*
 * A sleepable iterator may only be linked to a target that allows
 * rescheduling: the others run their program under a lock it may not
 * sleep in (the RCU read lock of a map or local storage walk, a unix
 * socket's spinlock), where bpf_copy_from_user() faulting on a
 * userfaultfd page lets the object being visited be freed and then
 * written. BPF_LINK_UPDATE put one on such a link all the same; it is
 * EINVAL now, as BPF_LINK_CREATE is (patches/0000v), at every level. On
 * a task iterator's link, which may sleep, the update is accepted
 */
TEST(link_update_puts_no_sleepable_iterator_where_it_may_not_sleep)
{
	static const char * const targets[] = { "bpf_map", "task" };
	int i, plain, sleepable, link, other;

	for (i = 0; i < 2; i++) {
		plain = load_iter_prog(targets[i], false, "sf_iter_plain");
		EXPECT_LOADS(plain);
		ASSERT_LE(0, plain) TH_LOG("%s", targets[i]);
		sleepable = load_iter_prog(targets[i], true, "sf_iter_sleep");
		EXPECT_LOADS(sleepable);
		ASSERT_LE(0, sleepable) TH_LOG("%s", targets[i]);
		link = bpf_link_create(plain, 0, BPF_TRACE_ITER, NULL);
		ASSERT_LE(0, link) TH_LOG("%s: %s", targets[i], strerror(errno));
		other = bpf_link_create(sleepable, 0, BPF_TRACE_ITER, NULL);
		if (i == 0) {
			EXPECT_EQ(-EINVAL, other) TH_LOG("link create on %s", targets[i]);
			EXPECT_EQ(-EINVAL, bpf_link_update(link, sleepable, NULL))
				TH_LOG("link update on %s", targets[i]);
		} else {
			EXPECT_LE(0, other) TH_LOG("link create on %s", targets[i]);
			EXPECT_EQ(0, bpf_link_update(link, sleepable, NULL))
				TH_LOG("link update on %s", targets[i]);
			/* and back to the program that does not sleep */
			EXPECT_EQ(0, bpf_link_update(link, plain, NULL));
		}
		close_fd(other);
		close(link);
		close(sleepable);
		close(plain);
	}
}

/*
 * BPF_PROG_BIND_MAP makes a loaded program hold a map its instructions do
 * not reach: under lockdown an unsigned program binds only a map type the
 * tier lets it use (patches/0018), judged as at load. A sockmap, which
 * steers sockets, is refused with EACCES in enforce mode and reported in
 * audit mode; an array binds
 */
TEST(prog_bind_map_is_judged_as_a_map_used_at_load)
{
	struct bpf_insn insns[] = { RET0 };
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	int prog, skm, arr, err;
	char line[512];

	skm = bpf_map_create(BPF_MAP_TYPE_SOCKMAP, "sf_bind_skm", 4, 8, 1, NULL);
	arr = out_map();
	ASSERT_LE(0, skm);
	ASSERT_LE(0, arr);
	ASSERT_EQ(0, bpf_obj_get_info_by_fd(skm, &info, &len));
	prog = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, insns, "sf_bind");
	ASSERT_LE(0, prog) TH_LOG("%s", log_buf);

	err = bpf_prog_bind_map(prog, skm, NULL);
	snprintf(line, sizeof(line),
		 "%s comm=\"surface_test\" pid=%d prog=\"sf_bind\" level=%s mode=%s what=\"bind a map of type sockmap (map sf_bind_skm, id %u): unsigned programs may not use it\" class=controls-network",
		 enforcing() ? "refused" : "would-refuse", getpid(), ld_level_name(ld_level()),
		 mode_name(ld_mode()), info.id);
	if (locked()) {
		EXPECT_EQ(enforcing() ? -EACCES : 0, err);
		EXPECT_TRUE(ld_kernel_log_has("%s", line))
			TH_LOG("no kernel log line \"%s\"", line);
	} else {
		EXPECT_EQ(0, err);
		EXPECT_FALSE(ld_kernel_log_has("(map sf_bind_skm, id %u)", info.id));
	}
	EXPECT_EQ(0, bpf_prog_bind_map(prog, arr, NULL));
	close(prog);
	close(arr);
	close(skm);
}

/* --- dynptrs ------------------------------------------------------------------ */

/* bpf_dynptr_from_mem(prev, 16, 0, &dynptr) in tp_btf sched_switch */
TEST(dynptr_from_mem_of_a_btf_pointer_is_refused)
{
	struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_1, BPF_REG_1, 8), MOV64_IMM(BPF_REG_2, 16), MOV64_IMM(BPF_REG_3, 0),
		MOV64_REG(BPF_REG_4, BPF_REG_10), ADD64_IMM(BPF_REG_4, -16),
		CALL(BPF_FUNC_dynptr_from_mem), RET0,
	};
	int fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP,
		      btf_id("btf_trace_sched_switch", BTF_KIND_TYPEDEF), insns, "sf_dynptr_btf");

	EXPECT_VERIFIER_REFUSES(fd, EACCES,
				"bpf_dynptr_from_mem() may write into memory pointed by R1");
	close_fd(fd);
}

/*
 * bpf_probe_read_user_str() has an ARG_PTR_TO_UNINIT_MEM destination: the
 * verifier counts all of it as written, and a program verified without
 * pointer leaks may read it all. strncpy_from_user() stops at the word that
 * holds the NUL, so the helper must clear the rest (patches/0000q), or the
 * program reads what earlier kernel frames left on the stack: a short string
 * into 64 bytes never written, and the 56 bytes past its first word stored.
 */
TEST(probe_read_user_str_clears_the_rest_of_its_destination)
{
	static const __u64 str = 0x6261;	/* "ab", 8-byte aligned */
	__u64 user = (unsigned long)&str;
	int out = out_map();
	struct bpf_insn insns[] = {
		FP(BPF_REG_1, -64), MOV64_IMM(BPF_REG_2, 64),
		INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_3, 0, 0, (__u32)user),
		INSN(0, 0, 0, 0, (__u32)(user >> 32)),
		CALL(BPF_FUNC_probe_read_user_str), MOV64_REG(BPF_REG_6, BPF_REG_0),
		/* the OR of the seven words past the string's */
		LDX_DW(BPF_REG_7, BPF_REG_10, -56),
		LDX_DW(BPF_REG_2, BPF_REG_10, -48), INSN(BPF_ALU64 | BPF_OR | BPF_X, 7, 2, 0, 0),
		LDX_DW(BPF_REG_2, BPF_REG_10, -40), INSN(BPF_ALU64 | BPF_OR | BPF_X, 7, 2, 0, 0),
		LDX_DW(BPF_REG_2, BPF_REG_10, -32), INSN(BPF_ALU64 | BPF_OR | BPF_X, 7, 2, 0, 0),
		LDX_DW(BPF_REG_2, BPF_REG_10, -24), INSN(BPF_ALU64 | BPF_OR | BPF_X, 7, 2, 0, 0),
		LDX_DW(BPF_REG_2, BPF_REG_10, -16), INSN(BPF_ALU64 | BPF_OR | BPF_X, 7, 2, 0, 0),
		LDX_DW(BPF_REG_2, BPF_REG_10, -8), INSN(BPF_ALU64 | BPF_OR | BPF_X, 7, 2, 0, 0),
		LD_MAP_VALUE(BPF_REG_1, out, 0),
		STX_DW(BPF_REG_1, BPF_REG_6, 0), STX_DW(BPF_REG_1, BPF_REG_7, 8),
		LDX_DW(BPF_REG_2, BPF_REG_10, -64), STX_DW(BPF_REG_1, BPF_REG_2, 16),
		RET0,
	};
	int fd;

	ASSERT_LE(0, out);
	fd = LOAD(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, insns, "sf_read_str");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, run_raw_tp(fd));
	EXPECT_EQ(3ULL, out_value(out, 0));
	EXPECT_EQ(0x6261ULL, out_value(out, 2));
	EXPECT_EQ(0ULL, out_value(out, 1)) TH_LOG("stale stack past the string: %#llx",
						  (unsigned long long)out_value(out, 1));
	close(fd);
	close(out);
}

/* r7 |= *(u64 *)(r10 + @off), through r2 */
#define OR_STACK_WORD(off)	\
	LDX_DW(BPF_REG_2, BPF_REG_10, off), INSN(BPF_ALU64 | BPF_OR | BPF_X, 7, 2, 0, 0)

/* r7 = the OR of the eight words at r10 - 64 .. r10 - 8 */
#define OR_STACK_64							\
	LDX_DW(BPF_REG_7, BPF_REG_10, -64), OR_STACK_WORD(-56),		\
	OR_STACK_WORD(-48), OR_STACK_WORD(-40), OR_STACK_WORD(-32),	\
	OR_STACK_WORD(-24), OR_STACK_WORD(-16), OR_STACK_WORD(-8)

/* *(u64 *)(r10 - 64 .. r10 - 8) = 0x5a5a5a5a, a canary the program wrote */
#define CANARY_STACK_64							\
	ST_DW(BPF_REG_10, -64, 0x5a5a5a5a), ST_DW(BPF_REG_10, -56, 0x5a5a5a5a),	\
	ST_DW(BPF_REG_10, -48, 0x5a5a5a5a), ST_DW(BPF_REG_10, -40, 0x5a5a5a5a),	\
	ST_DW(BPF_REG_10, -32, 0x5a5a5a5a), ST_DW(BPF_REG_10, -24, 0x5a5a5a5a),	\
	ST_DW(BPF_REG_10, -16, 0x5a5a5a5a), ST_DW(BPF_REG_10, -8, 0x5a5a5a5a)

/* Load @insns as a sleepable task iterator and read it to its end */
static void run_task_iter_s(struct __test_metadata *_metadata, const struct bpf_insn *insns,
			    unsigned int cnt, const char *name)
{
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_ITER,
			     .attach_btf_id = iter_btf("task"), .prog_flags = BPF_F_SLEEPABLE,
			     .insns = insns, .cnt = cnt, .name = name };
	int fd, link, it;
	char buf[64];

	fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	link = bpf_link_create(fd, 0, BPF_TRACE_ITER, NULL);
	ASSERT_LE(0, link) TH_LOG("link: %s", strerror(errno));
	it = bpf_iter_create(link);
	ASSERT_LE(0, it) TH_LOG("iter: %s", strerror(errno));
	while (read(it, buf, sizeof(buf)) > 0)
		;
	close(it);
	close(link);
	close(fd);
}

/*
 * bpf_copy_from_user_task() returns -EINVAL for non-zero flags, and the
 * verifier counts its destination as written: the helper must clear it
 * (patches/0000r), or a sleepable task iterator verified without pointer
 * leaks stores 64 bytes of stale kernel stack. A second program writes a
 * canary there first, which must be gone too: that fails without the
 * patch whatever the stack held.
 */
TEST(copy_from_user_task_clears_its_destination_on_bad_flags)
{
	static const __u64 word = 0x4142;
	__u64 user = (unsigned long)&word;
	int out = out_map();
#define CFUT_FLAGS_1							\
		/* r4 = ctx->task; if (!r4) return 0 */				\
		LDX_DW(BPF_REG_4, BPF_REG_1, 8), JEQ_IMM(BPF_REG_4, 0, 27),	\
		FP(BPF_REG_1, -64), MOV64_IMM(BPF_REG_2, 64),			\
		INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_3, 0, 0, (__u32)user),	\
		INSN(0, 0, 0, 0, (__u32)(user >> 32)),				\
		MOV64_IMM(BPF_REG_5, 1),					\
		CALL(BPF_FUNC_copy_from_user_task), MOV64_REG(BPF_REG_6, BPF_REG_0), \
		OR_STACK_64,							\
		LD_MAP_VALUE(BPF_REG_1, out, 0),				\
		STX_DW(BPF_REG_1, BPF_REG_6, 0), STX_DW(BPF_REG_1, BPF_REG_7, 8), \
		RET0
	struct bpf_insn stale[] = { CFUT_FLAGS_1 };
	struct bpf_insn canary[] = { CANARY_STACK_64, CFUT_FLAGS_1 };
#undef CFUT_FLAGS_1

	ASSERT_LE(0, out);
	run_task_iter_s(_metadata, stale, N(stale), "sf_cfut_flags");
	EXPECT_EQ(-EINVAL, (int)out_value(out, 0));
	EXPECT_EQ(0ULL, out_value(out, 1)) TH_LOG("stale stack: OR of its words %#llx",
						  (unsigned long long)out_value(out, 1));
	run_task_iter_s(_metadata, canary, N(canary), "sf_cfut_canary");
	EXPECT_EQ(-EINVAL, (int)out_value(out, 0));
	EXPECT_EQ(0ULL, out_value(out, 1)) TH_LOG("canary left: %#llx",
						  (unsigned long long)out_value(out, 1));
	close(out);
}

/*
 * Run a raw tracepoint program that calls bpf_get_stack() under three
 * fentry programs @nested on bpf_get_stack(): the calls nest four deep,
 * and the innermost gets -EBUSY
 */
static void run_nested_get_stack(struct __test_metadata *_metadata, const struct bpf_insn *nested,
				 unsigned int cnt)
{
	struct bpf_insn outer[] = {
		FP(BPF_REG_2, -64), MOV64_IMM(BPF_REG_3, 64),
		MOV64_IMM(BPF_REG_4, BPF_F_USER_STACK), CALL(BPF_FUNC_get_stack), RET0,
	};
	int id = btf_id("bpf_get_stack", BTF_KIND_FUNC), fd, prog[3], link[3], i;

	ASSERT_LT(0, id);
	for (i = 0; i < 3; i++) {
		prog[i] = load(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, nested, cnt,
			       "sf_stack_nested");
		EXPECT_LOADS(prog[i]);
		ASSERT_LE(0, prog[i]);
		link[i] = bpf_link_create(prog[i], 0, BPF_TRACE_FENTRY, NULL);
		ASSERT_LE(0, link[i]) TH_LOG("fentry link: %s", strerror(errno));
	}
	fd = LOAD(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, outer, "sf_stack_outer");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, run_raw_tp(fd));
	for (i = 0; i < 3; i++) {
		close(link[i]);
		close(prog[i]);
	}
	close(fd);
}

/*
 * bpf_get_stack() of raw tracepoint and tracing programs returns -EBUSY
 * when a fourth call of the raw tracepoint helpers nests on one CPU, and
 * the verifier counts its destination as written (patches/0000c): the
 * helper must clear it there too. A raw tracepoint calls it; three fentry
 * programs on bpf_get_stack() call it again, each from its own frame, so
 * the calls nest four deep. The one that gets -EBUSY stores what its 64
 * bytes held: stale stack, then, in a second run, a canary it wrote.
 */
TEST(get_stack_clears_its_destination_when_nested_too_deep)
{
	int out = out_map();
#define NESTED_GET_STACK						\
		FP(BPF_REG_2, -64), MOV64_IMM(BPF_REG_3, 64),			\
		MOV64_IMM(BPF_REG_4, BPF_F_USER_STACK), CALL(BPF_FUNC_get_stack), \
		/* if (r0 != -EBUSY) return 0 */				\
		INSN(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_0, 0, 21, -EBUSY),	\
		MOV64_REG(BPF_REG_6, BPF_REG_0),				\
		OR_STACK_64,							\
		LD_MAP_VALUE(BPF_REG_1, out, 0),				\
		STX_DW(BPF_REG_1, BPF_REG_6, 0), STX_DW(BPF_REG_1, BPF_REG_7, 8), \
		ST_DW(BPF_REG_1, 16, 1),					\
		RET0
	struct bpf_insn stale[] = { NESTED_GET_STACK };
	struct bpf_insn canary[] = { CANARY_STACK_64, NESTED_GET_STACK };
#undef NESTED_GET_STACK

	ASSERT_LE(0, out);
	run_nested_get_stack(_metadata, stale, N(stale));
	ASSERT_EQ(1ULL, out_value(out, 2)) TH_LOG("no call nested four deep");
	EXPECT_EQ(-EBUSY, (int)out_value(out, 0));
	EXPECT_EQ(0ULL, out_value(out, 1)) TH_LOG("stale stack: OR of its words %#llx",
						  (unsigned long long)out_value(out, 1));
	ASSERT_EQ(0, bpf_map_update_elem(out, &(__u32){ 0 }, (__u64[4]){ 0 }, 0));
	run_nested_get_stack(_metadata, canary, N(canary));
	ASSERT_EQ(1ULL, out_value(out, 2)) TH_LOG("no call nested four deep");
	EXPECT_EQ(-EBUSY, (int)out_value(out, 0));
	EXPECT_EQ(0ULL, out_value(out, 1)) TH_LOG("canary left: %#llx",
						  (unsigned long long)out_value(out, 1));
	close(out);
}

/*
 * bpf_map_peek_elem() on a bloom filter hashes the value it is given. The
 * helper's argument is an output for queues and stacks, but the verifier
 * makes it an input for a bloom filter (resolve_map_arg_type()): a buffer
 * never written is refused at the call without pointer leaks. A written
 * value is read: the one pushed is found, another is not (with three
 * hashes and one value of 64, a false positive is about one in ten
 * million).
 */
TEST(bloom_filter_peek_reads_its_value)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_extra = 3);
	int bloom = bpf_map_create(BPF_MAP_TYPE_BLOOM_FILTER, "sf_bloom", 0, 8, 64, &o);
	__u64 value = 0x4142;
	int out = out_map(), fd;

	ASSERT_LE(0, bloom) TH_LOG("bloom filter: %s", strerror(errno));
	ASSERT_LE(0, out);
	ASSERT_EQ(0, bpf_map_update_elem(bloom, NULL, &value, BPF_ANY))
		TH_LOG("push: %s", strerror(errno));
	{
		/* peek(bloom, r10 - 8) never written; store *(r10 - 8) */
		struct bpf_insn insns[] = {
			LD_MAP(BPF_REG_1, bloom), FP(BPF_REG_2, -8), CALL(BPF_FUNC_map_peek_elem),
			LDX_DW(BPF_REG_2, BPF_REG_10, -8), LD_MAP_VALUE(BPF_REG_1, out, 0),
			STX_DW(BPF_REG_1, BPF_REG_2, 0), RET0,
		};

		fd = LOAD(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, insns, "sf_bloom_uninit");
		expect_no_leaks(_metadata, fd, EACCES, "invalid indirect read from stack R2");
		close_fd(fd);
	}
	{
		/* out[0] = peek(bloom, &0x4142), out[1] = peek(bloom, &0x4143) */
		struct bpf_insn insns[] = {
			ST_DW(BPF_REG_10, -8, 0x4142),
			LD_MAP(BPF_REG_1, bloom), FP(BPF_REG_2, -8), CALL(BPF_FUNC_map_peek_elem),
			LD_MAP_VALUE(BPF_REG_1, out, 0), STX_DW(BPF_REG_1, BPF_REG_0, 0),
			ST_DW(BPF_REG_10, -8, 0x4143),
			LD_MAP(BPF_REG_1, bloom), FP(BPF_REG_2, -8), CALL(BPF_FUNC_map_peek_elem),
			LD_MAP_VALUE(BPF_REG_1, out, 0), STX_DW(BPF_REG_1, BPF_REG_0, 8), RET0,
		};

		fd = LOAD(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, insns, "sf_bloom_peek");
		EXPECT_LOADS(fd);
		ASSERT_LE(0, fd);
		/* a mark the program overwrites */
		ASSERT_EQ(0, bpf_map_update_elem(out, &(__u32){ 0 }, (__u64[4]){ 1 }, 0));
		ASSERT_EQ(0, run_raw_tp(fd));
		EXPECT_EQ(0ULL, out_value(out, 0));
		EXPECT_EQ(-ENOENT, (int)out_value(out, 1));
		close(fd);
	}
	close(bloom);
	close(out);
}

/*
 * bpf_dynptr_read() past the end of an 8-byte dynptr fails (-E2BIG), but
 * the verifier counts its destination as written: the helper must zero it
 * (patches/0000f), or the program stores what was there before. Slot A
 * holds a marker the program wrote; slot B was never written, and holds
 * whatever earlier kernel frames left on the stack.
 */
TEST(dynptr_read_zeroes_its_destination_on_error)
{
	int out = out_map();
	int src = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_dyn_src", 4, 8, 1, NULL);
	struct bpf_insn insns[] = {
		/* a dynptr over the 8-byte value of sf_dyn_src */
		LD_MAP_VALUE(BPF_REG_1, src, 0), MOV64_IMM(BPF_REG_2, 8), MOV64_IMM(BPF_REG_3, 0),
		MOV64_REG(BPF_REG_4, BPF_REG_10), ADD64_IMM(BPF_REG_4, -24),
		CALL(BPF_FUNC_dynptr_from_mem),
		/* A: r10 - 32, marked */
		ST_DW(BPF_REG_10, -32, 0x41414141),
		MOV64_REG(BPF_REG_1, BPF_REG_10), ADD64_IMM(BPF_REG_1, -32),
		MOV64_IMM(BPF_REG_2, 8), MOV64_REG(BPF_REG_3, BPF_REG_10),
		ADD64_IMM(BPF_REG_3, -24), MOV64_IMM(BPF_REG_4, 100), MOV64_IMM(BPF_REG_5, 0),
		CALL(BPF_FUNC_dynptr_read), MOV64_REG(BPF_REG_6, BPF_REG_0),
		/* B: r10 - 40, never written */
		MOV64_REG(BPF_REG_1, BPF_REG_10), ADD64_IMM(BPF_REG_1, -40),
		MOV64_IMM(BPF_REG_2, 8), MOV64_REG(BPF_REG_3, BPF_REG_10),
		ADD64_IMM(BPF_REG_3, -24), MOV64_IMM(BPF_REG_4, 100), MOV64_IMM(BPF_REG_5, 0),
		CALL(BPF_FUNC_dynptr_read),
		LD_MAP_VALUE(BPF_REG_1, out, 0),
		LDX_DW(BPF_REG_2, BPF_REG_10, -32), STX_DW(BPF_REG_1, BPF_REG_2, 0),
		LDX_DW(BPF_REG_2, BPF_REG_10, -40), STX_DW(BPF_REG_1, BPF_REG_2, 8),
		STX_DW(BPF_REG_1, BPF_REG_6, 16), STX_DW(BPF_REG_1, BPF_REG_0, 24),
		RET0,
	};
	int fd;

	ASSERT_LE(0, out);
	ASSERT_LE(0, src);
	fd = LOAD(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, insns, "sf_dynptr_read");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, run_raw_tp(fd));
	EXPECT_EQ(-E2BIG, (int)out_value(out, 2));
	EXPECT_EQ(-E2BIG, (int)out_value(out, 3));
	EXPECT_EQ(0ULL, out_value(out, 0));
	EXPECT_EQ(0ULL, out_value(out, 1));
	close(fd);
	close(src);
	close(out);
}

/* --- kptrs, spin locks, the program's own objects, workqueues ---------------- */

/*
 * A kptr taken out of a map value is a pointer: storing it into a map is
 * refused at confidentiality; taking it out and dropping it is allowed
 */
TEST(kptr_taken_out_is_a_pointer)
{
	int out = out_map(), map, drop = btf_id("bpf_obj_drop_impl", BTF_KIND_FUNC), fd;
	struct sf_btf b;

	ASSERT_LE(0, out);
	ASSERT_LT(0, drop);
	ASSERT_LE(0, make_btf(&b));
	map = btf_map(&b, b.kptr_val, 8, "sf_kptr");
	ASSERT_LE(0, map) TH_LOG("kptr map: %s", strerror(-map));
	{
		struct bpf_insn insns[] = {
			LOOKUP0(map, 11),
			MOV64_REG(BPF_REG_1, BPF_REG_0), MOV64_IMM(BPF_REG_2, 0),
			CALL(BPF_FUNC_kptr_xchg), JEQ_IMM(BPF_REG_0, 0, 7),
			MOV64_REG(BPF_REG_7, BPF_REG_0), LD_MAP_VALUE(BPF_REG_1, out, 0),
			STX_DW(BPF_REG_1, BPF_REG_7, 0),
			MOV64_REG(BPF_REG_1, BPF_REG_7), MOV64_IMM(BPF_REG_2, 0), KFUNC(drop),
			RET0,
		};
		int id = btf_id("vfs_read", BTF_KIND_FUNC);

		fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, insns, N(insns), 0,
			      "sf_kptr_leak");
		expect_no_leaks(_metadata, fd, EACCES, "R7 leaks addr into map");
		close_fd(fd);
		/* the same without the store */
		insns[12] = MOV64_IMM(BPF_REG_0, 0);
		insns[13] = MOV64_IMM(BPF_REG_0, 0);
		insns[14] = MOV64_IMM(BPF_REG_0, 0);
		fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, insns, N(insns), 0,
			      "sf_kptr");
		EXPECT_LOADS(fd);
		close_fd(fd);
	}
	close(map);
	close(b.fd);
	close(out);
}

/*
 * bpf_spin_lock: the verifier requires the lock released before exit and
 * no calls while it is held; lock and unlock load at every level
 */
TEST(spin_lock_must_be_released_and_holds_no_calls)
{
	int id = btf_id("vfs_read", BTF_KIND_FUNC);
	struct sf_btf b;
	int map, fd;

	ASSERT_LE(0, make_btf(&b));
	map = btf_map(&b, b.lock_val, 8, "sf_lock");
	ASSERT_LE(0, map) TH_LOG("lock map: %s", strerror(-map));
	{
		struct bpf_insn insns[] = {
			LOOKUP0(map, 6), MOV64_REG(BPF_REG_6, BPF_REG_0),
			MOV64_REG(BPF_REG_1, BPF_REG_0), CALL(BPF_FUNC_spin_lock),
			CALL(BPF_FUNC_get_prandom_u32),
			MOV64_REG(BPF_REG_1, BPF_REG_6), CALL(BPF_FUNC_spin_unlock), RET0,
		};
		unsigned int cnt = N(insns);

		fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, insns, cnt, 0,
			      "sf_lock_call");
		EXPECT_VERIFIER_REFUSES(fd, EINVAL,
					"function calls are not allowed while holding a lock");
		close_fd(fd);
		insns[10] = MOV64_IMM(BPF_REG_0, 0);
		fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, insns, cnt, 0,
			      "sf_lock");
		EXPECT_LOADS(fd);
		close_fd(fd);
		/* exit with the lock held */
		insns[11] = MOV64_IMM(BPF_REG_0, 0);
		insns[12] = MOV64_IMM(BPF_REG_0, 0);
		fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, insns, cnt, 0,
			      "sf_lock_held");
		EXPECT_VERIFIER_REFUSES(fd, EINVAL, "bpf_spin_unlock is missing");
		close_fd(fd);
	}
	close(map);
	close(b.fd);
}

/*
 * bpf_obj_new: the object is the program's own memory, written and read
 * without the btf_pointer_read capability; its address is a pointer,
 * refused into a map at confidentiality
 */
TEST(own_object_is_the_programs_memory_and_its_address_a_pointer)
{
	int out = out_map(), fd, id = btf_id("vfs_read", BTF_KIND_FUNC);
	int new = btf_id("bpf_obj_new_impl", BTF_KIND_FUNC);
	int drop = btf_id("bpf_obj_drop_impl", BTF_KIND_FUNC);
	struct sf_btf b;

	ASSERT_LE(0, out);
	ASSERT_LT(0, new);
	ASSERT_LT(0, drop);
	ASSERT_LE(0, make_btf(&b)) TH_LOG("program BTF");
	{
		struct bpf_insn leak[] = {
			MOV64_IMM(BPF_REG_1, b.obj), MOV64_IMM(BPF_REG_2, 0), KFUNC(new),
			JEQ_IMM(BPF_REG_0, 0, 7), MOV64_REG(BPF_REG_6, BPF_REG_0),
			LD_MAP_VALUE(BPF_REG_1, out, 0), STX_DW(BPF_REG_1, BPF_REG_6, 0),
			MOV64_REG(BPF_REG_1, BPF_REG_6), MOV64_IMM(BPF_REG_2, 0), KFUNC(drop),
			RET0,
		};
		struct bpf_insn use[] = {
			MOV64_IMM(BPF_REG_1, b.obj), MOV64_IMM(BPF_REG_2, 0), KFUNC(new),
			JEQ_IMM(BPF_REG_0, 0, 6), MOV64_REG(BPF_REG_6, BPF_REG_0),
			ST_DW(BPF_REG_6, 0, 1), LDX_DW(BPF_REG_7, BPF_REG_6, 0),
			MOV64_REG(BPF_REG_1, BPF_REG_6), MOV64_IMM(BPF_REG_2, 0), KFUNC(drop),
			RET0,
		};

		fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, leak, N(leak), 0,
			      "sf_obj_leak");
		expect_no_leaks(_metadata, fd, EACCES, "R6 leaks addr into map");
		close_fd(fd);
		fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, use, N(use), 0,
			      "sf_obj_use");
		expect_no_leaks(_metadata, fd, EPERM, PERFMON);
		close_fd(fd);
	}
	close(b.fd);
	close(out);
}

/*
 * The verifier rewrites a call of bpf_obj_new_impl() with the size of the
 * type it allocates ("r1 = size" before the call), and a call of
 * bpf_obj_drop_impl() with the type's special fields (kptrs, lists) that
 * the drop frees; the rewrite serves every path through the call. Two
 * paths that pass different types to one call (here both run: r0 is
 * random) would have the object allocated with one type's size, or
 * dropped with one type's fields, while the verifier checked it as the
 * other: @drop false allocates an sf_obj (8 bytes) for the path that then
 * writes sf_big's last field, 56 bytes in; @drop true frees an sf_obj,
 * whose first 8 bytes the program wrote, as an sf_kptr_val, whose first 8
 * bytes are a kptr to release. The verifier checks the last path it
 * walks, so each program makes that the other one. A heap write at every
 * level; refused ("EINVAL") where the program gets that far (at
 * confidentiality in enforce mode the write to the object is refused
 * first, "EPERM"; patches/0000l)
 */
static void kfunc_two_types(struct __test_metadata *_metadata, bool drop)
{
	int new = btf_id("bpf_obj_new_impl", BTF_KIND_FUNC);
	int drp = btf_id("bpf_obj_drop_impl", BTF_KIND_FUNC);
	int id = btf_id("vfs_read", BTF_KIND_FUNC), fd;
	struct sf_btf b;

	ASSERT_LT(0, new);
	ASSERT_LT(0, drp);
	ASSERT_LE(0, make_btf(&b)) TH_LOG("program BTF");
	{
		/* r7 = 1: sf_big, written at 56; r7 = 0: sf_obj, walked last */
		struct bpf_insn sizes[] = {
			CALL(BPF_FUNC_get_prandom_u32),
			JEQ_IMM(BPF_REG_0, 0, 3),
			MOV64_IMM(BPF_REG_1, b.big), MOV64_IMM(BPF_REG_7, 1),
			INSN(BPF_JMP | BPF_JA, 0, 0, 2, 0),
			MOV64_IMM(BPF_REG_1, b.obj), MOV64_IMM(BPF_REG_7, 0),
			MOV64_IMM(BPF_REG_2, 0), KFUNC(new),
			JEQ_IMM(BPF_REG_0, 0, 6), MOV64_REG(BPF_REG_6, BPF_REG_0),
			JEQ_IMM(BPF_REG_7, 0, 1),
			ST_DW(BPF_REG_6, 56, 1),
			MOV64_REG(BPF_REG_1, BPF_REG_6), MOV64_IMM(BPF_REG_2, 0), KFUNC(drp),
			RET0,
		};
		/* two allocations, one drop: sf_obj with a number, walked first */
		struct bpf_insn fields[] = {
			CALL(BPF_FUNC_get_prandom_u32),
			JEQ_IMM(BPF_REG_0, 0, 6),
			MOV64_IMM(BPF_REG_1, b.obj), MOV64_IMM(BPF_REG_2, 0), KFUNC(new),
			JEQ_IMM(BPF_REG_0, 0, 10),
			ST_DW(BPF_REG_0, 0, 0x1000),
			INSN(BPF_JMP | BPF_JA, 0, 0, 4, 0),
			MOV64_IMM(BPF_REG_1, b.kptr_val), MOV64_IMM(BPF_REG_2, 0), KFUNC(new),
			JEQ_IMM(BPF_REG_0, 0, 4),
			MOV64_REG(BPF_REG_1, BPF_REG_0), MOV64_IMM(BPF_REG_2, 0), KFUNC(drp),
			RET0,
		};

		if (drop)
			fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, fields,
				      N(fields), 0, "sf_obj_fields");
		else
			fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, sizes,
				      N(sizes), 0, "sf_obj_sizes");
		if (confidentiality_enforced()) {
			EXPECT_EQ(-EPERM, fd) TH_LOG("%s", log_buf);
			EXPECT_NE(NULL, strstr(log_buf, PERFMON)) TH_LOG("%s", log_buf);
		} else {
			EXPECT_VERIFIER_REFUSES(fd, EINVAL, KFUNC_PATHS);
		}
		close_fd(fd);
	}
	close(b.fd);
}

TEST(object_allocated_with_two_types_at_one_call_is_refused)
{
	kfunc_two_types(_metadata, false);
}

TEST(object_dropped_with_two_types_at_one_call_is_refused)
{
	kfunc_two_types(_metadata, true);
}

/*
 * bpf_dynptr_slice() with no buffer returns memory of the constant size
 * it is given (r4), or NULL where the slice does not fit. Two paths that
 * reach the call with sizes 64 and 8 must be checked apart: the verifier
 * keeps a state before the call (every prune point here), and were the
 * size not marked precise, the path with 8, walked second, would be
 * pruned as the one with 64. Over a 64-byte map value at offset 56, the
 * slice of 64 is NULL at run time and that of 8 is not, so the load 56
 * bytes into the slice, checked for the slice of 64, would read kernel
 * memory 48 bytes past the value, and the program stores it in the map.
 * Refused at every level and in every mode: the path with 8 may not load
 * there (patches/0000m)
 */
TEST(dynptr_slice_size_is_checked_on_every_path)
{
	int slice = btf_id("bpf_dynptr_slice", BTF_KIND_FUNC);
	int id = btf_id("vfs_read", BTF_KIND_FUNC), map, fd;
	struct sf_btf b;

	ASSERT_LT(0, slice);
	ASSERT_LE(0, make_btf(&b)) TH_LOG("program BTF");
	map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_dynptr", 4, 64, 1, NULL);
	ASSERT_LE(0, map);
	if (map >= 0) {
		struct bpf_insn insns[] = {
			LOOKUP0(map, 19), MOV64_REG(BPF_REG_6, BPF_REG_0),
			MOV64_REG(BPF_REG_1, BPF_REG_0), MOV64_IMM(BPF_REG_2, 64),
			MOV64_IMM(BPF_REG_3, 0), FP(BPF_REG_4, -16),
			CALL(BPF_FUNC_dynptr_from_mem),
			CALL(BPF_FUNC_get_prandom_u32),
			MOV64_IMM(BPF_REG_4, 8),
			JNE_IMM(BPF_REG_0, 0, 1),		/* both run; 8 runs */
			MOV64_IMM(BPF_REG_4, 64),		/* walked first */
			/* P: */
			FP(BPF_REG_1, -16), MOV64_IMM(BPF_REG_2, 56), MOV64_IMM(BPF_REG_3, 0),
			KFUNC(slice),
			JEQ_IMM(BPF_REG_0, 0, 2),
			LDX_DW(BPF_REG_1, BPF_REG_0, 56),
			STX_DW(BPF_REG_6, BPF_REG_1, 0),
			RET0,
		};
		struct bpf_func_info fi[1] = { { 0, b.main_fn } };
		struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_FENTRY,
				     .attach_btf_id = id, .insns = insns, .cnt = N(insns),
				     .name = "sf_dynptr_slice", .btf_fd = b.fd, .func_info = fi,
				     .func_info_cnt = 1, .prog_flags = BPF_F_TEST_STATE_FREQ };

		fd = ld_prog_load(&l, log_buf, LOG_SIZE);
		EXPECT_VERIFIER_REFUSES(fd, EACCES,
					"invalid access to memory, mem_size=8 off=56 size=8");
		close_fd(fd);
	}
	close(map);
	close(b.fd);
}

/*
 * bpf_this_cpu_ptr() takes a per-CPU kernel variable (a __ksym) or a
 * per-CPU object of bpf_percpu_obj_new() loaded from a map value; for the
 * object, the verifier puts "r1 = *(u64 *)(r1 + 0)" before the call, for
 * every path through it. Here both reach one call (each for half of the
 * random numbers in r0): the path with the variable (runqueues) would load eight bytes at its
 * per-CPU offset, a user address, and return them as a pointer to a
 * struct rq. Each program has the other path walked first. Refused
 * ("EINVAL") where the program gets that far; at confidentiality in
 * enforce mode, the tier refuses the helper first (patches/0000n)
 */
static void percpu_two_kinds(struct __test_metadata *_metadata, bool ksym_first)
{
	int rq = btf_id("runqueues", BTF_KIND_VAR);
	int id = btf_id("vfs_read", BTF_KIND_FUNC), map, fd;
	struct sf_btf b;

	ASSERT_LT(0, rq);
	ASSERT_LE(0, make_btf(&b)) TH_LOG("program BTF");
	map = btf_map(&b, b.pcpu_val, 8, "sf_pcpu");
	ASSERT_LE(0, map) TH_LOG("per-CPU kptr map: %s", strerror(-map));
	{
		struct bpf_insn object_first[] = {
			LOOKUP0(map, 9), MOV64_REG(BPF_REG_6, BPF_REG_0),
			CALL(BPF_FUNC_get_prandom_u32),
			INSN(BPF_JMP | BPF_JSET | BPF_K, BPF_REG_0, 0, 3, 1),
			LDX_DW(BPF_REG_1, BPF_REG_6, 0),	/* the object */
			JEQ_IMM(BPF_REG_1, 0, 4),
			INSN(BPF_JMP | BPF_JA, 0, 0, 2, 0),
			INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_BTF_ID, 0, rq),
			INSN(0, 0, 0, 0, 0),			/* the variable */
			CALL(BPF_FUNC_this_cpu_ptr),
			RET0,
		};
		struct bpf_insn variable_first[] = {
			LOOKUP0(map, 9), MOV64_REG(BPF_REG_6, BPF_REG_0),
			CALL(BPF_FUNC_get_prandom_u32),
			INSN(BPF_JMP | BPF_JSET | BPF_K, BPF_REG_0, 0, 3, 1),
			INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_BTF_ID, 0, rq),
			INSN(0, 0, 0, 0, 0),			/* the variable */
			INSN(BPF_JMP | BPF_JA, 0, 0, 2, 0),
			LDX_DW(BPF_REG_1, BPF_REG_6, 0),	/* the object */
			JEQ_IMM(BPF_REG_1, 0, 1),
			CALL(BPF_FUNC_this_cpu_ptr),
			RET0,
		};

		if (ksym_first)
			fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id,
				      variable_first, N(variable_first), 0, "sf_pcpu_var");
		else
			fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id,
				      object_first, N(object_first), 0, "sf_pcpu_obj");
		if (confidentiality_enforced())
			EXPECT_VERIFIER_REFUSES(fd, EACCES, PCPU_HELPER_REFUSED);
		else
			EXPECT_VERIFIER_REFUSES(fd, EINVAL, PCPU_PATHS);
		close_fd(fd);
	}
	close(map);
	close(b.fd);
}

/*
 * bpf_per_cpu_ptr() returns NULL for a CPU number past the last one, and
 * its prototype says so; for a per-CPU object the verifier dropped "or
 * NULL" from the returned type, so a load through it without a check
 * was accepted and, with the CPU number 0xffffffff, read address 0 in
 * the kernel: an oops. Refused now where the tier lets the helper
 * through ("EACCES": the load from a pointer that may be NULL; at
 * confidentiality in enforce mode the tier refuses the helper first;
 * patches/0000p)
 */
TEST(per_cpu_object_of_another_cpu_may_be_null)
{
	int id = btf_id("vfs_read", BTF_KIND_FUNC), map, fd;
	struct sf_btf b;

	ASSERT_LE(0, make_btf(&b)) TH_LOG("program BTF");
	map = btf_map(&b, b.pcpu_val, 8, "sf_pcpu");
	ASSERT_LE(0, map) TH_LOG("per-CPU kptr map: %s", strerror(-map));
	{
		struct bpf_insn insns[] = {
			LOOKUP0(map, 5),
			LDX_DW(BPF_REG_1, BPF_REG_0, 0),	/* the object */
			JEQ_IMM(BPF_REG_1, 0, 3),
			MOV64_IMM(BPF_REG_2, -1),		/* no such CPU: NULL */
			CALL(BPF_FUNC_per_cpu_ptr),
			LDX_DW(BPF_REG_0, BPF_REG_0, 0),	/* unchecked */
			RET0,
		};

		fd = load_btf(&b, BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id, insns, N(insns), 0,
			      "sf_pcpu_null");
		if (confidentiality_enforced())
			EXPECT_VERIFIER_REFUSES(fd, EACCES, PCPU_PER_CPU_REFUSED);
		else
			EXPECT_VERIFIER_REFUSES(fd, EACCES, "R0 invalid mem access");
		close_fd(fd);
	}
	close(map);
	close(b.fd);
}

TEST(per_cpu_object_then_variable_at_one_call_is_refused)
{
	percpu_two_kinds(_metadata, false);
}

TEST(per_cpu_variable_then_object_at_one_call_is_refused)
{
	percpu_two_kinds(_metadata, true);
}

/* An arena of one page, at a user address of 4 GiB */
static int arena_map(void)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = BPF_F_MMAPABLE, .map_extra = 1ULL << 32);
	int fd = bpf_map_create(BPF_MAP_TYPE_ARENA, "sf_arena", 0, 0, 1, &o);

	return fd < 0 ? -errno : fd;
}

/* r<r> = addr_space_cast(r<r>, 0, 1): an arena pointer */
#define ARENA_CAST(r) INSN(BPF_ALU64 | BPF_MOV | BPF_X, r, r, BPF_ADDR_SPACE_CAST, 1)

/*
 * An arena pointer is 32 bits: the verifier marks a 64-bit ALU instruction
 * that a path reaches with one, and the rewrite makes it 32-bit for every
 * path. Here both paths reach "r1 += 0" (each for half of the random
 * numbers in r0): with the arena pointer, and with the scalar 1 << 32,
 * which the verifier keeps as 1 << 32 and which runs as 0. From such a
 * mismatch a program builds any offset it then adds to a map value,
 * checked as 0. Refused at every level and in every mode; the same with
 * the scalar 8 (a NULL pointer plus a field's offset), which 32 bits
 * compute alike, loads, with "r1 += 0" and with "r1 &= -8". At
 * confidentiality in enforce mode an unsigned program is verified
 * without CAP_PERFMON, which arenas need, so both are refused for that
 * first (patches/0000o)
 */
static int arena_two_kinds(struct __test_metadata *_metadata, int scalar_hi, int scalar_lo,
			   struct bpf_insn alu)
{
	int arena = arena_map(), fd;

	if (arena < 0)
		return arena;
	{
		struct bpf_insn insns[] = {
			LD_MAP_VALUE(BPF_REG_6, arena, 0), ARENA_CAST(BPF_REG_6),
			CALL(BPF_FUNC_get_prandom_u32),
			INSN(BPF_JMP | BPF_JSET | BPF_K, BPF_REG_0, 0, 4, 1),
			MOV64_IMM(BPF_REG_1, scalar_hi),
			INSN(BPF_ALU64 | BPF_LSH | BPF_K, BPF_REG_1, 0, 0, 32),
			INSN(BPF_ALU64 | BPF_OR | BPF_K, BPF_REG_1, 0, 0, scalar_lo),
			INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0),
			MOV64_REG(BPF_REG_1, BPF_REG_6),
			alu,				/* both */
			RET0,
		};
		struct ld_load l = { .type = BPF_PROG_TYPE_SOCKET_FILTER, .insns = insns,
				     .cnt = N(insns), .name = "sf_arena_alu" };

		fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	}
	close(arena);
	return fd;
}

TEST(arena_and_scalar_at_one_64_bit_alu_are_refused)
{
	int fd = arena_two_kinds(_metadata, 1, 0, ADD64_IMM(BPF_REG_1, 0));

	if (confidentiality_enforced())
		EXPECT_VERIFIER_REFUSES(fd, EPERM, ARENA_PERFMON);
	else
		EXPECT_VERIFIER_REFUSES(fd, EINVAL, ARENA_PATHS);
	close_fd(fd);
}

TEST(arena_and_a_32_bit_scalar_at_one_64_bit_alu_load)
{
	/* 8 + 0, and 8 & -8: the sign-extended -8 has upper bits, the result none */
	struct bpf_insn alus[] = {
		ADD64_IMM(BPF_REG_1, 0),
		INSN(BPF_ALU64 | BPF_AND | BPF_K, BPF_REG_1, 0, 0, -8),
	};

	for (unsigned int i = 0; i < N(alus); i++) {
		int fd = arena_two_kinds(_metadata, 0, 8, alus[i]);

		if (confidentiality_enforced())
			EXPECT_VERIFIER_REFUSES(fd, EPERM, ARENA_PERFMON);
		else
			EXPECT_LOADS(fd);
		close_fd(fd);
	}
}

/*
 * The path with the scalar 8 that loads above runs the instruction made
 * 32-bit with its upper half zero: loaded with BPF_F_TEST_RND_HI32, which
 * puts random upper bits after a 32-bit instruction whose upper half the
 * verifier says no path reads, the scalar path stored 8 | random << 32
 * where the verifier had 8 (patches/0000o)
 */
TEST(arena_alu_runs_zero_extended_on_the_scalar_path)
{
	int arena = arena_map(), out = out_map(), fd, i;

	ASSERT_LE(0, arena) TH_LOG("arena: %s", strerror(-arena));
	ASSERT_LE(0, out) TH_LOG("out map");
	{
		struct bpf_insn insns[] = {
			LD_MAP_VALUE(BPF_REG_6, arena, 0), ARENA_CAST(BPF_REG_6),
			LD_MAP_VALUE(BPF_REG_7, out, 0),
			CALL(BPF_FUNC_get_prandom_u32),
			INSN(BPF_JMP | BPF_JSET | BPF_K, BPF_REG_0, 0, 2, 1),
			MOV64_IMM(BPF_REG_1, 8),
			INSN(BPF_JMP | BPF_JA, 0, 0, 1, 0),
			MOV64_REG(BPF_REG_1, BPF_REG_6),
			ADD64_IMM(BPF_REG_1, 0),		/* both */
			INSN(BPF_JMP | BPF_JSET | BPF_K, BPF_REG_0, 0, 1, 1),
			STX_DW(BPF_REG_7, BPF_REG_1, 0),	/* the scalar path */
			RET0,
		};
		struct ld_load l = { .type = BPF_PROG_TYPE_RAW_TRACEPOINT, .insns = insns,
				     .cnt = N(insns), .name = "sf_arena_hi32",
				     .prog_flags = BPF_F_TEST_RND_HI32 };

		fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	}
	if (confidentiality_enforced()) {
		EXPECT_VERIFIER_REFUSES(fd, EPERM, ARENA_PERFMON);
	} else {
		EXPECT_LOADS(fd);
		/* each run takes the scalar path for half of the random numbers */
		for (i = 0; fd >= 0 && i < 64; i++)
			ASSERT_EQ(0, run_raw_tp(fd));
		EXPECT_EQ(8ULL, out_value(out, 0));
	}
	close_fd(fd);
	close(out);
	close(arena);
}

#define WQ_WHAT "call kfunc bpf_wq_init"
#define WQ_CLASS "modifies-kernel-behaviour"

/*
 * The workqueue kfuncs are denied to unsigned programs at both levels
 * (tier_kfuncs.h): under lockdown in enforce mode the tier refuses the
 * program (EACCES) before the verifier checks it; in audit mode it says so
 * and the verifier goes on, refusing with @err and @msg
 */
static void expect_wq_refused(struct __test_metadata *_metadata, int fd, int err,
			      const char *msg)
{
	char line[512];

	if (locked()) {
		tier_line(line, sizeof(line), WQ_WHAT, WQ_CLASS);
		EXPECT_NE(NULL, strstr(log_buf, line)) TH_LOG("want \"%s\":\n%s", line, log_buf);
		if (enforcing()) {
			EXPECT_EQ(-EACCES, fd) TH_LOG("%s", log_buf);
			return;
		}
	}
	EXPECT_VERIFIER_REFUSES(fd, err, msg);
}

/*
 * bpf_wq_set_callback_impl() takes a function of the calling program; a
 * number is refused; the program's own function loads where the tier
 * lets workqueues through
 */
TEST(workqueue_callback_is_a_function_of_the_calling_program)
{
	int init = btf_id("bpf_wq_init", BTF_KIND_FUNC);
	int set = btf_id("bpf_wq_set_callback_impl", BTF_KIND_FUNC);
	int start = btf_id("bpf_wq_start", BTF_KIND_FUNC);
	struct sf_btf b;
	int map, fd;

	ASSERT_LT(0, init);
	ASSERT_LT(0, set);
	ASSERT_LT(0, start);
	ASSERT_LE(0, make_btf(&b));
	map = btf_map(&b, b.wq_val, 16, "sf_wq");
	ASSERT_LE(0, map) TH_LOG("wq map: %s", strerror(-map));
	{
		struct bpf_insn insns[] = {
			LOOKUP0(map, 15), MOV64_REG(BPF_REG_6, BPF_REG_0),
			MOV64_REG(BPF_REG_1, BPF_REG_6), LD_MAP(BPF_REG_2, map),
			MOV64_IMM(BPF_REG_3, 0), KFUNC(init),
			MOV64_REG(BPF_REG_1, BPF_REG_6), LD_FUNC(BPF_REG_2, 9),
			MOV64_IMM(BPF_REG_3, 0), MOV64_IMM(BPF_REG_4, 0), KFUNC(set),
			MOV64_REG(BPF_REG_1, BPF_REG_6), MOV64_IMM(BPF_REG_2, 0), KFUNC(start),
			RET0,
			/* cb */
			RET0,
		};

		fd = load_btf(&b, BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, insns, N(insns), 24,
			      "sf_wq");
		expect_tier(_metadata, fd, BOTH_LEVELS, EACCES, WQ_WHAT, WQ_CLASS);
		close_fd(fd);
		insns[14] = MOV64_IMM(BPF_REG_2, 0x1000);
		insns[15] = MOV64_IMM(BPF_REG_0, 0);
		fd = load_btf(&b, BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, insns, 24, 0, "sf_wq_num");
		expect_wq_refused(_metadata, fd, EINVAL, "arg1 expected pointer to func");
		close_fd(fd);
	}
	close(map);
	close(b.fd);
}

/*
 * bpf_wq_init(wq, map, 0) must name the map that holds wq. A map with
 * another special field (here a bpf_timer) and no bpf_wq, or without BTF,
 * was not compared: the callback then ran with a value pointer past the
 * value it was verified with (a heap overflow), and a map without BTF
 * made the verifier dereference NULL. A workqueue in a map without one,
 * or at a variable offset, is refused too (patches/0000s). Under lockdown
 * in enforce mode the tier refuses the workqueue kfuncs first; the
 * verifier's checks show without lockdown, with it off and in audit mode.
 */
#define WQ_OTHER_MAP "workqueue pointer in R1 map_uid=0 doesn't match map pointer in R2 map_uid=0"
#define WQ_NONE(map) "map '" map "' has no valid bpf_wq"
#define WQ_VAR_OFF "R1 doesn't have constant offset. bpf_wq has to be at the constant offset"

TEST(workqueue_is_checked_like_a_timer)
{
	int init = btf_id("bpf_wq_init", BTF_KIND_FUNC);
	struct sf_btf b;
	int wq, timer, plain, fd;

	ASSERT_LT(0, init);
	ASSERT_LE(0, make_btf(&b));
	wq = btf_map(&b, b.wq_val, 16, "sf_wq");
	timer = btf_map(&b, b.timer_val, 16, "sf_timer");
	plain = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_plain", 4, 16, 1, NULL);
	ASSERT_LE(0, wq) TH_LOG("wq map: %s", strerror(-wq));
	ASSERT_LE(0, timer) TH_LOG("timer map: %s", strerror(-timer));
	ASSERT_LE(0, plain) TH_LOG("plain map: %s", strerror(errno));
	{
		/* r1 = a value of holder (+ (random & 8) if var), r2 = arg */
		const struct {
			int holder, arg;
			bool var;
			const char *name, *msg;
		} v[] = {
			{ wq, timer, false, "sf_wq_other_map", WQ_OTHER_MAP },
			{ wq, plain, false, "sf_wq_plain_map", WQ_OTHER_MAP },
			{ timer, timer, false, "sf_wq_in_timer", WQ_NONE("sf_timer") },
			{ plain, plain, false, "sf_wq_in_plain", WQ_NONE("sf_plain") },
			{ wq, wq, true, "sf_wq_var_off", WQ_VAR_OFF },
		};

		for (unsigned int i = 0; i < N(v); i++) {
			struct bpf_insn insns[] = {
				LOOKUP0(v[i].holder, 9), MOV64_REG(BPF_REG_6, BPF_REG_0),
				CALL(BPF_FUNC_get_prandom_u32),
				INSN(BPF_ALU64 | BPF_AND | BPF_K, BPF_REG_0, 0, 0, 8),
				INSN(BPF_ALU64 | BPF_ADD | BPF_X, BPF_REG_6, BPF_REG_0, 0, 0),
				MOV64_REG(BPF_REG_1, BPF_REG_6), LD_MAP(BPF_REG_2, v[i].arg),
				MOV64_IMM(BPF_REG_3, 0), KFUNC(init),
				RET0,
			};

			if (!v[i].var) {
				insns[9] = MOV64_IMM(BPF_REG_0, 0);
				insns[10] = MOV64_IMM(BPF_REG_0, 0);
			}
			fd = load_btf(&b, BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, insns, N(insns), 0,
				      v[i].name);
			expect_wq_refused(_metadata, fd, EINVAL, v[i].msg);
			close_fd(fd);
		}
		/* the map that holds the workqueue, at its constant offset */
		{
			struct bpf_insn insns[] = {
				LOOKUP0(wq, 6), MOV64_REG(BPF_REG_6, BPF_REG_0),
				MOV64_REG(BPF_REG_1, BPF_REG_6), LD_MAP(BPF_REG_2, wq),
				MOV64_IMM(BPF_REG_3, 0), KFUNC(init),
				RET0,
			};

			fd = load_btf(&b, BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, insns, N(insns), 0,
				      "sf_wq_own_map");
			expect_tier(_metadata, fd, BOTH_LEVELS, EACCES, WQ_WHAT, WQ_CLASS);
			close_fd(fd);
		}
	}
	close(plain);
	close(timer);
	close(wq);
	close(b.fd);
}

/* --- routes to signed code ---------------------------------------------------- */

/* Detached PKCS#7 over the digest with the test signing key */
static int sign(const __u8 *digest, __u8 *out, __u32 *out_size)
{
	char kp[PATH_MAX], cp[PATH_MAX];

	ld_keys_path(kp, sizeof(kp), "signing_key.pem");
	ld_keys_path(cp, sizeof(cp), "cert.pem");
	return ld_cms_sign(kp, cp, digest, BPF_LOCKDOWN_DIGEST_SIZE, out, out_size);
}

struct signed_load {
	__u8 annot[512];
	__u32 annot_size;
	__u8 sig[4096];
	__u32 sig_size;
};

/*
 * An annotation that may load at every level and grants the helpers of
 * @grant (0-terminated, or NULL); sign @in with it
 */
static int sign_prog_caps(struct bpf_lockdown_digest_input *in, struct signed_load *s,
			  const int *grant, __u32 caps)
{
	struct bpf_lockdown_annot_spec spec = {};
	struct bpf_lockdown_annot annot;
	__u8 digest[BPF_LOCKDOWN_DIGEST_SIZE];
	char err[160];

	for (int l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		spec.level[l].may_load = true;
		spec.level[l].caps = caps;
		for (int i = 0; grant && grant[i]; i++)
			bpf_lockdown_annot_set_helper(spec.level[l].helpers, grant[i]);
	}
	if (bpf_lockdown_annot_build(&spec, s->annot, sizeof(s->annot), &s->annot_size,
				     err, sizeof(err)) ||
	    bpf_lockdown_annot_parse(s->annot, s->annot_size, &annot, err, sizeof(err)))
		return -1;
	in->annot = &annot;
	if (bpf_lockdown_digest(in, NULL, NULL, digest, err, sizeof(err)))
		return -1;
	s->sig_size = sizeof(s->sig);
	return sign(digest, s->sig, &s->sig_size);
}

static int sign_prog_grant(struct bpf_lockdown_digest_input *in, struct signed_load *s,
			   const int *grant)
{
	return sign_prog_caps(in, s, grant, 0);
}

static int sign_prog(struct bpf_lockdown_digest_input *in, struct signed_load *s)
{
	return sign_prog_grant(in, s, NULL);
}

/* A socket filter whose one function, handler, is what fentry programs trace */
static const struct {
	struct btf_header hdr;
	__u32 types[4 + 3 + 3];
	char strs[16];
} target_btf = {
	.hdr = { .magic = BTF_MAGIC, .version = BTF_VERSION, .hdr_len = sizeof(struct btf_header),
		 .type_len = sizeof(target_btf.types), .str_off = sizeof(target_btf.types),
		 .str_len = sizeof(target_btf.strs) },
	.types = {
		1, BTF_KIND_INT << 24, 4, (BTF_INT_SIGNED << 24) | 32,	/* [1] int */
		0, BTF_KIND_FUNC_PROTO << 24, 1,			/* [2] int (void) */
		5, BTF_KIND_FUNC << 24 | 1, 2,				/* [3] handler */
	},
	.strs = "\0int\0handler",
};

#define HANDLER_ID 3

static const struct bpf_insn ret0[] = { RET0 };
static const struct bpf_func_info target_fi = { .insn_off = 0, .type_id = HANDLER_ID };

/* The target, signed or not; its fd */
static int load_target(bool sign_it, const char *name)
{
	struct bpf_lockdown_digest_input in = {
		.prog_type = BPF_PROG_TYPE_SOCKET_FILTER, .prog_name = name, .license = "GPL",
		.insns = ret0, .insn_cnt = N(ret0), .btf = &target_btf,
		.btf_size = sizeof(target_btf), .func_info = &target_fi, .func_info_cnt = 1,
		.func_info_rec_size = sizeof(target_fi),
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_SOCKET_FILTER, .insns = ret0, .cnt = N(ret0),
			     .name = name, .func_info = &target_fi, .func_info_cnt = 1 };
	static struct signed_load s;
	int fd;

	l.btf_fd = bpf_btf_load(&target_btf, sizeof(target_btf), NULL);
	if (l.btf_fd < 0)
		return -errno;
	if (sign_it) {
		if (sign_prog(&in, &s))
			return -EBADMSG;
		l.annot = s.annot;
		l.annot_size = s.annot_size;
		l.sig = s.sig;
		l.sig_size = s.sig_size;
	}
	fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	close(l.btf_fd);
	return fd;
}

/* fentry or fexit (unsigned unless @s) of handler() in @target */
static int load_tracer(int target, enum bpf_attach_type attach, const struct signed_load *s,
		       const char *name)
{
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = attach,
			     .attach_btf_id = HANDLER_ID, .attach_prog_fd = target,
			     .insns = ret0, .cnt = N(ret0), .name = name };

	if (s) {
		l.annot = s->annot;
		l.annot_size = s->annot_size;
		l.sig = s->sig;
		l.sig_size = s->sig_size;
	}
	return ld_prog_load(&l, log_buf, LOG_SIZE);
}

/*
 * A signed fentry or fexit program loaded against an unsigned BPF program
 * would run signed code when, and on what, the unsigned program decides:
 * refused before the digest, at every level and in every mode (fix 12).
 * Against a signed program it loads; the digest covers the traced
 * function's name, not the program, so it loads against any signed
 * program with that function (the documented limit).
 */
TEST(signed_tracing_of_an_unsigned_program_is_refused)
{
	static const enum bpf_attach_type types[] = { BPF_TRACE_FENTRY, BPF_TRACE_FEXIT };
	int unsigned_fd = load_target(false, "sf_target");
	int signed_fd, other_fd, fd;

	ASSERT_LE(0, unsigned_fd) TH_LOG("%s", log_buf);
	signed_fd = load_target(true, "sf_target");
	ASSERT_LE(0, signed_fd) TH_LOG("%s", log_buf);
	other_fd = load_target(true, "sf_target2");
	ASSERT_LE(0, other_fd) TH_LOG("%s", log_buf);
	for (unsigned int i = 0; i < N(types); i++) {
		struct bpf_lockdown_digest_input in = {
			.prog_type = BPF_PROG_TYPE_TRACING, .expected_attach_type = types[i],
			.attach_name = "handler", .prog_name = "sf_tracer", .license = "GPL",
			.insns = ret0, .insn_cnt = N(ret0),
		};
		struct signed_load s;

		ASSERT_EQ(0, sign_prog(&in, &s));
		fd = load_tracer(unsigned_fd, types[i], &s, "sf_tracer");
		EXPECT_EQ(-EPERM, fd) TH_LOG("%s", log_buf);
		EXPECT_LOG_HAS(log_buf,
			       "lockdown: signature: a signed program may only trace a program with a verified system signature");
		close_fd(fd);
		fd = load_tracer(signed_fd, types[i], &s, "sf_tracer");
		EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
		EXPECT_NE(NULL, strstr(log_buf, "lockdown: signature verified (builtin keyring)"))
			TH_LOG("%s", log_buf);
		close_fd(fd);
		fd = load_tracer(other_fd, types[i], &s, "sf_tracer");
		EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
		close_fd(fd);
	}
	close(other_fd);
	close(signed_fd);
	close(unsigned_fd);
}

/*
 * fentry on a BPF program: the target's prototype is its loader's BTF,
 * which may call a pointer a long, or does not match the program (here
 * handler() is "int (void)" for a socket filter) so that the verifier
 * gives every argument as a number, the sk_buff first. At confidentiality
 * an unsigned tracer of a BPF program may not read its arguments.
 */
TEST(fentry_on_a_bpf_program_reads_no_argument_at_confidentiality)
{
	int out = out_map(), target = load_target(false, "sf_arg_target"), fd;
	struct bpf_insn store[] = { STORE_CTX_FIELD(out, 0, 0), RET0 };
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_FENTRY,
			     .attach_btf_id = HANDLER_ID, .attach_prog_fd = target,
			     .insns = store, .cnt = N(store), .name = "sf_arg_tracer" };

	ASSERT_LE(0, out);
	ASSERT_LE(0, target) TH_LOG("%s", log_buf);
	fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	expect_tier(_metadata, fd, CONF_ONLY, EACCES,
		    "read a kernel pointer from the context as a number (insn 0)",
		    "leaks-kernel-address");
	close_fd(fd);
	close(target);
	close(out);
}

/*
 * An unsigned fentry or fexit program observes a signed program's function
 * under the tier's rules: it loads at every level
 */
TEST(unsigned_tracing_of_a_signed_program_observes)
{
	int target = load_target(true, "sf_target");
	int fd;

	ASSERT_LE(0, target) TH_LOG("%s", log_buf);
	fd = load_tracer(target, BPF_TRACE_FENTRY, NULL, "sf_fentry_obs");
	EXPECT_LOADS(fd);
	close_fd(fd);
	fd = load_tracer(target, BPF_TRACE_FEXIT, NULL, "sf_fexit_obs");
	EXPECT_LOADS(fd);
	close_fd(fd);
	close(target);
}

/* --- struct_ops registration through links ----------------------------------- */

/*
 * A sched_ext scheduler "sf_scx" prepared for a link (BPF_F_LINK), with
 * @prog as its exit operation and every other operation the default; the
 * map fd
 */
static int scx_map(int prog)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = BPF_F_LINK);
	int vtype = btf_id(SCX_VALUE, BTF_KIND_STRUCT);
	int ops = btf_id("sched_ext_ops", BTF_KIND_STRUCT);
	int data = btf_member_off(vtype, "data", NULL, NULL);
	int name = btf_member_off(ops, "name", NULL, NULL);
	int exit_off = btf_member_off(ops, "exit", NULL, NULL);
	__s64 size = btf__resolve_size(vmlinux_btf(), vtype);
	struct btf *btf = btf__new_empty();
	__u32 key = 0;
	char *v;
	int fd;

	if (size <= 0 || data < 0 || name < 0 || exit_off < 0 || libbpf_get_error(btf))
		return -ENOENT;
	/* BPF_MAP_CREATE wants a BTF object of the loader's too, any will do */
	if (btf__add_int(btf, "int", 4, BTF_INT_SIGNED) <= 0 || btf__load_into_kernel(btf)) {
		btf__free(btf);
		return -EINVAL;
	}
	opts.btf_fd = btf__fd(btf);
	opts.btf_vmlinux_value_type_id = vtype;
	fd = bpf_map_create(BPF_MAP_TYPE_STRUCT_OPS, "sf_scx", 4, size, 1, &opts);
	fd = fd < 0 ? -errno : fd;
	btf__free(btf);
	v = calloc(1, size);
	if (fd < 0 || !v) {
		free(v);
		return fd < 0 ? fd : -ENOMEM;
	}
	memcpy(v + data + name, "sf_scx", sizeof("sf_scx"));
	*(__u64 *)(v + data + exit_off) = prog;
	if (bpf_map_update_elem(fd, &key, v, 0)) {
		int err = -errno;

		close(fd);
		fd = err;
	}
	free(v);
	return fd;
}

/*
 * Fix 13: the registration check runs again when a link is created for a
 * struct_ops map and when a link is switched to another map, at the level
 * and mode of that moment. An unsigned struct_ops program loads only where
 * the tier does not refuse it: at none, with the mode off, and in audit
 * mode, where the map update, the link creation and the link update are
 * each reported (sched_ext has no update operation: the link update fails
 * after the check). In enforce mode the program itself is refused, so no
 * map can be prepared here to attack the link paths with. Where the link
 * is made, sched_ext really runs every task until the link is closed.
 */
TEST(struct_ops_link_create_and_update_check_registration)
{
	int ops = btf_id("sched_ext_ops", BTF_KIND_STRUCT);
	struct bpf_insn insns[] = { RET0 };
	int prog, map1 = -1, map2 = -1, link = -1, idx, before, err;
	char what[64], line[512];

	if (ops <= 0 || btf_id(SCX_VALUE, BTF_KIND_STRUCT) <= 0)
		SKIP(return, "the kernel has no sched_ext (no " SCX_VALUE " in its BTF)");
	ASSERT_LE(0, btf_member_off(ops, "exit", NULL, &idx));
	prog = load(BPF_PROG_TYPE_STRUCT_OPS, idx, ops, insns, N(insns), "sf_scx_exit");
	snprintf(what, sizeof(what), "load program type struct_ops (attach type %d)", idx);
	if (locked()) {
		tier_line(line, sizeof(line), what, "modifies-kernel-behaviour");
		EXPECT_NE(NULL, strstr(log_buf, line)) TH_LOG("want \"%s\":\n%s", line, log_buf);
	}
	if (enforcing()) {
		EXPECT_EQ(-EPERM, prog);
		close_fd(prog);
		SKIP(return,
		     "unsigned struct_ops programs are refused at load in enforce mode: no map to link");
	}
	ASSERT_LE(0, prog) TH_LOG("%s", log_buf);

	snprintf(line, sizeof(line),
		 "would-refuse comm=\"surface_test\" pid=%d map=\"sf_scx\" level=%s mode=%s what=\"register struct_ops map sf_scx: one of its programs is not signed\" class=modifies-kernel-behaviour",
		 getpid(), ld_level_name(ld_level()), mode_name(ld_mode()));
	before = ld_kernel_log_count(line);
	map1 = scx_map(prog);
	ASSERT_LE(0, map1) TH_LOG("struct_ops map: %s", strerror(-map1));
	map2 = scx_map(prog);
	ASSERT_LE(0, map2) TH_LOG("struct_ops map: %s", strerror(-map2));
	EXPECT_EQ(locked() ? before + 2 : 0, ld_kernel_log_count(line));
	link = bpf_link_create(map1, 0, BPF_STRUCT_OPS, NULL);
	ASSERT_LE(0, link) TH_LOG("link: %s", strerror(errno));
	EXPECT_EQ(locked() ? before + 3 : 0, ld_kernel_log_count(line));
	err = bpf_link_update(link, map2, NULL) ? -errno : 0;
	EXPECT_EQ(-EOPNOTSUPP, err);
	EXPECT_EQ(locked() ? before + 4 : 0, ld_kernel_log_count(line));
	close(link);
	close(map2);
	close(map1);
	close(prog);
}

/* --- local storage -------------------------------------------------------------- */

/*
 * bpf_task_storage_get(&map, prev, 0, F_CREATE) in tp_btf sched_switch
 * creates the map's storage on any task the program holds, at every level;
 * the storage is the map's memory: a pointer stored into it is refused at
 * confidentiality, and a number is not a task
 */
TEST(task_storage_is_the_maps_memory)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = BPF_F_NO_PREALLOC);
	int id = btf_id("btf_trace_sched_switch", BTF_KIND_TYPEDEF);
	struct sf_btf b;
	int map, fd;

	ASSERT_LE(0, make_btf(&b)) TH_LOG("program BTF");
	o.btf_fd = b.fd;
	o.btf_key_type_id = b.int_id;
	o.btf_value_type_id = b.ll;
	map = bpf_map_create(BPF_MAP_TYPE_TASK_STORAGE, "sf_task_st", 4, 8, 0, &o);
	ASSERT_LE(0, map) TH_LOG("task storage map: %s", strerror(errno));
	{
		struct bpf_insn insns[] = {
			LDX_DW(BPF_REG_2, BPF_REG_1, 8), LD_MAP(BPF_REG_1, map),
			MOV64_IMM(BPF_REG_3, 0),
			MOV64_IMM(BPF_REG_4, BPF_LOCAL_STORAGE_GET_F_CREATE),
			CALL(BPF_FUNC_task_storage_get), JEQ_IMM(BPF_REG_0, 0, 1),
			STX_DW(BPF_REG_0, BPF_REG_10, 0), RET0,
		};

		fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, id, insns, "sf_task_st");
		expect_no_leaks(_metadata, fd, EACCES, "R10 leaks addr into map");
		close_fd(fd);
		/* the same storing a number */
		insns[7] = ST_DW(BPF_REG_0, 0, 1);
		fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, id, insns, "sf_task_st_num");
		EXPECT_LOADS(fd);
		close_fd(fd);
		/* a number as the task */
		insns[0] = MOV64_IMM(BPF_REG_2, 0x1000);
		fd = LOAD(BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, id, insns, "sf_task_st_bad");
		EXPECT_VERIFIER_REFUSES(fd, EACCES, "R2 type=scalar expected=");
		close_fd(fd);
	}
	close(map);
	close(b.fd);
}

/* --- BPF_PROG_TEST_RUN of a signed program ----------------------------------- */

/*
 * The caller of BPF_PROG_TEST_RUN chooses a signed raw tracepoint
 * program's arguments: the program returns its first argument, and the
 * caller's value comes back. The residual: a signed program of such a type
 * must treat its context as untrusted input.
 */
TEST(test_run_hands_a_signed_program_the_callers_arguments)
{
	LIBBPF_OPTS(bpf_test_run_opts, run);
	static const struct bpf_insn insns[] = { LDX_DW(BPF_REG_0, BPF_REG_1, 0), EXIT };
	struct bpf_lockdown_digest_input in = {
		.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT, .prog_name = "sf_signed_rtp",
		.license = "GPL", .insns = insns, .insn_cnt = N(insns),
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_RAW_TRACEPOINT, .insns = insns,
			     .cnt = N(insns), .name = "sf_signed_rtp" };
	__u64 args[1] = { 0x41414141 };
	struct signed_load s;
	int fd;

	ASSERT_EQ(0, sign_prog(&in, &s));
	l.annot = s.annot;
	l.annot_size = s.annot_size;
	l.sig = s.sig;
	l.sig_size = s.sig_size;
	fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	EXPECT_NE(NULL, strstr(log_buf, "lockdown: signature verified (builtin keyring)"))
		TH_LOG("%s", log_buf);
	run.ctx_in = args;
	run.ctx_size_in = sizeof(args);
	ASSERT_EQ(0, bpf_prog_test_run_opts(fd, &run));
	EXPECT_EQ(0x41414141U, run.retval);
	close(fd);
}

/* --- speculative execution ------------------------------------------------------- */

static __u32 xlated_len(int fd)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	return bpf_obj_get_info_by_fd(fd, &info, &len) ? 0 : info.xlated_prog_len;
}

/*
 * A map value pointer plus a variable offset (0 to 7): without pointer
 * leaks the verifier masks the offset against speculation past the value
 * (Spectre v1), which adds instructions to the program as run; the same
 * program with a constant offset gets none. Root's programs run without
 * the mitigation below confidentiality in enforce mode.
 */
TEST(variable_pointer_arithmetic_is_masked_at_confidentiality)
{
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_spec", 4, 8, 1, NULL);
	struct bpf_insn var[] = {
		LOOKUP0(map, 4), LDX_W(BPF_REG_1, BPF_REG_0, 0),
		INSN(BPF_ALU64 | BPF_AND | BPF_K, BPF_REG_1, 0, 0, 7),
		INSN(BPF_ALU64 | BPF_ADD | BPF_X, BPF_REG_0, BPF_REG_1, 0, 0),
		INSN(BPF_LDX | BPF_MEM | BPF_B, BPF_REG_0, BPF_REG_0, 0, 0), EXIT,
	};
	struct bpf_insn cst[N(var)];
	int v, c;

	ASSERT_LE(0, map);
	memcpy(cst, var, sizeof(var));
	cst[9] = ADD64_IMM(BPF_REG_0, 3);
	v = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, var, "sf_spec_var");
	EXPECT_LOADS(v);
	c = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, cst, "sf_spec_cst");
	EXPECT_LOADS(c);
	ASSERT_LE(0, v);
	ASSERT_LE(0, c);
	if (confidentiality_enforced()) {
		EXPECT_LT(xlated_len(c), xlated_len(v));
	} else {
		EXPECT_EQ(xlated_len(c), xlated_len(v));
	}
	close(v);
	close(c);
	close(map);
}

/* Run socket filter @fd on a zeroed packet: 0 or -errno; its return value in *@retval */
static int run_socket_filter(int fd, __u32 *retval)
{
	LIBBPF_OPTS(bpf_test_run_opts, run);
	char pkt[64] = {};

	run.data_in = pkt;
	run.data_size_in = sizeof(pkt);
	if (bpf_prog_test_run_opts(fd, &run))
		return -errno;
	if (retval)
		*retval = run.retval;
	return 0;
}

/* The kernel's opcode of a speculation barrier, BPF_ST | BPF_NOSPEC (include/linux/filter.h) */
#define BPF_NOSPEC 0xc0

/* The program as run (xlated), in @insns (room for 512): its length, or -1 */
static int xlated(int fd, struct bpf_insn *insns)
{
	struct bpf_prog_info info = { .xlated_prog_len = 512 * sizeof(*insns),
				      .xlated_prog_insns = (__u64)(unsigned long)insns };
	__u32 len = sizeof(info);

	if (bpf_obj_get_info_by_fd(fd, &info, &len) ||
	    info.xlated_prog_len > 512 * sizeof(*insns))
		return -1;
	return info.xlated_prog_len / sizeof(*insns);
}

/* The program as run: how many instructions of opcode @code come right after a barrier */
static int nospec_count_before(int fd, __u8 code)
{
	struct bpf_insn insns[512];
	int len = xlated(fd, insns), i, n = 0;

	if (len < 0)
		return -1;
	for (i = 0; i + 1 < len; i++)
		n += insns[i].code == (BPF_ST | BPF_NOSPEC) && insns[i + 1].code == code;
	return n;
}

/*
 * The program as run (xlated) without its speculation barriers, in
 * @insns, each jump's offset counted without them: its length, or -1;
 * *@barriers is how many there were
 */
static int xlated_without_barriers(int fd, struct bpf_insn *insns, int *barriers)
{
	int len = xlated(fd, insns), at[513], i, n = 0;

	if (len < 0)
		return -1;
	/* at[i]: the index of instruction i (or of the next one) without them */
	for (i = 0; i < len; i++) {
		at[i] = n;
		n += insns[i].code != (BPF_ST | BPF_NOSPEC);
	}
	at[len] = n;
	*barriers = len - n;
	for (i = 0, n = 0; i < len; i++) {
		struct bpf_insn in = insns[i];
		__u8 class = BPF_CLASS(in.code), op = BPF_OP(in.code);
		int target = i + in.off + 1;

		if (in.code == (BPF_ST | BPF_NOSPEC))
			continue;
		if ((class == BPF_JMP || class == BPF_JMP32) && op != BPF_CALL &&
		    op != BPF_EXIT && target >= 0 && target <= len)
			in.off = at[target] - at[i] - 1;
		insns[n++] = in;
	}
	return n;
}

/*
 * Do programs @fd and @twin run the same instructions but for speculation
 * barriers? Then *@extra is how many more barriers @fd has.
 */
static bool same_but_barriers(int fd, int twin, int *extra)
{
	struct bpf_insn a[512], b[512];
	int ba = 0, bb = 0;
	int la = xlated_without_barriers(fd, a, &ba);
	int lb = xlated_without_barriers(twin, b, &bb);

	*extra = ba - bb;
	return la >= 0 && la == lb && !memcmp(a, b, la * sizeof(a[0]));
}

/* How many speculation barriers the program as run has, or -1 */
static int nospec_count(int fd)
{
	struct bpf_insn insns[512];
	int n;

	return xlated_without_barriers(fd, insns, &n) < 0 ? -1 : n;
}

#define JGT_IMM(d, i, o)	INSN(BPF_JMP | BPF_JGT | BPF_K, d, 0, o, i)
#define JLE_IMM(d, i, o)	INSN(BPF_JMP | BPF_JLE | BPF_K, d, 0, o, i)
#define LDX_B(d, s, o)		INSN(BPF_LDX | BPF_MEM | BPF_B, d, s, o, 0)

/*
 * r1 = value[0] & 7; r2 = the value; if (r1 <= 7) goto A: the verifier
 * knows the branch is always taken, and with the Spectre v1 mitigations
 * (confidentiality, enforce mode) explores the instruction after it as a
 * speculative path with r1 unknown, which reaches A too. That instruction
 * puts in r2 the scalar r1 (@leak false) or the frame pointer (@leak true),
 * and A's instruction is refused there: a load through a scalar,
 * "r0 = *(u8 *)(r2 + 2)" (a Spectre v1 type confusion), or the frame
 * pointer stored into the map, "*(u64 *)(r0 + 8) = r2". The path never
 * runs: the program loads with a speculation barrier right before A's
 * instruction (patches/0000i), which the CPU cannot pass before the branch
 * resolves. Without the mitigations the speculative path is dead code and
 * no barrier precedes A. Either way the program computes what it computes
 * without the barrier.
 */
static void spec_path(struct __test_metadata *_metadata, bool leak)
{
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_nospec", 4, 16, 1, NULL);
	struct bpf_insn confused[] = {
		LOOKUP0(map, 7),
		LDX_B(BPF_REG_1, BPF_REG_0, 0),
		INSN(BPF_ALU64 | BPF_AND | BPF_K, BPF_REG_1, 0, 0, 7),
		MOV64_REG(BPF_REG_2, BPF_REG_0),
		JLE_IMM(BPF_REG_1, 7, 1),
		MOV64_REG(BPF_REG_2, BPF_REG_1),		/* speculative only */
		/* A: */
		LDX_B(BPF_REG_0, BPF_REG_2, 2), EXIT,
		RET0,
	};
	struct bpf_insn store[] = {
		LOOKUP0(map, 8),
		LDX_B(BPF_REG_1, BPF_REG_0, 0),
		INSN(BPF_ALU64 | BPF_AND | BPF_K, BPF_REG_1, 0, 0, 7),
		MOV64_IMM(BPF_REG_2, 0x2a),
		JLE_IMM(BPF_REG_1, 7, 1),
		MOV64_REG(BPF_REG_2, BPF_REG_10),		/* speculative only */
		/* A: */
		STX_DW(BPF_REG_0, BPF_REG_2, 8),
		LDX_B(BPF_REG_0, BPF_REG_0, 0), EXIT,
		RET0,
	};
	/* bytes 0 and 2 of the value: 0x2a & 7 == 2 */
	__u64 value[2] = { 0x2b002aULL, 0 }, after[2] = {};
	__u8 code = leak ? BPF_STX | BPF_MEM | BPF_DW : BPF_LDX | BPF_MEM | BPF_B;
	__u32 key = 0, retval = 0;
	int fd;

	ASSERT_LE(0, map);
	ASSERT_EQ(0, bpf_map_update_elem(map, &key, value, 0));
	if (leak)
		fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, store, "sf_nospec_leak");
	else
		fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, confused, "sf_nospec");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	if (confidentiality_enforced()) {
		EXPECT_EQ(1, nospec_count_before(fd, code));
	} else {
		EXPECT_EQ(0, nospec_count_before(fd, code));
	}
	ASSERT_EQ(0, run_socket_filter(fd, &retval));
	EXPECT_EQ(leak ? 0x2aU : 0x2bU, retval);
	ASSERT_EQ(0, bpf_map_lookup_elem(map, &key, after));
	EXPECT_EQ(value[0], after[0]);
	EXPECT_EQ(leak ? 0x2aULL : 0ULL, after[1]);
	close(fd);
	close(map);
}

TEST(failed_speculative_path_gets_a_barrier_at_confidentiality)
{
	spec_path(_metadata, false);
}

TEST(speculative_pointer_leak_gets_a_barrier_at_confidentiality)
{
	spec_path(_metadata, true);
}

/*
 * A helper the tier refuses on a speculative path only is a call that
 * never runs: a tracepoint program that calls bpf_get_current_task() only
 * on the never-taken side of a branch the verifier decides loads at
 * confidentiality in enforce mode, as it does in audit mode and below
 * confidentiality, where no speculative path is explored and the dead
 * call is never seen. The verifier ends the speculative path with a
 * barrier before the call; for root it then removes the dead code, so the
 * program as run is that of a twin without the call, and nothing of the
 * refusal is logged.
 */
TEST(policy_refusal_on_a_speculative_path_only_loads)
{
	static const struct bpf_insn prog[] = {
		MOV64_IMM(BPF_REG_1, 3), JGT_IMM(BPF_REG_1, 7, 2), RET0,
		/* spec: */
		CALL(BPF_FUNC_get_current_task), RET0,
	};
	static const struct bpf_insn twin[] = {
		MOV64_IMM(BPF_REG_1, 3), JGT_IMM(BPF_REG_1, 7, 2), RET0,
		/* spec: */
		MOV64_IMM(BPF_REG_0, 0), RET0,
	};
	int fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, prog, "sf_nospec_pol");
	int tw, extra = -1;

	EXPECT_LOADS(fd);
	EXPECT_EQ(NULL, strstr(log_buf, "lockdown:")) TH_LOG("%s", log_buf);
	tw = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, twin, "sf_nospec_twin");
	EXPECT_LOADS(tw);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, tw);
	EXPECT_TRUE(same_but_barriers(fd, tw, &extra));
	EXPECT_EQ(0, extra);
	close_fd(fd);
	close_fd(tw);
}

/*
 * The same call on a path that runs is refused, whichever path the
 * verifier walks first: here both branches of "if r0 == 0" run, and the
 * speculative path to the call is walked before the taken side of the
 * unknown branch. With the call at its own instruction (@same false) a
 * refusal remembered once per helper would let the second call through;
 * at the same instruction (@same true) the barrier put before it must
 * not end a path that runs.
 */
static void spec_then_real_call(struct __test_metadata *_metadata, bool same)
{
	static const struct bpf_insn apart[] = {
		CALL(BPF_FUNC_get_prandom_u32),
		JEQ_IMM(BPF_REG_0, 0, 5),			/* runs */
		MOV64_IMM(BPF_REG_1, 3),
		JGT_IMM(BPF_REG_1, 7, 2),			/* speculative */
		RET0,
		/* spec: */
		CALL(BPF_FUNC_get_current_task),
		/* real: */
		CALL(BPF_FUNC_get_current_task), RET0,
	};
	static const struct bpf_insn together[] = {
		CALL(BPF_FUNC_get_prandom_u32),
		JEQ_IMM(BPF_REG_0, 0, 4),			/* runs */
		MOV64_IMM(BPF_REG_1, 3),
		JGT_IMM(BPF_REG_1, 7, 2),			/* speculative */
		RET0,
		/* spec and real: */
		CALL(BPF_FUNC_get_current_task), RET0,
	};
	int fd = same ? LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, together, "sf_nospec_same") :
			LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, apart, "sf_nospec_apart");

	/* refused in enforce mode, reported in audit mode, as any real call */
	expect_tier(_metadata, fd, CONF_ONLY, EACCES, "call bpf_get_current_task#35",
		    "leaks-kernel-address");
	close_fd(fd);
}

/*
 * The one refused call that stays in the program: bpf_get_stackid() asks
 * for the user stack (BPF_F_USER_STACK in r3) on the path that runs, and
 * for the kernel stack on the speculative path past "if r1 <= 7", where
 * r3 is 0. At confidentiality in enforce mode the tier refuses the call
 * there only, so it keeps a barrier right before it, which the path that
 * runs passes; elsewhere the kernel stack is allowed and no barrier goes
 * in.
 */
TEST(user_stack_call_gets_a_barrier_where_a_speculative_path_asks_for_the_kernel_stack)
{
	int map = bpf_map_create(BPF_MAP_TYPE_STACK_TRACE, "sf_spec_stack", 4, 8 * 16, 16, NULL);
	struct bpf_insn prog[] = {
		MOV64_REG(BPF_REG_6, BPF_REG_1),
		MOV64_IMM(BPF_REG_3, BPF_F_USER_STACK),
		MOV64_IMM(BPF_REG_1, 3),
		JLE_IMM(BPF_REG_1, 7, 1),
		MOV64_IMM(BPF_REG_3, 0),			/* speculative only */
		MOV64_REG(BPF_REG_1, BPF_REG_6),
		LD_MAP(BPF_REG_2, map),
		CALL(BPF_FUNC_get_stackid), RET0,
	};
	int fd;

	ASSERT_LE(0, map);
	fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, prog, "sf_spec_stack");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	EXPECT_EQ(NULL, strstr(log_buf, "lockdown:")) TH_LOG("%s", log_buf);
	EXPECT_EQ(confidentiality_enforced() ? 1 : 0,
		  nospec_count_before(fd, BPF_JMP | BPF_CALL));
	close_fd(fd);
	close(map);
}

TEST(policy_refusal_on_a_speculative_path_and_a_real_one_stays_a_refusal)
{
	spec_then_real_call(_metadata, false);
}

TEST(policy_refusal_at_a_barrier_on_a_path_that_runs_stays_a_refusal)
{
	spec_then_real_call(_metadata, true);
}

/*
 * Pruning does not hide a path that runs behind one that was speculative:
 * the path with r7 = 3 reaches P first, where the verifier decides "if r7
 * > 7" and walks the speculative path to X, whose call it ends with a
 * barrier. The path with r7 = 9 reaches P later and runs to X: the
 * decided branch made r7 precise, so the state kept at P (the load asks
 * for one at every prune point) does not prune it, and the call is
 * refused there.
 */
TEST(policy_refusal_behind_a_speculative_path_at_a_prune_point_stays_a_refusal)
{
	static const struct bpf_insn prog[] = {
		CALL(BPF_FUNC_get_prandom_u32),
		MOV64_IMM(BPF_REG_7, 9),
		JEQ_IMM(BPF_REG_0, 0, 1),
		MOV64_IMM(BPF_REG_7, 3),
		/* P: */
		JGT_IMM(BPF_REG_7, 7, 2), RET0,
		/* X: */
		CALL(BPF_FUNC_get_current_task), RET0,
	};
	/* a state kept at every prune point, P included */
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACEPOINT, .insns = prog, .cnt = N(prog),
			     .name = "sf_nospec_prune", .prog_flags = BPF_F_TEST_STATE_FREQ };
	int fd = ld_prog_load(&l, log_buf, LOG_SIZE);

	expect_tier(_metadata, fd, CONF_ONLY, EACCES, "call bpf_get_current_task#35",
		    "leaks-kernel-address");
	close_fd(fd);
}

/* Does the program as run have an instruction of opcode @code and immediate @imm? */
static bool has_insn(int fd, __u8 code, __s32 imm)
{
	struct bpf_insn insns[512];
	int len = xlated(fd, insns), i;

	for (i = 0; i < len; i++)
		if (insns[i].code == code && insns[i].imm == imm)
			return true;
	return false;
}

/* How many calls (helpers, kfuncs, functions) the program as run makes, or -1 */
static int calls(int fd)
{
	struct bpf_insn insns[512];
	int len = xlated(fd, insns), i, n = 0;

	if (len < 0)
		return -1;
	for (i = 0; i < len; i++)
		n += insns[i].code == (BPF_JMP | BPF_CALL);
	return n;
}

/*
 * A static function called from a speculative path runs speculatively:
 * the refused call in it ends that path with a barrier. Called from a
 * path that runs as well, the call is refused; called only there, the
 * function is dead code, and root's program as run is that of a twin
 * without the call (no function at all).
 */
TEST(policy_refusal_in_a_static_function_follows_its_callers)
{
	static const struct bpf_insn both[] = {
		CALL(BPF_FUNC_get_prandom_u32),
		JEQ_IMM(BPF_REG_0, 0, 6),			/* runs */
		MOV64_IMM(BPF_REG_1, 3),
		JGT_IMM(BPF_REG_1, 7, 2), RET0,			/* speculative */
		/* spec: */
		SUBPROG_CALL(3), EXIT,
		/* real: */
		SUBPROG_CALL(1), EXIT,
		/* sub: */
		MOV64_IMM(BPF_REG_6, 0), CALL(BPF_FUNC_get_current_task), RET0,
	};
	static const struct bpf_insn spec[] = {
		MOV64_IMM(BPF_REG_1, 3),
		JGT_IMM(BPF_REG_1, 7, 2), RET0,			/* speculative */
		/* spec: */
		SUBPROG_CALL(1), EXIT,
		/* sub: the call first, where the function starts */
		CALL(BPF_FUNC_get_current_task), RET0,
	};
	struct bpf_insn twin[N(spec)];
	int fd, tw, extra = -1;

	fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, both, "sf_nospec_sub2");
	expect_tier(_metadata, fd, CONF_ONLY, EACCES, "call bpf_get_current_task#35",
		    "leaks-kernel-address");
	close_fd(fd);

	memcpy(twin, spec, sizeof(spec));
	twin[6] = MOV64_IMM(BPF_REG_0, 0);
	fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, spec, "sf_nospec_sub");
	EXPECT_LOADS(fd);
	tw = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, twin, "sf_nospec_subtw");
	EXPECT_LOADS(tw);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, tw);
	EXPECT_TRUE(same_but_barriers(fd, tw, &extra));
	EXPECT_EQ(0, extra);
	EXPECT_EQ(0, calls(fd));
	close_fd(fd);
	close_fd(tw);
}

/*
 * A bpf_loop() callback is walked as part of its caller, on a path that
 * runs: a refused call on a speculative path inside it ends that path
 * with a barrier, and the dead call goes, whether the verifier inlines the
 * loop (flags a known 0, @inline) or not (flags unknown).
 */
static void loop_callback_spec_call(struct __test_metadata *_metadata, bool inline_loop)
{
	struct bpf_insn prog[] = {
		CALL(BPF_FUNC_get_prandom_u32),
		inline_loop ? MOV64_IMM(BPF_REG_4, 0) : MOV64_REG(BPF_REG_4, BPF_REG_0),
		MOV64_IMM(BPF_REG_1, 1), LD_FUNC(BPF_REG_2, 5), MOV64_IMM(BPF_REG_3, 0),
		CALL(BPF_FUNC_loop), RET0,
		/* cb: */
		MOV64_IMM(BPF_REG_6, 3),
		JLE_IMM(BPF_REG_6, 7, 1),
		CALL(BPF_FUNC_get_current_task),		/* speculative only */
		RET0,
	};
	struct bpf_insn twin[N(prog)];
	struct sf_btf b;
	int fd, tw, extra = -1;

	memcpy(twin, prog, sizeof(prog));
	twin[11] = MOV64_IMM(BPF_REG_0, 0);
	ASSERT_LE(0, make_btf(&b));
	fd = load_btf(&b, BPF_PROG_TYPE_TRACEPOINT, 0, 0, prog, N(prog), 9, "sf_nospec_loop");
	EXPECT_LOADS(fd);
	tw = load_btf(&b, BPF_PROG_TYPE_TRACEPOINT, 0, 0, twin, N(twin), 9, "sf_nospec_looptw");
	EXPECT_LOADS(tw);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, tw);
	EXPECT_TRUE(same_but_barriers(fd, tw, &extra));
	EXPECT_EQ(0, extra);
	/* the inlined loop checks its count against BPF_MAX_LOOPS */
	EXPECT_EQ(inline_loop, has_insn(fd, BPF_JMP | BPF_JLE | BPF_K, 1 << 23));
	close_fd(fd);
	close_fd(tw);
	close(b.fd);
}

TEST(policy_refusal_on_a_speculative_path_in_an_inlined_loop_callback_loads)
{
	loop_callback_spec_call(_metadata, true);
}

TEST(policy_refusal_on_a_speculative_path_in_a_loop_callback_loads)
{
	loop_callback_spec_call(_metadata, false);
}

/*
 * A global function is verified on its own, from a state that runs, once
 * a call to it was seen, even on a speculative path: its refused call is
 * refused at confidentiality in enforce mode. Where no speculative path
 * is walked (audit mode, below confidentiality), the call to it is never
 * seen, the function is not verified, and the program loads: audit mode
 * does not report this refusal (Documentation/threat-model.rst).
 */
TEST(policy_refusal_in_a_global_function_called_speculatively_is_refused)
{
	static const struct bpf_insn prog[] = {
		MOV64_IMM(BPF_REG_1, 3),
		JGT_IMM(BPF_REG_1, 7, 2), RET0,			/* speculative */
		/* spec: */
		SUBPROG_CALL(1), EXIT,
		/* gsub: */
		CALL(BPF_FUNC_get_current_task), RET0,
	};
	struct bpf_func_info fi[2];
	struct sf_btf b;
	int fd;

	ASSERT_LE(0, make_btf(&b));
	fi[0] = (struct bpf_func_info){ 0, b.main_fn };
	fi[1] = (struct bpf_func_info){ 6, b.gsub_fn };
	{
		struct ld_load l = { .type = BPF_PROG_TYPE_TRACEPOINT, .insns = prog,
				     .cnt = N(prog), .name = "sf_nospec_gsub", .btf_fd = b.fd,
				     .func_info = fi, .func_info_cnt = 2 };

		fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	}
	if (confidentiality_enforced()) {
		char line[512];

		tier_line(line, sizeof(line), "call bpf_get_current_task#35",
			  "leaks-kernel-address");
		EXPECT_EQ(-EACCES, fd) TH_LOG("%s", log_buf);
		EXPECT_NE(NULL, strstr(log_buf, line)) TH_LOG("want \"%s\":\n%s", line, log_buf);
	} else {
		EXPECT_LOADS(fd);
	}
	close_fd(fd);
	close(b.fd);
}

/*
 * A loop with a known trip count: where speculative paths are walked, the
 * last test of the count has a speculative path back into the loop with
 * the count unknown, which comes back to the same test; the program loads
 * at every level and in every mode, and counts to 4.
 */
TEST(bounded_loop_loads_where_speculative_paths_are_walked)
{
	static const struct bpf_insn prog[] = {
		MOV64_IMM(BPF_REG_7, 0),
		/* L: */
		ADD64_IMM(BPF_REG_7, 1),
		INSN(BPF_JMP | BPF_JLT | BPF_K, BPF_REG_7, 0, -2, 4),	/* goto L */
		MOV64_REG(BPF_REG_0, BPF_REG_7), EXIT,
	};
	int fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, prog, "sf_spec_count");
	__u32 retval = 0;

	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, run_socket_filter(fd, &retval));
	EXPECT_EQ(4U, retval);
	close_fd(fd);
}

/*
 * The speculative path back into a loop still has its checks: it leaves
 * the loop with the count unbounded and adds it to a map value pointer,
 * which the Spectre v1 rules refuse there: the program as run has
 * barriers (before the masking of the addition); where it runs, the
 * count is 4 and the program returns byte 4 of the value. A loop that
 * never ends is refused at every level as before.
 */
TEST(bounded_loop_keeps_the_checks_of_its_speculative_path)
{
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_spec_cnt", 4, 8, 1, NULL);
	struct bpf_insn prog[] = {
		LOOKUP0(map, 8),
		MOV64_REG(BPF_REG_6, BPF_REG_0),
		MOV64_IMM(BPF_REG_7, 0),
		/* L: */
		ADD64_IMM(BPF_REG_7, 1),
		INSN(BPF_JMP | BPF_JLT | BPF_K, BPF_REG_7, 0, -2, 4),	/* goto L */
		MOV64_REG(BPF_REG_1, BPF_REG_6),
		INSN(BPF_ALU64 | BPF_ADD | BPF_X, BPF_REG_1, BPF_REG_7, 0, 0),
		LDX_B(BPF_REG_0, BPF_REG_1, 0),
		EXIT,
		RET0,
	};
	static const struct bpf_insn forever[] = {
		MOV64_IMM(BPF_REG_7, 0),
		/* L: */
		ADD64_IMM(BPF_REG_7, 0),
		INSN(BPF_JMP | BPF_JLT | BPF_K, BPF_REG_7, 0, -2, 4),	/* goto L */
		RET0,
	};
	__u64 value = 0x2a00000000ULL;
	__u32 key = 0, retval = 0;
	int fd;

	ASSERT_LE(0, map);
	ASSERT_EQ(0, bpf_map_update_elem(map, &key, &value, 0));
	fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, prog, "sf_spec_cnt");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	if (confidentiality_enforced()) {
		EXPECT_LT(0, nospec_count(fd));
	} else {
		EXPECT_EQ(0, nospec_count(fd));
	}
	ASSERT_EQ(0, run_socket_filter(fd, &retval));
	EXPECT_EQ(0x2aU, retval);
	close_fd(fd);
	fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, forever, "sf_spec_forever");
	EXPECT_VERIFIER_REFUSES(fd, EINVAL, "infinite loop detected");
	close_fd(fd);
	close(map);
}

/*
 * A speculative path pruned where it repeats an ancestor's state must not
 * leave stale marks behind: the path from X enters the loop at its last
 * test with r9 a number read from the map, and its speculative path back
 * into the loop reaches C, where r9 is loaded through, before it repeats
 * a state. The load at C needs a barrier for that path, wherever the
 * verifier walks it first (a state kept at every prune point).
 */
TEST(pruned_speculative_loop_path_keeps_the_barrier_behind_it)
{
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_spec_stale", 4, 8, 1, NULL);
	struct bpf_insn prog[] = {
		LOOKUP0(map, 18),
		MOV64_REG(BPF_REG_6, BPF_REG_0),
		MOV64_REG(BPF_REG_9, BPF_REG_6),
		INSN(BPF_LDX | BPF_MEM | BPF_W, BPF_REG_8, BPF_REG_6, 0, 0),
		JEQ_IMM(BPF_REG_8, 7, 10),			/* goto X */
		MOV64_IMM(BPF_REG_7, 0),
		/* H: */
		ADD64_IMM(BPF_REG_7, 1),
		INSN(BPF_LDX | BPF_MEM | BPF_W, BPF_REG_0, BPF_REG_6, 4, 0),
		JEQ_IMM(BPF_REG_0, 5, 3),			/* goto C */
		MOV64_IMM(BPF_REG_0, 0),
		/* J: */
		INSN(BPF_JMP | BPF_JLT | BPF_K, BPF_REG_7, 0, -5, 3),	/* goto H */
		EXIT,
		/* C: */
		LDX_B(BPF_REG_0, BPF_REG_9, 0), MOV64_IMM(BPF_REG_0, 0), EXIT,
		/* X: */
		LDX_DW(BPF_REG_9, BPF_REG_6, 0),
		MOV64_IMM(BPF_REG_7, 3), MOV64_IMM(BPF_REG_0, 0),
		INSN(BPF_JMP | BPF_JA, 0, 0, -9, 0),		/* goto J */
		RET0,
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_SOCKET_FILTER, .insns = prog, .cnt = N(prog),
			     .name = "sf_spec_stale", .prog_flags = BPF_F_TEST_STATE_FREQ };
	__u32 retval = 1;
	int fd;

	ASSERT_LE(0, map);
	fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	EXPECT_EQ(confidentiality_enforced() ? 1 : 0,
		  nospec_count_before(fd, BPF_LDX | BPF_MEM | BPF_B));
	ASSERT_EQ(0, run_socket_filter(fd, &retval));
	EXPECT_EQ(0U, retval);
	close_fd(fd);
	close(map);
}

/*
 * A jump back onto the one refused call that stays (a user stack asked
 * for where it runs, a kernel stack on a speculative path that jumps back
 * to it after the loop) lands on the barrier before it: the loop runs
 * the call twice, both times past the barrier.
 */
TEST(backward_jump_onto_a_kept_call_lands_on_its_barrier)
{
	int map = bpf_map_create(BPF_MAP_TYPE_STACK_TRACE, "sf_spec_loop", 4, 8 * 16, 16, NULL);
	struct bpf_insn prog[] = {
		MOV64_REG(BPF_REG_9, BPF_REG_1),
		MOV64_IMM(BPF_REG_7, 0),
		MOV64_IMM(BPF_REG_6, 3),
		MOV64_REG(BPF_REG_1, BPF_REG_9), LD_MAP(BPF_REG_2, map),
		MOV64_IMM(BPF_REG_3, BPF_F_USER_STACK),
		/* X: */
		CALL(BPF_FUNC_get_stackid),
		ADD64_IMM(BPF_REG_7, 1),
		MOV64_REG(BPF_REG_1, BPF_REG_9), LD_MAP(BPF_REG_2, map),
		MOV64_IMM(BPF_REG_3, BPF_F_USER_STACK),
		INSN(BPF_JMP | BPF_JLT | BPF_K, BPF_REG_7, 0, -7, 2),	/* goto X */
		MOV64_IMM(BPF_REG_3, 0),
		JLE_IMM(BPF_REG_6, 7, 1),
		INSN(BPF_JMP | BPF_JA, 0, 0, -10, 0),		/* speculative only: goto X */
		RET0,
	};
	struct bpf_insn insns[512];
	int fd, len, i, target = -1;

	ASSERT_LE(0, map);
	fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, prog, "sf_spec_loop");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	len = xlated(fd, insns);
	ASSERT_LT(0, len);
	for (i = 0; i < len; i++)
		if (insns[i].code == (BPF_JMP | BPF_JLT | BPF_K))
			target = i + insns[i].off + 1;
	ASSERT_LE(0, target);
	ASSERT_GT(len - 1, target);
	if (confidentiality_enforced()) {
		EXPECT_EQ(BPF_ST | BPF_NOSPEC, insns[target].code);
		EXPECT_EQ(BPF_JMP | BPF_CALL, insns[target + 1].code);
	} else {
		EXPECT_EQ(BPF_JMP | BPF_CALL, insns[target].code);
	}
	EXPECT_EQ(confidentiality_enforced() ? 1 : 0,
		  nospec_count_before(fd, BPF_JMP | BPF_CALL));
	close_fd(fd);
	close(map);
}

/*
 * The barrier goes in front of the refused instruction when the program is
 * rewritten, and the instruction is copied after it with its offset as it
 * was: a backward jump there would land one instruction late. Here the
 * speculative path reaches "X: if r6 < r7 goto L" with r7 the frame
 * pointer ("R7 pointer comparison prohibited"); with a barrier before X,
 * the architectural jump to L would skip "r3 = r9" and load from the
 * scalar read from the map: a read of any kernel address. Jumps, calls
 * and exits are refused on speculative paths as on any other.
 */
TEST(backward_jump_refused_on_a_speculative_path_stays_a_refusal)
{
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_nospec_jmp", 4, 16, 1, NULL);
	struct bpf_insn prog[] = {
		LOOKUP0(map, 11),
		MOV64_REG(BPF_REG_9, BPF_REG_0),
		LDX_DW(BPF_REG_3, BPF_REG_9, 0),		/* a scalar */
		MOV64_IMM(BPF_REG_6, 0), MOV64_IMM(BPF_REG_7, 1),
		INSN(BPF_JMP | BPF_JA, 0, 0, 3, 0),		/* goto B */
		/* L: */
		MOV64_REG(BPF_REG_3, BPF_REG_9),
		LDX_DW(BPF_REG_0, BPF_REG_3, 8), EXIT,
		/* B: */
		JEQ_IMM(BPF_REG_6, 0, 1),
		MOV64_REG(BPF_REG_7, BPF_REG_10),		/* speculative only */
		/* X: */
		INSN(BPF_JMP | BPF_JLT | BPF_X, BPF_REG_6, BPF_REG_7, -6, 0),	/* goto L */
		RET0,
	};
	__u64 value[2] = { 0, 0x2a };
	__u32 key = 0;
	int fd;

	ASSERT_LE(0, map);
	ASSERT_EQ(0, bpf_map_update_elem(map, &key, value, 0));
	fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, prog, "sf_nospec_jmp");
	if (confidentiality_enforced()) {
		EXPECT_VERIFIER_REFUSES(fd, EACCES, "R7 pointer comparison prohibited");
	} else {
		__u32 retval = 0;

		EXPECT_LOADS(fd);
		ASSERT_LE(0, fd);
		EXPECT_EQ(0, nospec_count(fd));
		ASSERT_EQ(0, run_socket_filter(fd, &retval));
		EXPECT_EQ(0x2aU, retval);
	}
	close_fd(fd);
	close(map);
}

/*
 * A helper call refused on a speculative path stays a refusal: calls are
 * rewritten before the barrier goes in (bpf_loop is inlined, and the mark
 * would move past the loop). Here the key of bpf_map_lookup_elem() is a
 * scalar on the speculative path only.
 */
TEST(helper_call_refused_on_a_speculative_path_stays_a_refusal)
{
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_nospec_call", 4, 8, 1, NULL);
	struct bpf_insn prog[] = {
		MOV64_IMM(BPF_REG_6, 3), ST_W(BPF_REG_10, -4, 0),
		MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -4),
		JLE_IMM(BPF_REG_6, 7, 1),
		MOV64_IMM(BPF_REG_2, 0),			/* speculative only */
		LD_MAP(BPF_REG_1, map), CALL(BPF_FUNC_map_lookup_elem), RET0,
	};
	int fd;

	ASSERT_LE(0, map);
	fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, prog, "sf_nospec_call");
	if (confidentiality_enforced()) {
		EXPECT_VERIFIER_REFUSES(fd, EACCES, "R2 type=scalar expected=");
	} else {
		EXPECT_LOADS(fd);
		EXPECT_EQ(0, nospec_count(fd));
	}
	close_fd(fd);
	close(map);
}

/*
 * The spills and fills around a fastcall helper are removed before the
 * barrier goes in, with the mark: a spill refused on a speculative path
 * ("R1 !read_ok", bpf_get_prandom_u32() scratched r1 there) stays a
 * refusal.
 */
TEST(fastcall_spill_refused_on_a_speculative_path_stays_a_refusal)
{
	static const struct bpf_insn prog[] = {
		MOV64_IMM(BPF_REG_6, 3), MOV64_IMM(BPF_REG_1, 0),
		JLE_IMM(BPF_REG_6, 7, 1),
		CALL(BPF_FUNC_get_prandom_u32),			/* speculative only */
		STX_DW(BPF_REG_10, BPF_REG_1, -8),
		CALL(BPF_FUNC_get_smp_processor_id),
		LDX_DW(BPF_REG_1, BPF_REG_10, -8),
		MOV64_REG(BPF_REG_0, BPF_REG_1), EXIT,
	};
	int fd = LOAD(BPF_PROG_TYPE_TRACEPOINT, 0, 0, prog, "sf_nospec_fcall");

	if (confidentiality_enforced()) {
		EXPECT_VERIFIER_REFUSES(fd, EACCES, "R1 !read_ok");
	} else {
		EXPECT_LOADS(fd);
		EXPECT_EQ(0, nospec_count(fd));
	}
	close_fd(fd);
}

/*
 * A speculative path that fails leaves nothing on the instruction but the
 * barrier. The program as run is its twin's, whose speculative path does
 * not fail, plus the barrier; @prog and @twin differ in the instructions
 * only that path runs.
 */
static void leaves_only_a_barrier(struct __test_metadata *_metadata,
				  const struct bpf_insn *prog, const struct bpf_insn *twin,
				  int cnt, const char *name)
{
	int fd = load(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, prog, cnt, name);
	int twin_fd, extra = -1;

	EXPECT_LOADS(fd);
	twin_fd = load(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, twin, cnt, name);
	EXPECT_LOADS(twin_fd);
	if (fd >= 0 && twin_fd >= 0) {
		struct bpf_insn a[512], b[512];
		int na, nb, la = xlated_without_barriers(fd, a, &na);
		int lb = xlated_without_barriers(twin_fd, b, &nb), i;

		EXPECT_TRUE(same_but_barriers(fd, twin_fd, &extra)) {
			for (i = 0; i < la || i < lb; i++)
				TH_LOG("%2d: %02x %d %d %4d %8d | %02x %d %d %4d %8d", i,
				       i < la ? a[i].code : 0, i < la ? a[i].dst_reg : 0,
				       i < la ? a[i].src_reg : 0, i < la ? a[i].off : 0,
				       i < la ? a[i].imm : 0,
				       i < lb ? b[i].code : 0, i < lb ? b[i].dst_reg : 0,
				       i < lb ? b[i].src_reg : 0, i < lb ? b[i].off : 0,
				       i < lb ? b[i].imm : 0);
		}
		EXPECT_EQ(confidentiality_enforced() ? 1 : 0, extra);
	}
	close_fd(fd);
	close_fd(twin_fd);
}

/*
 * "r0 = *(u8 *)(r2 + 48)" reads the dst_port of skb->sk (a 2-byte field)
 * where it runs, and __sk_buff's cb[0] on a speculative path, where the
 * verifier refuses it ("same insn cannot be used with different
 * pointers") after it recorded cb's field size. Had that size stayed, the
 * rewrite would have made the byte load an unmasked 2-byte load: a value
 * above the 255 the verifier proved, a length past a buffer.
 */
TEST(failed_speculative_path_leaves_the_context_field_size)
{
	struct bpf_insn prog[] = {
		MOV64_REG(BPF_REG_6, BPF_REG_1),
		LDX_DW(BPF_REG_2, BPF_REG_1, offsetof(struct __sk_buff, sk)),
		JEQ_IMM(BPF_REG_2, 0, 5),
		MOV64_IMM(BPF_REG_4, 0),
		JEQ_IMM(BPF_REG_4, 0, 1),
		MOV64_REG(BPF_REG_2, BPF_REG_6),		/* speculative only */
		LDX_B(BPF_REG_0, BPF_REG_2, offsetof(struct bpf_sock, dst_port)), EXIT,
		RET0,
	};
	struct bpf_insn twin[N(prog)];

	memcpy(twin, prog, sizeof(prog));
	twin[5] = MOV64_IMM(BPF_REG_5, 0);
	leaves_only_a_barrier(_metadata, prog, twin, N(prog), "sf_nospec_size");
}

/*
 * "*(u32 *)(r2 + 48) = r4" stores into __sk_buff's cb[0] where it runs,
 * and into the stack on a speculative path, where the verifier marks it
 * for a Spectre v4 fence and then refuses it (different pointers). Had
 * the mark stayed, the rewrite would have fenced the store and skipped
 * its context conversion: a store at __sk_buff's offset into the
 * sk_buff.
 */
TEST(failed_speculative_path_leaves_the_context_store_converted)
{
	struct bpf_insn prog[] = {
		MOV64_REG(BPF_REG_2, BPF_REG_1),
		MOV64_IMM(BPF_REG_4, 0),
		JEQ_IMM(BPF_REG_4, 0, 2),
		MOV64_REG(BPF_REG_2, BPF_REG_10),		/* speculative only */
		ADD64_IMM(BPF_REG_2, -56),			/* speculative only */
		STX_W(BPF_REG_2, BPF_REG_4, SKB_CB0),
		RET0,
	};
	struct bpf_insn twin[N(prog)];

	memcpy(twin, prog, sizeof(prog));
	twin[3] = MOV64_IMM(BPF_REG_5, 0);
	twin[4] = MOV64_IMM(BPF_REG_5, 0);
	leaves_only_a_barrier(_metadata, prog, twin, N(prog), "sf_nospec_store");
}

/*
 * Pointer arithmetic "r6 += r7" verified with the Spectre v1 mitigations
 * runs as the verifier rewrote it for the paths that run: with r7 a
 * constant there, as "r6 += <that constant>"; with r7 variable, as r7
 * masked to the range those paths add, or 0. A speculative path reaching
 * the same instruction with other registers runs that rewrite, not what
 * it was verified with: "r6 = fp - 8; r7 = 0" on a speculative path
 * through "r6 += r7", rewritten as "r6 += 496" for the path with "r6 = fp
 * - 504; r7 = 496", reads fp + 488, in the kernel stack past the BPF
 * frame (patches/0000k).
 *
 * The program: a map value's first byte picks one of two blocks; each
 * sets r6, r7, r9 and r8 and goes to D, "if r8 != 0 goto X", which the
 * verifier decides for each block. The block with r8 = 0 runs to A, "r6
 * += r7", then loads a byte through r6 and one through r9; the block with
 * r8 = 1 goes to X, and reaches A only as a speculative path, the
 * mispredicted side of D. Every instruction runs on some path, so none is
 * removed as dead code. The verifier walks the first block first: with
 * the speculative block first, the speculative path reaches A before any
 * path that runs has told the verifier how A is rewritten.
 *
 * At confidentiality in enforce mode the program loads with a speculation
 * barrier right before A (the first instruction of its rewrite moves a
 * constant into the verifier's scratch register) when the rewrite does
 * not compute on the speculative path what the path was verified with,
 * and with no barrier when it does; elsewhere no speculative path is
 * explored, and no barrier goes in. Each program runs and returns 0.
 */
enum spec_alu { SPEC_ALU_SAME, SPEC_ALU_OTHER_CONSTANT, SPEC_ALU_SWAPPED,
		SPEC_ALU_MASKED, SPEC_ALU_CONSTANT };

#define PAD		MOV64_IMM(BPF_REG_5, 0)
#define AND64_IMM(d, i)	INSN(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, i)
#define SPEC_BLOCK	7
/* the path that runs with "r6 = fp - 504; r7 = 496" to A, r9 the map value */
#define RUNS_ON_THE_STACK									\
	{ FP(BPF_REG_6, -504), MOV64_IMM(BPF_REG_7, 496),					\
	  MOV64_REG(BPF_REG_9, BPF_REG_0), MOV64_IMM(BPF_REG_8, 0), PAD, PAD }

static void spec_ptr_alu(struct __test_metadata *_metadata, enum spec_alu v, bool spec_first)
{
	/* the path that runs through A (r8 = 0) and the speculative one (r8 = 1) */
	static const struct bpf_insn blocks[][2][SPEC_BLOCK] = {
		/* the same registers at A, but r9: the rewrite is what it verified */
		[SPEC_ALU_SAME] = {
			RUNS_ON_THE_STACK,
			{ FP(BPF_REG_6, -504), MOV64_IMM(BPF_REG_7, 496),
			  FP(BPF_REG_9, -8), MOV64_IMM(BPF_REG_8, 1), PAD },
		},
		/* r6 += 496 runs on fp - 8: fp + 488, verified as fp - 8 */
		[SPEC_ALU_OTHER_CONSTANT] = {
			RUNS_ON_THE_STACK,
			{ FP(BPF_REG_6, -8), MOV64_IMM(BPF_REG_7, 0),
			  MOV64_REG(BPF_REG_9, BPF_REG_0), MOV64_IMM(BPF_REG_8, 1), PAD, PAD },
		},
		/* the pointer in r7: r6 = 0 + 496, a load from address 496 */
		[SPEC_ALU_SWAPPED] = {
			RUNS_ON_THE_STACK,
			{ MOV64_IMM(BPF_REG_6, 0), FP(BPF_REG_7, -8),
			  MOV64_REG(BPF_REG_9, BPF_REG_0), MOV64_IMM(BPF_REG_8, 1), PAD, PAD },
		},
		/* r7 masked to 0 to 7: -8 becomes 0, a load at fp + 0 verified at fp - 8 */
		[SPEC_ALU_MASKED] = {
			{ MOV64_REG(BPF_REG_6, BPF_REG_0), LDX_B(BPF_REG_7, BPF_REG_0, 1),
			  AND64_IMM(BPF_REG_7, 7), MOV64_REG(BPF_REG_9, BPF_REG_0),
			  MOV64_IMM(BPF_REG_8, 0), PAD, PAD },
			{ MOV64_REG(BPF_REG_6, BPF_REG_10), MOV64_IMM(BPF_REG_7, -8),
			  MOV64_REG(BPF_REG_9, BPF_REG_0), MOV64_IMM(BPF_REG_8, 1), PAD, PAD, PAD },
		},
		/* r6 += 8 runs for r7 of 0 to 7: value + 16, one past the 16-byte value */
		[SPEC_ALU_CONSTANT] = {
			{ MOV64_REG(BPF_REG_6, BPF_REG_0), MOV64_IMM(BPF_REG_7, 8),
			  MOV64_REG(BPF_REG_9, BPF_REG_0), MOV64_IMM(BPF_REG_8, 0), PAD, PAD, PAD },
			{ MOV64_REG(BPF_REG_6, BPF_REG_0), ADD64_IMM(BPF_REG_6, 8),
			  LDX_B(BPF_REG_7, BPF_REG_0, 1), AND64_IMM(BPF_REG_7, 7),
			  MOV64_REG(BPF_REG_9, BPF_REG_0), MOV64_IMM(BPF_REG_8, 1), PAD },
		},
	};
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "sf_spec_alu", 4, 16, 1, NULL);
	struct bpf_insn head[] = {
		ST_DW(BPF_REG_10, -8, 0), ST_DW(BPF_REG_10, -16, 0),
		LOOKUP0(map, 2 + 2 * SPEC_BLOCK + 1 + 6),
		LDX_B(BPF_REG_1, BPF_REG_0, 0),
		JNE_IMM(BPF_REG_1, 0, SPEC_BLOCK + 1),	/* both run */
	};
	struct bpf_insn tail[] = {
		/* D: */
		JNE_IMM(BPF_REG_8, 0, 5),		/* decided for each block */
		/* A: */
		INSN(BPF_ALU64 | BPF_ADD | BPF_X, BPF_REG_6, BPF_REG_7, 0, 0),
		LDX_B(BPF_REG_0, BPF_REG_6, 0),
		LDX_B(BPF_REG_1, BPF_REG_9, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_X, BPF_REG_0, BPF_REG_1, 0, 0), EXIT,
		/* X: */
		RET0,
	};
	struct bpf_insn prog[N(head) + 2 * SPEC_BLOCK + 1 + N(tail)], *p = prog;
	__u32 retval = 1;
	int fd;

	ASSERT_LE(0, map);
	memcpy(p, head, sizeof(head));
	p += N(head);
	memcpy(p, blocks[v][spec_first], sizeof(blocks[v][0]));
	p += SPEC_BLOCK;
	*p++ = INSN(BPF_JMP | BPF_JA, 0, 0, SPEC_BLOCK, 0);	/* goto D */
	memcpy(p, blocks[v][!spec_first], sizeof(blocks[v][0]));
	p += SPEC_BLOCK;
	memcpy(p, tail, sizeof(tail));

	fd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, prog, "sf_spec_alu");
	EXPECT_LOADS(fd);
	ASSERT_LE(0, fd);
	EXPECT_EQ(confidentiality_enforced() && v != SPEC_ALU_SAME ? 1 : 0,
		  nospec_count_before(fd, BPF_ALU | BPF_MOV | BPF_K));
	ASSERT_EQ(0, run_socket_filter(fd, &retval));
	EXPECT_EQ(0U, retval);
	close_fd(fd);
	close(map);
}

TEST(speculative_pointer_arithmetic_like_the_paths_that_run_gets_no_barrier)
{
	spec_ptr_alu(_metadata, SPEC_ALU_SAME, false);
	spec_ptr_alu(_metadata, SPEC_ALU_SAME, true);
}

TEST(speculative_pointer_arithmetic_with_another_constant_gets_a_barrier)
{
	spec_ptr_alu(_metadata, SPEC_ALU_OTHER_CONSTANT, false);
	spec_ptr_alu(_metadata, SPEC_ALU_OTHER_CONSTANT, true);
}

TEST(speculative_pointer_arithmetic_with_the_pointer_swapped_gets_a_barrier)
{
	spec_ptr_alu(_metadata, SPEC_ALU_SWAPPED, false);
	spec_ptr_alu(_metadata, SPEC_ALU_SWAPPED, true);
}

TEST(speculative_constant_where_the_paths_that_run_mask_gets_a_barrier)
{
	spec_ptr_alu(_metadata, SPEC_ALU_MASKED, false);
	spec_ptr_alu(_metadata, SPEC_ALU_MASKED, true);
}

TEST(speculative_variable_where_the_paths_that_run_add_a_constant_gets_a_barrier)
{
	spec_ptr_alu(_metadata, SPEC_ALU_CONSTANT, false);
	spec_ptr_alu(_metadata, SPEC_ALU_CONSTANT, true);
}

/* --- timers in maps shared with signed programs ------------------------------- */

#define LD_MAP_IDX(d, idx) \
	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_IDX, 0, idx), INSN(0, 0, 0, 0, 0)

/*
 * The remains of the row: a signed program sets a timer in a map, with
 * its own callback (which counts its runs in the value); an unsigned
 * program holding the map starts that timer, and the signed callback runs
 * when the unsigned program chose, at every level
 */
TEST(unsigned_program_starts_a_signed_programs_timer)
{
	struct sf_btf b;
	int map, sfd, ufd, grant[] = { BPF_FUNC_map_lookup_elem, BPF_FUNC_timer_init,
				      BPF_FUNC_timer_set_callback, 0 };
	__u32 key = 0;
	__u64 value[3];

	ASSERT_LE(0, make_btf(&b)) TH_LOG("program BTF");
	ASSERT_NE(NULL, b.raw);
	map = btf_map(&b, b.timer_cnt_val, 24, "sf_timer_cnt");
	ASSERT_LE(0, map) TH_LOG("timer map: %s", strerror(-map));
	{
		static const struct bpf_insn sinsns[] = {
			ST_W(BPF_REG_10, -4, 0), MOV64_REG(BPF_REG_2, BPF_REG_10),
			ADD64_IMM(BPF_REG_2, -4), LD_MAP_IDX(BPF_REG_1, 0),
			CALL(BPF_FUNC_map_lookup_elem), JEQ_IMM(BPF_REG_0, 0, 10),
			MOV64_REG(BPF_REG_6, BPF_REG_0), MOV64_REG(BPF_REG_1, BPF_REG_0),
			LD_MAP_IDX(BPF_REG_2, 0), MOV64_IMM(BPF_REG_3, 1),
			CALL(BPF_FUNC_timer_init),
			MOV64_REG(BPF_REG_1, BPF_REG_6), LD_FUNC(BPF_REG_2, 4),
			CALL(BPF_FUNC_timer_set_callback), RET0,
			/* cb(map, key, value): value->n++ */
			LDX_DW(BPF_REG_1, BPF_REG_3, 16), ADD64_IMM(BPF_REG_1, 1),
			STX_DW(BPF_REG_3, BPF_REG_1, 16), RET0,
		};
		struct bpf_func_info fi[2] = { { 0, b.main_fn }, { 19, b.cb_fn } };
		struct bpf_map_info info = {};
		__u32 len = sizeof(info);
		struct bpf_lockdown_digest_map desc = {};
		struct bpf_lockdown_digest_input in = {
			.prog_type = BPF_PROG_TYPE_SOCKET_FILTER, .prog_name = "sf_signed_timer",
			.license = "GPL", .insns = sinsns, .insn_cnt = N(sinsns), .maps = &desc,
			.map_cnt = 1, .btf = b.raw, .btf_size = b.raw_size, .func_info = fi,
			.func_info_cnt = 2, .func_info_rec_size = sizeof(fi[0]),
		};
		struct ld_load l = { .type = BPF_PROG_TYPE_SOCKET_FILTER, .insns = sinsns,
				     .cnt = N(sinsns), .name = "sf_signed_timer", .btf_fd = b.fd,
				     .func_info = fi, .func_info_cnt = 2, .fd_array = &map };
		struct bpf_insn uinsns[] = {
			LOOKUP0(map, 4), MOV64_REG(BPF_REG_1, BPF_REG_0), MOV64_IMM(BPF_REG_2, 0),
			MOV64_IMM(BPF_REG_3, 0), CALL(BPF_FUNC_timer_start), RET0,
		};
		struct signed_load sl;

		ASSERT_EQ(0, bpf_obj_get_info_by_fd(map, &info, &len));
		desc.type = info.type;
		desc.key_size = info.key_size;
		desc.value_size = info.value_size;
		desc.max_entries = info.max_entries;
		desc.flags = info.map_flags;
		ASSERT_EQ(0, sign_prog_grant(&in, &sl, grant));
		l.annot = sl.annot;
		l.annot_size = sl.annot_size;
		l.sig = sl.sig;
		l.sig_size = sl.sig_size;
		sfd = ld_prog_load(&l, log_buf, LOG_SIZE);
		ASSERT_LE(0, sfd) TH_LOG("%s", log_buf);
		EXPECT_NE(NULL, strstr(log_buf, "lockdown: signature verified (builtin keyring)"))
			TH_LOG("%s", log_buf);
		ASSERT_EQ(0, run_socket_filter(sfd, NULL));
		ufd = LOAD(BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, uinsns, "sf_timer_start");
		EXPECT_LOADS(ufd);
		ASSERT_LE(0, ufd);
		ASSERT_EQ(0, bpf_map_lookup_elem(map, &key, value));
		EXPECT_EQ(0ULL, value[2]);
		ASSERT_EQ(0, run_socket_filter(ufd, NULL));
		for (int i = 0; i < 100 && !value[2]; i++) {
			usleep(10000);
			ASSERT_EQ(0, bpf_map_lookup_elem(map, &key, value));
		}
		EXPECT_EQ(1ULL, value[2]);
		close(ufd);
		close(sfd);
	}
	close(map);
	close(b.fd);
	free(b.raw);
}

/* --- the kernel_stack capability ---------------------------------------------- */

/* A kprobe calling bpf_get_stack(ctx, stack, 64, @flags), signed with @caps */
/* Sign @in with an annotation of @grant and @caps, and load it as @l */
static int load_signed_caps(struct bpf_lockdown_digest_input *in, struct ld_load *l,
			    const int *grant, __u32 caps)
{
	static struct signed_load sl;

	if (sign_prog_caps(in, &sl, grant, caps))
		return -EBADMSG;
	l->annot = sl.annot;
	l->annot_size = sl.annot_size;
	l->sig = sl.sig;
	l->sig_size = sl.sig_size;
	return ld_prog_load(l, log_buf, LOG_SIZE);
}

static int load_signed_get_stack(__u64 flags, __u32 caps)
{
	static const int grant[] = { BPF_FUNC_get_stack, 0 };
	struct bpf_insn insns[] = {
		MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -64),
		MOV64_IMM(BPF_REG_3, 64), MOV64_IMM(BPF_REG_4, flags), CALL(BPF_FUNC_get_stack),
		RET0,
	};
	struct bpf_lockdown_digest_input in = {
		.prog_type = BPF_PROG_TYPE_KPROBE, .prog_name = "sf_signed_stack",
		.license = "GPL", .insns = insns, .insn_cnt = N(insns),
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_KPROBE, .insns = insns, .cnt = N(insns),
			     .name = "sf_signed_stack" };

	return load_signed_caps(&in, &l, grant, caps);
}

/*
 * A signed program gets kernel stacks only with the annotation's
 * kernel_stack capability, at every level and in every mode; with it, at
 * integrity; at confidentiality it is above the ceiling unless the
 * kernel-reads policy is on
 */
TEST(kernel_stack_needs_the_annotations_capability)
{
	char line[512];
	int fd;

	fd = load_signed_get_stack(0, 0);
	snprintf(line, sizeof(line),
		 "lockdown: program may not call bpf_get_stack#67 for a kernel stack in %s mode (not granted by the program's annotation); refused",
		 ld_level_name(ld_level()));
	EXPECT_EQ(-EACCES, fd);
	EXPECT_NE(NULL, strstr(log_buf, line)) TH_LOG("want \"%s\":\n%s", line, log_buf);
	close_fd(fd);

	fd = load_signed_get_stack(BPF_F_USER_STACK, 0);
	EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
	EXPECT_NE(NULL, strstr(log_buf, "lockdown: signature verified (builtin keyring)"))
		TH_LOG("%s", log_buf);
	close_fd(fd);

	fd = load_signed_get_stack(0, BPF_LOCKDOWN_CAP_KERNEL_STACK);
	if (ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY && locked() &&
	    !ld_signed_kernel_reads()) {
		snprintf(line, sizeof(line),
			 "lockdown: signed program may not call bpf_get_stack#67 for a kernel stack (flags without BPF_F_USER_STACK) in confidentiality mode (leaks-kernel-address: above the ceiling for signed programs); %s (mode=%s)",
			 enforcing() ? "refused" : "would be refused", mode_name(ld_mode()));
		if (enforcing()) {
			EXPECT_EQ(-EACCES, fd);
		} else {
			EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
		}
		EXPECT_NE(NULL, strstr(log_buf, line)) TH_LOG("want \"%s\":\n%s", line, log_buf);
	} else {
		EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
		EXPECT_NE(NULL, strstr(log_buf, "lockdown: signature verified (builtin keyring)"))
			TH_LOG("%s", log_buf);
	}
	close_fd(fd);
}

/* A tracepoint program that reads kmem:kfree's ptr field, signed with @caps */
static int load_signed_kfree_ptr(__u32 caps)
{
	struct bpf_insn insns[] = { LDX_DW(BPF_REG_2, BPF_REG_1, 16), RET0 };
	struct bpf_lockdown_digest_input in = {
		.prog_type = BPF_PROG_TYPE_TRACEPOINT, .prog_name = "sf_signed_kfree",
		.license = "GPL", .insns = insns, .insn_cnt = N(insns),
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACEPOINT, .insns = insns, .cnt = N(insns),
			     .name = "sf_signed_kfree" };

	return load_signed_caps(&in, &l, NULL, caps);
}

/*
 * A signature does not make a record's pointers readable at
 * confidentiality: a signed tracepoint program that reads kmem:kfree's ptr
 * is attached there only with the annotation's ksym_address under the
 * kernel-reads policy, as the verifier lets signed programs store pointers.
 * Below confidentiality it is attached either way.
 */
TEST(signed_tracepoint_reads_pointer_fields_only_with_ksym_address)
{
	static const __u32 caps[] = { 0, BPF_LOCKDOWN_CAP_KSYM };
	bool conf = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY && locked();
	int fd, pfd, refused;
	char line[512];

	for (unsigned int i = 0; i < N(caps); i++) {
		fd = load_signed_kfree_ptr(caps[i]);
		ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
		EXPECT_NE(NULL, strstr(log_buf, "lockdown: signature verified (builtin keyring)"))
			TH_LOG("%s", log_buf);
		refused = conf && !(caps[i] && ld_signed_kernel_reads());
		snprintf(line, sizeof(line), TP_LINE, "sf_signed_kfree", mode_name(ld_mode()));
		pfd = tp_attach_reported(_metadata, "kmem/kfree", fd, line, refused);
		if (refused && enforcing()) {
			EXPECT_EQ(-EPERM, pfd) TH_LOG("caps 0x%x", caps[i]);
		} else {
			EXPECT_LE(0, pfd) TH_LOG("caps 0x%x: %s", caps[i], strerror(-pfd));
		}
		close_fd(pfd);
		close(fd);
	}
}

/*
 * A signed task iterator that reads the task through the BTF pointer of its
 * context (task->thread_info.flags, at offset 0): the annotation's btf_read
 * capability, at every level and in every mode
 */
static int load_signed_task_read(__u32 caps)
{
	struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_2, BPF_REG_1, 8), JEQ_IMM(BPF_REG_2, 0, 1),
		LDX_DW(BPF_REG_0, BPF_REG_2, 0), RET0,
	};
	struct bpf_lockdown_digest_input in = {
		.prog_type = BPF_PROG_TYPE_TRACING, .expected_attach_type = BPF_TRACE_ITER,
		.attach_name = "bpf_iter_task", .prog_name = "sf_signed_task",
		.license = "GPL", .insns = insns, .insn_cnt = N(insns),
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_ITER,
			     .attach_btf_id = iter_btf("task"), .insns = insns, .cnt = N(insns),
			     .name = "sf_signed_task" };

	return load_signed_caps(&in, &l, NULL, caps);
}

/*
 * With btf_read, the read loads below confidentiality. At confidentiality
 * in enforce mode the ceiling refuses it unless the kernel-reads policy is
 * on, and then the verifier reads through BTF pointers only where it lets
 * kernel addresses leak, which the annotation's ksym grants: btf_read
 * alone gets the verifier's refusal, btf_read with ksym loads. In audit
 * mode nothing is refused for the ceiling, and pointer leaks stay.
 */
TEST(signed_btf_read_follows_the_kernel_reads_policy)
{
	bool conf_enforced = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY && enforcing();
	char line[512];
	int fd;

	/* no btf_read: refused by the annotation, or first by the verifier */
	fd = load_signed_task_read(0);
	if (conf_enforced) {
		EXPECT_EQ(-EPERM, fd);
		EXPECT_NE(NULL, strstr(log_buf, PERFMON)) TH_LOG("%s", log_buf);
	} else {
		snprintf(line, sizeof(line),
			 "lockdown: program may not read kernel memory through a BTF pointer (insn 2) in %s mode (not granted by the program's annotation); refused",
			 ld_level_name(ld_level()));
		EXPECT_EQ(-EACCES, fd);
		EXPECT_NE(NULL, strstr(log_buf, line)) TH_LOG("want \"%s\":\n%s", line, log_buf);
	}
	close_fd(fd);

	/* btf_read without ksym: no pointer leaks at confidentiality */
	fd = load_signed_task_read(BPF_LOCKDOWN_CAP_BTF_READ);
	if (conf_enforced) {
		EXPECT_EQ(-EPERM, fd);
		EXPECT_NE(NULL, strstr(log_buf, PERFMON)) TH_LOG("%s", log_buf);
	} else {
		EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
	}
	close_fd(fd);

	fd = load_signed_task_read(BPF_LOCKDOWN_CAP_BTF_READ | BPF_LOCKDOWN_CAP_KSYM);
	if (conf_enforced && !ld_signed_kernel_reads()) {
		EXPECT_EQ(-EPERM, fd);
		EXPECT_NE(NULL, strstr(log_buf, PERFMON)) TH_LOG("%s", log_buf);
	} else {
		EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
		EXPECT_NE(NULL, strstr(log_buf, "lockdown: signature verified (builtin keyring)"))
			TH_LOG("%s", log_buf);
	}
	close_fd(fd);
}

/* --- fix 6: records bounded before anything is allocated ----------------------- */

/*
 * A signed load with more func_info records than instructions is refused
 * before the kernel copies or allocates them, at every level and in every
 * mode
 */
TEST(signed_load_with_more_records_than_instructions_is_refused)
{
	struct bpf_func_info fi[3] = {
		{ 0, HANDLER_ID }, { 0, HANDLER_ID }, { 0, HANDLER_ID },
	};
	struct bpf_lockdown_digest_input in = {
		.prog_type = BPF_PROG_TYPE_SOCKET_FILTER, .prog_name = "sf_records",
		.license = "GPL", .insns = ret0, .insn_cnt = N(ret0), .btf = &target_btf,
		.btf_size = sizeof(target_btf), .func_info = fi, .func_info_cnt = 3,
		.func_info_rec_size = sizeof(fi[0]),
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_SOCKET_FILTER, .insns = ret0, .cnt = N(ret0),
			     .name = "sf_records", .func_info = fi, .func_info_cnt = 3 };
	static struct signed_load sl;
	int fd;

	ASSERT_EQ(0, sign_prog(&in, &sl));
	l.annot = sl.annot;
	l.annot_size = sl.annot_size;
	l.sig = sl.sig;
	l.sig_size = sl.sig_size;
	l.btf_fd = bpf_btf_load(&target_btf, sizeof(target_btf), NULL);
	ASSERT_LE(0, l.btf_fd);
	fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	EXPECT_EQ(-EINVAL, fd);
	EXPECT_LOG_HAS(log_buf,
		       "lockdown: signature: func_info: 3 records of 8 bytes; at most one per instruction (2) of at most 252 bytes");
	close_fd(fd);
	close(l.btf_fd);
}

TEST_HARNESS_MAIN
