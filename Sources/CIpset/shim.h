// libipset: ipset sessions and commands. Kept in its own module: libipset ships its own
// copies of nf_inet_addr and NFPROTO_*, which clash with the kernel headers libnftnl uses.
#include <sys/socket.h>
#include <netinet/in.h>
#include <libipset/ipset.h>
