/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - commands */

#ifndef _BPF_ANNOTATE_MAIN_H
#define _BPF_ANNOTATE_MAIN_H

#include <stdbool.h>

struct ba_opts {
	bool json;
};

int ba_cmd_tier(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_version(const struct ba_opts *opts, int argc, char **argv);
int ba_cmd_help(const struct ba_opts *opts, int argc, char **argv);

#endif
