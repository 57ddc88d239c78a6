// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown - attach types and attach points, checked where a program
 * is attached: the program's annotation, the level and mode it was loaded
 * at, and the unsigned tier's attach rows
 */

#define pr_fmt(fmt) "bpf_lockdown: " fmt

#include <linux/bpf.h>
#include <linux/bpf_verifier.h>
#include <linux/btf.h>
#include <linux/err.h>
#include <linux/fs_struct.h>
#include <linux/kallsyms.h>
#include <linux/netdevice.h>
#include <linux/nsproxy.h>
#include <linux/path.h>
#include <linux/perf_event.h>
#include <linux/ratelimit.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/trace_events.h>

#include "annot.h"
#include "lockdown.h"
#ifdef CONFIG_EVENT_TRACING
#include "../../trace/trace.h"	/* struct ftrace_event_field */
#endif

/*
 * Attach kinds that bind an attach point, with the name a point of that
 * kind starts with ("kprobe:do_nanosleep")
 */
static const char *bpf_lockdown_point_kind(u32 kind)
{
	switch (kind) {
	case BPF_LOCKDOWN_ATTACH_KPROBE:
		return "kprobe";
	case BPF_LOCKDOWN_ATTACH_KRETPROBE:
		return "kretprobe";
	case BPF_LOCKDOWN_ATTACH_UPROBE:
		return "uprobe";
	case BPF_LOCKDOWN_ATTACH_URETPROBE:
		return "uretprobe";
	case BPF_LOCKDOWN_ATTACH_TRACEPOINT:
		return "tracepoint";
	case BPF_LOCKDOWN_ATTACH_RAW_TRACEPOINT:
	case BPF_TRACE_RAW_TP:
		return "raw_tracepoint";
	case BPF_XDP:
		return "xdp";
	default:
		return NULL;
	}
}

/* The name of an attach kind for a log line */
static const char *bpf_lockdown_attach_kind_name(u32 kind)
{
	return bpf_lockdown_attach_name(kind) ?: "unknown";
}

/* Does the annotation's point PAT name POINT of kind KIND? */
static bool bpf_lockdown_point_match(const char *pat, const char *kind, const char *point)
{
	size_t klen = strlen(kind), n;

	if (strncmp(pat, kind, klen) || pat[klen] != ':')
		return false;
	pat += klen + 1;
	n = strlen(pat);
	if (n && pat[n - 1] == '*')
		return !strncmp(pat, point, n - 1);
	return !strcmp(pat, point);
}

/*
 * A path names a file through its text only when it is absolute and has no
 * "." or ".." component and no empty one: otherwise "/opt/app/../../bin/sh"
 * would match the prefix point "uprobe:/opt/app/" with a final star
 */
static bool bpf_lockdown_path_canonical(const char *p)
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

/*
 * A path names the file the initial mount namespace holds there only when
 * it is resolved there, from the initial root
 */
static bool bpf_lockdown_in_init_root(void)
{
	struct path root;
	bool same;

	if (!current->nsproxy || current->nsproxy->mnt_ns != init_task.nsproxy->mnt_ns)
		return false;
	get_fs_root(current->fs, &root);
	same = path_equal(&root, &init_task.fs->root);
	path_put(&root);
	return same;
}

/*
 * Why the program's own annotation refuses this attachment, or NULL. A
 * version 1 annotation has no attach section and refuses nothing here.
 */
static const char *bpf_lockdown_annot_refuses(const struct bpf_prog *prog,
					      const struct bpf_lockdown_annot *a,
					      enum bpf_lockdown_level level, u32 kind,
					      const char *point_kind, const char *point,
					      bool points_only)
{
	enum bpf_lockdown_level loaded = prog->aux->lockdown_level;
	size_t klen = point_kind ? strlen(point_kind) : 0;
	bool any = false;
	u32 i;

	if (a->version < 2)
		return NULL;
	if (!bpf_lockdown_annot_may_load(a, level))
		return "its annotation does not allow it at this level";
	/*
	 * an extension's target is fixed by its signature (trust.c); a
	 * multi-probe link's kind was checked when it was created
	 */
	if (prog->type == BPF_PROG_TYPE_EXT)
		return NULL;
	if (points_only)
		goto points;
	if (!bpf_lockdown_annot_may_attach(a, level, kind))
		return "its annotation does not allow this attach type at this level";
	if (!bpf_lockdown_annot_may_attach(a, loaded, kind))
		return "its annotation does not allow this attach type at its load level";
points:
	if (!point_kind || !a->point_cnt)
		return NULL;
	if (point && point_kind[0] == 'u' && !bpf_lockdown_path_canonical(point))
		return "the path is not absolute and canonical, so no attach point names it";
	if (point && point_kind[0] == 'u' && !bpf_lockdown_in_init_root())
		return "the path is resolved in another mount namespace or root";
	for (i = 0; i < a->point_cnt; i++) {
		const char *pat = bpf_lockdown_annot_point(a, i);

		if (strncmp(pat, point_kind, klen) || pat[klen] != ':')
			continue;
		any = true;
		if (point && bpf_lockdown_point_match(pat, point_kind, point))
			return NULL;
	}
	if (!any)
		return "its annotation names no attach point of this kind";
	if (!point)
		return "its annotation names attach points, and this one has no name";
	return "its annotation does not name this attach point";
}

/* One rate limit per rule, as for the other kinds of refusals */
static DEFINE_RATELIMIT_STATE(bpf_lockdown_attach_rs_annot, DEFAULT_RATELIMIT_INTERVAL,
			      DEFAULT_RATELIMIT_BURST);
static DEFINE_RATELIMIT_STATE(bpf_lockdown_attach_rs_level, DEFAULT_RATELIMIT_INTERVAL,
			      DEFAULT_RATELIMIT_BURST);
