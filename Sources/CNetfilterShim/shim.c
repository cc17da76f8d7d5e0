#define _GNU_SOURCE
#include "CNetfilterShim.h"
#include <sched.h>
#include <libmnl/libmnl.h>

size_t CNetfilterShim_mnl_socket_buffer_size(void) {
    return MNL_SOCKET_BUFFER_SIZE;
}

int CNetfilterShim_enter_network_namespace(int fd) {
    return setns(fd, CLONE_NEWNET);
}
