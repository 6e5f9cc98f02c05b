#ifndef PROMPTSCAN_CZLIB_SHIM_H
#define PROMPTSCAN_CZLIB_SHIM_H
#include <zlib.h>
#endif