static DEFINE_RATELIMIT_STATE(bpf_lockdown_attach_rs_tier, DEFAULT_RATELIMIT_INTERVAL,
			      DEFAULT_RATELIMIT_BURST);

/*
 * Report and count a refusal; in audit mode (tier and level rules only) a
 * would-be refusal. Return: the errno for the caller.
 */
static int bpf_lockdown_attach_refuse(struct ratelimit_state *rs,
				      const struct bpf_prog *prog, bool enforce,
				      enum bpf_lockdown_level level, enum bpf_lockdown_mode mode,
				      const char *class, u32 kind, const char *point_kind,
				      const char *point, const char *why)
{
	/* an extension has no attach type: it replaces a function */
	const char *name = prog->type == BPF_PROG_TYPE_EXT ? "freplace" :
			   bpf_lockdown_attach_kind_name(kind);
	char safe[64];
	size_t i;

	/*
	 * A point may come from user space (a path, a tracepoint name): keep
	 * it from ending the quoted field or adding fields to the log line
	 */
	strscpy(safe, point ?: "?", sizeof(safe));
	for (i = 0; safe[i]; i++)
		if (safe[i] <= ' ' || safe[i] > '~' || safe[i] == '"' || safe[i] == '\\' ||
		    safe[i] == '=')
			safe[i] = '?';
	point = safe;
	bpf_lockdown_count_attach(level, enforce ? BPF_LOCKDOWN_REFUSED :
				  BPF_LOCKDOWN_WOULD_REFUSE);
	if (point_kind)
		__bpf_lockdown_report(rs, enforce ? BPF_LOCKDOWN_DECISION_REFUSED :
				      BPF_LOCKDOWN_DECISION_WOULD_REFUSE, "prog", prog->aux->name,
				      level, mode, class, "attach as %s at %s:%s: %s", name,
				      point_kind, point, why);
	else
		__bpf_lockdown_report(rs, enforce ? BPF_LOCKDOWN_DECISION_REFUSED :
				      BPF_LOCKDOWN_DECISION_WOULD_REFUSE, "prog", prog->aux->name,
				      level, mode, class, "attach as %s: %s", name, why);
	return enforce ? -EPERM : 0;
}

/*
 * A raw tracepoint hands its program the tracepoint's arguments as u64
 * numbers, kernel pointers among them, and the verifier records only how
 * far into them the program reads (max_ctx_offset). At confidentiality an
 * unsigned program is attached only where every argument up to there is an
 * integer or an enum in the tracepoint's prototype (the btf_trace_<name>
 * typedef of vmlinux, whose first parameter is the probe's data).
 * Return: NULL, or why not.
 */
static const char *bpf_lockdown_raw_tp_args(const struct bpf_prog *prog, const char *name)
{
	struct btf *btf = bpf_get_btf_vmlinux();
	const struct btf_param *args;
	const struct btf_type *t;
	char tname[128];
	u32 i, n;
	s32 id;

	n = DIV_ROUND_UP(prog->aux->max_ctx_offset, sizeof(u64));
	if (!n)
		return NULL;
	if (IS_ERR_OR_NULL(btf) || !name ||
	    snprintf(tname, sizeof(tname), "btf_trace_%s", name) >= sizeof(tname))
		return "the types of the tracepoint's arguments are unknown";
	id = btf_find_by_name_kind(btf, tname, BTF_KIND_TYPEDEF);
	t = id > 0 ? btf_type_by_id(btf, id) : NULL;
	t = t ? btf_type_skip_modifiers(btf, t->type, NULL) : NULL;
	t = t && btf_type_is_ptr(t) ? btf_type_by_id(btf, t->type) : NULL;
	if (!t || !btf_type_is_func_proto(t))
		return "the types of the tracepoint's arguments are unknown";
	args = btf_params(t);
	for (i = 0; i < n && i + 1 < btf_type_vlen(t); i++) {
		const struct btf_type *arg = btf_type_skip_modifiers(btf, args[i + 1].type, NULL);

		if (!arg || !(btf_type_is_int(arg) || btf_is_any_enum(arg)))
			return "it reads an argument that may hold a kernel pointer";
	}
	return NULL;
}

#ifdef CONFIG_EVENT_TRACING
/* The C integer types as trace event formats spell them */
static const char *const bpf_lockdown_c_ints[] = {
	"char", "signed char", "unsigned char", "short", "short int", "unsigned short",
	"unsigned short int", "short unsigned int", "int", "signed", "signed int", "unsigned",
	"unsigned int", "long", "long int", "unsigned long", "unsigned long int",
	"long unsigned int", "long long", "long long int", "unsigned long long",
	"unsigned long long int", "long long unsigned int", "bool", "_Bool",
};

/*
 * May a trace event's field of C type @type hold a kernel pointer? A
 * pointer, a struct or union, or a typedef of one (fl_owner_t is a void *,
 * initcall_t a function pointer): only the C integers, enums, typedefs
 * that vmlinux BTF resolves to either, arrays of those and the u32 of a
 * __data_loc field pass; a name BTF does not know does not.
 */
static bool bpf_lockdown_field_may_point(const char *type)
{
	struct btf *btf = bpf_get_btf_vmlinux();
	const struct btf_type *t;
	char name[64];
	size_t n, i;
	s32 id;

	if (!strncmp(type, "__data_loc ", 11) || !strncmp(type, "__rel_loc ", 10))
		return false;
	while (!strncmp(type, "const ", 6) || !strncmp(type, "volatile ", 9))
		type += *type == 'c' ? 6 : 9;
	if (strchr(type, '*') || !strncmp(type, "struct ", 7) || !strncmp(type, "union ", 6))
		return true;
	if (!strncmp(type, "enum ", 5))
		return false;
	/* an array's element */
	n = strcspn(type, "[");
	while (n && type[n - 1] == ' ')
		n--;
	if (!n || n >= sizeof(name))
		return true;
	memcpy(name, type, n);
	name[n] = '\0';
	for (i = 0; i < ARRAY_SIZE(bpf_lockdown_c_ints); i++)
		if (!strcmp(name, bpf_lockdown_c_ints[i]))
			return false;
	if (IS_ERR_OR_NULL(btf))
		return true;
	id = btf_find_by_name_kind(btf, name, BTF_KIND_TYPEDEF);
	t = id > 0 ? btf_type_skip_modifiers(btf, id, NULL) : NULL;
	return !t || !(btf_type_is_int(t) || btf_is_any_enum(t));
}

