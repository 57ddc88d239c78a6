// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - inference: where a program is attached, from its section */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annot.h"
#include "infer_attach.h"
#include "tier_table.h"
#include "util.h"

/*
 * The section name says, by libbpf's conventions, how a program is meant
 * to be attached (and for probes and tracepoints, where): the kinds and
 * points seal writes into annotation version 2. The program type and the
 * expected attach type, which libbpf derived from the same section, give
 * the attach type where the section has one.
 */

/* how the rest of a section names the attach point */
enum point_form {
	PT_NONE,	/* no point: the load fixes the target, or the loader picks it */
	PT_FUNC,	/* kprobe/FUNC[+OFF] */
	PT_SYSCALL,	/* ksyscall/NAME: the arch's syscall function */
	PT_PATH,	/* uprobe/PATH:SYM, usdt/PATH:PROVIDER:NAME: the path */
	PT_GLOB,	/* kprobe.multi/PATTERN */
	PT_TP,		/* tracepoint/GROUP/NAME */
	PT_NAME,	/* raw_tp/NAME, tp_btf/NAME */
};

/* the kind is the program's expected attach type */
#define EXPECTED	(~0U)
/* usdt: uprobe_multi links when libbpf loaded it so, perf uprobes otherwise */
#define USDT		(~1U)
#define K(x)		BPF_LOCKDOWN_ATTACH_##x

/**
 * struct sec_rule - one section family
 * @sec: as in libbpf's section table: "x+" is "x" or "x/...", "x/" any
 *	"x/...", otherwise the section is exactly "x"
 * @kinds: the attach kinds, 0-terminated after the first (kind 0 is
 *	BPF_CGROUP_INET_INGRESS, which is first where it appears)
 * @point_kind: the kind of the point the section names, or NULL
 * @form: how the section names it
 * @note: for sections that bind no kind, why
 */
struct sec_rule {
	const char *sec;
	__u32 kinds[3];
	const char *point_kind;
	enum point_form form;
	const char *note;
};

#define KINDS(s, ...)		{ .sec = (s), .kinds = { __VA_ARGS__ } }
#define POINT(s, k, pk, f)	{ .sec = (s), .kinds = { k }, .point_kind = (pk), .form = (f) }
#define NOTE(s, why)		{ .sec = (s), .note = (why) }

