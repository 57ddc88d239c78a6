// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - unit tests of the annotation parser and builder (TAP) */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annot.h"
#include "tap.h"

#define HDR(f)	offsetof(struct bpf_lockdown_annot_hdr, f)
#define LVL(l, f) (HDR_SIZE + (l) * LEVEL_SIZE + offsetof(struct bpf_lockdown_annot_level, f))
#define HDR_SIZE	sizeof(struct bpf_lockdown_annot_hdr)
#define LEVEL_SIZE	sizeof(struct bpf_lockdown_annot_level)
#define NONE		BPF_LOCKDOWN_LEVEL_NONE
#define INTEGRITY	BPF_LOCKDOWN_LEVEL_INTEGRITY
#define CONF		BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY
#define NAME_MAX_LEN	BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX


static __printf(1, 2) void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void put32(__u8 *p, __u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static __u32 get32(const __u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (__u32)p[3] << 24;
}

/*
 * The valid annotation of these tests: level none and integrity may load,
 * confidentiality may not; two maps sealed.
 */
static const char *const none_kfuncs[] = {
	"bpf_rcu_read_lock", "bpf_rcu_read_unlock", "bpf_rdonly_cast",
};
static const char *const integrity_kfuncs[] = { "bpf_rcu_read_lock", "bpf_rdonly_cast" };
static const __u32 sealed_maps[] = { 2, 0 };

static void valid_spec(struct bpf_lockdown_annot_spec *s)
{
	memset(s, 0, sizeof(*s));
	s->level[NONE].may_load = true;
	s->level[NONE].caps = BPF_LOCKDOWN_CAP_ALL;
	bpf_lockdown_annot_set_helper(s->level[NONE].helpers, BPF_FUNC_map_lookup_elem);
	bpf_lockdown_annot_set_helper(s->level[NONE].helpers, BPF_FUNC_trace_printk);
	bpf_lockdown_annot_set_helper(s->level[NONE].helpers, BPF_FUNC_send_signal);
	bpf_lockdown_annot_set_helper(s->level[NONE].helpers, BPF_FUNC_probe_read_kernel);
	bpf_lockdown_annot_set_helper(s->level[NONE].helpers, BPF_FUNC_cgrp_storage_delete);
	s->level[NONE].kfuncs = none_kfuncs;
	s->level[NONE].kfunc_cnt = 3;
	s->level[INTEGRITY].may_load = true;
	s->level[INTEGRITY].caps = BPF_LOCKDOWN_CAP_BTF_READ | BPF_LOCKDOWN_CAP_KSYM;
	bpf_lockdown_annot_set_helper(s->level[INTEGRITY].helpers, BPF_FUNC_map_lookup_elem);
	bpf_lockdown_annot_set_helper(s->level[INTEGRITY].helpers, BPF_FUNC_trace_printk);
	bpf_lockdown_annot_set_helper(s->level[INTEGRITY].helpers, BPF_FUNC_probe_read_kernel);
	s->level[INTEGRITY].kfuncs = integrity_kfuncs;
	s->level[INTEGRITY].kfunc_cnt = 2;
	s->sealed = sealed_maps;
	s->sealed_cnt = 2;
}

/*
 * The valid annotation byte for byte: pins the builder's layout. A change
 * here is a change of the format and needs a new BPF_LOCKDOWN_ANNOT_VERSION.
 */
static const char valid_hex[] =
	"424c44410100000040000000a801000000000000400000000300000048010000"
	"0200000050010000580000000000000000000000000000000000000000000000"
	"0100000007000000420000000000000000000000002002000000000000000000"
	"0000080000000000000000000000000000000000000000000000000000000000"
	"0000000000000000000000000300000000000000000000000100000003000000"
	"4200000000000000000000000000020000000000000000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"3600000002000000000000000000000000000000000000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"000000000000000002000000000000006270665f7263755f726561645f6c6f63"
	"6b006270665f7263755f726561645f756e6c6f636b006270665f72646f6e6c79"
	"5f63617374006270665f7263755f726561645f6c6f636b006270665f72646f6e"
	"6c795f6361737400";

#define VALID_SIZE 424
#define STRTAB_OFF 336

static __u8 valid[VALID_SIZE];

static void build_valid(void)
{
	struct bpf_lockdown_annot_spec spec;
	char err[256];
	__u32 size;
	int ret;

	valid_spec(&spec);
	ret = bpf_lockdown_annot_build(&spec, valid, sizeof(valid), &size, err, sizeof(err));
	if (ret || size != VALID_SIZE) {
		printf("Bail out! cannot build the valid annotation: %d %u %s\n", ret, size, err);
		exit(1);
	}
}

static void hex(const __u8 *b, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

/* Parse a copy of @b (so that tests can mutate) and compare errno and text. */
static void expect(const char *name, const __u8 *b, __u32 size, int want, const char *want_err)
{
	struct bpf_lockdown_annot a;
	char err[256];
	int ret;

	memset(err, 'X', sizeof(err));
	ret = bpf_lockdown_annot_parse(b, size, &a, err, sizeof(err));
	result(ret == want && !strcmp(err, want_err), "%s", name);
	if (ret != want || strcmp(err, want_err)) {
		diag("got %d \"%s\"", ret, err);
		diag("want %d \"%s\"", want, want_err);
	}
}

/* Set a __u32 field of a copy of the valid annotation and expect a failure. */
static void expect32(const char *name, size_t off, __u32 v, int want, const char *want_err)
{
	__u8 b[VALID_SIZE];

	memcpy(b, valid, sizeof(b));
	put32(b + off, v);
	expect(name, b, sizeof(b), want, want_err);
}

static void expect_build(const char *name, const struct bpf_lockdown_annot_spec *spec,
			 int want, const char *want_err)
{
	static __u8 buf[BPF_LOCKDOWN_ANNOT_MAX_SIZE];
	char err[256] = "";
	__u32 size = 0;
	int ret;

	ret = bpf_lockdown_annot_build(spec, buf, sizeof(buf), &size, err, sizeof(err));
	result(ret == want && !strcmp(err, want_err), "%s", name);
	if (ret != want || strcmp(err, want_err)) {
		diag("got %d \"%s\"", ret, err);
		diag("want %d \"%s\"", want, want_err);
	}
}

static void test_valid(void)
{
	char h[2 * VALID_SIZE + 1];
	struct bpf_lockdown_annot_spec spec;
	struct bpf_lockdown_annot a;
	__u8 again[VALID_SIZE], unaligned[VALID_SIZE + 1];
	char err[256];
	__u32 size;
	int ret;

	hex(valid, sizeof(valid), h);
	result(!strcmp(h, valid_hex), "builder_output_matches_pinned_bytes");
	result(get32(valid + HDR(strtab_off)) == STRTAB_OFF &&
	       get32(valid + HDR(strtab_size)) == 88 && get32(valid + HDR(sealed_off)) == 328,
	       "builder_layout_header_levels_sealed_strtab_without_gaps");
	result(!memcmp(valid + STRTAB_OFF,
		       "bpf_rcu_read_lock\0bpf_rcu_read_unlock\0bpf_rdonly_cast\0"
		       "bpf_rcu_read_lock\0bpf_rdonly_cast\0", 88),
	       "builder_writes_names_level_by_level");
	valid_spec(&spec);
	ret = bpf_lockdown_annot_build(&spec, again, sizeof(again), &size, err, sizeof(err));
	result(!ret && !memcmp(again, valid, sizeof(valid)), "builder_is_deterministic");
	ret = bpf_lockdown_annot_build(&spec, NULL, 0, &size, err, sizeof(err));
	result(!ret && size == VALID_SIZE, "builder_size_query_with_null_buffer");
	ret = bpf_lockdown_annot_build(&spec, again, VALID_SIZE - 1, &size, err, sizeof(err));
	result(ret == -ENOSPC && size == VALID_SIZE &&
	       !strcmp(err, "annotation: needs 424 bytes, the buffer has 423"),
	       "builder_small_buffer_is_enospc_with_size");

	memset(err, 'X', sizeof(err));
	ret = bpf_lockdown_annot_parse(valid, sizeof(valid), &a, err, sizeof(err));
	result(!ret && !err[0], "parse_valid_annotation_clears_err");
	if (ret)
		diag("%d %s", ret, err);

	result(bpf_lockdown_annot_may_load(&a, NONE) &&
	       bpf_lockdown_annot_may_load(&a, INTEGRITY) &&
	       !bpf_lockdown_annot_may_load(&a, CONF) && !bpf_lockdown_annot_may_load(&a, 3) &&
	       !bpf_lockdown_annot_may_load(&a, -1U), "may_load_per_level_and_unknown_level");
	result(bpf_lockdown_annot_has_helper(&a, NONE, BPF_FUNC_send_signal) &&
	       !bpf_lockdown_annot_has_helper(&a, INTEGRITY, BPF_FUNC_send_signal) &&
	       bpf_lockdown_annot_has_helper(&a, INTEGRITY, BPF_FUNC_map_lookup_elem) &&
	       bpf_lockdown_annot_has_helper(&a, INTEGRITY, BPF_FUNC_probe_read_kernel) &&
	       bpf_lockdown_annot_has_helper(&a, NONE, BPF_FUNC_cgrp_storage_delete) &&
	       !bpf_lockdown_annot_has_helper(&a, INTEGRITY, BPF_FUNC_cgrp_storage_delete) &&
	       !bpf_lockdown_annot_has_helper(&a, CONF, BPF_FUNC_map_lookup_elem) &&
	       !bpf_lockdown_annot_has_helper(&a, NONE, BPF_FUNC_unspec) &&
	       !bpf_lockdown_annot_has_helper(&a, NONE, BPF_FUNC_map_update_elem),
	       "has_helper_granted_and_not_granted");
	result(!bpf_lockdown_annot_has_helper(&a, NONE, -1) &&
	       !bpf_lockdown_annot_has_helper(&a, NONE, 512) &&
	       !bpf_lockdown_annot_has_helper(&a, NONE, 1 << 30) &&
	       !bpf_lockdown_annot_has_helper(&a, 3, BPF_FUNC_map_lookup_elem),
	       "has_helper_out_of_range_is_false");
	result(bpf_lockdown_annot_has_kfunc(&a, NONE, "bpf_rcu_read_lock") &&
	       bpf_lockdown_annot_has_kfunc(&a, NONE, "bpf_rcu_read_unlock") &&
	       bpf_lockdown_annot_has_kfunc(&a, NONE, "bpf_rdonly_cast") &&
	       bpf_lockdown_annot_has_kfunc(&a, INTEGRITY, "bpf_rcu_read_lock") &&
	       bpf_lockdown_annot_has_kfunc(&a, INTEGRITY, "bpf_rdonly_cast") &&
	       !bpf_lockdown_annot_has_kfunc(&a, INTEGRITY, "bpf_rcu_read_unlock") &&
	       !bpf_lockdown_annot_has_kfunc(&a, CONF, "bpf_rcu_read_lock") &&
	       !bpf_lockdown_annot_has_kfunc(&a, 3, "bpf_rcu_read_lock"),
	       "has_kfunc_per_level");
	result(!bpf_lockdown_annot_has_kfunc(&a, NONE, "bpf_rcu_read") &&
	       !bpf_lockdown_annot_has_kfunc(&a, NONE, "bpf_rcu_read_lock_") &&
	       !bpf_lockdown_annot_has_kfunc(&a, NONE, "") &&
	       !bpf_lockdown_annot_has_kfunc(&a, NONE, "BPF_RCU_READ_LOCK"),
	       "has_kfunc_needs_exact_name");
	result(!strcmp(bpf_lockdown_annot_kfunc(&a, NONE, 2), "bpf_rdonly_cast") &&
	       !strcmp(bpf_lockdown_annot_kfunc(&a, INTEGRITY, 0), "bpf_rcu_read_lock") &&
	       !bpf_lockdown_annot_kfunc(&a, INTEGRITY, 2) &&
	       !bpf_lockdown_annot_kfunc(&a, CONF, 0) && !bpf_lockdown_annot_kfunc(&a, 3, 0),
	       "kfunc_accessor_by_index");
	result(bpf_lockdown_annot_has_cap(&a, NONE, BPF_LOCKDOWN_CAP_KERNEL_STACK) &&
	       bpf_lockdown_annot_has_cap(&a, NONE, BPF_LOCKDOWN_CAP_ALL) &&
	       bpf_lockdown_annot_has_cap(&a, INTEGRITY, BPF_LOCKDOWN_CAP_BTF_READ) &&
	       bpf_lockdown_annot_has_cap(&a, INTEGRITY, BPF_LOCKDOWN_CAP_KSYM) &&
	       !bpf_lockdown_annot_has_cap(&a, INTEGRITY, BPF_LOCKDOWN_CAP_KERNEL_STACK) &&
	       !bpf_lockdown_annot_has_cap(&a, INTEGRITY, BPF_LOCKDOWN_CAP_ALL) &&
	       !bpf_lockdown_annot_has_cap(&a, CONF, BPF_LOCKDOWN_CAP_BTF_READ),
	       "has_cap_per_level_all_bits_required");
	result(!bpf_lockdown_annot_has_cap(&a, NONE, 0) &&
	       !bpf_lockdown_annot_has_cap(&a, NONE, 1U << 3) &&
	       !bpf_lockdown_annot_has_cap(&a, 3, BPF_LOCKDOWN_CAP_BTF_READ),
	       "has_cap_zero_unknown_bit_or_level_is_false");
	result(bpf_lockdown_annot_is_sealed(&a, 0) && bpf_lockdown_annot_is_sealed(&a, 2) &&
	       !bpf_lockdown_annot_is_sealed(&a, 1) && !bpf_lockdown_annot_is_sealed(&a, 3) &&
	       !bpf_lockdown_annot_is_sealed(&a, -1U) && a.sealed_cnt == 2 &&
	       bpf_lockdown_annot_sealed(&a, 0) == 2 && bpf_lockdown_annot_sealed(&a, 1) == 0 &&
	       bpf_lockdown_annot_sealed(&a, 2) == -1U,
	       "is_sealed_and_sealed_accessor");
	result(a.blob == valid && a.size == VALID_SIZE &&
	       a.strtab == (const char *)valid + STRTAB_OFF,
	       "parsed_annotation_points_into_the_blob");

	memcpy(unaligned + 1, valid, sizeof(valid));
	ret = bpf_lockdown_annot_parse(unaligned + 1, sizeof(valid), &a, err, sizeof(err));
	result(!ret && bpf_lockdown_annot_has_kfunc(&a, INTEGRITY, "bpf_rdonly_cast") &&
	       bpf_lockdown_annot_is_sealed(&a, 2) &&
	       bpf_lockdown_annot_has_helper(&a, NONE, BPF_FUNC_cgrp_storage_delete),
	       "parse_unaligned_blob");
	ret = bpf_lockdown_annot_parse(valid, sizeof(valid), &a, NULL, 0);
	result(!ret, "parse_without_err_buffer");
	ret = bpf_lockdown_annot_parse(valid, sizeof(valid) - 1, &a, err, 12);
	result(ret == -EBADMSG && !strcmp(err, "annotation:"), "err_is_truncated_and_terminated");
}

static void test_minimal_and_maximal(void)
{
	static const char *names[3][BPF_LOCKDOWN_ANNOT_MAX_KFUNCS];
	static char storage[3][BPF_LOCKDOWN_ANNOT_MAX_KFUNCS][NAME_MAX_LEN + 1];
	static __u8 buf[BPF_LOCKDOWN_ANNOT_MAX_SIZE];
	__u32 sealed[BPF_LOCKDOWN_ANNOT_MAX_SEALED + 1];
	struct bpf_lockdown_annot_spec spec;
	struct bpf_lockdown_annot a;
	unsigned int l, i, id;
	char err[256];
	__u32 size;
	int ret;

	memset(&spec, 0, sizeof(spec));
	ret = bpf_lockdown_annot_build(&spec, buf, sizeof(buf), &size, err, sizeof(err));
	result(!ret && size == 328 && !bpf_lockdown_annot_parse(buf, size, &a, err, sizeof(err)) &&
	       !bpf_lockdown_annot_may_load(&a, NONE) && !get32(buf + HDR(sealed_off)) &&
	       !get32(buf + HDR(strtab_off)), "empty_annotation_is_328_bytes_and_loads_nowhere");

	for (l = 0; l < 3; l++) {
		spec.level[l].may_load = true;
		spec.level[l].caps = BPF_LOCKDOWN_CAP_ALL;
		for (id = 1; id < __BPF_FUNC_MAX_ID; id++)
			bpf_lockdown_annot_set_helper(spec.level[l].helpers, id);
		for (i = 0; i < BPF_LOCKDOWN_ANNOT_MAX_KFUNCS; i++) {
			memset(storage[l][i], 'k', BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX);
			sprintf(storage[l][i], "%02u", i);
			storage[l][i][2] = 'k';
			names[l][i] = storage[l][i];
		}
		spec.level[l].kfuncs = names[l];
		spec.level[l].kfunc_cnt = BPF_LOCKDOWN_ANNOT_MAX_KFUNCS;
	}
	for (i = 0; i < BPF_LOCKDOWN_ANNOT_MAX_SEALED + 1; i++)
		sealed[i] = 100 - i;
	spec.sealed = sealed;
	spec.sealed_cnt = BPF_LOCKDOWN_ANNOT_MAX_SEALED;
	ret = bpf_lockdown_annot_build(&spec, buf, sizeof(buf), &size, err, sizeof(err));
	result(!ret && size == 12872 &&
	       !bpf_lockdown_annot_parse(buf, size, &a, err, sizeof(err)) &&
	       bpf_lockdown_annot_has_kfunc(&a, CONF, storage[2][63]) &&
	       bpf_lockdown_annot_has_helper(&a, CONF, __BPF_FUNC_MAX_ID - 1) &&
	       bpf_lockdown_annot_is_sealed(&a, 85),
	       "largest_annotation_within_all_limits_is_12872_bytes");
	if (ret)
		diag("%d %s", ret, err);

	spec.sealed_cnt++;
	expect_build("build_17_sealed_maps_is_e2big", &spec, -E2BIG,
		     "annotation: 17 sealed maps exceed the maximum of 16");
	spec.sealed_cnt--;
	spec.level[INTEGRITY].kfunc_cnt++;
	expect_build("build_65_kfuncs_is_e2big", &spec, -E2BIG,
		     "annotation: level integrity: 65 kfuncs exceed the maximum of 64");
	spec.level[INTEGRITY].kfunc_cnt--;
	storage[CONF][5][BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX] = 'k';
	expect_build("build_65_byte_name_is_e2big", &spec, -E2BIG,
		     "annotation: level confidentiality: kfunc name 5 is longer than 64 bytes");
	storage[CONF][5][BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX] = '\0';
	names[NONE][7] = NULL;
	expect_build("build_null_name_is_einval", &spec, -EINVAL,
		     "annotation: level none: kfunc name 7 is NULL");
}

static void test_header(void)
{
	static __u8 big[BPF_LOCKDOWN_ANNOT_MAX_SIZE + 1];
	__u8 b[VALID_SIZE + 8];

	expect("size_zero_is_einval", valid, 0, -EINVAL, "annotation: empty");
	expect("null_blob_is_einval", NULL, VALID_SIZE, -EINVAL, "annotation: empty");
	{
		char err[64];

		result(bpf_lockdown_annot_parse(valid, VALID_SIZE, NULL, err, sizeof(err)) ==
		       -EINVAL && !strcmp(err, "annotation: no output structure"),
		       "null_output_is_einval");
	}
	expect("over_max_size_is_e2big", big, sizeof(big), -E2BIG,
	       "annotation: size 32769 exceeds the maximum of 32768 bytes");
	expect("truncated_header_is_ebadmsg", valid, HDR_SIZE - 1, -EBADMSG,
	       "annotation: truncated header (63 of 64 bytes)");
	expect32("bad_magic", HDR(magic), 0x41444c43, -EBADMSG,
		 "annotation: bad magic 0x41444c43 (expected 0x41444c42)");
	expect32("bad_version", HDR(version), 4, -EBADMSG,
		 "annotation: unsupported version 4 (expected 1 to 3)");
	expect32("version_0_is_refused", HDR(version), 0, -EBADMSG,
		 "annotation: unsupported version 0 (expected 1 to 3)");
	expect32("bad_header_size", HDR(hdr_size), 72, -EBADMSG,
		 "annotation: header size 72 (expected 64)");
	expect("total_size_larger_than_passed", valid, VALID_SIZE - 1, -EBADMSG,
	       "annotation: total size 424 does not match the 423 bytes passed");
	expect32("total_size_smaller_than_passed", HDR(total_size), 400, -EBADMSG,
		 "annotation: total size 400 does not match the 424 bytes passed");
	expect32("header_flags_must_be_zero", HDR(flags), 1, -EBADMSG,
		 "annotation: unknown header flags 0x1");
	expect32("version_1_has_no_kconfig_offset", HDR(kconfig_off), 1, -EBADMSG,
		 "annotation: version 1 has no kconfig section");
	expect32("version_1_has_no_kconfig_externs", HDR(kconfig_cnt), 128, -EBADMSG,
		 "annotation: version 1 has no kconfig section");
	expect32("version_1_has_no_attach_section", HDR(attach_off), 328, -EBADMSG,
		 "annotation: version 1 has no attach section or attach points");
	expect32("version_1_has_no_point_offset", HDR(point_off), 1, -EBADMSG,
		 "annotation: version 1 has no attach section or attach points");
	expect32("version_1_has_no_points", HDR(point_cnt), 1, -EBADMSG,
		 "annotation: version 1 has no attach section or attach points");
	expect32("version_2_needs_an_attach_section", HDR(version), 2, -EBADMSG,
		 "annotation: version 2 without an attach section");
	expect32("level_count_must_be_3", HDR(level_cnt), 2, -EBADMSG,
		 "annotation: 2 levels (expected 3)");
	expect32("sealed_count_over_limit_is_e2big", HDR(sealed_cnt), 17, -E2BIG,
		 "annotation: 17 sealed maps exceed the maximum of 16");
	expect32("level_offset_misaligned", HDR(level_off), 68, -EBADMSG,
		 "annotation: level section offset 68 is not a multiple of 8");
	expect32("level_offset_inside_header", HDR(level_off), 0, -EBADMSG,
		 "annotation: level section (offset 0, 264 bytes) is outside the annotation (424 bytes)");
	expect32("level_offset_past_end", HDR(level_off), 200, -EBADMSG,
		 "annotation: level section (offset 200, 264 bytes) is outside the annotation (424 bytes)");
	expect32("level_offset_huge_does_not_wrap", HDR(level_off), 0xfffffff8, -EBADMSG,
		 "annotation: level section (offset 4294967288, 264 bytes) is outside the annotation (424 bytes)");
	expect32("sealed_offset_misaligned", HDR(sealed_off), 330, -EBADMSG,
		 "annotation: sealed section offset 330 is not a multiple of 4");
	expect32("sealed_offset_past_end", HDR(sealed_off), 420, -EBADMSG,
		 "annotation: sealed section (offset 420, 8 bytes) is outside the annotation (424 bytes)");
	expect32("empty_sealed_section_must_have_offset_0", HDR(sealed_cnt), 0, -EBADMSG,
		 "annotation: empty sealed section has offset 328, expected 0");
	expect32("string_table_offset_past_end", HDR(strtab_off), 340, -EBADMSG,
		 "annotation: string table section (offset 340, 88 bytes) is outside the annotation (424 bytes)");
	expect32("string_table_size_past_end", HDR(strtab_size), 0xffffffff, -EBADMSG,
		 "annotation: string table section (offset 336, 4294967295 bytes) is outside the annotation (424 bytes)");
	expect32("sealed_section_overlapping_levels", HDR(sealed_off), 320, -EBADMSG,
		 "annotation: sealed section overlaps the section before it");
	expect32("string_table_overlapping_sealed", HDR(strtab_off), 332, -EBADMSG,
		 "annotation: string table section overlaps the section before it");

	/* trailing bytes are allowed only if zero */
	memcpy(b, valid, VALID_SIZE);
	memset(b + VALID_SIZE, 0, 8);
	put32(b + HDR(total_size), sizeof(b));
	expect("trailing_zero_padding_is_accepted", b, sizeof(b), 0, "");
	b[VALID_SIZE + 5] = 1;
	expect("trailing_nonzero_padding_is_refused", b, sizeof(b), -EBADMSG,
	       "annotation: padding byte at offset 429 is not zero");
	/* a gap between sections */
	memcpy(b, valid, VALID_SIZE);
	memmove(b + STRTAB_OFF + 8, b + STRTAB_OFF, 88);
	memset(b + STRTAB_OFF, 0, 8);
	put32(b + HDR(total_size), sizeof(b));
	put32(b + HDR(strtab_off), STRTAB_OFF + 8);
	expect("gap_of_zeros_between_sections_is_accepted", b, sizeof(b), 0, "");
	b[STRTAB_OFF + 3] = 0xff;
	expect("gap_with_nonzero_byte_is_refused", b, sizeof(b), -EBADMSG,
	       "annotation: padding byte at offset 339 is not zero");
}

static void test_levels(void)
{
	static const char *const lname[] = { "none", "integrity", "confidentiality" };
	char name[96], msg[160];
	unsigned int l, i;

	for (l = 0; l < 3; l++) {
		snprintf(name, sizeof(name), "level_%s_unknown_flag", lname[l]);
		snprintf(msg, sizeof(msg), "annotation: level %s: unknown flags 0x%x", lname[l],
			 l == CONF ? 2 : 3);
		expect32(name, LVL(l, flags), l == CONF ? 2 : 3, -EBADMSG, msg);
		snprintf(name, sizeof(name), "level_%s_unknown_capability", lname[l]);
		snprintf(msg, sizeof(msg), "annotation: level %s: unknown capabilities 0x8",
			 lname[l]);
		expect32(name, LVL(l, caps), 8, -EBADMSG, msg);
		for (i = 0; i < 2; i++) {
			snprintf(name, sizeof(name), "level_%s_reserved_%u_must_be_zero",
				 lname[l], i);
			snprintf(msg, sizeof(msg),
				 "annotation: level %s: reserved field %u is not zero",
				 lname[l], i);
			expect32(name, LVL(l, reserved) + 4 * i, 0x80000000, -EBADMSG, msg);
		}
	}
	expect32("helper_0_unspec_is_refused", LVL(NONE, helpers), 3, -EBADMSG,
		 "annotation: level none: helper 0 (unspec) is granted");
	expect32("helper_212_unknown_to_kernel_is_refused", LVL(INTEGRITY, helpers) + 3 * 8 + 2,
		 1 << 4, -EBADMSG,
		 "annotation: level integrity: helper 212 is unknown to this kernel");
	expect32("helper_511_unknown_to_kernel_is_refused", LVL(NONE, helpers) + 7 * 8 + 4,
		 0x80000000, -EBADMSG,
		 "annotation: level none: helper 511 is unknown to this kernel");
	expect32("no_may_load_but_capability", LVL(CONF, caps), BPF_LOCKDOWN_CAP_KSYM, -EBADMSG,
		 "annotation: level confidentiality: grants capabilities but may not load");
	expect32("no_may_load_but_helper", LVL(CONF, helpers) + 8, 1, -EBADMSG,
		 "annotation: level confidentiality: grants helpers but may not load");
	expect32("no_may_load_but_kfunc", LVL(CONF, kfunc_cnt), 1, -EBADMSG,
		 "annotation: level confidentiality: grants kfuncs but may not load");
	expect32("kfunc_count_over_limit_is_e2big", LVL(INTEGRITY, kfunc_cnt), 65, -E2BIG,
		 "annotation: level integrity: 65 kfuncs exceed the maximum of 64");
	expect32("kfunc_offset_without_kfuncs", LVL(CONF, kfunc_off), 5, -EBADMSG,
		 "annotation: level confidentiality: kfunc offset 5 without kfuncs");
	expect32("kfunc_offset_outside_string_table", LVL(INTEGRITY, kfunc_off), 88, -EBADMSG,
		 "annotation: level integrity: kfunc offset 88 is outside the string table (88 bytes)");
	expect32("kfunc_list_running_off_the_string_table", LVL(INTEGRITY, kfunc_cnt), 3,
		 -EBADMSG, "annotation: level integrity: kfunc name 2 is not NUL-terminated");
	expect32("kfunc_name_empty", LVL(NONE, kfunc_off), 17, -EBADMSG,
		 "annotation: level none: kfunc name 0 is empty");
}

static void test_names(void)
{
	static const char *const dup[] = { "bpf_a", "bpf_b", "bpf_a" };
	static const char *const long_names[] = {
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "b",
	};
	struct bpf_lockdown_annot_spec spec;
	__u8 b[VALID_SIZE], lb[512];
	__u32 size;
	char err[256];
	int ret;

	memcpy(b, valid, sizeof(b));
	b[VALID_SIZE - 1] = 'x';
	expect("kfunc_name_not_nul_terminated", b, sizeof(b), -EBADMSG,
	       "annotation: level integrity: kfunc name 1 is not NUL-terminated");
	memcpy(b, valid, sizeof(b));
	b[STRTAB_OFF + 18 + 3] = '-';
	expect("kfunc_name_bad_character", b, sizeof(b), -EBADMSG,
	       "annotation: level none: kfunc name 1 has invalid character 0x2d");
	b[STRTAB_OFF + 18 + 3] = 0xc3;
	expect("kfunc_name_non_ascii_character", b, sizeof(b), -EBADMSG,
	       "annotation: level none: kfunc name 1 has invalid character 0xc3");
	/* the integrity list is at string table offset 54, 34 bytes */
	memcpy(b, valid, sizeof(b));
	memcpy(b + STRTAB_OFF + 54, "bpf_rdonly_cast\0bpf_rdonly_cast\0\0", 34);
	expect("kfunc_name_duplicate_in_blob", b, sizeof(b), -EBADMSG,
	       "annotation: level integrity: kfunc name 1 duplicates kfunc name 0");
	memcpy(b + STRTAB_OFF + 54, "bpf_rdonly_cas\0bpf_rdonly_cast\0\0\0\0", 34);
	expect("kfunc_name_prefix_is_not_a_duplicate", b, sizeof(b), 0, "");

	valid_spec(&spec);
	spec.level[INTEGRITY].kfuncs = dup;
	spec.level[INTEGRITY].kfunc_cnt = 3;
	expect_build("kfunc_name_duplicate", &spec, -EBADMSG,
		     "annotation: level integrity: kfunc name 2 duplicates kfunc name 0");

	/* the longest name is accepted; one byte more is refused by the parser */
	valid_spec(&spec);
	spec.level[NONE].kfuncs = long_names;
	spec.level[NONE].kfunc_cnt = 2;
	ret = bpf_lockdown_annot_build(&spec, lb, sizeof(lb), &size, err, sizeof(err));
	result(!ret, "kfunc_name_of_64_bytes_is_accepted");
	lb[STRTAB_OFF + 64] = 'a';
	expect("kfunc_name_of_66_bytes_is_e2big", lb, size, -E2BIG,
	       "annotation: level none: kfunc name 0 is longer than 64 bytes");

	valid_spec(&spec);
	spec.sealed = (const __u32[]){ 4, 3, 4 };
	spec.sealed_cnt = 3;
	expect_build("sealed_map_duplicate", &spec, -EBADMSG,
		     "annotation: sealed map 2 (fd_array index 4) duplicates sealed map 0");
	memcpy(b, valid, sizeof(b));
	put32(b + 332, 2);
	expect("sealed_map_duplicate_in_blob", b, sizeof(b), -EBADMSG,
	       "annotation: sealed map 1 (fd_array index 2) duplicates sealed map 0");

	valid_spec(&spec);
	spec.level[CONF].caps = BPF_LOCKDOWN_CAP_BTF_READ;
	expect_build("build_refuses_grant_without_may_load", &spec, -EBADMSG,
		     "annotation: level confidentiality: grants capabilities but may not load");
	valid_spec(&spec);
	bpf_lockdown_annot_set_helper(spec.level[INTEGRITY].helpers, __BPF_FUNC_MAX_ID);
	expect_build("build_refuses_unknown_helper", &spec, -EBADMSG,
		     "annotation: level integrity: helper 212 is unknown to this kernel");
}

/* Version 2: attach kinds per level and attach points */
static void test_attach(void)
{
	static char long_points[BPF_LOCKDOWN_ANNOT_MAX_POINTS + 1][BPF_LOCKDOWN_ANNOT_POINT_MAX + 2];
	static const char *pts[BPF_LOCKDOWN_ANNOT_MAX_POINTS + 1];
	static const char *const points[] = {
		"kprobe:do_nanosleep", "kretprobe:vfs_*", "uprobe:/usr/bin/bash",
		"tracepoint:syscalls:sys_enter_openat", "raw_tracepoint:sched_switch",
		"xdp:drv",
	};
	static __u8 buf[BPF_LOCKDOWN_ANNOT_MAX_SIZE];
	struct bpf_lockdown_annot_spec spec;
	struct bpf_lockdown_annot a;
	const char *bad[1];
	char err[256], name[64];
	__u32 size, i, l;
	int ret;

	valid_spec(&spec);
	spec.bind_attach = true;
	bpf_lockdown_annot_set_attach(spec.level[INTEGRITY].attach, BPF_CGROUP_INET_INGRESS);
	bpf_lockdown_annot_set_attach(spec.level[INTEGRITY].attach, BPF_LOCKDOWN_ATTACH_KPROBE);
	spec.points = points;
	spec.point_cnt = 6;
	ret = bpf_lockdown_annot_build(&spec, buf, sizeof(buf), &size, err, sizeof(err));
	result(!ret && !bpf_lockdown_annot_parse(buf, size, &a, err, sizeof(err)) &&
	       a.version == 2 && get32(buf + HDR(version)) == 2 &&
	       get32(buf + HDR(attach_off)) == HDR_SIZE + 3 * LEVEL_SIZE &&
	       a.point_cnt == 6 && !strcmp(bpf_lockdown_annot_point(&a, 5), "xdp:drv") &&
	       !bpf_lockdown_annot_point(&a, 6), "version_2_builds_and_parses");
	if (ret)
		diag("%d %s", ret, err);
	result(bpf_lockdown_annot_may_attach(&a, INTEGRITY, BPF_CGROUP_INET_INGRESS) &&
	       bpf_lockdown_annot_may_attach(&a, INTEGRITY, BPF_LOCKDOWN_ATTACH_KPROBE) &&
	       !bpf_lockdown_annot_may_attach(&a, INTEGRITY, BPF_CGROUP_INET_EGRESS) &&
	       !bpf_lockdown_annot_may_attach(&a, INTEGRITY, BPF_LOCKDOWN_ATTACH_SOCKET),
	       "attach_kinds_allow_what_they_name");
	result(bpf_lockdown_annot_may_attach(&a, NONE, BPF_CGROUP_INET_EGRESS) &&
	       !bpf_lockdown_annot_may_attach(&a, CONF, BPF_CGROUP_INET_INGRESS),
	       "empty_bitmap_allows_what_the_load_fixed_where_it_may_load");
	result(!bpf_lockdown_annot_may_attach(&a, 3, 0), "unknown_level_allows_nothing");

	/* a version 1 build of the same spec is refused */
	spec.bind_attach = false;
	expect_build("attach_kinds_need_version_2", &spec, -EINVAL,
		     "annotation: attach kinds need version 2 (bind_attach)");
	memset(spec.level[INTEGRITY].attach, 0, sizeof(spec.level[INTEGRITY].attach));
	expect_build("attach_points_need_version_2", &spec, -EINVAL,
		     "annotation: attach points need version 2 (bind_attach)");
	spec.bind_attach = true;

	bpf_lockdown_annot_set_attach(spec.level[INTEGRITY].attach, __MAX_BPF_ATTACH_TYPE);
	snprintf(err, sizeof(err), "annotation: level integrity: attach kind %u is unknown to this kernel",
		 __MAX_BPF_ATTACH_TYPE);
	expect_build("unknown_attach_type_is_refused", &spec, -EBADMSG, err);
	memset(spec.level[INTEGRITY].attach, 0, sizeof(spec.level[INTEGRITY].attach));
	bpf_lockdown_annot_set_attach(spec.level[INTEGRITY].attach, BPF_LOCKDOWN_ATTACH_KIND_NR);
	snprintf(err, sizeof(err), "annotation: level integrity: attach kind %u is unknown to this kernel",
		 BPF_LOCKDOWN_ATTACH_KIND_NR);
	expect_build("unknown_attach_kind_is_refused", &spec, -EBADMSG, err);
	memset(spec.level[INTEGRITY].attach, 0, sizeof(spec.level[INTEGRITY].attach));
	spec.level[NONE].may_load = false;
	spec.level[NONE].caps = 0;
	memset(spec.level[NONE].helpers, 0, sizeof(spec.level[NONE].helpers));
	spec.level[NONE].kfunc_cnt = 0;
	bpf_lockdown_annot_set_attach(spec.level[NONE].attach, BPF_XDP);
	expect_build("attach_kinds_without_may_load_are_refused", &spec, -EBADMSG,
		     "annotation: level none: allows attach kinds but may not load");
	memset(spec.level[NONE].attach, 0, sizeof(spec.level[NONE].attach));

	static const char *const bad_points[] = {
		"kprobe:", "kprobe:do nanosleep", "kprobe", "probe:x", "uprobe:bin/bash",
		"uprobe:/bin/ba sh", "tracepoint:syscalls", "tracepoint::x", "xdp:generic",
		"raw_tracepoint:a.b", "kprobe:a*b",
	};
	for (i = 0; i < sizeof(bad_points) / sizeof(bad_points[0]); i++) {
		bad[0] = bad_points[i];
		spec.points = bad;
		spec.point_cnt = 1;
		snprintf(name, sizeof(name), "bad_attach_point_%u_is_refused", i);
		expect_build(name, &spec, -EBADMSG,
			     "annotation: attach point 0 is not KIND:WHERE of a known kind");
	}
	static const char *const dup[] = { "xdp:skb", "kprobe:f", "xdp:skb" };
	spec.points = dup;
	spec.point_cnt = 3;
	expect_build("duplicate_attach_point_is_refused", &spec, -EBADMSG,
		     "annotation: attach point 2 duplicates attach point 0");

	/* the largest annotation: every limit of version 2 at once */
	for (i = 0; i <= BPF_LOCKDOWN_ANNOT_MAX_POINTS; i++) {
		memset(long_points[i], 'f', BPF_LOCKDOWN_ANNOT_POINT_MAX);
		memcpy(long_points[i], "kprobe:", 7);
		sprintf(long_points[i] + 7, "%02u", i);
		long_points[i][9] = 'f';
		pts[i] = long_points[i];
	}
	spec.points = pts;
	spec.point_cnt = BPF_LOCKDOWN_ANNOT_MAX_POINTS;
	for (l = 0; l < 3; l++)
		for (i = 0; i < __MAX_BPF_ATTACH_TYPE; i++)
			if (spec.level[l].may_load)
				bpf_lockdown_annot_set_attach(spec.level[l].attach, i);
	ret = bpf_lockdown_annot_build(&spec, buf, sizeof(buf), &size, err, sizeof(err));
	result(!ret && !bpf_lockdown_annot_parse(buf, size, &a, err, sizeof(err)) &&
	       a.point_cnt == BPF_LOCKDOWN_ANNOT_MAX_POINTS, "sixty_four_points_of_255_bytes_parse");
	if (ret)
		diag("%d %s", ret, err);
	spec.point_cnt++;
	expect_build("sixty_five_points_are_e2big", &spec, -E2BIG,
		     "annotation: 65 attach points exceed the maximum of 64");
	spec.point_cnt--;
	long_points[3][BPF_LOCKDOWN_ANNOT_POINT_MAX] = 'f';
	expect_build("point_of_256_bytes_is_e2big", &spec, -E2BIG,
		     "annotation: attach point 3 is longer than 255 bytes");
	long_points[3][BPF_LOCKDOWN_ANNOT_POINT_MAX] = '\0';

	/* a parsed version 2 annotation with a mutated header */
	spec.points = points;
	spec.point_cnt = 6;
	ret = bpf_lockdown_annot_build(&spec, buf, sizeof(buf), &size, err, sizeof(err));
	put32(buf + HDR(point_cnt), 7);
	ret = bpf_lockdown_annot_parse(buf, size, &a, err, sizeof(err));
	result(ret == -EBADMSG && !strncmp(err, "annotation: attach point 6", 26),
	       "point_count_past_the_points_is_refused");
	put32(buf + HDR(point_cnt), 6);
	put32(buf + HDR(attach_off), get32(buf + HDR(attach_off)) + 4);
	ret = bpf_lockdown_annot_parse(buf, size, &a, err, sizeof(err));
	result(ret == -EBADMSG && strstr(err, "attach section offset"),
	       "misaligned_attach_section_is_refused");
}

int main(void)
{
	printf("TAP version 13\n");
	build_valid();
	test_valid();
	test_minimal_and_maximal();
	test_header();
	test_levels();
	test_names();
	test_attach();
	printf("1..%d\n", tests);
	return failures ? 1 : 0;
}
