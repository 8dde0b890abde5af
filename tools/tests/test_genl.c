// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Tests for tools/lib/genl.c against the kernel's own generic netlink
 * controller ("nlctrl"), which every kernel has: family resolution, dump,
 * multicast join, errors with extended ACK.  The psac family is exercised
 * only when the module is loaded (otherwise those tests are skipped).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/psac.h>

#include "genl.h"
#include "tap.h"

struct dump_ctx {
	int families;
	int saw_nlctrl;
};

static int dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *c = data;
	const struct nlattr *a;

	c->families++;
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_NAME &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING) &&
		    !strcmp(mnl_attr_get_str(a), "nlctrl"))
			c->saw_nlctrl = 1;
	}
	return MNL_CB_OK;
}

int main(void)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g, p;
	struct dump_ctx dc = { 0, 0 };
	struct nlmsghdr *nlh;
	uint32_t id;
	int ret;

	/* how a refusal reads: the module's "psac: " prefix and a missing attribute */
	{
		char e[300];

		memset(&p, 0, sizeof(p));
		snprintf(p.ext_msg, sizeof(p.ext_msg), "psac: a PSK needs a key");
		p.ext_miss_type = -1;
		psac_genl_strerror(&p, -EINVAL, e, sizeof(e));
		tap_ok(!strcmp(e, "Invalid argument: a PSK needs a key"),
		       "module message is shown without a second 'psac: ' (%s)", e);
		p.ext_msg[0] = '\0';
		p.ext_miss_type = PSAC_A_PSK;
		psac_genl_strerror(&p, -EINVAL, e, sizeof(e));
		tap_ok(strstr(e, "Invalid argument") &&
		       strstr(e, "missing attribute type") &&
		       strtol(strrchr(e, ' ') + 1, NULL, 10) == PSAC_A_PSK,
		       "missing attribute (NLMSGERR_ATTR_MISS_TYPE) is named (%s)", e);
	}

	ret = psac_genl_open(&g, "nlctrl");
	if (ret == -EPROTONOSUPPORT || ret == -EAFNOSUPPORT ||
	    ret == -EACCES || ret == -EPERM) {
		tap_skip("no generic netlink here", "genl tests (%s)",
			 strerror(-ret));
		return tap_done();
	}
	tap_ok(ret == 0 && g.family_id == GENL_ID_CTRL && g.family_version >= 1,
	       "resolve family nlctrl (id 0x%x, version %u)", g.family_id,
	       g.family_version);
	tap_ok(psac_genl_grp_id(&g, "notify", &id) == 0 && id,
	       "nlctrl multicast group 'notify' is listed");
	tap_ok(psac_genl_grp_id(&g, "nosuch", &id) == -ENOENT,
	       "unknown multicast group -> -ENOENT");

	ret = psac_genl_dump(&g, CTRL_CMD_GETFAMILY, dump_cb, &dc);
	tap_ok(ret == 0 && dc.families > 1 && dc.saw_nlctrl,
	       "dump of all families (%d) includes nlctrl", dc.families);

	/* a malformed request: FAMILY_ID must be a u16, send 1 octet */
	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	{
		struct genlmsghdr *gh = mnl_nlmsg_put_extra_header(nlh,
								   sizeof(*gh));
		gh->cmd = CTRL_CMD_GETFAMILY;
		gh->version = 1;
	}
	mnl_attr_put_u8(nlh, CTRL_ATTR_FAMILY_ID, 1);
	ret = psac_genl_talk(&g, nlh, NULL, NULL);
	tap_ok(ret < 0 && ret != -ETIMEDOUT,
	       "invalid attribute is refused by the kernel (%s)", strerror(-ret));
	if (g.ext_msg[0]) {
		char e[300];

		tap_ok(strlen(psac_genl_strerror(&g, ret, e, sizeof(e))) >
		       strlen(g.ext_msg),
		       "kernel extack message is reported: \"%s\"", g.ext_msg);
	} else {
		tap_skip("kernel sent no extack message", "extack message");
	}

	tap_ok(psac_genl_join(&g, "notify") == 0,
	       "join multicast group nlctrl/notify");
	tap_ok(psac_genl_recv_events(&g, 0, NULL, NULL) >= 0,
	       "polling for events with a zero timeout returns");

	ret = psac_genl_open(&p, "psac_nosuch");
	tap_ok(ret == -ENOENT && p.nl == NULL,
	       "unknown family -> -ENOENT, handle closed");
	ret = psac_genl_open(&p, "a_family_name_too_long");
	tap_ok(ret == -EINVAL, "family name longer than GENL_NAMSIZ -> -EINVAL");

	/*
	 * PSAC_CMD_INFO_GET against the real module runs in the VM
	 * (selftests/psac_module.sh): the host kernel cannot load modules.
	 */
	psac_genl_close(&g);
	return tap_done();
}
