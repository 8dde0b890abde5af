// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Tests for tools/lib/xfrm.c: the NETLINK_XFRM messages the requestor sends to
 * install its side of a PSAC SA pair (checked field by field against what
 * 'ip xfrm' would send and what the kernel target installs on the other
 * side), and the install/rollback/replace/release sequences against a fake
 * kernel (psac_genl_talk is wrapped at link time).  The real round trip
 * runs in the VM selftests (selftests/psac_roles.sh).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "xfrm.h"
#include "tap.h"

int __wrap_psac_genl_talk(struct psac_genl *g, struct nlmsghdr *req,
			  psac_genl_cb cb, void *data);

static struct in6_addr a6(const char *s)
{
	struct in6_addr a;

	inet_pton(AF_INET6, s, &a);
	return a;
}

/* ---------------------------------------------------------------------- */
/* The fake kernel                                                         */
/* ---------------------------------------------------------------------- */

#define MAX_REQS 32

static struct {
	uint16_t type, flags;
	char msg[PSAC_XFRM_MSG_SIZE];
} reqs[MAX_REQS];
static int n_reqs;
static int fail_at = -1;	/* index of the request that fails */
static int fail_err;
static uint32_t old_reqid;	/* GETPOLICY finds a policy with this */

struct fake_sa {
	const char *src, *dst;
	uint32_t spi, reqid;
	struct xfrm_selector sel;
};
static struct fake_sa states[8];
static int n_states;

static void set_state(int i, const char *src, const char *dst, uint32_t spi,
		      uint32_t reqid)
{
	memset(&states[i], 0, sizeof(states[i]));
	states[i].src = src;
	states[i].dst = dst;
	states[i].spi = spi;
	states[i].reqid = reqid;
}

static void reset(void)
{
	n_reqs = 0;
	fail_at = -1;
	fail_err = 0;
	old_reqid = 0;
	n_states = 0;
}

