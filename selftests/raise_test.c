// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - raising the mode and the lockdown level at run time */

/*
 * These tests change global state that cannot be undone: run them last in
 * a boot.
 */
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include "lockdown_util.h"
#include "scx_util.h"
#include "sign_util.h"
#include "insn.h"
#include "kselftest_harness.h"

/* --- attaching after a raise ------------------------------------------------------ */

#define AUDIT_PIN "/sys/fs/bpf/raise_test_audit"
#define AUDIT_TAIL_PIN "/sys/fs/bpf/raise_test_audit_tail"
#define WHY_LEVEL "it was loaded before the level or mode was raised: load it again"

static const struct bpf_insn ret0[] = { RET0 };

static __attribute__((constructor)) void init_room(void)
{
	ld_room_init();
}

/*
 * An unsigned socket filter, plain or with a version 2 annotation that
 * allows SO_ATTACH_BPF at the levels of the bitmask @socket_levels and
 * SO_ATTACH_REUSEPORT_EBPF at the others
 */
static int socket_filter(const char *name, bool annotated, int socket_levels)
{
	__u64 kinds[BPF_LOCKDOWN_LEVEL_NR][BPF_LOCKDOWN_ANNOT_ATTACH_WORDS] = {};
	static char log[65536];
	__u8 annot[1024];
	struct ld_load l = { .type = BPF_PROG_TYPE_SOCKET_FILTER, .insns = ret0, .cnt = 2,
			     .name = name };

	for (int lv = 0; lv < BPF_LOCKDOWN_LEVEL_NR; lv++) {
		int kind = socket_levels >> lv & 1 ? BPF_LOCKDOWN_ATTACH_SOCKET :
						     BPF_LOCKDOWN_ATTACH_REUSEPORT;

		kinds[lv][kind / 64] |= 1ULL << (kind % 64);
	}
	if (annotated) {
		l.annot = annot;
		l.annot_size = ld_annot_v2(annot, sizeof(annot), kinds, NULL);
	}
	return ld_prog_load(&l, log, sizeof(log));
}

/* SO_ATTACH_BPF on a new socket: 0 or -errno */
static int attach_socket(int prog)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0), err;

	err = setsockopt(s, SOL_SOCKET, SO_ATTACH_BPF, &prog, sizeof(prog)) ? -errno : 0;
	close(s);
	return err;
}

/*
 * Put @prog into slot 0 of a new program array, empty or already holding
 * @first in slot 1 (when @first >= 0): 0 or -errno
 */
static int prog_array_put(int prog, int first)
{
	int arr = bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, "raise_progs", 4, 4, 2, NULL);
	__u32 key = 1;
	int err;

	if (arr < 0)
		return -errno;
	if (first >= 0 && bpf_map_update_elem(arr, &key, &first, 0)) {
		err = -errno;
		close(arr);
		return err == -EINVAL ? -EBADE : err;
	}
	key = 0;
	err = bpf_map_update_elem(arr, &key, &prog, 0) ? -errno : 0;
	close(arr);
	return err;
}

/* BPF_PROG_TEST_RUN of a socket filter on a 64-byte packet: 0 or -errno */
static int test_run(int prog)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	char pkt[64] = {};

	opts.data_in = pkt;
	opts.data_size_in = sizeof(pkt);
	return bpf_prog_test_run_opts(prog, &opts) ? -errno : 0;
}

/* The kernel log line of test-running raise_plain after the raise */
#define TEST_RUN_LINE \
	"bpf_lockdown: %s comm=\"raise_test\" pid=%d prog=\"raise_plain\" level=%s mode=%s what=\"test run: it was loaded before the level or mode was raised: load it again\" class=level\n"

/* The kernel log line of putting @prog into a program map, refused (or would be) */
#define PROG_MAP_LINE \
	"bpf_lockdown: %s comm=\"raise_test\" pid=%d prog=\"%s\" level=%s mode=%s what=\"share a program map: it was loaded before the level or mode was raised\" class=level\n"

static bool prog_map_logged(bool refused, const char *prog)
{
	return ld_kernel_log_has(PROG_MAP_LINE, refused ? "refused" : "would-refuse", getpid(),
				 prog, ld_level_name(ld_level()), ld_mode_name(ld_mode()));
}

