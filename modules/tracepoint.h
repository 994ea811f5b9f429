/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The trace event of tracepoint.c. This header is read several times:
 * normally it declares trace_tracepoint_write(); in the one .c file that
 * defines CREATE_TRACE_POINTS, <trace/define_trace.h> includes it again
 * (TRACE_HEADER_MULTI_READ) to generate the event's code, its tracefs
 * files and its print format. It finds this file again as
 * TRACE_INCLUDE_PATH/TRACE_INCLUDE_FILE.h on the include path, hence
 * "CFLAGS_tracepoint.o := -I$(src)" in modules/Kbuild.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM tracepoint

#if !defined(LKMP_TRACEPOINT_H) || defined(TRACE_HEADER_MULTI_READ)
#define LKMP_TRACEPOINT_H

#include <linux/sched.h>
#include <linux/tracepoint.h>

/* Arguments, record in the ring buffer, how to fill it, how to print it. */
TRACE_EVENT(tracepoint_write,
	    TP_PROTO(unsigned int value, unsigned int count),
	    TP_ARGS(value, count),
	    TP_STRUCT__entry(__field(unsigned int, value)
			     __field(unsigned int, count)
			     __string(comm, current->comm)),
	    TP_fast_assign(__entry->value = value;
			   __entry->count = count;
			   __assign_str(comm);),
	    TP_printk("value=%u count=%u comm=%s",
		      __entry->value, __entry->count, __get_str(comm))
);

#endif /* LKMP_TRACEPOINT_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE tracepoint
#include <trace/define_trace.h>
