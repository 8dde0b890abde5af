/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: generic netlink plumbing over libmnl.
 *
 * One psac_genl handle is one NETLINK_GENERIC socket bound to one family
 * (resolved by name with CTRL_CMD_GETFAMILY).  Requests are sent with
 * NLM_F_ACK and extended ACK reporting enabled; the kernel's extack message
 * and offending-attribute offset of the last error are kept in the handle.
 */
#ifndef PSAC_TOOLS_GENL_H
#define PSAC_TOOLS_GENL_H

#include <stdint.h>
#include <stdio.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#define PSAC_GENL_MAX_GRPS	16
#define PSAC_GENL_BUF_SIZE	65536	/* receive buffer */
#define PSAC_GENL_MSG_SIZE	8192	/* request buffer */

struct psac_genl_grp {
	uint32_t id;
	char name[GENL_NAMSIZ];
};

struct psac_genl {
	struct mnl_socket *nl;
	uint32_t portid;
	uint32_t seq;
	char family[GENL_NAMSIZ];
	uint16_t family_id;
	uint32_t family_version;
	uint32_t family_maxattr;
	unsigned int n_grps;
	struct psac_genl_grp grps[PSAC_GENL_MAX_GRPS];
	/* last error report from the kernel (extack) */
	char ext_msg[256];
	int ext_has_off;
	uint32_t ext_off;
	int ext_miss_type;		/* missing attribute type, or -1 */
	uint8_t *buf;			/* receive buffer, PSAC_GENL_BUF_SIZE */
};

/*
 * Open a socket and resolve the family.  Returns 0, -ENOENT when the
 * family does not exist (module not loaded), or another negative errno
 * (socket errors).  On error the handle is closed.
 */
int psac_genl_open(struct psac_genl *g, const char *family);
void psac_genl_close(struct psac_genl *g);

/*
 * Start a request for this family in buf (at least PSAC_GENL_MSG_SIZE
 * octets): netlink header + genl header with cmd and the family version.
 * Add attributes with mnl_attr_put*() / mnl_attr_nest_start().
 */
struct nlmsghdr *psac_genl_msg(struct psac_genl *g, void *buf, uint8_t cmd,
			       uint16_t flags);

/* Reply callback: data points after the genl header, see mnl_attr_parse(). */
typedef int (*psac_genl_cb)(const struct nlmsghdr *nlh, void *data);

/*
 * Send req (NLM_F_ACK is added) and process answers until the ACK, the
 * error or, for NLM_F_DUMP requests, NLMSG_DONE.  Every data message goes
 * to cb (may be NULL).  Returns 0 or a negative errno; on a kernel error
 * g->ext_msg holds the extack message ("" if none).  A callback returning
 * MNL_CB_ERROR aborts with -EPROTO (or -errno if it set errno), MNL_CB_STOP
 * stops reading further replies of a doit request.
 */
int psac_genl_talk(struct psac_genl *g, struct nlmsghdr *req,
		   psac_genl_cb cb, void *data);

/*
 * Send the requests laid end to end in buf (len octets, each started with
 * psac_genl_msg()) in one sendmsg, with NLM_F_ACK, and wait for every ACK.
 * Returns 0, the first error (its extack in the handle; the requests after
 * it have been processed too) or -ETIMEDOUT.  For bulk changes.
 */
int psac_genl_batch(struct psac_genl *g, void *buf, size_t len);

/* Convenience: a dump of cmd with no attributes. */
int psac_genl_dump(struct psac_genl *g, uint8_t cmd, psac_genl_cb cb,
		   void *data);

/* Multicast group id by name (-ENOENT if the family has no such group). */
int psac_genl_grp_id(const struct psac_genl *g, const char *name,
		     uint32_t *id);
/* Join a multicast group of the family by name. */
int psac_genl_join(struct psac_genl *g, const char *name);

/*
 * Wait up to timeout_ms (-1 = forever) for notifications and pass each to
 * cb.  Returns the number of messages handled, 0 on timeout, or -errno.
 */
int psac_genl_recv_events(struct psac_genl *g, int timeout_ms,
			  psac_genl_cb cb, void *data);

/*
 * The options of "OBJECT monitor" ([--count N] [--timeout SECS], help):
 * 0 when parsed, else 1 with the exit status to return in *ret.
 */
int psac_monitor_opts(const char *object, void (*help)(FILE *f), int argc,
		      char **argv, uint32_t *count, uint32_t *timeout_s,
		      int *ret);

/*
 * `psac OBJECT monitor`: join multicast group @group, pass every event to
 * @cb until *@seen reaches @count (0: no limit) or @timeout_s seconds pass
 * (0: none).  @what names the command in messages.  Returns an exit status
 * (PSAC_EXIT_OK, PSAC_EXIT_TIMEOUT or PSAC_EXIT_FAIL); the handle stays
 * open.
 */
int psac_genl_monitor(struct psac_genl *g, const char *what,
		      const char *group, uint32_t count, uint32_t timeout_s,
		      psac_genl_cb cb, void *data, const uint32_t *seen);

/* A human-readable description of the last error: "strerror: extack". */
const char *psac_genl_strerror(const struct psac_genl *g, int err,
			       char *buf, size_t len);

#endif /* PSAC_TOOLS_GENL_H */
