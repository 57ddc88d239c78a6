// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - growable byte buffers and little-endian fields */

#include <stdlib.h>
#include <string.h>

#include "buf.h"

static bool buf_grow(struct ba_buf *b, size_t len)
{
	size_t cap;
	__u8 *p;

	if (b->failed)
		return false;
	if (b->len + len <= b->cap)
		return true;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + len)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void ba_buf_put(struct ba_buf *b, const void *p, size_t len)
{
	if (!len || !buf_grow(b, len))
		return;
	if (p)
		memcpy(b->data + b->len, p, len);
	else
		memset(b->data + b->len, 0, len);
	b->len += len;
}

void ba_buf_u32(struct ba_buf *b, __u32 v)
{
	__u8 le[4] = { v, v >> 8, v >> 16, v >> 24 };

	ba_buf_put(b, le, sizeof(le));
}

void ba_buf_u64(struct ba_buf *b, __u64 v)
{
	ba_buf_u32(b, v);
	ba_buf_u32(b, v >> 32);
}

/* start a record whose length is filled in by ba_buf_end() */
size_t ba_buf_begin(struct ba_buf *b, __u32 tag)
{
	ba_buf_u32(b, tag);
	ba_buf_u32(b, 0);
	return b->len;
}

void ba_buf_end(struct ba_buf *b, size_t at)
{
	__u32 len = b->len - at;

	if (b->failed)
		return;
	b->data[at - 4] = len;
	b->data[at - 3] = len >> 8;
	b->data[at - 2] = len >> 16;
	b->data[at - 1] = len >> 24;
}

void ba_buf_record(struct ba_buf *b, __u32 tag, const void *p, size_t len)
{
	ba_buf_u32(b, tag);
	ba_buf_u32(b, len);
	ba_buf_put(b, p, len);
}

__u16 ba_get_le16(const __u8 *p)
{
	return p[0] | p[1] << 8;
}

__u32 ba_get_le32(const __u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (__u32)p[3] << 24;
}

__u64 ba_get_le64(const __u8 *p)
{
	return ba_get_le32(p) | (__u64)ba_get_le32(p + 4) << 32;
}
