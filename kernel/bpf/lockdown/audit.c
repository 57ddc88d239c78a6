// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - reports of decisions, and counters */

#define pr_fmt(fmt) "bpf_lockdown: " fmt

#include <linux/atomic.h>
#include <linux/bpf.h>
#include <linux/bpf_verifier.h>
#include <linux/ctype.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/slab.h>

#include "lockdown.h"

static atomic_long_t bpf_lockdown_counters[BPF_LOCKDOWN_LEVEL_NR][BPF_LOCKDOWN_OUTCOME_NR];
static atomic_long_t bpf_lockdown_attach_counters[BPF_LOCKDOWN_LEVEL_NR][BPF_LOCKDOWN_OUTCOME_NR];

/* Size of the buffer that keeps audit-mode lines until the load ends */
#define BPF_LOCKDOWN_AUDIT_LOG_SIZE 4096

/*
 * The task's name for a kernel log line: letters, digits and "._-+/:@" stay,
 * anything else (spaces, "=", quotes, control and non-ASCII bytes) becomes
 * '?', so that the name can neither end its quoted field nor look like a
 * field to a parser that ignores quotes.
 */
static void bpf_lockdown_comm(char *buf)
{
	char *c;

	__get_task_comm(buf, TASK_COMM_LEN, current);
	for (c = buf; *c; c++)
		if (!(isascii(*c) && isalnum(*c)) && !strchr("._-+/:@", *c))
			*c = '?';
}

static const char *const bpf_lockdown_decision_names[] = {
	[BPF_LOCKDOWN_DECISION_REFUSED] = "refused",
	[BPF_LOCKDOWN_DECISION_WOULD_REFUSE] = "would-refuse",
	[BPF_LOCKDOWN_DECISION_CHANGED] = "changed",
};

/*
 * Each calling site has its own rate limit, the kernel's default; with
 * kernel.printk_ratelimit=0, which turns off printk_ratelimit(), every line
 * goes through: an administrator who reads what audit mode would refuse,
 * or a test that asserts each line, wants them all.
 */
static bool bpf_lockdown_report_ratelimit(struct ratelimit_state *rs)
{
	if (IS_ENABLED(CONFIG_PRINTK) && !READ_ONCE(printk_ratelimit_state.interval))
		return true;
	return ___ratelimit(rs, "bpf_lockdown");
}

/**
 * __bpf_lockdown_report() - the kernel log line of a decision
 * @rs: rate limit of the calling site (bpf_lockdown_report() defines one)
 * @verdict: refused, would be refused (audit mode), or a change of state
 * @obj: "prog" or "map", or NULL when the decision is about no object
 * @name: the object's name
 * @level: lockdown level of the decision
 * @mode: enforcement mode of the decision
 * @class: why: a tier class, "annotation", "signature", "trust" or "mode"
 * @fmt: what was refused, or what changed, e.g. "call bpf_send_signal#109"
 *
 * Every decision of BPF lockdown reaches the kernel log through here, in
 * one key=value format at KERN_NOTICE, on one line:
 * ``VERDICT comm="COMM" pid=PID OBJ="NAME" level=LEVEL mode=MODE
 * what="WHAT" class=CLASS``, without ``OBJ="NAME"`` for a decision about no
 * object. Refusals are rate-limited per calling site, unless
 * kernel.printk_ratelimit is 0; changes of state, which happen at most
 * twice per boot, are never dropped.
 */
void __bpf_lockdown_report(struct ratelimit_state *rs, enum bpf_lockdown_decision verdict,
			   const char *obj, const char *name, enum bpf_lockdown_level level,
			   enum bpf_lockdown_mode mode, const char *class, const char *fmt, ...)
{
	char comm[TASK_COMM_LEN];
	/* room for an attach point (63 bytes) and the reason after it */
	char what[192];
	va_list args;

