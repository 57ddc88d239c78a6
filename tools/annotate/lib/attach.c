// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - attach loaded programs, and read the kernel's verdict */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/syscall.h>
#include <linux/if_link.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "annot.h"
#include "bpf_annotate.h"
#include "infer_attach.h"
#include "tier_table.h"
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

/*
 * Where and how bpf_annotate_attach() attaches a program: from its section
 * or from &bpf_annotate_attach_opts.target, before anything is opened, so
 * that the annotation is checked before the kernel is asked
 */
enum how { HOW_LINK, HOW_RAW_TP, HOW_TP, HOW_PROBE, HOW_PERF, HOW_XDP };

struct target {
	enum how how;
	__u32 kind;		/* as the kernel checks it (bpf_lockdown_check_attach()) */
	bool ret;		/* a return probe */
	const char *pmu;	/* "kprobe" or "uprobe" */
	char where[256];	/* raw tracepoint, "GROUP/NAME", function or file */
	char sym[256];		/* an uprobe's symbol */
	long off;
	char point[300];	/* the point as the kernel names it, or "" */
	bool named;		/* a kind with points, and "" is no name (not unknown) */
	char desc[320];		/* for messages */
	__u32 xdp_flags;
};

static int no_target(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
		     char *err, size_t err_size)
{
	return ba_fail(err, err_size, -EOPNOTSUPP,
		       "%s: program %s: --attach does not support section %s (it names no target); attach it with bpftool",
		       obj->name, prog->name, prog->sec_name);
}

/* FUNC[+OFF] of a kprobe */
static void probe_func(struct target *t, const char *rest)
{
	const char *plus = strchr(rest, '+');

	snprintf(t->where, sizeof(t->where), "%.*s",
		 plus ? (int)(plus - rest) : (int)strlen(rest), rest);
	t->off = plus ? strtol(plus + 1, NULL, 0) : 0;
	/* the kernel names no point for a probe an offset may move elsewhere */
	if (!t->off)
		snprintf(t->point, sizeof(t->point), "%s", t->where);
	t->named = true;
}

/* PATH:SYM[+OFF] of an uprobe: the kernel names its point by the path */
static int probe_file(struct target *t, const char *rest)
{
	const char *colon = strrchr(rest, ':');

	if (!colon)
		return -EINVAL;
	snprintf(t->where, sizeof(t->where), "%.*s", (int)(colon - rest), rest);
	snprintf(t->sym, sizeof(t->sym), "%s", colon + 1);
	snprintf(t->point, sizeof(t->point), "%s", t->where);
	return 0;
}

static const char *xdp_mode(__u32 flags)
{
	if (flags & XDP_FLAGS_SKB_MODE)
		return "skb";
	if (flags & XDP_FLAGS_DRV_MODE)
		return "drv";
	if (flags & XDP_FLAGS_HW_MODE)
		return "hw";
	return "";
}

