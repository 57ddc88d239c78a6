// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - an adversary attacks what the unsigned tier allows */

/*
 * Root without a signing key, on a locked-down kernel, tries each path the
 * unsigned tier leaves open to write kernel memory, read it, learn kernel
 * addresses or change kernel behaviour:
 *
 * - map element iterators (arrays, hashes, socket storage) that write the
 *   values of maps programs may not write (read-only to programs, frozen,
 *   opened read-only) or touch values with special fields: refused at
 *   BPF_LINK_CREATE, at every level;
 * - helpers, kfuncs and global functions that write through a trusted BTF
 *   pointer: refused by the verifier, at every level;
 * - BTF pointers passed as the memory a helper reads: the btf_pointer_read
 *   capability, refused at confidentiality;
 * - kernel addresses stored into maps, passed as numbers, compared or
 *   returned: refused at confidentiality in enforce mode;
 * - maps that steer packets and sockets, directly or as the inner map of a
 *   map of maps: refused from integrity up;
 * - a sched_ext struct_ops map registered without any program;
 * - attach points chosen around a program's annotation: functions by
 *   address or as an offset from a bound one, paths relative or through
 *   "..", raw tracepoint names around a prefix, a link updated with
 *   another program (raise_test attaches a program loaded in audit mode
 *   after the mode was raised).
 *
 * The same binary runs in every boot: each test asserts the errno and the
 * log line of the level and mode it finds, the stock result where the
 * attack is not refused there, and skips, with the reason, where it does
 * not apply.
 */
#include <sys/klog.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <sys/ioctl.h>
#include <linux/perf_event.h>

#include "lockdown_util.h"
#include "scx_util.h"
#include "sign_util.h"
#include "insn.h"
#include "libbpf_log.h"
#include "kselftest_harness.h"

#define LOG_SIZE (1024 * 1024)
#define ADV_MARK 0xadd0000000000000ULL	/* what the store iterator writes */
#define VICTIM_ENTRIES 4
#define VICTIM_VALUE 16			/* bytes; the helper writer writes 16 */

static char vlog[LOG_SIZE];

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define STX_DW(d, s, o)		INSN(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define JEQ_IMM(d, i, o)	INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define JGT_IMM(d, i, o)	INSN(BPF_JMP | BPF_JGT | BPF_K, d, 0, o, i)

static bool locked(void)
{
	return ld_level() != BPF_LOCKDOWN_LEVEL_NONE && ld_mode() != BPF_LOCKDOWN_MODE_OFF;
}

static bool enforcing(void)
{
	return locked() && ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
}

static const char *mode_name(int mode)
{
	return mode == BPF_LOCKDOWN_MODE_ENFORCE ? "enforce" :
	       mode == BPF_LOCKDOWN_MODE_AUDIT ? "audit" : "off";
}

/* The tier's verifier log line for @what, at the current level and mode */
static void tier_line(char *buf, size_t size, const char *what, const char *class)
{
	bool enforce = ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;

	snprintf(buf, size,
		 "lockdown: unsigned program may not %s in %s mode (%s); sign it with an annotation that grants it; %s (mode=%s)",
		 what, ld_level_name(ld_level()), class,
		 enforce ? "refused" : "would be refused", mode_name(ld_mode()));
}

/* What the kernel adds to a refusal it did not make itself at confidentiality */
/* The verifier's refusal of a load through a BTF pointer without pointer leaks */
#define PERFMON "access is allowed only to CAP_PERFMON and CAP_SYS_ADMIN"

#define NO_LEAKS "lockdown: in confidentiality mode this program is verified without pointer leaks, as for unprivileged users: a refusal above about a pointer, the stack or pointer arithmetic comes from these rules"

/*
 * At confidentiality in enforce mode unsigned programs are verified as the
 * verifier verifies unprivileged ones: no pointer leaks, and the Spectre v1
 * mitigation on. That refuses pointer arithmetic with a register (what
 * clang emits for a CO-RE field offset: r2 = 1696; r1 += r2) on a BTF
 * pointer, before any helper the pointer is passed to is looked at. The
 * raw-instruction variants add the offset as an immediate and reach the
 * helper.
 */
#define SPEC_V1 "has pointer with unsupported alu operation, pointer arithmetic with it prohibited for !root"

static bool verified_unprivileged(void)
{
	return enforcing() && ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
}

static void expect_core_alu_refusal(struct __test_metadata *_metadata, int err)
{
	EXPECT_EQ(-EACCES, err);
	EXPECT_NE(NULL, strstr(vlog, SPEC_V1));
	EXPECT_NE(NULL, strstr(vlog, NO_LEAKS));
	EXPECT_EQ(NULL, strstr(vlog, "lockdown: unsigned program"));
}

/* Byte offset of member @member of the struct with BTF ID @id, or -1 */

/* --- clang-built objects, one program loaded at a time --------------------- */

/* Open @file (next to this binary) with only @prog to be loaded, its log in vlog */
static struct bpf_object *open_one(const char *file, const char *prog,
				   struct bpf_program **progp)
{
	struct bpf_object *obj;
	struct bpf_program *p;
	char path[PATH_MAX];

	libbpf_log_start();
	ld_exe_path(path, sizeof(path), file);
	obj = bpf_object__open_file(path, NULL);
	if (libbpf_get_error(obj))
		return NULL;
	*progp = NULL;
	bpf_object__for_each_program(p, obj) {
		bool mine = !strcmp(bpf_program__name(p), prog);

		bpf_program__set_autoload(p, mine);
		if (!mine)
			continue;
		*progp = p;
		vlog[0] = '\0';
		bpf_program__set_log_buf(p, vlog, sizeof(vlog));
		bpf_program__set_log_level(p, 1);
	}
	if (!*progp) {
		bpf_object__close(obj);
		return NULL;
	}
	return obj;
}

/*
 * Index of the first call of helper @func in @prog as loaded, or of the
 * first call of a kfunc or BPF function when @func is -1; -1 when there is
 * none
 */
static int call_insn(const struct bpf_program *prog, int func)
{
	const struct bpf_insn *insn = bpf_program__insns(prog);
	size_t n = bpf_program__insn_cnt(prog);

	for (size_t i = 0; insn && i < n; i++) {
		if (insn[i].code != (BPF_JMP | BPF_CALL))
			continue;
		if (func < 0 ? insn[i].src_reg != 0 :
			       insn[i].src_reg == 0 && insn[i].imm == func)
			return i;
	}
	return -1;
}

/* --- (a) map element iterators --------------------------------------------- */

/*
 * An array of VICTIM_ENTRIES values, value[k] = { 0x100 * (k + 1), k };
 * @flags at creation, frozen when @freeze.
 */
static int victim_map(struct __test_metadata *_metadata, enum bpf_map_type type,
		      __u32 flags, bool freeze)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = flags);
	__u64 value[2];
	int fd;

	fd = bpf_map_create(type, "adv_victim", 4, VICTIM_VALUE, VICTIM_ENTRIES, &opts);
	if (fd < 0)
		return -errno;
	for (__u32 k = 0; k < VICTIM_ENTRIES; k++) {
		value[0] = 0x100 * (k + 1);
		value[1] = k;
		EXPECT_EQ(0, bpf_map_update_elem(fd, &k, value, 0));
	}
	if (freeze)
		EXPECT_EQ(0, bpf_map_freeze(fd));
	return fd;
}

/* The map behind @fd again, through a new fd opened with BPF_F_RDONLY */
static int reopen_rdonly(int fd)
{
	LIBBPF_OPTS(bpf_get_fd_by_id_opts, opts, .open_flags = BPF_F_RDONLY);
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return -errno;
	fd = bpf_map_get_fd_by_id_opts(info.id, &opts);
	return fd < 0 ? -errno : fd;
}

/* BPF_LINK_CREATE of iterator @prog over the map @map_fd; 0 or -errno */
static int attach_iter(struct bpf_program *prog, int map_fd, struct bpf_link **linkp)
{
	LIBBPF_OPTS(bpf_iter_attach_opts, opts);
	union bpf_iter_link_info linfo;
	struct bpf_link *link;
	long err;

	memset(&linfo, 0, sizeof(linfo));
	linfo.map.map_fd = map_fd;
	opts.link_info = &linfo;
	opts.link_info_len = sizeof(linfo);
	link = bpf_program__attach_iter(prog, &opts);
	err = libbpf_get_error(link);
	*linkp = err ? NULL : link;
	return err;
}

/* Run the iterator: read it until EOF; 0 or -errno */
static int run_iter(struct bpf_link *link)
{
	char buf[256];
	ssize_t n;
	int fd = bpf_iter_create(bpf_link__fd(link));

	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	close(fd);
	return n < 0 ? -errno : 0;
}

static void expect_untouched(struct __test_metadata *_metadata, int fd)
{
	__u64 value[2];

	for (__u32 k = 0; k < VICTIM_ENTRIES; k++) {
		ASSERT_EQ(0, bpf_map_lookup_elem(fd, &k, value));
		EXPECT_EQ(0x100 * (k + 1), value[0]);
		EXPECT_EQ(k, value[1]);
	}
}

enum writer { STORE, ATOMIC, HELPER };

FIXTURE(iter_write) {
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *link;
	int map, rdonly;
};

FIXTURE_VARIANT(iter_write) {
	const char *prog;
	enum writer how;
};

