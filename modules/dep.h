/* SPDX-License-Identifier: GPL-2.0 */
/* The interface dep.ko exports (EXPORT_SYMBOL) and dep2.ko uses. */
#ifndef LKMP_DEP_H
#define LKMP_DEP_H

int dep_hello(const char *who);

#endif