/* where the section says the program attaches */
static int section_target(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
			  const struct bpf_annotate_attach_opts *opts, struct target *t,
			  char *err, size_t err_size)
{
	const char *sec = prog->sec_name, *rest;
	char func[256];

	snprintf(t->desc, sizeof(t->desc), "%s", sec);
	/* an extension's target is the program it was loaded for */
	if (prog->type == BPF_PROG_TYPE_TRACING || prog->type == BPF_PROG_TYPE_LSM ||
	    prog->type == BPF_PROG_TYPE_EXT) {
		t->how = HOW_LINK;
		t->kind = prog->expected_attach_type;
		if (t->kind == BPF_TRACE_RAW_TP && prog->attach_name &&
		    prefix(prog->attach_name, "btf_trace_", &rest))
			snprintf(t->point, sizeof(t->point), "%s", rest);
	} else if ((prog->type == BPF_PROG_TYPE_RAW_TRACEPOINT ||
		    prog->type == BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE) &&
		   (prefix(sec, "raw_tp/", &rest) || prefix(sec, "raw_tracepoint/", &rest) ||
		    prefix(sec, "raw_tp.w/", &rest) || prefix(sec, "raw_tracepoint.w/", &rest))) {
		t->how = HOW_RAW_TP;
		t->kind = BPF_LOCKDOWN_ATTACH_RAW_TRACEPOINT;
		snprintf(t->where, sizeof(t->where), "%s", rest);
		snprintf(t->point, sizeof(t->point), "%s", rest);
	} else if (prog->type == BPF_PROG_TYPE_TRACEPOINT &&
		   (prefix(sec, "tracepoint/", &rest) || prefix(sec, "tp/", &rest))) {
		t->how = HOW_TP;
		t->kind = BPF_LOCKDOWN_ATTACH_TRACEPOINT;
		snprintf(t->where, sizeof(t->where), "%s", rest);
		snprintf(t->point, sizeof(t->point), "%s", rest);
		if (strchr(t->point, '/'))
			*strchr(t->point, '/') = ':';
	} else if (prog->type == BPF_PROG_TYPE_KPROBE &&
		   (prefix(sec, "kprobe/", &rest) || prefix(sec, "kretprobe/", &rest))) {
		t->how = HOW_PROBE;
		t->pmu = "kprobe";
		t->ret = sec[1] == 'r';
		probe_func(t, rest);
	} else if (prog->type == BPF_PROG_TYPE_KPROBE &&
		   (prefix(sec, "ksyscall/", &rest) || prefix(sec, "kretsyscall/", &rest))) {
		t->how = HOW_PROBE;
		t->pmu = "kprobe";
		t->ret = sec[1] == 'r';
		if (ba_syscall_func(rest, func, sizeof(func)))
			return no_target(obj, prog, err, err_size);
		probe_func(t, func);
	} else if (prog->type == BPF_PROG_TYPE_KPROBE &&
		   (prefix(sec, "uprobe/", &rest) || prefix(sec, "uretprobe/", &rest)) &&
		   strrchr(rest, ':')) {
		t->how = HOW_PROBE;
		t->pmu = "uprobe";
		t->ret = sec[1] == 'r';
		probe_file(t, rest);
	} else if (prog->type == BPF_PROG_TYPE_PERF_EVENT) {
		t->how = HOW_PERF;
		t->kind = BPF_LOCKDOWN_ATTACH_PERF_EVENT;
		snprintf(t->desc, sizeof(t->desc), "the online CPUs");
	} else if (prog->type == BPF_PROG_TYPE_XDP &&
		   prog->expected_attach_type != BPF_XDP_DEVMAP &&
		   prog->expected_attach_type != BPF_XDP_CPUMAP) {
		t->how = HOW_XDP;
		t->kind = BPF_XDP;
		t->xdp_flags = opts ? opts->xdp_flags : 0;
		/* without a mode the kernel picks one, and checks it */
		snprintf(t->point, sizeof(t->point), "%s", xdp_mode(t->xdp_flags));
	} else {
		return no_target(obj, prog, err, err_size);
	}
	if (t->how == HOW_PROBE)
		t->kind = t->pmu[0] == 'k' ?
			  (t->ret ? BPF_LOCKDOWN_ATTACH_KRETPROBE : BPF_LOCKDOWN_ATTACH_KPROBE) :
			  (t->ret ? BPF_LOCKDOWN_ATTACH_URETPROBE : BPF_LOCKDOWN_ATTACH_UPROBE);
	return 0;
}

