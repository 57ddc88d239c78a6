// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the load command */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <bpf/bpf.h>

#include "bpf_annotate.h"
#include "common.h"
#include "main.h"

#define LOAD_USAGE \
	"load OBJ [--pin DIR] [--attach [--perf-freq HZ] [--ifname DEV] [--attach-to [PROG=]TARGET]\n" \
	"       [--no-attach-check]] [--target PINNED-PROG] [--keyring ID] [--no-sig] [--no-annot]\n" \
	"       [--log-level N]"
#define LOG_SIZE (1U << 20)

struct load_args {
	const char *pin;
	const char *attach_to;		/* TARGET of --attach-to */
	const char *attach_to_prog;	/* PROG= of --attach-to, or NULL: every program */
	bool attach;
	struct bpf_annotate_attach_opts ao;
	struct bpf_annotate_load_opts lo;
};

static int pin(const char *dir, const char *name, const char *suffix, int fd, char *path,
	       size_t size)
{
	snprintf(path, size, "%s/%s%s", dir, name, suffix);
	if (bpf_obj_pin(fd, path))
		return ba_error("%s: cannot pin: %s", path, strerror(errno));
	return 0;
}

static int finish(const struct ba_opts *opts, const struct bpf_annotate_obj *obj,
		  struct bpf_annotate_loaded *ld, const struct load_args *a)
{
	char verdict[128], err[1024], path[PATH_MAX], suffix[32];
	struct bpf_annotate_attach_opts ao;
	struct bpf_annotate_links links;
	const struct bpf_annotate_prog *p;
	struct bpf_prog_info info;
	__u32 i, j, len;
	int ret = 0;

	if (a->attach_to_prog && !bpf_annotate_find_prog(obj, a->attach_to_prog))
		return ba_error("%s: --attach-to: no program %s", obj->name, a->attach_to_prog);
	if (opts->json)
		jsonw_start_array(json_wtr);
	for (i = 0; i < obj->prog_cnt; i++) {
		p = &obj->progs[i];
		memset(&links, 0, sizeof(links));
		path[0] = '\0';
		ao = a->ao;
		if (a->attach_to && (!a->attach_to_prog || !strcmp(a->attach_to_prog, p->name)))
			ao.target = a->attach_to;
		if (a->attach && bpf_annotate_attach(obj, p, ld->prog_fds[i], &ao, &links, err,
						     sizeof(err)))
			return ba_error("%s", err);
		for (j = 0; j < links.cnt && !ret; j++) {
			if (links.cpus)
				snprintf(suffix, sizeof(suffix), "_link_cpu%d", links.cpus[j]);
			else
				snprintf(suffix, sizeof(suffix), "_link");
			ret = pin(a->pin, p->name, suffix, links.fds[j], path, sizeof(path));
		}
		bpf_annotate_links_close(&links);
		if (!ret && a->pin)
			ret = pin(a->pin, p->name, "", ld->prog_fds[i], path, sizeof(path));
		if (ret)
			return ret;
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		bpf_prog_get_info_by_fd(ld->prog_fds[i], &info, &len);
		if (bpf_annotate_prog_verdict(ld->prog_fds[i], verdict, sizeof(verdict)))
			snprintf(verdict, sizeof(verdict), "unknown");
		if (opts->json) {
			jsonw_start_object(json_wtr);
			jsonw_string_field(json_wtr, "name", p->name);
			jsonw_uint_field(json_wtr, "id", info.id);
			jsonw_string_field(json_wtr, "lockdown", verdict);
			jsonw_bool_field(json_wtr, "attached", a->attach);
			jsonw_string_or_null_field(json_wtr, "pinned", path[0] ? path : NULL);
			jsonw_end_object(json_wtr);
		} else {
			printf("%s: id %u, lockdown: %s%s%s%s\n", p->name, info.id, verdict,
			       a->attach ? ", attached" : "", path[0] ? ", pinned " : "", path);
		}
	}
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_end(json_wtr);
	}
	return 0;
}

/**
 * ba_cmd_load() - load OBJ [OPTIONS]: load a sealed object, and attach it
 * @opts: global options
 * @argc: number of arguments after the command
 * @argv: the arguments after the command
 *
 * Return: 0; 1 when the object cannot be read, loaded, attached or
 * pinned; 2 for a usage error.
 */
