/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Anti-replay window cases, shared by replay_kunit.c and the user-space
 * runner.  Each case is a script of steps run against a fresh window.
 */
#ifndef _PSAC_REPLAY_CASES_H
#define _PSAC_REPLAY_CASES_H

#include "psac_test.h"
#include "replay.h"

enum psac_rt_op {
	PSAC_RT_END,
	PSAC_RT_CHECK,		/* psac_replay_check(seq) == ret */
	PSAC_RT_ADV,		/* psac_replay_advance(seq) == ret */
	PSAC_RT_CHECK_RANGE,	/* check seq .. seq + n - 1, each == ret */
	PSAC_RT_ADV_RANGE,	/* advance seq .. seq + n - 1, each == ret */
	PSAC_RT_TOP,		/* psac_replay_top() == seq */
};

struct psac_rt_step {
	u8 op;
	u32 seq;
	u32 n;
	int ret;
};

#define PSAC_RT_MAX_STEPS	12

struct psac_replay_case {
	const char *name;
	struct psac_rt_step steps[PSAC_RT_MAX_STEPS];
};

#define RT_CHECK(s, r)		{ PSAC_RT_CHECK, (s), 1, (r) }
#define RT_ADV(s, r)		{ PSAC_RT_ADV, (s), 1, (r) }
#define RT_CHECKS(s, n, r)	{ PSAC_RT_CHECK_RANGE, (s), (n), (r) }
#define RT_ADVS(s, n, r)	{ PSAC_RT_ADV_RANGE, (s), (n), (r) }
#define RT_TOP(s)		{ PSAC_RT_TOP, (s), 0, 0 }

/* Oldest sequence number still inside the window below @top. */
#define RT_EDGE(top)		((top) - PSAC_REPLAY_WINDOW)

