// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown selftests - escapes through verifier gaps under the tier */

/*
 * Each test is an attack that an unsigned program of a type the tier
 * allows made through a gap in the 6.12 verifier, with the exact errno and
 * verifier message of its refusal:
 *
 * - bpf_get_stack() of tracing programs and bpf_snprintf() wrote into a
 *   frozen, program-read-only map (patch 0000c);
 * - a map element iterator link was updated to a program the map never
 *   checked, or tail-called one (patch 0000a);
 * - at confidentiality, a program read stack slots it never wrote, or
 *   stored a pointer into an iterator buffer (lockdown, patch 0000d);
 * - an iterator took its target from a BPF program's BTF and ran with
 *   another target's context (0000e).
 */
#include <linux/btf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "lockdown_util.h"
#include "insn.h"
#include "kselftest_harness.h"

#define LOG_SIZE 65536
static char log_buf[LOG_SIZE];

#define LD_MAP_VALUE(d, fd)	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_VALUE, 0, fd), \
				INSN(0, 0, 0, 0, 0)
#define JEQ_IMM(d, i, o)	INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define STX_DW(d, s, o)		INSN(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define N(a) (sizeof(a) / sizeof((a)[0]))

static int btf_func(const char *name)
{
	static struct btf *btf;

	if (!btf)
		btf = btf__load_vmlinux_btf();
	return btf ? btf__find_by_name_kind(btf, name, BTF_KIND_FUNC) : -1;
}

/* an 8-byte array map with BPF_F_RDONLY_PROG, "%d\0" in its value, frozen */
static int frozen_rdonly_map(void)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = BPF_F_RDONLY_PROG);
	__u64 value = 0x6425;	/* "%d" */
	__u32 key = 0;
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "esc_ro", 4, 8, 1, &o);

	if (fd < 0 || bpf_map_update_elem(fd, &key, &value, 0) || bpf_map_freeze(fd))
		return -1;
	return fd;
}

static bool confidentiality_enforced(void)
{
	return ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
	       ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE;
}

/* bpf_get_stack(ctx, &frozen_value, 8, BPF_F_USER_STACK) in a raw tracepoint */
TEST(get_stack_into_frozen_rdonly_map_is_refused)
{
	int map = frozen_rdonly_map();
	struct bpf_insn insns[] = {
		LD_MAP_VALUE(BPF_REG_2, map), MOV64_IMM(BPF_REG_3, 8),
		MOV64_IMM(BPF_REG_4, BPF_F_USER_STACK), CALL(BPF_FUNC_get_stack), RET0,
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_RAW_TRACEPOINT, .insns = insns,
			     .cnt = N(insns), .name = "esc_get_stack" };

	ASSERT_LE(0, map);
	EXPECT_EQ(-EACCES, ld_prog_load(&l, log_buf, LOG_SIZE));
	EXPECT_NE(NULL, strstr(log_buf, "write into map forbidden")) TH_LOG("%s", log_buf);
	close(map);
}

/* bpf_snprintf(&frozen_value, 8, "%d", NULL, 0) in a kprobe */
TEST(snprintf_into_frozen_rdonly_map_is_refused)
{
	int map = frozen_rdonly_map();
	struct bpf_insn insns[] = {
		LD_MAP_VALUE(BPF_REG_1, map), MOV64_IMM(BPF_REG_2, 8),
		LD_MAP_VALUE(BPF_REG_3, map), MOV64_IMM(BPF_REG_4, 0), MOV64_IMM(BPF_REG_5, 0),
		CALL(BPF_FUNC_snprintf), RET0,
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_KPROBE, .insns = insns, .cnt = N(insns),
			     .name = "esc_snprintf" };
	int fd;

	ASSERT_LE(0, map);
	fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	if (confidentiality_enforced() || (ld_level() == BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY &&
					   ld_mode() == BPF_LOCKDOWN_MODE_AUDIT)) {
		/* bpf_snprintf reads kernel memory: the tier refuses it first, or logs it */
		EXPECT_GT(0, fd);
	} else {
		EXPECT_EQ(-EACCES, fd);
		EXPECT_NE(NULL, strstr(log_buf, "write into map forbidden")) TH_LOG("%s", log_buf);
	}
	if (fd >= 0)
		close(fd);
	close(map);
}

