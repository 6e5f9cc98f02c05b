#ifndef PROMPTSCAN_CPCRE2_SHIM_H
#define PROMPTSCAN_CPCRE2_SHIM_H
/* The 8-bit code unit width must be defined before pcre2.h; a cSettings define does not reach Swift. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* PCRE2_UNSET and PCRE2_ZERO_TERMINATED are macros of casts Swift cannot import. */
static inline size_t cpcre2_unset(void) { return PCRE2_UNSET; }
#endif
