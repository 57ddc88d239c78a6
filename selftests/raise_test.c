// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - raising the mode and the lockdown level at run time */

/*
 * These tests change global state that cannot be undone: run them last in
 * a boot.
 */
#include "lockdown_util.h"
#include "scx_util.h"
#include "kselftest_harness.h"

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
	EXPECT_TRUE(ld_kernel_log_has("bpf_lockdown: changed comm=\"raise_test\" pid=%d level=%s mode=enforce what=\"raise the mode from audit to enforce\" class=mode",
				      getpid(), ld_level_name(ld_level())));
	link = bpf_link_create(fd, 0, BPF_STRUCT_OPS, NULL);
	if (link >= 0)
		close(link);
	EXPECT_EQ(-EPERM, link < 0 ? -errno : 0);
	EXPECT_TRUE(ld_kernel_log_has("bpf_lockdown: refused comm=\"raise_test\" pid=%d map=\"raise_scx\" level=%s mode=enforce what=\"register struct_ops map raise_scx: it has no program, so no signature vouches for it\" class=modifies-kernel-behaviour",
				      getpid(), ld_level_name(ld_level())));
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
