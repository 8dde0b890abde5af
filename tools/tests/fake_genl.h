/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The fake kernel and command runner shared by the 'psac target' and
 * 'psac mnha' tests: the generic netlink calls of genl.c are replaced at
 * link time (-Wl,--wrap).  open/close/join/dump are here; each test defines
 * __wrap_psac_genl_talk() and __wrap_psac_genl_recv_events() with the
 * answers of its part of the kernel, starting talk with fake_record().
 */
#ifndef PSAC_TOOLS_TESTS_FAKE_GENL_H
#define PSAC_TOOLS_TESTS_FAKE_GENL_H

#include <stdint.h>
#include <stdio.h>

#include <string.h>

#include "genl.h"
#include "tap.h"

#define FAKE_FAMILY_ID	0x1d

int __wrap_psac_genl_open(struct psac_genl *g, const char *family);
void __wrap_psac_genl_close(struct psac_genl *g);
int __wrap_psac_genl_talk(struct psac_genl *g, struct nlmsghdr *req,
			  psac_genl_cb cb, void *data);
int __wrap_psac_genl_dump(struct psac_genl *g, uint8_t cmd, psac_genl_cb cb,
			  void *data);
int __wrap_psac_genl_join(struct psac_genl *g, const char *name);
int __wrap_psac_genl_recv_events(struct psac_genl *g, int timeout_ms,
				 psac_genl_cb cb, void *data);

extern int fake_absent;		/* open: family not found */
extern int fake_err;		/* talk: this error, with an extack text */
extern int fake_events;		/* monitor: events still to deliver */
extern int n_talk;		/* requests seen */
extern char joined[];		/* the multicast group joined */

/* Count and keep the request; the error to return (0: answer it). */
int fake_record(struct psac_genl *g, const struct nlmsghdr *req);
/* A fresh answer of the family for command @cmd (one static buffer). */
struct nlmsghdr *fake_reply(uint8_t cmd);
void fake_put_addr(struct nlmsghdr *nlh, int type, int af, const char *s);
/* Sleep like an idle socket for the monitor loop. */
void fake_idle(int timeout_ms);

/* "psac [-j] OBJECT ARGS..." run through @cmd, stdout/stderr captured. */
extern char out[8192], err[2048];
extern int rc;
void fake_run(int (*cmd)(int argc, char **argv), const char *object,
	      int json, const char *args);

/* (inline: the TAP counters of tap.h live in each test's unit) */
static inline int check_out(const char *name, int want_rc, const char *want)
{
	int ok = rc == want_rc && !strcmp(out, want);

	if (!ok) {
		tap_diag("rc %d (want %d)", rc, want_rc);
		tap_diag("got:  %s", out);
		tap_diag("want: %s", want);
		tap_diag("stderr: %s", err);
	}
	return tap_ok(ok, "%s", name);
}

/* The recorded request and its attributes (NULL/false when absent or of
 * another length). */
const struct nlmsghdr *req(void);
int req_cmd(void);
int nest_count(const struct nlattr *n);
const struct nlattr *nest_get(const struct nlattr *n, int type, uint16_t len);
int n_u8(const struct nlattr *n, int type, uint8_t v);
int n_u16(const struct nlattr *n, int type, uint16_t v);
int n_u32(const struct nlattr *n, int type, uint32_t v);
int n_u64(const struct nlattr *n, int type, uint64_t v);
int n_bin(const struct nlattr *n, int type, const void *v, uint16_t len);

#endif
