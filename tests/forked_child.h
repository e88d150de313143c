// Waiting for a process the test forked, with a deadline: a child stuck on a lock that a
// thread of the parent held at the fork fails the test instead of hanging it.
#ifndef ALEXDB_TESTS_FORKED_CHILD_H_
#define ALEXDB_TESTS_FORKED_CHILD_H_

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace alexdb::testing {

// Waits up to `deadline` for `child`; true if it exited with status 0. A child still
// running then is killed (and reaped).
inline bool child_succeeds(pid_t child,
                           std::chrono::milliseconds deadline = std::chrono::milliseconds(10000)) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  int status = 0;
  while (std::chrono::steady_clock::now() < until) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (done != 0) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(child, SIGKILL);
  waitpid(child, &status, 0);
  return false;
}

// Forks; the child runs `body` and exits (0 when it returned true) without returning
// here. True when the child did so within `deadline`. `body` is made before the fork, so
// calling it allocates nothing that it does not allocate itself.
template <typename Body>
bool succeeds_in_child(Body&& body,
                       std::chrono::milliseconds deadline = std::chrono::milliseconds(10000)) {
  const pid_t child = fork();
  if (child == 0) _exit(body() ? 0 : 1);
  return child > 0 && child_succeeds(child, deadline);
}

}  // namespace alexdb::testing

#endif  // ALEXDB_TESTS_FORKED_CHILD_H_