/* The kernel log line of attaching @prog with SO_ATTACH_BPF, refused (or would be) */
#define ATTACH_LINE \
	"bpf_lockdown: %s comm=\"raise_test\" pid=%d prog=\"%s\" level=%s mode=%s what=\"attach as socket: %.77s\" class=%s\n"

static bool attach_logged(bool refused, const char *prog, const char *why, const char *class)
{
	return ld_kernel_log_has(ATTACH_LINE, refused ? "refused" : "would-refuse", getpid(), prog,
				 ld_level_name(ld_level()), ld_mode_name(ld_mode()), why, class);
}

/*
 * The first half of an adversary's route around a raise of the mode: a
 * program loaded in audit mode is kept (pinned) until the mode was raised
 * to enforce, by the next tests; the second half attaches it.
 */
TEST(program_loaded_in_audit_mode_is_kept_for_after_the_raise)
{
	int fd;

	if (ld_level() == BPF_LOCKDOWN_LEVEL_NONE || ld_mode() != BPF_LOCKDOWN_MODE_AUDIT)
		SKIP(return, "needs a locked-down kernel in audit mode, to raise");
	fd = socket_filter("raise_audit", false, 0);
	ASSERT_LE(0, fd);
	unlink(AUDIT_PIN);
	ASSERT_EQ(0, bpf_obj_pin(fd, AUDIT_PIN)) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, attach_socket(fd));
	close(fd);
	/* the program an adversary would later put into a program array */
	fd = socket_filter("raise_tail", false, 0);
	ASSERT_LE(0, fd);
	unlink(AUDIT_TAIL_PIN);
	ASSERT_EQ(0, bpf_obj_pin(fd, AUDIT_TAIL_PIN)) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, prog_array_put(fd, -1));
	close(fd);
}

/* the kernel log line of a change of the mode, or of a refused change */
#define MODE_LINE \
	"bpf_lockdown: %s comm=\"raise_test\" pid=%d level=%s mode=%s what=\"%s the mode from %s to %s\" class=mode"
#define SCX_REFUSED_LINE \
	"bpf_lockdown: refused comm=\"raise_test\" pid=%d map=\"raise_scx\" level=%s mode=enforce what=\"register struct_ops map raise_scx: it has no program, so no signature vouches for it\" class=modifies-kernel-behaviour"

/*
 * A struct_ops map prepared for a link (BPF_F_LINK) while the mode is audit
 * is judged again when a link registers it: after the mode was raised to
 * enforce, BPF_LINK_CREATE refuses it. Raises the mode itself.
 */
TEST(struct_ops_map_prepared_in_audit_is_refused_at_link_after_raise)
{
	__u32 key = 0, size;
	void *value;
	int fd, link;

	if (ld_level() == BPF_LOCKDOWN_LEVEL_NONE || ld_mode() != BPF_LOCKDOWN_MODE_AUDIT)
		SKIP(return, "needs a locked-down kernel in audit mode, to raise");
	if (btf_id(SCX_VALUE, BTF_KIND_STRUCT) <= 0)
		SKIP(return, "the kernel has no sched_ext (no " SCX_VALUE " in its BTF)");
	fd = ld_scx_map("raise_scx", BPF_F_LINK, &value, &size);
	ASSERT_LE(0, fd) TH_LOG("struct_ops map: %s", strerror(-fd));
	/* audit mode: the update only prepares the map, and is reported */
	ASSERT_EQ(0, bpf_map_update_elem(fd, &key, value, 0)) TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, ld_write(LD_DIR "mode", "enforce", 7));
	EXPECT_TRUE(ld_kernel_log_has(MODE_LINE, "changed", getpid(), ld_level_name(ld_level()),
				      "enforce", "raise", "audit", "enforce"));
	link = bpf_link_create(fd, 0, BPF_STRUCT_OPS, NULL);
	if (link >= 0)
		close(link);
	EXPECT_EQ(-EPERM, link < 0 ? -errno : 0);
	EXPECT_TRUE(ld_kernel_log_has(SCX_REFUSED_LINE, getpid(), ld_level_name(ld_level())));
	free(value);
	close(fd);
}

