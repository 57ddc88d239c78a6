// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - attach types and attach points (annotation version 2) */

/*
 * A version 2 annotation binds its program, signed or not, in every mode
 * and at every level: it is attached only as one of the kinds its
 * annotation allows at the current level (and at the level it was loaded
 * at), and only at one of its attach points when it lists points of that
 * kind. Small hand-assembled programs, signed here with the test key
 * (build/keys) or carrying their annotation unsigned, are attached through
 * every path of 6.12: each grant attaches, each refusal is EPERM (EINVAL or
 * ENOMEM where a map hides it) with its kernel log line. Under lockdown,
 * programs without a signature also meet the unsigned tier's attach rows.
 *
 * Raising the level or the mode between load and attach is in raise_test,
 * the attacker's routes around attach points are in adversary_test.
 *
 * Each test runs in its own process. The network tests run in a network
 * namespace of their own where the kernel has them (CONFIG_NET_NS), in
 * the initial one otherwise, and undo what they attach there.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/btf.h>
#include <linux/if.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <linux/if_link.h>
#include <linux/kcm.h>
#include <linux/lwtunnel.h>
#include <linux/magic.h>
#include <linux/netfilter.h>
#include <linux/netfilter/x_tables.h>
#include <linux/netfilter_ipv4/ip_tables.h>
#include <linux/netlink.h>
#include <linux/perf_event.h>
#include <linux/pkt_cls.h>
#include <linux/rtnetlink.h>
#include <linux/seg6_local.h>
#include <linux/tc_act/tc_bpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/compiler.h>

#include "lockdown_util.h"
#include "sign_util.h"
#include "scx_util.h"
#include "insn.h"
#include "kselftest_harness.h"
#include "annot.h"
#include "digest.h"

#define LOG_SIZE (64 * 1024)
static char log_buf[LOG_SIZE];

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* the refusals' reasons (kernel/bpf/lockdown/attach.c) */
#define WHY_TYPE "its annotation does not allow this attach type at this level"
#define WHY_POINT "its annotation does not name this attach point"
#define WHY_NO_KIND "its annotation names no attach point of this kind"
#define WHY_NO_NAME "its annotation names attach points, and this one has no name"
#define WHY_TIER "unsigned programs may not be attached this way"

/*
 * Kernel functions: the syscall stubs of SYSCALL_DEFINE1 and up are
 * functions of their own (those of SYSCALL_DEFINE0 are aliases, see
 * kprobe_multi_binds_a_function_by_the_name_it_is_attached_by) and allow
 * error injection (ALLOW_ERROR_INJECTION)
 */
#define KPROBE_FN "do_nanosleep"		/* the function kprobe programs are bound to */
#define OTHER_FN "__x64_sys_nanosleep"
#define INJECT_FN "__x64_sys_getpgid"		/* the one an override program is bound to */
#define OTHER_INJECT_FN "__x64_sys_getsid"

static __attribute__((constructor)) void init_room(void)
{
	ld_room_init();
}

/*
 * Every attach makes room in the rate limit of the kernel log first
 * (ld_room()) and counts its refusal; REFUSE() marks one the test
 * expects to be refused or reported, and counts it where the kernel logs
 * it: a refusal, or in audit mode under lockdown a success (a would-be
 * refusal). A success elsewhere logs nothing, and waiting for room for
 * it only made the boots without lockdown or enforcement slow
 */
static int refusing;

#define ATTACH(call) ({									\
	int r_;										\
	ld_room();									\
	r_ = (call);									\
	if (r_ == -EPERM && !refusing)							\
		ld_room_count();							\
	r_;										\
})
#define REFUSE(call) ({									\
	int r_;										\
	ld_room();									\
	refusing++;									\
	r_ = (call);									\
	refusing--;									\
	if (r_ < 0 || (locked() && !enforcing()))					\
		ld_room_count();							\
	r_;										\
})

/* Every test may wait for room in the rate limit: a longer timeout */
FIXTURE(at) {
	int unused;
};

FIXTURE_SETUP(at)
{
}

FIXTURE_TEARDOWN(at)
{
}

#define ATEST(name) TEST_F_TIMEOUT(at, name, 120)

static bool locked(void)
{
	return ld_level() != BPF_LOCKDOWN_LEVEL_NONE && ld_mode() != BPF_LOCKDOWN_MODE_OFF;
}

static bool enforcing(void)
{
	return locked() && ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
}

/* --- the kernel log line of a refusal ---------------------------------------- */

static char want[512];

/*
 * The kernel log has the line of an attach refusal (or, !@refused, of an
 * audit-mode would-be refusal) of @prog by @class at the current level and
 * mode; "what" is formatted from @fmt and cut at 191 bytes, as the kernel
 * cuts it. Each call wants a line of its own: a test that asserts the same
 * line twice (two refusals of one program for one reason) needs it twice
 * in the log, so that a line the rate limit dropped is not stood in for by
 * the line of the refusal before.
 */
static struct { char line[sizeof(want)]; int n; } asserted[64];

static __printf(4, 5)
bool refusal_logged(bool refused, const char *prog, const char *class, const char *fmt, ...)
{
	char what[192];
	va_list ap;
	int i;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(want, sizeof(want),
		 "bpf_lockdown: %s comm=\"attach_test\" pid=%d prog=\"%s\" level=%s mode=%s what=\"%s\" class=%s\n",
		 refused ? "refused" : "would-refuse", getpid(), prog, ld_level_name(ld_level()),
		 ld_mode_name(ld_mode()), what, class);
	/* the lines asserted so far by this test (a process of its own) */
	for (i = 0; i < (int)N(asserted) - 1 && asserted[i].line[0]; i++)
		if (!strcmp(asserted[i].line, want))
			break;
	if (ld_kernel_log_count(want) <= asserted[i].n)
		return false;
	snprintf(asserted[i].line, sizeof(asserted[i].line), "%s", want);
	asserted[i].n++;
	return true;
}

/* A point as the kernel log shows it: at most 63 bytes, unsafe bytes as '?' */
static const char *pt(const char *point)
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

/* @err is the refusal of @prog's annotation: EPERM and its line, in every boot */
#define EXPECT_ANNOT_ERR(err, errno_, prog, ...) do {					\
	EXPECT_EQ(-(errno_), err);							\
	EXPECT_TRUE(refusal_logged(true, prog, "annotation", __VA_ARGS__)) {		\
		TH_LOG("no kernel log line %s", want);					\
		ld_kernel_log_tail("bpf_lockdown", 12);					\
	}										\
} while (0)
#define EXPECT_ANNOT(err, prog, ...) EXPECT_ANNOT_ERR(err, EPERM, prog, __VA_ARGS__)

/*
 * @err is the unsigned tier's answer to attaching @prog as @kind: where
 * @denied under lockdown, EPERM in enforce mode and a success in audit
 * mode, each with its line; elsewhere a success
 */
static void expect_tier(struct __test_metadata *_metadata, int err, bool denied,
			const char *prog, const char *kind, const char *class)
{
	if (!locked() || !denied) {
		EXPECT_EQ(0, err);
		return;
	}
	EXPECT_EQ(enforcing() ? -EPERM : 0, err);
	EXPECT_TRUE(refusal_logged(enforcing(), prog, class, "attach as %s: %s", kind, WHY_TIER)) {
		TH_LOG("no kernel log line %s", want);
		ld_kernel_log_tail("bpf_lockdown", 12);
	}
}

/* --- programs: annotated, signed or not ---------------------------------------- */

static const struct bpf_insn ret0[] = { RET0 };
static const struct bpf_insn ret1[] = { MOV64_IMM(BPF_REG_0, 1), EXIT };
/* bpf_override_return(ctx, -EPERM) */
static const struct bpf_insn override[] = {
	MOV64_IMM(BPF_REG_2, -EPERM), CALL(BPF_FUNC_override_return), RET0,
};

#define END (-1)
/* the attach kinds a program's annotation allows: at least one, END-terminated */
#define KINDS(...) .kinds = { __VA_ARGS__, END }
/* what a test's annotation allows at the current level when @not_here */
#define NOT_HERE_KIND BPF_LOCKDOWN_ATTACH_FANOUT

struct prog {
	enum bpf_prog_type type;
	enum bpf_attach_type attach;		/* expected_attach_type */
	const char *name;
	const struct bpf_insn *insns;
	unsigned int cnt;
	int kinds[8];				/* KINDS(), or { END }: an empty bitmap */
	const char *points[4];			/* attach points, NULL-terminated */
	int grant;				/* a helper, at every level */
	bool annotated_only;			/* carry the annotation unsigned */
	bool plain;				/* neither annotation nor signature */
	bool v1;				/* a version 1 annotation */
	bool not_here;				/* the kinds at every level but this one */
	const char *btf_name;			/* the attach target in vmlinux BTF */
	int btf_kind;
};

static int sign(const __u8 *digest, __u8 *out, __u32 *out_size)
{
	char kp[PATH_MAX], cp[PATH_MAX];

	ld_keys_path(kp, sizeof(kp), "signing_key.pem");
	ld_keys_path(cp, sizeof(cp), "cert.pem");
	return ld_cms_sign(kp, cp, digest, BPF_LOCKDOWN_DIGEST_SIZE, out, out_size);
}

/*
 * Load @p with its annotation, signed unless annotated_only, or with
 * neither when plain: fd or -errno
 */
static int load(const struct prog *p)
{
	struct bpf_lockdown_annot_spec spec = { .bind_attach = !p->v1, .points = p->points };
	struct bpf_lockdown_digest_input in = {
		.prog_type = p->type, .expected_attach_type = p->attach,
		.attach_name = p->btf_name, .prog_name = p->name, .license = "GPL",
		.insns = p->insns, .insn_cnt = p->cnt,
	};
	struct ld_load l = {
		.type = p->type, .attach = p->attach, .insns = p->insns, .cnt = p->cnt,
		.name = p->name,
	};
	static __u8 blob[2048], sig[4096];
	__u8 digest[BPF_LOCKDOWN_DIGEST_SIZE];
	struct bpf_lockdown_annot annot;
	__u32 size, sig_size = sizeof(sig);
	char err[160];
	int l_, btf;

	while (spec.point_cnt < N(p->points) && p->points[spec.point_cnt])
		spec.point_cnt++;
	for (l_ = 0; l_ < BPF_LOCKDOWN_LEVEL_NR; l_++) {
		struct bpf_lockdown_annot_spec_level *sl = &spec.level[l_];

		sl->may_load = true;
		if (p->grant)
			bpf_lockdown_annot_set_helper(sl->helpers, p->grant);
		if (p->v1)
			continue;
		if (p->not_here && l_ == ld_level()) {
			bpf_lockdown_annot_set_attach(sl->attach, NOT_HERE_KIND);
			continue;
		}
		for (int i = 0; i < (int)N(p->kinds) && p->kinds[i] != END; i++)
			bpf_lockdown_annot_set_attach(sl->attach, p->kinds[i]);
	}
	if (p->btf_name) {
		btf = btf_id(p->btf_name, p->btf_kind);
		if (btf <= 0)
			return -ENOENT;
		l.attach_btf_id = btf;
	}
	if (p->plain)
		return ld_prog_load(&l, log_buf, sizeof(log_buf));
	if (bpf_lockdown_annot_build(&spec, blob, sizeof(blob), &size, err, sizeof(err)) ||
	    bpf_lockdown_annot_parse(blob, size, &annot, err, sizeof(err))) {
		snprintf(log_buf, sizeof(log_buf), "annotation: %s", err);
		return -EBADMSG;
	}
	l.annot = blob;
	l.annot_size = size;
	if (!p->annotated_only) {
		in.annot = &annot;
		if (bpf_lockdown_digest(&in, NULL, NULL, digest, err, sizeof(err)) ||
		    sign(digest, sig, &sig_size)) {
			snprintf(log_buf, sizeof(log_buf), "digest or signature: %s", err);
			return -EBADMSG;
		}
		l.sig = sig;
		l.sig_size = sig_size;
	}
	return ld_prog_load(&l, log_buf, sizeof(log_buf));
}

/* A program without annotation or signature */
static int load_plain(enum bpf_prog_type type, enum bpf_attach_type attach,
		      const struct bpf_insn *insns, unsigned int cnt, const char *name)
{
	struct ld_load l = { .type = type, .attach = attach, .insns = insns, .cnt = cnt,
			     .name = name };

	return ld_prog_load(&l, log_buf, sizeof(log_buf));
}

#define LOAD(fd, ...) do {								\
	struct prog p_ = { __VA_ARGS__ };						\
	fd = load(&p_);									\
	ASSERT_LE(0, fd) TH_LOG("load %s: %s\n%s", p_.name, strerror(-fd), log_buf);	\
} while (0)

