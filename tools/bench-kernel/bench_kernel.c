// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown - what the feature costs the kernel, measured inside the VM
 *
 *   bench_kernel [-k KEY.pem -c CERT.pem] [-s SCALE] STEP...
 *
 * Run by scripts/bench-kernel in each boot with the steps of that boot, in
 * order, in one process (programs loaded by one step stay loaded for the
 * next). Programs are generated here and loaded with BPF_PROG_LOAD
 * directly; maps, BTF, annotations and signatures are made before the timed
 * loads. Every timed sample is printed, one series per line; the host
 * computes medians, spreads and ratios. Steps:
 *
 *   level:L      write L to /sys/kernel/security/lockdown
 *   mode:M       write M to the bpf_lockdown mode file
 *   p1           signed+annotated / annotated / plain loads of the same
 *                programs, interleaved, and the kernel's phase times
 *   sha          SHA-256 throughput: the kernel's (hashing a sealed map)
 *                and OpenSSL's in user space
 *   p2:TAG       verifier time of unsigned programs (ALU, helper calls,
 *                BTF pointer loads), recorded under TAG
 *   p3load:TAG   load the run-time programs unsigned and keep them as TAG
 *   p3sign:TAG   the same, signed
 *   p3run        BPF_PROG_TEST_RUN of the programs kept since the last p3run,
 *                interleaved
 *   p4:TAG       loads of a program with many would-be refusals
 *
 * Output lines (space-separated):
 *   S EXP TAG VARIANT SIZE METRIC v1 v2 ...   samples, in order
 *   P EXP TAG SIZE PHASE LOADS NS             kernel phase time deltas
 *   I KEY VALUE...                            facts (sizes, counts)
 *   E message                                 an error (exit status 1)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/bpf_lockdown.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "annot.h"
#include "digest.h"
#include "sign_util.h"

#define LD_DIR "/sys/kernel/security/bpf_lockdown/"
/* the verifier's log levels (include/linux/bpf_verifier.h) */
#define BPF_LOG_LEVEL1	1
#define BPF_LOG_STATS	4
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *key_path = "build/keys/signing_key.pem";
static const char *cert_path = "build/keys/cert.pem";
static double scale = 1.0;

static void die(const char *fmt, ...)
{
	va_list ap;

	printf("E ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(1);
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n < 0 ? -errno : 0;
}

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}

/* Repetitions for a program of @size instructions, scaled */
static int reps_for(unsigned int size, int at100)
{
	double r = at100;

	if (size >= 100000)
		r = at100 / 8.0;
	else if (size >= 10000)
		r = at100 / 4.0;
	else if (size >= 1000)
		r = at100 / 2.0;
	r *= scale;
	return r < 3 ? 3 : (int)r;
}

/* --- programs ----------------------------------------------------------- */

struct prog {
	struct bpf_insn *insns;
	unsigned int cnt, cap;
	/* instructions that start a line (for line_info) */
	unsigned int *lines;
	unsigned int line_cnt;
};

#define INSN(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), \
					       .src_reg = (s), .off = (o), .imm = (i) })
#define ALU64_IMM(op, d, i)	INSN(BPF_ALU64 | (op) | BPF_K, d, 0, 0, i)
#define ALU64_REG(op, d, s)	INSN(BPF_ALU64 | (op) | BPF_X, d, s, 0, 0)
#define MOV64_IMM(d, i)		ALU64_IMM(BPF_MOV, d, i)
#define MOV64_REG(d, s)		ALU64_REG(BPF_MOV, d, s)
#define LDX(sz, d, s, o)	INSN(BPF_LDX | BPF_MEM | (sz), d, s, o, 0)
#define STX(sz, d, s, o)	INSN(BPF_STX | BPF_MEM | (sz), d, s, o, 0)
#define ST(sz, d, o, i)		INSN(BPF_ST | BPF_MEM | (sz), d, 0, o, i)
#define CALL(id)		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define EXIT			INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* Room for one more instruction and line */
static void reserve(struct prog *p)
{
	if (p->cnt < p->cap && p->line_cnt < p->cap)
		return;
	p->cap = p->cap ? 2 * p->cap : 256;
	p->insns = realloc(p->insns, p->cap * sizeof(*p->insns));
	p->lines = realloc(p->lines, p->cap * sizeof(*p->lines));
	if (!p->insns || !p->lines)
		die("out of memory");
}

static void emit(struct prog *p, struct bpf_insn insn)
{
	reserve(p);
	p->insns[p->cnt++] = insn;
}

/* The next instruction starts a source line */
static void line(struct prog *p)
{
	reserve(p);
	p->lines[p->line_cnt++] = p->cnt;
}

/* ld_imm64 of fd_array slot @idx: the map, or its value at @off */
static void ld_map(struct prog *p, int reg, int idx, bool value, int off)
{
	emit(p, INSN(BPF_LD | BPF_IMM | BPF_DW, reg,
		     value ? BPF_PSEUDO_MAP_IDX_VALUE : BPF_PSEUDO_MAP_IDX, 0, idx));
	emit(p, INSN(0, 0, 0, 0, value ? off : 0));
}

static void prog_free(struct prog *p)
{
	free(p->insns);
	free(p->lines);
	memset(p, 0, sizeof(*p));
}

static void finish(struct prog *p, unsigned int n)
{
	while (p->cnt < n - 2)
		emit(p, ALU64_IMM(BPF_ADD, BPF_REG_9, 1));
	line(p);
	emit(p, MOV64_IMM(BPF_REG_0, 0));
	emit(p, EXIT);
}

