// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - extensions (freplace) of signed programs */

/*
 * The target is sealed and signed by bpf-annotate (build/selftests/
 * freplace_target.o, made by the build) and loaded through its library;
 * the extension is a plain clang-built object loaded by libbpf.
 */
#include <limits.h>
#include <bpf/libbpf.h>

#include "lockdown_util.h"
#include "libbpf_log.h"
#include "kselftest_harness.h"
#include "bpf_annotate.h"

/* Load the target, signed (or with --no-sig); return its fd */
static int load_target(struct __test_metadata *_metadata, bool sign,
		       struct bpf_annotate_obj **objp, struct bpf_annotate_loaded *out)
{
	struct bpf_annotate_load_opts opts = { .no_signature = !sign };
	char path[PATH_MAX], err[256];

	ld_exe_path(path, sizeof(path), "freplace_target.o");
	ASSERT_EQ(0, bpf_annotate_open(path, objp, err, sizeof(err))) TH_LOG("%s", err);
	ASSERT_EQ(0, bpf_annotate_load(*objp, &opts, out, err, sizeof(err))) TH_LOG("%s", err);
	ASSERT_EQ(1U, out->prog_cnt);
	return out->prog_fds[0];
}

/* Load the extension of handler() in @target_fd; return 0 or libbpf's error */
static int load_ext(int target_fd)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	char path[PATH_MAX];
	int err;

	libbpf_log_start();
	ld_exe_path(path, sizeof(path), "freplace_ext.bpf.o");
	obj = bpf_object__open_file(path, NULL);
	if (!obj)
		return -errno;
	prog = bpf_object__find_program_by_name(obj, "new_handler");
	err = prog ? bpf_program__set_attach_target(prog, target_fd, "handler") : -ENOENT;
	if (!err)
		err = bpf_object__load(obj);
	bpf_object__close(obj);
	return err;
}

TEST(unsigned_extension_of_a_signed_program_is_refused)
{
	struct bpf_annotate_loaded out = {};
	struct bpf_annotate_obj *obj;
	int fd, err;

	if (ld_level() != BPF_LOCKDOWN_LEVEL_NONE)
		SKIP(return, "the tier refuses unsigned extensions before their target is checked");
	fd = load_target(_metadata, true, &obj, &out);
	err = load_ext(fd);
	EXPECT_EQ(-EPERM, err);
	EXPECT_LOG_HAS(libbpf_log,
		       "lockdown: an unsigned extension may not replace a function of the signed program freplace_target");
	bpf_annotate_unload(&out);
	bpf_annotate_free(obj);
}

TEST(unsigned_extension_of_an_unsigned_program_loads)
{
	struct bpf_annotate_loaded out = {};
	struct bpf_annotate_obj *obj;
	int fd;

	if (ld_level() != BPF_LOCKDOWN_LEVEL_NONE)
		SKIP(return, "the tier refuses unsigned extensions");
	fd = load_target(_metadata, false, &obj, &out);
	EXPECT_EQ(0, load_ext(fd)) TH_LOG("%s", libbpf_log);
	bpf_annotate_unload(&out);
	bpf_annotate_free(obj);
}

TEST_HARNESS_MAIN