static void close_fd(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* The answer of a call that makes a link: 0 (the link closed again) or -errno */
static int linked(int fd)
{
	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

/*
 * Load @p, an unsigned program of a type (or attach type) that the tier
 * refuses. Under lockdown in enforce mode the tier refuses it at load
 * (EPERM, asserted here; the line is tier_test's) and there is nothing to
 * attach: -1. In audit mode and without lockdown it loads: its fd.
 */
static int load_tier_denied(struct __test_metadata *_metadata, const struct prog *p)
{
	int fd = load(p);

	if (enforcing()) {
		EXPECT_EQ(-EPERM, fd) TH_LOG("load of unsigned %s: %s", p->name, strerror(-fd));
		close_fd(fd);
		return -1;
	}
	EXPECT_LE(0, fd) TH_LOG("load %s: %s\n%s", p->name, strerror(-fd), log_buf);
	return fd < 0 ? -1 : fd;
}

/* Mark the test skipped for @why, unless something failed before */
static void skip_unless_failed(struct __test_metadata *_metadata, const char *why)
{
	if (_metadata->exit_code == KSFT_PASS)
		SKIP(, "%s", why);
}

/* Why load_tier_denied() found nothing to attach, for programs of @what */
#define TIER_AT_LOAD(what) \
	"the tier refuses unsigned " what " programs at load in enforce mode: nothing to attach"

/* --- attach paths ------------------------------------------------------------------ */

static int bpf_cmd(int cmd, union bpf_attr *a)
{
	int ret = syscall(__NR_bpf, cmd, a, sizeof(*a));

	return ret < 0 ? -errno : ret;
}

static int sys_bpf(int cmd, union bpf_attr *a)
{
	return ATTACH(bpf_cmd(cmd, a));
}

static int prog_attach(int prog, int target, int type)
{
	union bpf_attr a = {};

	a.target_fd = target;
	a.attach_bpf_fd = prog;
	a.attach_type = type;
	return sys_bpf(BPF_PROG_ATTACH, &a);
}

static int prog_detach(int prog, int target, int type)
{
	union bpf_attr a = {};

	a.target_fd = target;
	a.attach_bpf_fd = prog;
	a.attach_type = type;
	return sys_bpf(BPF_PROG_DETACH, &a);
}

static int link_create(int prog, int target, int type, __u32 flags)
{
	union bpf_attr a = {};

	a.link_create.prog_fd = prog;
	a.link_create.target_fd = target;
	a.link_create.attach_type = type;
	a.link_create.flags = flags;
	return sys_bpf(BPF_LINK_CREATE, &a);
}

static int link_update(int link, int prog)
{
	union bpf_attr a = {};

	a.link_update.link_fd = link;
	a.link_update.new_prog_fd = prog;
	return sys_bpf(BPF_LINK_UPDATE, &a);
}

/* BPF_RAW_TRACEPOINT_OPEN; @name NULL for a tracing program */
static int raw_tp_open(int prog, const char *name)
{
	union bpf_attr a = {};

	a.raw_tracepoint.prog_fd = prog;
	a.raw_tracepoint.name = (__u64)(unsigned long)name;
	return sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &a);
}

/*
 * A kprobe_multi link (@type BPF_TRACE_KPROBE_MULTI or, for a session,
 * BPF_TRACE_KPROBE_SESSION) on one function, by name (@sym) or by address
 */
static int kprobe_link(int prog, int type, const char *sym, unsigned long addr, __u32 flags)
{
	const char *syms[1] = { sym };
	union bpf_attr a = {};

	a.link_create.prog_fd = prog;
	a.link_create.attach_type = type;
	a.link_create.kprobe_multi.flags = flags;
	a.link_create.kprobe_multi.cnt = 1;
	if (sym)
		a.link_create.kprobe_multi.syms = (__u64)(unsigned long)syms;
	else
		a.link_create.kprobe_multi.addrs = (__u64)(unsigned long)&addr;
	return sys_bpf(BPF_LINK_CREATE, &a);
}

static int kprobe_multi(int prog, const char *sym, unsigned long addr, __u32 flags)
{
	return kprobe_link(prog, BPF_TRACE_KPROBE_MULTI, sym, addr, flags);
}

/* A kprobe session (BPF_TRACE_KPROBE_SESSION, a kprobe_multi link) on one function */
static int kprobe_session(int prog, const char *sym, unsigned long addr)
{
	return kprobe_link(prog, BPF_TRACE_KPROBE_SESSION, sym, addr, 0);
}

/* An uprobe_multi link at one offset of @path */
static int uprobe_multi(int prog, const char *path, unsigned long off, __u32 flags)
{
	union bpf_attr a = {};

	a.link_create.prog_fd = prog;
	a.link_create.attach_type = BPF_TRACE_UPROBE_MULTI;
	a.link_create.uprobe_multi.path = (__u64)(unsigned long)path;
	a.link_create.uprobe_multi.offsets = (__u64)(unsigned long)&off;
	a.link_create.uprobe_multi.cnt = 1;
	a.link_create.uprobe_multi.flags = flags;
	return sys_bpf(BPF_LINK_CREATE, &a);
}

/* A number from a file of sysfs or tracefs, or -errno */
static long read_num(const char *path)
{
	char buf[64];
	int n = ld_read(path, buf, sizeof(buf));

	return n < 0 ? n : strtol(buf, NULL, 10);
}

/*
 * A kprobe or uprobe (@pmu) of the perf PMU, on this thread: @config1 the
 * function or path, @config2 the offset (or, without a function, the
 * address); @ret for a return probe. fd or -errno.
 */
static int perf_probe(const char *pmu, bool ret, const void *config1, __u64 config2)
{
	struct perf_event_attr a = { .size = sizeof(a) };
	char path[128];
	long type;
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/type", pmu);
	type = read_num(path);
	if (type < 0)
		return type;
	a.type = type;
	a.config = ret;		/* format/retprobe: config:0 */
	a.config1 = (__u64)(unsigned long)config1;
	a.config2 = config2;
	fd = syscall(__NR_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* A perf tracepoint event GROUP/NAME on this thread, or -errno */
static int perf_tp(const char *tp)
{
	return ld_tracepoint_open(tp, 1);
}

static int set_bpf(int pfd, int prog)
{
	return ATTACH(ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog) ? -errno : 0);
}

/* A BPF_PERF_EVENT link; closes nothing */
static int perf_link(int pfd, int prog)
{
	return link_create(prog, pfd, BPF_PERF_EVENT, 0);
}

/* What a user probe is placed at: a function of this binary */
static noinline int uprobe_target(int x)
{
	asm volatile("" : "+r"(x));
	return x + 1;
}

static char exe[PATH_MAX];

/* The file offset of uprobe_target() in this binary (exe[]), or 0 */
static unsigned long uprobe_offset(void)
{
	unsigned long start, end, off, addr = (unsigned long)&uprobe_target;
	char line[PATH_MAX + 128], perm[8];
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long ret = 0;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx %7s %lx", &start, &end, perm, &off) == 4 &&
		    addr >= start && addr < end) {
			ret = addr - start + off;
			break;
		}
	if (f)
		fclose(f);
	if (readlink("/proc/self/exe", exe, sizeof(exe) - 1) < 0)
		exe[0] = '\0';
	return ret;
}

/* --- kprobes --------------------------------------------------------------------- */

/*
 * A signed kprobe program bound to "kprobe:do_nanosleep" attaches there
 * through perf's kprobe PMU, by PERF_EVENT_IOC_SET_BPF and by a
 * BPF_PERF_EVENT link; on another function, as a kretprobe (a kind without
 * a point) and at an address (no name) it is refused. Stock lockdown
 * refuses kprobe events at confidentiality: kprobe_multi links (next tests)
 * bind the same points there.
 */
ATEST(kprobe_bound_to_a_function_attaches_there_only)
{
	int fd, pfd, link, err;
	unsigned long addr;

	LOAD(fd, .type = BPF_PROG_TYPE_KPROBE, .name = "at_kprobe", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_KPROBE, BPF_LOCKDOWN_ATTACH_KRETPROBE),
	     .points = { "kprobe:" KPROBE_FN });
	pfd = perf_probe("kprobe", false, KPROBE_FN, 0);
	if (ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY) {
		ASSERT_EQ(-EPERM, pfd);
		close(fd);
		SKIP(return, "stock lockdown refuses kprobe events at confidentiality");
	}
	ASSERT_LE(0, pfd) TH_LOG("kprobe on " KPROBE_FN ": %s", strerror(-pfd));
	EXPECT_EQ(0, set_bpf(pfd, fd));
	close(pfd);
	pfd = perf_probe("kprobe", false, KPROBE_FN, 0);
	ASSERT_LE(0, pfd);
	link = perf_link(pfd, fd);
	EXPECT_LE(0, link) TH_LOG("perf link: %s", strerror(-link));
	close_fd(link);
	close(pfd);

	pfd = perf_probe("kprobe", false, OTHER_FN, 0);
	ASSERT_LE(0, pfd) TH_LOG("kprobe on " OTHER_FN ": %s", strerror(-pfd));
	err = REFUSE(set_bpf(pfd, fd));
	EXPECT_ANNOT(err, "at_kprobe", "attach as kprobe at kprobe:" OTHER_FN ": %s", WHY_POINT);
	err = REFUSE(perf_link(pfd, fd));
	close_fd(err);
	EXPECT_ANNOT(err, "at_kprobe", "attach as kprobe at kprobe:" OTHER_FN ": %s", WHY_POINT);
	close(pfd);

	pfd = perf_probe("kprobe", true, KPROBE_FN, 0);
	ASSERT_LE(0, pfd) TH_LOG("kretprobe on " KPROBE_FN ": %s", strerror(-pfd));
	err = REFUSE(set_bpf(pfd, fd));
	EXPECT_ANNOT(err, "at_kprobe", "attach as kretprobe at kretprobe:" KPROBE_FN ": %s",
		     WHY_NO_KIND);
	close(pfd);

	addr = ld_ksym(KPROBE_FN);
	ASSERT_NE(0UL, addr) TH_LOG("no " KPROBE_FN " in /proc/kallsyms");
	pfd = perf_probe("kprobe", false, NULL, addr);
	ASSERT_LE(0, pfd) TH_LOG("kprobe at %#lx: %s", addr, strerror(-pfd));
	err = REFUSE(set_bpf(pfd, fd));
	EXPECT_ANNOT(err, "at_kprobe", "attach as kprobe at kprobe:?: %s", WHY_NO_NAME);
	close(pfd);
	close(fd);
}

/*
 * kprobe_multi links are bound to the same points, function by function,
 * whether the loader names the functions or passes their addresses; their
 * return probes are kretprobes. Attaches at every level.
 */