/* val[0] = ADV_MARK | key */
FIXTURE_VARIANT_ADD(iter_write, store) { .prog = "adv_iter_store", .how = STORE };
/* __sync_fetch_and_add(&val[0], 1) */
FIXTURE_VARIANT_ADD(iter_write, atomic) { .prog = "adv_iter_atomic", .how = ATOMIC };
/* bpf_get_current_comm(val, 16) */
FIXTURE_VARIANT_ADD(iter_write, helper) { .prog = "adv_iter_helper", .how = HELPER };

FIXTURE_SETUP(iter_write)
{
	self->map = -1;
	self->rdonly = -1;
	self->link = NULL;
	self->obj = open_one("adv_iter_map.bpf.o", variant->prog, &self->prog);
	ASSERT_NE(NULL, self->obj);
	/* bpf_map_elem iterators are in the tier at every level */
	ASSERT_EQ(0, bpf_object__load(self->obj)) TH_LOG("%s\n%s", libbpf_log, vlog);
	EXPECT_EQ(NULL, strstr(vlog, "lockdown:")) TH_LOG("%s", vlog);
}

FIXTURE_TEARDOWN(iter_write)
{
	bpf_link__destroy(self->link);
	if (self->rdonly >= 0)
		close(self->rdonly);
	if (self->map >= 0)
		close(self->map);
	bpf_object__close(self->obj);
}

/*
 * BPF_F_RDONLY_PROG: the verifier may fold loads from such a map into
 * constants (once frozen), so no program may change it.
 */
TEST_F(iter_write, to_rdonly_prog_array_is_refused)
{
	self->map = victim_map(_metadata, BPF_MAP_TYPE_ARRAY, BPF_F_RDONLY_PROG, false);
	ASSERT_LE(0, self->map);
	EXPECT_EQ(-EACCES, attach_iter(self->prog, self->map, &self->link));
	expect_untouched(_metadata, self->map);
}

TEST_F(iter_write, to_rdonly_prog_hash_is_refused)
{
	self->map = victim_map(_metadata, BPF_MAP_TYPE_HASH, BPF_F_RDONLY_PROG, false);
	ASSERT_LE(0, self->map);
	EXPECT_EQ(-EACCES, attach_iter(self->prog, self->map, &self->link));
	expect_untouched(_metadata, self->map);
}

TEST_F(iter_write, to_frozen_map_is_refused)
{
	self->map = victim_map(_metadata, BPF_MAP_TYPE_ARRAY, 0, true);
	ASSERT_LE(0, self->map);
	EXPECT_EQ(-EACCES, attach_iter(self->prog, self->map, &self->link));
	expect_untouched(_metadata, self->map);
}

/* what .rodata is, and what sealed maps are: constants to the verifier */
TEST_F(iter_write, to_frozen_rdonly_prog_map_is_refused)
{
	self->map = victim_map(_metadata, BPF_MAP_TYPE_ARRAY, BPF_F_RDONLY_PROG, true);
	ASSERT_LE(0, self->map);
	EXPECT_EQ(-EACCES, attach_iter(self->prog, self->map, &self->link));
	expect_untouched(_metadata, self->map);
}

TEST_F(iter_write, through_rdonly_fd_is_refused)
{
	self->map = victim_map(_metadata, BPF_MAP_TYPE_ARRAY, 0, false);
	ASSERT_LE(0, self->map);
	self->rdonly = reopen_rdonly(self->map);
	ASSERT_LE(0, self->rdonly);
	EXPECT_EQ(-EACCES, attach_iter(self->prog, self->rdonly, &self->link));
	expect_untouched(_metadata, self->map);
}

/* the lock word of a bpf_spin_lock is the kernel's */
TEST_F(iter_write, to_spin_lock_values_is_refused)
{
	struct bpf_map *m = bpf_object__find_map_by_name(self->obj, "adv_locked");

	ASSERT_NE(NULL, m);
	EXPECT_EQ(-EACCES, attach_iter(self->prog, bpf_map__fd(m), &self->link));
}

/* the control: a map the loader may write is written, really */
TEST_F(iter_write, to_writable_map_attaches_and_writes)
{
	char comm[16] = {};
	__u64 value[2];

	self->map = victim_map(_metadata, BPF_MAP_TYPE_ARRAY, 0, false);
	ASSERT_LE(0, self->map);
	ASSERT_EQ(0, attach_iter(self->prog, self->map, &self->link)) TH_LOG("%s", libbpf_log);
	ASSERT_EQ(0, run_iter(self->link));
	prctl(PR_GET_NAME, comm);
	for (__u32 k = 0; k < VICTIM_ENTRIES; k++) {
		ASSERT_EQ(0, bpf_map_lookup_elem(self->map, &k, value));
		switch (variant->how) {
		case STORE:
			EXPECT_EQ(ADV_MARK | k, value[0]);
			EXPECT_EQ(k, value[1]);
			break;
		case ATOMIC:
			EXPECT_EQ(0x100 * (k + 1) + 1, value[0]);
			EXPECT_EQ(k, value[1]);
			break;
		case HELPER:
			EXPECT_EQ(0, memcmp(value, comm, strlen(comm) + 1));
			break;
		}
	}
}

/* The reader: sums the first word of each value into adv_seen */
FIXTURE(iter_read) {
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *link;
	int map, rdonly;
};

FIXTURE_SETUP(iter_read)
{
	self->map = -1;
	self->rdonly = -1;
	self->link = NULL;
	self->obj = open_one("adv_iter_map.bpf.o", "adv_iter_read", &self->prog);
	ASSERT_NE(NULL, self->obj);
	ASSERT_EQ(0, bpf_object__load(self->obj)) TH_LOG("%s\n%s", libbpf_log, vlog);
	EXPECT_EQ(NULL, strstr(vlog, "lockdown:")) TH_LOG("%s", vlog);
}

FIXTURE_TEARDOWN(iter_read)
{
	bpf_link__destroy(self->link);
	if (self->rdonly >= 0)
		close(self->rdonly);
	if (self->map >= 0)
		close(self->map);
	bpf_object__close(self->obj);
}

static void expect_seen(struct __test_metadata *_metadata, struct bpf_object *obj)
{
	int seen = bpf_object__find_map_fd_by_name(obj, "adv_seen");
	__u32 k0 = 0, k1 = 1;
	__u64 sum = 0, cnt = 0;

	ASSERT_LE(0, seen);
	ASSERT_EQ(0, bpf_map_lookup_elem(seen, &k0, &sum));
	ASSERT_EQ(0, bpf_map_lookup_elem(seen, &k1, &cnt));
	EXPECT_EQ((__u64)VICTIM_ENTRIES, cnt);
	EXPECT_EQ((__u64)0x100 * VICTIM_ENTRIES * (VICTIM_ENTRIES + 1) / 2, sum);
}

/* An exclusive map is for the program with its digest: not for an iterator */
TEST_F(iter_read, of_an_exclusive_map_is_eacces)
{
	__u8 digest[32];

	memset(digest, 0xa5, sizeof(digest));
	self->map = ld_array_map_create(8, VICTIM_ENTRIES, digest, sizeof(digest));
	ASSERT_LE(0, self->map);
	EXPECT_EQ(-EACCES, attach_iter(self->prog, self->map, &self->link))
		TH_LOG("%s", libbpf_log);
}

TEST_F(iter_read, of_frozen_rdonly_prog_map_attaches_and_reads)
{
	self->map = victim_map(_metadata, BPF_MAP_TYPE_ARRAY, BPF_F_RDONLY_PROG, true);
	ASSERT_LE(0, self->map);
	ASSERT_EQ(0, attach_iter(self->prog, self->map, &self->link)) TH_LOG("%s", libbpf_log);
	ASSERT_EQ(0, run_iter(self->link));
	expect_seen(_metadata, self->obj);
	expect_untouched(_metadata, self->map);
}

TEST_F(iter_read, through_rdonly_fd_attaches_and_reads)
{
	self->map = victim_map(_metadata, BPF_MAP_TYPE_ARRAY, 0, false);
	ASSERT_LE(0, self->map);
	self->rdonly = reopen_rdonly(self->map);
	ASSERT_LE(0, self->rdonly);
	ASSERT_EQ(0, attach_iter(self->prog, self->rdonly, &self->link)) TH_LOG("%s", libbpf_log);
	ASSERT_EQ(0, run_iter(self->link));
	expect_seen(_metadata, self->obj);
}

/* reading the lock word is refused too: it is a kernel field */
TEST_F(iter_read, of_spin_lock_values_is_refused)
{
	struct bpf_map *m = bpf_object__find_map_by_name(self->obj, "adv_locked");

	ASSERT_NE(NULL, m);
	EXPECT_EQ(-EACCES, attach_iter(self->prog, bpf_map__fd(m), &self->link));
}

/* Socket local storage: bpf_sk_storage_map iterators, same rules */
FIXTURE(iter_sk_storage) {
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *link;
	int map, rdonly, sock;
};

FIXTURE_SETUP(iter_sk_storage)
{
	__u64 value[2] = { 0x100, 1 };

	self->rdonly = -1;
	self->link = NULL;
	self->obj = open_one("adv_iter_map.bpf.o", "adv_iter_sk_store", &self->prog);
	ASSERT_NE(NULL, self->obj);
	ASSERT_EQ(0, bpf_object__load(self->obj)) TH_LOG("%s\n%s", libbpf_log, vlog);
	EXPECT_EQ(NULL, strstr(vlog, "lockdown:")) TH_LOG("%s", vlog);
	self->map = bpf_object__find_map_fd_by_name(self->obj, "adv_sk_store");
	ASSERT_LE(0, self->map);
	self->sock = socket(AF_INET, SOCK_DGRAM, 0);
	ASSERT_LE(0, self->sock);
	ASSERT_EQ(0, bpf_map_update_elem(self->map, &self->sock, value, 0));
}