static const struct sec_rule sec_rules[] = {
	POINT("kprobe+", K(KPROBE), "kprobe", PT_FUNC),
	POINT("kretprobe+", K(KRETPROBE), "kretprobe", PT_FUNC),
	POINT("ksyscall+", K(KPROBE), "kprobe", PT_SYSCALL),
	POINT("kretsyscall+", K(KRETPROBE), "kretprobe", PT_SYSCALL),
	POINT("uprobe+", K(UPROBE), "uprobe", PT_PATH),
	POINT("uprobe.s+", K(UPROBE), "uprobe", PT_PATH),
	POINT("uretprobe+", K(URETPROBE), "uretprobe", PT_PATH),
	POINT("uretprobe.s+", K(URETPROBE), "uretprobe", PT_PATH),
	POINT("kprobe.multi+", BPF_TRACE_KPROBE_MULTI, "kprobe", PT_GLOB),
	POINT("kretprobe.multi+", BPF_TRACE_KPROBE_MULTI, "kretprobe", PT_GLOB),
	POINT("kprobe.session+", BPF_TRACE_KPROBE_SESSION, "kprobe", PT_GLOB),
	POINT("uprobe.multi+", BPF_TRACE_UPROBE_MULTI, "uprobe", PT_PATH),
	POINT("uretprobe.multi+", BPF_TRACE_UPROBE_MULTI, "uretprobe", PT_PATH),
	POINT("uprobe.multi.s+", BPF_TRACE_UPROBE_MULTI, "uprobe", PT_PATH),
	POINT("uretprobe.multi.s+", BPF_TRACE_UPROBE_MULTI, "uretprobe", PT_PATH),
	POINT("usdt+", USDT, "uprobe", PT_PATH),
	POINT("usdt.s+", USDT, "uprobe", PT_PATH),
	KINDS("tc/ingress", BPF_TCX_INGRESS),
	KINDS("tc/egress", BPF_TCX_EGRESS),
	KINDS("tcx/ingress", BPF_TCX_INGRESS),
	KINDS("tcx/egress", BPF_TCX_EGRESS),
	KINDS("tc", K(TC)),
	KINDS("classifier", K(TC)),
	KINDS("action", K(TC)),
	KINDS("netkit/primary", EXPECTED),
	KINDS("netkit/peer", EXPECTED),
	POINT("tracepoint+", K(TRACEPOINT), "tracepoint", PT_TP),
	POINT("tp+", K(TRACEPOINT), "tracepoint", PT_TP),
	POINT("raw_tracepoint+", K(RAW_TRACEPOINT), "raw_tracepoint", PT_NAME),
	POINT("raw_tp+", K(RAW_TRACEPOINT), "raw_tracepoint", PT_NAME),
	POINT("raw_tracepoint.w+", K(RAW_TRACEPOINT), "raw_tracepoint", PT_NAME),
	POINT("raw_tp.w+", K(RAW_TRACEPOINT), "raw_tracepoint", PT_NAME),
	POINT("tp_btf+", BPF_TRACE_RAW_TP, "raw_tracepoint", PT_NAME),
	KINDS("fentry+", EXPECTED),
	KINDS("fmod_ret+", EXPECTED),
	KINDS("fexit+", EXPECTED),
	KINDS("fentry.s+", EXPECTED),
	KINDS("fmod_ret.s+", EXPECTED),
	KINDS("fexit.s+", EXPECTED),
	NOTE("freplace+",
	     "an extension runs where its target program runs, which its signature fixes"),
	KINDS("lsm+", EXPECTED),
	KINDS("lsm.s+", EXPECTED),
	KINDS("lsm_cgroup+", EXPECTED),
	KINDS("iter+", EXPECTED),
	KINDS("iter.s+", EXPECTED),
	NOTE("syscall",
	     "a syscall program is run with BPF_PROG_RUN, never attached"),
	KINDS("xdp.frags/devmap", EXPECTED),
	KINDS("xdp/devmap", EXPECTED),
	KINDS("xdp.frags/cpumap", EXPECTED),
	KINDS("xdp/cpumap", EXPECTED),
	KINDS("xdp.frags", EXPECTED),
	KINDS("xdp", EXPECTED),
	KINDS("perf_event", K(PERF_EVENT)),
	KINDS("lwt_in", K(LWT)),
	KINDS("lwt_out", K(LWT)),
	KINDS("lwt_xmit", K(LWT)),
	KINDS("lwt_seg6local", K(LWT)),
	KINDS("sockops", EXPECTED),
	KINDS("sk_skb/stream_parser", EXPECTED),
	KINDS("sk_skb/stream_verdict", EXPECTED),
	KINDS("sk_skb/verdict", EXPECTED),
	/* without a suffix, any of the three sockmap attach types */
	KINDS("sk_skb", BPF_SK_SKB_STREAM_PARSER, BPF_SK_SKB_STREAM_VERDICT, BPF_SK_SKB_VERDICT),
	KINDS("sk_msg", EXPECTED),
	KINDS("lirc_mode2", EXPECTED),
	KINDS("flow_dissector", EXPECTED),
	KINDS("cgroup_skb/ingress", EXPECTED),
	KINDS("cgroup_skb/egress", EXPECTED),
	/* the legacy section names neither direction */
	KINDS("cgroup/skb", BPF_CGROUP_INET_INGRESS, BPF_CGROUP_INET_EGRESS),
	KINDS("cgroup/", EXPECTED),
	KINDS("struct_ops+", BPF_STRUCT_OPS),
	KINDS("struct_ops.s+", BPF_STRUCT_OPS),
	KINDS("sk_lookup", EXPECTED),
	KINDS("netfilter", EXPECTED),
	KINDS("socket", K(SOCKET)),
	/* the attach type of the load, and SO_ATTACH_REUSEPORT_EBPF */
	KINDS("sk_reuseport/migrate", EXPECTED, K(REUSEPORT)),
	KINDS("sk_reuseport", EXPECTED, K(REUSEPORT)),
};

/* libbpf's sec_def_matches(); @rest is set to what follows "x/" or "" */
static bool sec_matches(const char *rule, const char *sec, const char **rest)
{
	size_t len = strlen(rule);

	if (rule[len - 1] == '/') {
		*rest = sec + len;
		return !strncmp(sec, rule, len);
	}
	if (rule[len - 1] == '+') {
		len--;
		if (strncmp(sec, rule, len) || (sec[len] && sec[len] != '/'))
			return false;
		*rest = sec[len] ? sec + len + 1 : "";
		return true;
	}
	*rest = "";
	return !strcmp(sec, rule);
}

