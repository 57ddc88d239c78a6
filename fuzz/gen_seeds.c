// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - seed corpus generator for the annotation and digest fuzzers */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annot.h"
#include "fuzz_input.h"

#define LD_IMM64	(BPF_LD | BPF_IMM | BPF_DW)
#define CALL		(BPF_JMP | BPF_CALL)
#define NAME_MAX_LEN	BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static int write_file(const char *dir, const char *name, const void *p, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

static __u32 build(const struct bpf_lockdown_annot_spec *spec, __u8 *buf)
{
	char err[256];
	__u32 size;

	if (bpf_lockdown_annot_build(spec, buf, BPF_LOCKDOWN_ANNOT_MAX_SIZE, &size, err,
				     sizeof(err))) {
		fprintf(stderr, "gen_seeds: %s\n", err);
		exit(1);
	}
	return size;
}

static const char *const kfuncs[] = {
	"bpf_rcu_read_lock", "bpf_rcu_read_unlock", "bpf_rdonly_cast",
};

/* a version 3 annotation: kconfig externs in two maps, beside a sealed one */
static int kconfig_seed(const char *dir)
{
	static const struct bpf_lockdown_kconfig_extern kconfig[] = {
		{ "CONFIG_A", 2, 0, 4, BPF_LOCKDOWN_KCONFIG_TRISTATE, 0 },
		{ "CONFIG_NEG", 2, 4, 4, BPF_LOCKDOWN_KCONFIG_INT, BPF_LOCKDOWN_KCONFIG_SIGNED },
		{ "LINUX_KERNEL_VERSION", 2, 8, 4, BPF_LOCKDOWN_KCONFIG_INT, 0 },
		{ "CONFIG_S", 2, 12, 4, BPF_LOCKDOWN_KCONFIG_CHAR_ARR, 0 },
		{ "CONFIG_B", 3, 0, 1, BPF_LOCKDOWN_KCONFIG_BOOL, 0 },
		{ "LINUX_HAS_BPF_COOKIE", 3, 1, 1, BPF_LOCKDOWN_KCONFIG_CHAR, 0 },
	};
	static const __u32 sealed[] = { 1 };
	static __u8 buf[BPF_LOCKDOWN_ANNOT_MAX_SIZE];
	struct bpf_lockdown_annot_spec spec = {
		.sealed = sealed, .sealed_cnt = 1, .kconfig = kconfig, .kconfig_cnt = 2,
	};
	__u32 size;

	spec.level[0].may_load = true;
	bpf_lockdown_annot_set_helper(spec.level[0].helpers, BPF_FUNC_map_lookup_elem);
	size = build(&spec, buf);
	if (write_file(dir, "kconfig", buf, size))
		return -1;
	spec.kconfig_cnt = ARRAY_SIZE(kconfig);
	spec.bind_attach = true;
	spec.level[0].attach[0] = 1ULL << BPF_TRACE_FENTRY;
	size = build(&spec, buf);
	return write_file(dir, "kconfig_attach", buf, size);
}

/* three annotations: empty, typical, and every limit reached */
static int annot_seeds(const char *dir, __u8 *typical, __u32 *typical_size)
{
	static char storage[3][BPF_LOCKDOWN_ANNOT_MAX_KFUNCS][NAME_MAX_LEN + 1];
	static const char *names[3][BPF_LOCKDOWN_ANNOT_MAX_KFUNCS];
	static __u8 buf[BPF_LOCKDOWN_ANNOT_MAX_SIZE];
	static const __u32 sealed[BPF_LOCKDOWN_ANNOT_MAX_SEALED] = {
		2, 0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	};
	struct bpf_lockdown_annot_spec spec = { 0 };
	unsigned int l, i;
	__u32 size;

	size = build(&spec, buf);
	if (write_file(dir, "empty", buf, size))
		return -1;
	spec.level[0].may_load = true;
	spec.level[1].may_load = true;
	spec.level[0].caps = BPF_LOCKDOWN_CAP_ALL;
	spec.level[1].caps = BPF_LOCKDOWN_CAP_BTF_READ;
	bpf_lockdown_annot_set_helper(spec.level[0].helpers, BPF_FUNC_map_lookup_elem);
	bpf_lockdown_annot_set_helper(spec.level[0].helpers, BPF_FUNC_send_signal);
	bpf_lockdown_annot_set_helper(spec.level[1].helpers, BPF_FUNC_map_lookup_elem);
	spec.level[0].kfuncs = kfuncs;
	spec.level[0].kfunc_cnt = 3;
	spec.level[1].kfuncs = kfuncs;
	spec.level[1].kfunc_cnt = 1;
	spec.sealed = sealed;
	spec.sealed_cnt = 2;
	*typical_size = build(&spec, typical);
	if (write_file(dir, "typical", typical, *typical_size))
		return -1;
	for (l = 0; l < 3; l++) {
		spec.level[l].may_load = true;
		spec.level[l].caps = BPF_LOCKDOWN_CAP_ALL;
		for (i = 1; i < __BPF_FUNC_MAX_ID; i++)
			bpf_lockdown_annot_set_helper(spec.level[l].helpers, i);
		for (i = 0; i < BPF_LOCKDOWN_ANNOT_MAX_KFUNCS; i++) {
			char prefix[16];

			/* names of the maximal length, distinct by prefix */
			memset(storage[l][i], 'x', NAME_MAX_LEN);
			snprintf(prefix, sizeof(prefix), "k%u_%02u_", l, i);
			memcpy(storage[l][i], prefix, strlen(prefix));
			names[l][i] = storage[l][i];
		}
		spec.level[l].kfuncs = names[l];
		spec.level[l].kfunc_cnt = BPF_LOCKDOWN_ANNOT_MAX_KFUNCS;
	}
	spec.sealed_cnt = BPF_LOCKDOWN_ANNOT_MAX_SEALED;
	size = build(&spec, buf);
	return write_file(dir, "maximal", buf, size);
}

