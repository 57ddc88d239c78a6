// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - growable byte buffers and little-endian fields */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/unaligned.h>

#include "buf.h"

static bool buf_grow(struct ba_buf *b, size_t len)
{
	size_t cap;
	__u8 *p;

	if (b->failed)
		return false;
	if (len > SIZE_MAX / 4 - b->len) {
		b->failed = true;
		return false;
	}
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

/**
 * ba_buf_put() - append bytes
 * @b: the buffer
 * @p: the bytes, or NULL to append @len zero bytes
 * @len: number of bytes
 *
 * On allocation failure nothing is appended and @b->failed is set.
 */
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

/**
 * ba_buf_u32() - append a 32-bit little-endian value
 * @b: the buffer
 * @v: the value
 */
void ba_buf_u32(struct ba_buf *b, __u32 v)
{
	__u8 le[4];

	put_unaligned_le32(v, le);
	ba_buf_put(b, le, sizeof(le));
}

/**
 * ba_buf_u64() - append a 64-bit little-endian value
 * @b: the buffer
 * @v: the value
 */
void ba_buf_u64(struct ba_buf *b, __u64 v)
{
	ba_buf_u32(b, v);
	ba_buf_u32(b, v >> 32);
}

/**
 * ba_buf_begin() - start a record: its tag and a length that ba_buf_end() fills in
 * @b: the buffer
 * @tag: the record tag
 *
 * Return: the offset of the record's contents, for ba_buf_end().
 */
size_t ba_buf_begin(struct ba_buf *b, __u32 tag)
{
	ba_buf_u32(b, tag);
	ba_buf_u32(b, 0);
	return b->len;
}

/**
 * ba_buf_end() - end a record started with ba_buf_begin(): write its length
 * @b: the buffer
 * @at: what ba_buf_begin() returned
 */
void ba_buf_end(struct ba_buf *b, size_t at)
{
	__u32 len = b->len - at;

	if (b->failed)
		return;
	put_unaligned_le32(len, b->data + at - 4);
}

/**
 * ba_buf_record() - append a whole record: tag, length, contents
 * @b: the buffer
 * @tag: the record tag
 * @p: the contents, or NULL for @len zero bytes
 * @len: the size of the contents
 */
void ba_buf_record(struct ba_buf *b, __u32 tag, const void *p, size_t len)
{
	ba_buf_u32(b, tag);
	ba_buf_u32(b, len);
	ba_buf_put(b, p, len);
}

/**
 * ba_get_le16() - read a 16-bit little-endian value, as get_unaligned_le16()
 * @p: where it is (no alignment needed)
 *
 * The library's own files call the kernel's get_unaligned_le*() and
 * put_unaligned_le*() (tools/include/linux/unaligned.h) directly; this is
 * the name cmd/cmd_audit.c knows it by.
 *
 * Return: the value.
 */
__u16 ba_get_le16(const __u8 *p)
{
	return get_unaligned_le16(p);
}