/* a bpf_map_elem iterator reading @bytes of each value (0: none) */
static int iter_prog(int bytes, bool tail_call, int prog_array)
{
	struct bpf_insn insns[16] = {
		LDX_DW(BPF_REG_2, BPF_REG_1, 24),	/* ctx->value */
		JEQ_IMM(BPF_REG_2, 0, 1),
		LDX_DW(BPF_REG_0, BPF_REG_2, bytes - 8),
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_ITER,
			     .attach_btf_id = btf_func("bpf_iter_bpf_map_elem"),
			     .insns = insns, .name = "esc_iter" };
	unsigned int n = bytes ? 3 : 0;

	if (tail_call) {
		insns[n++] = INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_2, BPF_PSEUDO_MAP_FD, 0,
				  prog_array);
		insns[n++] = INSN(0, 0, 0, 0, 0);
		insns[n++] = MOV64_IMM(BPF_REG_3, 0);
		insns[n++] = CALL(BPF_FUNC_tail_call);
	}
	insns[n++] = MOV64_IMM(BPF_REG_0, 0);
	insns[n++] = EXIT;
	l.cnt = n;
	return ld_prog_load(&l, log_buf, LOG_SIZE);
}

/*
 * Attach an iterator that never touches the values to an 8-byte array,
 * then update the link to one that reads 4 KiB past the value: the
 * update is refused, and so is a reader the map would have refused.
 */
TEST(iter_link_update_to_an_unchecked_program_is_refused)
{
	LIBBPF_OPTS(bpf_link_create_opts, o);
	union bpf_iter_link_info info = {};
	int map, p0, p1, p2, link;

	map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "esc_rw", 4, 8, 1, NULL);
	ASSERT_LE(0, map);
	p0 = iter_prog(0, false, 0);
	ASSERT_LE(0, p0) TH_LOG("%s", log_buf);
	p1 = iter_prog(4096, false, 0);
	ASSERT_LE(0, p1) TH_LOG("%s", log_buf);
	p2 = iter_prog(8, false, 0);
	ASSERT_LE(0, p2) TH_LOG("%s", log_buf);
	info.map.map_fd = map;
	o.iter_info = &info;
	o.iter_info_len = sizeof(info);
	/* the 4 KiB reader cannot be attached directly */
	EXPECT_EQ(-EACCES, bpf_link_create(p1, 0, BPF_TRACE_ITER, &o));
	link = bpf_link_create(p0, 0, BPF_TRACE_ITER, &o);
	ASSERT_LE(0, link);
	EXPECT_EQ(-EACCES, bpf_link_update(link, p1, NULL));
	EXPECT_EQ(-EACCES, bpf_link_update(link, p2, NULL));
	/* a program that accesses no more than the old one may replace it */
	EXPECT_EQ(0, bpf_link_update(link, p0, NULL));
	close(link);
	close(p0);
	close(p1);
	close(p2);
	close(map);
}

TEST(tail_call_from_a_map_element_iterator_is_refused)
{
	int arr = bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, "esc_progs", 4, 4, 1, NULL);

	ASSERT_LE(0, arr);
	EXPECT_EQ(-EINVAL, iter_prog(8, true, arr));
	EXPECT_NE(NULL, strstr(log_buf,
			       "tail_calls are not allowed in buffer iterators"))
		TH_LOG("%s", log_buf);
	close(arr);
}

/* r0 = *(u64 *)(r10 - 8) without a store first: stack residue */
TEST(uninitialised_stack_read_is_refused_at_confidentiality)
{
	struct bpf_insn insns[] = { LDX_DW(BPF_REG_0, BPF_REG_10, -8), RET0 };
	struct ld_load l = { .type = BPF_PROG_TYPE_KPROBE, .insns = insns, .cnt = N(insns),
			     .name = "esc_uninit" };
	int fd = ld_prog_load(&l, log_buf, LOG_SIZE);

	if (confidentiality_enforced()) {
		EXPECT_EQ(-EACCES, fd);
		EXPECT_NE(NULL, strstr(log_buf, "invalid read from stack")) TH_LOG("%s", log_buf);
		EXPECT_NE(NULL, strstr(log_buf, "verified without pointer leaks"))
			TH_LOG("%s", log_buf);
	} else {
		EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
	}
	if (fd >= 0)
		close(fd);
}