/* &bpf_annotate_attach_opts.target: KIND:WHERE, for the program types it fits */
static int opts_target(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
		       const char *target, struct target *t, char *err, size_t err_size)
{
	bool probe = prog->type == BPF_PROG_TYPE_KPROBE && !prog->expected_attach_type;
	const char *rest;

	memset(t, 0, sizeof(*t));
	snprintf(t->desc, sizeof(t->desc), "%s", target);
	if (probe && (prefix(target, "kprobe:", &rest) || prefix(target, "kretprobe:", &rest))) {
		t->how = HOW_PROBE;
		t->pmu = "kprobe";
		t->ret = target[1] == 'r';
		t->kind = t->ret ? BPF_LOCKDOWN_ATTACH_KRETPROBE : BPF_LOCKDOWN_ATTACH_KPROBE;
		probe_func(t, rest);
	} else if (probe && (prefix(target, "uprobe:", &rest) ||
			     prefix(target, "uretprobe:", &rest))) {
		t->how = HOW_PROBE;
		t->pmu = "uprobe";
		t->ret = target[1] == 'r';
		t->kind = t->ret ? BPF_LOCKDOWN_ATTACH_URETPROBE : BPF_LOCKDOWN_ATTACH_UPROBE;
		if (probe_file(t, rest))
			return ba_fail(err, err_size, -EINVAL,
				       "%s: program %s: attach target %s: an uprobe is uprobe:PATH:SYMBOL",
				       obj->name, prog->name, target);
	} else if (prog->type == BPF_PROG_TYPE_TRACEPOINT && prefix(target, "tracepoint:", &rest) &&
		   strchr(rest, ':')) {
		t->how = HOW_TP;
		t->kind = BPF_LOCKDOWN_ATTACH_TRACEPOINT;
		snprintf(t->point, sizeof(t->point), "%s", rest);
		snprintf(t->where, sizeof(t->where), "%s", rest);
		*strchr(t->where, ':') = '/';
	} else if ((prog->type == BPF_PROG_TYPE_RAW_TRACEPOINT ||
		    prog->type == BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE) &&
		   prefix(target, "raw_tracepoint:", &rest)) {
		t->how = HOW_RAW_TP;
		t->kind = BPF_LOCKDOWN_ATTACH_RAW_TRACEPOINT;
		snprintf(t->where, sizeof(t->where), "%s", rest);
		snprintf(t->point, sizeof(t->point), "%s", rest);
	} else if (prog->type == BPF_PROG_TYPE_XDP &&
		   prog->expected_attach_type != BPF_XDP_DEVMAP &&
		   prog->expected_attach_type != BPF_XDP_CPUMAP && prefix(target, "xdp:", &rest) &&
		   (!strcmp(rest, "skb") || !strcmp(rest, "drv") || !strcmp(rest, "hw"))) {
		t->how = HOW_XDP;
		t->kind = BPF_XDP;
		t->xdp_flags = rest[0] == 's' ? XDP_FLAGS_SKB_MODE : rest[0] == 'd' ?
			       XDP_FLAGS_DRV_MODE : XDP_FLAGS_HW_MODE;
		snprintf(t->point, sizeof(t->point), "%s", rest);
	} else {
		return ba_fail(err, err_size, -EINVAL,
			       "%s: program %s: cannot attach a program of type %s (section %s) at %s: a target is kprobe:FUNC, kretprobe:FUNC, uprobe:PATH:SYMBOL or uretprobe:PATH:SYMBOL for kprobe programs, tracepoint:GROUP:NAME, raw_tracepoint:NAME, or xdp:skb|drv|hw",
			       obj->name, prog->name, libbpf_bpf_prog_type_str(prog->type) ?: "?",
			       prog->sec_name, target);
	}
	return 0;
}

/* the running kernel's lockdown level as BPF lockdown sees it, or -1 */
static int running_level(void)
{
	char line[64];
	unsigned int l;
	FILE *f;
	int ret = -1;

	f = fopen("/sys/kernel/security/bpf_lockdown/level", "r");
	if (!f)
		return -1;
	if (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++)
			if (!strcmp(line, bpf_lockdown_level_name(l)))
				ret = l;
	}
	fclose(f);
	return ret;
}

/**
 * bpf_annotate_attach_check() - may a program's annotation be attached here
 * @obj: the sealed object (for messages)
 * @prog: the program, with its annotation
 * @kind: how: &enum bpf_attach_type, or &enum bpf_lockdown_attach_kind for
 *	the paths without an attach type (BPF_LOCKDOWN_ATTACH_KPROBE, ...), as
 *	the kernel's bpf_lockdown_check_attach() takes it
 * @where: the attach point without its kind, as the kernel names it (a
 *	function, a file, "GROUP:NAME" of a tracepoint, a raw tracepoint, an
 *	XDP mode "skb", "drv" or "hw"); "" for an attachment the kernel names
 *	no point for (a kprobe at an offset from its function); or NULL when
 *	the attachment has none or it is not known yet (an XDP mode the
 *	kernel picks): the kernel then checks the point alone
 * @level: &enum bpf_lockdown_level the program is attached at, or -1 for
 *	any level at which it may load (the level of the running kernel is
 *	not known)
 * @err: reason on refusal
 * @err_size: size of @err
 *
 * The rules of a version 2 annotation, which the kernel applies where the
 * program is attached ("Attach binding" in Documentation/userspace-api.rst):
 * the program must be allowed to load at @level; the kind must be allowed
 * there (an empty kind set allows what the load fixed); when the
 * annotation names attach points, @where must match one of the kind's
 * points (an uprobe's path only when it is absolute and canonical). The
 * kernel also refuses an uprobe path resolved in another mount namespace
 * or root, which this check leaves to it. An extension (freplace) is
 * bound by its signature only, and an annotation of version 1, or none,
 * binds nothing. The check runs before
 * any system call, so that a refusal names the kind and point instead of
 * the kernel's bare EPERM.
 *
 * Return: 0 when the annotation allows the attachment; -EPERM with the
 * reason ("OBJ: program PROG: its annotation does not allow attaching it
 * as kprobe at kprobe:FUNC: its kprobe points are kprobe:do_nanosleep; ...")
 * when it does not; -EBADMSG for an annotation that does not parse.
 */