/*
 * A socket filter of about @n instructions, as the unsigned tier allows:
 * stack stores and loads and ALU work in blocks of 8 to 11 instructions, a
 * bpf_get_prandom_u32() call every 4th block and, when @map, a load from
 * the value of the map in fd_array slot 0 every 8th. No branches: the
 * verifier walks it once, so its time grows linearly with the size.
 */
static void gen_alu(struct prog *p, unsigned int n, bool map)
{
	unsigned int b = 0;

	line(p);
	emit(p, MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit(p, MOV64_IMM(BPF_REG_7, 0));
	emit(p, MOV64_IMM(BPF_REG_9, 0));
	while (p->cnt + 20 < n) {
		line(p);
		if (map && b % 8 == 7) {
			ld_map(p, BPF_REG_1, 0, true, 0);
			emit(p, LDX(BPF_DW, BPF_REG_8, BPF_REG_1, 0));
			emit(p, ALU64_REG(BPF_ADD, BPF_REG_7, BPF_REG_8));
		} else if (b % 4 == 3) {
			emit(p, CALL(BPF_FUNC_get_prandom_u32));
			emit(p, ALU64_REG(BPF_ADD, BPF_REG_7, BPF_REG_0));
		}
		emit(p, ALU64_IMM(BPF_ADD, BPF_REG_7, 3));
		emit(p, ALU64_IMM(BPF_XOR, BPF_REG_7, 0x55));
		emit(p, STX(BPF_DW, BPF_REG_10, BPF_REG_7, -8));
		emit(p, LDX(BPF_DW, BPF_REG_8, BPF_REG_10, -8));
		emit(p, ALU64_IMM(BPF_MUL, BPF_REG_8, 7));
		emit(p, ALU64_IMM(BPF_RSH, BPF_REG_8, 3));
		emit(p, MOV64_REG(BPF_REG_9, BPF_REG_8));
		emit(p, ALU64_IMM(BPF_OR, BPF_REG_9, 1));
		b++;
	}
	finish(p, n);
}

/* A socket filter: a bpf_get_prandom_u32() call site every 2 instructions */
static void gen_helpers(struct prog *p, unsigned int n)
{
	line(p);
	emit(p, MOV64_IMM(BPF_REG_7, 0));
	emit(p, MOV64_IMM(BPF_REG_9, 0));
	while (p->cnt + 4 < n) {
		emit(p, CALL(BPF_FUNC_get_prandom_u32));
		emit(p, ALU64_REG(BPF_ADD, BPF_REG_7, BPF_REG_0));
	}
	finish(p, n);
}

/* A kprobe program: a load through the task_struct BTF pointer every 2 */
static void gen_btf(struct prog *p, unsigned int n, int pid_off)
{
	line(p);
	emit(p, MOV64_IMM(BPF_REG_7, 0));
	emit(p, MOV64_IMM(BPF_REG_9, 0));
	emit(p, CALL(BPF_FUNC_get_current_task_btf));
	emit(p, MOV64_REG(BPF_REG_6, BPF_REG_0));
	while (p->cnt + 4 < n) {
		emit(p, LDX(BPF_W, BPF_REG_0, BPF_REG_6, pid_off));
		emit(p, ALU64_REG(BPF_ADD, BPF_REG_7, BPF_REG_0));
	}
	finish(p, n);
}

/*
 * A socket filter for run time: per block, the packet length masked to an
 * index into a map value (pointer arithmetic with a variable offset), a
 * byte load, a stack spill and fill.
 */
static void gen_run(struct prog *p, unsigned int n)
{
	line(p);
	emit(p, MOV64_REG(BPF_REG_6, BPF_REG_1));
	ld_map(p, BPF_REG_7, 0, true, 0);
	emit(p, MOV64_IMM(BPF_REG_8, 0));
	emit(p, MOV64_IMM(BPF_REG_9, 0));
	while (p->cnt + 12 < n) {
		line(p);
		emit(p, LDX(BPF_W, BPF_REG_2, BPF_REG_6, offsetof(struct __sk_buff, len)));
		emit(p, ALU64_IMM(BPF_AND, BPF_REG_2, 63));
		emit(p, MOV64_REG(BPF_REG_3, BPF_REG_7));
		emit(p, ALU64_REG(BPF_ADD, BPF_REG_3, BPF_REG_2));
		emit(p, LDX(BPF_B, BPF_REG_0, BPF_REG_3, 0));
		emit(p, ALU64_REG(BPF_ADD, BPF_REG_8, BPF_REG_0));
		emit(p, STX(BPF_DW, BPF_REG_10, BPF_REG_8, -16));
		emit(p, LDX(BPF_DW, BPF_REG_8, BPF_REG_10, -16));
		emit(p, ALU64_IMM(BPF_XOR, BPF_REG_8, 0x33));
	}
	finish(p, n);
}

/*
 * A kprobe program with many would-be refusals at integrity: @maps
 * references to denied maps (fd_array slots 0..@maps-1, each reported) and
 * call sites of two denied helpers (each reported once per load), between
 * allowed ALU work.
 */
static void gen_refusals(struct prog *p, unsigned int n, unsigned int maps)
{
	static const int denied[] = { BPF_FUNC_send_signal, BPF_FUNC_send_signal_thread };
	unsigned int i, b = 0;

	line(p);
	emit(p, MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit(p, MOV64_IMM(BPF_REG_7, 0));
	emit(p, MOV64_IMM(BPF_REG_9, 0));
	for (i = 0; i < maps; i++)
		ld_map(p, BPF_REG_1, i, false, 0);
	while (p->cnt + 20 < n) {
		line(p);
		if (b % 2 == 0) {
			int id = denied[(b / 2) % N(denied)];

			emit(p, MOV64_IMM(BPF_REG_1, 0));
			emit(p, MOV64_IMM(BPF_REG_2, 0));
			emit(p, CALL(id));
		}
		emit(p, ALU64_IMM(BPF_ADD, BPF_REG_7, 3));
		emit(p, ALU64_IMM(BPF_XOR, BPF_REG_7, 0x55));
		emit(p, MOV64_REG(BPF_REG_8, BPF_REG_7));
		emit(p, ALU64_IMM(BPF_MUL, BPF_REG_8, 7));
		emit(p, ALU64_IMM(BPF_RSH, BPF_REG_8, 3));
		emit(p, MOV64_REG(BPF_REG_9, BPF_REG_8));
		b++;
	}
	finish(p, n);
}

/* --- maps and BTF ------------------------------------------------------- */

static int map_create(__u32 type, __u32 key_size, __u32 value_size, __u32 max_entries,
		      __u32 flags)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	attr.map_flags = flags;
	fd = sys_bpf(BPF_MAP_CREATE, &attr);
	if (fd < 0)
		die("BPF_MAP_CREATE type %u: %s", type, strerror(errno));
	return fd;
}

static void map_update(int fd, __u32 key, const void *value)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = (unsigned long)&key;
	attr.value = (unsigned long)value;
	if (sys_bpf(BPF_MAP_UPDATE_ELEM, &attr))
		die("BPF_MAP_UPDATE_ELEM: %s", strerror(errno));
}

