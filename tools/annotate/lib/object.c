// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - open and write sealed objects */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_annotate.h"
#include "buf.h"
#include "container.h"
#include "elfio.h"
#include "util.h"

/**
 * bpf_annotate_open_mem() - parse a sealed object in memory
 * @name: name for messages
 * @buf: the object (copied)
 * @size: its size
 * @objp: set to the object
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Return: 0; -ENOEXEC when @buf is not a BPF object; -ENOENT when it is
 * not sealed; -EBADMSG when a bpf-annotate section is malformed; -ENOMEM.
 */
int bpf_annotate_open_mem(const char *name, const void *buf, size_t size,
			  struct bpf_annotate_obj **objp, char *err, size_t err_size)
{
	struct bpf_annotate_obj *obj;
	const __u8 *sec;
	size_t len;
	int ret;

	ret = ba_elf_check(name, buf, size, err, err_size);
	if (ret)
		return ret;
	if (ba_elf_find(buf, size, BPF_ANNOTATE_SECTION, &sec, &len))
		return ba_fail(err, err_size, -ENOENT,
			       "%s: not sealed (no %s section); run bpf-annotate seal first", name,
			       BPF_ANNOTATE_SECTION);
	obj = calloc(1, sizeof(*obj));
	if (obj) {
		obj->name = strdup(name);
		obj->elf = ba_memdup(buf, size);
	}
	if (!obj || !obj->name || !obj->elf) {
		bpf_annotate_free(obj);
		return ba_fail(err, err_size, -ENOMEM, "%s: out of memory", name);
	}
	obj->elf_size = size;
	ret = ba_container_decode(obj, sec, len, err, err_size);
	if (!ret && !ba_elf_find(buf, size, BPF_ANNOTATE_SIG_SECTION, &sec, &len))
		ret = ba_sigs_decode(obj, sec, len, err, err_size);
	if (ret == -ENOMEM)
		ba_fail(err, err_size, ret, "%s: out of memory", name);
	if (ret) {
		bpf_annotate_free(obj);
		return ret;
	}
	*objp = obj;
	return 0;
}

/**
 * bpf_annotate_open() - read and parse a sealed object
 * @path: the sealed object
 * @objp: set to the object
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Return: as bpf_annotate_open_mem(), or the error of reading @path.
 */
int bpf_annotate_open(const char *path, struct bpf_annotate_obj **objp,
		      char *err, size_t err_size)
{
	size_t size;
	void *buf;
	int ret;

	ret = ba_read_file(path, &buf, &size, err, err_size);
	if (ret)
		return ret;
	ret = bpf_annotate_open_mem(path, buf, size, objp, err, err_size);
	free(buf);
	return ret;
}

/**
 * bpf_annotate_write() - write a sealed object
 * @obj: the object (recorded and sealed, or opened)
 * @path: output path; replaced atomically
 * @err: reason on failure
 * @err_size: size of @err
 *
 * The output is the object's ELF image with its bpf-annotate sections
 * replaced. The same object always gives the same bytes.
 *
 * Return: 0 or a negative errno.
 */
int bpf_annotate_write(const struct bpf_annotate_obj *obj, const char *path,
		       char *err, size_t err_size)
{
	struct ba_buf sec = { 0 }, sig = { 0 };
	__u32 i;
	int ret;

	for (i = 0; i < obj->prog_cnt; i++)
		if (!obj->progs[i].annot)
			return ba_fail(err, err_size, -EINVAL, "%s: program %s: not sealed",
				       obj->name, obj->progs[i].name);
	ret = ba_container_encode(obj, &sec);
	if (!ret)
		ret = ba_sigs_encode(obj, &sig);
	if (ret)
		ret = ba_fail(err, err_size, ret, "%s: out of memory", obj->name);
	else
		ret = ba_elf_write(path, obj->elf, obj->elf_size, &sec, &sig, err, err_size);
	free(sec.data);
	free(sig.data);
	return ret;
}