/*
 * Why may an unsigned program not read the record of @call at
 * confidentiality, or NULL. A tracepoint program reads the record at any
 * offset from 8 (the verifier keeps it off the first eight bytes, where
 * perf puts its registers) up to max_ctx_offset, which perf keeps within
 * the event's fields; the holes between fields are zeroed. The fields the
 * reads may reach must not be pointers, nor structs or unions that may
 * hold some. A syscall's record holds the syscall's number and the
 * arguments its caller passed, or the value it returns to it: values of
 * user space. A dynamic event (kprobe, eprobe, synthetic) holds whatever
 * its creator chose to fetch, under whatever type it named.
 */
static const char *bpf_lockdown_tp_fields(const struct bpf_prog *prog,
					  struct trace_event_call *call)
{
	struct ftrace_event_field *field;
	u32 end = prog->aux->max_ctx_offset;

	if (!end || is_syscall_trace_event(call))
		return NULL;
	if (call->flags & TRACE_EVENT_FL_DYNAMIC)
		return "it reads the record of a dynamic event, whose fields its creator chose";
	list_for_each_entry(field, trace_get_fields(call), link) {
		if (field->offset < end && bpf_lockdown_field_may_point(field->type))
			return "it reads a field that may hold a kernel pointer";
	}
	return NULL;
}
#endif

/*
 * May @prog read kernel addresses out of its context at @level? Below
 * confidentiality, yes; at it, only a system-signed program whose
 * annotation grants ksym_address there under the kernel-reads policy, as
 * the verifier then lets it store pointers (bpf_lockdown_limit_ptr_leaks()).
 */
static bool bpf_lockdown_ctx_addresses_ok(const struct bpf_prog *prog,
					  enum bpf_lockdown_level level)
{
	const struct bpf_lockdown_annot *a = prog->aux->lockdown_annot;

	if (level != BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY)
		return true;
	return bpf_lockdown_prog_trusted(prog) && a && bpf_lockdown_kernel_reads() &&
	       bpf_lockdown_annot_has_cap(a, level, BPF_LOCKDOWN_CAP_KSYM);
}

/*
 * Why may @prog not be attached as @kind at @point (the trace event @call
 * for a tracepoint) for what it reads of its context, or NULL
 */
static const char *bpf_lockdown_ctx_refuses(const struct bpf_prog *prog, u32 kind,
					    const char *point, struct trace_event_call *call,
					    enum bpf_lockdown_level level)
{
	if (bpf_lockdown_ctx_addresses_ok(prog, level))
		return NULL;
	if (kind == BPF_LOCKDOWN_ATTACH_RAW_TRACEPOINT)
		return bpf_lockdown_raw_tp_args(prog, point);
#ifdef CONFIG_EVENT_TRACING
	if (call)
		return bpf_lockdown_tp_fields(prog, call);
#endif
	return NULL;
}

/**
 * bpf_lockdown_ctx_callee_ok() - may a program be put into a program array
 * @prog: the program put into the map
 *
 * A program in a program array runs where its callers are attached, with
 * their context: for a raw tracepoint program, the arguments of whichever
 * tracepoint a caller is attached to, which bpf_lockdown_raw_tp_args()
 * checked against the caller's reads only; for a tracepoint program, the
 * record of whichever event a caller is attached to, which
 * bpf_lockdown_tp_fields() checked likewise; for a kprobe program, the
 * registers of whatever its callers probe, kernel functions for a caller
 * attached before the level was raised. At confidentiality such a program
 * that reads its context is not put into one, unless it may read kernel
 * addresses (bpf_lockdown_ctx_addresses_ok()).
 *
 * Context: under map->owner_lock, from bpf_lockdown_map_trust_ok().
 * Return: true when @prog may be put into the map (in audit mode after a
 * report).
 */
bool bpf_lockdown_ctx_callee_ok(const struct bpf_prog *prog)
{
	enum bpf_lockdown_level level = bpf_lockdown_level();
	enum bpf_lockdown_mode mode = bpf_lockdown_mode();
	bool enforce = mode == BPF_LOCKDOWN_MODE_ENFORCE;

	if ((prog->type != BPF_PROG_TYPE_RAW_TRACEPOINT && prog->type != BPF_PROG_TYPE_KPROBE &&
	     prog->type != BPF_PROG_TYPE_TRACEPOINT) || !prog->aux->max_ctx_offset ||
	    mode == BPF_LOCKDOWN_MODE_OFF || bpf_lockdown_ctx_addresses_ok(prog, level))
		return true;
	bpf_lockdown_report(enforce ? BPF_LOCKDOWN_DECISION_REFUSED :
			    BPF_LOCKDOWN_DECISION_WOULD_REFUSE, "prog", prog->aux->name, level,
			    mode, bpf_lockdown_class_name(BPF_LOCKDOWN_CLASS_LEAKS_KERNEL_ADDRESS),
			    "share a program map: it reads its context, which its callers choose");
	return !enforce;
}