static void map_freeze(int fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	if (sys_bpf(BPF_MAP_FREEZE, &attr))
		die("BPF_MAP_FREEZE: %s", strerror(errno));
}

static void map_desc(int fd, struct bpf_lockdown_digest_map *m)
{
	struct bpf_map_info info;
	union bpf_attr attr;

	memset(&info, 0, sizeof(info));
	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = sizeof(info);
	attr.info.info = (unsigned long)&info;
	if (sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr))
		die("BPF_OBJ_GET_INFO_BY_FD: %s", strerror(errno));
	memset(m, 0, sizeof(*m));
	m->type = info.type;
	m->key_size = info.key_size;
	m->value_size = info.value_size;
	m->max_entries = info.max_entries;
	m->flags = info.map_flags;
}

/*
 * The program BTF: int, a function prototype, the function "bench", and the
 * strings line_info points to (a file name and one source line).
 */
static struct {
	__u8 raw[512];
	__u32 size;
	__u32 file_off, line_off;
	int fd;
} btf;

static void btf_build(void)
{
	static const char strs[] = "\0int\0bench\0bench.c\0\tr7 += 3;";
	struct btf_header *h = (void *)btf.raw;
	__u32 types[] = {
		/* [1] int */
		1, BTF_KIND_INT << 24, 4, BTF_INT_SIGNED << 24 | 32,
		/* [2] int (void) */
		0, BTF_KIND_FUNC_PROTO << 24, 1,
		/* [3] static int bench(void) */
		5, BTF_KIND_FUNC << 24 | BTF_FUNC_STATIC, 2,
	};
	char log[4096];
	union bpf_attr attr;

	memset(h, 0, sizeof(*h));
	h->magic = BTF_MAGIC;
	h->version = BTF_VERSION;
	h->hdr_len = sizeof(*h);
	h->type_off = 0;
	h->type_len = sizeof(types);
	h->str_off = sizeof(types);
	h->str_len = sizeof(strs);
	memcpy(btf.raw + sizeof(*h), types, sizeof(types));
	memcpy(btf.raw + sizeof(*h) + sizeof(types), strs, sizeof(strs));
	btf.size = sizeof(*h) + sizeof(types) + sizeof(strs);
	btf.file_off = 11;
	btf.line_off = 19;
	memset(&attr, 0, sizeof(attr));
	attr.btf = (unsigned long)btf.raw;
	attr.btf_size = btf.size;
	attr.btf_log_buf = (unsigned long)log;
	attr.btf_log_size = sizeof(log);
	attr.btf_log_level = 1;
	log[0] = '\0';
	btf.fd = sys_bpf(BPF_BTF_LOAD, &attr);
	if (btf.fd < 0)
		die("BPF_BTF_LOAD: %s: %s", strerror(errno), log);
}

/* Offset of task_struct.pid in vmlinux BTF */
static int task_pid_off(void)
{
	struct btf *v = btf__load_vmlinux_btf();
	const struct btf_member *m;
	const struct btf_type *t;
	int id, i;

	if (!v)
		die("cannot load vmlinux BTF");
	id = btf__find_by_name_kind(v, "task_struct", BTF_KIND_STRUCT);
	if (id < 0)
		die("no task_struct in vmlinux BTF");
	t = btf__type_by_id(v, id);
	m = btf_members(t);
	for (i = 0; i < btf_vlen(t); i++, m++) {
		if (!strcmp(btf__name_by_offset(v, m->name_off), "pid")) {
			int off = btf_member_bit_offset(t, i) / 8;

			btf__free(v);
			return off;
		}
	}
	die("no task_struct.pid in vmlinux BTF");
	return 0;
}

