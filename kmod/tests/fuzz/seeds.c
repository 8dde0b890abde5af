// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Writes a seed corpus for the fuzz harnesses from the unit-test tables:
 * every DHCPv6 case image (also after six zero octets, the default
 * configuration of fuzz_cfg) and every MN-HA header and trailer case.
 * Usage: seeds DIR  (create DIR/dhcp6, DIR/cfg, DIR/mnha, DIR/replay first)
 */
#include <stdio.h>

#include "dhcp6_cases.h"
#include "mnha_hdr_cases.h"

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
	return 0;
}