FIXTURE_TEARDOWN(iter_sk_storage)
{
	bpf_link__destroy(self->link);
	if (self->rdonly >= 0)
		close(self->rdonly);
	close(self->sock);
	bpf_object__close(self->obj);
}

static void expect_sk_value(struct __test_metadata *_metadata, int map, int sock, __u64 want)
{
	__u64 value[2];

	ASSERT_EQ(0, bpf_map_lookup_elem(map, &sock, value));
	EXPECT_EQ(want, value[0]);
	EXPECT_EQ((__u64)1, value[1]);
}

TEST_F(iter_sk_storage, write_to_frozen_map_is_refused)
{
	ASSERT_EQ(0, bpf_map_freeze(self->map));
	EXPECT_EQ(-EACCES, attach_iter(self->prog, self->map, &self->link));
	expect_sk_value(_metadata, self->map, self->sock, 0x100);
}

TEST_F(iter_sk_storage, write_through_rdonly_fd_is_refused)
{
	self->rdonly = reopen_rdonly(self->map);
	ASSERT_LE(0, self->rdonly);
	EXPECT_EQ(-EACCES, attach_iter(self->prog, self->rdonly, &self->link));
	expect_sk_value(_metadata, self->map, self->sock, 0x100);
}

TEST_F(iter_sk_storage, write_to_writable_map_attaches_and_writes)
{
	ASSERT_EQ(0, attach_iter(self->prog, self->map, &self->link)) TH_LOG("%s", libbpf_log);
	ASSERT_EQ(0, run_iter(self->link));
	expect_sk_value(_metadata, self->map, self->sock, ADV_MARK);
}

/* --- (b) helpers and kfuncs writing through trusted BTF pointers ----------- */

/*
 * The destination of a helper, kfunc or global function that writes is a
 * field of a task the program was handed: refused by the verifier at every
 * level and mode.
 *
 * - helpers: the stock 6.12 verifier already refuses a BTF pointer where a
 *   helper's memory argument is not read-only (check_reg_type(): "may
 *   write into memory pointed by"), before the memory is looked at;
 * - kfuncs: stock 6.12 takes no BTF pointer as a void * memory argument
 *   ("pointer type UNKNOWN is not supported", EINVAL);
 * - global functions: their pointer arguments are memory they may read and
 *   write (check_mem_reg()); stock 6.12 checked the write as a read, the
 *   fix refuses it in check_helper_mem_access() ("cannot write into"), and
 *   btf_check_func_arg_match() turns every refusal into EINVAL. The read is
 *   checked first, so at confidentiality the tier refuses that read
 *   (btf_pointer_read) before the write is looked at.
 */
FIXTURE(btf_write) {
	struct bpf_object *obj;
};

FIXTURE_VARIANT(btf_write) {
	/* a clang-built program of adv_btf_write.bpf.o ... */
	const char *prog;
	/* ... or raw instructions: bpf_probe_read_user(&task->comm, 8, NULL) */
	const char *raw_attach;		/* "bpf_iter_task" or "btf_trace_sched_switch" */
	/* the helper is bpf_probe_read_kernel(), not in the tier at confidentiality */
	bool reads_kernel;
	const char *refusal;		/* the verifier's line */
	int err;			/* its errno, EACCES unless set */
	int global_regno;		/* the argument of a global function */
};

#define HELPER_WRITE(name) name "() may write into memory pointed by R1 type=trusted_ptr_\n"

FIXTURE_VARIANT_ADD(btf_write, iter_task_probe_read_kernel_into_task_comm) {
	.prog = "adv_iter_probe_read_kernel", .reads_kernel = true,
	.refusal = HELPER_WRITE("bpf_probe_read_kernel"),
};

FIXTURE_VARIANT_ADD(btf_write, iter_task_get_current_comm_into_task_comm) {
	.prog = "adv_iter_get_current_comm", .refusal = HELPER_WRITE("bpf_get_current_comm"),
};

FIXTURE_VARIANT_ADD(btf_write, tp_btf_get_current_comm_into_prev_comm) {
	.prog = "adv_tp_get_current_comm", .refusal = HELPER_WRITE("bpf_get_current_comm"),
};

FIXTURE_VARIANT_ADD(btf_write, tp_btf_get_current_comm_into_next_comm) {
	.prog = "adv_tp_get_current_comm_next", .refusal = HELPER_WRITE("bpf_get_current_comm"),
};

/*
 * bpf_probe_read_user() as raw instructions, so that the call is the same
 * at every level: at confidentiality libbpf rewrites it into
 * bpf_probe_read(), which is then its user-memory form (see conf_test).
 */
FIXTURE_VARIANT_ADD(btf_write, iter_task_probe_read_user_into_task_comm) {
	.raw_attach = "bpf_iter_task", .refusal = HELPER_WRITE("bpf_probe_read_user"),
};

FIXTURE_VARIANT_ADD(btf_write, tp_btf_probe_read_user_into_prev_comm) {
	.raw_attach = "btf_trace_sched_switch", .refusal = HELPER_WRITE("bpf_probe_read_user"),
};

FIXTURE_VARIANT_ADD(btf_write, tp_btf_dynptr_slice_into_prev_comm) {
	.prog = "adv_tp_dynptr_slice", .err = EINVAL,
	.refusal =
		"kernel function bpf_dynptr_slice args#2 pointer type UNKNOWN  is not supported\n",
};

FIXTURE_VARIANT_ADD(btf_write, iter_task_copy_from_user_str_into_task_comm) {
	.prog = "adv_iter_copy_from_user_str", .err = EINVAL,
	.refusal =
		"kernel function bpf_copy_from_user_str args#0 pointer type UNKNOWN  is not supported\n",
};

/* adv_scribble(u64 *p) { *p = ...; } called with &task->comm */
FIXTURE_VARIANT_ADD(btf_write, tp_btf_global_func_writes_prev_comm) {
	.prog = "adv_tp_global_func", .err = EINVAL, .global_regno = 1,
	.refusal = "R1 cannot write into trusted_ptr_\n",
};

FIXTURE_VARIANT_ADD(btf_write, iter_task_global_func_writes_task_comm) {
	.prog = "adv_iter_global_func", .err = EINVAL, .global_regno = 1,
	.refusal = "R1 cannot write into trusted_ptr_\n",
};

FIXTURE_SETUP(btf_write)
{
	self->obj = NULL;
}

FIXTURE_TEARDOWN(btf_write)
{
	bpf_object__close(self->obj);
}

static int load_raw_btf_write(struct __test_metadata *_metadata, const char *attach)
{
	bool iter = !strcmp(attach, "bpf_iter_task");
	int task = btf_id("task_struct", BTF_KIND_STRUCT);
	int comm = btf_member_off(task, "comm", NULL, NULL);
	struct bpf_insn insns[] = {
		/* r6 = ctx->task (iterator) or ctx[1] = prev (sched_switch) */
		LDX_DW(BPF_REG_6, BPF_REG_1, 8),
		JEQ_IMM(BPF_REG_6, 0, 5),
		MOV64_REG(BPF_REG_1, BPF_REG_6),
		ADD64_IMM(BPF_REG_1, comm),
		MOV64_IMM(BPF_REG_2, 8),
		MOV64_IMM(BPF_REG_3, 0),
		CALL(BPF_FUNC_probe_read_user),
		RET0,
	};
	struct ld_load l = {
		.type = BPF_PROG_TYPE_TRACING,
		.attach = iter ? BPF_TRACE_ITER : BPF_TRACE_RAW_TP,
		.insns = insns, .cnt = N(insns),
		.name = "adv_raw_write",
	};
	int fd;

	ASSERT_LT(0, task);
	ASSERT_LT(0, comm);
	fd = btf_id(attach, iter ? BTF_KIND_FUNC : BTF_KIND_TYPEDEF);
	ASSERT_LT(0, fd);
	l.attach_btf_id = fd;
	fd = ld_prog_load(&l, vlog, sizeof(vlog));
	if (fd >= 0)
		close(fd);
	return fd < 0 ? fd : 0;
}