/* --- loading ------------------------------------------------------------ */

/* One program with everything BPF_PROG_LOAD gets, ready to load again */
struct load {
	const char *name;
	__u32 type;
	struct prog prog;
	int fd_array[64];
	unsigned int map_cnt;
	bool with_btf;
	struct bpf_func_info func_info;
	struct bpf_line_info *line_info;
	__u32 line_info_cnt;
	__u8 annot[1024];
	__u32 annot_size;
	__u8 sig[4096];
	__u32 sig_size;
	__u32 digest_bytes;	/* about what the digest hashes */
};

static void load_btf(struct load *l)
{
	unsigned int i;

	l->with_btf = true;
	l->func_info.insn_off = 0;
	l->func_info.type_id = 3;
	l->line_info = calloc(l->prog.line_cnt, sizeof(*l->line_info));
	if (!l->line_info)
		die("out of memory");
	for (i = 0; i < l->prog.line_cnt; i++) {
		l->line_info[i].insn_off = l->prog.lines[i];
		l->line_info[i].file_name_off = btf.file_off;
		l->line_info[i].line_off = btf.line_off;
		l->line_info[i].line_col = (i + 1) << 10 | 1;
	}
	l->line_info_cnt = l->prog.line_cnt;
}

/* Annotation granting @helpers at every level, and its signature */
static void load_sign(struct load *l, const int *helpers, unsigned int helper_cnt,
		      const __u32 *sealed, unsigned int sealed_cnt,
		      const __u8 (*sealed_sha)[32])
{
	struct bpf_lockdown_digest_map maps[64];
	struct bpf_lockdown_annot_spec spec;
	struct bpf_lockdown_digest_input in;
	struct bpf_lockdown_annot annot;
	__u8 digest[BPF_LOCKDOWN_DIGEST_SIZE];
	char err[160];
	unsigned int i, lv;

	memset(&spec, 0, sizeof(spec));
	for (lv = 0; lv < BPF_LOCKDOWN_LEVEL_NR; lv++) {
		spec.level[lv].may_load = true;
		for (i = 0; i < helper_cnt; i++)
			bpf_lockdown_annot_set_helper(spec.level[lv].helpers, helpers[i]);
	}
	spec.sealed = sealed;
	spec.sealed_cnt = sealed_cnt;
	if (bpf_lockdown_annot_build(&spec, l->annot, sizeof(l->annot), &l->annot_size, err,
				     sizeof(err)) ||
	    bpf_lockdown_annot_parse(l->annot, l->annot_size, &annot, err, sizeof(err)))
		die("annotation: %s", err);
	for (i = 0; i < l->map_cnt; i++) {
		map_desc(l->fd_array[i], &maps[i]);
		if (bpf_lockdown_annot_is_sealed(&annot, i))
			maps[i].sealed_sha256 = sealed_sha[i];
	}
	memset(&in, 0, sizeof(in));
	in.prog_type = l->type;
	in.prog_name = l->name;
	in.license = "GPL";
	in.insns = l->prog.insns;
	in.insn_cnt = l->prog.cnt;
	in.maps = maps;
	in.map_cnt = l->map_cnt;
	in.annot = &annot;
	if (l->with_btf) {
		in.btf = btf.raw;
		in.btf_size = btf.size;
		in.func_info = &l->func_info;
		in.func_info_cnt = 1;
		in.func_info_rec_size = sizeof(l->func_info);
		in.line_info = l->line_info;
		in.line_info_cnt = l->line_info_cnt;
		in.line_info_rec_size = sizeof(*l->line_info);
	}
	if (bpf_lockdown_digest(&in, NULL, NULL, digest, err, sizeof(err)))
		die("digest: %s", err);
	l->digest_bytes = 8 * l->prog.cnt + (l->with_btf ? btf.size + sizeof(l->func_info) +
					      l->line_info_cnt * sizeof(*l->line_info) : 0) +
			  l->annot_size + 24 * l->map_cnt;

	l->sig_size = sizeof(l->sig);
	if (ld_cms_sign(key_path, cert_path, digest, sizeof(digest), l->sig, &l->sig_size))
		die("cannot sign with %s and %s", key_path, cert_path);
}

enum variant { PLAIN, ANNOTATED, SIGNED };
static const char *const variant_names[] = { "plain", "annotated", "signed" };

static char logbuf[1 << 16];

/*
 * BPF_PROG_LOAD of @l as @v; *@wall is the time of the system call, in ns.
 * With @log_level, the log goes to logbuf. Returns the fd or -errno.
 */
static int do_load(const struct load *l, enum variant v, __u32 log_level, __u64 *wall)
{
	union bpf_attr attr;
	__u64 t0, t1;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = l->type;
	attr.insns = (unsigned long)l->prog.insns;
	attr.insn_cnt = l->prog.cnt;
	attr.license = (unsigned long)"GPL";
	snprintf(attr.prog_name, sizeof(attr.prog_name), "%s", l->name);
	if (l->map_cnt)
		attr.fd_array = (unsigned long)l->fd_array;
	if (l->with_btf) {
		attr.prog_btf_fd = btf.fd;
		attr.func_info = (unsigned long)&l->func_info;
		attr.func_info_cnt = 1;
		attr.func_info_rec_size = sizeof(l->func_info);
		attr.line_info = (unsigned long)l->line_info;
		attr.line_info_cnt = l->line_info_cnt;
		attr.line_info_rec_size = sizeof(*l->line_info);
	}
	if (v >= ANNOTATED) {
		attr.lockdown_annot = (unsigned long)l->annot;
		attr.lockdown_annot_size = l->annot_size;
	}
	if (v == SIGNED) {
		attr.signature = (unsigned long)l->sig;
		attr.signature_size = l->sig_size;
	}
	if (log_level) {
		attr.log_level = log_level;
		attr.log_buf = (unsigned long)logbuf;
		attr.log_size = sizeof(logbuf);
		logbuf[0] = '\0';
	}
	t0 = now_ns();
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	t1 = now_ns();
	if (wall)
		*wall = t1 - t0;
	return fd < 0 ? -errno : fd;
}

