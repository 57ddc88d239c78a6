// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - attach loaded programs, and read the kernel's verdict */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>

#include "internal.h"

/* libbpf's ELF symbol lookup for uprobes (elf.c) */
long elf_find_func_offset_from_file(const char *binary_path, const char *name);

static int read_int(const char *path, const char *prefix, long *v)
{
	char line[128];
	FILE *f = fopen(path, "r");
	int ret = -ENOENT;

	if (!f)
		return -errno;
	if (fgets(line, sizeof(line), f) && !strncmp(line, prefix, strlen(prefix))) {
		*v = strtol(line + strlen(prefix), NULL, 10);
		ret = 0;
	}
	fclose(f);
	return ret;
}

static int perf_open(struct perf_event_attr *attr)
{
	int fd = syscall(__NR_perf_event_open, attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static int link_perf(int prog_fd, int pfd)
{
	int fd = bpf_link_create(prog_fd, pfd, BPF_PERF_EVENT, NULL);

	fd = fd < 0 ? -errno : fd;
	close(pfd);
	return fd;
}

static int tracepoint_event(const char *tp)
{
	static const char *const roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	struct perf_event_attr attr = { .size = sizeof(attr) };
	char path[512];
	size_t i;
	long id;
	int ret = -ENOENT;

	for (i = 0; i < ARRAY_SIZE(roots) && ret; i++) {
		snprintf(path, sizeof(path), "%s/events/%s/id", roots[i], tp);
		ret = read_int(path, "", &id);
	}
	if (ret)
		return ret;
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = id;
	attr.sample_period = 1;
	attr.wakeup_events = 1;
	return perf_open(&attr);
}

static int probe_event(const char *pmu, bool ret_probe, const char *name, __u64 off)
{
	struct perf_event_attr attr = { .size = sizeof(attr) };
	char path[256];
	long type, bit = 0;
	int ret;

	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/type", pmu);
	ret = read_int(path, "", &type);
	if (ret)
		return ret;
	if (ret_probe) {
		snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/format/retprobe",
			 pmu);
		ret = read_int(path, "config:", &bit);
		if (ret)
			return ret;
		attr.config |= 1ULL << bit;
	}
	attr.type = type;
	attr.config1 = (__u64)(unsigned long)name;
	attr.config2 = off;
	attr.sample_period = 1;
	attr.wakeup_events = 1;
	return perf_open(&attr);
}

static bool prefix(const char *s, const char *p, const char **rest)
{
	size_t n = strlen(p);

	if (strncmp(s, p, n))
		return false;
	*rest = s + n;
	return true;
}

/**
 * bpf_annotate_attach() - attach a loaded program as its section says
 * @obj: the sealed object
 * @prog: the program
 * @prog_fd: its fd
 * @link_fd: set to the link (pin it to keep the program attached)
 * @err: reason on failure
 * @err_size: size of @err
 *
 * Supports tracepoint/CAT/NAME (tp/), kprobe/FUNC[+OFF], kretprobe/FUNC,
 * uprobe/PATH:FUNC, uretprobe/PATH:FUNC, raw_tp/NAME (raw_tracepoint/),
 * and the BTF-targeted fentry, fexit, fmod_ret, tp_btf and lsm programs.
 *
 * Return: 0; -EOPNOTSUPP for other programs (perf_event, XDP, ... need a
 * target the section does not name); the errno of the attach syscall.
 */
int bpf_annotate_attach(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
			int prog_fd, int *link_fd, char *err, size_t err_size)
{
	const char *sec = prog->sec_name, *rest, *colon, *plus;
	char func[256];
	long off = 0;
	int fd;

	if (prog->type == BPF_PROG_TYPE_TRACING || prog->type == BPF_PROG_TYPE_LSM) {
		if (prog->expected_attach_type == BPF_TRACE_ITER)
			goto unsupported;
		fd = bpf_link_create(prog_fd, 0, prog->expected_attach_type, NULL);
		fd = fd < 0 ? -errno : fd;
	} else if (prog->type == BPF_PROG_TYPE_RAW_TRACEPOINT &&
		   (prefix(sec, "raw_tp/", &rest) || prefix(sec, "raw_tracepoint/", &rest))) {
		fd = bpf_raw_tracepoint_open(rest, prog_fd);
		fd = fd < 0 ? -errno : fd;
	} else if (prog->type == BPF_PROG_TYPE_TRACEPOINT &&
		   (prefix(sec, "tracepoint/", &rest) || prefix(sec, "tp/", &rest))) {
		fd = tracepoint_event(rest);
		if (fd >= 0)
			fd = link_perf(prog_fd, fd);
	} else if (prog->type == BPF_PROG_TYPE_KPROBE &&
		   (prefix(sec, "kprobe/", &rest) || prefix(sec, "kretprobe/", &rest))) {
		snprintf(func, sizeof(func), "%s", rest);
		plus = strchr(func, '+');
		if (plus) {
			off = strtol(plus + 1, NULL, 0);
			func[plus - func] = '\0';
		}
		fd = probe_event("kprobe", sec[1] == 'r', func, off);
		if (fd >= 0)
			fd = link_perf(prog_fd, fd);
	} else if (prog->type == BPF_PROG_TYPE_KPROBE &&
		   (prefix(sec, "uprobe/", &rest) || prefix(sec, "uretprobe/", &rest)) &&
		   strrchr(rest, ':')) {
		colon = strrchr(rest, ':');
		snprintf(func, sizeof(func), "%.*s", (int)(colon - rest), rest);
		off = elf_find_func_offset_from_file(func, colon + 1);
		if (off < 0)
			return ba_fail(err, err_size, (int)off,
				       "%s: program %s: cannot find %s in %s", obj->name,
				       prog->name, colon + 1, func);
		fd = probe_event("uprobe", sec[1] == 'r', func, off);
		if (fd >= 0)
			fd = link_perf(prog_fd, fd);
	} else {
		goto unsupported;
	}
	if (fd < 0)
		return ba_fail(err, err_size, fd, "%s: program %s: attaching to %s: %s",
			       obj->name, prog->name, sec, strerror(-fd));
	*link_fd = fd;
	return 0;
unsupported:
	return ba_fail(err, err_size, -EOPNOTSUPP,
		       "%s: program %s: --attach does not support section %s (it names no target); attach it with bpftool",
		       obj->name, prog->name, sec);
}

/**
 * bpf_annotate_prog_verdict() - the kernel's lockdown verdict on a program
 * @prog_fd: a program fd of this process
 * @buf: set to the "lockdown:" value of /proc/self/fdinfo/FD, e.g.
 *	"signed (builtin keyring)"
 * @size: size of @buf
 *
 * Return: 0, or -ENOENT when the kernel shows no verdict.
 */
int bpf_annotate_prog_verdict(int prog_fd, char *buf, size_t size)
{
	char path[64], line[256];
	int ret = -ENOENT;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", prog_fd);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "lockdown:", 9))
			continue;
		n = strspn(line + 9, " \t");
		snprintf(buf, size, "%s", line + 9 + n);
		n = strlen(buf);
		while (n && buf[n - 1] == '\n')
			buf[--n] = '\0';
		ret = 0;
		break;
	}
	fclose(f);
	return ret;
}
