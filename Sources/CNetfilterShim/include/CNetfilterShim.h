#ifndef C_NETFILTER_SHIM_H
#define C_NETFILTER_SHIM_H

// Named wrappers for the parts of libmnl and libnftnl that Swift cannot import:
// macros whose value is computed at run time, and inline helpers.
#include <sys/socket.h>
#include <netinet/in.h>
#include <stddef.h>

// Kernel constants the nftables netlink layer uses (nfnetlink subsystems, NAT range flags,
// conntrack state and status bits, route types, ICMP codes); plain enums and macros, so Swift
// imports them from these headers.
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_nat.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/rtnetlink.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
// libnftnl's user data record types (comments, set byte orders, `typeof`), which CNftnl does not include.
#include <libnftnl/udata.h>

/// The receive buffer size libmnl recommends: MNL_SOCKET_BUFFER_SIZE, a macro over sysconf(_SC_PAGESIZE).
size_t CNetfilterShim_mnl_socket_buffer_size(void);

/// setns(fd, CLONE_NEWNET): moves the calling thread into the network namespace `fd` refers to.
/// Glibc declares setns only with _GNU_SOURCE, which Swift's Glibc module does not define.
/// Returns 0, or -1 with errno set.
int CNetfilterShim_enter_network_namespace(int fd);

#endif