/* Load and close, or die with the verifier log */
static __u64 load_once(const struct load *l, enum variant v)
{
	__u64 wall;
	int fd = do_load(l, v, 0, &wall);

	if (fd < 0) {
		fd = do_load(l, v, 1, NULL);
		die("%s (%u insns, %s): %s; log tail: %s", l->name, l->prog.cnt,
		    variant_names[v], strerror(-fd),
		    strlen(logbuf) > 600 ? logbuf + strlen(logbuf) - 600 : logbuf);
	}
	close(fd);
	return wall;
}

/* verification time (us) and processed insns from a BPF_LOG_STATS log */
static void log_stats(long *usec, long *processed)
{
	const char *s = strstr(logbuf, "verification time ");
	const char *p = strstr(logbuf, "processed ");

	*usec = s ? atol(s + strlen("verification time ")) : -1;
	*processed = p ? atol(p + strlen("processed ")) : -1;
}

/* --- output ------------------------------------------------------------- */

struct series {
	char head[128];
	__u64 *v;
	unsigned int n, cap;
};

static void series_init(struct series *s, const char *fmt, ...)
{
	va_list ap;

	memset(s, 0, sizeof(*s));
	va_start(ap, fmt);
	vsnprintf(s->head, sizeof(s->head), fmt, ap);
	va_end(ap);
}

static void series_add(struct series *s, __u64 v)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v)
			die("out of memory");
	}
	s->v[s->n++] = v;
}

static void series_print(struct series *s)
{
	unsigned int i;

	printf("S %s", s->head);
	for (i = 0; i < s->n; i++)
		printf(" %llu", (unsigned long long)s->v[i]);
	printf("\n");
	fflush(stdout);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* --- the kernel's phase times (stats file) --------------------------------- */

#define MAX_PHASES 16
struct phases {
	unsigned int n;
	char name[MAX_PHASES][24];
	unsigned long long loads[MAX_PHASES], ns[MAX_PHASES];
};

static void phases_read(struct phases *ph)
{
	char buf[4096], *line, *save;
	char name[24];
	unsigned long long a, b;

	memset(ph, 0, sizeof(*ph));
	if (read_file(LD_DIR "stats", buf, sizeof(buf)) < 0)
		return;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (ph->n < MAX_PHASES &&
		    sscanf(line, "time %23s %llu %llu", name, &a, &b) == 3) {
			snprintf(ph->name[ph->n], sizeof(ph->name[0]), "%s", name);
			ph->loads[ph->n] = a;
			ph->ns[ph->n] = b;
			ph->n++;
		}
	}
}

static void phases_print(const char *exp, const char *tag, unsigned int size,
			 const struct phases *a, const struct phases *b)
{
	unsigned int i;

	for (i = 0; i < b->n && i < a->n; i++)
		printf("P %s %s %u %s %llu %llu\n", exp, tag, size, b->name[i],
		       b->loads[i] - a->loads[i], b->ns[i] - a->ns[i]);
	if (!b->n)
		printf("I no_phase_times the stats file has no time lines\n");
	fflush(stdout);
}

/* --- P1: signature ------------------------------------------------------ */

static const unsigned int sizes[] = { 100, 1000, 10000, 100000 };

static int p1_map = -1;

static void p1_make(struct load *l, unsigned int size)
{
	static const int helpers[] = { BPF_FUNC_get_prandom_u32, BPF_FUNC_map_lookup_elem };

	memset(l, 0, sizeof(*l));
	l->name = "bench_p1";
	l->type = BPF_PROG_TYPE_SOCKET_FILTER;
	gen_alu(&l->prog, size, true);
	if (p1_map < 0)
		p1_map = map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);
	l->fd_array[0] = p1_map;
	l->map_cnt = 1;
	load_btf(l);
	load_sign(l, helpers, N(helpers), NULL, 0, NULL);
}

static void step_p1(const char *tag)
{
	unsigned int si, r, k;
	struct load l;

	for (si = 0; si < N(sizes); si++) {
		unsigned int size = sizes[si];
		int reps = reps_for(size, 60);
		struct series wall[3];
		struct phases a, b;

		p1_make(&l, size);
		printf("I p1 size %u insns %u lines %u annot %u sig %u digest_bytes %u reps %d\n",
		       size, l.prog.cnt, l.line_info_cnt, l.annot_size, l.sig_size,
		       l.digest_bytes, reps);
		for (k = 0; k < 3; k++) {
			series_init(&wall[k], "p1 %s %s %u wall_ns", tag, variant_names[k], size);
			load_once(&l, k);	/* warm up */
		}
		phases_read(&a);
		for (r = 0; r < (unsigned int)reps; r++) {
			/* rotate the order so that none always comes first */
			for (k = 0; k < 3; k++) {
				enum variant v = (r + k) % 3;

				series_add(&wall[v], load_once(&l, v));
			}
		}
		phases_read(&b);
		phases_print("p1", tag, size, &a, &b);
		for (k = 0; k < 3; k++)
			series_print(&wall[k]);
		free(l.line_info);
		prog_free(&l.prog);
	}
}

