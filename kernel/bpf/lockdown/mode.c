// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - enforcement mode and lockdown level */

#define pr_fmt(fmt) "bpf_lockdown: " fmt

#include <linux/cred.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/string_choices.h>

#include "lockdown.h"

#define BPF_LOCKDOWN_DEFAULT_MODE							\
	(IS_ENABLED(CONFIG_BPF_LOCKDOWN_MODE_ENFORCE) ? BPF_LOCKDOWN_MODE_ENFORCE :	\
	 IS_ENABLED(CONFIG_BPF_LOCKDOWN_MODE_AUDIT) ? BPF_LOCKDOWN_MODE_AUDIT :		\
	 BPF_LOCKDOWN_MODE_OFF)

static int bpf_lockdown_current_mode = BPF_LOCKDOWN_DEFAULT_MODE;
/* the mode the kernel was booted in: it decides how tracing is set up */
static int bpf_lockdown_boot_mode __ro_after_init = BPF_LOCKDOWN_DEFAULT_MODE;

/**
 * bpf_lockdown_parse_mode() - parse an enforcement mode name
 * @buf: "off", "audit" or "enforce", optionally followed by one newline
 * @mode: output
 *
 * Return: 0, or -EINVAL when @buf is not a mode name.
 */
int bpf_lockdown_parse_mode(const char *buf, enum bpf_lockdown_mode *mode)
{
	unsigned int i;

	for (i = 0; i < BPF_LOCKDOWN_MODE_NR; i++) {
		if (sysfs_streq(buf, bpf_lockdown_mode_name(i))) {
			*mode = i;
			return 0;
		}
	}
	return -EINVAL;
}

/**
 * bpf_lockdown_mode() - the current enforcement mode
 *
 * Context: any context.
 * Return: &enum bpf_lockdown_mode.
 */
enum bpf_lockdown_mode bpf_lockdown_mode(void)
{
	return READ_ONCE(bpf_lockdown_current_mode);
}

/**
 * bpf_lockdown_set_mode() - raise the enforcement mode at run time
 * @mode: the new mode
 *
 * The mode can only be raised, like the lockdown level itself: setting the
 * current mode again succeeds and changes nothing.
 *
 * Context: process context.
 * Return: 0, or -EPERM when @mode is lower than the current mode.
 */
int bpf_lockdown_set_mode(enum bpf_lockdown_mode mode)
{
	int old = READ_ONCE(bpf_lockdown_current_mode);

	do {
		if (mode < old) {
			bpf_lockdown_report(BPF_LOCKDOWN_DECISION_REFUSED, NULL, NULL,
					    bpf_lockdown_level(), old, "mode",
					    "lower the mode from %s to %s",
					    bpf_lockdown_mode_name(old),
					    bpf_lockdown_mode_name(mode));
			return -EPERM;
		}
		if (mode == old)
			return 0;
	} while (!try_cmpxchg(&bpf_lockdown_current_mode, &old, mode));

	bpf_lockdown_report(BPF_LOCKDOWN_DECISION_CHANGED, NULL, NULL, bpf_lockdown_level(),
			    mode, "mode", "raise the mode from %s to %s",
			    bpf_lockdown_mode_name(old), bpf_lockdown_mode_name(mode));
	return 0;
}

static int __init bpf_lockdown_mode_setup(char *str)
{
	enum bpf_lockdown_mode mode;

	if (bpf_lockdown_parse_mode(str, &mode)) {
		pr_warn("ignoring unknown mode \"%s\"; keeping %s\n", str,
			bpf_lockdown_mode_name(bpf_lockdown_current_mode));
		return 1;
	}
	bpf_lockdown_current_mode = mode;
	bpf_lockdown_boot_mode = mode;
	return 1;
}
__setup("bpf_lockdown.mode=", bpf_lockdown_mode_setup);

