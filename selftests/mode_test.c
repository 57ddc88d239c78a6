// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - enforcement mode, boot parameter and level */

#include <sys/stat.h>

#include "lockdown_util.h"
#include "kselftest_harness.h"

static const char *const modes[] = { "off", "audit", "enforce" };

static int mode_index(const char *m)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(m, modes[i]))
			return i;
	return -1;
}

static void expected_mode_line(int cur, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s %s%s%s %s%s%s\n",
		 cur == 0 ? "[" : "", modes[0], cur == 0 ? "]" : "",
		 cur == 1 ? "[" : "", modes[1], cur == 1 ? "]" : "",
		 cur == 2 ? "[" : "", modes[2], cur == 2 ? "]" : "");
}

TEST(mode_file_lists_all_modes_with_active_in_brackets)
{
	char buf[128], want[128];
	int cur = ld_mode();

	ASSERT_LT(0, ld_read(LD_DIR "mode", buf, sizeof(buf)));
	expected_mode_line(cur, want, sizeof(want));
	EXPECT_STREQ(want, buf);
}

TEST(mode_boot_parameter_sets_mode)
{
	char param[32], cur[32];

	ld_cmdline("bpf_lockdown.mode", param, sizeof(param));
	if (!param[0])
		SKIP(return, "no bpf_lockdown.mode= on the command line");
	ld_bracketed(LD_DIR "mode", cur, sizeof(cur));
	EXPECT_STREQ(param, cur);
}

TEST(mode_bad_writes_are_einval_and_change_nothing)
{
	static const char *const bad[] = {
		"bogus", "", "enforce2", "Enforce", "audit\n\n", " audit",
		"offf", "0", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	char before[32], after[32];

	ld_bracketed(LD_DIR "mode", before, sizeof(before));
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, ld_write(LD_DIR "mode", bad[i], strlen(bad[i]))) {
			TH_LOG("write \"%s\"", bad[i]);
		}
		ld_bracketed(LD_DIR "mode", after, sizeof(after));
		EXPECT_STREQ(before, after);
	}
}

TEST(mode_writing_the_current_mode_succeeds)
{
	char cur[32], after[32];

	ld_bracketed(LD_DIR "mode", cur, sizeof(cur));
	ASSERT_EQ(0, ld_write(LD_DIR "mode", cur, strlen(cur)));
	ld_bracketed(LD_DIR "mode", after, sizeof(after));
	EXPECT_STREQ(cur, after);
}

TEST(mode_cannot_be_lowered)
{
	char cur[32], after[32];
	int c;

	ld_bracketed(LD_DIR "mode", cur, sizeof(cur));
	c = mode_index(cur);
	if (c <= 0)
		SKIP(return, "mode is off: nothing lower");
	for (int lower = 0; lower < c; lower++) {
		char line[16];

		snprintf(line, sizeof(line), "%s\n", modes[lower]);
		EXPECT_EQ(-EPERM, ld_write(LD_DIR "mode", line, strlen(line)));
		ld_bracketed(LD_DIR "mode", after, sizeof(after));
		EXPECT_STREQ(cur, after);
	}
}

TEST(level_file_matches_kernel_lockdown)
{
	char buf[64];

	ASSERT_LT(0, ld_read(LD_DIR "level", buf, sizeof(buf)));
	buf[strcspn(buf, "\n")] = '\0';
	EXPECT_STREQ(ld_level_name(ld_level()), buf);
}

TEST(level_matches_boot_parameter)
{
	char param[32], buf[64];

	ld_cmdline("lockdown", param, sizeof(param));
	if (!param[0])
		snprintf(param, sizeof(param), "none");
	ASSERT_LT(0, ld_read(LD_DIR "level", buf, sizeof(buf)));
	buf[strcspn(buf, "\n")] = '\0';
	EXPECT_STREQ(param, buf);
}

TEST(files_have_documented_permissions)
{
	static const struct { const char *name; mode_t mode; } files[] = {
		{ "mode", 0644 }, { "level", 0444 }, { "tier", 0444 }, { "stats", 0444 },
	};
	char path[128];
	struct stat st;

	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), LD_DIR "%s", files[i].name);
		ASSERT_EQ(0, stat(path, &st));
		EXPECT_EQ(files[i].mode, st.st_mode & 07777) {
			TH_LOG("%s", path);
		}
	}
}

/* root may open them for writing, but they have no write method */
TEST(read_only_files_refuse_writes_with_einval)
{
	EXPECT_EQ(-EINVAL, ld_write(LD_DIR "tier", "x", 1));
	EXPECT_EQ(-EINVAL, ld_write(LD_DIR "stats", "x", 1));
	EXPECT_EQ(-EINVAL, ld_write(LD_DIR "level", "x", 1));
}

TEST_HARNESS_MAIN
