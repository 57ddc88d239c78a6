/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - in-kernel API */

#ifndef _LINUX_BPF_LOCKDOWN_H
#define _LINUX_BPF_LOCKDOWN_H

#include <linux/bitops.h>
#include <linux/bpfptr.h>
#include <linux/types.h>
#include <uapi/linux/bpf.h>
#include <uapi/linux/bpf_lockdown.h>

struct bpf_func_proto;
struct bpf_verifier_env;
struct bpf_verifier_log;
struct bpf_lockdown_annot;
struct bpf_lockdown_rule;
struct bpf_lockdown_sig_state;
struct bpf_link;
struct bpf_map;
struct bpf_prog;
struct perf_event;
struct seq_file;
struct trace_event_call;
union bpf_attr;

/**
 * enum bpf_lockdown_sig - how a program was signed, recorded on the program
 * @BPF_LOCKDOWN_SIG_NONE: no signature
 * @BPF_LOCKDOWN_SIG_BUILTIN: verified against the builtin keyring
 * @BPF_LOCKDOWN_SIG_SECONDARY: verified against the secondary keyring
 * @BPF_LOCKDOWN_SIG_PLATFORM: verified against the platform keyring
 * @BPF_LOCKDOWN_SIG_USER: verified against a user keyring; under lockdown
 *	it earns nothing beyond the unsigned tier
 */
enum bpf_lockdown_sig {
	BPF_LOCKDOWN_SIG_NONE,
	BPF_LOCKDOWN_SIG_BUILTIN,
	BPF_LOCKDOWN_SIG_SECONDARY,
	BPF_LOCKDOWN_SIG_PLATFORM,
	BPF_LOCKDOWN_SIG_USER,
};

/**
 * struct bpf_lockdown_env - per-load state, embedded in the verifier env
 * @level: lockdown level, read once when the load starts
 * @mode: enforcement mode, read once when the load starts
 * @active: the unsigned tier applies to this load
 * @refused: the tier refused this load
 * @denials: refusals, or would-be refusals in audit mode
 * @reported: helper IDs already reported, so that each is logged once
 *	(audit mode: in enforce mode the first refusal ends the load)
 * @audit_log: would-be refusals, written to the verifier log when the load
 *	ends, because the verifier rewinds its log after a successful walk
 * @audit_len: bytes used in @audit_log
 * @audit_dropped: would-be refusals that did not fit in @audit_log
 * @annot: the program's parsed annotation, or NULL
 * @annot_blob: the kernel copy of the annotation that @annot points into
 * @sig: &enum bpf_lockdown_sig of a verified signature
 * @ceiling: the ceiling for signed programs applies to this load
 * @btf_mem_reported: a BTF pointer passed as helper memory was reported
 * @no_ptr_leaks: the load is verified without pointer leaks
 *	(confidentiality)
 * @sig_state: what a signed load keeps until it ends (maps, kernel copies)
 * @spec_rule: the rule that refused a helper on a speculative path, kept
 *	until the verifier ends that path with a speculation barrier, or NULL
 * @spec_idx: the index of that call instruction
 * @spec_func: the helper's ID
 * @spec_kstack: refused for a kernel stack
 */
struct bpf_lockdown_env {
	u8 level;
	u8 mode;
	bool active;
	bool refused;
	u32 denials;
	unsigned long reported[BITS_TO_LONGS(__BPF_FUNC_MAX_ID)];
	char *audit_log;
	u32 audit_len;
	u32 audit_dropped;
	struct bpf_lockdown_annot *annot;
	void *annot_blob;
	u8 sig;
	bool ceiling;
	bool btf_mem_reported;
	bool no_ptr_leaks;
	struct bpf_lockdown_sig_state *sig_state;
	const struct bpf_lockdown_rule *spec_rule;
	int spec_idx;
	int spec_func;
	bool spec_kstack;
};

/**
 * bpf_lockdown_refused() - has BPF lockdown refused this load?
 * @ld: the load's state
 *
 * The verifier asks before it turns a failed speculative path into a
 * speculation barrier: a refusal of the policy holds on every path the
 * verifier shows it, speculative or not.
 *
 * Return: true once a check refused the load.
 */
static inline bool bpf_lockdown_refused(const struct bpf_lockdown_env *ld)
{
	return ld->refused;
}