/* *(u64 *)ctx->value = ctx: the context's address, into the map */
TEST(pointer_stored_into_iterator_buffer_is_refused_at_confidentiality)
{
	struct bpf_insn insns[] = {
		LDX_DW(BPF_REG_2, BPF_REG_1, 24), JEQ_IMM(BPF_REG_2, 0, 1),
		STX_DW(BPF_REG_2, BPF_REG_1, 0), RET0,
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_ITER,
			     .attach_btf_id = btf_func("bpf_iter_bpf_map_elem"),
			     .insns = insns, .cnt = N(insns), .name = "esc_buf_leak" };
	int fd;

	ASSERT_LT(0, (int)l.attach_btf_id);
	fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	if (confidentiality_enforced()) {
		EXPECT_EQ(-EACCES, fd);
		EXPECT_NE(NULL, strstr(log_buf, "R1 leaks addr into buffer")) TH_LOG("%s", log_buf);
	} else {
		EXPECT_LE(0, fd) TH_LOG("%s", log_buf);
	}
	if (fd >= 0)
		close(fd);
}

/* a socket filter whose BTF names its function bpf_iter_bpf_map_elem */
static const struct {
	struct btf_header hdr;
	__u32 types[4 + 3 + 3];
	char strs[32];
} fake_iter_btf = {
	.hdr = { .magic = BTF_MAGIC, .version = BTF_VERSION, .hdr_len = sizeof(struct btf_header),
		 .type_len = sizeof(fake_iter_btf.types), .str_off = sizeof(fake_iter_btf.types),
		 .str_len = sizeof(fake_iter_btf.strs) },
	.types = {
		1, BTF_KIND_INT << 24, 4, (BTF_INT_SIGNED << 24) | 32,	/* [1] int */
		0, BTF_KIND_FUNC_PROTO << 24, 1,			/* [2] int (void) */
		5, BTF_KIND_FUNC << 24 | 1, 2,				/* [3] global func */
	},
	.strs = "\0int\0bpf_iter_bpf_map_elem",
};

TEST(iterator_with_a_bpf_program_as_target_is_refused)
{
	struct bpf_insn ret0[] = { RET0 };
	struct bpf_func_info fi = { .insn_off = 0, .type_id = 3 };
	struct ld_load t = { .type = BPF_PROG_TYPE_SOCKET_FILTER, .insns = ret0, .cnt = N(ret0),
			     .name = "esc_fake_iter", .func_info = &fi, .func_info_cnt = 1 };
	struct bpf_insn write[] = {
		LDX_DW(BPF_REG_2, BPF_REG_1, 24), JEQ_IMM(BPF_REG_2, 0, 1),
		ST_DW(BPF_REG_2, 0, 0x41), RET0,
	};
	struct ld_load l = { .type = BPF_PROG_TYPE_TRACING, .attach = BPF_TRACE_ITER,
			     .attach_btf_id = 3, .insns = write, .cnt = N(write),
			     .name = "esc_iter_conf" };
	int fd;

	t.btf_fd = bpf_btf_load(&fake_iter_btf, sizeof(fake_iter_btf), NULL);
	ASSERT_LE(0, t.btf_fd);
	l.attach_prog_fd = ld_prog_load(&t, log_buf, LOG_SIZE);
	ASSERT_LE(0, l.attach_prog_fd) TH_LOG("%s", log_buf);
	fd = ld_prog_load(&l, log_buf, LOG_SIZE);
	if (ld_level() != BPF_LOCKDOWN_LEVEL_NONE && ld_mode() == BPF_LOCKDOWN_MODE_ENFORCE) {
		EXPECT_EQ(-EPERM, fd);
		EXPECT_NE(NULL, strstr(log_buf,
				       "may not load an iterator over a target not in kernel BTF"))
			TH_LOG("%s", log_buf);
	} else {
		/* refused by the verifier: not a supported iterator */
		EXPECT_EQ(-EINVAL, fd) TH_LOG("%s", log_buf);
	}
	if (fd >= 0)
		close(fd);
	close(l.attach_prog_fd);
	close(t.btf_fd);
}

TEST_HARNESS_MAIN
