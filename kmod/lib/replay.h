/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Anti-replay window for 32-bit sequence numbers that never wrap
 * (RFC 6618 MN-HA UDP encapsulation): a RFC 6479 ring of bitmap blocks.
 *
 * Sequence number 0 is never valid, the first packet carries 1 and
 * 2^32 - 1 is the last valid number; the SA must be replaced before that.
 *
 * Usage on receive: psac_replay_check() before spending CPU on the ICV,
 * psac_replay_advance() once the packet is authenticated (it checks
 * again, since another packet with the same number may have been
 * accepted in between).  The caller serialises psac_replay_advance()
 * and psac_replay_init(); psac_replay_check() only reads.
 */
#ifndef _PSAC_REPLAY_H
#define _PSAC_REPLAY_H

#include "psac_shim.h"

/* Bits in the ring; a power of two, a multiple of 64. */
#define PSAC_REPLAY_BITS	4096U
#define PSAC_REPLAY_BLOCK_BITS	64U
#define PSAC_REPLAY_BLOCKS	(PSAC_REPLAY_BITS / PSAC_REPLAY_BLOCK_BITS)
/*
 * Sequence numbers up to PSAC_REPLAY_WINDOW below the highest accepted
 * one are always tracked (one block of the ring is the one being
 * refilled); anything older is rejected with -ERANGE.
 */
#define PSAC_REPLAY_WINDOW	(PSAC_REPLAY_BITS - PSAC_REPLAY_BLOCK_BITS)

struct psac_replay {
	u32 top;		/* highest accepted sequence number, 0: none */
	u64 bitmap[PSAC_REPLAY_BLOCKS];
};

void psac_replay_init(struct psac_replay *w);

/*
 * Returns 0 if @seq would be accepted, -EINVAL for 0, -EEXIST if it was
 * already accepted, -ERANGE if it is older than the window.  No state
 * change.
 */
int psac_replay_check(const struct psac_replay *w, u32 seq);

/* Same checks as psac_replay_check(); on success records @seq. */
int psac_replay_advance(struct psac_replay *w, u32 seq);

/* Highest accepted sequence number (0 before the first packet). */
static inline u32 psac_replay_top(const struct psac_replay *w)
{
	return w->top;
}

#endif /* _PSAC_REPLAY_H */