TEST(mode_raises_one_step_at_a_time_then_refuses_lowering)
{
	static const char *const modes[] = { "off", "audit", "enforce" };
	char cur[32];
	int c = ld_mode();

	for (int next = c + 1; next < 3; next++) {
		const char *level = ld_level_name(ld_level());

		ASSERT_EQ(0, ld_write(LD_DIR "mode", modes[next], strlen(modes[next])));
		ld_bracketed(LD_DIR "mode", cur, sizeof(cur));
		EXPECT_STREQ(modes[next], cur);
		/* the one kernel log format, for a change of state too */
		EXPECT_TRUE(ld_kernel_log_has(MODE_LINE, "changed", getpid(), level, modes[next],
					      "raise", modes[next - 1], modes[next]));
		EXPECT_EQ(-EPERM, ld_write(LD_DIR "mode", modes[next - 1],
					   strlen(modes[next - 1])));
		ld_bracketed(LD_DIR "mode", cur, sizeof(cur));
		EXPECT_STREQ(modes[next], cur);
		EXPECT_TRUE(ld_kernel_log_has(MODE_LINE, "refused", getpid(), level, modes[next],
					      "lower", modes[next], modes[next - 1]));
	}
	if (c == 2) {
		/* booted in enforce mode: lowering is refused and reported */
		EXPECT_EQ(-EPERM, ld_write(LD_DIR "mode", "audit", 5));
		ld_bracketed(LD_DIR "mode", cur, sizeof(cur));
		EXPECT_STREQ("enforce", cur);
		EXPECT_TRUE(ld_kernel_log_has(MODE_LINE, "refused", getpid(),
					      ld_level_name(ld_level()), "enforce", "lower",
					      "enforce", "audit"));
	}
}

/*
 * The program loaded in audit mode is not attached once the mode was
 * raised to enforce: the tier judged it by audit-mode rules
 */
TEST(program_loaded_in_audit_mode_is_refused_after_the_raise_to_enforce)
{
	int fd = bpf_obj_get(AUDIT_PIN), err;

	if (fd < 0)
		SKIP(return, "no program kept from audit mode: the boot was not in audit mode");
	unlink(AUDIT_PIN);
	ASSERT_EQ(BPF_LOCKDOWN_MODE_ENFORCE, ld_mode());
	ld_room();
	err = attach_socket(fd);
	ld_room_count();
	EXPECT_EQ(-EPERM, err);
	EXPECT_TRUE(attach_logged(true, "raise_audit", WHY_LEVEL, "level"));
	close(fd);
}

/*
 * Nor is it put into a program array, where a program loaded after the
 * raise would tail-call it: neither as the array's first program, nor
 * next to a program loaded after the raise (EINVAL, the map update's
 * errno for an incompatible program)
 */
TEST(program_loaded_in_audit_mode_is_not_put_into_a_program_array_after_the_raise)
{
	int fd = bpf_obj_get(AUDIT_TAIL_PIN), fresh, err;

	if (fd < 0)
		SKIP(return, "no program kept from audit mode: the boot was not in audit mode");
	unlink(AUDIT_TAIL_PIN);
	ASSERT_EQ(BPF_LOCKDOWN_MODE_ENFORCE, ld_mode());
	fresh = socket_filter("raise_caller", false, 0);
	ASSERT_LE(0, fresh);
	ld_room();
	err = prog_array_put(fd, -1);
	ld_room_count();
	EXPECT_EQ(-EINVAL, err);
	EXPECT_TRUE(prog_map_logged(true, "raise_tail"));
	ld_room();
	err = prog_array_put(fd, fresh);
	ld_room_count();
	EXPECT_EQ(-EINVAL, err);
	EXPECT_TRUE(prog_map_logged(true, "raise_tail"));
	/* a program loaded now is put there */
	EXPECT_EQ(0, prog_array_put(fresh, -1));
	close(fresh);
	close(fd);
}

