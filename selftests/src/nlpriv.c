// SPDX-License-Identifier: GPL-2.0
/*
 * nlpriv - privilege matrix and key-leak scan of the psac generic netlink
 * family, over raw netlink (no library between us and the kernel).
 *
 *   nlpriv ops             every command 1..PSAC_CMD_MAX of
 *                          uapi/linux/psac.h with the kernel's op flags
 *   nlpriv expect-eperm    every do and dump of every command with a
 *                          handler must fail with EPERM
 *   nlpriv expect-allowed  none may fail with EPERM, INFO_GET and every
 *                          dump must succeed
 *   nlpriv scan HEX...     run every do (no attributes) and every dump, and
 *                          fail if a reply contains any 8-octet window of
 *                          a given key, or a key attribute (PSK key, MN-HA
 *                          SA keys) in its nests
 *
 * The command range comes from the header at compile time, so a command
 * added to the ABI is in the matrix without editing this file; commands
 * the kernel has no handler for (multicast notifications) are listed and
 * must answer EOPNOTSUPP to everyone.  Prints one line per probe and exits
 * 1 when an expectation fails.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/psac.h>

#define BUF_LEN		(64 * 1024)

static int fd;
static unsigned int seq = 1;
static unsigned char keys[16][128];
static size_t key_lens[16];
static unsigned int n_keys;
static int leaks;

struct op {
	unsigned int flags;	/* GENL_* op flags, 0: no handler */
};

static struct op ops[PSAC_CMD_MAX + 1];

static int nl_send(unsigned short type, unsigned short flags, unsigned char cmd,
		   const void *attrs, size_t alen)
{
	unsigned char buf[512];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct genlmsghdr *g = NLMSG_DATA(nlh);
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	memset(buf, 0, sizeof(buf));
	nlh->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + alen);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = ++seq;
	g->cmd = cmd;
	g->version = 1;
	memcpy((unsigned char *)g + GENL_HDRLEN, attrs, alen);
	return sendto(fd, buf, nlh->nlmsg_len, 0, (struct sockaddr *)&sa,
		      sizeof(sa)) < 0 ? -errno : 0;
}

/* Scans one reply's attributes: nests of PSKs and MN-HA SAs. */
static void check_attrs(const unsigned char *p, size_t len, int nest)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const void *)p;
		size_t alen = a->nla_len, step = NLA_ALIGN(alen);
		unsigned int type = a->nla_type & NLA_TYPE_MASK;

		if (alen < NLA_HDRLEN || alen > len)
			return;
		if (nest == PSAC_A_PSK && type == PSAC_PSK_A_KEY) {
			printf("# LEAK: PSAC_PSK_A_KEY in a PSK nest\n");
			leaks++;
		}
		if (nest == PSAC_A_MNHA_SA &&
		    (type == PSAC_MSA_A_EKEY_MN2HA || type == PSAC_MSA_A_IKEY_MN2HA ||
		     type == PSAC_MSA_A_EKEY_HA2MN || type == PSAC_MSA_A_IKEY_HA2MN)) {
			printf("# LEAK: key attribute %u in an MN-HA SA nest\n", type);
			leaks++;
		}
		if (!nest && (type == PSAC_A_PSK || type == PSAC_A_MNHA_SA))
			check_attrs(p + NLA_HDRLEN, alen - NLA_HDRLEN, type);
		if (step > len)
			return;
		p += step;
		len -= step;
	}
}

static void scan_bytes(const unsigned char *p, size_t len)
{
	unsigned int k;
	size_t i, off;

	for (k = 0; k < n_keys; k++) {
		size_t w = key_lens[k] < 8 ? key_lens[k] : 8;

		for (off = 0; off + w <= key_lens[k]; off++)
			for (i = 0; i + w <= len; i++)
				if (!memcmp(p + i, keys[k] + off, w)) {
					printf("# LEAK: 8 octets of key %u in a reply\n", k);
					leaks++;
					return;
				}
	}
}