/* --- SHA-256 throughput --------------------------------------------------- */

static void step_sha(const char *tag)
{
	static const int helpers[] = { BPF_FUNC_get_prandom_u32, BPF_FUNC_map_lookup_elem };
	static const __u32 sealed[] = { 1 };
	/* 4 KiB and 1 MiB of sealed map contents */
	static const __u32 entries[] = { 1, 256 };
	__u8 value[4096], sha[64][32];
	struct series s;
	struct phases a, b;
	EVP_MD_CTX *md;
	unsigned int i, e, r;
	struct load l;
	__u64 t0, t1;
	int reps = reps_for(100, 10);

	for (i = 0; i < sizeof(value); i++)
		value[i] = i * 7;
	for (e = 0; e < N(entries); e++) {
		int map = map_create(BPF_MAP_TYPE_ARRAY, 4, sizeof(value), entries[e],
				     BPF_F_RDONLY_PROG);
		unsigned int md_len;

		md = EVP_MD_CTX_new();
		EVP_DigestInit_ex(md, EVP_sha256(), NULL);
		for (i = 0; i < entries[e]; i++) {
			map_update(map, i, value);
			EVP_DigestUpdate(md, value, sizeof(value));
		}
		EVP_DigestFinal_ex(md, sha[1], &md_len);
		EVP_MD_CTX_free(md);
		map_freeze(map);

		memset(&l, 0, sizeof(l));
		l.name = "bench_sha";
		l.type = BPF_PROG_TYPE_SOCKET_FILTER;
		gen_alu(&l.prog, 100, true);
		if (p1_map < 0)
			p1_map = map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);
		l.fd_array[0] = p1_map;
		l.fd_array[1] = map;
		l.map_cnt = 2;
		load_sign(&l, helpers, N(helpers), sealed, 1, (const __u8 (*)[32])sha);
		load_once(&l, SIGNED);
		series_init(&s, "sha %s signed %u wall_ns", tag, entries[e] * 4096);
		phases_read(&a);
		for (r = 0; r < (unsigned int)reps; r++)
			series_add(&s, load_once(&l, SIGNED));
		phases_read(&b);
		phases_print("sha", tag, entries[e] * 4096, &a, &b);
		series_print(&s);
		prog_free(&l.prog);
		close(map);
	}

	/* OpenSSL in this VM, 1 MiB per sample */
	series_init(&s, "sha %s openssl 1048576 wall_ns", tag);
	for (r = 0; r < (unsigned int)reps; r++) {
		unsigned int md_len;

		md = EVP_MD_CTX_new();
		t0 = now_ns();
		EVP_DigestInit_ex(md, EVP_sha256(), NULL);
		for (i = 0; i < 256; i++)
			EVP_DigestUpdate(md, value, sizeof(value));
		EVP_DigestFinal_ex(md, sha[0], &md_len);
		t1 = now_ns();
		EVP_MD_CTX_free(md);
		series_add(&s, t1 - t0);
	}
	series_print(&s);
}

/* --- P2: the tier's cost in the verifier ----------------------------------- */

static const char *const p2_families[] = { "alu", "helpers", "btf" };

static void p2_make(struct load *l, unsigned int fam, unsigned int size, int pid_off)
{
	memset(l, 0, sizeof(*l));
	l->name = "bench_p2";
	l->type = BPF_PROG_TYPE_SOCKET_FILTER;
	switch (fam) {
	case 0:
		gen_alu(&l->prog, size, false);
		break;
	case 1:
		gen_helpers(&l->prog, size);
		break;
	default:
		l->type = BPF_PROG_TYPE_KPROBE;
		gen_btf(&l->prog, size, pid_off);
		break;
	}
}

static void step_p2(const char *tag)
{
	struct load l[N(p2_families)][N(sizes)];
	struct series vt[N(p2_families)][N(sizes)], wall[N(p2_families)][N(sizes)];
	int pid_off = task_pid_off(), max_reps = 0;
	unsigned int f, si;
	int r;

	for (f = 0; f < N(p2_families); f++) {
		for (si = 0; si < N(sizes); si++) {
			p2_make(&l[f][si], f, sizes[si], pid_off);
			series_init(&vt[f][si], "p2 %s %s %u verif_us", tag, p2_families[f],
				    sizes[si]);
			series_init(&wall[f][si], "p2 %s %s %u wall_ns", tag, p2_families[f],
				    sizes[si]);
			load_once(&l[f][si], PLAIN);
			if (reps_for(sizes[si], 60) > max_reps)
				max_reps = reps_for(sizes[si], 60);
		}
	}
	/* round-robin, so that drift spreads over every program alike */
	for (r = 0; r < max_reps; r++) {
		for (f = 0; f < N(p2_families); f++) {
			for (si = 0; si < N(sizes); si++) {
				long us, processed;
				__u64 w;
				int fd;

				if (r >= reps_for(sizes[si], 60))
					continue;
				fd = do_load(&l[f][si], PLAIN, BPF_LOG_STATS, &w);
				if (fd < 0)
					die("p2 %s %u: %s: %s", p2_families[f], sizes[si],
					    strerror(-fd), logbuf);
				close(fd);
				log_stats(&us, &processed);
				series_add(&vt[f][si], us);
				series_add(&wall[f][si], w);
				if (!r)
					printf("I p2 %s %s %u insns %u processed %ld\n", tag,
					       p2_families[f], sizes[si], l[f][si].prog.cnt,
					       processed);
			}
		}
	}
	for (f = 0; f < N(p2_families); f++) {
		for (si = 0; si < N(sizes); si++) {
			series_print(&vt[f][si]);
			series_print(&wall[f][si]);
			prog_free(&l[f][si].prog);
		}
	}
}