/* libbpf's arch_specific_syscall_pfx() */
static const char *syscall_pfx(void)
{
#if defined(__x86_64__)
	return "x64";
#elif defined(__i386__)
	return "ia32";
#elif defined(__s390x__)
	return "s390x";
#elif defined(__s390__)
	return "s390";
#elif defined(__arm__)
	return "arm";
#elif defined(__aarch64__)
	return "arm64";
#elif defined(__mips__)
	return "mips";
#elif defined(__riscv)
	return "riscv";
#elif defined(__powerpc64__)
	return "powerpc64";
#elif defined(__powerpc__)
	return "powerpc";
#elif defined(__loongarch__)
	return "loongarch";
#else
	return NULL;
#endif
}

/**
 * ba_syscall_func() - the kernel function of a system call, as libbpf
 *	attaches ksyscall/NAME
 * @name: the system call ("getpid")
 * @buf: set to the function ("__x64_sys_getpid" on x86-64)
 * @size: size of @buf
 *
 * libbpf probes the running kernel for syscall wrappers; every kernel
 * with BPF lockdown (6.12) has them on the architectures that name a
 * prefix.
 *
 * Return: 0, or -EOPNOTSUPP on an architecture libbpf names no prefix
 * for.
 */
int ba_syscall_func(const char *name, char *buf, size_t size)
{
	const char *pfx = syscall_pfx();

	if (!pfx)
		return -EOPNOTSUPP;
	snprintf(buf, size, "__%s_sys_%s", pfx, name);
	return 0;
}

/**
 * ba_attach_has_kind() - whether an attach kind bitmap has a kind
 * @kinds: the bitmap (%BPF_LOCKDOWN_ANNOT_ATTACH_WORDS words)
 * @kind: &enum bpf_attach_type or &enum bpf_lockdown_attach_kind
 *
 * Return: true when bit @kind is set.
 */
bool ba_attach_has_kind(const __u64 *kinds, __u32 kind)
{
	return kind < BPF_LOCKDOWN_ANNOT_ATTACH_WORDS * 64 &&
	       (kinds[kind / 64] & (1ULL << (kind % 64)));
}

/**
 * ba_attach_empty() - whether an attach kind bitmap is empty
 * @kinds: the bitmap
 *
 * Return: true when no kind is set: only what the load fixed.
 */
bool ba_attach_empty(const __u64 *kinds)
{
	unsigned int i;

	for (i = 0; i < BPF_LOCKDOWN_ANNOT_ATTACH_WORDS; i++)
		if (kinds[i])
			return false;
	return true;
}

/**
 * ba_attach_kinds_text() - an attach kind bitmap in words
 * @kinds: the bitmap
 * @buf: set to the names ("kprobe", "cgroup_inet_ingress cgroup_inet_egress"),
 *	or "what the load fixed" for an empty bitmap
 * @size: size of @buf
 *
 * Return: the length snprintf() returns.
 */
int ba_attach_kinds_text(const __u64 *kinds, char *buf, size_t size)
{
	const char *name;
	size_t len = 0;
	__u32 k;

	if (ba_attach_empty(kinds))
		return snprintf(buf, size, "what the load fixed");
	buf[0] = '\0';
	for (k = 0; k < BPF_LOCKDOWN_ANNOT_ATTACH_WORDS * 64 && len < size; k++) {
		if (!ba_attach_has_kind(kinds, k))
			continue;
		name = bpf_lockdown_attach_name(k);
		if (name)
			len += snprintf(buf + len, size - len, "%s%s", len ? " " : "", name);
		else
			len += snprintf(buf + len, size - len, "%s#%u", len ? " " : "", k);
	}
	return len;
}

/**
 * ba_path_canonical() - whether the kernel names a file by this path
 * @p: a path
 *
 * The kernel matches an uprobe's path to the annotation's points only
 * when it is absolute and has no ".", ".." or empty component: otherwise
 * "/opt/app/../../bin/sh" would match the prefix point of /opt/app/.
 *
 * Return: true when @p is absolute and canonical.
 */