TEST_F(btf_write, write_through_btf_pointer_is_refused)
{
	bool conf = locked() && ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	struct bpf_program *prog = NULL;
	char what[128], line[512];
	int err;

	if (variant->reads_kernel && ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY)
		SKIP(return, "stock lockdown removes bpf_probe_read_kernel() at confidentiality");
	if (variant->raw_attach) {
		err = load_raw_btf_write(_metadata, variant->raw_attach);
	} else {
		self->obj = open_one("adv_btf_write.bpf.o", variant->prog, &prog);
		ASSERT_NE(NULL, self->obj);
		err = bpf_object__load(self->obj);
	}
	if (!variant->raw_attach && verified_unprivileged()) {
		/* refused at the CO-RE offset, before the call */
		expect_core_alu_refusal(_metadata, err);
	} else if (variant->global_regno && conf) {
		EXPECT_EQ(-(variant->err ?: EACCES), err);
		/* the argument is read first: btf_pointer_read */
		snprintf(what, sizeof(what),
			 "pass kernel memory behind a BTF pointer to a helper (R%d, insn %d)",
			 variant->global_regno, call_insn(prog, -1));
		tier_line(line, sizeof(line), what, "reads-kernel-memory");
		EXPECT_NE(NULL, strstr(vlog, line));
		if (enforcing()) {
			EXPECT_EQ(NULL, strstr(vlog, variant->refusal));
		} else {
			EXPECT_NE(NULL, strstr(vlog, variant->refusal));
		}
	} else {
		EXPECT_EQ(-(variant->err ?: EACCES), err);
		EXPECT_NE(NULL, strstr(vlog, variant->refusal));
		/*
		 * The verifier refused it, not the tier. At confidentiality in
		 * enforce mode the kernel adds its pointer-leak note to every
		 * EACCES the tier did not cause.
		 */
		if (conf && enforcing()) {
			EXPECT_EQ(NULL, strstr(vlog, "lockdown: unsigned program"));
		} else {
			EXPECT_EQ(NULL, strstr(vlog, "lockdown:"));
		}
	}
	if (_metadata->exit_code)
		TH_LOG("level %s mode %s err %d log:\n%.3000s", ld_level_name(ld_level()),
		       mode_name(ld_mode()), err, vlog);
}

/* --- (c) BTF pointers as the memory a helper reads ------------------------- */

FIXTURE(btf_read) {
	struct bpf_object *obj;
};

FIXTURE_VARIANT(btf_read) {
	const char *prog;
	int func;	/* the helper */
	int regno;	/* its argument that reads the memory */
};

/* bpf_seq_write(seq, task->comm, 16): to user space through the iterator */
FIXTURE_VARIANT_ADD(btf_read, iter_task_seq_write_task_comm) {
	.prog = "adv_iter_seq_write", .func = BPF_FUNC_seq_write, .regno = 2,
};

FIXTURE_VARIANT_ADD(btf_read, iter_task_ringbuf_output_task_comm) {
	.prog = "adv_iter_ringbuf_output", .func = BPF_FUNC_ringbuf_output, .regno = 2,
};

/* bpf_strncmp(prev->comm, 16, "abc"): a comparison is a read too */
FIXTURE_VARIANT_ADD(btf_read, tp_btf_strncmp_prev_comm) {
	.prog = "adv_tp_strncmp", .func = BPF_FUNC_strncmp, .regno = 1,
};

FIXTURE_VARIANT_ADD(btf_read, tp_btf_ringbuf_output_prev_comm) {
	.prog = "adv_tp_ringbuf_output", .func = BPF_FUNC_ringbuf_output, .regno = 2,
};

FIXTURE_VARIANT_ADD(btf_read, tp_btf_perf_event_output_next_comm) {
	.prog = "adv_tp_perf_event_output", .func = BPF_FUNC_perf_event_output, .regno = 4,
};

FIXTURE_SETUP(btf_read)
{
	self->obj = NULL;
}

FIXTURE_TEARDOWN(btf_read)
{
	bpf_object__close(self->obj);
}

/*
 * The tier's verdict on a BTF pointer passed as helper memory: refused at
 * confidentiality (EACCES in enforce mode, the line in enforce and audit
 * mode), loaded without a lockdown line elsewhere
 */
static void expect_btf_read(struct __test_metadata *_metadata, int err, const char *line,
			    bool refused)
{
	if (refused && enforcing()) {
		EXPECT_EQ(-EACCES, err);
	} else {
		EXPECT_EQ(0, err);
	}
	if (refused) {
		EXPECT_NE(NULL, strstr(vlog, line));
	} else {
		EXPECT_EQ(NULL, strstr(vlog, "lockdown:"));
	}
}

TEST_F(btf_read, btf_pointer_passed_to_helper_needs_btf_pointer_read)
{
	bool refused = locked() && ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	struct bpf_program *prog;
	char what[128], line[512];
	int err, insn;

	self->obj = open_one("adv_btf_read.bpf.o", variant->prog, &prog);
	ASSERT_NE(NULL, self->obj);
	err = bpf_object__load(self->obj);
	insn = call_insn(prog, variant->func);
	ASSERT_LE(0, insn);
	snprintf(what, sizeof(what),
		 "pass kernel memory behind a BTF pointer to a helper (R%d, insn %d)",
		 variant->regno, insn);
	tier_line(line, sizeof(line), what, "reads-kernel-memory");
	if (verified_unprivileged()) {
		/* refused at the CO-RE offset, before the call: see btf_read_raw */
		expect_core_alu_refusal(_metadata, err);
	} else {
		expect_btf_read(_metadata, err, line, refused);
	}
	if (_metadata->exit_code)
		TH_LOG("level %s mode %s err %d, want \"%s\"; log:\n%.3000s",
		       ld_level_name(ld_level()), mode_name(ld_mode()), err, line, vlog);
}

/* The same calls as raw instructions, the offset of comm an immediate */
#define COMM_OFF 0x7fff0c0	/* placeholder: offsetof(struct task_struct, comm) */
#define LD_MAP_VALUE(d)	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_VALUE, 0, 0), \
			INSN(0, 0, 0, 0, 0)
#define RAW_MAX 24

FIXTURE(btf_read_raw) {
	int ringbuf, perf, abc;
};

FIXTURE_VARIANT(btf_read_raw) {
	const char *attach;		/* "bpf_iter_task" or "btf_trace_sched_switch" */
	struct bpf_insn insns[RAW_MAX];
	int func;
	int regno;
};

/* task = ctx->task (iterator) or prev = ctx[1] (sched_switch) into r6 */
#define TASK_INTO_R6(skip)	LDX_DW(BPF_REG_6, BPF_REG_1, 8), JEQ_IMM(BPF_REG_6, 0, skip)

/* bpf_ringbuf_output(&rb, &task->comm, 16, 0) */
#define RINGBUF_OUTPUT_COMM \
	TASK_INTO_R6(7), MOV64_REG(BPF_REG_2, BPF_REG_6), ADD64_IMM(BPF_REG_2, COMM_OFF), \
	LD_MAP_FD(BPF_REG_1), MOV64_IMM(BPF_REG_3, 16), MOV64_IMM(BPF_REG_4, 0), \
	CALL(BPF_FUNC_ringbuf_output), RET0

FIXTURE_VARIANT_ADD(btf_read_raw, iter_task_ringbuf_output_task_comm) {
	.attach = "bpf_iter_task", .insns = { RINGBUF_OUTPUT_COMM },
	.func = BPF_FUNC_ringbuf_output, .regno = 2,
};

FIXTURE_VARIANT_ADD(btf_read_raw, tp_btf_ringbuf_output_prev_comm) {
	.attach = "btf_trace_sched_switch", .insns = { RINGBUF_OUTPUT_COMM },
	.func = BPF_FUNC_ringbuf_output, .regno = 2,
};

/* bpf_strncmp(&prev->comm, 16, "abc"), the string in a frozen read-only map */
FIXTURE_VARIANT_ADD(btf_read_raw, tp_btf_strncmp_prev_comm) {
	.attach = "btf_trace_sched_switch",
	.insns = { TASK_INTO_R6(6), MOV64_REG(BPF_REG_1, BPF_REG_6),
		   ADD64_IMM(BPF_REG_1, COMM_OFF), MOV64_IMM(BPF_REG_2, 16),
		   LD_MAP_VALUE(BPF_REG_3), CALL(BPF_FUNC_strncmp), RET0 },
	.func = BPF_FUNC_strncmp, .regno = 1,
};

/* bpf_perf_event_output(ctx, &perf, BPF_F_CURRENT_CPU, &prev->comm, 16) */
FIXTURE_VARIANT_ADD(btf_read_raw, tp_btf_perf_event_output_prev_comm) {
	.attach = "btf_trace_sched_switch",
	.insns = { MOV64_REG(BPF_REG_7, BPF_REG_1), TASK_INTO_R6(9),
		   MOV64_REG(BPF_REG_1, BPF_REG_7), LD_MAP_FD(BPF_REG_2),
		   INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_3, 0, 0, -1), INSN(0, 0, 0, 0, 0),
		   MOV64_REG(BPF_REG_4, BPF_REG_6), ADD64_IMM(BPF_REG_4, COMM_OFF),
		   MOV64_IMM(BPF_REG_5, 16), CALL(BPF_FUNC_perf_event_output), RET0 },
	.func = BPF_FUNC_perf_event_output, .regno = 4,
};

FIXTURE_SETUP(btf_read_raw)
{
	LIBBPF_OPTS(bpf_map_create_opts, ro, .map_flags = BPF_F_RDONLY_PROG);
	char abc[8] = "abc";
	__u32 zero = 0;

	self->ringbuf = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "adv_rb", 0, 0, 4096, NULL);
	ASSERT_LE(0, self->ringbuf);
	self->perf = bpf_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, "adv_perf", 4, 4, 2, NULL);
	ASSERT_LE(0, self->perf);
	self->abc = bpf_map_create(BPF_MAP_TYPE_ARRAY, "adv_abc", 4, sizeof(abc), 1, &ro);
	ASSERT_LE(0, self->abc);
	ASSERT_EQ(0, bpf_map_update_elem(self->abc, &zero, abc, 0));
	ASSERT_EQ(0, bpf_map_freeze(self->abc));
}

FIXTURE_TEARDOWN(btf_read_raw)
{
	close(self->ringbuf);
	close(self->perf);
	close(self->abc);
}