/* The kernel log line of attaching @prog to a kprobe, refused (or would be) */
#define KPROBE_LINE \
	"bpf_lockdown: %s comm=\"raise_test\" pid=%d prog=\"%s\" level=confidentiality mode=%s what=\"attach as kprobe at kprobe:__x64_sys_getppid: unsigned programs may not be attached this way\" class=leaks-kernel-address\n"

#define TAIL_WHY \
	"lockdown: program may not call through program array raise_old: it holds a program loaded before the level or mode was raised"
#define TAIL_LINE \
	"bpf_lockdown: %s comm=\"raise_test\" pid=%d prog=\"raise_tail_call\" level=%s mode=%s what=\"call through program array raise_old: it holds a program loaded before the level or mode was raised\" class=level\n"

static char tail_log[65536];

/* A socket filter that tail-calls @map[0]: fd or -errno, its log in tail_log */
static int tail_caller(int map, const char *name)
{
	struct bpf_insn insns[] = {
		LD_MAP_FD(BPF_REG_2), MOV64_IMM(BPF_REG_3, 0), CALL(BPF_FUNC_tail_call), RET0,
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_SOCKET_FILTER, .insns = insns, .cnt = 6,
			     .name = name };

	insns[0].imm = map;

	return ld_prog_load(&l, tail_log, sizeof(tail_log));
}

/*
 * Raises the level one step (none to integrity, integrity to
 * confidentiality) between loading programs and attaching them. An
 * annotation that allows SO_ATTACH_BPF at the load level but not at the
 * next one refuses it after the raise; one that allows it only from the
 * next level up refuses it too, for the level the program was loaded at;
 * an unsigned program loaded before the raise is refused as loaded under
 * other rules (class level), in enforce mode, and reported in audit mode.
 * A program loaded after the raise attaches. A program array filled before
 * the raise holds a program judged by older rules: a program loaded after
 * it may not tail-call through it (refused at load). A kprobe created below
 * confidentiality outlives the raise, but an unsigned program loaded after
 * it is not attached to it (the registers hold kernel pointers).
 */
