/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - the commands */

#ifndef _BPF_ANNOTATE_MAIN_H
#define _BPF_ANNOTATE_MAIN_H

#include <stdbool.h>

/**
 * struct ba_opts - the global options
 * @json: -j, --json: JSON output
 */
struct ba_opts {
	bool json;
};

/* one per cmd_*.c: argv[0] is the first argument after the command */
int ba_cmd_tier(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_scan(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_audit(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_seal(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_show(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_digest(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_sign(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_attach_sig(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_verify(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_sign_lskel(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_verify_lskel(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_load(const struct ba_opts *opts, int argc, char **argv);

#endif /* _BPF_ANNOTATE_MAIN_H */
