// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown selftests - mainline's exclusive maps, map hashes and
 * fd_array_cnt on this kernel (patches/0011): a map created with
 * excl_prog_hash is used by the program with that digest and no other,
 * cannot be reached through a map-in-map, and BPF_OBJ_GET_INFO_BY_FD
 * hashes an array map's contents; fd_array_cnt binds every map of fd_array.
 * Loaded as unsigned kprobe programs, which every level and mode allows.
 */

#include <errno.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <openssl/sha.h>
#include <linux/bpf.h>

#include "lockdown_util.h"
#include "btf_util.h"
#include "insn.h"
#include "kselftest_harness.h"

#define LOG_SIZE 65536
#define DIGEST 32

static char log_buf[LOG_SIZE];

#define LD_MAP_IDX(d, idx)	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_IDX, 0, idx), \
				INSN(0, 0, 0, 0, 0)

/* r1 = the map in fd_array[0]; return 0 */
static const struct bpf_insn idx_prog[] = { LD_MAP_IDX(BPF_REG_1, 0), RET0 };

/* the same with one more instruction: another digest */
static const struct bpf_insn other_prog[] = {
	LD_MAP_IDX(BPF_REG_1, 0), MOV64_IMM(BPF_REG_2, 1), RET0
};

static const struct bpf_insn ret_prog[] = { RET0 };

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	int ret = syscall(__NR_bpf, cmd, attr, sizeof(*attr));

	return ret < 0 ? -errno : ret;
}

/* The digest an exclusive map names: SHA-256 of the instructions as loaded */
static void prog_digest(const struct bpf_insn *insns, unsigned int cnt, __u8 out[DIGEST])
{
	SHA256((const unsigned char *)insns, cnt * sizeof(*insns), out);
}

static int load(const struct bpf_insn *insns, unsigned int cnt, const int *fds, __u32 fd_cnt)
{
	struct ld_load a = {
		.type = BPF_PROG_TYPE_KPROBE, .insns = insns, .cnt = cnt,
		.fd_array = fds, .fd_array_cnt = fd_cnt, .name = "ld_excl",
	};

	return ld_prog_load(&a, log_buf, sizeof(log_buf));
}

TEST(exclusive_map_hash_must_be_32_bytes)
{
	__u8 hash[DIGEST] = { 1 };

	EXPECT_EQ(-EINVAL, ld_array_map_create(8, 1, hash, 16));
	EXPECT_EQ(-EINVAL, ld_array_map_create(8, 1, hash, 0));
	EXPECT_EQ(-EINVAL, ld_array_map_create(8, 1, NULL, DIGEST));
	EXPECT_EQ(-EFAULT, ld_array_map_create(8, 1, (void *)8, DIGEST));
}

TEST(exclusive_map_admits_only_its_program)
{
	__u8 hash[DIGEST];
	int map, fd;

	prog_digest(idx_prog, ARRAY_SIZE(idx_prog), hash);
	map = ld_array_map_create(8, 1, hash, DIGEST);
	ASSERT_LE(0, map);

	fd = load(idx_prog, ARRAY_SIZE(idx_prog), &map, 0);
	EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
	if (fd >= 0)
		close(fd);

	EXPECT_EQ(-EACCES, load(other_prog, ARRAY_SIZE(other_prog), &map, 0));
	EXPECT_LOG_HAS(log_buf, "program's digest does not match the map's excl_prog_hash");

	/* bound through fd_array_cnt without a reference: checked as well */
	EXPECT_EQ(-EACCES, load(ret_prog, ARRAY_SIZE(ret_prog), &map, 1));
	EXPECT_LOG_HAS(log_buf, "program's digest does not match the map's excl_prog_hash");
	close(map);
}

/* A map fd in an instruction is hashed as 0: the digest does not change with it */
TEST(exclusive_map_digest_ignores_map_fds)
{
	struct bpf_insn fd_prog[] = { LD_MAP_FD(BPF_REG_1), RET0 };
	__u8 hash[DIGEST];
	int map, fd;

	prog_digest(fd_prog, ARRAY_SIZE(fd_prog), hash);
	map = ld_array_map_create(8, 1, hash, DIGEST);
	ASSERT_LE(0, map);
	fd_prog[0].imm = map;
	fd = load(fd_prog, ARRAY_SIZE(fd_prog), NULL, 0);
	EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
	if (fd >= 0)
		close(fd);
	close(map);
}