ATEST(kprobe_multi_by_symbol_and_address_is_bound_to_the_points)
{
	unsigned long other = ld_ksym(OTHER_FN), mine = ld_ksym(KPROBE_FN);
	int fd, link, err;

	ASSERT_NE(0UL, other) TH_LOG("no " OTHER_FN " in /proc/kallsyms");
	ASSERT_NE(0UL, mine) TH_LOG("no " KPROBE_FN " in /proc/kallsyms");
	LOAD(fd, .type = BPF_PROG_TYPE_KPROBE, .attach = BPF_TRACE_KPROBE_MULTI,
	     .name = "at_kmulti", .insns = ret0, .cnt = N(ret0),
	     KINDS(BPF_TRACE_KPROBE_MULTI, BPF_LOCKDOWN_ATTACH_KPROBE,
		   BPF_LOCKDOWN_ATTACH_KRETPROBE),
	     .points = { "kprobe:" KPROBE_FN, "kprobe:__x64_sys_clock_nano*" });
	link = kprobe_multi(fd, KPROBE_FN, 0, 0);
	EXPECT_LE(0, link) TH_LOG("kprobe_multi " KPROBE_FN ": %s", strerror(-link));
	close_fd(link);
	link = kprobe_multi(fd, NULL, mine, 0);
	EXPECT_LE(0, link) TH_LOG("kprobe_multi at %#lx: %s", mine, strerror(-link));
	close_fd(link);
	/* a prefix point */
	link = kprobe_multi(fd, "__x64_sys_clock_nanosleep", 0, 0);
	EXPECT_LE(0, link) TH_LOG("kprobe_multi __x64_sys_clock_nanosleep: %s", strerror(-link));
	close_fd(link);

	err = REFUSE(kprobe_multi(fd, OTHER_FN, 0, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_kmulti", "attach as kprobe at kprobe:" OTHER_FN ": %s", WHY_POINT);
	err = REFUSE(kprobe_multi(fd, NULL, other, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_kmulti", "attach as kprobe at kprobe:" OTHER_FN ": %s", WHY_POINT);
	err = REFUSE(kprobe_multi(fd, KPROBE_FN, 0, BPF_F_KPROBE_MULTI_RETURN));
	close_fd(err);
	EXPECT_ANNOT(err, "at_kmulti", "attach as kretprobe at kretprobe:" KPROBE_FN ": %s",
		     WHY_NO_KIND);
	close(fd);
}

/*
 * A function may have several names at one address: the x86 syscall stub
 * of a SYSCALL_DEFINE0 syscall, __x64_sys_getppid, is an alias of
 * __do_sys_getppid, and is the name that allows error injection. A
 * program bound to it attaches by that name through kprobe_multi as it
 * does through perf's kprobe PMU (below confidentiality).
 */
ATEST(kprobe_multi_binds_a_function_by_the_name_it_is_attached_by)
{
	int fd, link;

	LOAD(fd, .type = BPF_PROG_TYPE_KPROBE, .attach = BPF_TRACE_KPROBE_MULTI,
	     .name = "at_kmulti_alias", .insns = ret0, .cnt = N(ret0),
	     KINDS(BPF_TRACE_KPROBE_MULTI, BPF_LOCKDOWN_ATTACH_KPROBE),
	     .points = { "kprobe:__x64_sys_getppid" });
	link = kprobe_multi(fd, "__x64_sys_getppid", 0, 0);
	EXPECT_LE(0, link) TH_LOG("kprobe_multi __x64_sys_getppid: %s", strerror(-link));
	close_fd(link);
	close(fd);
}

/*
 * The UAPI's kinds: BPF_TRACE_KPROBE_MULTI and BPF_TRACE_UPROBE_MULTI are
 * the kinds of multi-probe links, the perf-event kinds (kprobe, uprobe)
 * those of perf events. An annotation that allows only the link's attach
 * type attaches it: at its points (kprobe), and without points (uprobe).
 */
ATEST(multi_probe_link_needs_only_its_attach_type)
{
	unsigned long off = uprobe_offset();
	int fd, link;

	ASSERT_NE(0UL, off);
	LOAD(fd, .type = BPF_PROG_TYPE_KPROBE, .attach = BPF_TRACE_KPROBE_MULTI,
	     .name = "at_kmulti_only", .insns = ret0, .cnt = N(ret0),
	     KINDS(BPF_TRACE_KPROBE_MULTI), .points = { "kprobe:" KPROBE_FN });
	link = kprobe_multi(fd, KPROBE_FN, 0, 0);
	EXPECT_LE(0, link) TH_LOG("kprobe_multi " KPROBE_FN ": %s", strerror(-link));
	close_fd(link);
	close(fd);
	LOAD(fd, .type = BPF_PROG_TYPE_KPROBE, .attach = BPF_TRACE_UPROBE_MULTI,
	     .name = "at_umulti_only", .insns = ret0, .cnt = N(ret0),
	     KINDS(BPF_TRACE_UPROBE_MULTI));
	link = uprobe_multi(fd, exe, off, 0);
	EXPECT_LE(0, link) TH_LOG("uprobe_multi %s: %s", exe, strerror(-link));
	close_fd(link);
	close(fd);
}

/*
 * A kprobe session (BPF_TRACE_KPROBE_SESSION: a kprobe_multi link whose
 * program runs at entry and, unless it says otherwise, at return) is its
 * attach type, and its functions are bound to the annotation's kprobe
 * points as those of a kprobe_multi link are, by name or by address. An
 * annotation that allows kprobe_multi links does not allow sessions.
 */
ATEST(kprobe_session_is_bound_to_the_points)
{
	unsigned long other = ld_ksym(OTHER_FN), mine = ld_ksym(KPROBE_FN);
	int fd, multi_only, link, err;

	ASSERT_NE(0UL, other) TH_LOG("no " OTHER_FN " in /proc/kallsyms");
	ASSERT_NE(0UL, mine) TH_LOG("no " KPROBE_FN " in /proc/kallsyms");
	LOAD(fd, .type = BPF_PROG_TYPE_KPROBE, .attach = BPF_TRACE_KPROBE_SESSION,
	     .name = "at_ksession", .insns = ret0, .cnt = N(ret0),
	     KINDS(BPF_TRACE_KPROBE_SESSION), .points = { "kprobe:" KPROBE_FN });
	LOAD(multi_only, .type = BPF_PROG_TYPE_KPROBE, .attach = BPF_TRACE_KPROBE_SESSION,
	     .name = "at_ksession_no", .insns = ret0, .cnt = N(ret0),
	     KINDS(BPF_TRACE_KPROBE_MULTI), .points = { "kprobe:" KPROBE_FN });
	link = kprobe_session(fd, KPROBE_FN, 0);
	EXPECT_LE(0, link) TH_LOG("kprobe session " KPROBE_FN ": %s", strerror(-link));
	close_fd(link);
	link = kprobe_session(fd, NULL, mine);
	EXPECT_LE(0, link) TH_LOG("kprobe session at %#lx: %s", mine, strerror(-link));
	close_fd(link);

	err = REFUSE(kprobe_session(fd, OTHER_FN, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_ksession", "attach as kprobe at kprobe:" OTHER_FN ": %s", WHY_POINT);
	err = REFUSE(kprobe_session(fd, NULL, other));
	close_fd(err);
	EXPECT_ANNOT(err, "at_ksession", "attach as kprobe at kprobe:" OTHER_FN ": %s", WHY_POINT);
	err = REFUSE(kprobe_session(multi_only, KPROBE_FN, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_ksession_no", "attach as trace_kprobe_session: %s", WHY_TYPE);
	close(multi_only);
	close(fd);
}

/*
 * Without a signature: the tier allows kprobe sessions below
 * confidentiality ("kprobe/session", observe), so an unsigned session
 * attaches anywhere there, and an annotated one only at its points, in
 * every boot. At confidentiality the registers' kernel pointers refuse
 * the type (leaks-kernel-address): at load in enforce mode, reported at
 * attach in audit mode.
 */
ATEST(unsigned_kprobe_session_meets_the_tier_and_its_annotation)
{
	bool conf = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	const char *class = conf ? "leaks-kernel-address" : "observe";
	struct prog plain_p = { .type = BPF_PROG_TYPE_KPROBE,
				.attach = BPF_TRACE_KPROBE_SESSION, .name = "at_ksession_p",
				.insns = ret0, .cnt = N(ret0), .plain = true };
	struct prog annotated_p = { .type = BPF_PROG_TYPE_KPROBE,
				    .attach = BPF_TRACE_KPROBE_SESSION, .name = "at_ksession_u",
				    .insns = ret0, .cnt = N(ret0),
				    KINDS(BPF_TRACE_KPROBE_SESSION),
				    .points = { "kprobe:" KPROBE_FN }, .annotated_only = true };
	int plain, annotated, err;

	if (conf && enforcing()) {
		load_tier_denied(_metadata, &plain_p);
		load_tier_denied(_metadata, &annotated_p);
		return;
	}
	plain = load(&plain_p);
	ASSERT_LE(0, plain) TH_LOG("load: %s\n%s", strerror(-plain), log_buf);
	annotated = load(&annotated_p);
	ASSERT_LE(0, annotated) TH_LOG("load: %s\n%s", strerror(-annotated), log_buf);
	/* refused, or logged in audit mode, at confidentiality: room and count */
	err = linked(REFUSE(kprobe_session(plain, OTHER_FN, 0)));
	expect_tier(_metadata, err, conf, "at_ksession_p", "trace_kprobe_session", class);
	err = linked(REFUSE(kprobe_session(annotated, KPROBE_FN, 0)));
	expect_tier(_metadata, err, conf, "at_ksession_u", "trace_kprobe_session", class);
	err = REFUSE(kprobe_session(annotated, OTHER_FN, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_ksession_u", "attach as kprobe at kprobe:" OTHER_FN ": %s",
		     WHY_POINT);
	close(annotated);
	close(plain);
}

/*
 * A multi-probe program (BPF_TRACE_UPROBE_MULTI, _KPROBE_MULTI,
 * _KPROBE_SESSION) reads its link's run context through current->bpf_ctx
 * (bpf_get_attach_cookie(), bpf_get_func_ip(), bpf_session_cookie(),
 * which hands out a writable pointer); on a perf event that context is a
 * struct bpf_trace_run_ctx, and the pointer they follow is its padding.
 * A BPF_PERF_EVENT link refuses them, and so does PERF_EVENT_IOC_SET_BPF
 * now (patches/0000w): EINVAL at every level and in every mode. Unsigned
 * programs of each attach type the tier allows here, on a perf uprobe,
 * and on a perf kprobe where stock lockdown allows one (below
 * confidentiality); a plain kprobe program takes the uprobe
 */
ATEST(perf_event_takes_no_multi_probe_program)
{
	static const int types[] = {
		BPF_TRACE_UPROBE_MULTI, BPF_TRACE_KPROBE_MULTI, BPF_TRACE_KPROBE_SESSION,
	};
	bool conf = ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	unsigned long off = uprobe_offset();
	int upfd, kpfd, fd, i;

	ASSERT_NE(0UL, off);
	upfd = perf_probe("uprobe", false, exe, off);
	ASSERT_LE(0, upfd) TH_LOG("uprobe %s+%#lx: %s", exe, off, strerror(-upfd));
	kpfd = perf_probe("kprobe", false, KPROBE_FN, 0);
	if (conf) {
		EXPECT_EQ(-EPERM, kpfd);	/* stock lockdown: LOCKDOWN_KPROBES */
	} else {
		ASSERT_LE(0, kpfd) TH_LOG("kprobe " KPROBE_FN ": %s", strerror(-kpfd));
	}
	/* at confidentiality the tier refuses kprobe multi-probes (tier_test) */
	for (i = 0; i < (conf ? 1 : (int)N(types)); i++) {
		struct prog p = { .type = BPF_PROG_TYPE_KPROBE, .attach = types[i],
				  .name = "at_multi_perf", .insns = ret0, .cnt = N(ret0),
				  .plain = true };

		fd = load(&p);
		ASSERT_LE(0, fd) TH_LOG("type %d: %s\n%s", types[i], strerror(-fd), log_buf);
		EXPECT_EQ(-EINVAL, set_bpf(upfd, fd))
			TH_LOG("uprobe, attach type %d", types[i]);
		EXPECT_EQ(-EINVAL, linked(perf_link(upfd, fd)))
			TH_LOG("uprobe link, attach type %d", types[i]);
		if (kpfd >= 0) {
			EXPECT_EQ(-EINVAL, set_bpf(kpfd, fd))
				TH_LOG("kprobe, attach type %d", types[i]);
			EXPECT_EQ(-EINVAL, linked(perf_link(kpfd, fd)))
				TH_LOG("kprobe link, attach type %d", types[i]);
		}
		close(fd);
	}
	{
		struct prog p = { .type = BPF_PROG_TYPE_KPROBE, .name = "at_plain_perf",
				  .insns = ret0, .cnt = N(ret0), .plain = true };

		fd = load(&p);
		ASSERT_LE(0, fd) TH_LOG("%s\n%s", strerror(-fd), log_buf);
		EXPECT_EQ(0, set_bpf(upfd, fd));
		close(fd);
	}
	close_fd(kpfd);
	close(upfd);
}

/*
 * A signed program calling bpf_override_return() is bound to one function
 * that allows error injection: there it overrides (getpgid() fails with
 * EPERM while it is attached), on another such function it is refused.
 * kprobe_multi at every level; perf kprobes where stock lockdown allows
 * them (below confidentiality). The ceiling for signed programs allows
 * bpf_override_return() (modifies-kernel-behaviour) at every level.
 */
ATEST(override_return_is_bound_to_one_error_injection_function)
{
	int multi, perf, link, pfd, err;

	LOAD(multi, .type = BPF_PROG_TYPE_KPROBE, .attach = BPF_TRACE_KPROBE_MULTI,
	     .name = "at_override", .insns = override, .cnt = N(override),
	     .grant = BPF_FUNC_override_return,
	     KINDS(BPF_TRACE_KPROBE_MULTI, BPF_LOCKDOWN_ATTACH_KPROBE),
	     .points = { "kprobe:" INJECT_FN });
	link = kprobe_multi(multi, INJECT_FN, 0, 0);
	ASSERT_LE(0, link) TH_LOG("kprobe_multi " INJECT_FN ": %s", strerror(-link));
	errno = 0;
	EXPECT_EQ(-1, syscall(__NR_getpgid, 0));
	EXPECT_EQ(EPERM, errno);
	close(link);
	EXPECT_LT(0, syscall(__NR_getpgid, 0));
	err = REFUSE(kprobe_multi(multi, OTHER_INJECT_FN, 0, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_override", "attach as kprobe at kprobe:" OTHER_INJECT_FN ": %s",
		     WHY_POINT);
	close(multi);

	if (ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY)
		return;		/* no kprobe events: the kprobe test says so */
	LOAD(perf, .type = BPF_PROG_TYPE_KPROBE, .name = "at_override_p", .insns = override,
	     .cnt = N(override), .grant = BPF_FUNC_override_return,
	     KINDS(BPF_LOCKDOWN_ATTACH_KPROBE), .points = { "kprobe:" INJECT_FN });
	pfd = perf_probe("kprobe", false, INJECT_FN, 0);
	ASSERT_LE(0, pfd) TH_LOG("kprobe on " INJECT_FN ": %s", strerror(-pfd));
	EXPECT_EQ(0, set_bpf(pfd, perf));
	close(pfd);
	pfd = perf_probe("kprobe", false, OTHER_INJECT_FN, 0);
	ASSERT_LE(0, pfd) TH_LOG("kprobe on " OTHER_INJECT_FN ": %s", strerror(-pfd));
	err = REFUSE(set_bpf(pfd, perf));
	EXPECT_ANNOT(err, "at_override_p", "attach as kprobe at kprobe:" OTHER_INJECT_FN ": %s",
		     WHY_POINT);
	close(pfd);
	close(perf);
}

/* --- uprobes, tracepoints, raw tracepoints, perf counters --------------------------- */

/*
 * A program bound to "uprobe:PATH" (this binary) attaches there through
 * perf's uprobe PMU and an uprobe_multi link; in another file, and as a
 * return probe (a kind without a point), it is refused
 */
ATEST(uprobe_bound_to_a_file)
{
	unsigned long off = uprobe_offset();
	char point[PATH_MAX + 16], other[PATH_MAX];
	int perf, multi, pfd, link, err;

	ASSERT_NE(0UL, off);
	ASSERT_NE(0, exe[0]);
	snprintf(point, sizeof(point), "uprobe:%s", exe);
	ld_exe_path(other, sizeof(other), "mode_test");
	LOAD(perf, .type = BPF_PROG_TYPE_KPROBE, .name = "at_uprobe", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_UPROBE, BPF_LOCKDOWN_ATTACH_URETPROBE),
	     .points = { point });
	pfd = perf_probe("uprobe", false, exe, off);
	ASSERT_LE(0, pfd) TH_LOG("uprobe %s: %s", exe, strerror(-pfd));
	EXPECT_EQ(0, set_bpf(pfd, perf));
	EXPECT_EQ(2, uprobe_target(1));
	close(pfd);
	pfd = perf_probe("uprobe", false, other, 0);
	ASSERT_LE(0, pfd) TH_LOG("uprobe %s: %s", other, strerror(-pfd));
	err = REFUSE(set_bpf(pfd, perf));
	EXPECT_ANNOT(err, "at_uprobe", "attach as uprobe at uprobe:%s: %s", pt(other), WHY_POINT);
	close(pfd);
	pfd = perf_probe("uprobe", true, exe, off);
	ASSERT_LE(0, pfd) TH_LOG("uretprobe %s: %s", exe, strerror(-pfd));
	err = REFUSE(set_bpf(pfd, perf));
	EXPECT_ANNOT(err, "at_uprobe", "attach as uretprobe at uretprobe:%s: %s", pt(exe),
		     WHY_NO_KIND);
	close(pfd);
	close(perf);

	LOAD(multi, .type = BPF_PROG_TYPE_KPROBE, .attach = BPF_TRACE_UPROBE_MULTI,
	     .name = "at_umulti", .insns = ret0, .cnt = N(ret0),
	     KINDS(BPF_TRACE_UPROBE_MULTI, BPF_LOCKDOWN_ATTACH_UPROBE,
		   BPF_LOCKDOWN_ATTACH_URETPROBE),
	     .points = { point });
	link = uprobe_multi(multi, exe, off, 0);
	EXPECT_LE(0, link) TH_LOG("uprobe_multi %s: %s", exe, strerror(-link));
	close_fd(link);
	err = REFUSE(uprobe_multi(multi, other, 0, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_umulti", "attach as uprobe at uprobe:%s: %s", pt(other), WHY_POINT);
	err = REFUSE(uprobe_multi(multi, exe, off, BPF_F_UPROBE_MULTI_RETURN));
	close_fd(err);
	EXPECT_ANNOT(err, "at_umulti", "attach as uretprobe at uretprobe:%s: %s", pt(exe),
		     WHY_NO_KIND);
	close(multi);
}

/*
 * A signed tracepoint program bound to syscalls:sys_enter_getpid attaches
 * there (PERF_EVENT_IOC_SET_BPF and a BPF_PERF_EVENT link) and is refused
 * on sys_enter_getppid
 */
ATEST(tracepoint_bound_to_one_tracepoint)
{
	int fd, pfd, link, err;

	pfd = perf_tp("syscalls/sys_enter_getpid");
	/* booted at confidentiality with the policy off: stock, no trace events */
	if (pfd < 0 && ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
	    ld_mode() == BPF_LOCKDOWN_MODE_OFF)
		SKIP(return, "no trace events: booted at confidentiality, BPF lockdown off (%s)",
		     strerror(-pfd));
	ASSERT_LE(0, pfd) TH_LOG("tracepoint sys_enter_getpid: %s", strerror(-pfd));
	LOAD(fd, .type = BPF_PROG_TYPE_TRACEPOINT, .name = "at_tp", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_TRACEPOINT),
	     .points = { "tracepoint:syscalls:sys_enter_getpid" });
	EXPECT_EQ(0, set_bpf(pfd, fd));
	close(pfd);
	pfd = perf_tp("syscalls/sys_enter_getpid");
	ASSERT_LE(0, pfd);
	link = perf_link(pfd, fd);
	EXPECT_LE(0, link) TH_LOG("perf link: %s", strerror(-link));
	close_fd(link);
	close(pfd);

	pfd = perf_tp("syscalls/sys_enter_getppid");
	ASSERT_LE(0, pfd) TH_LOG("tracepoint sys_enter_getppid: %s", strerror(-pfd));
	err = REFUSE(set_bpf(pfd, fd));
	EXPECT_ANNOT(err, "at_tp",
		     "attach as tracepoint at tracepoint:syscalls:sys_enter_getppid: %s",
		     WHY_POINT);
	err = REFUSE(perf_link(pfd, fd));
	close_fd(err);
	EXPECT_ANNOT(err, "at_tp",
		     "attach as tracepoint at tracepoint:syscalls:sys_enter_getppid: %s",
		     WHY_POINT);
	close(pfd);
	close(fd);
}

/*
 * A raw tracepoint program bound by name attaches to sys_enter
 * (BPF_RAW_TRACEPOINT_OPEN) and is refused on sys_exit; a tp_btf program
 * (BPF_TRACE_RAW_TP, a BPF_LINK_CREATE or BPF_RAW_TRACEPOINT_OPEN of a
 * tracing program) is bound to the same points
 */
ATEST(raw_tracepoint_bound_by_name)
{
	int fd, btf_enter, btf_exit, link, err;

	LOAD(fd, .type = BPF_PROG_TYPE_RAW_TRACEPOINT, .name = "at_rawtp", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_RAW_TRACEPOINT),
	     .points = { "raw_tracepoint:sys_enter" });
	link = raw_tp_open(fd, "sys_enter");
	EXPECT_LE(0, link) TH_LOG("raw tracepoint sys_enter: %s", strerror(-link));
	close_fd(link);
	err = REFUSE(raw_tp_open(fd, "sys_exit"));
	close_fd(err);
	EXPECT_ANNOT(err, "at_rawtp", "attach as raw_tracepoint at raw_tracepoint:sys_exit: %s",
		     WHY_POINT);
	close(fd);

	LOAD(btf_enter, .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_RAW_TP,
	     .name = "at_tpbtf", .insns = ret0, .cnt = N(ret0), KINDS(BPF_TRACE_RAW_TP),
	     .points = { "raw_tracepoint:sys_enter" }, .btf_name = "btf_trace_sys_enter",
	     .btf_kind = BTF_KIND_TYPEDEF);
	LOAD(btf_exit, .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_RAW_TP,
	     .name = "at_tpbtf_exit", .insns = ret0, .cnt = N(ret0), KINDS(BPF_TRACE_RAW_TP),
	     .points = { "raw_tracepoint:sys_enter" }, .btf_name = "btf_trace_sys_exit",
	     .btf_kind = BTF_KIND_TYPEDEF);
	link = link_create(btf_enter, 0, BPF_TRACE_RAW_TP, 0);
	EXPECT_LE(0, link) TH_LOG("tp_btf sys_enter link: %s", strerror(-link));
	close_fd(link);
	link = raw_tp_open(btf_enter, NULL);
	EXPECT_LE(0, link) TH_LOG("tp_btf sys_enter: %s", strerror(-link));
	close_fd(link);
	err = REFUSE(link_create(btf_exit, 0, BPF_TRACE_RAW_TP, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_tpbtf_exit", "attach as trace_raw_tp at raw_tracepoint:sys_exit: %s",
		     WHY_POINT);
	err = REFUSE(raw_tp_open(btf_exit, NULL));
	close_fd(err);
	EXPECT_ANNOT(err, "at_tpbtf_exit", "attach as trace_raw_tp at raw_tracepoint:sys_exit: %s",
		     WHY_POINT);
	close(btf_exit);
	close(btf_enter);
}

/*
 * Once an annotation lists attach points, a kind with points that has
 * none of them is refused: a raw tracepoint program bound only to a
 * kprobe point
 */
ATEST(kind_without_any_point_is_refused_once_points_are_listed)
{
	int fd, err;

	LOAD(fd, .type = BPF_PROG_TYPE_RAW_TRACEPOINT, .name = "at_rawtp_kp", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_RAW_TRACEPOINT),
	     .points = { "kprobe:" KPROBE_FN });
	err = REFUSE(raw_tp_open(fd, "sys_enter"));
	close_fd(err);
	EXPECT_ANNOT(err, "at_rawtp_kp", "attach as raw_tracepoint at raw_tracepoint:sys_enter: %s",
		     WHY_NO_KIND);
	close(fd);
}

/* A perf_event program on a software event: the perf_counter kind */
ATEST(perf_counter_event)
{
	struct perf_event_attr a = { .size = sizeof(a), .type = PERF_TYPE_SOFTWARE,
				     .config = PERF_COUNT_SW_CPU_CLOCK, .sample_period = 1000000 };
	int ok, other, pfd, link, err;

	LOAD(ok, .type = BPF_PROG_TYPE_PERF_EVENT, .name = "at_perf", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_PERF_EVENT));
	LOAD(other, .type = BPF_PROG_TYPE_PERF_EVENT, .name = "at_perf_tp", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_TRACEPOINT));
	pfd = syscall(__NR_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	ASSERT_LE(0, pfd) TH_LOG("cpu-clock event: %s", strerror(errno));
	err = REFUSE(set_bpf(pfd, other));
	EXPECT_ANNOT(err, "at_perf_tp", "attach as perf_counter: %s", WHY_TYPE);
	err = REFUSE(perf_link(pfd, other));
	close_fd(err);
	EXPECT_ANNOT(err, "at_perf_tp", "attach as perf_counter: %s", WHY_TYPE);
	link = perf_link(pfd, ok);
	EXPECT_LE(0, link) TH_LOG("perf link: %s", strerror(-link));
	close_fd(link);
	EXPECT_EQ(0, set_bpf(pfd, ok));
	close(pfd);
	close(other);
	close(ok);
}

/* --- cgroups --------------------------------------------------------------------- */

/* A new cgroup v2 directory, its fd in *@fd */
static int new_cgroup(char *path, size_t size, int *fd)
{
	struct statfs st;

	if (statfs("/sys/fs/cgroup", &st) || st.f_type != CGROUP2_SUPER_MAGIC)
		return -ENOENT;
	snprintf(path, size, "/sys/fs/cgroup/attach_test.%d", getpid());
	if (mkdir(path, 0755) && errno != EEXIST)
		return -errno;
	*fd = open(path, O_RDONLY | O_DIRECTORY);
	return *fd < 0 ? -errno : 0;
}

/*
 * A signed cgroup_skb program loaded without an expected attach type may
 * be attached as ingress or egress by the kernel's own checks; its
 * annotation allows ingress only: BPF_PROG_ATTACH and BPF_LINK_CREATE
 * attach it as ingress and refuse it as egress, and BPF_LINK_UPDATE
 * refuses to put a program whose annotation allows only egress on the
 * ingress link
 */
ATEST(cgroup_skb_allowed_as_ingress_is_refused_as_egress)
{
	int ingress, egress, cg, link, err;
	char path[128];

	err = new_cgroup(path, sizeof(path), &cg);
	if (err == -ENOENT)
		SKIP(return, "no cgroup v2 hierarchy at /sys/fs/cgroup");
	ASSERT_EQ(0, err) TH_LOG("%s: %s", path, strerror(-err));
	LOAD(ingress, .type = BPF_PROG_TYPE_CGROUP_SKB, .name = "at_cg_in", .insns = ret1,
	     .cnt = N(ret1), KINDS(BPF_CGROUP_INET_INGRESS));
	LOAD(egress, .type = BPF_PROG_TYPE_CGROUP_SKB, .name = "at_cg_out", .insns = ret1,
	     .cnt = N(ret1), KINDS(BPF_CGROUP_INET_EGRESS));

	EXPECT_EQ(0, prog_attach(ingress, cg, BPF_CGROUP_INET_INGRESS));
	EXPECT_EQ(0, prog_detach(ingress, cg, BPF_CGROUP_INET_INGRESS));
	err = REFUSE(prog_attach(ingress, cg, BPF_CGROUP_INET_EGRESS));
	EXPECT_ANNOT(err, "at_cg_in", "attach as cgroup_inet_egress: %s", WHY_TYPE);
	err = REFUSE(link_create(ingress, cg, BPF_CGROUP_INET_EGRESS, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_cg_in", "attach as cgroup_inet_egress: %s", WHY_TYPE);

	link = link_create(ingress, cg, BPF_CGROUP_INET_INGRESS, 0);
	ASSERT_LE(0, link) TH_LOG("cgroup link: %s", strerror(-link));
	err = REFUSE(link_update(link, egress));
	EXPECT_ANNOT(err, "at_cg_out", "attach as cgroup_inet_ingress: %s", WHY_TYPE);
	EXPECT_EQ(0, link_update(link, ingress));
	close(link);
	link = link_create(egress, cg, BPF_CGROUP_INET_EGRESS, 0);
	EXPECT_LE(0, link) TH_LOG("cgroup link: %s", strerror(-link));
	close_fd(link);
	close(egress);
	close(ingress);
	close(cg);
	rmdir(path);
}

/*
 * An empty attach bitmap allows what the kernel's own checks allow (the
 * cgroup_skb program attaches as ingress and egress), and so does a
 * version 1 annotation
 */
ATEST(empty_bitmap_and_version_1_allow_what_the_kernel_allows)
{
	int empty, v1, cg, err;
	char path[128];

	err = new_cgroup(path, sizeof(path), &cg);
	if (err == -ENOENT)
		SKIP(return, "no cgroup v2 hierarchy at /sys/fs/cgroup");
	ASSERT_EQ(0, err) TH_LOG("%s: %s", path, strerror(-err));
	LOAD(empty, .type = BPF_PROG_TYPE_CGROUP_SKB, .name = "at_cg_empty", .insns = ret1,
	     .cnt = N(ret1), .kinds = { END });
	LOAD(v1, .type = BPF_PROG_TYPE_CGROUP_SKB, .name = "at_cg_v1", .insns = ret1,
	     .cnt = N(ret1), .v1 = true);
	EXPECT_EQ(0, prog_attach(empty, cg, BPF_CGROUP_INET_INGRESS));
	EXPECT_EQ(0, prog_attach(empty, cg, BPF_CGROUP_INET_EGRESS));
	EXPECT_EQ(0, prog_detach(empty, cg, BPF_CGROUP_INET_INGRESS));
	EXPECT_EQ(0, prog_detach(empty, cg, BPF_CGROUP_INET_EGRESS));
	EXPECT_EQ(0, prog_attach(v1, cg, BPF_CGROUP_INET_INGRESS));
	EXPECT_EQ(0, prog_attach(v1, cg, BPF_CGROUP_INET_EGRESS));
	EXPECT_EQ(0, prog_detach(v1, cg, BPF_CGROUP_INET_INGRESS));
	EXPECT_EQ(0, prog_detach(v1, cg, BPF_CGROUP_INET_EGRESS));
	close(v1);
	close(empty);
	close(cg);
	rmdir(path);
}

/*
 * cgroup programs whose attach type the kernel fixes at load: a
 * setsockopt hook (cgroup_sockopt) and a connect hook (cgroup_sock_addr).
 * Through BPF_PROG_ATTACH and BPF_LINK_CREATE, an annotation that allows
 * the program's attach type attaches it; one that allows the sibling
 * attach type (getsockopt, bind) refuses it.
 */
ATEST(cgroup_sockopt_and_sock_addr_prog_attach_and_link)
{
	static const struct {
		enum bpf_prog_type prog;
		enum bpf_attach_type type, other;
		const char *ok, *no, *kind;
	} t[] = {
		{ BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT, BPF_CGROUP_GETSOCKOPT,
		  "at_sockopt", "at_sockopt_no", "cgroup_setsockopt" },
		{ BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT, BPF_CGROUP_INET4_BIND,
		  "at_connect4", "at_connect4_no", "cgroup_inet4_connect" },
	};
	int cg, err;
	char path[128];

	err = new_cgroup(path, sizeof(path), &cg);
	if (err == -ENOENT)
		SKIP(return, "no cgroup v2 hierarchy at /sys/fs/cgroup");
	ASSERT_EQ(0, err) TH_LOG("%s: %s", path, strerror(-err));
	for (int i = 0; i < (int)N(t); i++) {
		int ok, no, link;

		LOAD(ok, .type = t[i].prog, .attach = t[i].type, .name = t[i].ok, .insns = ret1,
		     .cnt = N(ret1), KINDS(t[i].type));
		LOAD(no, .type = t[i].prog, .attach = t[i].type, .name = t[i].no, .insns = ret1,
		     .cnt = N(ret1), KINDS(t[i].other));
		EXPECT_EQ(0, prog_attach(ok, cg, t[i].type));
		EXPECT_EQ(0, prog_detach(ok, cg, t[i].type));
		err = REFUSE(prog_attach(no, cg, t[i].type));
		EXPECT_ANNOT(err, t[i].no, "attach as %s: %s", t[i].kind, WHY_TYPE);
		if (!err)
			prog_detach(no, cg, t[i].type);
		link = link_create(ok, cg, t[i].type, 0);
		EXPECT_LE(0, link) TH_LOG("%s link: %s", t[i].kind, strerror(-link));
		if (link >= 0) {
			err = REFUSE(link_update(link, no));
			EXPECT_ANNOT(err, t[i].no, "attach as %s: %s", t[i].kind, WHY_TYPE);
			close(link);
		}
		err = REFUSE(link_create(no, cg, t[i].type, 0));
		close_fd(err);
		EXPECT_ANNOT(err, t[i].no, "attach as %s: %s", t[i].kind, WHY_TYPE);
		close(no);
		close(ok);
	}
	close(cg);
	rmdir(path);
}

/*
 * Unsigned cgroup_sockopt and cgroup_sock_addr programs meet the tier's
 * rows for their program types: in audit mode they load, and their
 * attachments (BPF_PROG_ATTACH, BPF_LINK_CREATE) are reported and go on;
 * without lockdown they attach
 */
ATEST(unsigned_cgroup_sockopt_and_sock_addr_meet_the_tier)
{
	struct prog sockopt = { .type = BPF_PROG_TYPE_CGROUP_SOCKOPT,
				.attach = BPF_CGROUP_SETSOCKOPT, .name = "at_sockopt_p",
				.insns = ret1, .cnt = N(ret1), .plain = true };
	struct prog addr = { .type = BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
			     .attach = BPF_CGROUP_INET4_CONNECT, .name = "at_connect4_p",
			     .insns = ret1, .cnt = N(ret1), .plain = true };
	int so = load_tier_denied(_metadata, &sockopt), sa = load_tier_denied(_metadata, &addr);
	int cg, err;
	char path[128];

	if (so < 0 || sa < 0) {
		close_fd(so);
		close_fd(sa);
		skip_unless_failed(_metadata, TIER_AT_LOAD("cgroup_sockopt and cgroup_sock_addr"));
		return;
	}
	err = new_cgroup(path, sizeof(path), &cg);
	if (err == -ENOENT) {
		skip_unless_failed(_metadata, "no cgroup v2 hierarchy at /sys/fs/cgroup");
		return;
	}
	ASSERT_EQ(0, err) TH_LOG("%s: %s", path, strerror(-err));
	err = REFUSE(prog_attach(so, cg, BPF_CGROUP_SETSOCKOPT));
	expect_tier(_metadata, err, true, "at_sockopt_p", "cgroup_setsockopt",
		    "modifies-kernel-behaviour");
	if (!err)
		prog_detach(so, cg, BPF_CGROUP_SETSOCKOPT);
	err = REFUSE(linked(link_create(so, cg, BPF_CGROUP_SETSOCKOPT, 0)));
	expect_tier(_metadata, err, true, "at_sockopt_p", "cgroup_setsockopt",
		    "modifies-kernel-behaviour");
	err = REFUSE(prog_attach(sa, cg, BPF_CGROUP_INET4_CONNECT));
	expect_tier(_metadata, err, true, "at_connect4_p", "cgroup_inet4_connect",
		    "controls-network");
	if (!err)
		prog_detach(sa, cg, BPF_CGROUP_INET4_CONNECT);
	err = REFUSE(linked(link_create(sa, cg, BPF_CGROUP_INET4_CONNECT, 0)));
	expect_tier(_metadata, err, true, "at_connect4_p", "cgroup_inet4_connect",
		    "controls-network");
	close(sa);
	close(so);
	close(cg);
	rmdir(path);
}

/*
 * The bitmap of the current level decides: a kind allowed at the other
 * levels only is refused here
 */
ATEST(kind_allowed_at_other_levels_only_is_refused_here)
{
	int fd, s, err;

	LOAD(fd, .type = BPF_PROG_TYPE_SOCKET_FILTER, .name = "at_elsewhere", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_SOCKET), .not_here = true);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	ASSERT_LE(0, s);
	err = REFUSE(setsockopt(s, SOL_SOCKET, SO_ATTACH_BPF, &fd, sizeof(fd)) ? -errno : 0);
	EXPECT_ANNOT(err, "at_elsewhere", "attach as socket: %s", WHY_TYPE);
	close(s);
	close(fd);
}

/* --- tracing programs and iterators ---------------------------------------------- */

/*
 * fentry through BPF_LINK_CREATE and BPF_RAW_TRACEPOINT_OPEN: the
 * annotation's kinds bind tracing programs too (the target is fixed by the
 * load and covered by the signature)
 */
ATEST(tracing_program_through_link_and_raw_tracepoint_open)
{
	int ok, other, link, err;

	LOAD(ok, .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_FENTRY, .name = "at_fentry",
	     .insns = ret0, .cnt = N(ret0), KINDS(BPF_TRACE_FENTRY),
	     .btf_name = "bpf_fentry_test1", .btf_kind = BTF_KIND_FUNC);
	LOAD(other, .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_FENTRY,
	     .name = "at_fentry_no", .insns = ret0, .cnt = N(ret0), KINDS(BPF_TRACE_FEXIT),
	     .btf_name = "bpf_fentry_test1", .btf_kind = BTF_KIND_FUNC);
	link = link_create(ok, 0, BPF_TRACE_FENTRY, 0);
	EXPECT_LE(0, link) TH_LOG("fentry link: %s", strerror(-link));
	close_fd(link);
	link = raw_tp_open(ok, NULL);
	EXPECT_LE(0, link) TH_LOG("fentry raw_tracepoint_open: %s", strerror(-link));
	close_fd(link);
	err = REFUSE(link_create(other, 0, BPF_TRACE_FENTRY, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_fentry_no", "attach as trace_fentry: %s", WHY_TYPE);
	err = REFUSE(raw_tp_open(other, NULL));
	close_fd(err);
	EXPECT_ANNOT(err, "at_fentry_no", "attach as trace_fentry: %s", WHY_TYPE);
	close(other);
	close(ok);
}

/* The kernel functions of the selftests' tracing programs (net/bpf/test_run.c) */
#define FEXIT_FN "bpf_fentry_test1"
#define FMOD_RET_FN "bpf_modify_return_test"	/* allows error injection */

/*
 * fexit and fmod_ret programs through BPF_LINK_CREATE and
 * BPF_RAW_TRACEPOINT_OPEN are their attach types: an annotation that
 * allows fentry does not allow fexit, one that allows fexit does not allow
 * fmod_ret. A signed fmod_ret program, which changes what its function
 * returns, attaches at every level (the ceiling allows
 * modifies-kernel-behaviour).
 */
ATEST(fexit_and_fmod_ret_through_link_and_raw_tracepoint_open)
{
	static const struct {
		enum bpf_attach_type type, other;
		const char *fn, *ok, *no, *kind;
	} t[] = {
		{ BPF_TRACE_FEXIT, BPF_TRACE_FENTRY, FEXIT_FN, "at_fexit", "at_fexit_no",
		  "trace_fexit" },
		{ BPF_MODIFY_RETURN, BPF_TRACE_FEXIT, FMOD_RET_FN, "at_fmod_ret",
		  "at_fmod_ret_no", "modify_return" },
	};

	for (int i = 0; i < (int)N(t); i++) {
		int ok, no, link, err;

		LOAD(ok, .type = BPF_PROG_TYPE_TRACING, .attach = t[i].type, .name = t[i].ok,
		     .insns = ret0, .cnt = N(ret0), KINDS(t[i].type), .btf_name = t[i].fn,
		     .btf_kind = BTF_KIND_FUNC);
		LOAD(no, .type = BPF_PROG_TYPE_TRACING, .attach = t[i].type, .name = t[i].no,
		     .insns = ret0, .cnt = N(ret0), KINDS(t[i].other), .btf_name = t[i].fn,
		     .btf_kind = BTF_KIND_FUNC);
		link = link_create(ok, 0, t[i].type, 0);
		EXPECT_LE(0, link) TH_LOG("%s link: %s", t[i].kind, strerror(-link));
		close_fd(link);
		link = raw_tp_open(ok, NULL);
		EXPECT_LE(0, link) TH_LOG("%s raw_tracepoint_open: %s", t[i].kind,
					  strerror(-link));
		close_fd(link);
		err = REFUSE(link_create(no, 0, t[i].type, 0));
		close_fd(err);
		EXPECT_ANNOT(err, t[i].no, "attach as %s: %s", t[i].kind, WHY_TYPE);
		err = REFUSE(raw_tp_open(no, NULL));
		close_fd(err);
		EXPECT_ANNOT(err, t[i].no, "attach as %s: %s", t[i].kind, WHY_TYPE);
		close(no);
		close(ok);
	}
}

/*
 * Without a signature: the tier allows fexit programs at every level
 * ("tracing/fexit", observe), so an unsigned one attaches, and an
 * annotated one as its annotation allows, in every boot
 */
ATEST(unsigned_fexit_meets_the_tier_and_its_annotation)
{
	int plain, annotated, fentry_only, err;

	LOAD(plain, .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_FEXIT,
	     .name = "at_fexit_p", .insns = ret0, .cnt = N(ret0), .plain = true,
	     .btf_name = FEXIT_FN, .btf_kind = BTF_KIND_FUNC);
	LOAD(annotated, .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_FEXIT,
	     .name = "at_fexit_u", .insns = ret0, .cnt = N(ret0), KINDS(BPF_TRACE_FEXIT),
	     .annotated_only = true, .btf_name = FEXIT_FN, .btf_kind = BTF_KIND_FUNC);
	LOAD(fentry_only, .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_FEXIT,
	     .name = "at_fexit_uno", .insns = ret0, .cnt = N(ret0), KINDS(BPF_TRACE_FENTRY),
	     .annotated_only = true, .btf_name = FEXIT_FN, .btf_kind = BTF_KIND_FUNC);
	err = linked(link_create(plain, 0, BPF_TRACE_FEXIT, 0));
	expect_tier(_metadata, err, false, "at_fexit_p", "trace_fexit", "observe");
	err = linked(raw_tp_open(plain, NULL));
	expect_tier(_metadata, err, false, "at_fexit_p", "trace_fexit", "observe");
	err = linked(link_create(annotated, 0, BPF_TRACE_FEXIT, 0));
	expect_tier(_metadata, err, false, "at_fexit_u", "trace_fexit", "observe");
	err = REFUSE(link_create(fentry_only, 0, BPF_TRACE_FEXIT, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_fexit_uno", "attach as trace_fexit: %s", WHY_TYPE);
	err = REFUSE(raw_tp_open(fentry_only, NULL));
	close_fd(err);
	EXPECT_ANNOT(err, "at_fexit_uno", "attach as trace_fexit: %s", WHY_TYPE);
	close(fentry_only);
	close(annotated);
	close(plain);
}

/*
 * An unsigned fmod_ret program meets the tier's row for its attach type
 * ("tracing/fmod_ret", modifies-kernel-behaviour): in audit mode it loads,
 * and each attachment is reported and goes on; without lockdown it
 * attaches
 */
ATEST(unsigned_fmod_ret_meets_the_tier)
{
	struct prog p = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_MODIFY_RETURN,
			  .name = "at_fmod_ret_p", .insns = ret0, .cnt = N(ret0), .plain = true,
			  .btf_name = FMOD_RET_FN, .btf_kind = BTF_KIND_FUNC };
	int fd = load_tier_denied(_metadata, &p), err;

	if (fd < 0) {
		skip_unless_failed(_metadata, TIER_AT_LOAD("tracing/fmod_ret"));
		return;
	}
	err = REFUSE(linked(link_create(fd, 0, BPF_MODIFY_RETURN, 0)));
	expect_tier(_metadata, err, true, "at_fmod_ret_p", "modify_return",
		    "modifies-kernel-behaviour");
	err = REFUSE(linked(raw_tp_open(fd, NULL)));
	expect_tier(_metadata, err, true, "at_fmod_ret_p", "modify_return",
		    "modifies-kernel-behaviour");
	close(fd);
}

/* --- LSM programs ----------------------------------------------------------------- */

/*
 * A hook that lsm_cgroup runs for the current task's cgroup (there is no
 * CONFIG_SECURITY_NETWORK), and that nothing calls while the tests attach
 * to it: patching a function that another CPU is running can trip over
 * the breakpoint of the patch under qemu's emulation (file_open did)
 */
#define LSM_HOOK "bpf_lsm_settime"

/*
 * An LSM program (BPF_LSM_MAC) through BPF_LINK_CREATE and
 * BPF_RAW_TRACEPOINT_OPEN is its attach type: an annotation that allows
 * lsm_cgroup only refuses it. Signed, it attaches at every level.
 */
ATEST(lsm_program_through_link_and_raw_tracepoint_open)
{
	int ok, no, link, err;

	LOAD(ok, .type = BPF_PROG_TYPE_LSM, .attach = BPF_LSM_MAC, .name = "at_lsm",
	     .insns = ret0, .cnt = N(ret0), KINDS(BPF_LSM_MAC), .btf_name = LSM_HOOK,
	     .btf_kind = BTF_KIND_FUNC);
	LOAD(no, .type = BPF_PROG_TYPE_LSM, .attach = BPF_LSM_MAC, .name = "at_lsm_no",
	     .insns = ret0, .cnt = N(ret0), KINDS(BPF_LSM_CGROUP), .btf_name = LSM_HOOK,
	     .btf_kind = BTF_KIND_FUNC);
	link = link_create(ok, 0, BPF_LSM_MAC, 0);
	EXPECT_LE(0, link) TH_LOG("LSM link: %s", strerror(-link));
	close_fd(link);
	link = raw_tp_open(ok, NULL);
	EXPECT_LE(0, link) TH_LOG("LSM raw_tracepoint_open: %s", strerror(-link));
	close_fd(link);
	err = REFUSE(link_create(no, 0, BPF_LSM_MAC, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_lsm_no", "attach as lsm_mac: %s", WHY_TYPE);
	err = REFUSE(raw_tp_open(no, NULL));
	close_fd(err);
	EXPECT_ANNOT(err, "at_lsm_no", "attach as lsm_mac: %s", WHY_TYPE);
	close(no);
	close(ok);
}

/*
 * A per-cgroup LSM program (BPF_LSM_CGROUP) on a cgroup, through
 * BPF_LINK_CREATE and BPF_PROG_ATTACH: an annotation that allows
 * lsm_cgroup attaches it, one that allows lsm_mac only is refused, also
 * when BPF_LINK_UPDATE would put it on the link
 */
ATEST(lsm_cgroup_link_and_prog_attach)
{
	int ok, no, cg, link, err;
	char path[128];

	err = new_cgroup(path, sizeof(path), &cg);
	if (err == -ENOENT)
		SKIP(return, "no cgroup v2 hierarchy at /sys/fs/cgroup");
	ASSERT_EQ(0, err) TH_LOG("%s: %s", path, strerror(-err));
	LOAD(ok, .type = BPF_PROG_TYPE_LSM, .attach = BPF_LSM_CGROUP, .name = "at_lsm_cg",
	     .insns = ret1, .cnt = N(ret1), KINDS(BPF_LSM_CGROUP), .btf_name = LSM_HOOK,
	     .btf_kind = BTF_KIND_FUNC);
	LOAD(no, .type = BPF_PROG_TYPE_LSM, .attach = BPF_LSM_CGROUP, .name = "at_lsm_cg_no",
	     .insns = ret1, .cnt = N(ret1), KINDS(BPF_LSM_MAC), .btf_name = LSM_HOOK,
	     .btf_kind = BTF_KIND_FUNC);
	link = link_create(ok, cg, BPF_LSM_CGROUP, 0);
	EXPECT_LE(0, link) TH_LOG("lsm_cgroup link: %s", strerror(-link));
	if (link >= 0) {
		err = REFUSE(link_update(link, no));
		EXPECT_ANNOT(err, "at_lsm_cg_no", "attach as lsm_cgroup: %s", WHY_TYPE);
		close(link);
	}
	EXPECT_EQ(0, prog_attach(ok, cg, BPF_LSM_CGROUP));
	EXPECT_EQ(0, prog_detach(ok, cg, BPF_LSM_CGROUP));
	err = REFUSE(link_create(no, cg, BPF_LSM_CGROUP, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_lsm_cg_no", "attach as lsm_cgroup: %s", WHY_TYPE);
	err = REFUSE(prog_attach(no, cg, BPF_LSM_CGROUP));
	EXPECT_ANNOT(err, "at_lsm_cg_no", "attach as lsm_cgroup: %s", WHY_TYPE);
	if (!err)
		prog_detach(no, cg, BPF_LSM_CGROUP);
	close(no);
	close(ok);
	close(cg);
	rmdir(path);
}

/*
 * Unsigned LSM programs meet the tier's row for their program type (lsm,
 * modifies-kernel-behaviour) wherever they are attached: in audit mode
 * they load, and each attachment is reported and goes on; without
 * lockdown they attach
 */
ATEST(unsigned_lsm_programs_meet_the_tier)
{
	struct prog mac = { .type = BPF_PROG_TYPE_LSM, .attach = BPF_LSM_MAC,
			    .name = "at_lsm_p", .insns = ret0, .cnt = N(ret0), .plain = true,
			    .btf_name = LSM_HOOK, .btf_kind = BTF_KIND_FUNC };
	struct prog cgp = { .type = BPF_PROG_TYPE_LSM, .attach = BPF_LSM_CGROUP,
			    .name = "at_lsm_cg_p", .insns = ret1, .cnt = N(ret1), .plain = true,
			    .btf_name = LSM_HOOK, .btf_kind = BTF_KIND_FUNC };
	int fd = load_tier_denied(_metadata, &mac), cgfd = load_tier_denied(_metadata, &cgp);
	int cg, err;
	char path[128];

	if (fd < 0 || cgfd < 0) {
		close_fd(fd);
		close_fd(cgfd);
		skip_unless_failed(_metadata, TIER_AT_LOAD("lsm"));
		return;
	}
	err = REFUSE(linked(link_create(fd, 0, BPF_LSM_MAC, 0)));
	expect_tier(_metadata, err, true, "at_lsm_p", "lsm_mac", "modifies-kernel-behaviour");
	err = REFUSE(linked(raw_tp_open(fd, NULL)));
	expect_tier(_metadata, err, true, "at_lsm_p", "lsm_mac", "modifies-kernel-behaviour");
	close(fd);

	err = new_cgroup(path, sizeof(path), &cg);
	if (err == -ENOENT) {
		skip_unless_failed(_metadata, "no cgroup v2 hierarchy at /sys/fs/cgroup");
		return;
	}
	ASSERT_EQ(0, err) TH_LOG("%s: %s", path, strerror(-err));
	err = REFUSE(linked(link_create(cgfd, cg, BPF_LSM_CGROUP, 0)));
	expect_tier(_metadata, err, true, "at_lsm_cg_p", "lsm_cgroup",
		    "modifies-kernel-behaviour");
	close(cgfd);
	close(cg);
	rmdir(path);
}

/*
 * An iterator link (BPF_TRACE_ITER), for a signed program and for an
 * annotated unsigned one: the unsigned tier allows iterators at every
 * level, the annotation still binds its program
 */
ATEST(iterator_link)
{
	for (int unsigned_ = 0; unsigned_ < 2; unsigned_++) {
		const char *no = unsigned_ ? "at_iter_uno" : "at_iter_no";
		int ok, other, link, err;

		LOAD(ok, .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_ITER,
		     .name = unsigned_ ? "at_iter_u" : "at_iter", .insns = ret0, .cnt = N(ret0),
		     KINDS(BPF_TRACE_ITER), .btf_name = "bpf_iter_task", .btf_kind = BTF_KIND_FUNC,
		     .annotated_only = unsigned_);
		LOAD(other, .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_ITER, .name = no,
		     .insns = ret0, .cnt = N(ret0), KINDS(BPF_TRACE_FENTRY),
		     .btf_name = "bpf_iter_task", .btf_kind = BTF_KIND_FUNC,
		     .annotated_only = unsigned_);
		link = link_create(ok, 0, BPF_TRACE_ITER, 0);
		EXPECT_LE(0, link) TH_LOG("iterator link: %s", strerror(-link));
		err = REFUSE(link_update(link, other));
		EXPECT_ANNOT(err, no, "attach as trace_iter: %s", WHY_TYPE);
		close_fd(link);
		err = REFUSE(link_create(other, 0, BPF_TRACE_ITER, 0));
		close_fd(err);
		EXPECT_ANNOT(err, no, "attach as trace_iter: %s", WHY_TYPE);
		close(other);
		close(ok);
	}
}

/* --- network: each test in a network namespace of its own ---------------------- */

/* A network namespace of the test's own where the kernel has them; lo up */
static int netns(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int s, err = 0;

	if (unshare(CLONE_NEWNET) && errno != EINVAL)
		return -errno;
	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0)
		return -errno;
	if (ioctl(s, SIOCGIFFLAGS, &ifr))
		err = -errno;
	ifr.ifr_flags |= IFF_UP;
	if (!err && ioctl(s, SIOCSIFFLAGS, &ifr))
		err = -errno;
	close(s);
	return err;
}

#define NETNS() ASSERT_EQ(0, netns())

/*
 * XDP bound to "xdp:skb": generic XDP on lo through netlink (libbpf's
 * bpf_xdp_attach) and through an XDP link; native mode (drv) is refused
 * before the driver is asked. A link may be updated with a program bound
 * to the same point (the link's mode), and not with one whose annotation
 * does not allow XDP.
 */
ATEST(xdp_bound_to_skb_mode)
{
	int fd, same, devmap_only, link, err;

	NETNS();
	LOAD(fd, .type = BPF_PROG_TYPE_XDP, .attach = BPF_XDP, .name = "at_xdp", .insns = ret1,
	     .cnt = N(ret1), KINDS(BPF_XDP), .points = { "xdp:skb" });
	LOAD(same, .type = BPF_PROG_TYPE_XDP, .attach = BPF_XDP, .name = "at_xdp2", .insns = ret1,
	     .cnt = N(ret1), KINDS(BPF_XDP), .points = { "xdp:skb" });
	LOAD(devmap_only, .type = BPF_PROG_TYPE_XDP, .attach = BPF_XDP, .name = "at_xdp_no",
	     .insns = ret1, .cnt = N(ret1), KINDS(BPF_XDP_DEVMAP));
	EXPECT_EQ(0, ATTACH(bpf_xdp_attach(1, fd, XDP_FLAGS_SKB_MODE, NULL)));
	bpf_xdp_detach(1, XDP_FLAGS_SKB_MODE, NULL);
	err = REFUSE(bpf_xdp_attach(1, fd, XDP_FLAGS_DRV_MODE, NULL));
	EXPECT_ANNOT(err, "at_xdp", "attach as xdp at xdp:drv: %s", WHY_POINT);
	err = REFUSE(link_create(fd, 1, BPF_XDP, XDP_FLAGS_DRV_MODE));
	close_fd(err);
	EXPECT_ANNOT(err, "at_xdp", "attach as xdp at xdp:drv: %s", WHY_POINT);

	link = link_create(fd, 1, BPF_XDP, XDP_FLAGS_SKB_MODE);
	ASSERT_LE(0, link) TH_LOG("XDP link: %s", strerror(-link));
	EXPECT_EQ(0, link_update(link, same));
	err = REFUSE(link_update(link, devmap_only));
	EXPECT_ANNOT(err, "at_xdp_no", "attach as xdp at xdp:skb: %s", WHY_TYPE);
	close(link);
	close(devmap_only);
	close(same);
	close(fd);
}

/*
 * Device and CPU map entries run XDP programs: a program whose annotation
 * allows the map's attach type goes in, another is refused; the map code
 * turns the refusal into EINVAL (devmap) and ENOMEM (cpumap)
 */
ATEST(devmap_and_cpumap_entries)
{
	struct bpf_devmap_val dv = { .ifindex = 1 };
	struct bpf_cpumap_val cv = { .qsize = 192 };
	int dev_ok, dev_no, cpu_ok, cpu_no, devmap, cpumap, err;
	__u32 key = 0;

	NETNS();
	LOAD(dev_ok, .type = BPF_PROG_TYPE_XDP, .attach = BPF_XDP_DEVMAP, .name = "at_devmap",
	     .insns = ret1, .cnt = N(ret1), KINDS(BPF_XDP_DEVMAP));
	LOAD(dev_no, .type = BPF_PROG_TYPE_XDP, .attach = BPF_XDP_DEVMAP, .name = "at_devmap_no",
	     .insns = ret1, .cnt = N(ret1), KINDS(BPF_XDP));
	LOAD(cpu_ok, .type = BPF_PROG_TYPE_XDP, .attach = BPF_XDP_CPUMAP, .name = "at_cpumap",
	     .insns = ret1, .cnt = N(ret1), KINDS(BPF_XDP_CPUMAP));
	LOAD(cpu_no, .type = BPF_PROG_TYPE_XDP, .attach = BPF_XDP_CPUMAP, .name = "at_cpumap_no",
	     .insns = ret1, .cnt = N(ret1), KINDS(BPF_XDP_DEVMAP));
	devmap = bpf_map_create(BPF_MAP_TYPE_DEVMAP, "at_devmap", 4, sizeof(dv), 1, NULL);
	ASSERT_LE(0, devmap) TH_LOG("devmap: %s", strerror(errno));
	cpumap = bpf_map_create(BPF_MAP_TYPE_CPUMAP, "at_cpumap", 4, sizeof(cv), 1, NULL);
	ASSERT_LE(0, cpumap) TH_LOG("cpumap: %s", strerror(errno));

	dv.bpf_prog.fd = dev_ok;
	EXPECT_EQ(0, ATTACH(bpf_map_update_elem(devmap, &key, &dv, 0) ? -errno : 0));
	dv.bpf_prog.fd = dev_no;
	err = REFUSE(bpf_map_update_elem(devmap, &key, &dv, 0) ? -errno : 0);
	EXPECT_ANNOT_ERR(err, EINVAL, "at_devmap_no", "attach as xdp_devmap: %s", WHY_TYPE);
	cv.bpf_prog.fd = cpu_ok;
	EXPECT_EQ(0, ATTACH(bpf_map_update_elem(cpumap, &key, &cv, 0) ? -errno : 0));
	cv.bpf_prog.fd = cpu_no;
	err = REFUSE(bpf_map_update_elem(cpumap, &key, &cv, 0) ? -errno : 0);
	EXPECT_ANNOT_ERR(err, ENOMEM, "at_cpumap_no", "attach as xdp_cpumap: %s", WHY_TYPE);
	close(cpumap);
	close(devmap);
	close(cpu_no);
	close(cpu_ok);
	close(dev_no);
	close(dev_ok);
}

/* --- netlink: tc actions and routes --------------------------------------------- */

struct nl_req {
	struct nlmsghdr h;
	char buf[1024];
};

static struct rtattr *nl_put(struct nlmsghdr *h, int type, const void *data, int len)
{
	struct rtattr *a = (void *)((char *)h + NLMSG_ALIGN(h->nlmsg_len));

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), data, len);
	h->nlmsg_len = NLMSG_ALIGN(h->nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static void nl_end(struct nlmsghdr *h, struct rtattr *nest)
{
	nest->rta_len = (char *)h + h->nlmsg_len - (char *)nest;
}

/* Send a request, return the kernel's answer: 0 or -errno */
static int nl_talk(struct nlmsghdr *h)
{
	char buf[4096];
	struct nlmsghdr *r = (void *)buf;
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE), n;

	ld_room();
	if (s < 0)
		return -errno;
	h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	n = send(s, h, h->nlmsg_len, 0) < 0 ? -errno : recv(s, buf, sizeof(buf), 0);
	close(s);
	if (n < (int)NLMSG_LENGTH(sizeof(struct nlmsgerr)) || r->nlmsg_type != NLMSG_ERROR)
		return n < 0 ? n : -EIO;
	n = ((struct nlmsgerr *)NLMSG_DATA(r))->error;
	if (n == -EPERM && !refusing)
		ld_room_count();
	return n;
}

#define ACT_INDEX 4242

/*
 * RTM_NEWACTION of bpf action ACT_INDEX (act_bpf) running @prog, or with
 * @prog < 0 its RTM_DELACTION
 */
static int act_bpf(int prog)
{
	struct nl_req r = { .h = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct tcamsg)),
				   .nlmsg_type = prog < 0 ? RTM_DELACTION : RTM_NEWACTION,
				   .nlmsg_flags = prog < 0 ? 0 : NLM_F_CREATE | NLM_F_EXCL } };
	struct tc_act_bpf parms = { .index = ACT_INDEX, .action = TC_ACT_PIPE };
	struct rtattr *tab, *act, *opts;
	__u32 fd = prog, index = ACT_INDEX;

	((struct tcamsg *)NLMSG_DATA(&r.h))->tca_family = AF_UNSPEC;
	tab = nl_put(&r.h, TCA_ACT_TAB, NULL, 0);
	act = nl_put(&r.h, 1, NULL, 0);
	nl_put(&r.h, TCA_ACT_KIND, "bpf", 4);
	if (prog < 0) {
		nl_put(&r.h, TCA_ACT_INDEX, &index, sizeof(index));
	} else {
		opts = nl_put(&r.h, TCA_ACT_OPTIONS, NULL, 0);
		nl_put(&r.h, TCA_ACT_BPF_PARMS, &parms, sizeof(parms));
		nl_put(&r.h, TCA_ACT_BPF_FD, &fd, sizeof(fd));
		nl_put(&r.h, TCA_ACT_BPF_NAME, "at", 3);
		nl_end(&r.h, opts);
	}
	nl_end(&r.h, act);
	nl_end(&r.h, tab);
	return nl_talk(&r.h);
}

/*
 * RTM_NEWROUTE of 192.0.2.0/24 on lo with a bpf lightweight tunnel
 * (lwt_in) running @prog, or with @prog < 0 its RTM_DELROUTE
 */
static int lwt_route(int prog)
{
	struct nl_req r = { .h = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg)),
				   .nlmsg_type = prog < 0 ? RTM_DELROUTE : RTM_NEWROUTE,
				   .nlmsg_flags = prog < 0 ? 0 : NLM_F_CREATE | NLM_F_EXCL } };
	struct rtmsg *rt = NLMSG_DATA(&r.h);
	__u32 dst = htonl(0xc0000200), oif = 1, fd = prog;
	__u16 encap = LWTUNNEL_ENCAP_BPF;
	struct rtattr *e, *in;

	rt->rtm_family = AF_INET;
	rt->rtm_dst_len = 24;
	rt->rtm_table = RT_TABLE_MAIN;
	rt->rtm_protocol = RTPROT_STATIC;
	rt->rtm_scope = RT_SCOPE_LINK;
	rt->rtm_type = RTN_UNICAST;
	nl_put(&r.h, RTA_DST, &dst, sizeof(dst));
	nl_put(&r.h, RTA_OIF, &oif, sizeof(oif));
	if (prog >= 0) {
		nl_put(&r.h, RTA_ENCAP_TYPE, &encap, sizeof(encap));
		e = nl_put(&r.h, RTA_ENCAP, NULL, 0);
		in = nl_put(&r.h, LWT_BPF_IN, NULL, 0);
		nl_put(&r.h, LWT_BPF_PROG_FD, &fd, sizeof(fd));
		nl_put(&r.h, LWT_BPF_PROG_NAME, "at", 3);
		nl_end(&r.h, in);
		nl_end(&r.h, e);
	}
	return nl_talk(&r.h);
}

/*
 * RTM_NEWROUTE of 2001:db8::1/128 on lo with a seg6local End.BPF behaviour
 * running @prog, or with @prog < 0 its RTM_DELROUTE
 */
static int seg6local_route(int prog)
{
	struct nl_req r = { .h = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg)),
				   .nlmsg_type = prog < 0 ? RTM_DELROUTE : RTM_NEWROUTE,
				   .nlmsg_flags = prog < 0 ? 0 : NLM_F_CREATE | NLM_F_EXCL } };
	struct rtmsg *rt = NLMSG_DATA(&r.h);
	struct in6_addr dst = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
	__u32 oif = 1, fd = prog, action = SEG6_LOCAL_ACTION_END_BPF;
	__u16 encap = LWTUNNEL_ENCAP_SEG6_LOCAL;
	struct rtattr *e, *bpf;

	rt->rtm_family = AF_INET6;
	rt->rtm_dst_len = 128;
	rt->rtm_table = RT_TABLE_MAIN;
	rt->rtm_protocol = RTPROT_STATIC;
	rt->rtm_scope = RT_SCOPE_UNIVERSE;
	rt->rtm_type = RTN_UNICAST;
	nl_put(&r.h, RTA_DST, &dst, sizeof(dst));
	nl_put(&r.h, RTA_OIF, &oif, sizeof(oif));
	if (prog >= 0) {
		nl_put(&r.h, RTA_ENCAP_TYPE, &encap, sizeof(encap));
		e = nl_put(&r.h, RTA_ENCAP, NULL, 0);
		nl_put(&r.h, SEG6_LOCAL_ACTION, &action, sizeof(action));
		bpf = nl_put(&r.h, SEG6_LOCAL_BPF, NULL, 0);
		nl_put(&r.h, SEG6_LOCAL_BPF_PROG, &fd, sizeof(fd));
		nl_put(&r.h, SEG6_LOCAL_BPF_PROG_NAME, "at", 3);
		nl_end(&r.h, bpf);
		nl_end(&r.h, e);
	}
	return nl_talk(&r.h);
}

/* tc: an action (act_bpf, through netlink) is the kind tc */
ATEST(tc_action)
{
	int act, act_no, err;

	NETNS();
	LOAD(act, .type = BPF_PROG_TYPE_SCHED_ACT, .name = "at_act", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_TC));
	LOAD(act_no, .type = BPF_PROG_TYPE_SCHED_ACT, .name = "at_act_no", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_XT));
	err = act_bpf(act);
	if (err == -ENOENT || err == -EOPNOTSUPP)
		SKIP(return, "no bpf tc action (CONFIG_NET_ACT_BPF): %s", strerror(-err));
	EXPECT_EQ(0, err) TH_LOG("act_bpf: %s", strerror(-err));
	EXPECT_EQ(0, act_bpf(-1));
	err = REFUSE(act_bpf(act_no));
	EXPECT_ANNOT(err, "at_act_no", "attach as tc: %s", WHY_TYPE);
	if (!err)
		act_bpf(-1);
	close(act_no);
	close(act);
}

/* tc: a classifier (cls_bpf, through libbpf on a clsact qdisc of lo) is the kind tc */
ATEST(tc_classifier)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = 1, .attach_point = BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, ok);
	LIBBPF_OPTS(bpf_tc_opts, no);
	int cls, cls_no, err;

	NETNS();
	err = bpf_tc_hook_create(&hook);
	if (err && err != -EEXIST)
		SKIP(return, "no clsact qdisc on lo (CONFIG_NET_SCH_INGRESS): %s", strerror(-err));
	LOAD(cls, .type = BPF_PROG_TYPE_SCHED_CLS, .name = "at_cls", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_TC));
	LOAD(cls_no, .type = BPF_PROG_TYPE_SCHED_CLS, .name = "at_cls_no", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_TCX_INGRESS));
	ok.prog_fd = cls;
	EXPECT_EQ(0, ATTACH(bpf_tc_attach(&hook, &ok)));
	no.prog_fd = cls_no;
	no.handle = 2;
	no.priority = 2;
	err = REFUSE(bpf_tc_attach(&hook, &no));
	EXPECT_ANNOT(err, "at_cls_no", "attach as tc: %s", WHY_TYPE);
	hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
	bpf_tc_hook_destroy(&hook);
	close(cls_no);
	close(cls);
}