static int __bpf_lockdown_check_attach(const struct bpf_prog *prog, u32 kind,
				       const char *point, bool points_only,
				       struct trace_event_call *call)
{
	enum bpf_lockdown_level level = bpf_lockdown_level();
	enum bpf_lockdown_mode mode = bpf_lockdown_mode();
	const struct bpf_lockdown_annot *a = prog->aux->lockdown_annot;
	const char *point_kind = bpf_lockdown_point_kind(kind);
	bool enforce = mode == BPF_LOCKDOWN_MODE_ENFORCE;
	const struct bpf_lockdown_rule *rule;
	const char *why, *class;

	/* the program's own declaration binds it in every mode, at every level */
	if (a) {
		why = bpf_lockdown_annot_refuses(prog, a, level, kind, point_kind, point,
						 points_only);
		if (why)
			return bpf_lockdown_attach_refuse(&bpf_lockdown_attach_rs_annot, prog, true,
							  level, mode, "annotation",
							  kind, point_kind, point, why);
	}
	if (points_only || level == BPF_LOCKDOWN_LEVEL_NONE || mode == BPF_LOCKDOWN_MODE_OFF)
		return 0;
	if (bpf_lockdown_loaded_before_raise(prog))
		return bpf_lockdown_attach_refuse(&bpf_lockdown_attach_rs_level, prog, enforce,
						  level, mode, "level", kind,
						  point_kind, point,
						  "it was loaded before the level or mode was raised: load it again");
	/* at confidentiality, what the program reads of its context, signed or not */
	why = bpf_lockdown_ctx_refuses(prog, kind, point, call, level);
	class = bpf_lockdown_class_name(BPF_LOCKDOWN_CLASS_LEAKS_KERNEL_ADDRESS);
	if (bpf_lockdown_prog_trusted(prog))
		return why ? bpf_lockdown_attach_refuse(&bpf_lockdown_attach_rs_tier, prog,
							enforce, level, mode, class, kind,
							point_kind, point, why) : 0;
	rule = kind < BPF_LOCKDOWN_ATTACH_TYPE_NR ? bpf_lockdown_prog_rule(prog->type, kind) :
						    bpf_lockdown_attach_kind_rule(kind);
	if (rule && bpf_lockdown_verdict_at(rule, level) != BPF_LOCKDOWN_DENY)
		return why ? bpf_lockdown_attach_refuse(&bpf_lockdown_attach_rs_tier, prog,
							enforce, level, mode, class, kind,
							point_kind, point, why) : 0;
	return bpf_lockdown_attach_refuse(&bpf_lockdown_attach_rs_tier, prog, enforce,
					  level, mode,
					  bpf_lockdown_class_name(rule ? rule->class :
								  BPF_LOCKDOWN_CLASS_UNCLASSIFIED),
					  kind, point_kind, point,
					  "unsigned programs may not be attached this way");
}

/* Whether two FUNCs of @btf have one prototype, parameter names aside */
static bool bpf_lockdown_same_proto(const struct btf *btf, const struct btf_type *a,
				    const struct btf_type *b)
{
	const struct btf_param *pa, *pb;
	u16 i;

	if (a->type == b->type)
		return true;
	a = btf_type_by_id(btf, a->type);
	b = btf_type_by_id(btf, b->type);
	if (!a || !b || !btf_type_is_func_proto(a) || !btf_type_is_func_proto(b) ||
	    a->type != b->type || btf_type_vlen(a) != btf_type_vlen(b))
		return false;
	pa = btf_params(a);
	pb = btf_params(b);
	for (i = 0; i < btf_type_vlen(a); i++)
		if (pa[i].type != pb[i].type)
			return false;
	return true;
}

/**
 * bpf_lockdown_check_kernel_target() - is a kernel function target unambiguous
 * @log: verifier log, or NULL at attach time
 * @prog: the fentry, fexit, fmod_ret or LSM program
 * @btf_id: the target's BTF ID in the program's attach BTF
 *
 * The verifier types a tracing program's arguments by the FUNC that
 * @btf_id names, but the trampoline goes to the address kallsyms gives for
 * the function's name. Static functions of different files may share a
 * name, and BTF keeps one FUNC for each when their prototypes differ (pahole
 * before 1.25 does not leave them out): a program typed for one would run
 * on the other, and could hand its arguments, as the wrong objects, to
 * helpers that write through them. Under lockdown such a target is
 * refused, signed or not; names whose FUNCs share one prototype (the
 * syscall stubs of sys_ni.c and the syscalls they stand for) stay allowed.
 *
 * Context: process context, from bpf_lockdown_check_target().
 * Return: 0, or -EPERM in enforce mode.
 */
int bpf_lockdown_check_kernel_target(struct bpf_verifier_log *log, const struct bpf_prog *prog,
				     u32 btf_id)
{
	enum bpf_lockdown_level level = bpf_lockdown_level();
	enum bpf_lockdown_mode mode = bpf_lockdown_mode();
	const struct btf *btf = prog->aux->attach_btf;
	bool enforce = mode == BPF_LOCKDOWN_MODE_ENFORCE;
	const struct btf_type *t, *o;
	const char *name, *class;
	u32 i, n;

	if (level == BPF_LOCKDOWN_LEVEL_NONE || mode == BPF_LOCKDOWN_MODE_OFF || !btf)
		return 0;
	t = btf_type_by_id(btf, btf_id);
	if (!t || !btf_type_is_func(t))
		return 0;
	name = btf_name_by_offset(btf, t->name_off);
	n = btf_nr_types(btf);
	for (i = 1; i < n; i++) {
		o = btf_type_by_id(btf, i);
		if (i == btf_id || !btf_type_is_func(o) ||
		    strcmp(btf_name_by_offset(btf, o->name_off), name))
			continue;
		if (!bpf_lockdown_same_proto(btf, t, o))
			break;
	}
	if (i >= n)
		return 0;
	if (log && enforce)
		bpf_log(log,
			"lockdown: %s names functions of different prototypes (BTF IDs %u and %u): the program would not run on the one it is typed for\n",
			name, btf_id, i);
	class = bpf_lockdown_class_name(BPF_LOCKDOWN_CLASS_MODIFIES_KERNEL_BEHAVIOUR);
	return bpf_lockdown_attach_refuse(&bpf_lockdown_attach_rs_tier, prog, enforce, level,
					  mode, class, prog->expected_attach_type, "function",
					  name,
					  "its name is given to functions of different prototypes");
}

