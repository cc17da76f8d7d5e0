#include "CNetfilterShim.h"
#include <libmnl/libmnl.h>

size_t CNetfilterShim_mnl_socket_buffer_size(void) {
    return MNL_SOCKET_BUFFER_SIZE;
}
