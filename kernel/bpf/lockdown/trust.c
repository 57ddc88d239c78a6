// SPDX-License-Identifier: GPL-2.0
/*
 * BPF lockdown - trust rules: a grant does not travel further than its
 * signature (program maps, extensions, tracing of programs, struct_ops)
 */

#define pr_fmt(fmt) "bpf_lockdown: " fmt

#include <linux/bpf.h>
#include <linux/bpf_verifier.h>
#include <linux/sched.h>
#include <linux/seq_file.h>

#include "lockdown.h"

/**
 * bpf_lockdown_prog_trusted() - whether a program holds a system signature
 * @prog: a program, loaded or being verified
 *
 * Return: true when its signature was verified against the builtin,
 * secondary or platform keyring.
 */
bool bpf_lockdown_prog_trusted(const struct bpf_prog *prog)
{
	u8 sig = prog->aux->lockdown_sig;

	return sig == BPF_LOCKDOWN_SIG_BUILTIN || sig == BPF_LOCKDOWN_SIG_SECONDARY ||
	       sig == BPF_LOCKDOWN_SIG_PLATFORM;
}

/*
 * Trust rules hold in every mode and at every level; each rule reports with
 * a rate limit of its own
 */
#define bpf_lockdown_refuse_trust(prog, fmt, ...)					\
	bpf_lockdown_report(BPF_LOCKDOWN_DECISION_REFUSED, "prog", (prog)->aux->name,	\
			    bpf_lockdown_level(), bpf_lockdown_mode(), "trust", fmt,	\
			    ##__VA_ARGS__)

/**
 * bpf_lockdown_map_trust_ok() - may a program share a program map
 * @owner_trusted: bpf_lockdown_prog_trusted() of the map's first program
 * @prog: a program that calls through the map or is put into it
 *
 * Programs that tail-call each other through a program array (or share a
 * devmap or cpumap) must all be signed or all be unsigned: otherwise an
 * unsigned program could run a signed one's grants from a context the
 * signature never covered, or a signed program could hand control to code
 * nobody signed.
 *
 * Context: under map->owner_lock, from __bpf_prog_map_compatible(); for
 * the map's first program, with @owner_trusted its own trust, so that the
 * level rule judges it too.
 * Return: true when @prog may share the map.
 */
bool bpf_lockdown_map_trust_ok(bool owner_trusted, const struct bpf_prog *prog)
{
	bool trusted = bpf_lockdown_prog_trusted(prog);

	/*
	 * A program put into the map runs where its callers are attached:
	 * one loaded before the level or mode was raised may not, as it may
	 * not be attached (attach.c). A program being verified has no ID yet.
	 */
	if (prog->aux->id && bpf_lockdown_loaded_before_raise(prog)) {
		bool enforce = bpf_lockdown_mode() == BPF_LOCKDOWN_MODE_ENFORCE;

		bpf_lockdown_report(enforce ? BPF_LOCKDOWN_DECISION_REFUSED :
				    BPF_LOCKDOWN_DECISION_WOULD_REFUSE, "prog", prog->aux->name,
				    bpf_lockdown_level(), bpf_lockdown_mode(), "level",
				    "share a program map: it was loaded before the level or mode was raised");
		if (enforce)
			return false;
	}
	if (prog->aux->id && !bpf_lockdown_ctx_callee_ok(prog))
		return false;
	if (trusted == owner_trusted)
		return true;
	bpf_lockdown_refuse_trust(prog, "share a program map with %s programs",
				  owner_trusted ? "signed" : "unsigned");
	return false;
}

/**
 * bpf_lockdown_check_target() - may a program attach to this target
 * @log: verifier log, or NULL at attach time
 * @prog: the tracing or extension program
 * @tgt_prog: the target program, or NULL for a kernel function
 * @btf_id: the target's BTF ID
 *
 * An extension (freplace) replaces a function of its target: only a
 * signed extension may replace a function of a signed program, and a
 * signed extension only a function of a signed program (an unsigned
 * target would choose what the signed code does). A signed extension
 * attaches only to the target its signature covers: the one it was loaded
 * for, whose signed digest is part of the extension's digest. A signed
 * fentry or fexit program traces only signed programs: an unsigned target
 * would choose when the signed code runs and on what.
 * A kernel function must be unambiguous
 * (bpf_lockdown_check_kernel_target()).
 *
 * Context: from bpf_check_attach_target(), at load and at attach time.
 * Return: 0, or -EPERM.
 */
int bpf_lockdown_check_target(struct bpf_verifier_log *log, const struct bpf_prog *prog,
			      const struct bpf_prog *tgt_prog, u32 btf_id)
{
	if (!tgt_prog)
		return bpf_lockdown_check_kernel_target(log, prog, btf_id);
	if (prog->type != BPF_PROG_TYPE_EXT) {
		/* fentry/fexit on a BPF program, at load or at attach */
		if (!bpf_lockdown_prog_trusted(prog) || bpf_lockdown_prog_trusted(tgt_prog))
			return 0;
		if (log)
			bpf_log(log,
				"lockdown: a signed program may not trace the unsigned program %s\n",
				tgt_prog->aux->name);
		bpf_lockdown_refuse_trust(prog, "trace the unsigned program %s",
					  tgt_prog->aux->name);
		return -EPERM;
	}
	if (bpf_lockdown_prog_trusted(tgt_prog) && !bpf_lockdown_prog_trusted(prog)) {
		if (log)
			bpf_log(log,
				"lockdown: an unsigned extension may not replace a function of the signed program %s\n",
				tgt_prog->aux->name);
		bpf_lockdown_refuse_trust(prog, "replace a function of the signed program %s",
					  tgt_prog->aux->name);
		return -EPERM;
	}
	if (bpf_lockdown_prog_trusted(prog) && !bpf_lockdown_prog_trusted(tgt_prog)) {
		if (log)
			bpf_log(log,
				"lockdown: a signed extension may not replace a function of the unsigned program %s\n",
				tgt_prog->aux->name);
		bpf_lockdown_refuse_trust(prog, "replace a function of the unsigned program %s",
					  tgt_prog->aux->name);
		return -EPERM;
	}
	if (bpf_lockdown_prog_trusted(prog) &&
	    (tgt_prog != prog->aux->dst_prog || btf_id != prog->aux->attach_btf_id)) {
		if (log)
			bpf_log(log,
				"lockdown: a signed extension attaches only to the target it was signed for\n");
		bpf_lockdown_refuse_trust(prog, "attach to %s, a target it was not signed for",
					  tgt_prog->aux->name);
		return -EPERM;
	}
	return 0;
}

/**
 * bpf_lockdown_check_struct_ops() - may a struct_ops map be registered
 * @map: the struct_ops map (a TCP congestion control, a sched_ext
 *	scheduler, ...)
 * @links: the links of the programs that implement its operations
 * @cnt: number of slots in @links; a NULL slot holds no program
 *
 * Registering a struct_ops map hands kernel callbacks to its programs, or,
 * with no program at all (a sched_ext scheduler that keeps every default),
 * still switches a kernel subsystem over: no program load ever reaches the
 * tier. Under lockdown, a struct_ops map is registered only when it has
 * programs and each holds a system signature (unsigned struct_ops programs
 * are refused at load, but may have been loaded before the mode was raised).
 *
 * Each program must also be allowed to attach as BPF_STRUCT_OPS
 * (bpf_lockdown_check_attach()). The check runs when the map is filled and
 * again when a link registers it or switches to it, so a map prepared before the mode was raised is
 * judged at the current mode. Which operations get a program and the
 * map's data members are not bound to a signature (see the threat model).
 *
 * Context: process context, from bpf_struct_ops_map_update_elem(), before
 * the map is registered or handed to a link, and from
 * bpf_struct_ops_link_create() and bpf_struct_ops_map_link_update().
 * Return: 0, or -EPERM in enforce mode.
 */
int bpf_lockdown_check_struct_ops(const struct bpf_map *map, struct bpf_link **links, u32 cnt)
{
	enum bpf_lockdown_level level = bpf_lockdown_level();
	enum bpf_lockdown_mode mode = bpf_lockdown_mode();
	bool enforce = mode == BPF_LOCKDOWN_MODE_ENFORCE;
	unsigned int class = BPF_LOCKDOWN_CLASS_MODIFIES_KERNEL_BEHAVIOUR;
	const char *why = NULL;
	u32 i, progs = 0;
	int err;

	for (i = 0; i < cnt; i++) {
		if (!links[i])
			continue;
		err = bpf_lockdown_check_attach(links[i]->prog, BPF_STRUCT_OPS, NULL);
		if (err)
			return err;
	}
	if (level == BPF_LOCKDOWN_LEVEL_NONE || mode == BPF_LOCKDOWN_MODE_OFF)
		return 0;
	for (i = 0; !why && i < cnt; i++) {
		if (!links[i])
			continue;
		progs++;
		if (!bpf_lockdown_prog_trusted(links[i]->prog))
			why = "one of its programs is not signed";
	}
	if (!why && !progs)
		why = "it has no program, so no signature vouches for it";
	if (!why)
		return 0;
	bpf_lockdown_report(enforce ? BPF_LOCKDOWN_DECISION_REFUSED :
			    BPF_LOCKDOWN_DECISION_WOULD_REFUSE, "map", map->name, level, mode,
			    bpf_lockdown_class_name(class), "register struct_ops map %s: %s",
			    map->name, why);
	return enforce ? -EPERM : 0;
}

/**
 * bpf_lockdown_show_fdinfo() - the program's signature verdict in fdinfo
 * @prog: the program
 * @m: the fdinfo file
 *
 * One line, "lockdown:" then "signed (KIND keyring)", "annotated, unsigned"
 * or "unsigned".
 */
void bpf_lockdown_show_fdinfo(const struct bpf_prog *prog, struct seq_file *m)
{
	u8 sig = prog->aux->lockdown_sig;

	if (sig != BPF_LOCKDOWN_SIG_NONE)
		seq_printf(m, "lockdown:\tsigned (%s keyring)\n", bpf_lockdown_sig_name(sig));
	else if (prog->aux->lockdown_annotated)
		seq_puts(m, "lockdown:\tannotated, unsigned\n");
	else
		seq_puts(m, "lockdown:\tunsigned\n");
}