int bpf_annotate_attach_check(const struct bpf_annotate_obj *obj,
			      const struct bpf_annotate_prog *prog, __u32 kind,
			      const char *where, int level, char *err, size_t err_size)
{
	const char *pk = ba_point_kind(kind), *name = bpf_lockdown_attach_name(kind) ?: "?";
	char why[512] = "", at[320] = "", text[256], msg[256];
	struct bpf_lockdown_annot a;
	bool any = false, noname;
	size_t len = 0;
	unsigned int l;
	__u32 i;

	if (!prog->annot)
		return 0;
	if (bpf_lockdown_annot_parse(prog->annot, prog->annot_size, &a, msg, sizeof(msg)))
		return ba_fail(err, err_size, -EBADMSG, "%s: program %s: %s", obj->name, prog->name,
			       msg);
	if (a.version < 2)
		return 0;
	if (pk && where && *where)
		snprintf(at, sizeof(at), " at %s:%s", pk, where);
	if (level >= BPF_LOCKDOWN_LEVEL_NR)
		level = -1;
	if (level >= 0 && !bpf_lockdown_annot_may_load(&a, level)) {
		snprintf(why, sizeof(why), "it may not load at level %s",
			 bpf_lockdown_level_name(level));
	} else if (prog->type == BPF_PROG_TYPE_EXT) {
		return 0;
	} else if (level >= 0 && !bpf_lockdown_annot_may_attach(&a, level, kind)) {
		ba_attach_kinds_text(a.attach[level], text, sizeof(text));
		snprintf(why, sizeof(why), "level %s allows only %s", bpf_lockdown_level_name(level),
			 text);
	} else if (level < 0) {
		for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR && !any; l++)
			any = bpf_lockdown_annot_may_attach(&a, l, kind);
		if (!any)
			snprintf(why, sizeof(why),
				 "no level at which it may load allows attach kind %s", name);
		any = false;
	}
	if (!why[0] && pk && where && a.point_cnt) {
		/* a path the kernel cannot name matches no point */
		noname = !*where || (pk[0] == 'u' && !ba_path_canonical(where));
		for (i = 0; i < a.point_cnt; i++) {
			const char *p = bpf_lockdown_annot_point(&a, i);

			if (strncmp(p, pk, strlen(pk)) || p[strlen(pk)] != ':')
				continue;
			if (!noname && ba_point_match(p, pk, where))
				return 0;
			if (len < sizeof(text))
				len += snprintf(text + len, sizeof(text) - len, "%s%s",
						any ? " " : "", p);
			any = true;
		}
		if (!any)
			snprintf(why, sizeof(why), "it names attach points, and none of kind %s", pk);
		else if (!*where)
			snprintf(why, sizeof(why),
				 "its %s points are %s, and the kernel names no point for a probe at an offset from its function",
				 pk, text);
		else if (noname)
			snprintf(why, sizeof(why),
				 "its %s points are %s, and the kernel names no point for a path that is not absolute and canonical",
				 pk, text);
		else
			snprintf(why, sizeof(why), "its %s points are %s", pk, text);
	}
	if (!why[0])
		return 0;
	return ba_fail(err, err_size, -EPERM,
		       "%s: program %s: its annotation does not allow attaching it as %s%s: %s; not asking the kernel, which would refuse it (EPERM)",
		       obj->name, prog->name, name, at, why);
}