static const struct bpf_insn prog[] = {
	{ .code = LD_IMM64, .dst_reg = 1, .src_reg = BPF_PSEUDO_MAP_IDX, .imm = 0 },
	{ 0 },
	{ .code = LD_IMM64, .dst_reg = 2, .src_reg = BPF_PSEUDO_MAP_IDX_VALUE, .imm = 2 },
	{ .imm = 8 },
	{ .code = CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = 1001 },
	{ .code = LD_IMM64, .dst_reg = 3, .src_reg = BPF_PSEUDO_BTF_ID, .imm = 2002 },
	{ 0 },
	{ .code = CALL, .imm = BPF_FUNC_map_lookup_elem },
	{ .code = CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = 1003, .off = 1 },
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .imm = 0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

static int digest_seed(const char *dir, const char *name, __u32 prog_type, __u8 mode,
		       const struct bpf_insn *insns, __u16 insn_cnt, const __u8 *annot,
		       __u16 annot_size)
{
	static const char attach[] = "do_unlinkat", pname[] = "unlink_watch", lic[] = "GPL";
	static const __u32 maps[3][5] = {
		{ BPF_MAP_TYPE_HASH, 4, 16, 64, 0 },
		{ 0, 0, 0, 0, 0 },
		{ BPF_MAP_TYPE_ARRAY, 4, 32, 1, BPF_F_RDONLY_PROG },
	};
	static const __u8 btf[24] = { 0x9f, 0xeb, 1, 0, 0x18 };
	static const __u32 fi[4] = { 0, 3, 9, 4 }, li[4] = { 0, 1, 17, 5 << 10 | 2 };
	static const __u32 cr[4] = { 1, 7, 12, 0 };
	struct fuzz_digest_hdr h = {
		.prog_type = prog_type,
		.attach_type = prog_type == BPF_PROG_TYPE_TRACING ? BPF_TRACE_FENTRY : 0,
		.attach_name_len = sizeof(attach) - 1, .prog_name_len = sizeof(pname) - 1,
		.license_len = sizeof(lic) - 1, .insn_cnt = insn_cnt, .btf_size = sizeof(btf),
		.annot_size = annot_size, .map_cnt = 3, .func_info_cnt = 2,
		.func_info_rec_size = 8, .line_info_cnt = 1, .line_info_rec_size = 16,
		.core_relo_cnt = 1, .core_relo_rec_size = 16, .mode = mode,
	};
	static __u8 buf[65536];
	size_t n = 0, i;

#define PUT(p, len) do { memcpy(buf + n, p, len); n += len; } while (0)
	PUT(&h, sizeof(h));
	PUT(attach, sizeof(attach) - 1);
	PUT(pname, sizeof(pname) - 1);
	PUT(lic, sizeof(lic) - 1);
	PUT(insns, insn_cnt * sizeof(*insns));
	for (i = 0; i < 3; i++) {
		__u8 sealed = 1;

		PUT(maps[i], 20);
		PUT(&sealed, 1);
	}
	PUT(btf, sizeof(btf));
	PUT(fi, sizeof(fi));
	PUT(li, sizeof(li));
	PUT(cr, sizeof(cr));
	PUT(annot, annot_size);
#undef PUT
	return write_file(dir, name, buf, n);
}

int main(int argc, char **argv)
{
	static __u8 typical[BPF_LOCKDOWN_ANNOT_MAX_SIZE];
	struct bpf_insn raw[ARRAY_SIZE(prog)];
	const __u16 cnt = ARRAY_SIZE(prog);
	const __u8 sealed_list[] = { 2, 0 };
	const __u32 tracing = BPF_PROG_TYPE_TRACING;
	__u32 typical_size;

	if (argc != 3) {
		fprintf(stderr, "usage: gen_seeds ANNOT_DIR DIGEST_DIR\n");
		return 2;
	}
	if (annot_seeds(argv[1], typical, &typical_size) || kconfig_seed(argv[1]))
		return 1;
	memcpy(raw, prog, sizeof(prog));
	raw[0].src_reg = BPF_PSEUDO_MAP_FD;
	if (digest_seed(argv[2], "typical", tracing, 0, prog, cnt, typical, typical_size) ||
	    digest_seed(argv[2], "built_annot", tracing, FUZZ_BUILD_ANNOT, prog, cnt,
			sealed_list, sizeof(sealed_list)) ||
	    digest_seed(argv[2], "no_annot", tracing, FUZZ_NO_ANNOT, prog, cnt, NULL, 0) ||
	    digest_seed(argv[2], "no_resolver", tracing, FUZZ_NO_RESOLVER, prog, 4, typical,
			typical_size) ||
	    digest_seed(argv[2], "raw_map_fd", tracing, 0, raw, cnt, typical, typical_size) ||
	    /* an extension: the fuzzer gives it a target digest */
	    digest_seed(argv[2], "extension", BPF_PROG_TYPE_EXT, 0, prog, cnt, typical,
			typical_size))
		return 1;
	return 0;
}
