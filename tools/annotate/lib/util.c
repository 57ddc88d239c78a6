// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - library helpers: error messages, memory, files, SHA-256 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <openssl/evp.h>

#include "util.h"

/**
 * ba_memdup() - a malloc()ed copy of memory
 * @p: the memory, or NULL
 * @len: its size
 *
 * Return: the copy, or NULL when @p is NULL, @len is 0 or malloc() fails.
 */
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
 * The buffer has a NUL byte after the @size bytes of the file, so text
 * can be parsed as a string.
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
	p = malloc((size_t)st.st_size + 1);
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
	((char *)p)[done] = 0;
	*buf = p;
	*size = done;
	return 0;
}

/**
 * ba_sha256() - SHA-256 of memory, with OpenSSL's libcrypto
 * @p: the memory
 * @len: its size
 * @out: the digest
 *
 * Return: 0 or -EIO.
 */
int ba_sha256(const void *p, size_t len, __u8 out[32])
{
	unsigned int n = 0;

	if (EVP_Digest(p, len, out, &n, EVP_sha256(), NULL) != 1 || n != 32)
		return -EIO;
	return 0;
}