TEST(level_raised_between_load_and_attach)
{
	static const char *const levels[] = { "none", "integrity", "confidentiality" };
	int level = ld_level(), up_to = (2 << level) - 1, here, next, plain, fresh, err;
	int kprobe = -1, old;
	__u32 zero = 0;

	if (level == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY)
		SKIP(return, "already at confidentiality: no level to raise to");
	here = socket_filter("raise_here", true, up_to);
	ASSERT_LE(0, here);
	next = socket_filter("raise_next", true, 7 & ~up_to);
	ASSERT_LE(0, next);
	plain = socket_filter("raise_plain", false, 0);
	ASSERT_LE(0, plain);
	EXPECT_EQ(0, attach_socket(here));
	/* a program array filled before the raise */
	old = bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, "raise_old", 4, 4, 1, NULL);
	ASSERT_LE(0, old);
	ASSERT_EQ(0, bpf_map_update_elem(old, &zero, &plain, 0)) TH_LOG("%s", strerror(errno));
	if (level == BPF_LOCKDOWN_LEVEL_INTEGRITY) {
		kprobe = ld_kprobe_pmu_open("__x64_sys_getppid");
		ASSERT_LE(0, kprobe) TH_LOG("kprobe: %s", strerror(-kprobe));
	}
	ASSERT_EQ(0, ld_write("/sys/kernel/security/lockdown", levels[level + 1],
			      strlen(levels[level + 1])));
	ASSERT_EQ(level + 1, ld_level());

	ld_room();
	EXPECT_EQ(-EPERM, attach_socket(here));
	ld_room_count();
	EXPECT_TRUE(attach_logged(true, "raise_here",
				  "its annotation does not allow this attach type at this level",
				  "annotation"));
	ld_room();
	EXPECT_EQ(-EPERM, attach_socket(next));
	ld_room_count();
	EXPECT_TRUE(attach_logged(true, "raise_next",
				  "its annotation does not allow this attach type at its load level",
				  "annotation"));
	ld_room();
	err = attach_socket(plain);
	ld_room_count();
	if (ld_mode() == BPF_LOCKDOWN_MODE_OFF) {
		EXPECT_EQ(0, err);
	} else {
		EXPECT_EQ(ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE ? -EPERM : 0, err);
		EXPECT_TRUE(attach_logged(ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE, "raise_plain",
					  WHY_LEVEL, "level"));
	}
	/* nor run on chosen inputs by BPF_PROG_TEST_RUN */
	ld_room();
	err = test_run(plain);
	ld_room_count();
	if (ld_mode() == BPF_LOCKDOWN_MODE_OFF) {
		EXPECT_EQ(0, err);
	} else {
		bool enforce = ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;

		EXPECT_EQ(enforce ? -EPERM : 0, err);
		EXPECT_TRUE(ld_kernel_log_has(TEST_RUN_LINE, enforce ? "refused" : "would-refuse",
					      getpid(), ld_level_name(ld_level()),
					      ld_mode_name(ld_mode())));
	}
	ld_room();
	err = prog_array_put(plain, -1);
	ld_room_count();
	if (ld_mode() == BPF_LOCKDOWN_MODE_OFF) {
		EXPECT_EQ(0, err);
	} else {
		EXPECT_EQ(ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE ? -EINVAL : 0, err);
		EXPECT_TRUE(prog_map_logged(ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE, "raise_plain"));
	}
	fresh = socket_filter("raise_fresh", false, 0);
	ASSERT_LE(0, fresh);
	EXPECT_EQ(0, attach_socket(fresh));
	EXPECT_EQ(0, prog_array_put(fresh, -1));
	close(fresh);
	/* nor does a program loaded now call through what the array holds */
	ld_room();
	err = tail_caller(old, "raise_tail_call");
	if (ld_mode() == BPF_LOCKDOWN_MODE_OFF) {
		EXPECT_LE(0, err) TH_LOG("%s", tail_log);
	} else {
		ld_room_count();
		if (ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE) {
			EXPECT_EQ(-EPERM, err) TH_LOG("%s", tail_log);
		} else {
			EXPECT_LE(0, err) TH_LOG("%s", tail_log);
		}
		EXPECT_NE(NULL, strstr(tail_log, ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE ?
				       TAIL_WHY "; refused" : TAIL_WHY "; would be refused"))
			TH_LOG("%s", tail_log);
		EXPECT_TRUE(ld_kernel_log_has(TAIL_LINE, ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE ?
					      "refused" : "would-refuse", getpid(),
					      ld_level_name(ld_level()), ld_mode_name(ld_mode())));
	}
	if (err >= 0)
		close(err);
	close(old);
	if (kprobe >= 0) {
		struct ld_load l = { .type = BPF_PROG_TYPE_KPROBE, .insns = ret0, .cnt = 2,
				     .name = "raise_kprobe" };
		static char log[65536];
		int prog = ld_prog_load(&l, log, sizeof(log)), link;
		bool enforce = ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;

		ASSERT_LE(0, prog) TH_LOG("kprobe program: %s\n%s", strerror(-prog), log);
		ld_room();
		link = bpf_link_create(prog, kprobe, BPF_PERF_EVENT, NULL);
		if (link >= 0)
			close(link);
		if (ld_mode() == BPF_LOCKDOWN_MODE_OFF) {
			EXPECT_LE(0, link);
		} else {
			ld_room_count();
			EXPECT_EQ(enforce ? -EPERM : 0, link < 0 ? -errno : 0);
			EXPECT_TRUE(ld_kernel_log_has(KPROBE_LINE,
						      enforce ? "refused" : "would-refuse",
						      getpid(), "raise_kprobe",
						      ld_mode_name(ld_mode())));
		}
		close(prog);
		close(kprobe);
	}
	close(plain);
	close(next);
	close(here);
}

/*
 * The verifier looks a helper's prototype up when it checks the call and
 * again when it fixes the call up; lockdown takes bpf_probe_read_kernel()
 * away at confidentiality. A raise between the two left the second lookup
 * NULL, and the kernel oopsed on it: the load must fail instead. A long
 * program with the call first is loaded once to time its verification,
 * then again while another process raises the level to confidentiality
 * half-way through.
 */
#define VANISH_FILL 400000

