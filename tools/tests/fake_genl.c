// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The fake kernel and command runner shared by the CLI tests; see
 * fake_genl.h.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <linux/psac.h>

#include "util.h"
#include "fake_genl.h"

int fake_absent, fake_err, fake_events, n_talk;
char joined[GENL_NAMSIZ];
static char last_req[PSAC_GENL_MSG_SIZE];
static char rbuf[PSAC_GENL_MSG_SIZE];
char out[8192], err[2048];
int rc;

int __wrap_psac_genl_open(struct psac_genl *g, const char *family)
{
	memset(g, 0, sizeof(*g));
	g->ext_miss_type = -1;
	if (fake_absent)
		return -ENOENT;
	snprintf(g->family, sizeof(g->family), "%s", family);
	g->family_id = FAKE_FAMILY_ID;
	g->family_version = PSAC_GENL_VERSION;
	return 0;
}

void __wrap_psac_genl_close(struct psac_genl *g)
{
	g->family_id = 0;
}

int __wrap_psac_genl_join(struct psac_genl *g, const char *name)
{
	(void)g;
	snprintf(joined, GENL_NAMSIZ, "%s", name);
	return 0;
}

int __wrap_psac_genl_dump(struct psac_genl *g, uint8_t cmd, psac_genl_cb cb,
			  void *data)
{
	char buf[PSAC_GENL_MSG_SIZE];

	return __wrap_psac_genl_talk(g, psac_genl_msg(g, buf, cmd, NLM_F_DUMP),
				     cb, data);
}

int fake_record(struct psac_genl *g, const struct nlmsghdr *nlh)
{
	n_talk++;
	memcpy(last_req, nlh, nlh->nlmsg_len < sizeof(last_req) ?
	       nlh->nlmsg_len : sizeof(last_req));
	if (fake_err)
		snprintf(g->ext_msg, sizeof(g->ext_msg), "psac: fake refusal");
	return fake_err;
}

struct nlmsghdr *fake_reply(uint8_t cmd)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *gh;

	memset(rbuf, 0, sizeof(rbuf));
	nlh = mnl_nlmsg_put_header(rbuf);
	nlh->nlmsg_type = FAKE_FAMILY_ID;
	gh = mnl_nlmsg_put_extra_header(nlh, sizeof(*gh));
	gh->cmd = cmd;
	gh->version = PSAC_GENL_VERSION;
	return nlh;
}

void fake_put_addr(struct nlmsghdr *nlh, int type, int af, const char *s)
{
	uint8_t a[16];

	inet_pton(af, s, a);
	mnl_attr_put(nlh, type, af == AF_INET6 ? 16 : 4, a);
}

void fake_idle(int timeout_ms)
{
	poll(NULL, 0, timeout_ms < 0 || timeout_ms > 100 ? 100 : timeout_ms);
}

static void slurp(FILE *f, char *buf, size_t len)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

void fake_run(int (*cmd)(int argc, char **argv), const char *object,
	      int json, const char *args)
{
	char copy[2048], *argv[64], *tok, *save = NULL;
	FILE *fo = tmpfile(), *fe = tmpfile();
	int argc = 0, so, se;

	snprintf(copy, sizeof(copy), "%s %s", object, args);
	for (tok = strtok_r(copy, " ", &save); tok && argc < 63;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (!fo || !fe) {
		perror("tmpfile");
		exit(1);
	}
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	dup2(fileno(fo), 1);
	dup2(fileno(fe), 2);
	psac_opts.json = json;
	n_talk = 0;
	memset(last_req, 0, sizeof(last_req));
	optind = 0;
	rc = cmd(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	slurp(fo, out, sizeof(out));
	slurp(fe, err, sizeof(err));
}

const struct nlmsghdr *req(void)
{
	return (const struct nlmsghdr *)last_req;
}

int req_cmd(void)
{
	const struct genlmsghdr *gh = mnl_nlmsg_get_payload(req());

	return req()->nlmsg_len ? gh->cmd : -1;
}

int nest_count(const struct nlattr *n)
{
	const struct nlattr *a;
	int c = 0;

	if (!n)
		return -1;
	mnl_attr_for_each_nested(a, n)
		c++;
	return c;
}

const struct nlattr *nest_get(const struct nlattr *n, int type, uint16_t len)
{
	const struct nlattr *a;

	if (!n)
		return NULL;
	mnl_attr_for_each_nested(a, n)
		if (mnl_attr_get_type(a) == type &&
		    mnl_attr_get_payload_len(a) == len)
			return a;
	return NULL;
}

int n_u8(const struct nlattr *n, int type, uint8_t v)
{
	const struct nlattr *a = nest_get(n, type, 1);

	return a && mnl_attr_get_u8(a) == v;
}

int n_u16(const struct nlattr *n, int type, uint16_t v)
{
	const struct nlattr *a = nest_get(n, type, 2);

	return a && mnl_attr_get_u16(a) == v;
}

int n_u32(const struct nlattr *n, int type, uint32_t v)
{
	const struct nlattr *a = nest_get(n, type, 4);

	return a && mnl_attr_get_u32(a) == v;
}

int n_u64(const struct nlattr *n, int type, uint64_t v)
{
	const struct nlattr *a = nest_get(n, type, 8);

	return a && mnl_attr_get_u64(a) == v;
}

int n_bin(const struct nlattr *n, int type, const void *v, uint16_t len)
{
	const struct nlattr *a = nest_get(n, type, len);

	return a && !memcmp(mnl_attr_get_payload(a), v, len);
}
