// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: what every netlink-talking command shares: opening the
 * family and reporting errors, attribute access, and the event loop of the
 * monitor commands.  A translation unit of its own, so that the tests' fake
 * kernel (-Wl,--wrap on the psac_genl_* calls) also stands behind it.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <linux/psac.h>

#include "genl.h"
#include "genl_cmd.h"
#include "util.h"

int psac_genl_report(const struct psac_genl *g, const char *what, int err)
{
	char buf[512];

	switch (err) {
	case -ENOENT:
		if (g && g->family_id)
			break;	/* ENOENT from the command itself */
		psac_err("kernel module not loaded (generic netlink family '%s' not found); try: modprobe psac",
			 PSAC_GENL_NAME);
		return PSAC_EXIT_NOMODULE;
	case -EPERM:
	case -EACCES:
		psac_err("%s: %s: needs CAP_NET_ADMIN (run as root, or in a user namespace owning the network namespace)",
			 what, g ? psac_genl_strerror(g, err, buf, sizeof(buf)) :
			 strerror(-err));
		return PSAC_EXIT_FAIL;
	case -EPROTONOSUPPORT:
	case -EAFNOSUPPORT:
		psac_err("%s: generic netlink is not available: %s", what,
			 strerror(-err));
		return PSAC_EXIT_FAIL;
	}
	psac_err("%s: %s", what,
		 g ? psac_genl_strerror(g, err, buf, sizeof(buf)) :
		 strerror(-err));
	if (g && g->ext_has_off && psac_opts.verbose)
		fprintf(stderr, "psac: offending attribute at offset %u\n",
			g->ext_off);
	return PSAC_EXIT_FAIL;
}

int psac_open_family(struct psac_genl *g, const char *what)
{
	int ret = psac_genl_open(g, PSAC_GENL_NAME);

	return ret ? psac_genl_report(NULL, what, ret) : PSAC_EXIT_OK;
}

/* One request (doit or dump), with the error reported; closes g. */
int psac_talk_close(struct psac_genl *g, struct nlmsghdr *nlh,
		    psac_genl_cb cb, void *data, const char *what)
{
	int ret = psac_genl_talk(g, nlh, cb, data);

	if (ret)
		ret = psac_genl_report(g, what, ret);
	psac_genl_close(g);
	return ret;
}

/* Attribute table of a nest; types beyond max are ignored (newer kernel). */
struct tb {
	const struct nlattr **a;
	unsigned int max;
};

int psac_list_run(uint8_t cmd, uint32_t ifindex, int doit,
		  int (*cb)(const struct nlmsghdr *, void *), const char *what)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_json j;
	struct psac_genl g;
	struct nlmsghdr *nlh;
	int ret;

	ret = psac_open_family(&g, what);
	if (ret)
		return ret;
	psac_json_init(&j, stdout, psac_opts.pretty);
	if (psac_opts.json)
		psac_json_arr_open(&j, NULL);
	nlh = psac_genl_msg(&g, buf, cmd, doit ? 0 : NLM_F_DUMP);
	if (ifindex)
		mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, ifindex);
	ret = psac_genl_talk(&g, nlh, cb, &j);
	if (psac_opts.json)
		psac_json_arr_close(&j);	/* valid JSON even on error */
	if (ret)
		ret = psac_genl_report(&g, what, ret);
	psac_genl_close(&g);
	return ret;
}

static int tb_cb(const struct nlattr *attr, void *data)
{
	struct tb *t = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type <= t->max)
		t->a[type] = attr;
	return MNL_CB_OK;
}

int psac_parse_nest(const struct nlattr *nest, const struct nlattr **a,
		      unsigned int max)
{
	struct tb t = { a, max };

	memset(a, 0, (max + 1) * sizeof(*a));
	return mnl_attr_parse_nested(nest, tb_cb, &t) < 0 ? -1 : 0;
}

/* The first top-level attribute of type want, or NULL. */
const struct nlattr *psac_find_attr(const struct nlmsghdr *nlh, int want)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == want)
			return a;
	return NULL;
}

