// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness: the anti-replay window (kmod/lib/replay.c) against
 * a naive model.  Input: 5-octet records, op(8) | delta(32) relative to
 * the highest accepted number.
 */
#include <stdlib.h>

#include "replay.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define CHECK(x) do { if (!(x)) abort(); } while (0)

#define RING	(1U << 16)

static u8 seen[RING / 8];

static bool is_seen(u32 s)
{
	return seen[(s % RING) / 8] & (1U << (s % 8));
}

static void mark(u32 s, bool on)
{
	if (on)
		seen[(s % RING) / 8] |= (u8)(1U << (s % 8));
	else
		seen[(s % RING) / 8] &= (u8)~(1U << (s % 8));
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct psac_replay w;
	u32 top = 0, seq, n, k;
	int want, got;
	s64 v;

	psac_replay_init(&w);
	memset(seen, 0, sizeof(seen));
	for (; size >= 5; data += 5, size -= 5) {
		v = (s64)top + (s32)psac_get_be32(data + 1);
		if (data[0] & 0x80)	/* absolute */
			v = psac_get_be32(data + 1);
		seq = v < 0 ? 0 : v > 0xffffffffLL ? 0xffffffffU : (u32)v;

		if (seq == 0)
			want = -EINVAL;
		else if (seq <= top && top - seq > PSAC_REPLAY_WINDOW)
			want = -ERANGE;
		else if (seq <= top && is_seen(seq))
			want = -EEXIST;
		else
			want = 0;

		if (data[0] & 1) {
			CHECK(psac_replay_check(&w, seq) == want);
			continue;
		}
		got = psac_replay_advance(&w, seq);
		CHECK(got == want);
		if (got)
			continue;
		if (seq > top) {
			n = seq - top - 1;
			if (n > RING)
				n = RING;
			for (k = 1; k <= n; k++)
				mark(top + k, false);
			top = seq;
		}
		mark(seq, true);
		CHECK(psac_replay_top(&w) == top);
	}
	return 0;
}