	if (verdict != BPF_LOCKDOWN_DECISION_CHANGED && !bpf_lockdown_report_ratelimit(rs))
		return;
	va_start(args, fmt);
	vsnprintf(what, sizeof(what), fmt, args);
	va_end(args);
	bpf_lockdown_comm(comm);
	if (obj)
		pr_notice("%s comm=\"%s\" pid=%d %s=\"%s\" level=%s mode=%s what=\"%s\" class=%s\n",
			  bpf_lockdown_decision_names[verdict], comm, task_pid_nr(current),
			  obj, name, bpf_lockdown_level_name(level),
			  bpf_lockdown_mode_name(mode), what, class);
	else
		pr_notice("%s comm=\"%s\" pid=%d level=%s mode=%s what=\"%s\" class=%s\n",
			  bpf_lockdown_decision_names[verdict], comm, task_pid_nr(current),
			  bpf_lockdown_level_name(level), bpf_lockdown_mode_name(mode),
			  what, class);
}

/* Keep an audit-mode line for bpf_lockdown_flush_audit() */
static void bpf_lockdown_keep_audit(struct bpf_lockdown_env *ld, const char *line)
{
	size_t len = strlen(line);

	if (!ld->audit_log)
		ld->audit_log = kzalloc(BPF_LOCKDOWN_AUDIT_LOG_SIZE, GFP_KERNEL);
	if (!ld->audit_log || ld->audit_len + len >= BPF_LOCKDOWN_AUDIT_LOG_SIZE) {
		ld->audit_dropped++;
		return;
	}
	memcpy(ld->audit_log + ld->audit_len, line, len + 1);
	ld->audit_len += len;
}

/**
 * bpf_lockdown_flush_audit() - write the kept audit-mode lines to the log
 * @env: verifier environment of the load
 *
 * One write per line: the verifier formats each write in a buffer of
 * BPF_VERIFIER_TMP_LOG_SIZE (1024) bytes and would cut the rest off.
 *
 * Context: process context, at the end of bpf_check().
 */
void bpf_lockdown_flush_audit(struct bpf_verifier_env *env)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	const char *line, *end;

	for (line = ld->audit_log; line && *line; line = end + 1) {
		end = strchrnul(line, '\n');
		bpf_verifier_log_write(env, "%.*s\n", (int)(end - line), line);
		if (!*end)
			break;
	}
	if (ld->audit_dropped)
		bpf_verifier_log_write(env, "lockdown: %u more would-be refusals not shown\n",
				       ld->audit_dropped);
	kfree(ld->audit_log);
	ld->audit_log = NULL;
}

/**
 * bpf_lockdown_deny() - report a refusal, or a would-be refusal in audit mode
 * @env: verifier environment of the load
 * @rule: the tier rule that refuses (or, for a signed program, the rule
 *	above the ceiling), or NULL when the program's own annotation refuses
 * @err: errno to return when refusing
 * @fmt: what the program may not do, e.g. "call bpf_send_signal#109"
 *
 * Writes one line to the verifier log (when the loader gave a buffer) and,
 * through bpf_lockdown_report(), one to the kernel log. The
 * tier refuses only in enforce mode; in audit mode its line is kept until
 * the load ends. The annotation is the program's own declaration, so it is
 * enforced in every mode and at every level, like a filter a process
 * installs on itself.
 *
 * Return: @err, or 0 for a would-be refusal in audit mode.
 */