/* tcx links are their attach type (tcx_ingress), not the kind tc */
ATEST(tcx_link)
{
	int ok, no, link, err;

	NETNS();
	LOAD(ok, .type = BPF_PROG_TYPE_SCHED_CLS, .name = "at_tcx", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_TCX_INGRESS));
	LOAD(no, .type = BPF_PROG_TYPE_SCHED_CLS, .name = "at_tcx_no", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_TC));
	link = link_create(ok, 1, BPF_TCX_INGRESS, 0);
	if (link == -EINVAL)
		SKIP(return, "no tcx (CONFIG_NET_XGRESS, from CONFIG_NET_SCH_INGRESS)");
	EXPECT_LE(0, link) TH_LOG("tcx link: %s", strerror(-link));
	close_fd(link);
	err = REFUSE(link_create(no, 1, BPF_TCX_INGRESS, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_tcx_no", "attach as tcx_ingress: %s", WHY_TYPE);
	close(no);
	close(ok);
}

#define NETKIT_NAME "atnk0"

/*
 * RTM_NEWLINK of a netkit pair whose primary device is NETKIT_NAME (the
 * peer gets a name of the kernel's), or with !@add its RTM_DELLINK;
 * 0 or -errno
 */
static int netkit_link(bool add)
{
	struct nl_req r = { .h = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)),
				   .nlmsg_type = add ? RTM_NEWLINK : RTM_DELLINK,
				   .nlmsg_flags = add ? NLM_F_CREATE | NLM_F_EXCL : 0 } };
	struct rtattr *info;

	((struct ifinfomsg *)NLMSG_DATA(&r.h))->ifi_family = AF_UNSPEC;
	nl_put(&r.h, IFLA_IFNAME, NETKIT_NAME, sizeof(NETKIT_NAME));
	if (add) {
		info = nl_put(&r.h, IFLA_LINKINFO, NULL, 0);
		nl_put(&r.h, IFLA_INFO_KIND, "netkit", sizeof("netkit"));
		nl_end(&r.h, info);
	}
	return nl_talk(&r.h);
}

