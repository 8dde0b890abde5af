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

/**
 * psac_replay_init() - reset a replay window
 * @w: the window; afterwards no sequence number has been accepted
 *
 * The caller serialises it with psac_replay_advance().
 */
void psac_replay_init(struct psac_replay *w)
{
	memset(w, 0, sizeof(*w));
}

/**
 * psac_replay_check() - whether a sequence number would be accepted
 * @w: the window
 * @seq: sequence number of a received packet
 *
 * For a cheap rejection before the ICV is checked: only reads @w, so the
 * packet still needs psac_replay_advance() once it is authenticated.
 *
 * Return: 0 if @seq would be accepted, -EINVAL for 0, -EEXIST if it was
 * already accepted, -ERANGE if it is more than PSAC_REPLAY_WINDOW below
 * the highest accepted number.
 */
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

/**
 * psac_replay_advance() - accept a sequence number
 * @w: the window
 * @seq: sequence number of an authenticated packet
 *
 * Makes the checks of psac_replay_check() again (a packet with the same
 * number may have been accepted since) and on success records @seq; a
 * new highest number moves the window, clearing only the ring blocks it
 * moves into.  The caller serialises calls on @w.
 *
 * Return: 0 if @seq was recorded, else the error psac_replay_check()
 * returns for it (@w unchanged).
 */
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