/**
 * bpf_lockdown_check_attach() - may a program be attached here
 * @prog: the program
 * @kind: how: &enum bpf_attach_type, or &enum bpf_lockdown_attach_kind for a
 *	path that has no attach type
 * @point: where, for kinds with attach points (a function, a file, a
 *	tracepoint "group:name", a raw tracepoint, an XDP mode), or NULL
 *
 * Three rules, in order. A version 2 annotation binds its program in every
 * mode and at every level: the program must be allowed to load at the
 * current level, the kind must be allowed at the current level and at the
 * level the program was loaded at, and a named point must match one of the
 * annotation's points. Under lockdown, a program loaded at a lower level or
 * mode than the current one is not attached: it was not judged by today's
 * rules. And a program without a system signature is attached only as the
 * unsigned tier allows at the current level.
 *
 * Context: process context, where the kernel attaches @prog.
 * Return: 0, or -EPERM (the tier and level rules only in enforce mode).
 */
int bpf_lockdown_check_attach(const struct bpf_prog *prog, u32 kind, const char *point)
{
	return __bpf_lockdown_check_attach(prog, kind, point, false, NULL);
}

/**
 * bpf_lockdown_check_link_create() - may BPF_LINK_CREATE attach a program
 * @prog: the program
 * @attach_type: attr->link_create.attach_type
 *
 * Links whose attach point is known only further down are checked there:
 * perf event links (perf_event_set_bpf_prog()), XDP links (dev_xdp_attach()),
 * raw tracepoints and tracing programs (bpf_raw_tp_link_attach(),
 * bpf_tracing_prog_attach()). Everything else is checked here; multi-probe
 * links have their points checked again when their functions or file are
 * known.
 *
 * Return: 0 or -EPERM.
 */
int bpf_lockdown_check_link_create(const struct bpf_prog *prog, u32 attach_type)
{
	if (attach_type == BPF_PERF_EVENT || attach_type == BPF_XDP)
		return 0;
	if ((prog->type == BPF_PROG_TYPE_TRACING || prog->type == BPF_PROG_TYPE_LSM ||
	     prog->type == BPF_PROG_TYPE_EXT) &&
	    attach_type != BPF_TRACE_ITER && attach_type != BPF_LSM_CGROUP)
		return 0;
	return bpf_lockdown_check_attach(prog, attach_type, NULL);
}

/**
 * bpf_lockdown_check_link_update() - may BPF_LINK_UPDATE put a program on a link
 * @link: the link
 * @prog: the new program
 *
 * The new program is attached where the link is: its attach type as the
 * link reports it (cgroup, netns, tcx, netkit and sockmap links), or the
 * program's expected attach type. XDP links are checked with their mode by
 * bpf_xdp_link_update().
 *
 * Return: 0 or -EPERM.
 */
int bpf_lockdown_check_link_update(struct bpf_link *link, const struct bpf_prog *prog)
{
	struct bpf_link_info info = {};
	u32 kind = prog->expected_attach_type;

	switch (link->type) {
	case BPF_LINK_TYPE_XDP:
		/* bpf_xdp_link_update() checks with the link's mode */
		return 0;
	case BPF_LINK_TYPE_CGROUP:
	case BPF_LINK_TYPE_NETNS:
	case BPF_LINK_TYPE_TCX:
	case BPF_LINK_TYPE_NETKIT:
	case BPF_LINK_TYPE_SOCKMAP:
		break;
	default:
		return bpf_lockdown_check_attach(prog, kind, NULL);
	}
	/* these links report their attach type without touching user memory */
	if (link->ops->fill_link_info && !link->ops->fill_link_info(link, &info)) {
		switch (link->type) {
		case BPF_LINK_TYPE_CGROUP:
			kind = info.cgroup.attach_type;
			break;
		case BPF_LINK_TYPE_NETNS:
			kind = info.netns.attach_type;
			break;
		case BPF_LINK_TYPE_TCX:
			kind = info.tcx.attach_type;
			break;
		case BPF_LINK_TYPE_NETKIT:
			kind = info.netkit.attach_type;
			break;
		default:
			kind = info.sockmap.attach_type;
			break;
		}
	}
	return bpf_lockdown_check_attach(prog, kind, NULL);
}

/**
 * bpf_lockdown_check_perf() - may a program be attached to a perf event
 * @event: a kprobe, uprobe, tracepoint or other perf event
 * @prog: the program
 *
 * Reached from PERF_EVENT_IOC_SET_BPF and from BPF_PERF_EVENT links. The
 * kind and point come from the event: the probed function or file, or the
 * tracepoint's group and name. At confidentiality an unsigned program is
 * attached to a trace event only if the fields it may read hold no kernel
 * pointer (bpf_lockdown_tp_fields()).
 *
 * Return: 0 or -EPERM.
 */