/* The index of network device @name, or -errno */
static int ifindex(const char *name)
{
	struct ifreq ifr = {};
	int s = socket(AF_INET, SOCK_DGRAM, 0), err;

	if (s < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	err = ioctl(s, SIOCGIFINDEX, &ifr) ? -errno : ifr.ifr_ifindex;
	close(s);
	return err;
}

/*
 * netkit programs (BPF_NETKIT_PRIMARY, BPF_NETKIT_PEER) on a netkit pair,
 * through BPF_LINK_CREATE and BPF_PROG_ATTACH, are their attach types: a
 * program whose annotation allows the peer only is refused on the primary
 * device, also by BPF_LINK_UPDATE of the primary's link, and attaches to
 * the peer; and the other way round
 */
ATEST(netkit_links_and_prog_attach)
{
	int primary, peer, dev, link, peer_link, err;

	NETNS();
	err = netkit_link(true);
	if (err == -EOPNOTSUPP)
		SKIP(return, "no netkit devices (CONFIG_NETKIT): %s", strerror(-err));
	ASSERT_EQ(0, err) TH_LOG("netkit device: %s", strerror(-err));
	dev = ifindex(NETKIT_NAME);
	ASSERT_LT(0, dev) TH_LOG(NETKIT_NAME ": %s", strerror(-dev));
	LOAD(primary, .type = BPF_PROG_TYPE_SCHED_CLS, .name = "at_nk", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_NETKIT_PRIMARY));
	LOAD(peer, .type = BPF_PROG_TYPE_SCHED_CLS, .name = "at_nk_peer", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_NETKIT_PEER));

	link = link_create(primary, dev, BPF_NETKIT_PRIMARY, 0);
	EXPECT_LE(0, link) TH_LOG("netkit primary link: %s", strerror(-link));
	if (link >= 0) {
		err = REFUSE(link_update(link, peer));
		EXPECT_ANNOT(err, "at_nk_peer", "attach as netkit_primary: %s", WHY_TYPE);
		close(link);
	}
	err = REFUSE(link_create(peer, dev, BPF_NETKIT_PRIMARY, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_nk_peer", "attach as netkit_primary: %s", WHY_TYPE);
	err = REFUSE(prog_attach(peer, dev, BPF_NETKIT_PRIMARY));
	EXPECT_ANNOT(err, "at_nk_peer", "attach as netkit_primary: %s", WHY_TYPE);
	if (!err)
		prog_detach(peer, dev, BPF_NETKIT_PRIMARY);
	EXPECT_EQ(0, prog_attach(primary, dev, BPF_NETKIT_PRIMARY));
	EXPECT_EQ(0, prog_detach(primary, dev, BPF_NETKIT_PRIMARY));

	peer_link = link_create(peer, dev, BPF_NETKIT_PEER, 0);
	EXPECT_LE(0, peer_link) TH_LOG("netkit peer link: %s", strerror(-peer_link));
	close_fd(peer_link);
	err = REFUSE(link_create(primary, dev, BPF_NETKIT_PEER, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_nk", "attach as netkit_peer: %s", WHY_TYPE);
	close(peer);
	close(primary);
	EXPECT_EQ(0, netkit_link(false));
}

/*
 * An unsigned netkit program meets the tier's row for its program type
 * (sched_cls, writes-packets): in audit mode it loads, and its
 * attachments are reported and go on; without lockdown it attaches
 */
ATEST(unsigned_netkit_program_meets_the_tier)
{
	struct prog p = { .type = BPF_PROG_TYPE_SCHED_CLS, .name = "at_nk_p", .insns = ret0,
			  .cnt = N(ret0), .plain = true };
	int fd, dev, err;

	NETNS();
	err = netkit_link(true);
	if (err == -EOPNOTSUPP)
		SKIP(return, "no netkit devices (CONFIG_NETKIT): %s", strerror(-err));
	ASSERT_EQ(0, err) TH_LOG("netkit device: %s", strerror(-err));
	dev = ifindex(NETKIT_NAME);
	ASSERT_LT(0, dev) TH_LOG(NETKIT_NAME ": %s", strerror(-dev));
	fd = load_tier_denied(_metadata, &p);
	if (fd < 0) {
		netkit_link(false);
		skip_unless_failed(_metadata, TIER_AT_LOAD("sched_cls"));
		return;
	}
	err = REFUSE(linked(link_create(fd, dev, BPF_NETKIT_PRIMARY, 0)));
	expect_tier(_metadata, err, true, "at_nk_p", "netkit_primary", "writes-packets");
	err = REFUSE(prog_attach(fd, dev, BPF_NETKIT_PEER));
	expect_tier(_metadata, err, true, "at_nk_p", "netkit_peer", "writes-packets");
	if (!err)
		prog_detach(fd, dev, BPF_NETKIT_PEER);
	close(fd);
	EXPECT_EQ(0, netkit_link(false));
}

/*
 * A route that runs a program of @type, added by @route (which removes it
 * for -1): the kind lwt. A program whose annotation allows only tc is
 * refused. @skip says what the kernel lacks when @route gets EOPNOTSUPP.
 */
static void route_is_the_kind_lwt(struct __test_metadata *_metadata, enum bpf_prog_type type,
				  const char *ok_name, const char *no_name, int (*route)(int),
				  const char *skip)
{
	int ok, no, err;

	NETNS();
	LOAD(ok, .type = type, .name = ok_name, .insns = ret0, .cnt = N(ret0),
	     KINDS(BPF_LOCKDOWN_ATTACH_LWT));
	LOAD(no, .type = type, .name = no_name, .insns = ret0, .cnt = N(ret0),
	     KINDS(BPF_LOCKDOWN_ATTACH_TC));
	err = route(ok);
	if (err == -EOPNOTSUPP)
		SKIP(return, "%s", skip);
	EXPECT_EQ(0, err) TH_LOG("route: %s", strerror(-err));
	EXPECT_EQ(0, route(-1));
	err = REFUSE(route(no));
	EXPECT_ANNOT(err, no_name, "attach as lwt: %s", WHY_TYPE);
	if (!err)
		route(-1);
	close(no);
	close(ok);
}

/* A route with a bpf lightweight tunnel */
ATEST(lwt_route)
{
	route_is_the_kind_lwt(_metadata, BPF_PROG_TYPE_LWT_IN, "at_lwt", "at_lwt_no", lwt_route,
			      "no bpf lightweight tunnels (CONFIG_LWTUNNEL_BPF)");
}

/*
 * A seg6local route whose End.BPF behaviour runs a program
 * (BPF_PROG_TYPE_LWT_SEG6LOCAL), as a lightweight tunnel
 */
ATEST(seg6local_end_bpf_route)
{
	route_is_the_kind_lwt(_metadata, BPF_PROG_TYPE_LWT_SEG6LOCAL, "at_seg6", "at_seg6_no",
			      seg6local_route, "no seg6local routes (CONFIG_IPV6_SEG6_LWTUNNEL)");
}

/*
 * An unsigned End.BPF program meets the tier's lwt row (writes-packets):
 * in audit mode it loads, and the route is reported and added; without
 * lockdown it is added
 */
ATEST(unsigned_seg6local_meets_the_tier)
{
	struct prog p = { .type = BPF_PROG_TYPE_LWT_SEG6LOCAL, .name = "at_seg6_p",
			  .insns = ret0, .cnt = N(ret0), .plain = true };
	int fd, err;

	NETNS();
	fd = load_tier_denied(_metadata, &p);
	if (fd < 0) {
		skip_unless_failed(_metadata, TIER_AT_LOAD("lwt_seg6local"));
		return;
	}
	err = REFUSE(seg6local_route(fd));
	if (err == -EOPNOTSUPP) {
		skip_unless_failed(_metadata, "no seg6local routes (CONFIG_IPV6_SEG6_LWTUNNEL)");
		return;
	}
	expect_tier(_metadata, err, true, "at_seg6_p", "lwt", "writes-packets");
	if (!err)
		seg6local_route(-1);
	close(fd);
}

/* --- netns programs, netfilter, sockmap, lirc -------------------------------------- */

/*
 * The flow dissector through BPF_PROG_ATTACH (of the current network
 * namespace), with its attach type
 */
ATEST(flow_dissector_prog_attach)
{
	int ok, no, err;

	NETNS();
	LOAD(ok, .type = BPF_PROG_TYPE_FLOW_DISSECTOR, .attach = BPF_FLOW_DISSECTOR,
	     .name = "at_flow", .insns = ret0, .cnt = N(ret0), KINDS(BPF_FLOW_DISSECTOR));
	LOAD(no, .type = BPF_PROG_TYPE_FLOW_DISSECTOR, .attach = BPF_FLOW_DISSECTOR,
	     .name = "at_flow_no", .insns = ret0, .cnt = N(ret0), KINDS(BPF_SK_LOOKUP));
	err = REFUSE(prog_attach(no, 0, BPF_FLOW_DISSECTOR));
	EXPECT_ANNOT(err, "at_flow_no", "attach as flow_dissector: %s", WHY_TYPE);
	if (!err)
		prog_detach(no, 0, BPF_FLOW_DISSECTOR);
	EXPECT_EQ(0, prog_attach(ok, 0, BPF_FLOW_DISSECTOR));
	EXPECT_EQ(0, prog_detach(ok, 0, BPF_FLOW_DISSECTOR));
	close(no);
	close(ok);
}

/*
 * Network namespace links: the flow dissector and sk_lookup, each with its
 * attach type. The refusals come before the namespace is looked up; the
 * links themselves need a namespace file (CONFIG_NET_NS).
 */
ATEST(netns_links)
{
	int fd_ok, fd_no, lk_ok, lk_no, ns, link, err;

	NETNS();
	LOAD(fd_ok, .type = BPF_PROG_TYPE_FLOW_DISSECTOR, .attach = BPF_FLOW_DISSECTOR,
	     .name = "at_flow", .insns = ret0, .cnt = N(ret0), KINDS(BPF_FLOW_DISSECTOR));
	LOAD(fd_no, .type = BPF_PROG_TYPE_FLOW_DISSECTOR, .attach = BPF_FLOW_DISSECTOR,
	     .name = "at_flow_no", .insns = ret0, .cnt = N(ret0), KINDS(BPF_SK_LOOKUP));
	LOAD(lk_ok, .type = BPF_PROG_TYPE_SK_LOOKUP, .attach = BPF_SK_LOOKUP, .name = "at_lookup",
	     .insns = ret1, .cnt = N(ret1), KINDS(BPF_SK_LOOKUP));
	LOAD(lk_no, .type = BPF_PROG_TYPE_SK_LOOKUP, .attach = BPF_SK_LOOKUP,
	     .name = "at_lookup_no", .insns = ret1, .cnt = N(ret1), KINDS(BPF_FLOW_DISSECTOR));
	ns = open("/proc/self/ns/net", O_RDONLY);
	err = REFUSE(link_create(fd_no, ns, BPF_FLOW_DISSECTOR, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_flow_no", "attach as flow_dissector: %s", WHY_TYPE);
	err = REFUSE(link_create(lk_no, ns, BPF_SK_LOOKUP, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_lookup_no", "attach as sk_lookup: %s", WHY_TYPE);
	if (ns < 0) {
		/* skip what is left, unless something above failed: then fail */
		if (_metadata->exit_code == KSFT_PASS)
			SKIP(return,
			     "no network namespace file (CONFIG_NET_NS): the links were not tried");
		return;
	}
	link = link_create(fd_ok, ns, BPF_FLOW_DISSECTOR, 0);
	EXPECT_LE(0, link) TH_LOG("flow dissector link: %s", strerror(-link));
	close_fd(link);
	link = link_create(lk_ok, ns, BPF_SK_LOOKUP, 0);
	EXPECT_LE(0, link) TH_LOG("sk_lookup link: %s", strerror(-link));
	close_fd(link);
	close(lk_no);
	close(lk_ok);
	close(fd_no);
	close(fd_ok);
	close(ns);
}

static int nf_link(int prog)
{
	union bpf_attr a = {};

	a.link_create.prog_fd = prog;
	a.link_create.attach_type = BPF_NETFILTER;
	a.link_create.netfilter.pf = NFPROTO_IPV4;
	a.link_create.netfilter.hooknum = NF_INET_LOCAL_IN;
	a.link_create.netfilter.priority = -100;
	return sys_bpf(BPF_LINK_CREATE, &a);
}

/* A netfilter link (BPF_NETFILTER) */
ATEST(netfilter_link)
{
	int ok, no, link, err;

	struct prog nf = { .type = BPF_PROG_TYPE_NETFILTER, .attach = BPF_NETFILTER,
			   .name = "at_nf", .insns = ret1, .cnt = N(ret1), KINDS(BPF_NETFILTER) };

	NETNS();
	ok = load(&nf);
	if (ok == -EINVAL)
		SKIP(return, "no netfilter programs (CONFIG_NETFILTER_BPF_LINK)");
	ASSERT_LE(0, ok) TH_LOG("%s", log_buf);
	LOAD(no, .type = BPF_PROG_TYPE_NETFILTER, .attach = BPF_NETFILTER, .name = "at_nf_no",
	     .insns = ret1, .cnt = N(ret1), KINDS(BPF_CGROUP_INET_INGRESS));
	err = REFUSE(nf_link(no));
	close_fd(err);
	EXPECT_ANNOT(err, "at_nf_no", "attach as netfilter: %s", WHY_TYPE);
	link = nf_link(ok);
	EXPECT_LE(0, link) TH_LOG("netfilter link: %s", strerror(-link));
	close_fd(link);
	close(no);
	close(ok);
}

/* An sk_skb verdict program on a sockmap: BPF_PROG_ATTACH and a sockmap link */
ATEST(sockmap_program)
{
	int ok, no, map, link, err;

	LOAD(ok, .type = BPF_PROG_TYPE_SK_SKB, .attach = BPF_SK_SKB_VERDICT, .name = "at_skb",
	     .insns = ret1, .cnt = N(ret1), KINDS(BPF_SK_SKB_VERDICT));
	LOAD(no, .type = BPF_PROG_TYPE_SK_SKB, .attach = BPF_SK_SKB_VERDICT, .name = "at_skb_no",
	     .insns = ret1, .cnt = N(ret1), KINDS(BPF_SK_SKB_STREAM_VERDICT));
	map = bpf_map_create(BPF_MAP_TYPE_SOCKMAP, "at_sockmap", 4, 4, 1, NULL);
	ASSERT_LE(0, map) TH_LOG("sockmap: %s", strerror(errno));
	err = REFUSE(prog_attach(no, map, BPF_SK_SKB_VERDICT));
	EXPECT_ANNOT(err, "at_skb_no", "attach as sk_skb_verdict: %s", WHY_TYPE);
	err = REFUSE(link_create(no, map, BPF_SK_SKB_VERDICT, 0));
	close_fd(err);
	EXPECT_ANNOT(err, "at_skb_no", "attach as sk_skb_verdict: %s", WHY_TYPE);
	EXPECT_EQ(0, prog_attach(ok, map, BPF_SK_SKB_VERDICT));
	EXPECT_EQ(0, prog_detach(ok, map, BPF_SK_SKB_VERDICT));
	link = link_create(ok, map, BPF_SK_SKB_VERDICT, 0);
	EXPECT_LE(0, link) TH_LOG("sockmap link: %s", strerror(-link));
	close_fd(link);
	close(map);
	close(no);
	close(ok);
}

/* A lirc_mode2 program on a raw IR receiver (rc-loopback's /dev/lirc0) */
ATEST(lirc_mode2)
{
	int ok, no, lirc, err;

	lirc = open("/dev/lirc0", O_RDWR);
	if (lirc < 0)
		SKIP(return, "no /dev/lirc0 (CONFIG_RC_LOOPBACK): %s", strerror(errno));
	LOAD(ok, .type = BPF_PROG_TYPE_LIRC_MODE2, .attach = BPF_LIRC_MODE2, .name = "at_lirc",
	     .insns = ret0, .cnt = N(ret0), KINDS(BPF_LIRC_MODE2));
	LOAD(no, .type = BPF_PROG_TYPE_LIRC_MODE2, .attach = BPF_LIRC_MODE2, .name = "at_lirc_no",
	     .insns = ret0, .cnt = N(ret0), KINDS(BPF_CGROUP_DEVICE));
	err = REFUSE(prog_attach(no, lirc, BPF_LIRC_MODE2));
	EXPECT_ANNOT(err, "at_lirc_no", "attach as lirc_mode2: %s", WHY_TYPE);
	EXPECT_EQ(0, prog_attach(ok, lirc, BPF_LIRC_MODE2));
	EXPECT_EQ(0, prog_detach(ok, lirc, BPF_LIRC_MODE2));
	close(no);
	close(ok);
	close(lirc);
}

/* --- struct_ops ------------------------------------------------------------------- */

/*
 * A sched_ext scheduler prepared for a link (BPF_F_LINK) whose exit
 * operation is @prog; the map fd
 */
static int scx_map(int prog)
{
	__u32 key = 0, size;
	int ops = btf_id("sched_ext_ops", BTF_KIND_STRUCT);
	int vtype = btf_id(SCX_VALUE, BTF_KIND_STRUCT);
	int data = btf_member_off(vtype, "data", NULL, NULL);
	int exit_off = btf_member_off(ops, "exit", NULL, NULL);
	void *value;
	int fd, err;

	fd = ld_scx_map("at_scx", BPF_F_LINK, &value, &size);
	if (fd < 0)
		return fd;
	*(__u64 *)((char *)value + data + exit_off) = prog;
	err = ATTACH(bpf_map_update_elem(fd, &key, value, 0) ? -errno : 0);
	free(value);
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

/*
 * A struct_ops program is registered with its map, as BPF_STRUCT_OPS: a
 * signed sched_ext exit operation whose annotation allows BPF_STRUCT_OPS
 * registers (sched_ext runs every task until the link is closed); one
 * whose annotation does not is refused when its map is filled
 */
ATEST(struct_ops_registration)
{
	int ops = btf_id("sched_ext_ops", BTF_KIND_STRUCT), idx, ok, no, map, link, err;

	if (ops <= 0 || btf_id(SCX_VALUE, BTF_KIND_STRUCT) <= 0)
		SKIP(return, "the kernel has no sched_ext (no " SCX_VALUE " in its BTF)");
	ASSERT_LE(0, btf_member_off(ops, "exit", NULL, &idx));
	LOAD(ok, .type = BPF_PROG_TYPE_STRUCT_OPS, .attach = idx, .name = "at_scx_exit",
	     .insns = ret0, .cnt = N(ret0), KINDS(BPF_STRUCT_OPS), .btf_name = "sched_ext_ops",
	     .btf_kind = BTF_KIND_STRUCT);
	LOAD(no, .type = BPF_PROG_TYPE_STRUCT_OPS, .attach = idx, .name = "at_scx_exit_no",
	     .insns = ret0, .cnt = N(ret0), KINDS(BPF_TRACE_ITER), .btf_name = "sched_ext_ops",
	     .btf_kind = BTF_KIND_STRUCT);
	err = REFUSE(scx_map(no));
	close_fd(err);
	EXPECT_ANNOT(err, "at_scx_exit_no", "attach as struct_ops: %s", WHY_TYPE);
	map = scx_map(ok);
	ASSERT_LE(0, map) TH_LOG("struct_ops map: %s", strerror(-map));
	link = link_create(map, 0, BPF_STRUCT_OPS, 0);
	EXPECT_LE(0, link) TH_LOG("struct_ops link: %s", strerror(-link));
	close_fd(link);
	close(map);
	close(no);
	close(ok);
}

/* --- the paths of socket filters, one variant each ----------------------------------- */

/* Why a path cannot be tried in this boot, set by the attach helpers */
static char absent[128];

static int attach_socket(int prog)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0), err;

	err = ATTACH(setsockopt(s, SOL_SOCKET, SO_ATTACH_BPF, &prog, sizeof(prog)) ? -errno : 0);
	close(s);
	return err;
}

static int attach_reuseport(int prog)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0), one = 1, err;

	err = setsockopt(s, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)) ? -errno :
	      ATTACH(setsockopt(s, SOL_SOCKET, SO_ATTACH_REUSEPORT_EBPF, &prog, sizeof(prog)) ?
		     -errno : 0);
	close(s);
	return err;
}

static int tun_attach(int prog, unsigned long op)
{
	struct ifreq ifr = { .ifr_name = "attest%d", .ifr_flags = IFF_TUN | IFF_NO_PI };
	int fd = open("/dev/net/tun", O_RDWR), err;

	if (fd < 0 || ioctl(fd, TUNSETIFF, &ifr)) {
		snprintf(absent, sizeof(absent), "no tun device (CONFIG_TUN): %s", strerror(errno));
		close_fd(fd);
		return -ENODEV;
	}
	err = ATTACH(ioctl(fd, op, &prog) ? -errno : 0);
	close(fd);
	return err;
}

static int attach_tun_filter(int prog)
{
	return tun_attach(prog, TUNSETFILTEREBPF);
}

static int attach_tun_steering(int prog)
{
	return tun_attach(prog, TUNSETSTEERINGEBPF);
}

/* A connected TCP socket on lo (and its peer, in *@peer, and listener) */
static int tcp_pair(int *peer, int *listener)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)
	};
	socklen_t len = sizeof(sa);
	int c;

	*listener = socket(AF_INET, SOCK_STREAM, 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	if (bind(*listener, (void *)&sa, sizeof(sa)) || listen(*listener, 1) ||
	    getsockname(*listener, (void *)&sa, &len) || connect(c, (void *)&sa, sizeof(sa)))
		return -errno;
	*peer = accept(*listener, NULL, NULL);
	return c;
}

static int attach_kcm(int prog)
{
	int kcm = socket(AF_KCM, SOCK_DGRAM, KCMPROTO_CONNECTED), c, peer = -1, l = -1, err;
	struct kcm_attach att = { .bpf_fd = prog };

	if (kcm < 0) {
		snprintf(absent, sizeof(absent), "no AF_KCM (CONFIG_AF_KCM): %s", strerror(errno));
		return -ENODEV;
	}
	c = tcp_pair(&peer, &l);
	if (c < 0) {
		close(kcm);
		return c;
	}
	att.fd = c;
	err = ATTACH(ioctl(kcm, SIOCKCMATTACH, &att) ? -errno : 0);
	close(c);
	close_fd(peer);
	close_fd(l);
	close(kcm);
	return err;
}

static int attach_fanout(int prog)
{
	int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)), arg = 42 | PACKET_FANOUT_EBPF << 16;
	int err;

	if (s < 0) {
		snprintf(absent, sizeof(absent), "no AF_PACKET (CONFIG_PACKET): %s",
			 strerror(errno));
		return -ENODEV;
	}
	err = setsockopt(s, SOL_PACKET, PACKET_FANOUT, &arg, sizeof(arg)) ? -errno :
	      ATTACH(setsockopt(s, SOL_PACKET, PACKET_FANOUT_DATA, &prog, sizeof(prog)) ?
		     -errno : 0);
	close(s);
	return err;
}