TEST(exclusive_map_stays_out_of_map_in_map)
{
	__u8 hash[DIGEST] = { 1 };
	union bpf_attr attr;
	int inner, excl, outer;
	__u32 key = 0;

	inner = ld_array_map_create(8, 1, NULL, 0);
	excl = ld_array_map_create(8, 1, hash, DIGEST);
	ASSERT_LE(0, inner);
	ASSERT_LE(0, excl);
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY_OF_MAPS;
	attr.key_size = 4;
	attr.value_size = 4;
	attr.max_entries = 1;
	attr.inner_map_fd = inner;
	outer = sys_bpf(BPF_MAP_CREATE, &attr);
	ASSERT_LE(0, outer);

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = outer;
	attr.key = (__u64)(unsigned long)&key;
	attr.value = (__u64)(unsigned long)&inner;
	EXPECT_EQ(0, sys_bpf(BPF_MAP_UPDATE_ELEM, &attr));
	attr.value = (__u64)(unsigned long)&excl;
	EXPECT_EQ(-EACCES, sys_bpf(BPF_MAP_UPDATE_ELEM, &attr));
	close(outer);
	close(excl);
	close(inner);
}

/* BPF_OBJ_GET_INFO_BY_FD into @info, which the caller prepared */
static int obj_info(int fd, void *info, __u32 len)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = len;
	attr.info.info = (__u64)(unsigned long)info;
	return sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr);
}

static int map_hash(int map, void *hash, __u32 hash_size)
{
	struct bpf_map_info info;
	int err;

	memset(&info, 0, sizeof(info));
	info.hash = (__u64)(unsigned long)hash;
	info.hash_size = hash_size;
	err = obj_info(map, &info, sizeof(info));
	if (!err && info.hash_size != DIGEST)
		return -ERANGE;
	return err;
}

/* Another fd of @map's map, opened with @flags */
static int map_reopen(int map, __u32 flags)
{
	struct bpf_map_info info;
	union bpf_attr attr;

	memset(&info, 0, sizeof(info));
	if (obj_info(map, &info, sizeof(info)))
		return -1;
	memset(&attr, 0, sizeof(attr));
	attr.map_id = info.id;
	attr.open_flags = flags;
	return sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr);
}

/* SHA-256 over the values, each padded with zeroes to 8 bytes */
TEST(map_hash_of_an_array_map)
{
	__u8 want[DIGEST], got[DIGEST], content[3 * 16] = {};
	union bpf_attr attr;
	int map, hmap, wronly;
	__u32 i;

	map = ld_array_map_create(12, 3, NULL, 0);
	ASSERT_LE(0, map);
	for (i = 0; i < 3; i++) {
		__u8 val[12];

		memset(val, 0x41 + i, sizeof(val));
		memcpy(content + 16 * i, val, sizeof(val));
		memset(&attr, 0, sizeof(attr));
		attr.map_fd = map;
		attr.key = (__u64)(unsigned long)&i;
		attr.value = (__u64)(unsigned long)val;
		ASSERT_EQ(0, sys_bpf(BPF_MAP_UPDATE_ELEM, &attr));
	}
	SHA256(content, sizeof(content), want);
	ASSERT_EQ(0, map_hash(map, got, DIGEST));
	EXPECT_EQ(0, memcmp(want, got, DIGEST));
	EXPECT_EQ(-EINVAL, map_hash(map, got, 16));

	/* not through an fd that may not read the values */
	wronly = map_reopen(map, BPF_F_WRONLY);
	ASSERT_LE(0, wronly);
	EXPECT_EQ(-EPERM, map_hash(wronly, got, DIGEST));
	close(wronly);

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_HASH;
	attr.key_size = 4;
	attr.value_size = 8;
	attr.max_entries = 1;
	hmap = sys_bpf(BPF_MAP_CREATE, &attr);
	ASSERT_LE(0, hmap);
	EXPECT_EQ(-EINVAL, map_hash(hmap, got, DIGEST));
	close(hmap);
	close(map);
}

TEST(map_hash_of_values_with_kernel_pointers_is_einval)
{
	__u8 got[DIGEST];
	int map;

	map = ld_timer_map(NULL);
	ASSERT_LE(0, map);
	EXPECT_EQ(-EINVAL, map_hash(map, got, DIGEST));
	close(map);
}

static __u32 nr_map_ids(int prog)
{
	struct bpf_prog_info info;

	memset(&info, 0, sizeof(info));
	if (obj_info(prog, &info, sizeof(info)))
		return ~0U;
	return info.nr_map_ids;
}

