/* What every fuzz target of a file reader does first: the fuzzer's bytes
   into a new temporary file, whose path the reader then opens. */
#ifndef FUZZ_FILE_H
#define FUZZ_FILE_H

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes data [size] to a new file named from path (a mkstemp template,
   overwritten with the name); 1 when all of it is there, else 0 with no
   file left behind. */
static int
fuzz_file (const uint8_t *data, size_t size, char *path)
{
  int fd = mkstemp (path);
  if (fd < 0)
    return 0;
  const int written = write (fd, data, size) == (ssize_t) size;
  close (fd);
  if (!written)
    unlink (path);
  return written;
}

#endif
