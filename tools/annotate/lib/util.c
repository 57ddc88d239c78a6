// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - library helpers: errors, buffers, files, objects */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <openssl/evp.h>

#include "internal.h"

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

__u32 ba_get_le32(const __u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (__u32)p[3] << 24;
}

__u64 ba_get_le64(const __u8 *p)
{
	return ba_get_le32(p) | (__u64)ba_get_le32(p + 4) << 32;
}

void *ba_memdup(const void *p, size_t len)
{
	void *q;

	if (!p || !len)
		return NULL;
	q = malloc(len);
	if (q)
		memcpy(q, p, len);
	return q;
}

/**
 * ba_read_file() - read a whole file into memory
 * @path: file to read
 * @buf: set to a malloc()ed buffer
 * @size: set to the file size
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Return: 0, or a negative errno with "PATH: reason" in @err.
 */
int ba_read_file(const char *path, void **buf, size_t *size, char *err, size_t err_size)
{
	struct stat st;
	size_t done = 0;
	FILE *f;
	void *p;
	int ret;

	f = fopen(path, "rb");
	if (!f)
		return ba_fail(err, err_size, -errno, "%s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
		fclose(f);
		return ba_fail(err, err_size, -EINVAL, "%s: not a regular file", path);
	}
	p = malloc(st.st_size ? st.st_size : 1);
	if (!p) {
		fclose(f);
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", path);
	}
	while (done < (size_t)st.st_size) {
		size_t n = fread((char *)p + done, 1, st.st_size - done, f);

		if (!n)
			break;
		done += n;
	}
	ret = ferror(f) ? -EIO : 0;
	fclose(f);
	if (ret || done != (size_t)st.st_size) {
		free(p);
		return ba_fail(err, err_size, -EIO, "%s: read error", path);
	}
	*buf = p;
	*size = done;
	return 0;
}

int ba_sha256(const void *p, size_t len, __u8 out[32])
{
	unsigned int n = 0;

	if (EVP_Digest(p, len, out, &n, EVP_sha256(), NULL) != 1 || n != 32)
		return -EIO;
	return 0;
}

void ba_map_free(struct bpf_annotate_map *m)
{
	free(m->name);
	free(m->data);
}

void ba_prog_free(struct bpf_annotate_prog *p)
{
	__u32 i;

	free(p->name);
	free(p->sec_name);
	free(p->license);
	free(p->attach_name);
	free(p->insns);
	free(p->func_info);
	free(p->line_info);
	free(p->core_relos);
	for (i = 0; i < p->extern_cnt; i++)
		free(p->externs[i].name);
	free(p->externs);
	free(p->annot);
	free(p->target_digest);
	free(p->sig);
	free(p->manifest);
}

/**
 * bpf_annotate_free() - free an object
 * @obj: object from bpf_annotate_record() or bpf_annotate_open(), or NULL
 */
void bpf_annotate_free(struct bpf_annotate_obj *obj)
{
	__u32 i;

	if (!obj)
		return;
	for (i = 0; i < obj->map_cnt; i++)
		ba_map_free(&obj->maps[i]);
	for (i = 0; i < obj->prog_cnt; i++)
		ba_prog_free(&obj->progs[i]);
	free(obj->maps);
	free(obj->progs);
	free(obj->btf);
	free(obj->elf);
	free(obj->name);
	free(obj);
}

/**
 * bpf_annotate_find_prog() - find a program by name
 * @obj: the object
 * @name: the full program name
 *
 * Return: the program, or NULL.
 */
struct bpf_annotate_prog *bpf_annotate_find_prog(const struct bpf_annotate_obj *obj,
						 const char *name)
{
	__u32 i;

	for (i = 0; i < obj->prog_cnt; i++)
		if (!strcmp(obj->progs[i].name, name))
			return &obj->progs[i];
	return NULL;
}