int bpf_lockdown_deny(struct bpf_verifier_env *env,
		      const struct bpf_lockdown_rule *rule, int err,
		      const char *fmt, ...)
{
	struct bpf_lockdown_env *ld = &env->lockdown;
	bool enforce = !rule || ld->mode == BPF_LOCKDOWN_MODE_ENFORCE;
	const char *class = rule ? bpf_lockdown_class_name(rule->class) : "annotation";
	const char *level = bpf_lockdown_level_name(ld->level);
	const char *mode = bpf_lockdown_mode_name(ld->mode);
	char what[96];
	char line[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(what, sizeof(what), fmt, args);
	va_end(args);

	if (rule && ld->ceiling)
		snprintf(line, sizeof(line),
			 "lockdown: signed program may not %s in %s mode (%s: above the ceiling for signed programs); %s (mode=%s)\n",
			 what, level, class, enforce ? "refused" : "would be refused", mode);
	else if (rule)
		snprintf(line, sizeof(line),
			 "lockdown: unsigned program may not %s in %s mode (%s); sign it with an annotation that grants it; %s (mode=%s)\n",
			 what, level, class, enforce ? "refused" : "would be refused", mode);
	else
		snprintf(line, sizeof(line),
			 "lockdown: program may not %s in %s mode (not granted by the program's annotation); refused\n",
			 what, level);

	ld->denials++;
	if (enforce) {
		ld->refused = true;
		bpf_verifier_log_write(env, "%s", line);
	} else {
		bpf_lockdown_keep_audit(ld, line);
	}
	bpf_lockdown_report(enforce ? BPF_LOCKDOWN_DECISION_REFUSED :
			    BPF_LOCKDOWN_DECISION_WOULD_REFUSE, "prog", env->prog->aux->name,
			    ld->level, ld->mode, class, "%s", what);
	return enforce ? err : 0;
}

/**
 * bpf_lockdown_count() - count the outcome of an unsigned load
 * @level: lockdown level of the load
 * @outcome: how it ended
 */
void bpf_lockdown_count(enum bpf_lockdown_level level,
			enum bpf_lockdown_outcome outcome)
{
	if (level < BPF_LOCKDOWN_LEVEL_NR && outcome < BPF_LOCKDOWN_OUTCOME_NR)
		atomic_long_inc(&bpf_lockdown_counters[level][outcome]);
}

/**
 * bpf_lockdown_count_attach() - count a refused attachment
 * @level: lockdown level at the attachment
 * @outcome: %BPF_LOCKDOWN_REFUSED or %BPF_LOCKDOWN_WOULD_REFUSE
 */
void bpf_lockdown_count_attach(enum bpf_lockdown_level level,
			       enum bpf_lockdown_outcome outcome)
{
	if (level < BPF_LOCKDOWN_LEVEL_NR && outcome < BPF_LOCKDOWN_OUTCOME_NR)
		atomic_long_inc(&bpf_lockdown_attach_counters[level][outcome]);
}

/**
 * bpf_lockdown_show_stats() - print the counters, one line per level
 * @m: output
 */
void bpf_lockdown_show_stats(struct seq_file *m)
{
	unsigned int level;

	seq_puts(m, "# level allowed refused would_refuse\n");
	for (level = BPF_LOCKDOWN_LEVEL_INTEGRITY; level < BPF_LOCKDOWN_LEVEL_NR; level++) {
		atomic_long_t *c = bpf_lockdown_counters[level];

		seq_printf(m, "%s %ld %ld %ld\n", bpf_lockdown_level_name(level),
			   atomic_long_read(&c[BPF_LOCKDOWN_ALLOWED]),
			   atomic_long_read(&c[BPF_LOCKDOWN_REFUSED]),
			   atomic_long_read(&c[BPF_LOCKDOWN_WOULD_REFUSE]));
	}
	seq_puts(m, "# attach level refused would_refuse\n");
	for (level = BPF_LOCKDOWN_LEVEL_NONE; level < BPF_LOCKDOWN_LEVEL_NR; level++) {
		atomic_long_t *c = bpf_lockdown_attach_counters[level];

		seq_printf(m, "attach %s %ld %ld\n", bpf_lockdown_level_name(level),
			   atomic_long_read(&c[BPF_LOCKDOWN_REFUSED]),
			   atomic_long_read(&c[BPF_LOCKDOWN_WOULD_REFUSE]));
	}
}