bool ba_path_canonical(const char *p)
{
	if (p[0] != '/')
		return false;
	for (; *p; p++) {
		if (*p != '/')
			continue;
		if (p[1] == '/' || (p[1] == '.' && (!p[2] || p[2] == '/')) ||
		    (p[1] == '.' && p[2] == '.' && (!p[3] || p[3] == '/')))
			return false;
	}
	return true;
}

/**
 * ba_point_valid() - whether an attach point is well formed
 * @point: "KIND:WHERE"
 * @why: set to the reason when it is not (the shared parser's), or NULL
 * @why_size: size of @why
 *
 * The point is checked by building a one-point annotation and parsing it
 * with the kernel's parser, so the tool accepts exactly what the kernel
 * does (DOC: attach points in include/uapi/linux/bpf_lockdown.h).
 *
 * Return: true when the kernel would accept @point.
 */
bool ba_point_valid(const char *point, char *why, size_t why_size)
{
	struct bpf_lockdown_annot_spec spec = { .bind_attach = true, .point_cnt = 1 };
	const char *points[1] = { point };
	char buf[1024], msg[256];
	__u32 size;

	spec.points = points;
	if (!bpf_lockdown_annot_build(&spec, buf, sizeof(buf), &size, msg, sizeof(msg)))
		return true;
	if (why)
		snprintf(why, why_size, "%s", msg);
	return false;
}

/**
 * ba_point_kind() - the kind of point an attachment of a kind is matched to
 * @kind: &enum bpf_attach_type or &enum bpf_lockdown_attach_kind, as the
 *	kernel checks it (bpf_lockdown_check_attach())
 *
 * Return: "kprobe", "kretprobe", "uprobe", "uretprobe", "tracepoint",
 * "raw_tracepoint" or "xdp", or NULL for kinds without points.
 */
const char *ba_point_kind(__u32 kind)
{
	switch (kind) {
	case K(KPROBE):
		return "kprobe";
	case K(KRETPROBE):
		return "kretprobe";
	case K(UPROBE):
		return "uprobe";
	case K(URETPROBE):
		return "uretprobe";
	case K(TRACEPOINT):
		return "tracepoint";
	case K(RAW_TRACEPOINT):
	case BPF_TRACE_RAW_TP:
		return "raw_tracepoint";
	case BPF_XDP:
		return "xdp";
	default:
		return NULL;
	}
}

/**
 * ba_point_kind_of() - the kinds of point an attach kind may be bound to
 * @kind: &enum bpf_attach_type or &enum bpf_lockdown_attach_kind
 * @i: index, from 0
 *
 * A kprobe_multi link (or session) probes functions as kprobes or, for
 * return probes, kretprobes; an uprobe_multi link files as uprobes or
 * uretprobes (DOC: attach points). The first is the default of a policy
 * line that names a point without its kind.
 *
 * Return: the @i-th kind of point, or NULL after the last.
 */
const char *ba_point_kind_of(__u32 kind, unsigned int i)
{
	static const char *const kprobes[] = { "kprobe", "kretprobe", NULL };
	static const char *const uprobes[] = { "uprobe", "uretprobe", NULL };

	switch (kind) {
	case BPF_TRACE_KPROBE_MULTI:
	case BPF_TRACE_KPROBE_SESSION:
		return i < 2 ? kprobes[i] : NULL;
	case BPF_TRACE_UPROBE_MULTI:
		return i < 2 ? uprobes[i] : NULL;
	default:
		return i ? NULL : ba_point_kind(kind);
	}
}

/**
 * ba_point_match() - whether an annotation's point names an attachment,
 *	as the kernel matches them
 * @pat: the annotation's point, "KIND:WHERE", WHERE with a final "*" for
 *	a prefix
 * @point_kind: the kind of the attachment's point ("kprobe")
 * @where: the attachment's point without its kind ("do_nanosleep")
 *
 * Return: true when @pat is of @point_kind and names @where.
 */
bool ba_point_match(const char *pat, const char *point_kind, const char *where)
{
	size_t klen = strlen(point_kind), n;

	if (strncmp(pat, point_kind, klen) || pat[klen] != ':')
		return false;
	pat += klen + 1;
	n = strlen(pat);
	if (n && pat[n - 1] == '*')
		return !strncmp(pat, where, n - 1);
	return !strcmp(pat, where);
}

/**
 * ba_attach_add_point() - add an attach point, once
 * @att: the binding
 * @point: "KIND:WHERE", at most %BA_POINT_MAX bytes
 *
 * Return: 0, -ENAMETOOLONG, or -E2BIG when @att has %BA_MAX_POINTS points.
 */