/* --- P3: run time ------------------------------------------------------- */

static const unsigned int run_sizes[] = { 100, 1000, 10000 };

struct kept {
	char tag[32];
	int fd[N(run_sizes)];
	__u32 xlated[N(run_sizes)], jited[N(run_sizes)];
};

static struct kept kept[8];
/* the sets kept since the last p3run are kept[run_from] to kept[kept_cnt - 1] */
static unsigned int kept_cnt, run_from;
static int run_map = -1;

static void prog_lens(int fd, __u32 *xlated, __u32 *jited)
{
	struct bpf_prog_info info;
	union bpf_attr attr;

	memset(&info, 0, sizeof(info));
	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = sizeof(info);
	attr.info.info = (unsigned long)&info;
	if (sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr))
		die("BPF_OBJ_GET_INFO_BY_FD: %s", strerror(errno));
	*xlated = info.xlated_prog_len;
	*jited = info.jited_prog_len;
}

static void step_p3load(const char *tag, bool sign)
{
	struct kept *k = &kept[kept_cnt++];
	unsigned int si;
	struct load l;

	if (kept_cnt > N(kept))
		die("too many p3load steps");
	snprintf(k->tag, sizeof(k->tag), "%s", tag);
	if (run_map < 0) {
		__u8 value[256] = { 1, 2, 3 };

		run_map = map_create(BPF_MAP_TYPE_ARRAY, 4, sizeof(value), 1, 0);
		map_update(run_map, 0, value);
	}
	for (si = 0; si < N(run_sizes); si++) {
		memset(&l, 0, sizeof(l));
		l.name = "bench_p3";
		l.type = BPF_PROG_TYPE_SOCKET_FILTER;
		gen_run(&l.prog, run_sizes[si]);
		l.fd_array[0] = run_map;
		l.map_cnt = 1;
		if (sign)
			load_sign(&l, NULL, 0, NULL, 0, NULL);
		k->fd[si] = do_load(&l, sign ? SIGNED : PLAIN, 0, NULL);
		if (k->fd[si] < 0) {
			/* e.g. too complex with the Spectre rules of confidentiality */
			int err = k->fd[si];

			do_load(&l, sign ? SIGNED : PLAIN, BPF_LOG_STATS, NULL);
			printf("I p3 %s %u refused %s: %s\n", tag, run_sizes[si], strerror(-err),
			       strlen(logbuf) > 300 ? logbuf + strlen(logbuf) - 300 : logbuf);
			prog_free(&l.prog);
			continue;
		}
		prog_lens(k->fd[si], &k->xlated[si], &k->jited[si]);
		printf("I p3 %s %u insns %u xlated_bytes %u jited_bytes %u\n", tag, run_sizes[si],
		       l.prog.cnt, k->xlated[si], k->jited[si]);
		prog_free(&l.prog);
	}
	fflush(stdout);
}

/* BPF_PROG_TEST_RUN with @repeat runs: the kernel's mean ns per run */
static __u32 test_run(int fd, __u32 repeat)
{
	static __u8 pkt[128];
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = fd;
	attr.test.data_in = (unsigned long)pkt;
	attr.test.data_size_in = sizeof(pkt);
	attr.test.repeat = repeat;
	if (sys_bpf(BPF_PROG_TEST_RUN, &attr))
		die("BPF_PROG_TEST_RUN: %s", strerror(errno));
	return attr.test.duration;
}

/*
 * The sets kept since the last p3run: a program loaded before the lockdown
 * level was raised is not test-run after it (EPERM), so a raise ends a run
 */
static void step_p3run(void)
{
	struct series s[N(kept)][N(run_sizes)];
	unsigned int k, si, r, i, cnt = kept_cnt - run_from;
	int rounds = reps_for(100, 60);

	if (!cnt)
		die("p3run without p3load since the last one");
	for (k = run_from; k < kept_cnt; k++)
		for (si = 0; si < N(run_sizes); si++) {
			series_init(&s[k][si], "p3 %s run %u ns_per_run", kept[k].tag,
				    run_sizes[si]);
			if (kept[k].fd[si] >= 0)
				test_run(kept[k].fd[si], 10);
		}
	for (r = 0; r < (unsigned int)rounds; r++) {
		for (si = 0; si < N(run_sizes); si++) {
			__u32 repeat = run_sizes[si] >= 10000 ? 20 : run_sizes[si] >= 1000 ? 100 : 500;

			/* rotate the order of the kept sets each round */
			for (i = 0; i < cnt; i++) {
				k = run_from + (r + i) % cnt;
				if (kept[k].fd[si] >= 0)
					series_add(&s[k][si], test_run(kept[k].fd[si], repeat));
			}
		}
	}
	for (k = run_from; k < kept_cnt; k++)
		for (si = 0; si < N(run_sizes); si++)
			if (s[k][si].n)
				series_print(&s[k][si]);
	run_from = kept_cnt;
}