/**
 * bpf_lockdown_spec_recover() - end a speculative path at a refused helper
 * @ld: the load's state
 * @idx: the instruction the speculative path failed on
 *
 * A helper the tier or the ceiling refuses on a speculative path (the
 * never-taken side of a branch the verifier decided, explored under the
 * Spectre v1 rules) is a call that never runs: for root's programs no
 * speculative path is explored in audit mode or below confidentiality,
 * and the tier never sees such a call there. The verifier asks here before it ends the path
 * with a speculation barrier in front of the call; the refusal is then
 * dropped. A refusal it does not recover from refuses the load when the
 * load ends (bpf_lockdown_check_done()).
 *
 * Return: true when @idx is the call of the pending refusal, now dropped.
 */
static inline bool bpf_lockdown_spec_recover(struct bpf_lockdown_env *ld, int idx)
{
	if (!ld->spec_rule || ld->spec_idx != idx)
		return false;
	ld->spec_rule = NULL;
	return true;
}

#ifdef CONFIG_BPF_LOCKDOWN
enum bpf_lockdown_level bpf_lockdown_level(void);
enum bpf_lockdown_mode bpf_lockdown_mode(void);
int bpf_lockdown_check_prog(struct bpf_verifier_env *env, const union bpf_attr *attr,
			    bpfptr_t uattr);
int bpf_lockdown_check_helper(struct bpf_verifier_env *env, int func_id);
const struct bpf_func_proto *bpf_lockdown_probe_read_proto(enum bpf_func_id func_id,
							   const struct bpf_prog *prog,
							   const struct bpf_func_proto *compat);
int bpf_lockdown_check_kfunc(struct bpf_verifier_env *env, const char *name);
int bpf_lockdown_check_maps_and_reads(struct bpf_verifier_env *env);
int bpf_lockdown_check_btf_mem(struct bpf_verifier_env *env, u32 regno);
void bpf_lockdown_check_done(struct bpf_verifier_env *env, int ret);
const union bpf_attr *bpf_lockdown_info_attr(struct bpf_verifier_env *env,
					     const union bpf_attr *attr);
bpfptr_t bpf_lockdown_info_uattr(struct bpf_verifier_env *env, bpfptr_t uattr);
bool bpf_lockdown_prog_trusted(const struct bpf_prog *prog);
bool bpf_lockdown_map_trust_ok(bool owner_trusted, const struct bpf_prog *prog);
int bpf_lockdown_check_target(struct bpf_verifier_log *log, const struct bpf_prog *prog,
			      const struct bpf_prog *tgt_prog, u32 btf_id);
void bpf_lockdown_show_fdinfo(const struct bpf_prog *prog, struct seq_file *m);
int bpf_lockdown_check_struct_ops(const struct bpf_map *map, struct bpf_link **links, u32 cnt);
int bpf_lockdown_check_test_run(const struct bpf_prog *prog);
int bpf_lockdown_check_bind_map(const struct bpf_prog *prog, const struct bpf_map *map);
int bpf_lockdown_check_attach(const struct bpf_prog *prog, u32 kind, const char *point);
struct bpf_prog *bpf_lockdown_attach_prog(struct bpf_prog *prog, u32 kind);
int bpf_lockdown_check_link_create(const struct bpf_prog *prog, u32 attach_type);
int bpf_lockdown_check_link_update(struct bpf_link *link, const struct bpf_prog *prog);
int bpf_lockdown_check_perf(struct perf_event *event, const struct bpf_prog *prog);
int bpf_lockdown_check_kprobe_multi(const struct bpf_prog *prog, const unsigned long *addrs,
				    u32 cnt, bool ret);
int bpf_lockdown_check_uprobe_multi(const struct bpf_prog *prog, const char *path, bool ret);
int bpf_lockdown_check_raw_tp(const struct bpf_prog *prog, const char *name);
int bpf_lockdown_check_xdp(const struct bpf_prog *prog, u32 mode);
void bpf_lockdown_prog_free(struct bpf_prog *prog);
bool bpf_lockdown_trace_events(void);
int bpf_lockdown_check_perf_raw(struct trace_event_call *call);
int bpf_lockdown_check_perf_filter(struct trace_event_call *call);
#else
static inline enum bpf_lockdown_level bpf_lockdown_level(void)
{
	return BPF_LOCKDOWN_LEVEL_NONE;
}

static inline enum bpf_lockdown_mode bpf_lockdown_mode(void)
{
	return BPF_LOCKDOWN_MODE_OFF;
}