int ba_attach_add_point(struct ba_attach *att, const char *point)
{
	if (strlen(point) > BA_POINT_MAX)
		return -ENAMETOOLONG;
	if (ba_attach_has_point(att, point))
		return 0;
	if (att->point_cnt == BA_MAX_POINTS)
		return -E2BIG;
	snprintf(att->points[att->point_cnt++], BA_POINT_MAX + 1, "%s", point);
	return 0;
}

/**
 * ba_attach_del_point() - remove an attach point
 * @att: the binding
 * @point: "KIND:WHERE"
 *
 * Return: true when @att had @point.
 */
bool ba_attach_del_point(struct ba_attach *att, const char *point)
{
	__u32 i;

	for (i = 0; i < att->point_cnt; i++)
		if (!strcmp(att->points[i], point)) {
			memmove(att->points[i], att->points[i + 1],
				(att->point_cnt - i - 1) * sizeof(att->points[0]));
			att->point_cnt--;
			return true;
		}
	return false;
}

/**
 * ba_attach_has_point() - whether a binding names an attach point
 * @att: the binding
 * @point: "KIND:WHERE"
 *
 * Return: true when @point is one of @att->points.
 */
bool ba_attach_has_point(const struct ba_attach *att, const char *point)
{
	__u32 i;

	for (i = 0; i < att->point_cnt; i++)
		if (!strcmp(att->points[i], point))
			return true;
	return false;
}

/**
 * ba_attach_has_point_kind() - whether a binding has a point of a kind
 * @att: the binding
 * @point_kind: "kprobe", "tracepoint", ...
 *
 * Return: true when one of @att->points is "@point_kind:...".
 */
bool ba_attach_has_point_kind(const struct ba_attach *att, const char *point_kind)
{
	size_t klen = strlen(point_kind);
	__u32 i;

	for (i = 0; i < att->point_cnt; i++)
		if (!strncmp(att->points[i], point_kind, klen) && att->points[i][klen] == ':')
			return true;
	return false;
}

__attribute__((format(printf, 2, 3)))
static void note(struct ba_attach *att, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(att->note, sizeof(att->note), fmt, ap);
	va_end(ap);
	att->weak = true;
}

/* a point from the rest of the section, or a note why there is none */
static void infer_point(const struct bpf_annotate_prog *prog, const struct sec_rule *r,
			const char *rest, struct ba_attach *att)
{
	char where[BA_POINT_MAX + 1], point[BA_POINT_MAX + 2], why[256];
	const char *sep;
	size_t n;

	if (r->form == PT_NONE)
		return;
	if (!*rest) {
		note(att, "section %s names no %s: the annotation binds the attach kind only",
		     prog->sec_name, r->form == PT_PATH ? "file" : r->form == PT_TP ?
		     "tracepoint" : "function");
		return;
	}
	switch (r->form) {
	case PT_FUNC:
		/* an offset may move the probe onto another function: no name */
		n = strcspn(rest, "+");
		if (rest[n] && strtol(rest + n + 1, NULL, 0)) {
			note(att, "section %s: the kernel names no point for a probe at an offset from its function: the annotation binds the attach kind only",
			     prog->sec_name);
			return;
		}
		snprintf(where, sizeof(where), "%.*s", (int)n, rest);
		break;
	case PT_SYSCALL:
		if (ba_syscall_func(rest, where, sizeof(where))) {
			note(att, "section %s: this architecture has no syscall prefix: the annotation binds the attach kind only",
			     prog->sec_name);
			return;
		}
		break;
	case PT_PATH:
		n = strcspn(rest, ":");
		snprintf(where, sizeof(where), "%.*s", (int)n, rest);
		if (where[0] != '/') {
			note(att, "section %s: libbpf resolves the file %s when it attaches, and the kernel binds the path it is given: the annotation binds the attach kind only (name the file by its absolute path)",
			     prog->sec_name, where);
			return;
		}
		if (!ba_path_canonical(where)) {
			note(att, "section %s: the kernel names no point for the path %s, which is not canonical: the annotation binds the attach kind only",
			     prog->sec_name, where);
			return;
		}
		break;
	case PT_GLOB:
		n = strcspn(rest, "*?[");
		if (rest[n] && (rest[n] != '*' || rest[n + 1])) {
			note(att, "section %s: the pattern %s is neither a name nor a prefix ending in *: the annotation binds the attach kind only",
			     prog->sec_name, rest);
			return;
		}
		snprintf(where, sizeof(where), "%s", rest);
		break;
	case PT_TP:
		sep = strchr(rest, '/');
		if (!sep) {
			note(att, "section %s names no GROUP/NAME: the annotation binds the attach kind only",
			     prog->sec_name);
			return;
		}
		snprintf(where, sizeof(where), "%.*s:%s", (int)(sep - rest), rest, sep + 1);
		break;
	default:
		snprintf(where, sizeof(where), "%s", rest);
		break;
	}
	snprintf(point, sizeof(point), "%s:%s", r->point_kind, where);
	if (!ba_point_valid(point, why, sizeof(why))) {
		note(att, "section %s: %s is not an attach point the kernel accepts: the annotation binds the attach kind only",
		     prog->sec_name, point);
		return;
	}
	ba_attach_add_point(att, point);
}