/*
 * struct xt_bpf_info_v1 of linux/netfilter/xt_bpf.h, whose struct
 * sock_filter the kernel headers of the shared sources do not have
 */
struct xt_bpf_info_v1 {
	__u16 mode;
	__u16 bpf_program_num_elem;
	__s32 fd;
	union {
		__u64 bpf_program[64];		/* struct sock_filter[XT_BPF_MAX_NUM_INSTR] */
		char path[512];
	};
	__u64 filter;				/* struct bpf_prog *, kernel only */
};

#define XT_BPF_MODE_FD_ELF 2

#define BPF_MATCH (sizeof(struct xt_entry_match) + XT_ALIGN(sizeof(struct xt_bpf_info_v1)))

/*
 * An iptables entry at @p: with an xt_bpf match (XT_BPF_MODE_FD_ELF) of
 * @prog unless @prog < 0, and a standard target of @verdict, or the error
 * target that ends a table when @verdict is 0. Returns where the next
 * entry goes.
 */
static char *ipt_put(char *p, int prog, int verdict)
{
	struct ipt_entry *e = (void *)p;
	struct xt_entry_match *m = (void *)e->elems;
	struct xt_bpf_info_v1 *bpf = (void *)m->data;
	struct xt_entry_target *t;

	e->target_offset = sizeof(*e) + (prog >= 0 ? BPF_MATCH : 0);
	t = (void *)(p + e->target_offset);
	if (prog >= 0) {
		m->u.user.match_size = BPF_MATCH;
		snprintf(m->u.user.name, sizeof(m->u.user.name), "bpf");
		m->u.user.revision = 1;
		bpf->mode = XT_BPF_MODE_FD_ELF;
		bpf->fd = prog;
	}
	if (verdict) {
		t->u.user.target_size = XT_ALIGN(sizeof(struct xt_standard_target));
		((struct xt_standard_target *)t)->verdict = verdict;
	} else {
		t->u.user.target_size = XT_ALIGN(sizeof(struct xt_error_target));
		snprintf(t->u.user.name, sizeof(t->u.user.name), XT_ERROR_TARGET);
		snprintf(((struct xt_error_target *)t)->errorname, XT_FUNCTION_MAXNAMELEN,
			 XT_ERROR_TARGET);
	}
	e->next_offset = e->target_offset + t->u.user.target_size;
	return p + e->next_offset;
}

