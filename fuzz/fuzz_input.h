/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - input layout of the digest fuzzer, shared with the seed generator */

#ifndef _BPF_LOCKDOWN_FUZZ_INPUT_H
#define _BPF_LOCKDOWN_FUZZ_INPUT_H

#include <linux/types.h>

/*
 * A digest fuzzer input is this header (host byte order) followed by the
 * components in this order: attach name, program name, license,
 * instructions (8 bytes each), maps (FUZZ_MAP_SIZE bytes each), BTF,
 * func_info, line_info, CO-RE relocations, annotation. Components that run
 * past the end of the input are cut to what is there.
 */
struct fuzz_digest_hdr {
	__u32 prog_type;
	__u32 attach_type;
	__u16 attach_name_len;
	__u16 prog_name_len;
	__u16 license_len;
	__u16 insn_cnt;
	__u16 btf_size;
	__u16 annot_size;
	__u8 map_cnt;
	__u8 func_info_cnt;
	__u8 func_info_rec_size;
	__u8 line_info_cnt;
	__u8 line_info_rec_size;
	__u8 core_relo_cnt;
	__u8 core_relo_rec_size;
	__u8 mode;
};

/* mode bits */
#define FUZZ_NO_RESOLVER	0x01	/* pass no btf_name callback */
#define FUZZ_BUILD_ANNOT	0x02	/* annotation bytes are a sealed list to build from */
#define FUZZ_NO_ANNOT		0x04	/* pass no annotation */

/* a map: type, key, value, max_entries, flags (__u32 each), then a byte:
 * bit 0 set gives the map a content digest
 */
#define FUZZ_MAP_SIZE		21

#endif /* _BPF_LOCKDOWN_FUZZ_INPUT_H */
