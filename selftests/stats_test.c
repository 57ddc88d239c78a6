// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - counters and the kernel log */

/*
 * Run before the other suites of a boot: the kernel log lines are
 * rate-limited (unless kernel.printk_ratelimit is 0, as run-suite sets
 * it), and a burst of refusals just before would hide them.
 */
#include "lockdown_util.h"
#include "insn.h"
#include "kselftest_harness.h"

struct stats {
	long allowed, refused, would_refuse;
};

static int read_stats(int level, struct stats *st)
{
	char buf[512], name[32], *line;

	if (ld_read(LD_DIR "stats", buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%31s %ld %ld %ld", name, &st->allowed, &st->refused,
			   &st->would_refuse) == 4 && !strcmp(name, ld_level_name(level)))
			return 0;
	}
	return -1;
}

static const struct bpf_insn observe[] = { CALL(BPF_FUNC_get_current_pid_tgid), RET0 };
static const struct bpf_insn sig_insns[] = {
	MOV64_IMM(BPF_REG_1, 0), CALL(BPF_FUNC_send_signal), RET0,
};

static int load(const struct bpf_insn *insns, unsigned int cnt, const char *name)
{
	static char log[65536];
	struct ld_load l = { .type = BPF_PROG_TYPE_KPROBE, .insns = insns, .cnt = cnt,
			     .name = name };
	int fd = ld_prog_load(&l, log, sizeof(log));

	if (fd >= 0)
		close(fd);
	return fd < 0 ? fd : 0;
}

TEST(stats_format_has_a_header_and_one_line_per_level)
{
	char buf[512];

	ASSERT_LT(0, ld_read(LD_DIR "stats", buf, sizeof(buf)));
	EXPECT_EQ(0, strncmp(buf, "# level allowed refused would_refuse\nintegrity ", 46));
	EXPECT_NE(NULL, strstr(buf, "\nconfidentiality "));
}

TEST(stats_has_the_time_of_each_phase)
{
	static const char *const phases[] = { "annot", "sig_scan", "sig_maps", "sig_copy",
					      "sig_digest", "sig_verify", "sig_total" };
	char buf[2048], want[64], *l;
	unsigned long long loads, ns;
	unsigned int i;

	ASSERT_LT(0, ld_read(LD_DIR "stats", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "\n# time phase loads nanoseconds\n")) TH_LOG("%s", buf);
	for (i = 0; i < ARRAY_SIZE(phases); i++) {
		snprintf(want, sizeof(want), "\ntime %s ", phases[i]);
		l = strstr(buf, want);
		EXPECT_NE(NULL, l) TH_LOG("no line 'time %s' in:\n%s", phases[i], buf);
		if (l)
			EXPECT_EQ(2, sscanf(l + strlen(want), "%llu %llu", &loads, &ns));
	}
}

TEST(stats_count_each_unsigned_load_once)
{
	int level = ld_level(), mode = ld_mode();
	struct stats a = { 0 }, b = { 0 };
	int ret;

	if (level == BPF_LOCKDOWN_LEVEL_NONE)
		SKIP(return, "no counters at lockdown=none");
	ASSERT_EQ(0, read_stats(level, &a));
	EXPECT_EQ(0, load(observe, 3, "ld_stats_ok"));
	ret = load(sig_insns, 4, "ld_stats_sig");
	ASSERT_EQ(0, read_stats(level, &b));
	if (mode == BPF_LOCKDOWN_MODE_OFF) {
		EXPECT_EQ(0, ret);
		EXPECT_EQ(a.allowed, b.allowed);
		EXPECT_EQ(a.refused, b.refused);
		EXPECT_EQ(a.would_refuse, b.would_refuse);
		return;
	}
	EXPECT_EQ(a.allowed + 1, b.allowed);
	if (mode == BPF_LOCKDOWN_MODE_ENFORCE) {
		EXPECT_EQ(-EACCES, ret);
		EXPECT_EQ(a.refused + 1, b.refused);
		EXPECT_EQ(a.would_refuse, b.would_refuse);
	} else {
		EXPECT_EQ(0, ret);
		EXPECT_EQ(a.refused, b.refused);
		EXPECT_EQ(a.would_refuse + 1, b.would_refuse);
	}
}

TEST(refusal_is_in_the_kernel_log_with_task_and_program)
{
	int level = ld_level(), mode = ld_mode();
	char want[256], rec[1024];
	bool found = false;
	ssize_t n;
	int fd;

	if (level == BPF_LOCKDOWN_LEVEL_NONE || mode == BPF_LOCKDOWN_MODE_OFF)
		SKIP(return, "the tier does not apply");
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd);
	lseek(fd, 0, SEEK_END);
	load(sig_insns, 4, "ld_kmsg_sig");
	snprintf(want, sizeof(want),
		 "bpf_lockdown: %s comm=\"stats_test\" pid=%d prog=\"ld_kmsg_sig\" level=%s mode=%s what=\"call bpf_send_signal#109\" class=signals",
		 mode == BPF_LOCKDOWN_MODE_ENFORCE ? "refused" : "would-refuse", getpid(),
		 ld_level_name(level), mode == BPF_LOCKDOWN_MODE_ENFORCE ? "enforce" : "audit");
	while ((n = read(fd, rec, sizeof(rec) - 1)) > 0) {
		rec[n] = '\0';
		if (strstr(rec, want))
			found = true;
	}
	close(fd);
	EXPECT_TRUE(found) {
		TH_LOG("missing in /dev/kmsg: %s", want);
	}
}

#define PRINTK_RATELIMIT "/proc/sys/kernel/printk_ratelimit"

static int set_ratelimit(const char *val)
{
	return ld_write(PRINTK_RATELIMIT, val, strlen(val));
}

/* @n refusals (or would-be refusals) of the program @name: the lines the log has */
static int refuse_and_count(const char *name, int n)
{
	char want[128];

	for (int i = 0; i < n; i++)
		load(sig_insns, 4, name);
	snprintf(want, sizeof(want), "comm=\"stats_test\" pid=%d prog=\"%s\"", getpid(), name);
	return ld_kernel_log_count(want);
}

/*
 * Each kind of refusal has the kernel's default rate limit (10 lines in
 * 5 seconds); kernel.printk_ratelimit=0 lets every line through, for an
 * administrator who reads what audit mode would refuse
 */
TEST(kernel_log_lines_follow_printk_ratelimit)
{
	int level = ld_level(), mode = ld_mode();
	char old[16];
	int n;

	if (level == BPF_LOCKDOWN_LEVEL_NONE || mode == BPF_LOCKDOWN_MODE_OFF)
		SKIP(return, "the tier does not apply");
	ASSERT_LT(0, ld_read(PRINTK_RATELIMIT, old, sizeof(old)));
	ASSERT_EQ(0, set_ratelimit("0"));
	EXPECT_EQ(15, refuse_and_count("ld_rl_all", 15));
	ASSERT_EQ(0, set_ratelimit("5"));
	/* fewer than 10 where a window of this kind was open already */
	n = refuse_and_count("ld_rl_limited", 15);
	EXPECT_GE(10, n) TH_LOG("%d lines of 15 refusals in a burst", n);
	EXPECT_LE(1, n) TH_LOG("no line of 15 refusals in a burst");
	EXPECT_EQ(0, set_ratelimit(old));
}

TEST_HARNESS_MAIN