/*
 * Replace the filter table (IPT_SO_SET_REPLACE) with one whose INPUT
 * chain has a rule matching with xt_bpf running @prog (-m bpf -j ACCEPT),
 * or with @prog < 0 none, every chain's policy ACCEPT
 */
static int replace_filter(int prog)
{
	static char buf[4096];
	struct ipt_getinfo info = { .name = "filter" };
	struct ipt_replace *r = (void *)buf;
	socklen_t len = sizeof(info);
	struct xt_counters *counters;
	char *p, *base;
	int s, err;

	s = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (s < 0 || getsockopt(s, IPPROTO_IP, IPT_SO_GET_INFO, &info, &len)) {
		snprintf(absent, sizeof(absent),
			 "no iptables filter table (CONFIG_IP_NF_FILTER): %s", strerror(errno));
		close_fd(s);
		return -ENODEV;
	}
	memset(buf, 0, sizeof(buf));
	snprintf(r->name, sizeof(r->name), "filter");
	r->valid_hooks = 1 << NF_INET_LOCAL_IN | 1 << NF_INET_FORWARD | 1 << NF_INET_LOCAL_OUT;
	r->num_entries = prog < 0 ? 4 : 5;
	r->num_counters = info.num_entries;
	counters = calloc(info.num_entries, sizeof(*counters));
	r->counters = counters;
	base = (char *)r->entries;
	p = base;
	r->hook_entry[NF_INET_LOCAL_IN] = 0;
	if (prog >= 0)
		p = ipt_put(p, prog, -NF_ACCEPT - 1);
	r->underflow[NF_INET_LOCAL_IN] = p - base;
	p = ipt_put(p, -1, -NF_ACCEPT - 1);
	r->hook_entry[NF_INET_FORWARD] = p - base;
	r->underflow[NF_INET_FORWARD] = p - base;
	p = ipt_put(p, -1, -NF_ACCEPT - 1);
	r->hook_entry[NF_INET_LOCAL_OUT] = p - base;
	r->underflow[NF_INET_LOCAL_OUT] = p - base;
	p = ipt_put(p, -1, -NF_ACCEPT - 1);
	p = ipt_put(p, -1, 0);
	r->size = p - base;
	err = ATTACH(setsockopt(s, IPPROTO_IP, IPT_SO_SET_REPLACE, r, sizeof(*r) + r->size) ?
		     -errno : 0);
	free(counters);
	close(s);
	return err;
}