int bpf_lockdown_check_perf(struct perf_event *event, const struct bpf_prog *prog)
{
#ifdef CONFIG_EVENT_TRACING
	struct trace_event_call *call = event->tp_event;
	bool tp = event->attr.type == PERF_TYPE_TRACEPOINT;
	const char *point = NULL;
	u64 off = 0, addr = 0;
	u32 kind, fd_type = 0;
	char name[96];

	if (!call)
		return bpf_lockdown_check_attach(prog, BPF_LOCKDOWN_ATTACH_PERF_EVENT, NULL);
	if (call->flags & TRACE_EVENT_FL_KPROBE) {
		kind = BPF_LOCKDOWN_ATTACH_KPROBE;
#ifdef CONFIG_KPROBE_EVENTS
		if (!bpf_get_kprobe_info(event, &fd_type, &point, &off, &addr, NULL, tp) &&
		    fd_type == BPF_FD_TYPE_KRETPROBE)
			kind = BPF_LOCKDOWN_ATTACH_KRETPROBE;
#endif
		/* an offset moves the probe, possibly onto another function */
		if (off)
			point = NULL;
	} else if (call->flags & TRACE_EVENT_FL_UPROBE) {
		kind = BPF_LOCKDOWN_ATTACH_UPROBE;
#ifdef CONFIG_UPROBE_EVENTS
		if (!bpf_get_uprobe_info(event, &fd_type, &point, &off, &addr, tp) &&
		    fd_type == BPF_FD_TYPE_URETPROBE)
			kind = BPF_LOCKDOWN_ATTACH_URETPROBE;
#endif
	} else {
		kind = BPF_LOCKDOWN_ATTACH_TRACEPOINT;
		/* a name cut short would be another name: leave it unnamed */
		if (snprintf(name, sizeof(name), "%s:%s", call->class->system,
			     trace_event_name(call)) < sizeof(name))
			point = name;
	}
	/*
	 * A kprobe or uprobe event of tracefs may hold several probes, and
	 * more may be appended after this check: only the perf PMU's events
	 * have one probe, for good
	 */
	if (tp && kind != BPF_LOCKDOWN_ATTACH_TRACEPOINT)
		point = NULL;
	return __bpf_lockdown_check_attach(prog, kind, point, false,
					   kind == BPF_LOCKDOWN_ATTACH_TRACEPOINT ? call : NULL);
#else
	return bpf_lockdown_check_attach(prog, BPF_LOCKDOWN_ATTACH_PERF_EVENT, NULL);
#endif
}

static DEFINE_RATELIMIT_STATE(bpf_lockdown_perf_rs_raw, DEFAULT_RATELIMIT_INTERVAL,
			      DEFAULT_RATELIMIT_BURST);
static DEFINE_RATELIMIT_STATE(bpf_lockdown_perf_rs_filter, DEFAULT_RATELIMIT_INTERVAL,
			      DEFAULT_RATELIMIT_BURST);

/*
 * At confidentiality, with the policy on, refuse perf the records of @call
 * for @how ("sample raw", "filter"): report it (limited by @rs), and
 * return -EPERM in enforce mode, 0 otherwise
 */
static int bpf_lockdown_perf_records(struct ratelimit_state *rs,
				     struct trace_event_call *call, const char *how)
{
	enum bpf_lockdown_level level = bpf_lockdown_level();
	enum bpf_lockdown_mode mode = bpf_lockdown_mode();
	bool enforce = mode == BPF_LOCKDOWN_MODE_ENFORCE;

	if (level != BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY || mode == BPF_LOCKDOWN_MODE_OFF)
		return 0;
#ifdef CONFIG_EVENT_TRACING
	__bpf_lockdown_report(rs, enforce ? BPF_LOCKDOWN_DECISION_REFUSED :
			      BPF_LOCKDOWN_DECISION_WOULD_REFUSE, NULL, NULL, level, mode,
			      bpf_lockdown_class_name(BPF_LOCKDOWN_CLASS_READS_KERNEL_MEMORY),
			      "%s records of %s:%s through perf", how, call->class->system,
			      trace_event_name(call));
#endif
	return enforce ? -EPERM : 0;
}

/**
 * bpf_lockdown_check_perf_raw() - may perf copy raw records of a trace event
 * @call: the trace event of a perf event that samples PERF_SAMPLE_RAW
 *
 * A raw record is the event's fields as the kernel filled them: kernel
 * pointers among them, and, once a BPF program ran on it, the address of
 * perf's registers in its first eight bytes. Stock lockdown lets root
 * sample them at confidentiality wherever the event exists, which before
 * bpf_lockdown_trace_events() was only after a raise at run time. With
 * the policy on, at confidentiality, perf samples raw records of uprobe
 * events only (user addresses and what the probe fetched from user
 * space); the records of other events reach user space through programs
 * the tier checked. Counting and other samples are not concerned.
 *
 * Context: perf_event_open(), from perf_trace_event_perm().
 * Return: 0, or -EPERM (in enforce mode).
 */
int bpf_lockdown_check_perf_raw(struct trace_event_call *call)
{
#ifdef CONFIG_EVENT_TRACING
	if (call->flags & TRACE_EVENT_FL_UPROBE)
		return 0;
#endif
	return bpf_lockdown_perf_records(&bpf_lockdown_perf_rs_raw, call, "sample raw");
}

/**
 * bpf_lockdown_check_perf_filter() - may a perf event filter a trace event's
 *	records
 * @call: the trace event of a perf event given a filter
 *	(PERF_EVENT_IOC_SET_FILTER)
 *
 * A filter compares any field of a record, pointers included, with
 * numbers its writer chose, and perf counts the records that pass: one
 * counting event per bit reads a pointer field, without a sample or a
 * program. Perf also puts the address of its registers in the first
 * eight bytes of a record once a BPF program ran on it, where the common
 * fields are. Nor are the values of user space safe to filter: a string
 * predicate on a char * field (a syscall's path) reads the string at
 * whatever address the field holds, from the kernel, and a .function
 * predicate looks any number up in kallsyms. At confidentiality, with
 * the policy on, perf events filter no trace event's records.
 *
 * Context: PERF_EVENT_IOC_SET_FILTER, from ftrace_profile_set_filter().
 * Return: 0, or -EPERM (in enforce mode).
 */