/* the verifier logs every instruction of it: room for all, no ENOSPC */
#define VANISH_LOG (64 << 20)

/*
 * The last two tests raise the level for good. The harness runs every plain
 * TEST() first, then the tests of each fixture in their order: in the
 * fixture "late" they run last, this one first. It verifies 400,000
 * instructions twice with a full log: seconds on the test kernel, more than
 * the harness's 30 seconds on the debug kernel (KASAN, lockdep) under
 * emulation.
 */
FIXTURE(late) {
	int unused;
};

FIXTURE_SETUP(late)
{
}

FIXTURE_TEARDOWN(late)
{
}

TEST_F_TIMEOUT(late, level_raised_during_a_load_takes_the_helper_away, 600)
{
	struct bpf_insn *insns = calloc(VANISH_FILL + 7, sizeof(*insns));
	char *log = malloc(VANISH_LOG);
	struct ld_load l = { .type = BPF_PROG_TYPE_KPROBE, .cnt = VANISH_FILL + 7,
			     .name = "raise_vanish" };
	struct timespec a, b;
	long ns;
	pid_t child;
	int fd, i, status;

	ASSERT_NE(NULL, insns);
	ASSERT_NE(NULL, log);
	if (ld_level() != BPF_LOCKDOWN_LEVEL_INTEGRITY)
		SKIP(return, "needs lockdown=integrity to raise from");
	/* bpf_probe_read_kernel(fp - 8, 8, NULL); r0 = 0 ...; return 0 */
	insns[0] = MOV64_REG(BPF_REG_1, BPF_REG_10);
	insns[1] = ADD64_IMM(BPF_REG_1, -8);
	insns[2] = MOV64_IMM(BPF_REG_2, 8);
	insns[3] = MOV64_IMM(BPF_REG_3, 0);
	insns[4] = CALL(BPF_FUNC_probe_read_kernel);
	for (i = 5; i < VANISH_FILL + 6; i++)
		insns[i] = MOV64_IMM(BPF_REG_0, 0);
	insns[VANISH_FILL + 6] = EXIT;
	l.insns = insns;

	clock_gettime(CLOCK_MONOTONIC, &a);
	fd = ld_prog_load(&l, log, VANISH_LOG);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ASSERT_LE(0, fd) TH_LOG("at integrity: %s", strerror(-fd));
	close(fd);
	ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
	TH_LOG("verification takes %ld ms", ns / 1000000);

	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		struct timespec half = { .tv_sec = ns / 2 / 1000000000L,
					 .tv_nsec = ns / 2 % 1000000000L };

		nanosleep(&half, NULL);
		_exit(ld_write("/sys/kernel/security/lockdown", "confidentiality", 15) ? 1 : 0);
	}
	fd = ld_prog_load(&l, log, VANISH_LOG);
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	ASSERT_EQ(BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY, ld_level());
	/* the kernel is alive; the helper is gone, at one lookup or the other */
	EXPECT_EQ(-EINVAL, fd) {
		TH_LOG("load during the raise: %s\n%s", strerror(-fd), log);
	}
	EXPECT_TRUE(ld_log_has(log, "can no longer use helper bpf_probe_read_kernel#113") ||
		    ld_log_has(log, "cannot use helper bpf_probe_read_kernel#113")) {
		TH_LOG("%s", log);
	}
	if (!ld_log_has(log, "can no longer use"))
		TH_LOG("the raise came before the call was checked: the race was not hit");
	if (fd >= 0)
		close(fd);
	free(log);
	free(insns);
}

TEST_F(late, level_getter_follows_runtime_lockdown)
{
	static const char *const levels[] = { "integrity", "confidentiality" };
	char buf[64];

	for (int i = ld_level(); i < 2; i++) {
		ASSERT_EQ(0, ld_write("/sys/kernel/security/lockdown", levels[i],
				      strlen(levels[i])));
		ASSERT_LT(0, ld_read(LD_DIR "level", buf, sizeof(buf)));
		buf[strcspn(buf, "\n")] = '\0';
		EXPECT_STREQ(levels[i], buf);
	}
}

TEST_HARNESS_MAIN
