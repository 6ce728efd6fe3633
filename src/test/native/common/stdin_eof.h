/* The test peers' exit signal: the Java test closes the peer's stdin. */
#ifndef CPO_STDIN_EOF_H
#define CPO_STDIN_EOF_H

#include <poll.h>
#include <stdbool.h>
#include <unistd.h>

/* True once stdin reached EOF (the test's "you may exit"). */
static bool stdin_closed(void)
{
  struct pollfd fd = { .fd = 0, .events = POLLIN };
  if (poll(&fd, 1, 0) > 0) {
    char buf[64];
    return read(0, buf, sizeof buf) <= 0;
  }
  return false;
}

#endif
