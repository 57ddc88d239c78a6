// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - .kconfig externs: found in BTF, filled in at load time */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <zlib.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "annot.h"
#include "bpf_annotate.h"
#include "btf_util.h"
#include "kconfig.h"
#include "util.h"

/*
 * A signed program's .kconfig map must hold, extern by extern, what the
 * running kernel says (kernel/bpf/lockdown/kconfig.c), in libbpf's
 * encoding (bpf_lockdown_kconfig_value() of the shared annot.c). The
 * loader asks the kernel first: securityfs "kconfig" lists the values it
 * checks against. A kernel without BPF lockdown checks nothing; there the
 * loader reads what libbpf reads.
 */
#define KCONFIG_SECURITYFS	"/sys/kernel/security/bpf_lockdown/kconfig"
#define KCONFIG_MAX_SIZE	(16 << 20)

/* the whole of a file whose size stat() does not tell (securityfs, gzip) */
static int read_stream(const char *path, bool gz, char **out, size_t *size)
{
	size_t len = 0, cap = 0;
	char *buf = NULL, *p;
	gzFile zf = NULL;
	FILE *f = NULL;
	int n;

	if (gz)
		zf = gzopen(path, "rb");
	else
		f = fopen(path, "rb");
	if (!zf && !f)
		return -errno ?: -ENOENT;
	for (;;) {
		if (cap - len < 4096) {
			if (cap >= KCONFIG_MAX_SIZE) {
				n = -EFBIG;
				goto fail;
			}
			cap = cap ? cap * 2 : 65536;
			p = realloc(buf, cap + 1);
			if (!p) {
				n = -ENOMEM;
				goto fail;
			}
			buf = p;
		}
		n = gz ? gzread(zf, buf + len, cap - len) : (int)fread(buf + len, 1, cap - len, f);
		if (n < 0 || (!gz && !n && ferror(f))) {
			n = -EIO;
			goto fail;
		}
		if (!n)
			break;
		len += n;
	}
	if (gz)
		gzclose(zf);
	else
		fclose(f);
	buf[len] = '\0';
	*out = buf;
	*size = len;
	return 0;
fail:
	if (gz)
		gzclose(zf);
	else
		fclose(f);
	free(buf);
	return n;
}

/* as libbpf's get_kernel_version(): Ubuntu's and Debian's own, else uname */
static __u32 libbpf_kernel_version(void)
{
	unsigned int a, b, c;
	struct utsname u;
	const char *deb;
	FILE *f;
	int n;

	f = fopen("/proc/version_signature", "r");
	if (f) {
		n = fscanf(f, "%*s %*s %u.%u.%u\n", &a, &b, &c);
		fclose(f);
		if (n == 3)
			return (a << 16) + (b << 8) + (c > 255 ? 255 : c);
	}
	if (uname(&u))
		return 0;
	deb = strstr(u.version, "Debian ");
	if (deb && sscanf(deb, "Debian %u.%u.%u", &a, &b, &c) == 3)
		return (a << 16) + (b << 8) + (c > 255 ? 255 : c);
	if (sscanf(u.release, "%u.%u.%u", &a, &b, &c) != 3)
		return 0;
	return (a << 16) + (b << 8) + (c > 255 ? 255 : c);
}

/* a LINUX_ line of the kernel's file, found by the shared lookup */
static __u32 line_value(const struct bpf_lockdown_kconfig_env *env, const char *name)
{
	const char *v;
	size_t len;

	v = bpf_lockdown_kconfig_lookup(env, name, &len);
	return v ? strtoul(v, NULL, 0) : 0;
}

/**
 * ba_kconfig_env_read() - the values the running kernel gives kconfig externs
 * @env: filled in; @env->config is allocated, free it with ba_kconfig_env_free()
 * @source: set to the file the values came from (static storage)
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Under BPF lockdown, securityfs "kconfig" (the kernel's own values, the
 * LINUX_ externs included). Otherwise as libbpf: the kernel version from
 * uname (or Ubuntu's and Debian's version strings), BPF cookies and the
 * syscall wrapper as a 6.12 x86-64 kernel has them, the configuration from
 * /boot/config-RELEASE or /proc/config.gz.
 *
 * Return: 0, or -ENOENT when no configuration can be read.
 */