/**
 * ba_attach_infer() - where a program is meant to be attached
 * @prog: the program (its section, program type and expected attach type)
 * @att: filled with the attach kinds and points its section names, and a
 *	note when it binds less than the section suggests
 *
 * Section names follow libbpf ("INFERENCE" in Documentation/bpf-annotate.rst):
 * kprobe/FUNC is a perf kprobe at kprobe:FUNC, tracepoint/GROUP/NAME a
 * tracepoint at tracepoint:GROUP:NAME, cgroup_skb/ingress the attach type
 * BPF_CGROUP_INET_INGRESS, and so on. A section it does not know binds no
 * kind: only what the load fixed.
 */
void ba_attach_infer(const struct bpf_annotate_prog *prog, struct ba_attach *att)
{
	const struct sec_rule *r = NULL;
	const char *sec = prog->sec_name ?: "", *rest = "";
	__u32 kind;
	size_t i, k;

	memset(att, 0, sizeof(*att));
	for (i = 0; i < ARRAY_SIZE(sec_rules) && !r; i++)
		if (sec_matches(sec_rules[i].sec, sec, &rest))
			r = &sec_rules[i];
	if (!r) {
		note(att, "section %s names no attach kind bpf-annotate knows: the annotation binds none (only what the load fixed)",
		     sec);
		return;
	}
	if (r->note) {
		note(att, "section %s: %s", sec, r->note);
		att->weak = false;
		return;
	}
	for (k = 0; k < ARRAY_SIZE(r->kinds) && (!k || r->kinds[k]); k++) {
		kind = r->kinds[k];
		if (kind == EXPECTED)
			kind = prog->expected_attach_type;
		else if (kind == USDT)
			kind = prog->expected_attach_type == BPF_TRACE_UPROBE_MULTI ?
			       BPF_TRACE_UPROBE_MULTI : K(UPROBE);
		bpf_lockdown_annot_set_attach(att->kinds, kind);
	}
	infer_point(prog, r, rest, att);
}

/**
 * ba_infer_grants() - the annotation of each level before a policy
 * @needs: what the program's code uses
 * @att: where it is attached (ba_attach_infer())
 * @kernel_reads: seal for a kernel that lets signed programs read the
 *	kernel at confidentiality (&bpf_annotate_seal_opts.kernel_reads)
 * @grant: per level, set to what seal writes without a policy
 *
 * A level grants what the code uses and the attach kinds of @att when the
 * ceiling for signed programs allows all of it at that level, and nothing
 * (no MAY_LOAD, no attach kind) otherwise. At confidentiality, code that
 * reads through BTF pointers also needs ksym (ba_caps_at_level()): the
 * verifier keeps pointer leaks there only for a program granted ksym, and
 * refuses every load through a BTF pointer without them.
 */
void ba_infer_grants(const struct ba_needs *needs, const struct ba_attach *att,
		     bool kernel_reads, struct ba_grant grant[BPF_LOCKDOWN_LEVEL_NR])
{
	unsigned int l;

	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		grant[l] = needs->grant;
		grant[l].caps = ba_caps_at_level(needs->grant.caps, l);
		grant[l].may_load = ba_ceiling_allows_grant(&grant[l], l, kernel_reads);
		if (!grant[l].may_load)
			memset(&grant[l], 0, sizeof(grant[l]));
		else
			memcpy(grant[l].attach, att->kinds, sizeof(grant[l].attach));
	}
}