TEST_F(btf_read_raw, btf_pointer_passed_to_helper_needs_btf_pointer_read)
{
	bool refused = locked() && ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	bool iter = !strcmp(variant->attach, "bpf_iter_task");
	int comm = btf_member_off(btf_id("task_struct", BTF_KIND_STRUCT), "comm", NULL, NULL);
	struct bpf_insn insns[RAW_MAX];
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACING,
			     .attach = iter ? BPF_TRACE_ITER : BPF_TRACE_RAW_TP,
			     .insns = insns, .name = "adv_raw_read" };
	char what[128], line[512];
	int fd, call = -1;

	ASSERT_LT(0, comm);
	l.attach_btf_id = btf_id(variant->attach, iter ? BTF_KIND_FUNC : BTF_KIND_TYPEDEF);
	ASSERT_LT(0, (int)l.attach_btf_id);
	memcpy(insns, variant->insns, sizeof(insns));
	for (l.cnt = 0; l.cnt < RAW_MAX; l.cnt++) {
		struct bpf_insn *in = &insns[l.cnt];

		if (!in->code && l.cnt && insns[l.cnt - 1].code != (BPF_LD | BPF_DW | BPF_IMM))
			break;
		if (in->code == (BPF_LD | BPF_DW | BPF_IMM) && in->src_reg == BPF_PSEUDO_MAP_FD)
			in->imm = in->dst_reg == BPF_REG_1 ? self->ringbuf : self->perf;
		if (in->code == (BPF_LD | BPF_DW | BPF_IMM) && in->src_reg == BPF_PSEUDO_MAP_VALUE)
			in->imm = self->abc;
		if (in->code == (BPF_ALU64 | BPF_ADD | BPF_K) && in->imm == COMM_OFF)
			in->imm = comm;
		if (in->code == (BPF_JMP | BPF_CALL) && in->imm == variant->func)
			call = l.cnt;
	}
	snprintf(what, sizeof(what),
		 "pass kernel memory behind a BTF pointer to a helper (R%d, insn %d)",
		 variant->regno, call);
	tier_line(line, sizeof(line), what, "reads-kernel-memory");
	fd = ld_prog_load(&l, vlog, sizeof(vlog));
	expect_btf_read(_metadata, fd < 0 ? fd : 0, line, refused);
	if (_metadata->exit_code)
		TH_LOG("level %s mode %s fd %d, want \"%s\"; log:\n%.3000s",
		       ld_level_name(ld_level()), mode_name(ld_mode()), fd, line, vlog);
	if (fd >= 0)
		close(fd);
}

/* --- (d) kernel addresses at confidentiality -------------------------------- */

#define MAX_INSNS 24

FIXTURE(ptr_leak) {
	int map;
};

FIXTURE_VARIANT(ptr_leak) {
	struct bpf_insn insns[MAX_INSNS];
	const char *verifier;	/* the verifier's own message */
};

/* r6 = r1; r0 = lookup(array, 0); *(u64 *)r0 = r@src */
#define STORE_INTO_MAP(src) \
	MOV64_REG(BPF_REG_6, BPF_REG_1), ST_W(BPF_REG_10, -4, 0), \
	MOV64_REG(BPF_REG_2, BPF_REG_10), ADD64_IMM(BPF_REG_2, -4), \
	LD_MAP_FD(BPF_REG_1), CALL(BPF_FUNC_map_lookup_elem), \
	JEQ_IMM(BPF_REG_0, 0, 1), STX_DW(BPF_REG_0, src, 0), RET0

FIXTURE_VARIANT_ADD(ptr_leak, ctx_pointer_stored_into_map) {
	.insns = { STORE_INTO_MAP(BPF_REG_6) },
	.verifier = "R6 leaks addr into map",
};

FIXTURE_VARIANT_ADD(ptr_leak, frame_pointer_stored_into_map) {
	.insns = { STORE_INTO_MAP(BPF_REG_10) },
	.verifier = "R10 leaks addr into map",
};

/* the map value's own address, stored into itself */
FIXTURE_VARIANT_ADD(ptr_leak, map_value_pointer_stored_into_map) {
	.insns = { STORE_INTO_MAP(BPF_REG_0) },
	.verifier = "R0 leaks addr into map",
};

FIXTURE_VARIANT_ADD(ptr_leak, ctx_pointer_returned) {
	.insns = { MOV64_REG(BPF_REG_0, BPF_REG_1), EXIT },
	.verifier = "R0 leaks addr as return value",
};

FIXTURE_VARIANT_ADD(ptr_leak, frame_pointer_returned) {
	.insns = { MOV64_REG(BPF_REG_0, BPF_REG_10), EXIT },
	.verifier = "R0 leaks addr as return value",
};

/* bpf_probe_read_user(fp - 8, 8, ctx): the address as a number */
FIXTURE_VARIANT_ADD(ptr_leak, ctx_pointer_passed_as_number) {
	.insns = { MOV64_REG(BPF_REG_3, BPF_REG_1), MOV64_REG(BPF_REG_1, BPF_REG_10),
		   ADD64_IMM(BPF_REG_1, -8), MOV64_IMM(BPF_REG_2, 8),
		   CALL(BPF_FUNC_probe_read_user), RET0 },
	.verifier = "R3 leaks addr into helper function",
};

/* the ctx pointer spilled to the stack, the stack copied into the map */
FIXTURE_VARIANT_ADD(ptr_leak, ctx_pointer_spilled_and_copied_into_map) {
	.insns = { STX_DW(BPF_REG_10, BPF_REG_1, -16), ST_W(BPF_REG_10, -4, 0),
		   LD_MAP_FD(BPF_REG_1), MOV64_REG(BPF_REG_2, BPF_REG_10),
		   ADD64_IMM(BPF_REG_2, -4), MOV64_REG(BPF_REG_3, BPF_REG_10),
		   ADD64_IMM(BPF_REG_3, -16), MOV64_IMM(BPF_REG_4, 0),
		   CALL(BPF_FUNC_map_update_elem), RET0 },
	.verifier = "invalid indirect read from stack R3 off -16+0 size 8",
};

/* if (ctx > 0x10000) return 1: the address bit by bit */
FIXTURE_VARIANT_ADD(ptr_leak, ctx_pointer_compared) {
	.insns = { JGT_IMM(BPF_REG_1, 0x10000, 2), RET0, MOV64_IMM(BPF_REG_0, 1), EXIT },
	.verifier = "R1 pointer comparison prohibited",
};

FIXTURE_SETUP(ptr_leak)
{
	self->map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "adv_leak", 4, 8, 1, NULL);
	ASSERT_LE(0, self->map);
}

FIXTURE_TEARDOWN(ptr_leak)
{
	close(self->map);
}

TEST_F(ptr_leak, kernel_address_is_refused_at_confidentiality)
{
	bool refused = enforcing() && ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	struct bpf_insn insns[MAX_INSNS];
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACEPOINT, .insns = insns,
			     .name = "adv_leak" };
	int fd;

	memcpy(insns, variant->insns, sizeof(insns));
	for (l.cnt = 0; l.cnt < MAX_INSNS; l.cnt++) {
		struct bpf_insn *in = &insns[l.cnt];

		if (!in->code && l.cnt && insns[l.cnt - 1].code != (BPF_LD | BPF_DW | BPF_IMM))
			break;
		if (in->code == (BPF_LD | BPF_DW | BPF_IMM) && in->src_reg == BPF_PSEUDO_MAP_FD)
			in->imm = self->map;
	}
	fd = ld_prog_load(&l, vlog, sizeof(vlog));
	if (refused) {
		EXPECT_EQ(-EACCES, fd);
		EXPECT_NE(NULL, strstr(vlog, variant->verifier));
		EXPECT_NE(NULL, strstr(vlog, NO_LEAKS));
	} else {
		/* audit mode cannot report these without refusing them */
		EXPECT_LE(0, fd);
		EXPECT_EQ(NULL, strstr(vlog, "lockdown:"));
	}
	if (_metadata->exit_code)
		TH_LOG("level %s mode %s fd %d log:\n%.3000s", ld_level_name(ld_level()),
		       mode_name(ld_mode()), fd, vlog);
	if (fd >= 0)
		close(fd);
}

/* --- (e) maps that act on the network -------------------------------------- */

FIXTURE(net_map) {
	int map, inner;
};

FIXTURE_VARIANT(net_map) {
	enum bpf_prog_type prog_type;
	enum bpf_map_type map_type;
	enum bpf_map_type inner_type;	/* of a map of maps */
	int func;			/* map_delete_elem or map_lookup_elem */
	const char *name;		/* the type the tier names */
};

/* socket filters may delete from a sockmap (may_update_sockmap()) */
FIXTURE_VARIANT_ADD(net_map, sockmap_in_socket_filter) {
	.prog_type = BPF_PROG_TYPE_SOCKET_FILTER, .map_type = BPF_MAP_TYPE_SOCKMAP,
	.func = BPF_FUNC_map_delete_elem, .name = "sockmap",
};

FIXTURE_VARIANT_ADD(net_map, sockhash_in_socket_filter) {
	.prog_type = BPF_PROG_TYPE_SOCKET_FILTER, .map_type = BPF_MAP_TYPE_SOCKHASH,
	.func = BPF_FUNC_map_delete_elem, .name = "sockhash",
};

FIXTURE_VARIANT_ADD(net_map, devmap_in_tracepoint) {
	.prog_type = BPF_PROG_TYPE_TRACEPOINT, .map_type = BPF_MAP_TYPE_DEVMAP,
	.func = BPF_FUNC_map_lookup_elem, .name = "devmap",
};