int ba_kconfig_env_read(struct bpf_lockdown_kconfig_env *env, const char **source,
			char *err, size_t err_size)
{
	static char boot[sizeof(((struct utsname *)0)->release) + 16];
	struct utsname u;
	char *text;
	size_t size;

	memset(env, 0, sizeof(*env));
	if (!read_stream(KCONFIG_SECURITYFS, false, &text, &size)) {
		env->config = text;
		env->config_size = size;
		env->kernel_version = line_value(env, "LINUX_KERNEL_VERSION");
		env->has_bpf_cookie = line_value(env, "LINUX_HAS_BPF_COOKIE");
		env->has_syscall_wrapper = line_value(env, "LINUX_HAS_SYSCALL_WRAPPER");
		*source = KCONFIG_SECURITYFS;
		return 0;
	}
	env->kernel_version = libbpf_kernel_version();
	env->has_bpf_cookie = true;
	env->has_syscall_wrapper = true;
	if (!uname(&u)) {
		snprintf(boot, sizeof(boot), "/boot/config-%s", u.release);
		if (!read_stream(boot, false, &text, &size)) {
			*source = boot;
			goto found;
		}
	}
	if (!read_stream("/proc/config.gz", true, &text, &size)) {
		*source = "/proc/config.gz";
		goto found;
	}
	return ba_fail(err, err_size, -ENOENT,
		       "no kernel configuration: neither %s, /boot/config-RELEASE nor /proc/config.gz can be read",
		       KCONFIG_SECURITYFS);
found:
	env->config = text;
	env->config_size = size;
	return 0;
}

/**
 * ba_kconfig_env_free() - free what ba_kconfig_env_read() allocated
 * @env: the values
 */
void ba_kconfig_env_free(struct bpf_lockdown_kconfig_env *env)
{
	free((void *)env->config);
	env->config = NULL;
}

/**
 * ba_kconfig_fill() - the contents of a .kconfig map on this kernel
 * @m: the map, with its externs
 * @env: the kernel's values
 * @data: @m->value_size bytes, all written: each extern's value, zero
 *	elsewhere
 * @err: reason on failure ("extern X: ...")
 * @err_size: size of @err
 *
 * Return: 0, or the error of bpf_lockdown_kconfig_value(); -EINVAL for an
 * extern outside the value.
 */
int ba_kconfig_fill(const struct bpf_annotate_map *m, const struct bpf_lockdown_kconfig_env *env,
		    void *data, char *err, size_t err_size)
{
	struct bpf_lockdown_kconfig_extern e;
	__u32 i;
	int ret;

	memset(data, 0, m->value_size);
	for (i = 0; i < m->kconfig_cnt; i++) {
		e = (struct bpf_lockdown_kconfig_extern){
			.name = m->kconfig[i].name, .value_off = m->kconfig[i].value_off,
			.size = m->kconfig[i].size, .type = m->kconfig[i].type,
			.flags = m->kconfig[i].flags,
		};
		if ((__u64)e.value_off + e.size > m->value_size)
			return ba_fail(err, err_size, -EINVAL,
				       "kconfig extern %s lies outside the %u-byte map value",
				       e.name, m->value_size);
		ret = bpf_lockdown_kconfig_value(env, &e, (char *)data + e.value_off, err, err_size);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * ba_kconfig_type() - how libbpf types a .kconfig extern, from its BTF
 * @btf: the object's BTF
 * @type_id: the extern's type
 * @type: set to &enum bpf_lockdown_kconfig_type, 0 when libbpf refuses it
 * @flags: set to %BPF_LOCKDOWN_KCONFIG_SIGNED or 0
 *
 * As libbpf's find_kcfg_type(): a one-byte bool; a one-byte int is a char;
 * an int of 2, 4 or 8 bytes; enum libbpf_tristate; an array of chars.
 */
void ba_kconfig_type(const struct btf *btf, __u32 type_id, __u8 *type, __u8 *flags)
{
	const struct btf_type *t = btf__type_by_id(btf, ba_btf_skip_mods(btf, type_id));
	const char *name;
	__u8 elem, ef;
	int enc;

	*type = 0;
	*flags = 0;
	if (!t)
		return;
	name = btf__name_by_offset(btf, t->name_off);
	if (btf_is_int(t)) {
		enc = btf_int_encoding(t);
		if (enc & BTF_INT_BOOL) {
			*type = t->size == 1 ? BPF_LOCKDOWN_KCONFIG_BOOL : 0;
			return;
		}
		if (enc & BTF_INT_SIGNED)
			*flags = BPF_LOCKDOWN_KCONFIG_SIGNED;
		if (t->size == 1)
			*type = BPF_LOCKDOWN_KCONFIG_CHAR;
		else if (t->size == 2 || t->size == 4 || t->size == 8)
			*type = BPF_LOCKDOWN_KCONFIG_INT;
		return;
	}
	if ((btf_is_enum(t) && t->size == 4) || btf_is_enum64(t)) {
		if (name && !strcmp(name, "libbpf_tristate"))
			*type = BPF_LOCKDOWN_KCONFIG_TRISTATE;
		return;
	}
	if (btf_is_array(t) && btf_array(t)->nelems) {
		ba_kconfig_type(btf, btf_array(t)->type, &elem, &ef);
		if (elem == BPF_LOCKDOWN_KCONFIG_CHAR)
			*type = BPF_LOCKDOWN_KCONFIG_CHAR_ARR;
	}
}
