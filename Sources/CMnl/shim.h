// libmnl: minimalistic netlink sockets and message building.
#include <sys/socket.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>