int psac_get_u8(const struct nlattr *a, uint8_t *v)
{
	if (!a || mnl_attr_validate(a, MNL_TYPE_U8) < 0)
		return -1;
	*v = mnl_attr_get_u8(a);
	return 0;
}

int psac_get_u16(const struct nlattr *a, uint16_t *v)
{
	if (!a || mnl_attr_validate(a, MNL_TYPE_U16) < 0)
		return -1;
	*v = mnl_attr_get_u16(a);
	return 0;
}

int psac_get_u32(const struct nlattr *a, uint32_t *v)
{
	if (!a || mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return -1;
	*v = mnl_attr_get_u32(a);
	return 0;
}

int psac_get_u64(const struct nlattr *a, uint64_t *v)
{
	if (!a || mnl_attr_validate(a, MNL_TYPE_U64) < 0)
		return -1;
	*v = mnl_attr_get_u64(a);
	return 0;
}

int psac_genl_monitor(struct psac_genl *g, const char *what,
		      const char *group, uint32_t count, uint32_t timeout_s,
		      psac_genl_cb cb, void *data, const uint32_t *seen)
{
	long long deadline = 0;
	int ret, lost = 0;

	ret = psac_genl_join(g, group);
	if (ret) {
		if (ret == -ENOENT)
			psac_err("%s: the module has no multicast group '%s'",
				 what, group);
		else
			psac_err("%s: joining group '%s': %s", what, group,
				 strerror(-ret));
		return PSAC_EXIT_FAIL;
	}
	if (psac_opts.verbose)
		fprintf(stderr, "psac: joined multicast group '%s'\n", group);
	if (timeout_s)
		deadline = psac_mono_ms() + (long long)timeout_s * 1000;

	for (;;) {
		int wait = -1;

		if (count && *seen >= count)
			return PSAC_EXIT_OK;
		if (deadline) {
			long long left = deadline - psac_mono_ms();

			if (left <= 0) {
				if (count)
					psac_err("%s: %u of %u event%s within %u s",
						 what, *seen, count,
						 count == 1 ? "" : "s", timeout_s);
				else if (psac_opts.verbose)
					fprintf(stderr, "psac: %u event%s in %u s\n",
						*seen, *seen == 1 ? "" : "s",
						timeout_s);
				return PSAC_EXIT_TIMEOUT;
			}
			wait = (int)left;
		}
		ret = psac_genl_recv_events(g, wait, cb, data);
		if (ret == -ENOBUFS) {
			/* the socket overflowed: say so once, keep going */
			if (!lost++)
				psac_warn("%s: events were lost (receive buffer overrun)",
					  what);
			continue;
		}
		if (ret < 0) {
			psac_err("%s: %s", what, strerror(-ret));
			return PSAC_EXIT_FAIL;
		}
	}
}

int psac_monitor_opts(const char *object, void (*help)(FILE *f), int argc,
		      char **argv, uint32_t *count, uint32_t *timeout_s,
		      int *ret)
{
	enum { OPT_COUNT = 256, OPT_TIMEOUT };
	static const struct option opts[] = {
		{ "count", required_argument, NULL, OPT_COUNT },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*count = 0;
	*timeout_s = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_COUNT:
			if (psac_parse_u32(optarg, count) || !*count) {
				*ret = psac_usage_err(object, "monitor: bad --count '%s' (1..4294967295)",
						      optarg);
				return 1;
			}
			break;
		case OPT_TIMEOUT:
			if (psac_parse_u32(optarg, timeout_s) || !*timeout_s ||
			    *timeout_s > 2000000) {
				*ret = psac_usage_err(object, "monitor: bad --timeout '%s' (1..2000000 seconds)",
						      optarg);
				return 1;
			}
			break;
		case 'h':
			help(stdout);
			*ret = PSAC_EXIT_OK;
			return 1;
		default:
			*ret = psac_usage_err(object, "bad option for '%s monitor'",
					      object);
			return 1;
		}
	}
	if (optind < argc) {
		*ret = psac_usage_err(object, "monitor: unexpected argument '%s'",
				      argv[optind]);
		return 1;
	}
	return 0;
}