/* xt_bpf in a rule of the filter table, removed again */
static int attach_xt(int prog)
{
	int err = replace_filter(prog);

	if (!err)
		err = replace_filter(-1);
	return err;
}

FIXTURE(sock_path) {
	int unused;
};

FIXTURE_VARIANT(sock_path) {
	const char *kind_name;
	int kind;
	int (*attach)(int prog);
};

FIXTURE_VARIANT_ADD(sock_path, socket) {
	.kind_name = "socket", .kind = BPF_LOCKDOWN_ATTACH_SOCKET, .attach = attach_socket,
};

FIXTURE_VARIANT_ADD(sock_path, reuseport) {
	.kind_name = "reuseport", .kind = BPF_LOCKDOWN_ATTACH_REUSEPORT,
	.attach = attach_reuseport,
};

FIXTURE_VARIANT_ADD(sock_path, xt) {
	.kind_name = "xt", .kind = BPF_LOCKDOWN_ATTACH_XT, .attach = attach_xt,
};

FIXTURE_VARIANT_ADD(sock_path, tun_filter) {
	.kind_name = "tun", .kind = BPF_LOCKDOWN_ATTACH_TUN, .attach = attach_tun_filter,
};

FIXTURE_VARIANT_ADD(sock_path, tun_steering) {
	.kind_name = "tun", .kind = BPF_LOCKDOWN_ATTACH_TUN, .attach = attach_tun_steering,
};

FIXTURE_VARIANT_ADD(sock_path, kcm) {
	.kind_name = "kcm", .kind = BPF_LOCKDOWN_ATTACH_KCM, .attach = attach_kcm,
};

FIXTURE_VARIANT_ADD(sock_path, fanout) {
	.kind_name = "fanout", .kind = BPF_LOCKDOWN_ATTACH_FANOUT, .attach = attach_fanout,
};

FIXTURE_SETUP(sock_path)
{
	NETNS();
	absent[0] = '\0';
}

FIXTURE_TEARDOWN(sock_path)
{
}

/*
 * A socket filter whose annotation allows this path's kind attaches
 * through it; one whose annotation allows another kind is refused, signed
 * or not (the annotation binds an unsigned program in every boot)
 */
TEST_F_TIMEOUT(sock_path, annotation_binds_the_kind, 120)
{
	int other = variant->kind == BPF_LOCKDOWN_ATTACH_SOCKET ? BPF_LOCKDOWN_ATTACH_REUSEPORT :
								  BPF_LOCKDOWN_ATTACH_SOCKET;
	int ok, no, uno, err;

	LOAD(ok, .type = BPF_PROG_TYPE_SOCKET_FILTER, .name = "at_sock", .insns = ret0,
	     .cnt = N(ret0), KINDS(variant->kind));
	LOAD(no, .type = BPF_PROG_TYPE_SOCKET_FILTER, .name = "at_sock_no", .insns = ret0,
	     .cnt = N(ret0), KINDS(other));
	LOAD(uno, .type = BPF_PROG_TYPE_SOCKET_FILTER, .name = "at_sock_uno", .insns = ret0,
	     .cnt = N(ret0), KINDS(other), .annotated_only = true);
	err = variant->attach(ok);
	if (err == -ENODEV && absent[0])
		SKIP(return, "%s", absent);
	EXPECT_EQ(0, err) TH_LOG("%s: %s", variant->kind_name, strerror(-err));
	err = REFUSE(variant->attach(no));
	EXPECT_ANNOT(err, "at_sock_no", "attach as %s: %s", variant->kind_name, WHY_TYPE);
	err = REFUSE(variant->attach(uno));
	EXPECT_ANNOT(err, "at_sock_uno", "attach as %s: %s", variant->kind_name, WHY_TYPE);
	close(uno);
	close(no);
	close(ok);
}

/*
 * An unsigned socket filter meets the tier's attach rows under lockdown:
 * it filters its own socket (SO_ATTACH_BPF), and is refused where it would
 * decide the fate of other packets or sockets (controls-network). An
 * annotation that allows the kind does not lift the tier.
 */
TEST_F_TIMEOUT(sock_path, unsigned_program_meets_the_tier, 120)
{
	bool denied = variant->kind != BPF_LOCKDOWN_ATTACH_SOCKET;
	int plain, annotated, err;

	plain = load_plain(BPF_PROG_TYPE_SOCKET_FILTER, 0, ret0, N(ret0), "at_sock_plain");
	ASSERT_LE(0, plain) TH_LOG("%s", log_buf);
	LOAD(annotated, .type = BPF_PROG_TYPE_SOCKET_FILTER, .name = "at_sock_ann",
	     .insns = ret0, .cnt = N(ret0), KINDS(variant->kind), .annotated_only = true);
	err = REFUSE(variant->attach(plain));
	if (err == -ENODEV && absent[0])
		SKIP(return, "%s", absent);
	expect_tier(_metadata, err, denied, "at_sock_plain", variant->kind_name,
		    "controls-network");
	err = REFUSE(variant->attach(annotated));
	expect_tier(_metadata, err, denied, "at_sock_ann", variant->kind_name,
		    "controls-network");
	close(annotated);
	close(plain);
}

/* --- audit mode and the counters ------------------------------------------------------ */

/* The refused and would_refuse counters of attachments at the current level */
static int attach_stats(long *refused, long *would)
{
	char buf[1024], name[32], *l;

	if (ld_read(LD_DIR "stats", buf, sizeof(buf)) < 0)
		return -1;
	for (l = strtok(buf, "\n"); l; l = strtok(NULL, "\n"))
		if (sscanf(l, "attach %31s %ld %ld", name, refused, would) == 3 &&
		    !strcmp(name, ld_level_name(ld_level())))
			return 0;
	return -1;
}

/*
 * In audit mode a tier refusal at attach time is reported as would-refuse
 * and the program is attached; enforce mode refuses it; the stats file
 * counts each in its "attach LEVEL" line. An annotation's refusal is a
 * refusal in every boot and is counted too. Without lockdown the tier
 * says nothing.
 */
ATEST(audit_mode_reports_and_attaches_and_stats_count)
{
	long r0, w0, r1, w1, r2, w2;
	int plain, no, err;

	NETNS();
	plain = load_plain(BPF_PROG_TYPE_SOCKET_FILTER, 0, ret0, N(ret0), "at_audit");
	ASSERT_LE(0, plain) TH_LOG("%s", log_buf);
	LOAD(no, .type = BPF_PROG_TYPE_SOCKET_FILTER, .name = "at_audit_no", .insns = ret0,
	     .cnt = N(ret0), KINDS(BPF_LOCKDOWN_ATTACH_SOCKET));
	ASSERT_EQ(0, attach_stats(&r0, &w0));
	err = REFUSE(attach_reuseport(plain));
	ASSERT_EQ(0, attach_stats(&r1, &w1));
	expect_tier(_metadata, err, true, "at_audit", "reuseport", "controls-network");
	EXPECT_EQ(r0 + enforcing(), r1);
	EXPECT_EQ(w0 + (locked() && !enforcing()), w1);
	if (!locked()) {
		EXPECT_FALSE(refusal_logged(false, "at_audit", "controls-network",
					    "attach as reuseport: %s", WHY_TIER));
		EXPECT_FALSE(refusal_logged(true, "at_audit", "controls-network",
					    "attach as reuseport: %s", WHY_TIER));
	}
	err = REFUSE(attach_reuseport(no));
	ASSERT_EQ(0, attach_stats(&r2, &w2));
	EXPECT_ANNOT(err, "at_audit_no", "attach as reuseport: %s", WHY_TYPE);
	EXPECT_EQ(r1 + 1, r2);
	EXPECT_EQ(w1, w2);
	close(no);
	close(plain);
}

/*
 * In audit mode an unsigned program the tier refuses at load is loaded,
 * and its attachment is reported too: a cgroup_skb program as ingress
 * (controls-network)
 */
ATEST(audit_mode_reports_the_attach_type_row)
{
	int fd, cg, err;
	char path[128];

	if (!locked() || enforcing())
		SKIP(return, "needs lockdown in audit mode (an unsigned cgroup_skb program loads)");
	err = new_cgroup(path, sizeof(path), &cg);
	if (err == -ENOENT)
		SKIP(return, "no cgroup v2 hierarchy at /sys/fs/cgroup");
	ASSERT_EQ(0, err);
	fd = load_plain(BPF_PROG_TYPE_CGROUP_SKB, 0, ret1, N(ret1), "at_audit_cg");
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	err = REFUSE(prog_attach(fd, cg, BPF_CGROUP_INET_INGRESS));
	expect_tier(_metadata, err, true, "at_audit_cg", "cgroup_inet_ingress", "controls-network");
	prog_detach(fd, cg, BPF_CGROUP_INET_INGRESS);
	close(fd);
	close(cg);
	rmdir(path);
}

TEST_HARNESS_MAIN