FIXTURE_VARIANT_ADD(net_map, devmap_hash_in_socket_filter) {
	.prog_type = BPF_PROG_TYPE_SOCKET_FILTER, .map_type = BPF_MAP_TYPE_DEVMAP_HASH,
	.func = BPF_FUNC_map_lookup_elem, .name = "devmap_hash",
};

/* only the outer map is referenced: it is judged by its inner map's type */
FIXTURE_VARIANT_ADD(net_map, array_of_sockmaps_in_tracepoint) {
	.prog_type = BPF_PROG_TYPE_TRACEPOINT, .map_type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
	.inner_type = BPF_MAP_TYPE_SOCKMAP, .func = BPF_FUNC_map_lookup_elem,
	.name = "sockmap",
};

FIXTURE_VARIANT_ADD(net_map, hash_of_devmaps_in_socket_filter) {
	.prog_type = BPF_PROG_TYPE_SOCKET_FILTER, .map_type = BPF_MAP_TYPE_HASH_OF_MAPS,
	.inner_type = BPF_MAP_TYPE_DEVMAP, .func = BPF_FUNC_map_lookup_elem,
	.name = "devmap",
};

FIXTURE_SETUP(net_map)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts);

	self->inner = -1;
	if (variant->inner_type) {
		self->inner = bpf_map_create(variant->inner_type, "adv_inner", 4, 4, 1, NULL);
		ASSERT_LE(0, self->inner) TH_LOG("inner map type %d: %s", variant->inner_type,
						 strerror(errno));
		opts.inner_map_fd = self->inner;
	}
	self->map = bpf_map_create(variant->map_type, "adv_net", 4, 4, 1, &opts);
	ASSERT_LE(0, self->map) TH_LOG("map type %d: %s", variant->map_type, strerror(errno));
}

FIXTURE_TEARDOWN(net_map)
{
	close(self->map);
	if (self->inner >= 0)
		close(self->inner);
}

TEST_F(net_map, unsigned_program_may_not_use_network_map)
{
	struct bpf_insn insns[] = {
		ST_W(BPF_REG_10, -4, 0), MOV64_REG(BPF_REG_2, BPF_REG_10),
		ADD64_IMM(BPF_REG_2, -4), LD_MAP_FD(BPF_REG_1), CALL(variant->func), RET0,
	};
	struct ld_load l = { .type = variant->prog_type, .insns = insns,
			     .cnt = N(insns), .name = "adv_net" };
	char what[96], line[512];
	int fd;

	insns[3].imm = self->map;
	snprintf(what, sizeof(what), "use a map of type %s (map adv_net)", variant->name);
	tier_line(line, sizeof(line), what, "controls-network");
	fd = ld_prog_load(&l, vlog, sizeof(vlog));
	if (enforcing()) {
		EXPECT_EQ(-EACCES, fd);
	} else {
		EXPECT_LE(0, fd);
	}
	if (locked()) {
		EXPECT_NE(NULL, strstr(vlog, line));
	} else {
		EXPECT_EQ(NULL, strstr(vlog, "lockdown:"));
	}
	if (_metadata->exit_code)
		TH_LOG("level %s mode %s fd %d, want \"%s\"; log:\n%.3000s",
		       ld_level_name(ld_level()), mode_name(ld_mode()), fd, line, vlog);
	if (fd >= 0)
		close(fd);
}

/* --- (f) struct_ops registered without a program ---------------------------- */

/*
 * A sched_ext struct_ops map whose every operation is the default: no
 * program, so nothing is ever verified, but registering it switches the
 * scheduler over. BPF_F_LINK keeps the update from registering anything:
 * it only prepares the map for a link.
 */

static void scx_log_line(char *buf, size_t size, bool refused)
{
	snprintf(buf, size,
		 "%s comm=\"adversary_test\" pid=%d map=\"adv_scx\" level=%s mode=%s what=\"register struct_ops map adv_scx: it has no program, so no signature vouches for it\" class=modifies-kernel-behaviour",
		 refused ? "refused" : "would-refuse", getpid(), ld_level_name(ld_level()),
		 mode_name(ld_mode()));
}

TEST(sched_ext_struct_ops_without_programs_is_refused)
{
	__u32 key = 0, size;
	char line[512];
	void *value;
	int fd, err;

	if (btf_id(SCX_VALUE, BTF_KIND_STRUCT) <= 0)
		SKIP(return, "the kernel has no sched_ext (no " SCX_VALUE " in its BTF)");
	fd = ld_scx_map("adv_scx", BPF_F_LINK, &value, &size);
	ASSERT_LE(0, fd) TH_LOG("struct_ops map: %s", strerror(-fd));
	err = bpf_map_update_elem(fd, &key, value, 0) ? -errno : 0;
	scx_log_line(line, sizeof(line), enforcing());
	if (enforcing()) {
		EXPECT_EQ(-EPERM, err);
	} else {
		EXPECT_EQ(0, err);
	}
	if (locked()) {
		EXPECT_TRUE(ld_kernel_log_has("%s", line))
			TH_LOG("no kernel log line \"%s\"", line);
	} else {
		scx_log_line(line, sizeof(line), true);
		EXPECT_FALSE(ld_kernel_log_has("%s", line));
		scx_log_line(line, sizeof(line), false);
		EXPECT_FALSE(ld_kernel_log_has("%s", line));
	}
	free(value);
	close(fd);
}

/*
 * Without BPF_F_LINK the update registers the map at once: sched_ext would
 * take over every task. Only where that is refused.
 */
TEST(sched_ext_struct_ops_registered_without_link_is_refused)
{
	__u32 key = 0, size;
	char line[512];
	void *value;
	int fd, err;

	if (btf_id(SCX_VALUE, BTF_KIND_STRUCT) <= 0)
		SKIP(return, "the kernel has no sched_ext (no " SCX_VALUE " in its BTF)");
	if (!enforcing())
		SKIP(return,
		     "would really switch the scheduler to sched_ext: only where refused (lockdown in enforce mode)");
	fd = ld_scx_map("adv_scx", 0, &value, &size);
	ASSERT_LE(0, fd) TH_LOG("struct_ops map: %s", strerror(-fd));
	err = bpf_map_update_elem(fd, &key, value, 0) ? -errno : 0;
	if (!err)
		bpf_map_delete_elem(fd, &key);
	EXPECT_EQ(-EPERM, err);
	scx_log_line(line, sizeof(line), true);
	EXPECT_TRUE(ld_kernel_log_has("%s", line)) TH_LOG("no kernel log line \"%s\"", line);
	free(value);
	close(fd);
}

/* --- attach points around an annotation ------------------------------------------- */

/*
 * Programs of the attacker's, each with a version 2 annotation (unsigned:
 * an annotation binds its program in every boot), attached elsewhere than
 * their points allow. Refusals are EPERM with a kernel log line; the lines
 * are rate-limited: each refusal makes room first (ld_room()) and is counted.
 */

#define ADV_KPROBE_FN "do_nanosleep"
#define WHY_POINT "its annotation does not name this attach point"
#define WHY_NO_NAME "its annotation names attach points, and this one has no name"
#define WHY_PATH "the path is not absolute and canonical, so no attach point names it"
#define END (-1)

static __attribute__((constructor)) void init_room(void)
{
	ld_room_init();
}

static const struct bpf_insn adv_ret0[] = { RET0 };

/* An unsigned program of @type annotated with @kinds (END-terminated) at every level, @points */
static int adv_load(enum bpf_prog_type type, enum bpf_attach_type attach, int btf_id_,
		    const char *name, const int *kinds, const char *const *points)
{
	__u64 k[BPF_LOCKDOWN_LEVEL_NR][BPF_LOCKDOWN_ANNOT_ATTACH_WORDS] = {};
	static __u8 annot[4096];
	struct ld_load l = { .type = type, .attach = attach, .attach_btf_id = btf_id_,
			     .insns = adv_ret0, .cnt = N(adv_ret0), .name = name, .annot = annot };

	for (int lv = 0; lv < BPF_LOCKDOWN_LEVEL_NR; lv++)
		for (int i = 0; kinds[i] != END; i++)
			k[lv][kinds[i] / 64] |= 1ULL << (kinds[i] % 64);
	l.annot_size = ld_annot_v2(annot, sizeof(annot), k, points);
	return ld_prog_load(&l, vlog, LOG_SIZE);
}

static char adv_want[512];

/*
 * The kernel log has the refusal of attaching @prog by its annotation:
 * "what" formatted from @fmt, cut at 191 bytes as the kernel cuts it
 */
static __printf(2, 3)
bool adv_refused(const char *prog, const char *fmt, ...)
{
	char what[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(adv_want, sizeof(adv_want),
		 "bpf_lockdown: refused comm=\"adversary_test\" pid=%d prog=\"%s\" level=%s mode=%s what=\"%s\" class=annotation\n",
		 getpid(), prog, ld_level_name(ld_level()), ld_mode_name(ld_mode()), what);
	return ld_kernel_log_has("%s", adv_want);
}

#define EXPECT_REFUSED(err, prog, ...) do {						\
	EXPECT_EQ(-EPERM, err);								\
	EXPECT_TRUE(adv_refused(prog, __VA_ARGS__)) TH_LOG("no line %s", adv_want);	\
} while (0)

