// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: generic netlink plumbing over libmnl.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>

#include <linux/netlink.h>

#include "genl.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED 0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS 0x200
#endif

#define REPLY_TIMEOUT_MS	10000

static void clear_ext(struct psac_genl *g)
{
	g->ext_msg[0] = '\0';
	g->ext_has_off = 0;
	g->ext_off = 0;
	g->ext_miss_type = -1;
}

/* TLVs of an NLMSG_ERROR / NLMSG_DONE carrying extended ACK data. */
static void parse_ext_tlvs(struct psac_genl *g, const struct nlmsghdr *nlh,
			   size_t tlv_off)
{
	const struct nlattr *a;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || tlv_off > nlh->nlmsg_len)
		return;
	mnl_attr_for_each(a, nlh, tlv_off - sizeof(struct nlmsghdr)) {
		uint16_t type = mnl_attr_get_type(a);
		uint16_t plen = mnl_attr_get_payload_len(a);

		if (type == NLMSGERR_ATTR_MSG && plen) {
			size_t n = plen < sizeof(g->ext_msg) ? plen :
				   sizeof(g->ext_msg) - 1;

			memcpy(g->ext_msg, mnl_attr_get_payload(a), n);
			g->ext_msg[n] = '\0';
			/* drop the NUL and a trailing newline, if any */
			n = strnlen(g->ext_msg, n);
			while (n && g->ext_msg[n - 1] == '\n')
				g->ext_msg[--n] = '\0';
		} else if (type == NLMSGERR_ATTR_OFFS && plen >= 4) {
			g->ext_has_off = 1;
			g->ext_off = mnl_attr_get_u32(a);
#ifdef NLMSGERR_ATTR_MISS_TYPE
		} else if (type == NLMSGERR_ATTR_MISS_TYPE && plen >= 4) {
			g->ext_miss_type = (int)mnl_attr_get_u32(a);
#endif
		}
	}
}

/* Returns the errno of an NLMSG_ERROR (0 for an ACK). */
static int handle_error_msg(struct psac_genl *g, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t off;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err)))
		return -EBADMSG;
	off = sizeof(*nlh) + sizeof(*err);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len > sizeof(struct nlmsghdr) ?
		       MNL_ALIGN(err->msg.nlmsg_len) - sizeof(struct nlmsghdr) : 0;
	parse_ext_tlvs(g, nlh, off);
	return err->error > 0 ? -err->error : err->error;
}

/* NLMSG_DONE of a dump: an int error, then TLVs. */
static int handle_done_msg(struct psac_genl *g, const struct nlmsghdr *nlh)
{
	int error = 0;

	if (nlh->nlmsg_len >= mnl_nlmsg_size(sizeof(int))) {
		memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(int));
		parse_ext_tlvs(g, nlh, sizeof(*nlh) + MNL_ALIGN(sizeof(int)));
	}
	return error > 0 ? -error : error;
}

static int wait_readable(struct psac_genl *g, int timeout_ms)
{
	struct pollfd pfd = {
		.fd = mnl_socket_get_fd(g->nl),
		.events = POLLIN,
	};
	int ret;

	do {
		ret = poll(&pfd, 1, timeout_ms);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return -errno;
	return ret ? 0 : -ETIMEDOUT;
}

/*
 * Waits for and reads the next datagram of answers into g->buf: its
 * length, 0 to try again (interrupted), or -errno (-ETIMEDOUT).
 */
static int recv_answers(struct psac_genl *g)
{
	ssize_t n;
	int ret;

	ret = wait_readable(g, REPLY_TIMEOUT_MS);
	if (ret)
		return ret;
	n = mnl_socket_recvfrom(g->nl, g->buf, PSAC_GENL_BUF_SIZE);
	if (n < 0)
		return (errno == EINTR || errno == EAGAIN) ? 0 : -errno;
	return (int)n;
}

static int talk(struct psac_genl *g, struct nlmsghdr *req, psac_genl_cb cb,
		void *data)
{
	int dump = !!(req->nlmsg_flags & NLM_F_DUMP);
	uint32_t seq;
	int stop = 0;

	clear_ext(g);
	req->nlmsg_flags |= NLM_F_ACK | NLM_F_REQUEST;
	seq = ++g->seq ? g->seq : ++g->seq;
	req->nlmsg_seq = seq;
	if (mnl_socket_sendto(g->nl, req, req->nlmsg_len) < 0)
		return -errno;

	for (;;) {
		const struct nlmsghdr *nlh;
		int ret, len;

		len = recv_answers(g);
		if (len <= 0) {
			if (!len)
				continue;
			return len;
		}
		for (nlh = (const struct nlmsghdr *)g->buf;
		     mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != seq ||
			    (nlh->nlmsg_pid && nlh->nlmsg_pid != g->portid))
				continue;	/* stale or someone else's */
			switch (nlh->nlmsg_type) {
			case NLMSG_ERROR:
				return handle_error_msg(g, nlh);
			case NLMSG_DONE:
				ret = handle_done_msg(g, nlh);
				if (ret || dump)
					return ret;
				continue;
			case NLMSG_NOOP:
			case NLMSG_OVERRUN:
				continue;
			}
			if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
				continue;
			if (!cb || stop)
				continue;
			errno = 0;
			ret = cb(nlh, data);
			if (ret == MNL_CB_ERROR)
				return errno ? -errno : -EPROTO;
			if (ret == MNL_CB_STOP)
				stop = 1;	/* still read up to the ACK */
		}
	}
}