static const struct psac_replay_case psac_replay_cases[] = {
	{ "sequence number 0 is invalid", {
		RT_CHECK(0, -EINVAL), RT_ADV(0, -EINVAL), RT_TOP(0),
		RT_ADV(1, 0), RT_CHECK(0, -EINVAL), RT_ADV(0, -EINVAL),
		RT_TOP(1) } },
	{ "first packet is 1, second copy is a replay", {
		RT_CHECK(1, 0), RT_ADV(1, 0), RT_CHECK(1, -EEXIST),
		RT_ADV(1, -EEXIST), RT_TOP(1), RT_CHECK(2, 0) } },
	{ "check does not change state", {
		RT_CHECK(10, 0), RT_CHECK(10, 0), RT_TOP(0), RT_ADV(10, 0),
		RT_CHECK(10, -EEXIST), RT_CHECK(9, 0), RT_CHECK(9, 0),
		RT_ADV(9, 0), RT_CHECK(9, -EEXIST), RT_TOP(10) } },
	{ "out of order inside the window", {
		RT_ADV(100, 0), RT_ADV(50, 0), RT_ADV(99, 0), RT_ADV(1, 0),
		RT_ADV(50, -EEXIST), RT_ADV(99, -EEXIST), RT_CHECK(2, 0),
		RT_CHECK(98, 0), RT_CHECK(101, 0), RT_TOP(100) } },
	{ "in order 1..5000 then all replays rejected", {
		RT_ADVS(1, 5000, 0), RT_TOP(5000),
		RT_CHECKS(RT_EDGE(5000), PSAC_REPLAY_WINDOW + 1, -EEXIST),
		RT_CHECKS(1, RT_EDGE(5000) - 1, -ERANGE),
		RT_CHECK(5001, 0) } },
	{ "window edge is exact", {
		RT_ADV(5000, 0), RT_CHECK(RT_EDGE(5000), 0),
		RT_CHECK(RT_EDGE(5000) - 1, -ERANGE),
		RT_ADV(RT_EDGE(5000) - 1, -ERANGE),
		RT_ADV(RT_EDGE(5000), 0), RT_ADV(RT_EDGE(5000), -EEXIST),
		RT_CHECKS(RT_EDGE(5000) + 1, PSAC_REPLAY_WINDOW - 1, 0) } },
	{ "window holds at least 2048 packets", {
		RT_ADV(2049, 0), RT_ADVS(1, 2048, 0),
		RT_CHECKS(1, 2049, -EEXIST), RT_TOP(2049) } },
	{ "late packets across the whole window", {
		RT_ADV(PSAC_REPLAY_WINDOW + 1, 0),
		RT_ADVS(1, PSAC_REPLAY_WINDOW, 0),
		RT_CHECKS(1, PSAC_REPLAY_WINDOW + 1, -EEXIST),
		RT_ADV(PSAC_REPLAY_WINDOW + 2, 0), RT_CHECK(1, -ERANGE),
		RT_CHECK(2, -EEXIST) } },
	{ "jump beyond the ring clears every block", {
		RT_ADVS(1, 4096, 0), RT_ADV(100000, 0),
		RT_CHECKS(RT_EDGE(100000), PSAC_REPLAY_WINDOW, 0),
		RT_CHECK(RT_EDGE(100000) - 1, -ERANGE),
		RT_CHECK(100000, -EEXIST), RT_TOP(100000) } },
	{ "partial ring refill keeps live blocks", {
		RT_ADVS(1, 200, 0), RT_ADV(4166, 0),
		RT_CHECKS(134, 67, -EEXIST), RT_CHECK(133, -ERANGE),
		RT_CHECKS(201, 55, 0), RT_CHECKS(4096, 70, 0),
		RT_CHECK(4166, -EEXIST) } },
	{ "jump onto the same ring slot does not resurrect old bits", {
		RT_ADVS(1, 63, 0), RT_ADV(4159, 0),
		RT_CHECKS(RT_EDGE(4159), PSAC_REPLAY_WINDOW, 0),
		RT_CHECK(RT_EDGE(4159) - 1, -ERANGE),
		RT_ADV(4160, 0), RT_CHECK(4159, -EEXIST) } },
	{ "jump of 63 blocks keeps the oldest block", {
		RT_ADV(63, 0), RT_ADV(4095, 0), RT_CHECK(63, -EEXIST),
		RT_ADV(63, -EEXIST), RT_CHECK(62, -ERANGE), RT_CHECK(64, 0),
		RT_ADV(4096, 0), RT_CHECK(63, -ERANGE), RT_CHECK(64, 0) } },
	{ "one-block steps", {
		RT_ADV(64, 0), RT_ADV(128, 0), RT_ADV(192, 0),
		RT_CHECK(64, -EEXIST), RT_CHECK(128, -EEXIST),
		RT_CHECKS(1, 63, 0), RT_CHECKS(65, 63, 0),
		RT_CHECKS(129, 63, 0), RT_TOP(192) } },
	{ "last valid sequence number 2^32-1", {
		RT_ADV(0xfffffffeU, 0), RT_ADV(0xffffffffU, 0),
		RT_ADV(0xffffffffU, -EEXIST), RT_CHECK(0xfffffffeU, -EEXIST),
		RT_CHECKS(RT_EDGE(0xffffffffU), PSAC_REPLAY_WINDOW - 1, 0),
		RT_CHECK(RT_EDGE(0xffffffffU) - 1, -ERANGE),
		RT_TOP(0xffffffffU) } },
	{ "jump from 1 to 2^32-1", {
		RT_ADV(1, 0), RT_ADV(0xffffffffU, 0), RT_CHECK(1, -ERANGE),
		RT_CHECK(2, -ERANGE), RT_ADV(0xfffffff0U, 0),
		RT_CHECK(0xfffffff0U, -EEXIST), RT_TOP(0xffffffffU) } },
	{ "re-init forgets everything", {
		RT_ADVS(1, 10, 0), { PSAC_RT_END } } },
};

static int psac_rt_step_run(struct psac_replay *w, const struct psac_rt_step *s,
			    unsigned int idx, char *msg)
{
	bool check = s->op == PSAC_RT_CHECK || s->op == PSAC_RT_CHECK_RANGE;
	u32 i, seq;
	int ret;

	switch (s->op) {
	case PSAC_RT_CHECK:
	case PSAC_RT_CHECK_RANGE:
	case PSAC_RT_ADV:
	case PSAC_RT_ADV_RANGE:
		for (i = 0; i < s->n; i++) {
			seq = s->seq + i;
			if (check)
				ret = psac_replay_check(w, seq);
			else
				ret = psac_replay_advance(w, seq);
			if (ret != s->ret)
				return psac_t_fail(msg,
						   "step %u: %s(%u) = %d, want %d",
						   idx, check ? "check" : "advance",
						   seq, ret, s->ret);
		}
		return 0;
	case PSAC_RT_TOP:
		if (psac_replay_top(w) != s->seq)
			return psac_t_fail(msg, "step %u: top %u, want %u",
					   idx, psac_replay_top(w), s->seq);
		return 0;
	default:
		return psac_t_fail(msg, "step %u: bad op %u", idx, s->op);
	}
}

/* @w is scratch space; the case starts from psac_replay_init(). */
static int psac_replay_case_run(const struct psac_replay_case *c,
				struct psac_replay *w, char *msg)
{
	unsigned int i;
	int ret;