/* A point as the kernel log shows it: at most 63 bytes, unsafe bytes as '?' */
static const char *adv_pt(const char *point)
{
	static char buf[4][64];
	static int i;
	char *b = buf[i++ % 4];

	snprintf(b, sizeof(buf[0]), "%s", point);
	for (char *c = b; *c; c++)
		if (*c <= ' ' || *c > '~' || *c == '"' || *c == '\\' || *c == '=')
			*c = '?';
	return b;
}

static int adv_sys_bpf(int cmd, union bpf_attr *a)
{
	int ret = syscall(__NR_bpf, cmd, a, sizeof(*a));

	return ret < 0 ? -errno : ret;
}

/*
 * The address of a kernel symbol in /proc/kallsyms, or 0; with @next, of
 * the first function after it (its name in @next)
 */
static unsigned long adv_ksym_next(const char *name, char *next)
{
	char line[256], sym[128], t;
	unsigned long addr = 0, best = 0, a;
	FILE *f = fopen("/proc/kallsyms", "r");

	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx %c %127s", &a, &t, sym) != 3)
			continue;
		if (!addr && !strcmp(sym, name)) {
			addr = a;
			rewind(f);
		} else if (addr && next && a > addr && (!best || a < best) &&
			   (t == 't' || t == 'T') && strncmp(sym, "__pfx_", 6) &&
			   !strchr(sym, '.')) {
			best = a;
			memcpy(next, sym, strlen(sym) + 1);
		}
	}
	if (f)
		fclose(f);
	return next ? best : addr;
}

static unsigned long adv_ksym(const char *name)
{
	return adv_ksym_next(name, NULL);
}

static int adv_kprobe_multi_addr(int prog, unsigned long addr)
{
	union bpf_attr a = {};

	a.link_create.prog_fd = prog;
	a.link_create.attach_type = BPF_TRACE_KPROBE_MULTI;
	a.link_create.kprobe_multi.cnt = 1;
	a.link_create.kprobe_multi.addrs = (__u64)(unsigned long)&addr;
	return adv_sys_bpf(BPF_LINK_CREATE, &a);
}

static int adv_uprobe_multi(int prog, const char *path)
{
	unsigned long off = 0;
	union bpf_attr a = {};

	a.link_create.prog_fd = prog;
	a.link_create.attach_type = BPF_TRACE_UPROBE_MULTI;
	a.link_create.uprobe_multi.path = (__u64)(unsigned long)path;
	a.link_create.uprobe_multi.offsets = (__u64)(unsigned long)&off;
	a.link_create.uprobe_multi.cnt = 1;
	return adv_sys_bpf(BPF_LINK_CREATE, &a);
}

/* A probe of perf's @pmu (kprobe, uprobe) on this thread, with PERF_EVENT_IOC_SET_BPF of @prog */
static int adv_perf_probe(const char *pmu, const void *config1, __u64 config2, int prog,
			  int *pfd)
{
	struct perf_event_attr a = { .size = sizeof(a) };
	char path[128], buf[32];

	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/type", pmu);
	if (ld_read(path, buf, sizeof(buf)) < 0)
		return -ENOENT;
	a.type = atoi(buf);
	a.config1 = (__u64)(unsigned long)config1;
	a.config2 = config2;
	*pfd = syscall(__NR_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	if (*pfd < 0)
		return -errno;
	return ioctl(*pfd, PERF_EVENT_IOC_SET_BPF, prog) ? -errno : 0;
}

static void adv_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

/*
 * kprobe_multi links take addresses too: an address is bound by the name
 * of its function, and one that names no function is refused. At
 * confidentiality the tier refuses unsigned kprobe_multi programs (the
 * registers hold kernel pointers): in enforce mode at load, in audit mode
 * each attach would add a line of its own, so the test stops after the load.
 */
TEST(kprobe_multi_by_address_is_bound_by_name)
{
	static const int kinds[] = { BPF_TRACE_KPROBE_MULTI, BPF_LOCKDOWN_ATTACH_KPROBE, END };
	static const char *const points[] = { "kprobe:" ADV_KPROBE_FN, NULL };
	unsigned long other = adv_ksym("__x64_sys_nanosleep");
	int fd, err;

	ASSERT_NE(0UL, other) TH_LOG("no __x64_sys_nanosleep in /proc/kallsyms");
	fd = adv_load(BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, 0, "adv_kmulti", kinds, points);
	if (ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
	    ld_mode() != BPF_LOCKDOWN_MODE_OFF) {
		EXPECT_EQ(ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE ? -EPERM : 0, fd < 0 ? fd : 0)
			TH_LOG("%s", vlog);
		EXPECT_NE(NULL, strstr(vlog, "load program type kprobe/multi (attach type 42)"))
			TH_LOG("%s", vlog);
		adv_close(fd);
		return;
	}
	ASSERT_LE(0, fd) TH_LOG("%s", vlog);
	ld_room();
	err = adv_kprobe_multi_addr(fd, other);
	ld_room_count();
	adv_close(err);
	EXPECT_REFUSED(err, "adv_kmulti", "attach as kprobe at kprobe:__x64_sys_nanosleep: %s",
		       WHY_POINT);
	ld_room();
	err = adv_kprobe_multi_addr(fd, 4096);
	ld_room_count();
	adv_close(err);
	EXPECT_REFUSED(err, "adv_kmulti", "attach as kprobe at kprobe:?: %s", WHY_NO_NAME);
	close(fd);
}

/*
 * perf's kprobe PMU takes an address, or a function and an offset: an
 * address has no name to match, and a function with an offset has none
 * either, since the offset may reach past it into the next function
 */
TEST(perf_kprobe_by_address_or_offset_is_not_the_bound_function)
{
	static const int kinds[] = { BPF_LOCKDOWN_ATTACH_KPROBE, END };
	static const char *const points[] = { "kprobe:" ADV_KPROBE_FN, NULL };
	unsigned long mine = adv_ksym(ADV_KPROBE_FN), other;
	char other_name[128] = "";
	int fd, pfd = -1, err;

	if (ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY)
		SKIP(return, "stock lockdown refuses kprobe events at confidentiality");
	ASSERT_NE(0UL, mine) TH_LOG("no " ADV_KPROBE_FN " in /proc/kallsyms");
	other = adv_ksym_next(ADV_KPROBE_FN, other_name);
	ASSERT_LT(mine, other) TH_LOG("no function after " ADV_KPROBE_FN);
	fd = adv_load(BPF_PROG_TYPE_KPROBE, 0, 0, "adv_kprobe", kinds, points);
	ASSERT_LE(0, fd) TH_LOG("%s", vlog);
	ld_room();
	err = adv_perf_probe("kprobe", NULL, mine, fd, &pfd);
	ld_room_count();
	adv_close(pfd);
	EXPECT_REFUSED(err, "adv_kprobe", "attach as kprobe at kprobe:?: %s", WHY_NO_NAME);
	TH_LOG(ADV_KPROBE_FN "+%#lx is %s", other - mine, other_name);
	ld_room();
	err = adv_perf_probe("kprobe", ADV_KPROBE_FN, other - mine, fd, &pfd);
	ld_room_count();
	adv_close(pfd);
	EXPECT_REFUSED(err, "adv_kprobe", "attach as kprobe at kprobe:?: %s", WHY_NO_NAME);
	close(fd);
}

/*
 * A path prefix binds the file the loader names, by its text: a relative
 * path (to a file under the prefix), and a path that starts with the
 * prefix and leaves it through "..", are refused as paths no point names
 */
TEST(uprobe_path_tricks_do_not_match_a_prefix)
{
	static const int multi_kinds[] = {
		BPF_TRACE_UPROBE_MULTI, BPF_LOCKDOWN_ATTACH_UPROBE, END
	};
	static const int perf_kinds[] = { BPF_LOCKDOWN_ATTACH_UPROBE, END };
	char exe[PATH_MAX], cwd[PATH_MAX], rel[PATH_MAX], dotdot[PATH_MAX], point[PATH_MAX + 16];
	const char *const points[] = { point, NULL };
	int multi, perf, pfd = -1, err, n;
	char *slash;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ASSERT_LT(0, n);
	exe[n] = '\0';
	ASSERT_NE(NULL, getcwd(cwd, sizeof(cwd)));
	/* up to / from the working directory, then down to this binary */
	rel[0] = '\0';
	for (char *c = cwd; *c; c++)
		if (*c == '/' && c[1])
			strcat(rel, "../");
	strcat(rel, exe + 1);
	slash = strrchr(exe, '/');
	*slash = '\0';
	snprintf(point, sizeof(point), "uprobe:%s/*", exe);
	n = snprintf(dotdot, sizeof(dotdot), "%s/", exe);
	for (int i = 0; i < 16; i++)
		n += snprintf(dotdot + n, sizeof(dotdot) - n, "../");
	snprintf(dotdot + n, sizeof(dotdot) - n, "bin/sh");

	multi = adv_load(BPF_PROG_TYPE_KPROBE, BPF_TRACE_UPROBE_MULTI, 0, "adv_umulti",
			 multi_kinds, points);
	ASSERT_LE(0, multi) TH_LOG("%s", vlog);
	perf = adv_load(BPF_PROG_TYPE_KPROBE, 0, 0, "adv_uprobe", perf_kinds, points);
	ASSERT_LE(0, perf) TH_LOG("%s", vlog);
	ld_room();
	err = adv_uprobe_multi(multi, rel);
	ld_room_count();
	adv_close(err);
	EXPECT_REFUSED(err, "adv_umulti", "attach as uprobe at uprobe:%s: %s", adv_pt(rel),
		       WHY_PATH);
	ld_room();
	err = adv_perf_probe("uprobe", rel, 0, perf, &pfd);
	ld_room_count();
	adv_close(pfd);
	EXPECT_REFUSED(err, "adv_uprobe", "attach as uprobe at uprobe:%s: %s", adv_pt(rel),
		       WHY_PATH);
	TH_LOG("through ..: %s", dotdot);
	ld_room();
	err = adv_uprobe_multi(multi, dotdot);
	ld_room_count();
	adv_close(err);
	EXPECT_REFUSED(err, "adv_umulti", "attach as uprobe at uprobe:%s: %s", adv_pt(dotdot),
		       WHY_PATH);
	ld_room();
	err = adv_perf_probe("uprobe", dotdot, 0, perf, &pfd);
	ld_room_count();
	adv_close(pfd);
	EXPECT_REFUSED(err, "adv_uprobe", "attach as uprobe at uprobe:%s: %s", adv_pt(dotdot),
		       WHY_PATH);
	close(perf);
	close(multi);
}

/*
 * Raw tracepoint names match a point exactly, or by the prefix before a
 * final "*": a name one character shorter or longer than an exact point
 * is refused, and so are names shorter than a prefix or beside it
 */
TEST(raw_tracepoint_names_match_exactly_or_by_their_prefix)
{
	static const int kinds[] = { BPF_LOCKDOWN_ATTACH_RAW_TRACEPOINT, END };
	static const char *const points[] = { "raw_tracepoint:sys_enter",
					      "raw_tracepoint:sched_wakeup*", NULL };
	static const char *const ok[] = { "sys_enter", "sched_wakeup", "sched_wakeup_new" };
	static const char *const no[] = { "sys_ente", "sys_enter_x", "sched_wake", "sched_waking" };
	union bpf_attr a = {};
	int fd, err;

	fd = adv_load(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, "adv_rawtp", kinds, points);
	ASSERT_LE(0, fd) TH_LOG("%s", vlog);
	a.raw_tracepoint.prog_fd = fd;
	for (unsigned int i = 0; i < N(ok); i++) {
		a.raw_tracepoint.name = (__u64)(unsigned long)ok[i];
		err = adv_sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &a);
		EXPECT_LE(0, err) TH_LOG("%s: %s", ok[i], strerror(-err));
		adv_close(err);
	}
	for (unsigned int i = 0; i < N(no); i++) {
		a.raw_tracepoint.name = (__u64)(unsigned long)no[i];
		ld_room();
		err = adv_sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &a);
		ld_room_count();
		adv_close(err);
		EXPECT_REFUSED(err, "adv_rawtp",
			       "attach as raw_tracepoint at raw_tracepoint:%s: %s", no[i],
			       WHY_POINT);
	}
	close(fd);
}

