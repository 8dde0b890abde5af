/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: what the netlink commands share (genl_cmd.c), on top of the
 * generic netlink client of genl.h: opening the family with the error
 * reported, one request or listing, and validated attribute getters.
 */
#ifndef PSAC_TOOLS_GENL_CMD_H
#define PSAC_TOOLS_GENL_CMD_H

#include <stdint.h>

/* Report a genl open/request error the same way everywhere and return the
 * exit status (PSAC_EXIT_NOMODULE for a missing family). */
struct psac_genl;
int psac_genl_report(const struct psac_genl *g, const char *what, int err);

struct nlmsghdr;
struct nlattr;
/* Open family "psac"; on error it is reported and its exit status returned. */
int psac_open_family(struct psac_genl *g, const char *what);
/* One request (doit or dump), with the error reported; closes g. */
int psac_talk_close(struct psac_genl *g, struct nlmsghdr *nlh,
		    int (*cb)(const struct nlmsghdr *, void *), void *data,
		    const char *what);
/*
 * A listing: @cmd as a dump (or, with @doit, one request), PSAC_A_IFINDEX
 * @ifindex when not 0, each answer to @cb with a struct psac_json * (the
 * JSON array under way with --json) as its data; printed as lines, or as
 * one JSON array, valid even on an error.  Returns the exit status.
 */
int psac_list_run(uint8_t cmd, uint32_t ifindex, int doit,
		  int (*cb)(const struct nlmsghdr *, void *), const char *what);
/* Attribute table of a nest; types beyond max are ignored (newer kernel). */
int psac_parse_nest(const struct nlattr *nest, const struct nlattr **a,
		    unsigned int max);
/* The first top-level attribute of type want, or NULL. */
const struct nlattr *psac_find_attr(const struct nlmsghdr *nlh, int want);
/* Validated integer attributes: 0, or -1 when absent or malformed. */
int psac_get_u8(const struct nlattr *a, uint8_t *v);
int psac_get_u16(const struct nlattr *a, uint16_t *v);
int psac_get_u32(const struct nlattr *a, uint32_t *v);
int psac_get_u64(const struct nlattr *a, uint64_t *v);

#endif /* PSAC_TOOLS_GENL_CMD_H */
