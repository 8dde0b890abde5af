/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: install and remove the requestor's side of a PSAC SA pair in
 * XFRM over NETLINK_XFRM (libmnl), the way 'ip xfrm state add' and
 * 'ip xfrm policy update' do, mirroring what the kernel target installs on
 * its side (kmod/target/xfrm.c):
 *
 *   outbound state: SPI-I2R, local -> peer, Ke/Ka(I2R)
 *   inbound  state: SPI-R2I, peer -> local, Ke/Ka(R2I)
 *   out/in policies: host-to-host selectors plus the SA's upper-layer
 *   protocol and ports / ICMPv6 type and code / MH type, written from the
 *   requestor's side (Src-Port is the requestor's port), one ESP template
 *   bound to the pair's reqid.
 *
 * The message builders are pure (unit-tested); psac_xfrm_install() and
 * psac_xfrm_release() talk to the kernel.
 */
#ifndef PSAC_TOOLS_XFRM_H
#define PSAC_TOOLS_XFRM_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <linux/xfrm.h>

#include "dhcp6msg.h"
#include "genl.h"

#define PSAC_XFRM_MSG_SIZE	4096

struct psac_xfrm_pair {
	struct in6_addr local;		/* this host: the requestor */
	struct in6_addr peer;		/* the target */
	struct psac_sa_params p;	/* SPIs, algorithms, selectors */
	const uint8_t *keymat;		/* Ke(I2R) Ka(I2R) Ke(R2I) Ka(R2I) */
	size_t keymat_len;
	uint32_t reqid;
	int in_mh_type_match;		/* 0: inbound MH policies match any
					 * MH type (Linux >= 6.8) */
};

/* Selector of one direction (outbound: local -> peer). */
void psac_xfrm_selector(const struct psac_xfrm_pair *pr, int outbound,
			struct xfrm_selector *sel);

/*
 * Message builders: buf holds PSAC_XFRM_MSG_SIZE octets.  NEWSA returns
 * NULL for algorithms XFRM has no name for or a KEYMAT of the wrong size.
 */
struct nlmsghdr *psac_xfrm_msg_newsa(void *buf,
				     const struct psac_xfrm_pair *pr,
				     int outbound);
/* type XFRM_MSG_NEWPOLICY or XFRM_MSG_UPDPOLICY */
struct nlmsghdr *psac_xfrm_msg_policy(void *buf,
				      const struct psac_xfrm_pair *pr,
				      int outbound, uint16_t type);
struct nlmsghdr *psac_xfrm_msg_delsa(void *buf, const struct in6_addr *dst,
				     uint32_t spi, uint8_t proto);
/* type XFRM_MSG_DELPOLICY or XFRM_MSG_GETPOLICY */
struct nlmsghdr *psac_xfrm_msg_policy_id(void *buf, uint16_t type,
					 const struct xfrm_selector *sel,
					 uint8_t dir);

/* "0.0.0.0 ..." style descriptions for the output */
void psac_xfrm_sel_str(const struct xfrm_selector *sel, char *buf,
		       size_t len);

/* ---------------------------------------------------------------------- */
/* Talking to the kernel                                                   */
/* ---------------------------------------------------------------------- */

struct psac_xfrm {
	struct psac_genl g;		/* the NETLINK_XFRM socket */
};

int psac_xfrm_open(struct psac_xfrm *x);
void psac_xfrm_close(struct psac_xfrm *x);

/* Outcome of install/release, for the messages. */
struct psac_xfrm_report {
	const char *step;		/* what failed */
	int err;			/* -errno */
	char ext_msg[256];		/* the kernel's extack text */
	uint32_t old_reqid;		/* install: the replaced pair's reqid */
	unsigned int replaced;		/* install: old states removed */
	unsigned int states, policies;	/* release: objects removed */
	struct psac_sa_params found;	/* release: the pair found */
	uint32_t found_reqid;
};

/*
 * Install both states and both policies (policies with UPDPOLICY, so a
 * pair with the same selectors is replaced; the states of the pair it
 * replaces are removed afterwards).  On failure everything installed so
 * far is removed again; returns -errno with rep filled in.
 */
int psac_xfrm_install(struct psac_xfrm *x, const struct psac_xfrm_pair *pr,
		      struct psac_xfrm_report *rep);

/*
 * Remove the pair whose inbound state is (local, spi_r2i): every ESP state
 * with its reqid between local and peer, and the policies with their
 * selectors.  -ENOENT when there is no such inbound state.
 */
int psac_xfrm_release(struct psac_xfrm *x, const struct in6_addr *local,
		      const struct in6_addr *peer, uint32_t spi_r2i,
		      struct psac_xfrm_report *rep);

#endif /* PSAC_TOOLS_XFRM_H */