/*
 * BPF_LINK_UPDATE puts another program on an existing link: it is judged
 * as if it were attached there. An iterator link (the unsigned tier allows
 * iterators at every level) refuses a program whose annotation does not
 * allow BPF_TRACE_ITER, and takes one without an annotation.
 */
TEST(link_update_swaps_in_a_program_the_annotation_forbids)
{
	static const int iter_kinds[] = { BPF_TRACE_ITER, END };
	static const int fentry_kinds[] = { BPF_TRACE_FENTRY, END };
	int id = btf_id("bpf_iter_task", BTF_KIND_FUNC), mine, forbidden, plain, link, err;
	union bpf_attr a = {};

	ASSERT_LT(0, id);
	mine = adv_load(BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, id, "adv_iter", iter_kinds, NULL);
	ASSERT_LE(0, mine) TH_LOG("%s", vlog);
	forbidden = adv_load(BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, id, "adv_iter_swap",
			     fentry_kinds, NULL);
	ASSERT_LE(0, forbidden) TH_LOG("%s", vlog);
	{
		struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_ITER,
				     .attach_btf_id = id, .insns = adv_ret0, .cnt = N(adv_ret0),
				     .name = "adv_iter_plain" };

		plain = ld_prog_load(&l, vlog, LOG_SIZE);
		ASSERT_LE(0, plain) TH_LOG("%s", vlog);
	}
	a.link_create.prog_fd = mine;
	a.link_create.attach_type = BPF_TRACE_ITER;
	link = adv_sys_bpf(BPF_LINK_CREATE, &a);
	ASSERT_LE(0, link) TH_LOG("%s", strerror(-link));
	memset(&a, 0, sizeof(a));
	a.link_update.link_fd = link;
	a.link_update.new_prog_fd = forbidden;
	ld_room();
	err = adv_sys_bpf(BPF_LINK_UPDATE, &a);
	ld_room_count();
	EXPECT_REFUSED(err, "adv_iter_swap",
		       "attach as trace_iter: its annotation does not allow this attach type at this level");
	a.link_update.new_prog_fd = plain;
	EXPECT_EQ(0, adv_sys_bpf(BPF_LINK_UPDATE, &a));
	close(link);
	close(plain);
	close(forbidden);
	close(mine);
}

/*
 * bpf_get_stack(ctx, fp - 64, 64, flags) in a raw tracepoint, reached with
 * BPF_F_USER_STACK when a random number is 0 and with 0, a kernel stack,
 * otherwise (ld_pruned_call()): had the tier not marked the flags precise,
 * the second path would be pruned and load at confidentiality.
 */
static unsigned int pruned_stack(struct bpf_insn *insns, unsigned int pad)
{
	static const struct bpf_insn head[] = {
		MOV64_REG(BPF_REG_6, BPF_REG_1), CALL(BPF_FUNC_get_prandom_u32),
		MOV64_REG(BPF_REG_1, BPF_REG_6), MOV64_REG(BPF_REG_2, BPF_REG_10),
		ADD64_IMM(BPF_REG_2, -64), MOV64_IMM(BPF_REG_3, 64), MOV64_IMM(BPF_REG_4, 0),
	};

	return ld_pruned_call(insns, head, N(head), MOV64_IMM(BPF_REG_4, BPF_F_USER_STACK),
			      BPF_FUNC_get_stack, pad);
}

TEST(kernel_stack_on_a_pruned_path_is_refused_at_confidentiality)
{
	bool conf = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY && enforcing();
	struct bpf_insn insns[32];
	struct ld_load a = { .type = BPF_PROG_TYPE_RAW_TRACEPOINT, .insns = insns };
	unsigned int pad;
	int fd;

	for (pad = 0; pad < 10; pad++) {
		a.cnt = pruned_stack(insns, pad);
		fd = ld_prog_load(&a, vlog, sizeof(vlog));
		if (conf) {
			EXPECT_EQ(-EACCES, fd) TH_LOG("pad %u", pad);
			EXPECT_LOG_HAS(vlog,
				       "call bpf_get_stack#67 for a kernel stack (flags without BPF_F_USER_STACK)");
		} else {
			EXPECT_LE(0, fd) TH_LOG("pad %u: %s", pad, vlog);
		}
		if (fd >= 0)
			close(fd);
	}
}

/* --- objects of bpf_obj_new() ------------------------------------------------ */

/*
 * The words of a new object may be what an earlier user of the BPF memory
 * allocator left: it reuses objects as they were (a dropped object after
 * an RCU grace period, iterator state at once), and bpf_obj_init() stores
 * an object's own address into its rb node. Verified
 * without pointer leaks (confidentiality, enforce mode) a program may not
 * load through an allocated object at all, so it cannot read them; below
 * it, where the tier lets programs read kernel addresses, the program
 * loads and runs. It allocates an object with an rb node, drops it, and
 * ORs the words of the next object of its size.
 */
TEST(obj_new_words_are_unreadable_without_pointer_leaks)
{
	LIBBPF_OPTS(bpf_test_run_opts, run);
	struct bpf_program *prog;
	struct bpf_object *obj;
	struct bpf_link *link;
	struct bpf_map *bss;
	__u64 v[2] = {};
	__u32 zero = 0;
	int i, err;

	obj = open_one("adv_obj_new.bpf.o", "adv_obj_new_reuse", &prog);
	ASSERT_NE(NULL, obj);
	err = bpf_object__load(obj);
	if (verified_unprivileged()) {
		EXPECT_EQ(-EPERM, err);
		EXPECT_NE(NULL, strstr(vlog, PERFMON)) TH_LOG("%s", vlog);
		EXPECT_NE(NULL, strstr(vlog, NO_LEAKS)) TH_LOG("%s", vlog);
		bpf_object__close(obj);
		return;
	}
	ASSERT_EQ(0, err) TH_LOG("%.3000s", vlog);
	EXPECT_EQ(NULL, strstr(vlog, "lockdown:")) TH_LOG("%s", vlog);
	link = bpf_program__attach(prog);
	ASSERT_NE(NULL, link) TH_LOG("attach: %s", strerror(errno));
	for (i = 0; i < 64; i++)
		ASSERT_EQ(0, bpf_prog_test_run_opts(bpf_program__fd(prog), &run));
	bss = bpf_object__find_map_by_name(obj, ".bss");
	ASSERT_NE(NULL, bss);
	ASSERT_EQ(0, bpf_map_lookup_elem(bpf_map__fd(bss), &zero, v));
	EXPECT_EQ(64ULL, v[1]);
	TH_LOG("OR of the words of 64 new objects: %#llx", (unsigned long long)v[0]);
	bpf_link__destroy(link);
	bpf_object__close(obj);
}

TEST_HARNESS_MAIN
