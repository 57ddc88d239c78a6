// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - attach loaded programs, and read the kernel's verdict */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>

#include "bpf_annotate.h"
#include "util.h"

/* libbpf's ELF symbol lookup for uprobes (elf.c) and CPU mask parser */
long elf_find_func_offset_from_file(const char *binary_path, const char *name);
int parse_cpu_mask_file(const char *fcpu, bool **mask, int *mask_sz);

#define DEFAULT_PERF_FREQ 99

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

/* an event of every task on @cpu */
static int perf_open(struct perf_event_attr *attr, int cpu)
{
	int fd = syscall(__NR_perf_event_open, attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);

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
	return perf_open(&attr, 0);
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
	return perf_open(&attr, 0);
}

static bool prefix(const char *s, const char *p, const char **rest)
{
	size_t n = strlen(p);

	if (strncmp(s, p, n))
		return false;
	*rest = s + n;
	return true;
}

static int links_add(struct bpf_annotate_links *links, int fd)
{
	int *fds = realloc(links->fds, (links->cnt + 1) * sizeof(*fds));

	if (!fds) {
		close(fd);
		return -ENOMEM;
	}
	links->fds = fds;
	links->fds[links->cnt++] = fd;
	return 0;
}

/* a cpu-clock sampling event on each online CPU, one link each */
static int attach_perf_event(int prog_fd, __u32 freq, struct bpf_annotate_links *links,
			     int *cpu_failed)
{
	struct perf_event_attr attr = {
		.size = sizeof(attr),
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.freq = 1,
		.sample_freq = freq ? freq : DEFAULT_PERF_FREQ,
	};
	bool *online = NULL;
	int cpu, ncpu, fd, ret;

	ret = parse_cpu_mask_file("/sys/devices/system/cpu/online", &online, &ncpu);
	if (ret)
		return ret;
	links->cpus = calloc(ncpu, sizeof(*links->cpus));
	if (!links->cpus)
		ret = -ENOMEM;
	for (cpu = 0; cpu < ncpu && !ret; cpu++) {
		if (!online[cpu])
			continue;
		fd = perf_open(&attr, cpu);
		if (fd >= 0)
			fd = link_perf(prog_fd, fd);
		ret = fd < 0 ? fd : links_add(links, fd);
		if (ret)
			*cpu_failed = cpu;
		else
			links->cpus[links->cnt - 1] = cpu;
	}
	free(online);
	return ret;
}

/**
 * bpf_annotate_attach() - attach a loaded program
 * @obj: the sealed object
 * @prog: the program
 * @prog_fd: its fd
 * @opts: what the section does not name (perf_event frequency, XDP
 *	interface), or NULL
 * @links: zeroed by the caller; set to the links made (pin them to keep
 *	the program attached; close them with bpf_annotate_links_close())
 * @err: reason on failure
 * @err_size: size of @err
 *
 * The section names the target of tracepoint/CAT/NAME (tp/),
 * kprobe/FUNC[+OFF], kretprobe/FUNC, uprobe/PATH:FUNC, uretprobe/PATH:FUNC,
 * raw_tp/NAME (raw_tracepoint/), the BTF-targeted fentry, fexit, fmod_ret,
 * tp_btf and lsm programs, and iterators without parameters (iter/task,
 * iter/bpf_map, ...); freplace programs replace the function of the
 * program they were loaded for. A perf_event program samples the cpu-clock software
 * event at @opts->perf_freq (default 99) Hz on every online CPU, one link
 * per CPU (@links->cpus); an XDP program attaches to @opts->ifindex
 * with @opts->xdp_flags. On failure, the links already made are closed.
 *
 * Return: 0; -EOPNOTSUPP for programs that need a target neither the
 * section nor @opts name (tc, cgroup, sockmap, struct_ops, ...),
 * -EINVAL for an XDP program without @opts->ifindex; the errno of the
 * attach syscall.
 */
int bpf_annotate_attach(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
			int prog_fd, const struct bpf_annotate_attach_opts *opts,
			struct bpf_annotate_links *links, char *err, size_t err_size)
{
	const char *sec = prog->sec_name, *rest, *colon, *plus;
	LIBBPF_OPTS(bpf_link_create_opts, xdp_opts);
	char func[256], target[300];
	int fd, cpu = -1;
	long off = 0;

	snprintf(target, sizeof(target), "%s", sec);
	/* an extension's target is the program it was loaded for */
	if (prog->type == BPF_PROG_TYPE_TRACING || prog->type == BPF_PROG_TYPE_LSM ||
	    prog->type == BPF_PROG_TYPE_EXT) {
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
	} else if (prog->type == BPF_PROG_TYPE_PERF_EVENT) {
		fd = attach_perf_event(prog_fd, opts ? opts->perf_freq : 0, links, &cpu);
		if (fd < 0 && cpu >= 0)
			snprintf(target, sizeof(target), "the cpu-clock event of CPU %d", cpu);
		else if (fd < 0)
			snprintf(target, sizeof(target), "the online CPUs");
	} else if (prog->type == BPF_PROG_TYPE_XDP &&
		   prog->expected_attach_type != BPF_XDP_DEVMAP &&
		   prog->expected_attach_type != BPF_XDP_CPUMAP) {
		if (!opts || !opts->ifindex)
			return ba_fail(err, err_size, -EINVAL,
				       "%s: program %s: an XDP program needs an interface to attach to (--ifname)",
				       obj->name, prog->name);
		if (!if_indextoname(opts->ifindex, func))
			snprintf(func, sizeof(func), "%u", opts->ifindex);
		snprintf(target, sizeof(target), "interface %s", func);
		xdp_opts.flags = opts->xdp_flags;
		fd = bpf_link_create(prog_fd, opts->ifindex, BPF_XDP, &xdp_opts);
		fd = fd < 0 ? -errno : fd;
	} else {
		return ba_fail(err, err_size, -EOPNOTSUPP,
			       "%s: program %s: --attach does not support section %s (it names no target); attach it with bpftool",
			       obj->name, prog->name, sec);
	}
	if (fd >= 0 && prog->type != BPF_PROG_TYPE_PERF_EVENT)
		fd = links_add(links, fd);
	if (fd < 0) {
		bpf_annotate_links_close(links);
		return ba_fail(err, err_size, fd, "%s: program %s: attaching to %s: %s",
			       obj->name, prog->name, target, strerror(-fd));
	}
	return 0;
}

/**
 * bpf_annotate_links_close() - close the links of bpf_annotate_attach()
 * @links: the links; zeroed on return
 *
 * Pinned links stay attached.
 */
void bpf_annotate_links_close(struct bpf_annotate_links *links)
{
	__u32 i;

	for (i = 0; i < links->cnt; i++)
		close(links->fds[i]);
	free(links->fds);
	free(links->cpus);
	memset(links, 0, sizeof(*links));
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