/* Without BPF lockdown, the BPF_PROG_LOAD fields it reads must be unset */
static inline int bpf_lockdown_check_prog(struct bpf_verifier_env *env,
					  const union bpf_attr *attr, bpfptr_t uattr)
{
	if (attr->signature || attr->signature_size ||
	    attr->keyring_id || attr->lockdown_annot || attr->lockdown_annot_size)
		return -EINVAL;
	return 0;
}

static inline int bpf_lockdown_check_helper(struct bpf_verifier_env *env,
					    int func_id)
{
	return 0;
}

/*
 * Without BPF lockdown, stock lockdown's answer, at the caller, which has
 * security_locked_down()
 */
#define bpf_lockdown_probe_read_proto(func_id, prog, compat)				\
	((void)(func_id), (void)(prog),							\
	 security_locked_down(LOCKDOWN_BPF_READ_KERNEL) < 0 ? NULL : (compat))

static inline int bpf_lockdown_check_kfunc(struct bpf_verifier_env *env,
					   const char *name)
{
	return 0;
}

static inline int bpf_lockdown_check_maps_and_reads(struct bpf_verifier_env *env)
{
	return 0;
}

static inline int bpf_lockdown_check_btf_mem(struct bpf_verifier_env *env,
					     u32 regno)
{
	return 0;
}

static inline void bpf_lockdown_check_done(struct bpf_verifier_env *env,
					   int ret)
{
}

static inline const union bpf_attr *
bpf_lockdown_info_attr(struct bpf_verifier_env *env, const union bpf_attr *attr)
{
	return attr;
}

static inline bpfptr_t bpf_lockdown_info_uattr(struct bpf_verifier_env *env,
					       bpfptr_t uattr)
{
	return uattr;
}

static inline bool bpf_lockdown_prog_trusted(const struct bpf_prog *prog)
{
	return false;
}

static inline bool bpf_lockdown_map_trust_ok(bool owner_trusted,
					     const struct bpf_prog *prog)
{
	return true;
}

static inline int bpf_lockdown_check_target(struct bpf_verifier_log *log,
					    const struct bpf_prog *prog,
					    const struct bpf_prog *tgt_prog, u32 btf_id)
{
	return 0;
}

static inline void bpf_lockdown_show_fdinfo(const struct bpf_prog *prog,
					    struct seq_file *m)
{
}

static inline int bpf_lockdown_check_test_run(const struct bpf_prog *prog)
{
	return 0;
}

static inline int bpf_lockdown_check_bind_map(const struct bpf_prog *prog,
					      const struct bpf_map *map)
{
	return 0;
}

static inline int bpf_lockdown_check_struct_ops(const struct bpf_map *map,
						struct bpf_link **links, u32 cnt)
{
	return 0;
}

static inline int bpf_lockdown_check_attach(const struct bpf_prog *prog, u32 kind,
					    const char *point)
{
	return 0;
}

static inline struct bpf_prog *bpf_lockdown_attach_prog(struct bpf_prog *prog, u32 kind)
{
	return prog;
}

static inline int bpf_lockdown_check_link_create(const struct bpf_prog *prog,
						 u32 attach_type)
{
	return 0;
}

static inline int bpf_lockdown_check_link_update(struct bpf_link *link,
						 const struct bpf_prog *prog)
{
	return 0;
}

static inline int bpf_lockdown_check_perf(struct perf_event *event,
					  const struct bpf_prog *prog)
{
	return 0;
}

static inline int bpf_lockdown_check_kprobe_multi(const struct bpf_prog *prog,
						  const unsigned long *addrs, u32 cnt, bool ret)
{
	return 0;
}

static inline int bpf_lockdown_check_uprobe_multi(const struct bpf_prog *prog,
						  const char *path, bool ret)
{
	return 0;
}

static inline int bpf_lockdown_check_raw_tp(const struct bpf_prog *prog, const char *name)
{
	return 0;
}

static inline int bpf_lockdown_check_xdp(const struct bpf_prog *prog, u32 mode)
{
	return 0;
}

static inline void bpf_lockdown_prog_free(struct bpf_prog *prog)
{
}

static inline bool bpf_lockdown_trace_events(void)
{
	return false;
}

static inline int bpf_lockdown_check_perf_raw(struct trace_event_call *call)
{
	return 0;
}

static inline int bpf_lockdown_check_perf_filter(struct trace_event_call *call)
{
	return 0;
}
#endif /* CONFIG_BPF_LOCKDOWN */

#endif /* _LINUX_BPF_LOCKDOWN_H */