/*
 * Reads replies until the ACK / NLMSG_DONE / error of the last request.
 * Returns 0 or -errno; *nmsg counts data messages.
 */
static int nl_recv(unsigned short family, int *nmsg)
{
	static unsigned char buf[BUF_LEN];

	*nmsg = 0;
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh;
		size_t len;

		if (n < 0)
			return -errno;
		len = (size_t)n;
		for (nlh = (void *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);

				return e->error;
			}
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (nlh->nlmsg_type == family) {
				size_t plen = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

				(*nmsg)++;
				scan_bytes((unsigned char *)nlh, nlh->nlmsg_len);
				check_attrs((unsigned char *)NLMSG_DATA(nlh) + GENL_HDRLEN,
					    plen, 0);
			}
		}
	}
}

/* CTRL_CMD_GETFAMILY "psac": family id and the op list with flags. */
static int resolve(void)
{
	static unsigned char buf[BUF_LEN];
	unsigned char attr[32];
	struct nlattr *a = (void *)attr;
	unsigned short family = 0;
	struct nlmsghdr *nlh;
	ssize_t n;
	size_t len;

	memset(attr, 0, sizeof(attr));
	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + sizeof(PSAC_GENL_NAME);
	memcpy(attr + NLA_HDRLEN, PSAC_GENL_NAME, sizeof(PSAC_GENL_NAME));
	if (nl_send(GENL_ID_CTRL, NLM_F_REQUEST, CTRL_CMD_GETFAMILY, attr,
		    NLA_ALIGN(a->nla_len)))
		return -1;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n <= 0)
		return -1;
	len = (size_t)n;
	for (nlh = (void *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
		unsigned char *p = (unsigned char *)NLMSG_DATA(nlh) + GENL_HDRLEN;
		size_t rem = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

		if (nlh->nlmsg_type != GENL_ID_CTRL)
			return -1;
		while (rem >= NLA_HDRLEN) {
			struct nlattr *t = (void *)p;

			if (t->nla_len < NLA_HDRLEN || t->nla_len > rem)
				break;
			if (t->nla_type == CTRL_ATTR_FAMILY_ID)
				memcpy(&family, p + NLA_HDRLEN, 2);
			if ((t->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_OPS) {
				unsigned char *q = p + NLA_HDRLEN;
				size_t qr = t->nla_len - NLA_HDRLEN;

				while (qr >= NLA_HDRLEN) {
					struct nlattr *o = (void *)q;
					unsigned char *r = q + NLA_HDRLEN;
					size_t rr = o->nla_len - NLA_HDRLEN;
					unsigned int id = 0, fl = 0;

					if (o->nla_len < NLA_HDRLEN || o->nla_len > qr)
						break;
					while (rr >= NLA_HDRLEN) {
						struct nlattr *x = (void *)r;

						if (x->nla_len < NLA_HDRLEN || x->nla_len > rr)
							break;
						if (x->nla_type == CTRL_ATTR_OP_ID)
							memcpy(&id, r + NLA_HDRLEN, 4);
						if (x->nla_type == CTRL_ATTR_OP_FLAGS)
							memcpy(&fl, r + NLA_HDRLEN, 4);
						if ((size_t)NLA_ALIGN(x->nla_len) >= rr)
							break;
						rr -= NLA_ALIGN(x->nla_len);
						r += NLA_ALIGN(x->nla_len);
					}
					if (id >= 1 && id <= PSAC_CMD_MAX)
						ops[id].flags = fl;
					else
						printf("# op %u is not in uapi/linux/psac.h\n", id);
					if ((size_t)NLA_ALIGN(o->nla_len) >= qr)
						break;
					qr -= NLA_ALIGN(o->nla_len);
					q += NLA_ALIGN(o->nla_len);
				}
			}
			if ((size_t)NLA_ALIGN(t->nla_len) >= rem)
				break;
			rem -= NLA_ALIGN(t->nla_len);
			p += NLA_ALIGN(t->nla_len);
		}
	}
	return family ? family : -1;
}

static int probe(unsigned short family, unsigned int cmd, int dump, int *nmsg)
{
	int err = nl_send(family, NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0),
			  cmd, NULL, 0);

	return err ? err : nl_recv(family, nmsg);
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	const char *mode = argc > 1 ? argv[1] : "";
	int family, bad = 0, probes = 0, i;
	unsigned int cmd;

	if (strcmp(mode, "ops") && strcmp(mode, "expect-eperm") &&
	    strcmp(mode, "expect-allowed") && strcmp(mode, "scan")) {
		fputs("usage: nlpriv ops | expect-eperm | expect-allowed | scan HEXKEY...\n",
		      stderr);
		return 2;
	}
	for (i = 2; i < argc && !strcmp(mode, "scan") && n_keys < 16; i++) {
		size_t l = strlen(argv[i]), j;

		if (l % 2 || l / 2 > sizeof(keys[0]) || l < 16) {
			fprintf(stderr, "nlpriv: key %s: 8..128 octets of hex\n", argv[i]);
			return 2;
		}
		if (strspn(argv[i], "0123456789abcdefABCDEF") != l) {
			fprintf(stderr, "nlpriv: bad hex %s\n", argv[i]);
			return 2;
		}
		for (j = 0; j < l / 2; j++)
			sscanf(argv[i] + 2 * j, "%2hhx", &keys[n_keys][j]);
		key_lens[n_keys++] = l / 2;
	}

	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("nlpriv: netlink socket");
		return 1;
	}
	family = resolve();
	if (family < 0) {
		fputs("nlpriv: family psac not found\n", stderr);
		return 1;
	}

	for (cmd = 1; cmd <= PSAC_CMD_MAX; cmd++) {
		unsigned int fl = ops[cmd].flags;
		int dump, nmsg, err;

		if (!(fl & (GENL_CMD_CAP_DO | GENL_CMD_CAP_DUMP))) {
			/* no handler: a notification; nobody may invoke it */
			err = probe(family, cmd, 0, &nmsg);
			printf("cmd %2u: no handler (notification): %s\n", cmd,
			       strerror(-err));
			probes++;
			if (err != -EOPNOTSUPP)
				bad++;
			continue;
		}
		if (!strcmp(mode, "ops")) {
			printf("cmd %2u:%s%s%s\n", cmd,
			       fl & GENL_CMD_CAP_DO ? " do" : "",
			       fl & GENL_CMD_CAP_DUMP ? " dump" : "",
			       fl & GENL_UNS_ADMIN_PERM ? " uns-admin-perm" :
			       fl & GENL_ADMIN_PERM ? " admin-perm (WRONG)" :
			       " NO-ADMIN-PERM");
			/* docs/architecture.md: CAP_NET_ADMIN over the netns's owner */
			if (!(fl & GENL_UNS_ADMIN_PERM) || (fl & GENL_ADMIN_PERM))
				bad++;
			continue;
		}
		for (dump = 0; dump <= 1; dump++) {
			if (!(fl & (dump ? GENL_CMD_CAP_DUMP : GENL_CMD_CAP_DO)))
				continue;
			err = probe(family, cmd, dump, &nmsg);
			probes++;
			printf("cmd %2u %-4s: %s, %d messages\n", cmd,
			       dump ? "dump" : "do", err ? strerror(-err) : "ok", nmsg);
			if (!strcmp(mode, "expect-eperm") && err != -EPERM)
				bad++;
			if (!strcmp(mode, "expect-allowed") &&
			    (err == -EPERM ||
			     ((dump || cmd == PSAC_CMD_INFO_GET) && err)))
				bad++;
		}
	}
	if (!strcmp(mode, "scan"))
		printf("%d probes, %u keys, %d leaks\n", probes, n_keys, leaks);
	else
		printf("%d probes, %d unexpected\n", probes, bad);
	return bad || leaks ? 1 : 0;
}
