// SPDX-License-Identifier: GPL-2.0
/* BPF lockdown - securityfs interface */

#define pr_fmt(fmt) "bpf_lockdown: " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/security.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string_choices.h>

#include "lockdown.h"

/* Longest write accepted by the mode file: "enforce\n" */
#define BPF_LOCKDOWN_MODE_MAX_WRITE 16

static int bpf_lockdown_mode_show(struct seq_file *m, void *v)
{
	enum bpf_lockdown_mode cur = bpf_lockdown_mode();
	unsigned int i;

	for (i = 0; i < BPF_LOCKDOWN_MODE_NR; i++)
		seq_printf(m, i == cur ? "%s[%s]" : "%s%s", i ? " " : "",
			   bpf_lockdown_mode_name(i));
	seq_putc(m, '\n');
	return 0;
}

static int bpf_lockdown_mode_open(struct inode *inode, struct file *file)
{
	return single_open(file, bpf_lockdown_mode_show, NULL);
}

static ssize_t bpf_lockdown_mode_write(struct file *file, const char __user *ubuf,
				       size_t count, loff_t *ppos)
{
	char buf[BPF_LOCKDOWN_MODE_MAX_WRITE];
	enum bpf_lockdown_mode mode;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (*ppos != 0 || count == 0 || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';

	err = bpf_lockdown_parse_mode(buf, &mode);
	if (err)
		return err;
	err = bpf_lockdown_set_mode(mode);
	return err ? err : count;
}

static const struct file_operations bpf_lockdown_mode_fops = {
	.open = bpf_lockdown_mode_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = bpf_lockdown_mode_write,
};

static int bpf_lockdown_level_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", bpf_lockdown_level_name(bpf_lockdown_level()));
	return 0;
}

/* The kernel-reads policy for signed programs: "on" or "off" */
static int bpf_lockdown_signed_kernel_reads_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", str_on_off(bpf_lockdown_kernel_reads()));
	return 0;
}

static int bpf_lockdown_stats_show(struct seq_file *m, void *v)
{
	bpf_lockdown_show_stats(m);
	bpf_lockdown_show_phases(m);
	return 0;
}

/*
 * The values kconfig externs of signed programs are checked against: the
 * three LINUX_ externs, then the build's CONFIG_ lines (see kconfig.c)
 */
static int bpf_lockdown_kconfig_show(struct seq_file *m, void *v)
{
	struct bpf_lockdown_kconfig_env env;

	bpf_lockdown_kconfig_env(&env);
	seq_printf(m, "LINUX_KERNEL_VERSION=%u\nLINUX_HAS_BPF_COOKIE=%u\nLINUX_HAS_SYSCALL_WRAPPER=%u\n",
		   env.kernel_version, env.has_bpf_cookie, env.has_syscall_wrapper);
	seq_write(m, env.config, env.config_size);
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(bpf_lockdown_kconfig);
DEFINE_SHOW_ATTRIBUTE(bpf_lockdown_level);
DEFINE_SHOW_ATTRIBUTE(bpf_lockdown_signed_kernel_reads);
DEFINE_SHOW_ATTRIBUTE(bpf_lockdown_stats);

/* The tier file: one seq_file record per line of bpf_lockdown_tier_line() */
static void *bpf_lockdown_tier_start(struct seq_file *m, loff_t *pos)
{
	char probe[1];

	if (*pos < 0 || *pos > INT_MAX)
		return NULL;
	return bpf_lockdown_tier_line(*pos, probe, sizeof(probe)) ? pos : NULL;
}

static void *bpf_lockdown_tier_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return bpf_lockdown_tier_start(m, pos);
}

static void bpf_lockdown_tier_stop(struct seq_file *m, void *v)
{
}

static int bpf_lockdown_tier_show(struct seq_file *m, void *v)
{
	char line[128];

	bpf_lockdown_tier_line(*(loff_t *)v, line, sizeof(line));
	seq_puts(m, line);
	return 0;
}

static const struct seq_operations bpf_lockdown_tier_sops = {
	.start = bpf_lockdown_tier_start,
	.next = bpf_lockdown_tier_next,
	.stop = bpf_lockdown_tier_stop,
	.show = bpf_lockdown_tier_show,
};

DEFINE_SEQ_ATTRIBUTE(bpf_lockdown_tier);

static int __init bpf_lockdown_securityfs_init(void)
{
	struct dentry *dir, *f;

	dir = securityfs_create_dir("bpf_lockdown", NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);

	f = securityfs_create_file("mode", 0644, dir, NULL, &bpf_lockdown_mode_fops);
	if (IS_ERR(f))
		goto err_remove;
	f = securityfs_create_file("level", 0444, dir, NULL, &bpf_lockdown_level_fops);
	if (IS_ERR(f))
		goto err_remove;
	f = securityfs_create_file("tier", 0444, dir, NULL, &bpf_lockdown_tier_fops);
	if (IS_ERR(f))
		goto err_remove;
	f = securityfs_create_file("signed_kernel_reads", 0444, dir, NULL,
				   &bpf_lockdown_signed_kernel_reads_fops);
	if (IS_ERR(f))
		goto err_remove;
	f = securityfs_create_file("stats", 0444, dir, NULL, &bpf_lockdown_stats_fops);
	if (IS_ERR(f))
		goto err_remove;
	f = securityfs_create_file("kconfig", 0444, dir, NULL, &bpf_lockdown_kconfig_fops);
	if (IS_ERR(f))
		goto err_remove;
	return 0;

err_remove:
	securityfs_recursive_remove(dir);
	pr_err("cannot create securityfs files: %ld\n", PTR_ERR(f));
	return PTR_ERR(f);
}
fs_initcall(bpf_lockdown_securityfs_init);