int ba_cmd_load(const struct ba_opts *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "pin", required_argument, NULL, 'p' },
		{ "attach", no_argument, NULL, 'a' },
		{ "perf-freq", required_argument, NULL, 'f' },
		{ "ifname", required_argument, NULL, 'i' },
		{ "target", required_argument, NULL, 't' },
		{ "keyring", required_argument, NULL, 'k' },
		{ "no-sig", no_argument, NULL, 'n' },
		{ "no-annot", no_argument, NULL, 'N' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "attach-to", required_argument, NULL, 'A' },
		{ "no-attach-check", no_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 },
	};
	struct load_args a = { 0 };
	struct bpf_annotate_loaded ld;
	struct bpf_annotate_obj *obj;
	char err[1024], **args, *end, *eq, *colon;
	int c, nargs, ret;

	while ((c = ba_getopt(argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'p':
			a.pin = optarg;
			break;
		case 'a':
			a.attach = true;
			break;
		case 'f':
			a.ao.perf_freq = strtoul(optarg, &end, 0);
			if (*end || !*optarg || !a.ao.perf_freq)
				return ba_usage_error("load: --perf-freq needs a frequency in Hz above 0");
			break;
		case 'i':
			a.ao.ifindex = if_nametoindex(optarg);
			if (!a.ao.ifindex)
				return ba_error("load: no interface %s: %s", optarg, strerror(errno));
			break;
		case 't':
			if (a.lo.target_prog_fd > 0)
				close(a.lo.target_prog_fd);
			a.lo.target_prog_fd = bpf_obj_get(optarg);
			if (a.lo.target_prog_fd < 0)
				return ba_error("load: --target %s: %s", optarg, strerror(errno));
			break;
		case 'k':
			a.lo.keyring_id = strtol(optarg, &end, 0);
			if (*end || !*optarg)
				return ba_usage_error(LOAD_USAGE);
			break;
		case 'n':
			a.lo.no_signature = true;
			break;
		case 'N':
			a.lo.no_annotation = true;
			break;
		case 'l':
			a.lo.log_level = strtoul(optarg, &end, 0);
			if (*end || !*optarg)
				return ba_usage_error(LOAD_USAGE);
			break;
		case 'A':
			/* PROG=TARGET: a target has no '=' before its kind's ':' */
			eq = strchr(optarg, '=');
			colon = strchr(optarg, ':');
			if (eq && (!colon || eq < colon)) {
				*eq = '\0';
				a.attach_to_prog = optarg;
				a.attach_to = eq + 1;
			} else {
				a.attach_to_prog = NULL;
				a.attach_to = optarg;
			}
			if (!*a.attach_to || (a.attach_to_prog && !*a.attach_to_prog))
				return ba_usage_error(LOAD_USAGE);
			break;
		case 'C':
			a.ao.no_check = true;
			break;
		default:
			return ba_usage_error(LOAD_USAGE);
		}
	}
	args = ba_args(argc, argv, &nargs);
	if (nargs != 1)
		return ba_usage_error(LOAD_USAGE);
	if (a.attach && !a.pin)
		return ba_usage_error("load --attach needs --pin DIR: links end when bpf-annotate exits");
	if (!a.attach && (a.ao.perf_freq || a.ao.ifindex))
		return ba_usage_error("load: --perf-freq and --ifname need --attach");
	if (!a.attach && (a.attach_to || a.ao.no_check))
		return ba_usage_error("load: --attach-to and --no-attach-check need --attach");
	/* without its annotation the kernel has nothing to check it by */
	if (a.lo.no_annotation)
		a.ao.no_check = true;
	if (bpf_annotate_open(args[0], &obj, err, sizeof(err)))
		return ba_error("%s", err);
	a.lo.log_size = LOG_SIZE;
	a.lo.log_buf = calloc(1, LOG_SIZE);
	if (!a.lo.log_buf) {
		bpf_annotate_free(obj);
		return ba_error("out of memory");
	}
	ret = bpf_annotate_load(obj, &a.lo, &ld, err, sizeof(err));
	if (ret) {
		ba_error("%s", err);
		if (a.lo.log_buf[0])
			fprintf(stderr, "%s log:\n%s", ld.failed_prog >= 0 ? "verifier" : "BTF",
				a.lo.log_buf);
		ret = 1;
	} else {
		ret = finish(opts, obj, &ld, &a);
		bpf_annotate_unload(&ld);
	}
	free(a.lo.log_buf);
	bpf_annotate_free(obj);
	if (a.lo.target_prog_fd > 0)
		close(a.lo.target_prog_fd);
	return ret;
}
