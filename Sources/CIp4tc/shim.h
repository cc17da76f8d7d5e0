// libip4tc: in-process access to the legacy IPv4 x_tables (not iptables-nft).
#include <sys/socket.h>
#include <netinet/in.h>
#include <libiptc/libiptc.h>