int bpf_lockdown_check_perf_filter(struct trace_event_call *call)
{
	return bpf_lockdown_perf_records(&bpf_lockdown_perf_rs_filter, call, "filter");
}

/*
 * Does an exact kprobe (or kretprobe) point of @a name the function that
 * starts at @start? A function may have several names at one address (the
 * syscall stubs are aliases), and the address gives only one of them.
 */
static bool bpf_lockdown_kprobe_point_is(const struct bpf_lockdown_annot *a, bool ret,
					 unsigned long start)
{
	const char *kind = ret ? "kretprobe:" : "kprobe:";
	size_t klen = strlen(kind), n;
	const char *pat;
	u32 i;

	if (!start)
		return false;
	for (i = 0, pat = a->strtab + a->point_off; i < a->point_cnt;
	     i++, pat += strlen(pat) + 1) {
		if (strncmp(pat, kind, klen))
			continue;
		n = strlen(pat + klen);
		if (n && pat[klen + n - 1] != '*' && kallsyms_lookup_name(pat + klen) == start)
			return true;
	}
	return false;
}

/**
 * bpf_lockdown_check_kprobe_multi() - may a kprobe_multi link probe these
 * @prog: the program
 * @addrs: the functions' addresses
 * @cnt: number of @addrs
 * @ret: return probes (BPF_F_KPROBE_MULTI_RETURN)
 *
 * The link's attach type was checked at BPF_LINK_CREATE; this binds each
 * function to the annotation's kprobe (or kretprobe) points.
 *
 * Return: 0 or -EPERM.
 */
int bpf_lockdown_check_kprobe_multi(const struct bpf_prog *prog, const unsigned long *addrs,
				    u32 cnt, bool ret)
{
	const struct bpf_lockdown_annot *a = prog->aux->lockdown_annot;
	u32 kind = ret ? BPF_LOCKDOWN_ATTACH_KRETPROBE : BPF_LOCKDOWN_ATTACH_KPROBE;
	char sym[KSYM_NAME_LEN];
	u32 i;
	int err;

	if (!a || a->version < 2 || !a->point_cnt)
		return 0;
	for (i = 0; i < cnt; i++) {
		unsigned long size, offset, start = 0;
		const char *name = NULL;

		if (kallsyms_lookup_size_offset(addrs[i], &size, &offset))
			start = addrs[i] - offset;
		/*
		 * a name binds only the first function of that name: another
		 * static function of the same name has no name here
		 */
		if (start && !lookup_symbol_name(addrs[i], sym) &&
		    kallsyms_lookup_name(sym) == start)
			name = sym;
		err = bpf_lockdown_kprobe_point_is(a, ret, start) ? 0 :
		      __bpf_lockdown_check_attach(prog, kind, name, true, NULL);
		if (err)
			return err;
		cond_resched();
	}
	return 0;
}

/**
 * bpf_lockdown_check_uprobe_multi() - may an uprobe_multi link probe this file
 * @prog: the program
 * @path: the path the loader passed
 * @ret: return probes (BPF_F_UPROBE_MULTI_RETURN)
 *
 * Return: 0 or -EPERM.
 */
int bpf_lockdown_check_uprobe_multi(const struct bpf_prog *prog, const char *path, bool ret)
{
	u32 kind = ret ? BPF_LOCKDOWN_ATTACH_URETPROBE : BPF_LOCKDOWN_ATTACH_UPROBE;

	return __bpf_lockdown_check_attach(prog, kind, path, true, NULL);
}

/**
 * bpf_lockdown_check_raw_tp() - may a program be attached to a raw tracepoint
 * @prog: a raw tracepoint program, or a tp_btf tracing program
 * @name: the raw tracepoint
 *
 * Return: 0 or -EPERM.
 */
int bpf_lockdown_check_raw_tp(const struct bpf_prog *prog, const char *name)
{
	u32 kind = prog->type == BPF_PROG_TYPE_TRACING ? BPF_TRACE_RAW_TP :
						       BPF_LOCKDOWN_ATTACH_RAW_TRACEPOINT;

	return bpf_lockdown_check_attach(prog, kind, name);
}

/**
 * bpf_lockdown_check_xdp() - may a program be attached to a device as XDP
 * @prog: the program, or NULL when a program is removed
 * @mode: &enum bpf_xdp_mode the program would run in
 *
 * Reached from netlink (IFLA_XDP), from BPF_XDP links and from
 * BPF_LINK_UPDATE of an XDP link.
 *
 * Return: 0 or -EPERM.
 */
int bpf_lockdown_check_xdp(const struct bpf_prog *prog, u32 mode)
{
	static const char *const modes[] = {
		[XDP_MODE_SKB] = "skb", [XDP_MODE_DRV] = "drv", [XDP_MODE_HW] = "hw",
	};

	if (!prog)
		return 0;
	return bpf_lockdown_check_attach(prog, BPF_XDP, mode < ARRAY_SIZE(modes) ?
					 modes[mode] : NULL);
}

/**
 * bpf_lockdown_attach_prog() - check a program that a subsystem attaches
 * @prog: the program from bpf_prog_get_type() and friends, or an ERR_PTR
 * @kind: &enum bpf_lockdown_attach_kind (tc, xt, socket, ...) or, for
 *	device and CPU maps, &enum bpf_attach_type
 *
 * For subsystems that take a program by file descriptor (sockets, tc, xt,
 * tun, KCM, packet fanout, routes, device and CPU maps): wraps the call that
 * takes the reference.
 *
 * Return: @prog, or ERR_PTR(-EPERM) after dropping the reference.
 */
struct bpf_prog *bpf_lockdown_attach_prog(struct bpf_prog *prog, u32 kind)
{
	int err;

	if (IS_ERR_OR_NULL(prog))
		return prog;
	err = bpf_lockdown_check_attach(prog, kind, NULL);
	if (!err)
		return prog;
	bpf_prog_put(prog);
	return ERR_PTR(err);
}

