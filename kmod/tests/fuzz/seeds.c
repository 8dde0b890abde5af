// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Writes a seed corpus for the fuzz harnesses from the unit-test tables:
 * every DHCPv6 case image (also after six zero octets, the default
 * configuration of fuzz_cfg) and every MN-HA header and trailer case; and
 * for the tools' harnesses, with the tools' own builders: a
 * SACONFIGURATION, its REPLY, an Information-Request with SA_REQUEST and
 * a Reply with SA_LIST (keys under fuzz_msg's PSK and X25519 key, so
 * unwrapping is reached), an MHAuth Init request, a Done request and a
 * Done response carrying an SA.
 * Usage: seeds DIR  (create DIR/dhcp6, cfg, mnha, replay, msg and mhauth
 * first)
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "dhcp6_cases.h"
#include "mnha_hdr_cases.h"
#include "crypto.h"
#include "dhcp6msg.h"
#include "mhauth.h"
#include "mnha_sa.h"

static int put(const char *dir, const char *kind, unsigned int n,
	       const u8 *p, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/seed-%03u", dir, kind, n);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, len, f) != len || fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

/* The tools' harnesses, from the tools' own builders. */
static int msgs(const char *dir)
{
	static const uint8_t psk[32] = { 1, 2, 3 };	/* fuzz_msg.c's */
	static const uint8_t priv[PSAC_X25519_KEY_LEN] = { 0x40 };
	static const uint8_t duid[] = { 0, 3, 0, 1, 2, 0, 0, 0, 0, 1 };
	struct psac_auth_key key = { .key_id = 1, .psk = psk,
				     .psk_len = sizeof(psk) };
	struct psac_req_params rp = {
		.protocol = PSAC_PROTO_ESP, .mode = PSAC_MODE_TRANSPORT,
		.encr_alg = PSAC_ENCR_AES_GCM_16, .encr_key_bits = 128,
		.lifetime = 3600,
	};
	struct psac_sa_result res;
	struct psac_sareq_out rq;
	uint8_t keymat[40], pub[PSAC_X25519_KEY_LEN], buf[2048];
	struct psac_sa_out sa;
	size_t len;

	memset(&sa, 0, sizeof(sa));
	inet_pton(AF_INET6, "2001:db8::1", &sa.p.peer);
	sa.p.protocol = PSAC_PROTO_ESP;
	sa.p.mode = PSAC_MODE_TRANSPORT;
	sa.p.encr_alg = PSAC_ENCR_AES_GCM_16;
	sa.p.encr_key_bits = 128;
	sa.p.spi_i2r = 0x1001;
	sa.p.spi_r2i = 0x1002;
	sa.p.lifetime = 3600;
	memset(keymat, 0x5a, sizeof(keymat));
	sa.keymat = keymat;
	sa.keymat_len = sizeof(keymat);
	if (psac_x25519_public(priv, pub))
		return -1;

	if (psac_build_saconfig(buf, sizeof(buf), &len, 0x10203, duid,
				sizeof(duid), &sa, 1, &key, 1) ||
	    put(dir, "msg", 1, buf, len))
		return -1;
	memset(&res, 0, sizeof(res));
	res.p = sa.p;
	res.status = PSAC_STATUS_SUCCESS;
	if (psac_build_saconfig_reply(buf, sizeof(buf), &len, 0x10203, duid,
				      sizeof(duid), duid, sizeof(duid),
				      PSAC_STATUS_SUCCESS, NULL, &res, 1,
				      &key, 2) ||
	    put(dir, "msg", 2, buf, len))
		return -1;
	memset(&rq, 0, sizeof(rq));
	inet_pton(AF_INET6, "2001:db8::53", &rq.target);
	rq.params = &rp;
	rq.nparams = 1;
	if (psac_build_sa_request(buf, sizeof(buf), &len,
				  PSAC_DHCP6_MSG_INFO_REQUEST, 0x30201, duid,
				  sizeof(duid), pub, &rq, 1) ||
	    put(dir, "msg", 3, buf, len))
		return -1;
	if (psac_build_sa_reply(buf, sizeof(buf), &len, 0x30201, duid,
				sizeof(duid), duid, sizeof(duid), pub, &sa, 1,
				PSAC_STATUS_SUCCESS, NULL) ||
	    put(dir, "msg", 4, buf, len))
		return -1;
	return 0;
}

static int mhauth(const char *dir)
{
	static const uint8_t psk[32] = { 7 };		/* fuzz_mhauth.c's */
	static struct psac_mhauth_builder b;
	static struct psac_mnha_sa sa;
	uint8_t rnd[16], haa[16];
	int i;

	memset(rnd, 0x11, sizeof(rnd));
	psac_mhauth_begin(&b, PSAC_MHAUTH_ID_INIT);
	psac_mhauth_add(&b, "mn-id", "%s", "mn1@example.net");
	psac_mhauth_add(&b, "auth-method", "psk");
	psac_mhauth_add_hex(&b, "mn-rand", rnd, sizeof(rnd));
	if (psac_mhauth_end(&b, NULL, 0, NULL, NULL, 0) ||
	    put(dir, "mhauth", 1, b.buf, b.len))
		return -1;

	psac_mhauth_begin(&b, PSAC_MHAUTH_ID_DONE);
	psac_mhauth_add(&b, "mn-id", "%s", "mn1@example.net");
	psac_mhauth_add_hex(&b, "mn-rand", rnd, sizeof(rnd));
	psac_mhauth_add_hex(&b, "hac-rand", rnd, sizeof(rnd));
	psac_mhauth_add(&b, "mip6-suitelist", "%s", "{00,9c} {00,2f}");
	if (psac_mhauth_end(&b, psk, sizeof(psk), "mhauth", NULL, 0) ||
	    put(dir, "mhauth", 2, b.buf, b.len))
		return -1;

	sa.spi = 0x1234567;
	sa.suite = psac_mnha_suite_get(PSAC_MNHA_SUITE_AES128_GCM);
	for (i = 0; i < PSAC_MNHA_N_KEYS; i++) {
		sa.key_len[i] = i % 2 ? 0 : sa.suite->ekey_len;
		sa.have_key[i] = !(i % 2);
		memset(sa.key[i], 0x20 + i, sa.key_len[i]);
	}
	sa.valid_until = 4102444800ULL;
	sa.have_valid = 1;
	inet_pton(AF_INET6, "2001:db8:100::10", &sa.hoa);
	sa.have_hoa = 1;
	inet_pton(AF_INET6, "2001:db8:1::1", haa);
	psac_mhauth_begin(&b, PSAC_MHAUTH_ID_DONE);
	psac_mhauth_add(&b, "status", "200");
	psac_mhauth_add_sa(&b, &sa, haa, NULL, PSAC_MNHA_UDP_PORT);
	if (psac_mhauth_end(&b, psk, sizeof(psk), "mhauth", NULL, 0) ||
	    put(dir, "mhauth", 3, b.buf, b.len))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	static u8 buf[PSAC_T_BUF_LEN + 6];
	static const u8 walk[] = {
		0, 0, 0, 0, 1,  0, 0, 0, 0, 5,  0, 0xff, 0xff, 0xff, 0xfe,
		1, 0, 0, 0, 0,  0, 0, 0, 0x10, 0,  0, 0xff, 0xff, 0xf0, 0,
		0x80, 0xff, 0xff, 0xff, 0xff,  1, 0, 0, 0, 0,
	};
	unsigned int i, n = 0;
	size_t hmac_off;
	int len;

	if (argc != 2)
		return 2;
	for (i = 0; i < ARRAY_SIZE(psac_dhcp6_cases); i++) {
		len = psac_te_build(psac_dhcp6_cases[i].prog, PSAC_TE_MAX,
				    buf + 6, sizeof(buf) - 6, &hmac_off);
		if (len < 0)
			continue;
		memset(buf, 0, 6);
		if (put(argv[1], "dhcp6", n, buf + 6, (size_t)len) ||
		    put(argv[1], "cfg", n, buf, (size_t)len + 6))
			return 1;
		n++;
	}
	n = 0;
	for (i = 0; i < ARRAY_SIZE(psac_mh_parse_cases); i++)
		if (put(argv[1], "mnha", n++, psac_mh_parse_cases[i].buf,
			psac_mh_parse_cases[i].len))
			return 1;
	for (i = 0; i < ARRAY_SIZE(psac_mh_trailer_cases); i++)
		if (put(argv[1], "mnha", n++, psac_mh_trailer_cases[i].buf,
			psac_mh_trailer_cases[i].len))
			return 1;
	if (put(argv[1], "replay", 0, walk, sizeof(walk)))
		return 1;
	if (msgs(argv[1]) || mhauth(argv[1]))
		return 1;
	return 0;
}
