// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown selftests - a sealed object loaded through a skeleton that
 * the kernel tree's bpftool generated, by the kernel tree's libbpf, with no
 * lockdown-specific code in the application: libbpf loads each program
 * from its sealed records (instructions, BTF, CO-RE records, annotation,
 * signature), and the kernel verifies the signature.
 *
 * Attacks: read-only data or a map changed between open and load, which
 * the signature covers (libbpf names them, the kernel would refuse the
 * signature), and a signature by a key the kernel does not trust. A map
 * that the application sizes before loading is sealed with that size.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <linux/bpf.h>

#include "lockdown_util.h"
#include "libbpf_log.h"
#include "kselftest_harness.h"
#include "sealed_skel_signed.skel.h"
#include "sealed_skel_untrusted.skel.h"
#include "sealed_skel_unsigned.skel.h"
#include "sealed_skel_sized.skel.h"

/* LINUX_KERNEL_VERSION as the kernel and libbpf compute it */
static __u32 kernel_version(void)
{
	unsigned int a = 0, b = 0, c = 0;
	struct utsname u;

	uname(&u);
	sscanf(u.release, "%u.%u.%u", &a, &b, &c);
	return (a << 16) + (b << 8) + (c > 255 ? 255 : c);
}

static void expect_verdict(struct __test_metadata *_metadata, struct bpf_program *prog,
			   const char *want)
{
	char v[64];

	ld_fdinfo_verdict(bpf_program__fd(prog), v, sizeof(v));
	EXPECT_STREQ(want, v);
}

TEST(signed_skeleton_loads_signed_and_runs)
{
	static volatile __u32 magic = 0x5eed1234;
	struct sealed_skel_signed *skel;
	__u64 calls = 0;
	__u32 zero = 0;
	int i;

	libbpf_log_start();
	skel = sealed_skel_signed__open_and_load();
	ASSERT_NE(NULL, skel) TH_LOG("%s", libbpf_log);
	expect_verdict(_metadata, skel->progs.count_getpid, "signed (builtin keyring)");
	skel->bss->user_addr = (unsigned long)&magic;
	ASSERT_EQ(0, sealed_skel_signed__attach(skel)) TH_LOG("%s", libbpf_log);
	for (i = 0; i < 3; i++)
		syscall(__NR_getpid);
	ASSERT_EQ(0, bpf_map__lookup_elem(skel->maps.calls, &zero, sizeof(zero), &calls,
					  sizeof(calls), 0));
	EXPECT_LE(3ULL, calls);
	/* the kernel's values of the .kconfig externs, which it checked */
	EXPECT_EQ(kernel_version(), skel->bss->version);
	EXPECT_EQ(1U, skel->bss->cookie);
	/* CO-RE: the kernel's task_struct, not the object's four bytes */
	EXPECT_LT(sizeof(int), skel->bss->task_size);
	/* bpf_probe_read_user() as sealed, at every level */
	EXPECT_EQ(magic, skel->bss->user_value);
	sealed_skel_signed__destroy(skel);
}

TEST(changed_rodata_is_named_before_loading)
{
	struct sealed_skel_signed *skel;

	skel = sealed_skel_signed__open();
	ASSERT_NE(NULL, skel);
	skel->rodata->only_tgid = getpid();
	libbpf_log_start();
	EXPECT_EQ(-EINVAL, sealed_skel_signed__load(skel));
	EXPECT_NE(NULL, strstr(libbpf_log,
			       "map 'sealed_s.rodata': contents differ from the sealed ones, which the signature covers"))
		TH_LOG("%s", libbpf_log);
	EXPECT_GT(0, bpf_program__fd(skel->progs.count_getpid));
	sealed_skel_signed__destroy(skel);
}

TEST(changed_map_is_named_before_loading)
{
	struct sealed_skel_signed *skel;

	skel = sealed_skel_signed__open();
	ASSERT_NE(NULL, skel);
	ASSERT_EQ(0, bpf_map__set_max_entries(skel->maps.calls, 2));
	libbpf_log_start();
	EXPECT_EQ(-EINVAL, sealed_skel_signed__load(skel));
	EXPECT_NE(NULL, strstr(libbpf_log,
			       "map 'calls': type, sizes, max_entries or flags differ from the sealed ones, which the signature covers"))
		TH_LOG("%s", libbpf_log);
	sealed_skel_signed__destroy(skel);
}

/* sealed with --map calls:max_entries=2, as the application sizes it */
TEST(map_sized_by_the_application_loads_signed)
{
	struct sealed_skel_sized *skel;

	skel = sealed_skel_sized__open();
	ASSERT_NE(NULL, skel);
	ASSERT_EQ(0, bpf_map__set_max_entries(skel->maps.calls, 2));
	libbpf_log_start();
	ASSERT_EQ(0, sealed_skel_sized__load(skel)) TH_LOG("%s", libbpf_log);
	expect_verdict(_metadata, skel->progs.count_getpid, "signed (builtin keyring)");
	sealed_skel_sized__destroy(skel);
}

TEST(map_left_at_the_object_size_is_named)
{
	struct sealed_skel_sized *skel;

	skel = sealed_skel_sized__open();
	ASSERT_NE(NULL, skel);
	libbpf_log_start();
	EXPECT_EQ(-EINVAL, sealed_skel_sized__load(skel));
	EXPECT_NE(NULL, strstr(libbpf_log,
			       "map 'calls': type, sizes, max_entries or flags differ from the sealed ones, which the signature covers"))
		TH_LOG("%s", libbpf_log);
	sealed_skel_sized__destroy(skel);
}

TEST(untrusted_signature_is_refused)
{
	struct sealed_skel_untrusted *skel;

	skel = sealed_skel_untrusted__open();
	ASSERT_NE(NULL, skel);
	libbpf_log_start();
	EXPECT_EQ(-ENOKEY, sealed_skel_untrusted__load(skel));
	EXPECT_NE(NULL, strstr(libbpf_log,
			       "lockdown: signature: no key in the builtin keyring matches the signer"))
		TH_LOG("%s", libbpf_log);
	sealed_skel_untrusted__destroy(skel);
}

TEST(sealed_unsigned_skeleton_loads_annotated)
{
	struct sealed_skel_unsigned *skel;

	libbpf_log_start();
	skel = sealed_skel_unsigned__open_and_load();
	ASSERT_NE(NULL, skel) TH_LOG("%s", libbpf_log);
	expect_verdict(_metadata, skel->progs.count_getpid, "annotated, unsigned");
	sealed_skel_unsigned__destroy(skel);
}

TEST_HARNESS_MAIN
