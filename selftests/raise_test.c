// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - raising the mode and the lockdown level at run time */

/*
 * These tests change global state that cannot be undone: run them last in
 * a boot.
 */
#include "lockdown_util.h"
#include "kselftest_harness.h"

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
		EXPECT_TRUE(ld_kernel_log_has("bpf_lockdown: changed comm=\"raise_test\" pid=%d level=%s mode=%s what=\"raise the mode from %s to %s\" class=mode",
					      getpid(), level, modes[next], modes[next - 1],
					      modes[next]));
		EXPECT_EQ(-EPERM, ld_write(LD_DIR "mode", modes[next - 1],
					   strlen(modes[next - 1])));
		ld_bracketed(LD_DIR "mode", cur, sizeof(cur));
		EXPECT_STREQ(modes[next], cur);
		EXPECT_TRUE(ld_kernel_log_has("bpf_lockdown: refused comm=\"raise_test\" pid=%d level=%s mode=%s what=\"lower the mode from %s to %s\" class=mode",
					      getpid(), level, modes[next], modes[next],
					      modes[next - 1]));
	}
	if (c == 2) {
		/* booted in enforce mode: lowering is refused and reported */
		EXPECT_EQ(-EPERM, ld_write(LD_DIR "mode", "audit", 5));
		ld_bracketed(LD_DIR "mode", cur, sizeof(cur));
		EXPECT_STREQ("enforce", cur);
		EXPECT_TRUE(ld_kernel_log_has("bpf_lockdown: refused comm=\"raise_test\" pid=%d level=%s mode=enforce what=\"lower the mode from enforce to audit\" class=mode",
					      getpid(), ld_level_name(ld_level())));
	}
}

TEST(level_getter_follows_runtime_lockdown)
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
