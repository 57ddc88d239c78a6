/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown - internal declarations */

#ifndef _BPF_LOCKDOWN_INTERNAL_H
#define _BPF_LOCKDOWN_INTERNAL_H

#include <linux/bpf_lockdown.h>
#include <linux/ratelimit.h>
#include <linux/seq_file.h>

#include "tier_table.h"

/**
 * enum bpf_lockdown_outcome - how a load ended, for the counters
 * @BPF_LOCKDOWN_ALLOWED: an unsigned load the tier allowed
 * @BPF_LOCKDOWN_REFUSED: an unsigned load the tier refused
 * @BPF_LOCKDOWN_WOULD_REFUSE: an unsigned load allowed only by audit mode
 * @BPF_LOCKDOWN_OUTCOME_NR: number of outcomes
 */
enum bpf_lockdown_outcome {
	BPF_LOCKDOWN_ALLOWED,
	BPF_LOCKDOWN_REFUSED,
	BPF_LOCKDOWN_WOULD_REFUSE,
	BPF_LOCKDOWN_OUTCOME_NR,
};

/**
 * enum bpf_lockdown_decision - the VERDICT of a kernel log line
 * @BPF_LOCKDOWN_DECISION_REFUSED: refused
 * @BPF_LOCKDOWN_DECISION_WOULD_REFUSE: allowed only by audit mode
 * @BPF_LOCKDOWN_DECISION_CHANGED: a change of state (the mode raised)
 */
enum bpf_lockdown_decision {
	BPF_LOCKDOWN_DECISION_REFUSED,
	BPF_LOCKDOWN_DECISION_WOULD_REFUSE,
	BPF_LOCKDOWN_DECISION_CHANGED,
};

int bpf_lockdown_set_mode(enum bpf_lockdown_mode mode);
int bpf_lockdown_parse_mode(const char *buf, enum bpf_lockdown_mode *mode);
bool bpf_lockdown_kernel_reads(void);
void bpf_lockdown_kconfig_env(struct bpf_lockdown_kconfig_env *env);
/* the CONFIG_ lines of the build's .config, embedded by kconfig.c */
extern const char bpf_lockdown_kconfig_data[];
extern const char bpf_lockdown_kconfig_data_end[];

int bpf_lockdown_read_annot_and_sig(struct bpf_verifier_env *env,
				    const union bpf_attr *attr, bpfptr_t uattr);
void bpf_lockdown_free_annot_and_sig(struct bpf_verifier_env *env);

int bpf_lockdown_check_signature(struct bpf_verifier_env *env, const union bpf_attr *attr,
				 bpfptr_t uattr);
int bpf_lockdown_check_signed_maps(struct bpf_verifier_env *env);
bool bpf_lockdown_sig_mainline(const struct bpf_verifier_env *env);
void bpf_lockdown_free_signature(struct bpf_verifier_env *env);
const char *bpf_lockdown_sig_name(unsigned int sig);

int bpf_lockdown_deny(struct bpf_verifier_env *env,
		      const struct bpf_lockdown_rule *rule, int err,
		      const char *fmt, ...) __printf(4, 5);

void bpf_lockdown_flush_audit(struct bpf_verifier_env *env);
void __bpf_lockdown_report(struct ratelimit_state *rs, enum bpf_lockdown_decision verdict,
			   const char *obj, const char *name, enum bpf_lockdown_level level,
			   enum bpf_lockdown_mode mode, const char *class, const char *fmt, ...)
	__printf(8, 9);

/* Report a decision (__bpf_lockdown_report()) with a rate limit per site */
#define bpf_lockdown_report(verdict, obj, name, level, mode, class, fmt, ...)		\
({											\
	static DEFINE_RATELIMIT_STATE(_bpf_lockdown_rs, DEFAULT_RATELIMIT_INTERVAL,	\
				      DEFAULT_RATELIMIT_BURST);				\
	__bpf_lockdown_report(&_bpf_lockdown_rs, verdict, obj, name, level, mode,	\
			      class, fmt, ##__VA_ARGS__);				\
})
void bpf_lockdown_count(enum bpf_lockdown_level level,
			enum bpf_lockdown_outcome outcome);
void bpf_lockdown_count_attach(enum bpf_lockdown_level level,
			       enum bpf_lockdown_outcome outcome);
void bpf_lockdown_show_stats(struct seq_file *m);
void bpf_lockdown_keep_for_attach(struct bpf_verifier_env *env);
bool bpf_lockdown_loaded_before_raise(const struct bpf_prog *prog);
const struct bpf_lockdown_rule *bpf_lockdown_map_refused(const struct bpf_map *map,
							 unsigned int level);
bool bpf_lockdown_ctx_callee_ok(const struct bpf_prog *prog);
int bpf_lockdown_check_kernel_target(struct bpf_verifier_log *log, const struct bpf_prog *prog,
				     u32 btf_id);

/**
 * enum bpf_lockdown_phase - parts of a load whose time the stats file sums
 * @BPF_LOCKDOWN_PHASE_ANNOT: copy and parse of the annotation
 * @BPF_LOCKDOWN_PHASE_SIG_SCAN: a signed load's license copy and scan of
 *	its instructions for fd_array slots
 * @BPF_LOCKDOWN_PHASE_SIG_MAPS: fd_array copy, map references and the
 *	hashing of sealed map contents
 * @BPF_LOCKDOWN_PHASE_SIG_COPY: kernel copies of the BTF records and of the
 *	signature
 * @BPF_LOCKDOWN_PHASE_SIG_DIGEST: the digest (bpf_lockdown_digest())
 * @BPF_LOCKDOWN_PHASE_SIG_VERIFY: keyring lookup and PKCS#7 verification
 * @BPF_LOCKDOWN_PHASE_SIG_TOTAL: all of bpf_lockdown_check_signature()
 * @BPF_LOCKDOWN_PHASE_NR: number of phases
 */
enum bpf_lockdown_phase {
	BPF_LOCKDOWN_PHASE_ANNOT,
	BPF_LOCKDOWN_PHASE_SIG_SCAN,
	BPF_LOCKDOWN_PHASE_SIG_MAPS,
	BPF_LOCKDOWN_PHASE_SIG_COPY,
	BPF_LOCKDOWN_PHASE_SIG_DIGEST,
	BPF_LOCKDOWN_PHASE_SIG_VERIFY,
	BPF_LOCKDOWN_PHASE_SIG_TOTAL,
	BPF_LOCKDOWN_PHASE_NR,
};

u64 bpf_lockdown_phase_end(enum bpf_lockdown_phase phase, u64 start);
void bpf_lockdown_show_phases(struct seq_file *m);

#endif /* _BPF_LOCKDOWN_INTERNAL_H */