struct nlmsghdr *psac_genl_msg(struct psac_genl *g, void *buf, uint8_t cmd,
			       uint16_t flags)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *gh;

	memset(buf, 0, PSAC_GENL_MSG_SIZE);	/* no uninitialised padding */
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = g->family_id;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	gh = mnl_nlmsg_put_extra_header(nlh, sizeof(*gh));
	gh->cmd = cmd;
	gh->version = (uint8_t)(g->family_version ? g->family_version : 1);
	return nlh;
}

int psac_genl_talk(struct psac_genl *g, struct nlmsghdr *req,
		   psac_genl_cb cb, void *data)
{
	return talk(g, req, cb, data);
}

int psac_genl_batch(struct psac_genl *g, void *buf, size_t len)
{
	struct nlmsghdr *req = buf;
	unsigned int want = 0;
	int left = (int)len;

	clear_ext(g);
	for (; mnl_nlmsg_ok(req, left); req = mnl_nlmsg_next(req, &left)) {
		req->nlmsg_flags |= NLM_F_ACK | NLM_F_REQUEST;
		req->nlmsg_seq = ++g->seq ? g->seq : ++g->seq;
		want++;
	}
	if (left)
		return -EINVAL;
	if (mnl_socket_sendto(g->nl, buf, len) < 0)
		return -errno;
	while (want) {
		const struct nlmsghdr *nlh;
		int ret, rlen;

		rlen = recv_answers(g);
		if (rlen < 0)
			return rlen;
		for (nlh = (const struct nlmsghdr *)g->buf;
		     mnl_nlmsg_ok(nlh, rlen);
		     nlh = mnl_nlmsg_next(nlh, &rlen)) {
			if (nlh->nlmsg_type != NLMSG_ERROR)
				continue;
			ret = handle_error_msg(g, nlh);
			if (ret)
				return ret;
			want--;
		}
	}
	return 0;
}

int psac_genl_dump(struct psac_genl *g, uint8_t cmd, psac_genl_cb cb,
		   void *data)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct nlmsghdr *nlh = psac_genl_msg(g, buf, cmd, NLM_F_DUMP);

	return talk(g, nlh, cb, data);
}

/* ---------------------------------------------------------------------- */
/* Family resolution                                                       */
/* ---------------------------------------------------------------------- */

static void parse_grps(struct psac_genl *g, const struct nlattr *nest)
{
	const struct nlattr *grp;

	mnl_attr_for_each_nested(grp, nest) {
		const struct nlattr *a;
		uint32_t id = 0;
		const char *name = NULL;

		mnl_attr_for_each_nested(a, grp) {
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_ID &&
			    mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				id = mnl_attr_get_u32(a);
			else if (mnl_attr_get_type(a) ==
				 CTRL_ATTR_MCAST_GRP_NAME &&
				 mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
				name = mnl_attr_get_str(a);
		}
		if (name && g->n_grps < PSAC_GENL_MAX_GRPS) {
			g->grps[g->n_grps].id = id;
			snprintf(g->grps[g->n_grps].name,
				 sizeof(g->grps[g->n_grps].name), "%s", name);
			g->n_grps++;
		}
	}
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct psac_genl *g = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case CTRL_ATTR_FAMILY_ID:
			if (mnl_attr_validate(a, MNL_TYPE_U16) == 0)
				g->family_id = mnl_attr_get_u16(a);
			break;
		case CTRL_ATTR_VERSION:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				g->family_version = mnl_attr_get_u32(a);
			break;
		case CTRL_ATTR_MAXATTR:
			if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
				g->family_maxattr = mnl_attr_get_u32(a);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			parse_grps(g, a);
			break;
		}
	}
	return MNL_CB_OK;
}

