/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - growable byte buffers and little-endian fields */

#ifndef _BPF_ANNOTATE_BUF_H
#define _BPF_ANNOTATE_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

/**
 * struct ba_buf - a growable byte buffer
 * @data: the bytes
 * @len: bytes used
 * @cap: bytes allocated
 * @failed: an allocation failed; the buffer no longer grows
 */
struct ba_buf {
	__u8 *data;
	size_t len;
	size_t cap;
	bool failed;
};

void ba_buf_put(struct ba_buf *b, const void *p, size_t len);
void ba_buf_u32(struct ba_buf *b, __u32 v);
void ba_buf_u64(struct ba_buf *b, __u64 v);
size_t ba_buf_begin(struct ba_buf *b, __u32 tag);
void ba_buf_end(struct ba_buf *b, size_t at);
void ba_buf_record(struct ba_buf *b, __u32 tag, const void *p, size_t len);

__u16 ba_get_le16(const __u8 *p);

#endif /* _BPF_ANNOTATE_BUF_H */
