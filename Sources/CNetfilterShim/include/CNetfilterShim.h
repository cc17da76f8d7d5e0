#ifndef C_NETFILTER_SHIM_H
#define C_NETFILTER_SHIM_H

// Named wrappers for the parts of libmnl and libnftnl that Swift cannot import:
// macros whose value is computed at run time, and inline helpers.
#include <sys/socket.h>
#include <netinet/in.h>
#include <stddef.h>

/// The receive buffer size libmnl recommends: MNL_SOCKET_BUFFER_SIZE, a macro over sysconf(_SC_PAGESIZE).
size_t CNetfilterShim_mnl_socket_buffer_size(void);

#endif