int psac_genl_open(struct psac_genl *g, const char *family)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct nlmsghdr *nlh;
	int one = 1, ret;

	memset(g, 0, sizeof(*g));
	clear_ext(g);
	if (!family || strlen(family) >= GENL_NAMSIZ)
		return -EINVAL;
	snprintf(g->family, sizeof(g->family), "%s", family);
	g->buf = malloc(PSAC_GENL_BUF_SIZE);
	if (!g->buf)
		return -ENOMEM;
	g->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!g->nl) {
		ret = -errno;
		goto fail;
	}
	if (mnl_socket_bind(g->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		goto fail;
	}
	g->portid = mnl_socket_get_portid(g->nl);
	g->seq = (uint32_t)time(NULL);
	/* Best effort: older kernels lack these and just report less. */
	mnl_socket_setsockopt(g->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(g->nl, NETLINK_CAP_ACK, &one, sizeof(one));

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	{
		struct genlmsghdr *gh = mnl_nlmsg_put_extra_header(nlh,
								   sizeof(*gh));
		gh->cmd = CTRL_CMD_GETFAMILY;
		gh->version = 1;
	}
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, family);
	ret = talk(g, nlh, family_cb, g);
	if (ret)
		goto fail;
	if (!g->family_id) {
		ret = -ENOENT;
		goto fail;
	}
	return 0;
fail:
	psac_genl_close(g);
	return ret;
}

void psac_genl_close(struct psac_genl *g)
{
	if (g->nl)
		mnl_socket_close(g->nl);
	g->nl = NULL;
	free(g->buf);
	g->buf = NULL;
}

int psac_genl_grp_id(const struct psac_genl *g, const char *name,
		     uint32_t *id)
{
	unsigned int i;

	for (i = 0; i < g->n_grps; i++) {
		if (!strcmp(g->grps[i].name, name)) {
			*id = g->grps[i].id;
			return 0;
		}
	}
	return -ENOENT;
}

int psac_genl_join(struct psac_genl *g, const char *name)
{
	uint32_t id;
	int ret = psac_genl_grp_id(g, name, &id);

	if (ret)
		return ret;
	if (mnl_socket_setsockopt(g->nl, NETLINK_ADD_MEMBERSHIP, &id,
				  sizeof(id)) < 0)
		return -errno;
	return 0;
}

int psac_genl_recv_events(struct psac_genl *g, int timeout_ms,
			  psac_genl_cb cb, void *data)
{
	const struct nlmsghdr *nlh;
	int ret, len, count = 0;
	ssize_t n;

	ret = wait_readable(g, timeout_ms);
	if (ret == -ETIMEDOUT)
		return 0;
	if (ret)
		return ret;
	n = mnl_socket_recvfrom(g->nl, g->buf, PSAC_GENL_BUF_SIZE);
	if (n < 0)
		return (errno == EINTR || errno == EAGAIN) ? 0 : -errno;
	len = (int)n;
	for (nlh = (const struct nlmsghdr *)g->buf; mnl_nlmsg_ok(nlh, len);
	     nlh = mnl_nlmsg_next(nlh, &len)) {
		if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
			continue;
		count++;
		if (cb && cb(nlh, data) == MNL_CB_ERROR)
			return errno ? -errno : -EPROTO;
	}
	return count;
}

const char *psac_genl_strerror(const struct psac_genl *g, int err, char *buf,
			       size_t len)
{
	const char *msg = g ? g->ext_msg : "";
	int n;

	/*
	 * NL_SET_ERR_MSG_MOD() starts the module's messages with "psac: ",
	 * which ours already say.
	 */
	if (!strncmp(msg, "psac: ", 6))
		msg += 6;
	if (msg[0])
		n = snprintf(buf, len, "%s: %s", strerror(-err), msg);
	else
		n = snprintf(buf, len, "%s", strerror(-err));
	/* NLMSGERR_ATTR_MISS_TYPE: which attribute the kernel wanted */
	if (g && g->ext_miss_type >= 0 && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - n, " (missing attribute type %d)",
			 g->ext_miss_type);
	return buf;
}
