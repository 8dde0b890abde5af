/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: the objects of the psac command.
 */
#ifndef PSAC_TOOLS_CMDS_H
#define PSAC_TOOLS_CMDS_H

#include <stdio.h>

/* argv[0] is the object name; return the exit status. */
int cmd_info(int argc, char **argv);
void help_info(FILE *f);

int cmd_saconf(int argc, char **argv);
void help_saconf(FILE *f);

int cmd_target(int argc, char **argv);
void help_target(FILE *f);

int cmd_server(int argc, char **argv);
void help_server(FILE *f);

int cmd_request(int argc, char **argv);
void help_request(FILE *f);

int cmd_mnha(int argc, char **argv);
void help_mnha(FILE *f);

int cmd_hac(int argc, char **argv);
void help_hac(FILE *f);

int cmd_mn(int argc, char **argv);
void help_mn(FILE *f);

#endif /* PSAC_TOOLS_CMDS_H */
