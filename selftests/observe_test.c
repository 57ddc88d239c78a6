// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - a clang-built observability program, unsigned */

/*
 * progs/observe.bpf.c uses hash, array, ringbuf and perf maps, pid, uid,
 * comm and time helpers and bpf_probe_read_user_str(): all in the unsigned
 * tier, so it loads at every level and mode without a lockdown line.
 */
#include <limits.h>
#include <stdarg.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "lockdown_util.h"
#include "libbpf_log.h"
#include "kselftest_harness.h"

static struct bpf_object *open_observer(void)
{
	char path[PATH_MAX];

	libbpf_log_start();
	ld_exe_path(path, sizeof(path), "observe.bpf.o");
	return bpf_object__open_file(path, NULL);
}

/*
 * libbpf probes bpf_probe_read_kernel() to decide whether the kernel has
 * bpf_probe_read_user*(); at confidentiality lockdown refuses the probe (the
 * stock kernel does too), so libbpf rewrites bpf_probe_read_user_str() into
 * the compat bpf_probe_read_str(), which an unsigned program gets there as
 * bpf_probe_read_user_str() again: the program loads without a lockdown
 * line, in every mode (conf_test runs such a program).
 */
TEST(libbpf_compat_rewrite_loads_at_confidentiality)
{
	struct bpf_object *obj;
	int err;

	if (ld_level() != BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY)
		SKIP(return, "only at lockdown=confidentiality");
	obj = open_observer();
	ASSERT_EQ(0, libbpf_get_error(obj));
	err = bpf_object__load(obj);
	EXPECT_EQ(0, err) {
		TH_LOG("libbpf:\n%s", libbpf_log);
	}
	EXPECT_EQ(NULL, strstr(libbpf_log, "lockdown:"));
	bpf_object__close(obj);
}

TEST(observer_loads_unsigned_and_counts_opens)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *link;
	__u64 total = 0;
	__u32 zero = 0;
	int err, fd;

	if (ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY && ld_mode() == BPF_LOCKDOWN_MODE_OFF)
		SKIP(return, "no trace events: booted at confidentiality with BPF lockdown off");
	obj = open_observer();
	ASSERT_EQ(0, libbpf_get_error(obj));
	err = bpf_object__load(obj);
	EXPECT_EQ(0, err) {
		TH_LOG("libbpf:\n%s", libbpf_log);
	}
	EXPECT_EQ(NULL, strstr(libbpf_log, "lockdown:"));
	if (err)
		goto out;

	prog = bpf_object__find_program_by_name(obj, "observe_openat");
	ASSERT_NE(NULL, prog);
	link = bpf_program__attach(prog);
	ASSERT_EQ(0, libbpf_get_error(link));
	for (int i = 0; i < 10; i++) {
		fd = open("/proc/self/status", O_RDONLY);
		if (fd >= 0)
			close(fd);
	}
	fd = bpf_object__find_map_fd_by_name(obj, "total");
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, bpf_map_lookup_elem(fd, &zero, &total));
	EXPECT_LE(10, (int)total);
	bpf_link__destroy(link);
out:
	bpf_object__close(obj);
}

TEST_HARNESS_MAIN