int __wrap_psac_genl_talk(struct psac_genl *g, struct nlmsghdr *req,
			  psac_genl_cb cb, void *data)
{
	char buf[PSAC_XFRM_MSG_SIZE];
	int i = n_reqs;

	if (n_reqs < MAX_REQS) {
		reqs[i].type = req->nlmsg_type;
		reqs[i].flags = req->nlmsg_flags;
		memcpy(reqs[i].msg, req, req->nlmsg_len);
		n_reqs++;
	}
	g->ext_msg[0] = '\0';
	if (i == fail_at) {
		snprintf(g->ext_msg, sizeof(g->ext_msg), "fake refusal");
		return fail_err;
	}
	if (req->nlmsg_type == XFRM_MSG_GETPOLICY) {
		struct xfrm_userpolicy_info *pi;
		struct xfrm_user_tmpl t;
		struct nlmsghdr *nlh;

		if (!old_reqid)
			return -ENOENT;
		memset(buf, 0, sizeof(buf));
		nlh = mnl_nlmsg_put_header(buf);
		nlh->nlmsg_type = XFRM_MSG_NEWPOLICY;
		pi = mnl_nlmsg_put_extra_header(nlh, sizeof(*pi));
		pi->dir = XFRM_POLICY_OUT;
		memset(&t, 0, sizeof(t));
		t.reqid = old_reqid;
		mnl_attr_put(nlh, XFRMA_TMPL, sizeof(t), &t);
		cb(nlh, data);
	}
	if (req->nlmsg_type == XFRM_MSG_GETSA &&
	    (req->nlmsg_flags & NLM_F_DUMP)) {
		int k;

		for (k = 0; k < n_states; k++) {
			struct xfrm_usersa_info *sa;
			struct nlmsghdr *nlh;
			struct in6_addr s = a6(states[k].src),
					d = a6(states[k].dst);

			memset(buf, 0, sizeof(buf));
			nlh = mnl_nlmsg_put_header(buf);
			nlh->nlmsg_type = XFRM_MSG_NEWSA;
			sa = mnl_nlmsg_put_extra_header(nlh, sizeof(*sa));
			sa->family = AF_INET6;
			sa->id.proto = IPPROTO_ESP;
			sa->id.spi = htonl(states[k].spi);
			memcpy(&sa->id.daddr.in6, &d, 16);
			memcpy(&sa->saddr.in6, &s, 16);
			sa->reqid = states[k].reqid;
			sa->sel = states[k].sel;
			cb(nlh, data);
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------- */

static const char LOCAL[] = "2001:db8:2::2", PEER[] = "2001:db8:2::1";
static uint8_t keymat[PSAC_KEYMAT_MAX];

static void pair_init(struct psac_xfrm_pair *pr, uint16_t encr,
		      uint16_t bits, uint16_t integ, size_t klen)
{
	size_t i;

	for (i = 0; i < sizeof(keymat); i++)
		keymat[i] = (uint8_t)i;
	memset(pr, 0, sizeof(*pr));
	pr->local = a6(LOCAL);
	pr->peer = a6(PEER);
	pr->p.peer = pr->peer;
	pr->p.protocol = PSAC_PROTO_ESP;
	pr->p.mode = PSAC_MODE_TRANSPORT;
	pr->p.encr_alg = encr;
	pr->p.encr_key_bits = bits;
	pr->p.integ_alg = integ;
	pr->p.ulp = PSAC_ULP_UDP;
	pr->p.sport = 0;
	pr->p.dport = 53;
	pr->p.spi_i2r = 0x1001;
	pr->p.spi_r2i = 0x2001;
	pr->p.lifetime = 3600;
	pr->keymat = keymat;
	pr->keymat_len = klen;
	pr->reqid = 0x2001;
	pr->in_mh_type_match = 1;
}

static const struct nlattr *attr(const struct nlmsghdr *nlh, size_t hdr,
				 uint16_t type)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, hdr)
		if (mnl_attr_get_type(a) == type)
			return a;
	return NULL;
}

static int sel_is(const struct xfrm_selector *sel, const char *s,
		  const char *d, uint8_t proto, uint16_t sport,
		  uint16_t sport_mask, uint16_t dport, uint16_t dport_mask)
{
	struct in6_addr sa = a6(s), da = a6(d);

	return sel->family == AF_INET6 && sel->prefixlen_s == 128 &&
	       sel->prefixlen_d == 128 && !memcmp(&sel->saddr.in6, &sa, 16) &&
	       !memcmp(&sel->daddr.in6, &da, 16) && sel->proto == proto &&
	       sel->sport == htons(sport) && sel->sport_mask == htons(sport_mask) &&
	       sel->dport == htons(dport) && sel->dport_mask == htons(dport_mask);
}

static void test_builders(void)
{
	char buf[PSAC_XFRM_MSG_SIZE];
	struct psac_xfrm_pair pr;
	struct nlmsghdr *nlh;
	const struct xfrm_usersa_info *sa;
	const struct xfrm_userpolicy_info *pol;
	const struct nlattr *a;
	struct xfrm_selector sel;
	struct in6_addr l = a6(LOCAL), p = a6(PEER);
	char s[256];

	/* AES-GCM-16/128: KEYMAT = Ke(I2R) 20 | Ke(R2I) 20 */
	pair_init(&pr, PSAC_ENCR_AES_GCM_16, 128, PSAC_INTEG_NONE, 40);
	nlh = psac_xfrm_msg_newsa(buf, &pr, 1);
	sa = nlh ? mnl_nlmsg_get_payload(nlh) : NULL;
	tap_ok(nlh && nlh->nlmsg_type == XFRM_MSG_NEWSA &&
	       (nlh->nlmsg_flags & (NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL)) ==
	       (NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL),
	       "NEWSA: type and flags as 'ip xfrm state add' (CREATE|EXCL)");
	tap_ok(sa && sa->id.spi == htonl(0x1001) && sa->id.proto == IPPROTO_ESP &&
	       !memcmp(&sa->id.daddr.in6, &p, 16) &&
	       !memcmp(&sa->saddr.in6, &l, 16) && sa->family == AF_INET6 &&
	       sa->mode == XFRM_MODE_TRANSPORT && sa->reqid == 0x2001 &&
	       sa->replay_window == 32,
	       "outbound state: SPI-I2R, local -> target, transport, reqid, replay window 32");
	tap_ok(sa && sa->lft.hard_add_expires_seconds == 3600 &&
	       sa->lft.soft_add_expires_seconds == 3240 &&
	       sa->lft.hard_byte_limit == XFRM_INF &&
	       sa->lft.soft_packet_limit == XFRM_INF,
	       "lifetime 3600: hard 3600 s, soft at 90%%, no byte/packet limits");
	tap_ok(sa && sel_is(&sa->sel, LOCAL, PEER, 17, 0, 0, 53, 0xffff),
	       "outbound state selector: udp dport 53 (the requestor's side)");
	a = nlh ? attr(nlh, sizeof(*sa), XFRMA_ALG_AEAD) : NULL;
	if (tap_ok(a && mnl_attr_get_payload_len(a) ==
		   sizeof(struct xfrm_algo_aead) + 20,
		   "XFRMA_ALG_AEAD with 20 octets of key")) {
		const struct xfrm_algo_aead *al = mnl_attr_get_payload(a);

		tap_ok(!strcmp(al->alg_name, "rfc4106(gcm(aes))") &&
		       al->alg_key_len == 160 && al->alg_icv_len == 128 &&
		       !memcmp(al->alg_key, keymat, 20),
		       "rfc4106(gcm(aes)) 160 bits (key + salt) ICV 128, Ke(I2R) = KEYMAT[0..20)");
	}
	tap_ok(nlh && !attr(nlh, sizeof(*sa), XFRMA_ALG_CRYPT) &&
	       !attr(nlh, sizeof(*sa), XFRMA_ALG_AUTH_TRUNC),
	       "AEAD: no separate encryption or integrity attribute");

	nlh = psac_xfrm_msg_newsa(buf, &pr, 0);
	sa = nlh ? mnl_nlmsg_get_payload(nlh) : NULL;
	a = nlh ? attr(nlh, sizeof(*sa), XFRMA_ALG_AEAD) : NULL;
	tap_ok(sa && a && sa->id.spi == htonl(0x2001) &&
	       !memcmp(&sa->id.daddr.in6, &l, 16) &&
	       !memcmp(&sa->saddr.in6, &p, 16) &&
	       sel_is(&sa->sel, PEER, LOCAL, 17, 53, 0xffff, 0, 0) &&
	       !memcmp(((const struct xfrm_algo_aead *)
			mnl_attr_get_payload(a))->alg_key, keymat + 20, 20),
	       "inbound state: SPI-R2I, target -> local, udp sport 53, Ke(R2I) = KEYMAT[20..40)");

	/* AES-CBC-128 + HMAC-SHA2-256-128: Ke 16 | Ka 32 | Ke 16 | Ka 32 */
	pair_init(&pr, PSAC_ENCR_AES_CBC, 128, PSAC_INTEG_HMAC_SHA2_256_128, 96);
	nlh = psac_xfrm_msg_newsa(buf, &pr, 0);
	sa = nlh ? mnl_nlmsg_get_payload(nlh) : NULL;
	a = nlh ? attr(nlh, sizeof(*sa), XFRMA_ALG_CRYPT) : NULL;
	tap_ok(a && mnl_attr_get_payload_len(a) == sizeof(struct xfrm_algo) + 16 &&
	       !strcmp(((const struct xfrm_algo *)mnl_attr_get_payload(a))->alg_name,
		       "cbc(aes)") &&
	       ((const struct xfrm_algo *)mnl_attr_get_payload(a))->alg_key_len == 128 &&
	       !memcmp(((const struct xfrm_algo *)mnl_attr_get_payload(a))->alg_key,
		       keymat + 48, 16),
	       "CBC inbound: cbc(aes) 128 bits, Ke(R2I) = KEYMAT[48..64)");
	a = nlh ? attr(nlh, sizeof(*sa), XFRMA_ALG_AUTH_TRUNC) : NULL;
	tap_ok(a && mnl_attr_get_payload_len(a) ==
	       sizeof(struct xfrm_algo_auth) + 32 &&
	       !strcmp(((const struct xfrm_algo_auth *)mnl_attr_get_payload(a))->alg_name,
		       "hmac(sha256)") &&
	       ((const struct xfrm_algo_auth *)mnl_attr_get_payload(a))->alg_key_len == 256 &&
	       ((const struct xfrm_algo_auth *)mnl_attr_get_payload(a))->alg_trunc_len == 128 &&
	       !memcmp(((const struct xfrm_algo_auth *)mnl_attr_get_payload(a))->alg_key,
		       keymat + 64, 32),
	       "CBC inbound: hmac(sha256) truncated to 128, Ka(R2I) = KEYMAT[64..96)");
	nlh = psac_xfrm_msg_newsa(buf, &pr, 1);
	a = nlh ? attr(nlh, sizeof(*sa), XFRMA_ALG_AUTH_TRUNC) : NULL;
	tap_ok(a && !memcmp(((const struct xfrm_algo_auth *)
			     mnl_attr_get_payload(a))->alg_key, keymat + 16, 32),
	       "CBC outbound: Ka(I2R) = KEYMAT[16..48)");
	pr.keymat_len = 95;
	tap_ok(!psac_xfrm_msg_newsa(buf, &pr, 1),
	       "a KEYMAT of the wrong size builds nothing");
	pair_init(&pr, PSAC_ENCR_AES_GCM_16, 128, PSAC_INTEG_NONE, 40);
	pr.p.protocol = PSAC_PROTO_AH;
	tap_ok(!psac_xfrm_msg_newsa(buf, &pr, 1), "AH builds nothing");

	/* policies */
	pair_init(&pr, PSAC_ENCR_AES_GCM_16, 128, PSAC_INTEG_NONE, 40);
	pr.p.lifetime = PSAC_LIFETIME_INFINITE;
	nlh = psac_xfrm_msg_policy(buf, &pr, 1, XFRM_MSG_UPDPOLICY);
	pol = mnl_nlmsg_get_payload(nlh);
	a = attr(nlh, sizeof(*pol), XFRMA_TMPL);
	tap_ok(nlh->nlmsg_type == XFRM_MSG_UPDPOLICY &&
	       !(nlh->nlmsg_flags & NLM_F_EXCL) && pol->dir == XFRM_POLICY_OUT &&
	       pol->action == XFRM_POLICY_ALLOW &&
	       sel_is(&pol->sel, LOCAL, PEER, 17, 0, 0, 53, 0xffff) &&
	       pol->lft.hard_add_expires_seconds == 0 &&
	       pol->lft.hard_byte_limit == XFRM_INF,
	       "UPDPOLICY out: the outbound selector, allow, infinite lifetime");
	if (tap_ok(a && mnl_attr_get_payload_len(a) == sizeof(struct xfrm_user_tmpl),
		   "one XFRMA_TMPL")) {
		const struct xfrm_user_tmpl *t = mnl_attr_get_payload(a);

		tap_ok(t->id.proto == IPPROTO_ESP && t->family == AF_INET6 &&
		       t->reqid == 0x2001 && t->mode == XFRM_MODE_TRANSPORT &&
		       t->aalgos == ~0U && t->ealgos == ~0U &&
		       IN6_IS_ADDR_UNSPECIFIED((const struct in6_addr *)&t->id.daddr),
		       "template: ESP, transport (no addresses), the pair's reqid, any algorithm");
	}
	pr.p.mode = PSAC_MODE_TUNNEL;
	pr.p.lifetime = 600;
	nlh = psac_xfrm_msg_policy(buf, &pr, 0, XFRM_MSG_NEWPOLICY);
	pol = mnl_nlmsg_get_payload(nlh);
	a = attr(nlh, sizeof(*pol), XFRMA_TMPL);
	tap_ok(nlh->nlmsg_type == XFRM_MSG_NEWPOLICY &&
	       (nlh->nlmsg_flags & NLM_F_EXCL) && pol->dir == XFRM_POLICY_IN &&
	       sel_is(&pol->sel, PEER, LOCAL, 17, 53, 0xffff, 0, 0) &&
	       pol->lft.hard_add_expires_seconds == 600 &&
	       pol->lft.soft_add_expires_seconds == 0 && a &&
	       ((const struct xfrm_user_tmpl *)mnl_attr_get_payload(a))->mode ==
	       XFRM_MODE_TUNNEL &&
	       !memcmp(&((const struct xfrm_user_tmpl *)mnl_attr_get_payload(a))->id.daddr.in6,
		       &l, 16) &&
	       !memcmp(&((const struct xfrm_user_tmpl *)mnl_attr_get_payload(a))->saddr.in6,
		       &p, 16),
	       "NEWPOLICY in, tunnel: template endpoints target -> local, hard lifetime 600");

	/* selectors of other upper layers */
	pair_init(&pr, PSAC_ENCR_AES_GCM_16, 128, PSAC_INTEG_NONE, 40);
	pr.p.ulp = PSAC_ULP_TCP;
	pr.p.sport = 1234;
	pr.p.dport = 0;
	psac_xfrm_selector(&pr, 0, &sel);
	tap_ok(sel_is(&sel, PEER, LOCAL, 6, 0, 0, 1234, 0xffff),
	       "tcp, requestor port 1234: inbound dport 1234, any sport");
	pr.p.ulp = PSAC_ULP_ICMPV6;
	pr.p.sport = 128;
	pr.p.dport = 0;
	psac_xfrm_selector(&pr, 0, &sel);
	tap_ok(sel_is(&sel, PEER, LOCAL, 58, 128, 0xffff, 0, 0),
	       "icmpv6 type 128: type in sport in both directions");
	pr.p.ulp = PSAC_ULP_MH;
	pr.p.sport = 5;		/* BU from the requestor */
	pr.p.dport = 6;		/* BAck back from the target */
	psac_xfrm_selector(&pr, 0, &sel);
	tap_ok(sel_is(&sel, PEER, LOCAL, 135, 6, 0xffff, 0, 0),
	       "mh BU/BAck inbound on a kernel that matches it: type 6 (BAck)");
	pr.in_mh_type_match = 0;
	psac_xfrm_selector(&pr, 0, &sel);
	tap_ok(sel_is(&sel, PEER, LOCAL, 135, 0, 0, 0, 0),
	       "mh BU/BAck inbound on 6.1 and 6.12: any MH type");
	psac_xfrm_selector(&pr, 1, &sel);
	tap_ok(sel_is(&sel, LOCAL, PEER, 135, 5, 0xffff, 0, 0),
	       "mh BU/BAck outbound always matches the type: 5 (BU)");
	psac_xfrm_sel_str(&sel, s, sizeof(s));
	tap_ok(!strcmp(s, "src 2001:db8:2::2/128 dst 2001:db8:2::1/128 proto mh type 5"),
	       "sel_str: %s", s);
	pr.p.ulp = PSAC_ULP_UDP;
	pr.p.sport = 5353;
	pr.p.dport = 53;
	psac_xfrm_selector(&pr, 1, &sel);
	psac_xfrm_sel_str(&sel, s, sizeof(s));
	tap_ok(!strcmp(s, "src 2001:db8:2::2/128 dst 2001:db8:2::1/128 proto udp sport 5353 dport 53"),
	       "sel_str: %s", s);
	pr.p.ulp = PSAC_ULP_ANY;
	psac_xfrm_selector(&pr, 1, &sel);
	psac_xfrm_sel_str(&sel, s, sizeof(s));
	tap_ok(!strcmp(s, "src 2001:db8:2::2/128 dst 2001:db8:2::1/128") &&
	       !sel.sport_mask && !sel.dport_mask,
	       "ulp any: host to host, no ports");

	nlh = psac_xfrm_msg_delsa(buf, &p, 0xabcd, IPPROTO_ESP);
	{
		const struct xfrm_usersa_id *id = mnl_nlmsg_get_payload(nlh);

		tap_ok(nlh->nlmsg_type == XFRM_MSG_DELSA &&
		       id->spi == htonl(0xabcd) && id->family == AF_INET6 &&
		       id->proto == IPPROTO_ESP && !memcmp(&id->daddr.in6, &p, 16),
		       "DELSA: daddr, SPI, ESP");
	}
	nlh = psac_xfrm_msg_policy_id(buf, XFRM_MSG_GETPOLICY, &sel,
				      XFRM_POLICY_IN);
	{
		const struct xfrm_userpolicy_id *id = mnl_nlmsg_get_payload(nlh);

		tap_ok(nlh->nlmsg_type == XFRM_MSG_GETPOLICY &&
		       id->dir == XFRM_POLICY_IN &&
		       !memcmp(&id->sel, &sel, sizeof(sel)) && !id->index,
		       "GETPOLICY/DELPOLICY by selector and direction");
	}
}

/* ---------------------------------------------------------------------- */

static struct psac_xfrm fake_handle(void)
{
	struct psac_xfrm x;

	memset(&x, 0, sizeof(x));
	return x;
}

static int types_are(const uint16_t *want, int n)
{
	int i;

	if (n_reqs != n) {
		tap_diag("%d requests, want %d", n_reqs, n);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (reqs[i].type != want[i]) {
			tap_diag("request %d: type %u, want %u", i,
				 reqs[i].type, want[i]);
			return 0;
		}
	}
	return 1;
}

static uint32_t req_delsa_spi(int i)
{
	const struct xfrm_usersa_id *id =
		mnl_nlmsg_get_payload((const struct nlmsghdr *)reqs[i].msg);

	return ntohl(id->spi);
}

static void test_sequences(void)
{
	static const uint16_t ok_seq[] = {
		XFRM_MSG_GETPOLICY, XFRM_MSG_NEWSA, XFRM_MSG_NEWSA,
		XFRM_MSG_UPDPOLICY, XFRM_MSG_UPDPOLICY
	};
	static const uint16_t rollback[] = {
		XFRM_MSG_GETPOLICY, XFRM_MSG_NEWSA, XFRM_MSG_NEWSA,
		XFRM_MSG_UPDPOLICY, XFRM_MSG_UPDPOLICY, XFRM_MSG_DELPOLICY,
		XFRM_MSG_DELSA, XFRM_MSG_DELSA
	};
	static const uint16_t fail_first[] = {
		XFRM_MSG_GETPOLICY, XFRM_MSG_NEWSA
	};
	static const uint16_t replace[] = {
		XFRM_MSG_GETPOLICY, XFRM_MSG_NEWSA, XFRM_MSG_NEWSA,
		XFRM_MSG_UPDPOLICY, XFRM_MSG_UPDPOLICY, XFRM_MSG_GETSA,
		XFRM_MSG_DELSA, XFRM_MSG_DELSA
	};
	static const uint16_t release[] = {
		XFRM_MSG_GETSA, XFRM_MSG_DELPOLICY, XFRM_MSG_DELSA,
		XFRM_MSG_DELPOLICY, XFRM_MSG_DELSA
	};
	struct psac_xfrm x = fake_handle();
	struct psac_xfrm_report rep;
	struct psac_xfrm_pair pr;
	struct in6_addr l = a6(LOCAL), p = a6(PEER);
	int ret;

	pair_init(&pr, PSAC_ENCR_AES_GCM_16, 128, PSAC_INTEG_NONE, 40);
	reset();
	ret = psac_xfrm_install(&x, &pr, &rep);
	tap_ok(ret == 0 && types_are(ok_seq, 5) && !rep.old_reqid,
	       "install: look for a pair to replace, 2 states, 2 policies");
	tap_ok((reqs[3].flags & NLM_F_CREATE) && !(reqs[3].flags & NLM_F_EXCL),
	       "install: policies are updates (a same-selector pair is replaced)");

	reset();
	fail_at = 4;
	fail_err = -EEXIST;
	ret = psac_xfrm_install(&x, &pr, &rep);
	tap_ok(ret == -EEXIST && types_are(rollback, 8) &&
	       !strcmp(rep.step, "adding the inbound policy") &&
	       !strcmp(rep.ext_msg, "fake refusal") &&
	       req_delsa_spi(6) == 0x2001 && req_delsa_spi(7) == 0x1001,
	       "install: the inbound policy refused: outbound policy and both states removed again");

	reset();
	fail_at = 1;
	fail_err = -ENOSYS;
	ret = psac_xfrm_install(&x, &pr, &rep);
	tap_ok(ret == -ENOSYS && types_are(fail_first, 2) &&
	       !strcmp(rep.step, "adding the outbound state"),
	       "install: the outbound state refused: nothing else tried");

	reset();
	old_reqid = 77;
	set_state(0, LOCAL, PEER, 0x1000, 77);
	set_state(1, PEER, LOCAL, 0x2000, 77);
	set_state(2, LOCAL, PEER, 0x1001, 0x2001);
	set_state(3, PEER, LOCAL, 0x3000, 78);
	n_states = 4;
	ret = psac_xfrm_install(&x, &pr, &rep);
	tap_ok(ret == 0 && types_are(replace, 8) && rep.old_reqid == 77 &&
	       rep.replaced == 2 && req_delsa_spi(6) == 0x1000 &&
	       req_delsa_spi(7) == 0x2000,
	       "install over a pair with the same selectors: its 2 old states removed, others kept");

	reset();
	set_state(0, LOCAL, PEER, 0x1001, 0x2001);
	set_state(1, PEER, LOCAL, 0x2001, 0x2001);
	set_state(2, PEER, LOCAL, 0x3000, 78);
	psac_xfrm_selector(&pr, 1, &states[0].sel);
	psac_xfrm_selector(&pr, 0, &states[1].sel);
	n_states = 3;
	ret = psac_xfrm_release(&x, &l, &p, 0x2001, &rep);
	tap_ok(ret == 0 && types_are(release, 5) && rep.states == 2 &&
	       rep.policies == 2 && rep.found_reqid == 0x2001 &&
	       rep.found.spi_i2r == 0x1001,
	       "release by SPI-R2I: both states of its reqid and their policies removed");
	{
		const struct xfrm_userpolicy_id *id =
			mnl_nlmsg_get_payload((const struct nlmsghdr *)reqs[1].msg);

		tap_ok(id->dir == XFRM_POLICY_OUT &&
		       !memcmp(&id->sel, &states[0].sel, sizeof(id->sel)),
		       "release: the outbound policy is found by its state's selector");
	}

	reset();
	n_states = 0;
	ret = psac_xfrm_release(&x, &l, &p, 0x2001, &rep);
	tap_ok(ret == -ENOENT && n_reqs == 1 &&
	       !strcmp(rep.step, "finding the inbound state"),
	       "release of an SPI that is not installed: -ENOENT, nothing deleted");
}

int main(void)
{
	test_builders();
	test_sequences();
	return tap_done();
}
