// A listening TCP socket on 127.0.0.1 at a free port, for the test servers (the fault
// proxy, the metadata stub, the scripted DynamoDB server): all test traffic stays on
// the loopback interface.
#ifndef ALEXDB_TESTS_LOOPBACK_LISTENER_H_
#define ALEXDB_TESTS_LOOPBACK_LISTENER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace alexdb::testing {

// Opens a socket listening on 127.0.0.1 (a port the system chooses, with `backlog`);
// returns its descriptor and sets `port`.
inline int listen_on_loopback(int& port, int backlog = 64) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int yes = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  listen(fd, backlog);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  return fd;
}

}  // namespace alexdb::testing

#endif  // ALEXDB_TESTS_LOOPBACK_LISTENER_H_