	psac_replay_init(w);
	for (i = 0; i < PSAC_RT_MAX_STEPS && c->steps[i].op != PSAC_RT_END;
	     i++) {
		ret = psac_rt_step_run(w, &c->steps[i], i, msg);
		if (ret)
			return ret;
	}
	/* a window reused for the next SA must start clean */
	psac_replay_init(w);
	if (psac_replay_top(w) != 0 || psac_replay_check(w, 1) != 0)
		return psac_t_fail(msg, "window not clean after init");
	return 0;
}

/*
 * Differential test: a pseudo-random walk of packets (in order, late,
 * replayed, far ahead, ancient) checked against a naive model that
 * remembers every accepted number in a 2^16-bit ring, which is exact
 * for anything within 2^16 of the front.
 */
#define PSAC_RM_RING_BITS	(1U << 16)
#define PSAC_RM_SEEN_LEN	(PSAC_RM_RING_BITS / 8)
#define PSAC_RM_STEPS		100000U
#define PSAC_RM_LATE_START	(0xffffffffU - 5000000U)

static u32 psac_rm_next(u32 *state)
{
	/* xorshift32: deterministic, identical in kernel and user space */
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

static bool psac_rm_seen(const u8 *seen, u32 seq)
{
	u32 b = seq % PSAC_RM_RING_BITS;

	return seen[b / 8] & (1U << (b % 8));
}

static void psac_rm_mark(u8 *seen, u32 seq, bool on)
{
	u32 b = seq % PSAC_RM_RING_BITS;

	if (on)
		seen[b / 8] |= (u8)(1U << (b % 8));
	else
		seen[b / 8] &= (u8)~(1U << (b % 8));
}

/* Next sequence number to try, clamped to 0 .. 2^32 - 1. */
static u32 psac_rm_pick(u32 *state, u32 top)
{
	u32 r = psac_rm_next(state), d = psac_rm_next(state);
	s64 v;

	switch (r % 16) {
	case 0:			/* far ahead */
		v = (s64)top + 1 + d % 9000;
		break;
	case 1:			/* anything behind, mostly too old */
		v = top ? d % top : 0;
		break;
	case 2:			/* around the window edge */
		v = (s64)top - PSAC_REPLAY_WINDOW - 64 + d % 128;
		break;
	case 3:
	case 4:
	case 5:
	case 6:			/* in order, small gaps */
		v = (s64)top + 1 + d % 4;
		break;
	default:		/* late or replayed, inside the window */
		v = (s64)top - d % (PSAC_REPLAY_WINDOW + 1);
		break;
	}
	if (v < 0)
		return 0;
	if (v > 0xffffffffLL)
		return 0xffffffffU;
	return (u32)v;
}

/* Runs the walk from @start (0, or close to 2^32 - 1). */
static int psac_replay_model_run(struct psac_replay *w, u8 *seen, u32 start,
				 char *msg)
{
	u32 state = 0x2545f491U ^ start, top = 0, seq, i, k, n;
	int want, got;
	bool adv;

	psac_replay_init(w);
	memset(seen, 0, PSAC_RM_SEEN_LEN);
	if (start) {
		if (psac_replay_advance(w, start))
			return psac_t_fail(msg, "cannot start at %u", start);
		top = start;
		psac_rm_mark(seen, start, true);
	}
	for (i = 0; i < PSAC_RM_STEPS; i++) {
		seq = psac_rm_pick(&state, top);
		if (seq == 0)
			want = -EINVAL;
		else if (seq <= top && top - seq > PSAC_REPLAY_WINDOW)
			want = -ERANGE;
		else if (seq <= top && psac_rm_seen(seen, seq))
			want = -EEXIST;
		else
			want = 0;

		adv = psac_rm_next(&state) % 4 != 0;
		got = adv ? psac_replay_advance(w, seq) :
			    psac_replay_check(w, seq);
		if (got != want)
			return psac_t_fail(msg,
					   "step %u: %s(%u) top %u = %d, want %d",
					   i, adv ? "advance" : "check", seq,
					   top, got, want);
		if (adv && !got) {
			if (seq > top) {
				/* the ring forgets what the new numbers held */
				n = seq - top - 1;
				if (n > PSAC_RM_RING_BITS)
					n = PSAC_RM_RING_BITS;
				for (k = 1; k <= n; k++)
					psac_rm_mark(seen, top + k, false);
				top = seq;
			}
			psac_rm_mark(seen, seq, true);
		}
		if (psac_replay_top(w) != top)
			return psac_t_fail(msg, "step %u: top %u, want %u", i,
					   psac_replay_top(w), top);
	}
	if (start && top != 0xffffffffU)
		return psac_t_fail(msg, "walk did not reach 2^32 - 1");
	return 0;
}

#endif /* _PSAC_REPLAY_CASES_H */
