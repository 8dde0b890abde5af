// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac - configure and exercise the psac kernel module.
 *
 *   psac [OPTIONS] OBJECT [COMMAND [ARGUMENTS]]
 *
 * In the style of ip(8) and wg(8): global options, then an object, then
 * its command.  Objects and commands may be abbreviated.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <linux/psac.h>

#include "cmds.h"
#include "util.h"

struct object {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
	void (*help)(FILE *f);
};

static const struct object objects[] = {
	{ "info", "version and features of the loaded kernel module",
	  cmd_info, help_info },
	{ "saconf", "build, inspect and send SACONFIGURATION messages (testing)",
	  cmd_saconf, help_saconf },
	{ "target", "target-server role: PSKs, configuration, SA pairs, events",
	  cmd_target, help_target },
	{ "server", "DHCPv6 server role: provision SA pairs to targets and requestors",
	  cmd_server, help_server },
	{ "request", "requestor role: ask a server for SA pairs, install them in XFRM",
	  cmd_request, help_request },
	{ "mnha", "RFC 6618 MN-HA role: devices, SAs, counters, events",
	  cmd_mnha, help_mnha },
	{ "hac", "RFC 6618 home agent controller: bootstrap mobile nodes over TLS",
	  cmd_hac, help_hac },
	{ "mn", "RFC 6618 mobile node: bootstrap from a HAC over TLS, install the SA",
	  cmd_mn, help_mn },
};

#define N_OBJECTS (sizeof(objects) / sizeof(objects[0]))

static void usage(FILE *f)
{
	unsigned int i;

	fputs(
"Usage: psac [OPTIONS] OBJECT [COMMAND [ARGUMENTS...]]\n"
"       psac help [OBJECT]\n"
"\n"
"Configure and exercise the psac kernel module: PSAC (DHCPv6-provisioned\n"
"IPsec security associations, draft-madi-dhc-dhcpv6-psac) and the RFC 6618\n"
"MN-HA UDP encapsulation.  Talks to the module over generic netlink family\n"
"\"" PSAC_GENL_NAME "\" and speaks the PSAC DHCPv6 messages itself.\n"
"\n"
"Objects:\n", f);
	for (i = 0; i < N_OBJECTS; i++)
		fprintf(f, "  %-10s %s\n", objects[i].name, objects[i].summary);
	fputs(
"  help       this text, or the help of one object\n"
"\n"
"Options:\n"
"  -j, --json          print JSON instead of text\n"
"  -p, --pretty        indent the JSON output (implies --json)\n"
"  -n, --netns NAME    act in network namespace NAME (/run/netns/NAME, as\n"
"                      created by 'ip netns add') or the one at a path such\n"
"                      as /proc/PID/ns/net\n"
"  -v, --verbose       more diagnostics on standard error\n"
"  -V, --version       print the version and exit\n"
"  -h, --help          print this help and exit\n"
"\n"
"Objects and commands may be abbreviated to a unique prefix.\n"
"\n"
"Exit status:\n"
"  0  success\n"
"  1  failure: bad usage, the kernel refused, verification failed\n"
"  2  the kernel module is not loaded (no generic netlink family 'psac')\n"
"  3  no answer in time (saconf send --wait-reply, request --timeout,\n"
"     server --timeout, target/mnha monitor --timeout, hac --timeout),\n"
"     or the HAC is unreachable (mn)\n"
"  4, 5, 6  mn: the HAC's certificate did not verify, the HAC refused,\n"
"     the HAC's answer did not verify (see 'psac help mn')\n"
"\n"
"Run 'psac help OBJECT' for the commands of an object.\n", f);
}

static const struct object *find_object(const char *name)
{
	const struct object *found = NULL;
	unsigned int i;

	for (i = 0; i < N_OBJECTS; i++) {
		if (!strcmp(name, objects[i].name))
			return &objects[i];
		if (psac_matches(name, objects[i].name)) {
			if (found)
				return NULL;	/* ambiguous */
			found = &objects[i];
		}
	}
	return found;
}

static int do_help(int argc, char **argv)
{
	const struct object *o;

	if (argc < 2) {
		usage(stdout);
		return PSAC_EXIT_OK;
	}
	o = find_object(argv[1]);
	if (!o) {
		psac_err("no help for unknown object '%s'; objects are listed by 'psac help'",
			 argv[1]);
		return PSAC_EXIT_FAIL;
	}
	o->help(stdout);
	return PSAC_EXIT_OK;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "netns", required_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct object *o;
	int c, ret;

	/* '+': stop at the first non-option, the object */
	while ((c = getopt_long(argc, argv, "+jpn:vVh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			psac_opts.json = 1;
			break;
		case 'p':
			psac_opts.json = 1;
			psac_opts.pretty = 1;
			break;
		case 'n':
			psac_opts.netns = optarg;
			break;
		case 'v':
			psac_opts.verbose++;
			break;
		case 'V':
			printf("psac %s (generic netlink family %s version %d)\n",
			       PSAC_TOOLS_VERSION, PSAC_GENL_NAME,
			       PSAC_GENL_VERSION);
			return PSAC_EXIT_OK;
		case 'h':
			usage(stdout);
			return PSAC_EXIT_OK;
		default:
			fputs("Try 'psac --help'.\n", stderr);
			return PSAC_EXIT_FAIL;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		return PSAC_EXIT_FAIL;
	}
	if (!strcmp(argv[0], "help"))
		return do_help(argc, argv);

	o = find_object(argv[0]);
	if (!o) {
		psac_err("unknown or ambiguous object '%s'; try 'psac help'",
			 argv[0]);
		return PSAC_EXIT_FAIL;
	}

	if (psac_opts.netns) {
		ret = psac_enter_netns(psac_opts.netns);
		if (ret) {
			psac_err("cannot enter network namespace '%s': %s",
				 psac_opts.netns, strerror(-ret));
			return PSAC_EXIT_FAIL;
		}
	}
	/* optind-style parsing in the objects starts afresh */
	optind = 0;
	return o->run(argc, argv);
}
