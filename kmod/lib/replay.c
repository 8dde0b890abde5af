// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * RFC 6479 anti-replay window for non-wrapping 32-bit sequence numbers.
 *
 * The window is a ring of PSAC_REPLAY_BLOCKS 64-bit blocks.  Bit n of the
 * sequence space lives in block (n / 64) mod PSAC_REPLAY_BLOCKS.  When the
 * highest sequence number moves forward, only the blocks it moves into are
 * cleared, so advancing costs at most one pass over the ring however far
 * the jump, and no bit shifting of the whole window is needed.
 */
#include "replay.h"

static_assert(PSAC_REPLAY_BITS % PSAC_REPLAY_BLOCK_BITS == 0,
	      "replay ring must be made of whole blocks");
static_assert((PSAC_REPLAY_BLOCKS & (PSAC_REPLAY_BLOCKS - 1)) == 0,
	      "replay ring size must be a power of two");
static_assert(PSAC_REPLAY_WINDOW >= 2048, "replay window too small");

#define PSAC_REPLAY_BLOCK_SHIFT	6

static inline u32 psac_replay_block(u32 seq)
{
	return seq >> PSAC_REPLAY_BLOCK_SHIFT;
}

static inline u32 psac_replay_slot(u32 block)
{
	return block & (PSAC_REPLAY_BLOCKS - 1);
}

static inline u64 psac_replay_mask(u32 seq)
{
	return (u64)1 << (seq & (PSAC_REPLAY_BLOCK_BITS - 1));
}

void psac_replay_init(struct psac_replay *w)
{
	memset(w, 0, sizeof(*w));
}

int psac_replay_check(const struct psac_replay *w, u32 seq)
{
	if (seq == 0)
		return -EINVAL;
	if (seq > w->top)
		return 0;
	if (w->top - seq > PSAC_REPLAY_WINDOW)
		return -ERANGE;
	if (w->bitmap[psac_replay_slot(psac_replay_block(seq))] &
	    psac_replay_mask(seq))
		return -EEXIST;
	return 0;
}

int psac_replay_advance(struct psac_replay *w, u32 seq)
{
	u32 cur, new, n, i;
	int ret;

	ret = psac_replay_check(w, seq);
	if (ret)
		return ret;

	if (seq > w->top) {
		cur = psac_replay_block(w->top);
		new = psac_replay_block(seq);
		n = new - cur;
		if (n > PSAC_REPLAY_BLOCKS)
			n = PSAC_REPLAY_BLOCKS;
		for (i = 1; i <= n; i++)
			w->bitmap[psac_replay_slot(cur + i)] = 0;
		w->top = seq;
	}
	w->bitmap[psac_replay_slot(psac_replay_block(seq))] |=
		psac_replay_mask(seq);
	return 0;
}