TEST(fd_array_cnt_binds_every_map)
{
	int fds[2], fd;

	fds[0] = ld_array_map_create(8, 1, NULL, 0);
	fds[1] = ld_array_map_create(8, 1, NULL, 0);
	ASSERT_LE(0, fds[0]);
	ASSERT_LE(0, fds[1]);
	fd = load(ret_prog, ARRAY_SIZE(ret_prog), fds, 0);
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	EXPECT_EQ(0U, nr_map_ids(fd));
	close(fd);
	fd = load(ret_prog, ARRAY_SIZE(ret_prog), fds, 2);
	ASSERT_LE(0, fd) TH_LOG("%s", log_buf);
	EXPECT_EQ(2U, nr_map_ids(fd));
	close(fd);
	close(fds[0]);
	close(fds[1]);
}

TEST(fd_array_cnt_refuses_what_is_not_a_map_or_btf)
{
	int fds[2];
	char want[64];

	fds[0] = ld_array_map_create(8, 1, NULL, 0);
	fds[1] = eventfd(0, 0);
	ASSERT_LE(0, fds[0]);
	ASSERT_LE(0, fds[1]);
	EXPECT_EQ(-EINVAL, load(ret_prog, ARRAY_SIZE(ret_prog), fds, 2));
	snprintf(want, sizeof(want), "fd_array[1]: fd %d is neither a map nor a BTF", fds[1]);
	EXPECT_LOG_HAS(log_buf, want);
	close(fds[1]);
	fds[1] = 1000;
	EXPECT_EQ(-EBADF, load(ret_prog, ARRAY_SIZE(ret_prog), fds, 2));
	close(fds[0]);
}

TEST(fd_array_cnt_is_bounded_and_needs_fd_array)
{
	int fds[1] = { -1 };

	EXPECT_EQ(-E2BIG, load(ret_prog, ARRAY_SIZE(ret_prog), fds, 100000));
	EXPECT_LOG_HAS(log_buf, "fd_array_cnt 100000 is larger than");
	EXPECT_EQ(-EINVAL, load(ret_prog, ARRAY_SIZE(ret_prog), NULL, 1));
	EXPECT_LOG_HAS(log_buf, "fd_array_cnt without fd_array is invalid");
}

static int bind_map(int prog, int map)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_bind_map.prog_fd = prog;
	attr.prog_bind_map.map_fd = map;
	return sys_bpf(BPF_PROG_BIND_MAP, &attr);
}

static __u32 map_id(int map)
{
	struct bpf_map_info info;

	memset(&info, 0, sizeof(info));
	return obj_info(map, &info, sizeof(info)) ? 0 : info.id;
}

/*
 * BPF_PROG_BIND_MAP after the load (patches/0018): no other program binds
 * an exclusive map, at every level and in every mode, and the kernel log
 * says why; its own program, which uses it from its load, binds it as a
 * no-op; a map that is not exclusive binds
 */
TEST(prog_bind_map_refuses_an_exclusive_map)
{
	__u8 hash[DIGEST];
	int map, plain, own, other;
	char line[256];

	prog_digest(idx_prog, ARRAY_SIZE(idx_prog), hash);
	map = ld_array_map_create(8, 1, hash, DIGEST);
	plain = ld_array_map_create(8, 1, NULL, 0);
	ASSERT_LE(0, map);
	ASSERT_LE(0, plain);
	own = load(idx_prog, ARRAY_SIZE(idx_prog), &map, 0);
	ASSERT_LE(0, own) TH_LOG("%s", log_buf);
	other = load(ret_prog, ARRAY_SIZE(ret_prog), NULL, 0);
	ASSERT_LE(0, other) TH_LOG("%s", log_buf);

	EXPECT_EQ(-EACCES, bind_map(other, map));
	snprintf(line, sizeof(line),
		 "prog=\"ld_excl\" level=%s mode=%s what=\"bind exclusive map  (id %u): only the program its excl_prog_hash names uses it, from its load\" class=trust",
		 ld_level_name(ld_level()), ld_mode_name(ld_mode()), map_id(map));
	EXPECT_TRUE(ld_kernel_log_has("%s", line)) TH_LOG("no kernel log line \"%s\"", line);
	EXPECT_EQ(0U, nr_map_ids(other));
	EXPECT_EQ(0, bind_map(own, map));
	EXPECT_EQ(1U, nr_map_ids(own));
	EXPECT_EQ(0, bind_map(other, plain));
	EXPECT_EQ(1U, nr_map_ids(other));
	close(own);
	close(other);
	close(plain);
	close(map);
}

TEST_HARNESS_MAIN