/* --- P4: audit mode with many would-be refusals ----------------------------- */

static const unsigned int p4_sizes[] = { 100, 1000, 10000 };
#define P4_MAPS 16

static void step_p4(const char *tag)
{
	static int maps[P4_MAPS] = { -1 };
	struct series vt[N(p4_sizes)][2], wall[N(p4_sizes)][2];
	struct load l[N(p4_sizes)];
	unsigned int si, i, lv;
	int r, max_reps = 0;

	if (maps[0] < 0)
		for (i = 0; i < P4_MAPS; i++)
			maps[i] = map_create(BPF_MAP_TYPE_DEVMAP, 4, 4, 4, 0);
	for (si = 0; si < N(p4_sizes); si++) {
		memset(&l[si], 0, sizeof(l[si]));
		l[si].name = "bench_p4";
		l[si].type = BPF_PROG_TYPE_KPROBE;
		gen_refusals(&l[si].prog, p4_sizes[si], P4_MAPS);
		memcpy(l[si].fd_array, maps, sizeof(maps));
		l[si].map_cnt = P4_MAPS;
		for (lv = 0; lv < 2; lv++) {
			series_init(&vt[si][lv], "p4 %s log%u %u verif_us", tag, lv ? 4 : 0,
				    p4_sizes[si]);
			series_init(&wall[si][lv], "p4 %s log%u %u wall_ns", tag, lv ? 4 : 0,
				    p4_sizes[si]);
		}
		if (reps_for(p4_sizes[si], 40) > max_reps)
			max_reps = reps_for(p4_sizes[si], 40);
		/* once with a full log: the outcome and the lines */
		{
			int fd = do_load(&l[si], PLAIN, BPF_LOG_STATS, NULL);
			unsigned int lines = 0;
			const char *c;

			for (c = logbuf; (c = strstr(c, "lockdown: ")); c++)
				lines++;
			printf("I p4 %s %u insns %u result %s lockdown_lines %u\n", tag,
			       p4_sizes[si], l[si].prog.cnt, fd >= 0 ? "loaded" : strerror(-fd),
			       lines);
			if (fd < 0 && fd != -EACCES && fd != -EPERM) {
				printf("I p4 %s %u error %s: %s\n", tag, p4_sizes[si], strerror(-fd),
				       strlen(logbuf) > 300 ? logbuf + strlen(logbuf) - 300 : logbuf);
				return;
			}
			if (fd >= 0)
				close(fd);
		}
	}
	for (r = 0; r < max_reps; r++) {
		for (si = 0; si < N(p4_sizes); si++) {
			if (r >= reps_for(p4_sizes[si], 40))
				continue;
			for (i = 0; i < 2; i++) {
				lv = (r + i) % 2;
				long us, processed;
				__u64 w;
				int fd = do_load(&l[si], PLAIN, lv ? BPF_LOG_STATS : 0, &w);

				if (fd >= 0)
					close(fd);
				log_stats(&us, &processed);
				if (lv)
					series_add(&vt[si][lv], us < 0 ? 0 : us);
				series_add(&wall[si][lv], w);
			}
		}
	}
	for (si = 0; si < N(p4_sizes); si++) {
		series_print(&vt[si][1]);
		series_print(&wall[si][0]);
		series_print(&wall[si][1]);
		prog_free(&l[si].prog);
	}
}

/* --- main --------------------------------------------------------------- */

int main(int argc, char **argv)
{
	int opt, i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "k:c:s:")) != -1) {
		switch (opt) {
		case 'k':
			key_path = optarg;
			break;
		case 'c':
			cert_path = optarg;
			break;
		case 's':
			scale = atof(optarg);
			if (scale <= 0)
				scale = 1;
			break;
		default:
			fprintf(stderr, "usage: %s [-k KEY] [-c CERT] [-s SCALE] STEP...\n",
				argv[0]);
			return 2;
		}
	}
	btf_build();
	for (i = optind; i < argc; i++) {
		const char *a = argv[i], *arg = strchr(a, ':');
		char buf[32];
		__u64 t0 = now_ns();

		arg = arg ? arg + 1 : "";
		printf("I step %s begin\n", a);
		if (!strncmp(a, "level:", 6)) {
			snprintf(buf, sizeof(buf), "%s\n", arg);
			if (write_file("/sys/kernel/security/lockdown", buf))
				die("cannot raise lockdown to %s", arg);
		} else if (!strncmp(a, "mode:", 5)) {
			snprintf(buf, sizeof(buf), "%s\n", arg);
			if (write_file(LD_DIR "mode", buf))
				die("cannot set mode %s", arg);
		} else if (!strcmp(a, "p1")) {
			step_p1("enforce");
		} else if (!strncmp(a, "p1:", 3)) {
			step_p1(arg);
		} else if (!strcmp(a, "sha")) {
			step_sha("vm");
		} else if (!strncmp(a, "p2:", 3)) {
			step_p2(arg);
		} else if (!strncmp(a, "p3load:", 7)) {
			step_p3load(arg, false);
		} else if (!strncmp(a, "p3sign:", 7)) {
			step_p3load(arg, true);
		} else if (!strcmp(a, "p3run")) {
			step_p3run();
		} else if (!strncmp(a, "p4:", 3)) {
			step_p4(arg);
		} else {
			die("unknown step %s", a);
		}
		printf("I step %s end %.1f s\n", a, (now_ns() - t0) / 1e9);
	}
	return 0;
}