/**
 * bpf_annotate_attach() - attach a loaded program
 * @obj: the sealed object
 * @prog: the program
 * @prog_fd: its fd
 * @opts: what the section does not name (perf_event frequency, XDP
 *	interface), another target than the section's, whether to check the
 *	annotation first; or NULL
 * @links: zeroed by the caller; set to the links made (pin them to keep
 *	the program attached; close them with bpf_annotate_links_close())
 * @err: reason on failure
 * @err_size: size of @err
 *
 * The section names the target of tracepoint/CAT/NAME (tp/),
 * kprobe/FUNC[+OFF], kretprobe/FUNC, ksyscall/NAME, kretsyscall/NAME,
 * uprobe/PATH:FUNC, uretprobe/PATH:FUNC, raw_tp/NAME (raw_tracepoint/), the
 * BTF-targeted fentry, fexit, fmod_ret, tp_btf and lsm programs, and
 * iterators without parameters (iter/task, iter/bpf_map, ...); freplace
 * programs replace the function of the program they were loaded for.
 * @opts->target attaches a kprobe, tracepoint, raw tracepoint or XDP
 * program elsewhere. A perf_event program samples the cpu-clock software
 * event at @opts->perf_freq (default 99) Hz on every online CPU, one link
 * per CPU (@links->cpus); an XDP program attaches to @opts->ifindex with
 * @opts->xdp_flags. On failure, the links already made are closed.
 *
 * Unless @opts->no_check, the program's annotation is checked first, as
 * bpf_annotate_attach_check() at the running kernel's level (from
 * /sys/kernel/security/bpf_lockdown/level; at any level the program may
 * load at when it cannot be read), and an attachment it does not allow is
 * refused before any system call.
 *
 * Return: 0; -EOPNOTSUPP for programs that need a target neither the
 * section nor @opts name (tc, cgroup, sockmap, struct_ops, ...),
 * -EINVAL for an XDP program without @opts->ifindex or a @opts->target
 * that does not fit the program, -EPERM when its annotation does not allow
 * the attachment; the errno of the attach syscall.
 */
int bpf_annotate_attach(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
			int prog_fd, const struct bpf_annotate_attach_opts *opts,
			struct bpf_annotate_links *links, char *err, size_t err_size)
{
	LIBBPF_OPTS(bpf_link_create_opts, xdp_opts);
	struct target t = { 0 };
	int fd, cpu = -1, ret;
	char ifname[IF_NAMESIZE];

	if (opts && opts->target)
		ret = opts_target(obj, prog, opts->target, &t, err, err_size);
	else
		ret = section_target(obj, prog, opts, &t, err, err_size);
	if (ret)
		return ret;
	if (t.how == HOW_XDP && (!opts || !opts->ifindex))
		return ba_fail(err, err_size, -EINVAL,
			       "%s: program %s: an XDP program needs an interface to attach to (--ifname)",
			       obj->name, prog->name);
	if (!opts || !opts->no_check) {
		/* a kprobe at an offset has no name ("") */
		ret = bpf_annotate_attach_check(obj, prog, t.kind,
						t.point[0] || t.named ? t.point : NULL,
						running_level(), err, err_size);
		if (ret)
			return ret;
	}
	switch (t.how) {
	case HOW_LINK:
		fd = bpf_link_create(prog_fd, 0, prog->expected_attach_type, NULL);
		fd = fd < 0 ? -errno : fd;
		break;
	case HOW_RAW_TP:
		fd = bpf_raw_tracepoint_open(t.where, prog_fd);
		fd = fd < 0 ? -errno : fd;
		break;
	case HOW_TP:
		fd = tracepoint_event(t.where);
		if (fd >= 0)
			fd = link_perf(prog_fd, fd);
		break;
	case HOW_PROBE:
		if (t.pmu[0] == 'u') {
			t.off = elf_find_func_offset_from_file(t.where, t.sym);
			if (t.off < 0)
				return ba_fail(err, err_size, (int)t.off,
					       "%s: program %s: cannot find %s in %s", obj->name,
					       prog->name, t.sym, t.where);
		}
		fd = probe_event(t.pmu, t.ret, t.where, t.off);
		if (fd >= 0)
			fd = link_perf(prog_fd, fd);
		break;
	case HOW_PERF:
		fd = attach_perf_event(prog_fd, opts ? opts->perf_freq : 0, links, &cpu);
		if (fd < 0 && cpu >= 0)
			snprintf(t.desc, sizeof(t.desc), "the cpu-clock event of CPU %d", cpu);
		break;
	default:	/* HOW_XDP */
		if (!if_indextoname(opts->ifindex, ifname))
			snprintf(ifname, sizeof(ifname), "%u", opts->ifindex);
		snprintf(t.desc, sizeof(t.desc), "interface %s", ifname);
		xdp_opts.flags = t.xdp_flags;
		fd = bpf_link_create(prog_fd, opts->ifindex, BPF_XDP, &xdp_opts);
		fd = fd < 0 ? -errno : fd;
		break;
	}
	if (fd >= 0 && t.how != HOW_PERF)
		fd = links_add(links, fd);
	if (fd < 0) {
		bpf_annotate_links_close(links);
		return ba_fail(err, err_size, fd, "%s: program %s: attaching to %s: %s",
			       obj->name, prog->name, t.desc, strerror(-fd));
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