/**
 * bpf_lockdown_trace_events() - may tracing be set up although lockdown
 *	closes tracefs
 *
 * Stock lockdown sets up no tracing in a kernel booted at confidentiality:
 * no trace buffers, no tracefs files and so no trace events, which a
 * kernel booted at integrity and raised at run time keeps, behind a check
 * at each open of a tracefs file. Booted with the policy on (audit or
 * enforce), a kernel at confidentiality sets tracing up as that raised
 * kernel does: every file that reads or changes tracing still refuses at
 * open, while the events' id and format files, which name and describe
 * the events and hold no kernel data, stay readable, so that libbpf can
 * attach tracepoint programs. What such a program may read of a record
 * is bpf_lockdown_check_perf()'s business; perf's raw records are
 * bpf_lockdown_check_perf_raw()'s.
 *
 * Only while the kernel boots: once it runs, tracefs creates nothing that
 * it would not create in the raised kernel (no trace instances, whose
 * directory stock lockdown refuses).
 *
 * Context: any context.
 * Return: true when the tracing core and tracefs may be set up under a
 * lockdown that closes tracefs.
 */
bool bpf_lockdown_trace_events(void)
{
	/* once running, tracefs creates nothing more than a raised kernel does */
	return bpf_lockdown_boot_mode != BPF_LOCKDOWN_MODE_OFF && system_state < SYSTEM_RUNNING;
}

/* CONFIG_BPF_LOCKDOWN_SIGNED_KERNEL_READS, unless turned off at boot */
static bool bpf_lockdown_kernel_reads_on __ro_after_init =
	IS_ENABLED(CONFIG_BPF_LOCKDOWN_SIGNED_KERNEL_READS);

/**
 * bpf_lockdown_kernel_reads() - may signed programs read the kernel at
 *	confidentiality
 *
 * The kernel-reads policy: built with CONFIG_BPF_LOCKDOWN_SIGNED_KERNEL_READS
 * and not turned off with bpf_lockdown.signed_kernel_reads=off. Only a
 * system-signed program whose annotation grants an item at the
 * confidentiality level gets it, and only within the ceiling this opens.
 *
 * Context: any context.
 * Return: true when the policy is on.
 */
bool bpf_lockdown_kernel_reads(void)
{
	return bpf_lockdown_kernel_reads_on;
}

/* The boot parameter can only turn the policy off, never on */
static int __init bpf_lockdown_kernel_reads_setup(char *str)
{
	bool on;

	if (kstrtobool(str, &on)) {
		pr_warn("ignoring bpf_lockdown.signed_kernel_reads=%s; keeping %s\n", str,
			str_on_off(bpf_lockdown_kernel_reads_on));
		return 1;
	}
	if (on && !bpf_lockdown_kernel_reads_on) {
		pr_warn("bpf_lockdown.signed_kernel_reads=%s ignored: %s\n", str,
			IS_ENABLED(CONFIG_BPF_LOCKDOWN_SIGNED_KERNEL_READS) ?
			"the parameter can only turn the policy off" :
			"the kernel is built without CONFIG_BPF_LOCKDOWN_SIGNED_KERNEL_READS");
		return 1;
	}
	bpf_lockdown_kernel_reads_on = on;
	return 1;
}
__setup("bpf_lockdown.signed_kernel_reads=", bpf_lockdown_kernel_reads_setup);

/**
 * bpf_lockdown_level() - the current lockdown level, without side effects
 *
 * Unlike security_locked_down(), this neither logs nor asks other LSMs.
 *
 * Context: any context.
 * Return: &enum bpf_lockdown_level.
 */
enum bpf_lockdown_level bpf_lockdown_level(void)
{
	enum lockdown_reason level = lockdown_current_level();

	if (level >= LOCKDOWN_CONFIDENTIALITY_MAX)
		return BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	if (level >= LOCKDOWN_INTEGRITY_MAX)
		return BPF_LOCKDOWN_LEVEL_INTEGRITY;
	return BPF_LOCKDOWN_LEVEL_NONE;
}

static int __init bpf_lockdown_init(void)
{
	pr_info("mode %s, lockdown level %s\n",
		bpf_lockdown_mode_name(bpf_lockdown_mode()),
		bpf_lockdown_level_name(bpf_lockdown_level()));
	return 0;
}
late_initcall(bpf_lockdown_init);
