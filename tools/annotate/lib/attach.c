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

/*
 * libbpf's ELF symbol lookups for uprobes and uprobe_multi links (elf.c),
 * its glob matching of kprobe_multi patterns and its CPU mask parser
 */
long elf_find_func_offset_from_file(const char *binary_path, const char *name);
int elf_resolve_pattern_offsets(const char *binary_path, const char *pattern,
				unsigned long **poffsets, size_t *pcnt);
bool glob_match(const char *str, const char *pat);
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

static const char *const tracefs_roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };

static int tracepoint_event(const char *tp)
{
	struct perf_event_attr attr = { .size = sizeof(attr) };
	char path[512];
	size_t i;
	long id;
	int ret = -ENOENT;

	for (i = 0; i < ARRAY_SIZE(tracefs_roots) && ret; i++) {
		snprintf(path, sizeof(path), "%s/events/%s/id", tracefs_roots[i], tp);
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

/* the functions of a kprobe_multi link, one name each */
struct funcs {
	char **names;
	size_t cnt;
};

static void funcs_free(struct funcs *f)
{
	size_t i;

	for (i = 0; i < f->cnt; i++)
		free(f->names[i]);
	free(f->names);
	memset(f, 0, sizeof(*f));
}

static int funcs_add(struct funcs *f, const char *name)
{
	char **names = realloc(f->names, (f->cnt + 1) * sizeof(*names));

	if (!names)
		return -ENOMEM;
	f->names = names;
	names[f->cnt] = strdup(name);
	if (!names[f->cnt])
		return -ENOMEM;
	f->cnt++;
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The functions a kprobe_multi pattern names: the pattern itself when it
 * has no wildcard; otherwise each function ftrace may probe whose name
 * matches it, as libbpf matches it, once (none: @f is empty). The link
 * passes the names: the kernel probes one function per name and checks it
 * by that name. @file: set to the file read, or "".
 */
static int kmulti_funcs(const char *pattern, struct funcs *f, char *file, size_t file_size)
{
	char *line = NULL, *name;
	size_t i, n = 0, cap = 0;
	FILE *fp = NULL;
	int ret = 0;

	file[0] = '\0';
	if (!pattern[strcspn(pattern, "*?")])
		return funcs_add(f, pattern);
	for (i = 0; i < ARRAY_SIZE(tracefs_roots) && !fp; i++) {
		snprintf(file, file_size, "%s/available_filter_functions", tracefs_roots[i]);
		fp = fopen(file, "re");
		if (!fp && !i)
			ret = -errno;
	}
	if (!fp) {
		snprintf(file, file_size, "%s/available_filter_functions", tracefs_roots[0]);
		return ret;
	}
	while (!ret && getline(&line, &cap, fp) > 0) {
		/* "NAME" or "NAME [MODULE]" */
		name = strtok(line, " \t\n");
		if (name && glob_match(name, pattern))
			ret = funcs_add(f, name);
	}
	free(line);
	fclose(fp);
	if (ret)
		return ret;
	if (f->cnt)
		qsort(f->names, f->cnt, sizeof(*f->names), name_cmp);
	for (i = 0; i < f->cnt; i++) {
		if (n && !strcmp(f->names[n - 1], f->names[i]))
			free(f->names[i]);
		else
			f->names[n++] = f->names[i];
	}
	f->cnt = n;
	return 0;
}

/*
 * Where and how bpf_annotate_attach() attaches a program: from its section
 * or from &bpf_annotate_attach_opts.target, before anything is opened, so
 * that the annotation is checked before the kernel is asked
 */
enum how { HOW_LINK, HOW_RAW_TP, HOW_TP, HOW_PROBE, HOW_KMULTI, HOW_UMULTI, HOW_PERF, HOW_XDP };

struct target {
	enum how how;
	__u32 kind;		/* as the kernel checks it (bpf_lockdown_check_attach()) */
	bool ret;		/* a return probe */
	const char *pmu;	/* "kprobe" or "uprobe" */
	char where[256];	/* raw tracepoint, "GROUP/NAME", function, pattern or file */
	char sym[256];		/* an uprobe's symbol, an uprobe_multi link's pattern */
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

/* a kprobe_multi link (or session) at the functions PATTERN names */
static void kmulti(struct target *t, __u32 kind, bool ret, const char *pattern)
{
	t->how = HOW_KMULTI;
	t->kind = kind;
	t->ret = ret;
	snprintf(t->where, sizeof(t->where), "%s", pattern);
}

/* an uprobe_multi link at PATH:PATTERN: the kernel names its point by the path */
static int umulti(struct target *t, bool ret, const char *rest)
{
	if (probe_file(t, rest) || !t->where[0] || !t->sym[0])
		return -EINVAL;
	t->how = HOW_UMULTI;
	t->kind = BPF_TRACE_UPROBE_MULTI;
	t->ret = ret;
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
		   prog->expected_attach_type == BPF_TRACE_KPROBE_MULTI &&
		   (prefix(sec, "kprobe.multi/", &rest) || prefix(sec, "kretprobe.multi/", &rest)) &&
		   *rest) {
		kmulti(t, BPF_TRACE_KPROBE_MULTI, sec[1] == 'r', rest);
	} else if (prog->type == BPF_PROG_TYPE_KPROBE &&
		   prog->expected_attach_type == BPF_TRACE_KPROBE_SESSION &&
		   prefix(sec, "kprobe.session/", &rest) && *rest) {
		kmulti(t, BPF_TRACE_KPROBE_SESSION, false, rest);
	} else if (prog->type == BPF_PROG_TYPE_KPROBE &&
		   prog->expected_attach_type == BPF_TRACE_UPROBE_MULTI &&
		   (prefix(sec, "uprobe.multi/", &rest) || prefix(sec, "uretprobe.multi/", &rest) ||
		    prefix(sec, "uprobe.multi.s/", &rest) ||
		    prefix(sec, "uretprobe.multi.s/", &rest))) {
		if (umulti(t, sec[1] == 'r', rest))
			return no_target(obj, prog, err, err_size);
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
	__u32 multi = prog->type == BPF_PROG_TYPE_KPROBE ? prog->expected_attach_type : 0;
	const char *rest;

	memset(t, 0, sizeof(*t));
	snprintf(t->desc, sizeof(t->desc), "%s", target);
	if (multi == BPF_TRACE_KPROBE_MULTI &&
	    (prefix(target, "kprobe:", &rest) || prefix(target, "kretprobe:", &rest)) && *rest) {
		kmulti(t, multi, target[1] == 'r', rest);
	} else if (multi == BPF_TRACE_KPROBE_SESSION && prefix(target, "kprobe:", &rest) && *rest) {
		kmulti(t, multi, false, rest);
	} else if (multi == BPF_TRACE_UPROBE_MULTI &&
		   (prefix(target, "uprobe:", &rest) || prefix(target, "uretprobe:", &rest))) {
		if (umulti(t, target[1] == 'r', rest))
			return ba_fail(err, err_size, -EINVAL,
				       "%s: program %s: attach target %s: an uprobe_multi link is uprobe:PATH:PATTERN",
				       obj->name, prog->name, target);
	} else if (probe && (prefix(target, "kprobe:", &rest) || prefix(target, "kretprobe:", &rest))) {
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
			       "%s: program %s: cannot attach a program of type %s (section %s) at %s: a target is kprobe:FUNC, kretprobe:FUNC, uprobe:PATH:SYMBOL or uretprobe:PATH:SYMBOL for kprobe programs, kprobe:PATTERN or kretprobe:PATTERN for kprobe.multi (kprobe:PATTERN for kprobe.session), uprobe:PATH:PATTERN or uretprobe:PATH:PATTERN for uprobe.multi, tracepoint:GROUP:NAME, raw_tracepoint:NAME, or xdp:skb|drv|hw",
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

/*
 * The program's annotation, when it binds attachments: 1; 0 when it binds
 * none (no annotation, version 1); -EBADMSG when it does not parse
 */
static int annot_parse(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
		       struct bpf_lockdown_annot *a, char *err, size_t err_size)
{
	char msg[256];

	if (!prog->annot)
		return 0;
	if (bpf_lockdown_annot_parse(prog->annot, prog->annot_size, a, msg, sizeof(msg)))
		return ba_fail(err, err_size, -EBADMSG, "%s: program %s: %s", obj->name, prog->name,
			       msg);
	return a->version >= 2;
}

/*
 * Whether annotation @a refuses attaching @prog as @kind at @where (see
 * bpf_annotate_attach_check()), with the reason in @why. @points_only: the
 * kind was checked already (the kernel's check of each function or file
 * of a multi-probe link), only the level and the point are.
 */
static bool annot_refuses(const struct bpf_annotate_prog *prog, const struct bpf_lockdown_annot *a,
			  __u32 kind, const char *where, int level, bool points_only, char *why,
			  size_t why_size)
{
	const char *pk = ba_point_kind(kind), *name = bpf_lockdown_attach_name(kind) ?: "?";
	bool any = false, noname;
	char text[256];
	size_t len = 0;
	unsigned int l;
	__u32 i;

	why[0] = '\0';
	if (level >= BPF_LOCKDOWN_LEVEL_NR)
		level = -1;
	if (level >= 0 && !bpf_lockdown_annot_may_load(a, level)) {
		snprintf(why, why_size, "it may not load at level %s",
			 bpf_lockdown_level_name(level));
	} else if (prog->type == BPF_PROG_TYPE_EXT) {
		return false;
	} else if (!points_only && level >= 0 && !bpf_lockdown_annot_may_attach(a, level, kind)) {
		ba_attach_kinds_text(a->attach[level], text, sizeof(text));
		snprintf(why, why_size, "level %s allows only %s", bpf_lockdown_level_name(level),
			 text);
	} else if (!points_only && level < 0) {
		for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR && !any; l++)
			any = bpf_lockdown_annot_may_attach(a, l, kind);
		if (!any)
			snprintf(why, why_size,
				 "no level at which it may load allows attach kind %s", name);
		any = false;
	}
	if (why[0] || !pk || !where || !a->point_cnt)
		return why[0];
	/* a path the kernel cannot name matches no point */
	noname = !*where || (pk[0] == 'u' && !ba_path_canonical(where));
	for (i = 0; i < a->point_cnt; i++) {
		const char *p = bpf_lockdown_annot_point(a, i);

		if (strncmp(p, pk, strlen(pk)) || p[strlen(pk)] != ':')
			continue;
		if (!noname && ba_point_match(p, pk, where))
			return false;
		if (len < sizeof(text))
			len += snprintf(text + len, sizeof(text) - len, "%s%s", any ? " " : "", p);
		any = true;
	}
	if (!any)
		snprintf(why, why_size, "it names attach points, and none of kind %s", pk);
	else if (!*where)
		snprintf(why, why_size,
			 "its %s points are %s, and the kernel names no point for a probe at an offset from its function",
			 pk, text);
	else if (noname)
		snprintf(why, why_size,
			 "its %s points are %s, and the kernel names no point for a path that is not absolute and canonical",
			 pk, text);
	else
		snprintf(why, why_size, "its %s points are %s", pk, text);
	return true;
}

static int refused(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
		   __u32 kind, const char *at, const char *why, char *err, size_t err_size)
{
	return ba_fail(err, err_size, -EPERM,
		       "%s: program %s: its annotation does not allow attaching it as %s%s: %s; not asking the kernel, which would refuse it (EPERM)",
		       obj->name, prog->name, bpf_lockdown_attach_name(kind) ?: "?", at, why);
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
	const char *pk = ba_point_kind(kind);
	struct bpf_lockdown_annot a;
	char why[512], at[320] = "";
	int ret;

	ret = annot_parse(obj, prog, &a, err, err_size);
	if (ret <= 0)
		return ret;
	if (pk && where && *where)
		snprintf(at, sizeof(at), " at %s:%s", pk, where);
	if (!annot_refuses(prog, &a, kind, where, level, false, why, sizeof(why)))
		return 0;
	return refused(obj, prog, kind, at, why, err, err_size);
}

/**
 * bpf_annotate_attach_check_multi() - may a program's annotation be
 *	attached as a multi-probe link here
 * @obj: the sealed object (for messages)
 * @prog: the program, with its annotation
 * @kind: the link: BPF_TRACE_KPROBE_MULTI, BPF_TRACE_KPROBE_SESSION or
 *	BPF_TRACE_UPROBE_MULTI
 * @retprobe: return probes (BPF_F_KPROBE_MULTI_RETURN,
 *	BPF_F_UPROBE_MULTI_RETURN); false for a session, which the kernel
 *	checks as kprobes
 * @where: the functions the link probes, by name (a kprobe_multi link or
 *	session), or its one file, as the loader passes it (uprobe_multi)
 * @cnt: number of @where; 0 checks the kind alone
 * @level: as for bpf_annotate_attach_check()
 * @err: reason on refusal
 * @err_size: size of @err
 *
 * As the kernel checks such a link: its kind when the link is created,
 * as bpf_annotate_attach_check() does; then, when the annotation names
 * attach points, each function as a kprobe point (kretprobe for return
 * probes), or the file as an uprobe point (uretprobe), of which one must
 * match. The kernel matches an exact kprobe point by the function's
 * address, so that it names an alias too; this check, by name.
 *
 * Return: 0 when the annotation allows the link; -EPERM with the reason
 * ("OBJ: program PROG: its annotation does not allow attaching it as
 * kprobe at kprobe:FUNC, a function of its trace_kprobe_multi link: its
 * kprobe points are kprobe:do_nano*; ...") when it does not; -EBADMSG for
 * an annotation that does not parse; -EINVAL for another @kind, a session
 * with @retprobe, or several files.
 */
int bpf_annotate_attach_check_multi(const struct bpf_annotate_obj *obj,
				    const struct bpf_annotate_prog *prog, __u32 kind, bool retprobe,
				    const char *const *where, size_t cnt, int level, char *err,
				    size_t err_size)
{
	const char *pk, *part, *bad = NULL;
	struct bpf_lockdown_annot a;
	char why[512], at[512];
	__u32 pkind;
	size_t i;
	int ret;

	if (kind == BPF_TRACE_KPROBE_MULTI || kind == BPF_TRACE_KPROBE_SESSION) {
		pkind = retprobe ? BPF_LOCKDOWN_ATTACH_KRETPROBE : BPF_LOCKDOWN_ATTACH_KPROBE;
		part = "a function";
		if (kind == BPF_TRACE_KPROBE_SESSION && retprobe)
			bad = "a kprobe session has no return probes";
	} else if (kind == BPF_TRACE_UPROBE_MULTI) {
		pkind = retprobe ? BPF_LOCKDOWN_ATTACH_URETPROBE : BPF_LOCKDOWN_ATTACH_UPROBE;
		part = "the file";
		if (cnt > 1)
			bad = "an uprobe_multi link probes one file";
	} else {
		bad = "not a multi-probe link";
	}
	if (bad)
		return ba_fail(err, err_size, -EINVAL, "%s: program %s: attach kind %s: %s",
			       obj->name, prog->name, bpf_lockdown_attach_name(kind) ?: "?", bad);
	ret = annot_parse(obj, prog, &a, err, err_size);
	if (ret <= 0)
		return ret;
	if (annot_refuses(prog, &a, kind, NULL, level, false, why, sizeof(why)))
		return refused(obj, prog, kind, "", why, err, err_size);
	if (!a.point_cnt)
		return 0;
	pk = ba_point_kind(pkind);
	for (i = 0; i < cnt; i++) {
		if (!annot_refuses(prog, &a, pkind, where[i], level, true, why, sizeof(why)))
			continue;
		snprintf(at, sizeof(at), " at %s:%s, %s of its %s link", pk, where[i], part,
			 bpf_lockdown_attach_name(kind) ?: "?");
		return refused(obj, prog, pkind, at, why, err, err_size);
	}
	return 0;
}

/*
 * A kprobe_multi link (or session) at the functions of a pattern, or an
 * uprobe_multi link at the functions of a pattern in a file; with @check,
 * the kind and each function or the file are checked first
 */
static int attach_multi(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
			int prog_fd, const struct target *t, bool check,
			struct bpf_annotate_links *links, char *err, size_t err_size)
{
	LIBBPF_OPTS(bpf_link_create_opts, lo);
	const char *path = t->where;
	int level = running_level(), fd, ret = 0;
	unsigned long *offs = NULL;
	struct funcs f = { 0 };
	char file[300];
	size_t cnt = 0;

	/* the kind first: the kernel checks it when the link is created */
	if (check)
		ret = bpf_annotate_attach_check_multi(obj, prog, t->kind, t->ret, NULL, 0, level,
						      err, err_size);
	if (ret)
		return ret;
	if (t->how == HOW_KMULTI) {
		ret = kmulti_funcs(t->where, &f, file, sizeof(file));
		if (ret)
			ret = ba_fail(err, err_size, ret, "%s: program %s: %s%s%s%s", obj->name,
				      prog->name, file[0] ? "cannot read " : "", file,
				      file[0] ? ": " : "", strerror(-ret));
		else if (!f.cnt)
			ret = ba_fail(err, err_size, -ENOENT,
				      "%s: program %s: no function in %s matches %s", obj->name,
				      prog->name, file, t->where);
		else if (check)
			ret = bpf_annotate_attach_check_multi(obj, prog, t->kind, t->ret,
							      (const char *const *)f.names, f.cnt,
							      level, err, err_size);
		lo.kprobe_multi.syms = (const char **)f.names;
		lo.kprobe_multi.cnt = f.cnt;
		lo.kprobe_multi.flags = t->ret ? BPF_F_KPROBE_MULTI_RETURN : 0;
	} else {
		if (check)
			ret = bpf_annotate_attach_check_multi(obj, prog, t->kind, t->ret, &path, 1,
							      level, err, err_size);
		if (!ret) {
			ret = elf_resolve_pattern_offsets(path, t->sym, &offs, &cnt);
			if (ret)
				ret = ba_fail(err, err_size, ret,
					      "%s: program %s: cannot find %s in %s", obj->name,
					      prog->name, t->sym, path);
		}
		lo.uprobe_multi.path = path;
		lo.uprobe_multi.offsets = offs;
		lo.uprobe_multi.cnt = cnt;
		lo.uprobe_multi.flags = t->ret ? BPF_F_UPROBE_MULTI_RETURN : 0;
	}
	if (!ret) {
		fd = bpf_link_create(prog_fd, 0, t->kind, &lo);
		fd = fd < 0 ? -errno : fd;
		if (fd >= 0)
			fd = links_add(links, fd);
		if (fd < 0)
			ret = ba_fail(err, err_size, fd, "%s: program %s: attaching to %s: %s",
				      obj->name, prog->name, t->desc, strerror(-fd));
	}
	funcs_free(&f);
	free(offs);
	if (ret)
		bpf_annotate_links_close(links);
	return ret;
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
 * multi-probe links kprobe.multi/PATTERN, kretprobe.multi/PATTERN,
 * kprobe.session/PATTERN, uprobe.multi/PATH:PATTERN and
 * uretprobe.multi/PATH:PATTERN (and .s), the BTF-targeted fentry, fexit,
 * fmod_ret, tp_btf and lsm programs, and iterators without parameters
 * (iter/task, iter/bpf_map, ...); freplace programs replace the function
 * of the program they were loaded for. @opts->target attaches a kprobe
 * (or multi-probe), tracepoint, raw tracepoint or XDP program elsewhere.
 * A kprobe_multi link probes, by name, each function ftrace may probe
 * whose name its pattern matches (available_filter_functions), once per
 * name; an uprobe_multi link, each function of the file the pattern
 * matches, in every process. A perf_event program samples the cpu-clock
 * software event at @opts->perf_freq (default 99) Hz on every online CPU,
 * one link per CPU (@links->cpus); an XDP program attaches to
 * @opts->ifindex with @opts->xdp_flags. On failure, the links already made
 * are closed.
 *
 * Unless @opts->no_check, the program's annotation is checked first, as
 * bpf_annotate_attach_check() (bpf_annotate_attach_check_multi() for a
 * multi-probe link, with each function its pattern matches) at the running
 * kernel's level (from /sys/kernel/security/bpf_lockdown/level; at any
 * level the program may load at when it cannot be read), and an attachment
 * it does not allow is refused before any system call.
 *
 * Return: 0; -EOPNOTSUPP for programs that need a target neither the
 * section nor @opts name (tc, cgroup, sockmap, struct_ops, ...),
 * -EINVAL for an XDP program without @opts->ifindex or a @opts->target
 * that does not fit the program, -EPERM when its annotation does not allow
 * the attachment, -ENOENT when no function matches a kprobe_multi pattern;
 * the errno of the attach syscall.
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
	if (t.how == HOW_KMULTI || t.how == HOW_UMULTI)
		return attach_multi(obj, prog, prog_fd, &t, !opts || !opts->no_check, links, err,
				    err_size);
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