/**
 * bpf_lockdown_check_test_run() - may BPF_PROG_TEST_RUN run a program now
 * @prog: the program to run
 *
 * A test run runs the program on the context and data its caller chooses.
 * One loaded before the level or the mode was raised was judged by the
 * older rules (a program reading kernel memory at integrity, a signed
 * loader's bpf_sys_bpf()): it is run as it would be attached, not at all
 * in enforce mode.
 *
 * Context: process context, from bpf_prog_test_run().
 * Return: 0, or -EPERM in enforce mode for a program loaded before a raise.
 */
int bpf_lockdown_check_test_run(const struct bpf_prog *prog)
{
	enum bpf_lockdown_level level = bpf_lockdown_level();
	enum bpf_lockdown_mode mode = bpf_lockdown_mode();
	bool enforce = mode == BPF_LOCKDOWN_MODE_ENFORCE;

	if (!bpf_lockdown_loaded_before_raise(prog))
		return 0;
	bpf_lockdown_count_attach(level, enforce ? BPF_LOCKDOWN_REFUSED :
				  BPF_LOCKDOWN_WOULD_REFUSE);
	__bpf_lockdown_report(&bpf_lockdown_attach_rs_level,
			      enforce ? BPF_LOCKDOWN_DECISION_REFUSED :
			      BPF_LOCKDOWN_DECISION_WOULD_REFUSE, "prog", prog->aux->name,
			      level, mode, "level",
			      "test run: it was loaded before the level or mode was raised: load it again");
	return enforce ? -EPERM : 0;
}

/**
 * bpf_lockdown_check_bind_map() - may BPF_PROG_BIND_MAP add a map to a program
 * @prog: a loaded program
 * @map: the map to bind
 *
 * A bound map joins the program's used maps after the verifier checked
 * them: no instruction reaches it, but the program holds it from then on
 * as a map it uses. So it is judged as one used at load: an exclusive map
 * is bound by no program (the one its excl_prog_hash names references it
 * or binds it with fd_array_cnt at load, the only time its digest is
 * known), and an unsigned program binds under lockdown only a map of a
 * type the tier lets it use at the current level, a map of maps by its
 * inner maps' type too.
 *
 * Context: process context, from bpf_prog_bind_map().
 * Return: 0; -EACCES for an exclusive map, or in enforce mode for a map
 * the tier refuses.
 */
int bpf_lockdown_check_bind_map(const struct bpf_prog *prog, const struct bpf_map *map)
{
	enum bpf_lockdown_level level = bpf_lockdown_level();
	enum bpf_lockdown_mode mode = bpf_lockdown_mode();
	bool enforce = mode == BPF_LOCKDOWN_MODE_ENFORCE;
	const struct bpf_lockdown_rule *rule;

	if (map->excl_prog_sha) {
		bpf_lockdown_report(BPF_LOCKDOWN_DECISION_REFUSED, "prog", prog->aux->name,
				    level, mode, "trust",
				    "bind exclusive map %s (id %u): only the program its excl_prog_hash names uses it, from its load",
				    map->name, map->id);
		return -EACCES;
	}
	if (level == BPF_LOCKDOWN_LEVEL_NONE || mode == BPF_LOCKDOWN_MODE_OFF ||
	    bpf_lockdown_prog_trusted(prog))
		return 0;
	rule = bpf_lockdown_map_refused(map, level);
	if (!rule)
		return 0;
	bpf_lockdown_count_attach(level, enforce ? BPF_LOCKDOWN_REFUSED :
				  BPF_LOCKDOWN_WOULD_REFUSE);
	bpf_lockdown_report(enforce ? BPF_LOCKDOWN_DECISION_REFUSED :
			    BPF_LOCKDOWN_DECISION_WOULD_REFUSE, "prog", prog->aux->name, level,
			    mode, bpf_lockdown_class_name(rule->class),
			    "bind a map of type %s (map %s, id %u): unsigned programs may not use it",
			    rule->name, map->name, map->id);
	return enforce ? -EACCES : 0;
}

/**
 * bpf_lockdown_loaded_before_raise() - was a program loaded under older rules
 * @prog: a loaded program
 *
 * Return: true under lockdown when @prog was loaded at a lower level or in a
 * lower mode than the current ones.
 */
bool bpf_lockdown_loaded_before_raise(const struct bpf_prog *prog)
{
	enum bpf_lockdown_level level = bpf_lockdown_level();
	enum bpf_lockdown_mode mode = bpf_lockdown_mode();

	if (level == BPF_LOCKDOWN_LEVEL_NONE || mode == BPF_LOCKDOWN_MODE_OFF)
		return false;
	return prog->aux->lockdown_level < level || prog->aux->lockdown_mode < mode;
}

/**
 * bpf_lockdown_keep_for_attach() - keep what attach checks need on the program
 * @env: verifier environment of a load that succeeded
 *
 * The level and mode of the load, and the parsed annotation with its kernel
 * copy, which the program now owns (bpf_lockdown_prog_free()).
 */
void bpf_lockdown_keep_for_attach(struct bpf_verifier_env *env)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	struct bpf_prog_aux *aux = env->prog->aux;

	aux->lockdown_level = ld->level;
	aux->lockdown_mode = ld->mode;
	aux->lockdown_annot = ld->annot;
	ld->annot = NULL;
	ld->annot_blob = NULL;
}

/**
 * bpf_lockdown_prog_free() - release what bpf_lockdown_keep_for_attach() kept
 * @prog: a program being freed
 */
void bpf_lockdown_prog_free(struct bpf_prog *prog)
{
	struct bpf_lockdown_annot *a = prog->aux->lockdown_annot;

	if (!a)
		return;
	kvfree(a->blob);
	kfree(a);
	prog->aux->lockdown_annot = NULL;
}
