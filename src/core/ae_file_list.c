#include "ae_file_list.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* A growing array of strings. */
typedef struct {
  char **items;
  long n, capacity;
} strings_t;

static int
push (strings_t *s, char *item)
{
  if (!item)
    return 0;
  if (s->n == s->capacity)
    {
      const long capacity = s->capacity ? 2 * s->capacity : 256;
      char **items = realloc (s->items, (size_t) capacity * sizeof *items);
      if (!items)
        {
          free (item);
          return 0;
        }
      s->items = items, s->capacity = capacity;
    }
  s->items[s->n++] = item;
  return 1;
}

static void
strings_free (strings_t *s)
{
  for (long k = 0; k < s->n; k++)
    free (s->items[k]);
  free (s->items);
  s->items = NULL, s->n = s->capacity = 0;
}

/* The folders seen, by device and inode: open addressing, grown at half full. */
typedef struct {
  uint64_t *keys;   /* pairs (dev, ino); (0, 0) is empty */
  size_t n, capacity;
} seen_t;

static size_t
slot (const seen_t *s, uint64_t dev, uint64_t ino)
{
  uint64_t h = (dev * 0x9E3779B97F4A7C15u) ^ (ino * 0xC2B2AE3D27D4EB4Fu);
  size_t at = (size_t) (h ^ (h >> 29)) & (s->capacity - 1);
  while ((s->keys[2 * at] || s->keys[2 * at + 1])
         && (s->keys[2 * at] != dev || s->keys[2 * at + 1] != ino))
    at = (at + 1) & (s->capacity - 1);
  return at;
}

/* 1 when the folder is new (and now seen), 0 when seen before, -1 without memory. */
static int
first_visit (seen_t *s, uint64_t dev, uint64_t ino)
{
  if (dev == 0 && ino == 0)
    ino = 1;   /* (0, 0) marks an empty slot */
  if (2 * (s->n + 1) > s->capacity)
    {
      seen_t bigger = { .capacity = s->capacity ? 2 * s->capacity : 64 };
      bigger.keys = calloc (2 * bigger.capacity, sizeof *bigger.keys);
      if (!bigger.keys)
        return -1;
      for (size_t k = 0; k < s->capacity; k++)
        if (s->keys[2 * k] || s->keys[2 * k + 1])
          {
            const size_t at = slot (&bigger, s->keys[2 * k], s->keys[2 * k + 1]);
            bigger.keys[2 * at] = s->keys[2 * k], bigger.keys[2 * at + 1] = s->keys[2 * k + 1];
          }
      bigger.n = s->n;
      free (s->keys);
      *s = bigger;
    }
  const size_t at = slot (s, dev, ino);
  if (s->keys[2 * at] == dev && s->keys[2 * at + 1] == ino)
    return 0;
  s->keys[2 * at] = dev, s->keys[2 * at + 1] = ino;
  s->n++;
  return 1;
}

static int
has_extension (const char *name, const char *const *extensions, int n_extensions)
{
  const size_t length = strlen (name);
  for (int k = 0; k < n_extensions; k++)
    {
      const size_t e = strlen (extensions[k]);
      if (length > e && strcasecmp (name + length - e, extensions[k]) == 0)
        return 1;
    }
  return 0;
}

static char *
joined (const char *folder, const char *name)
{
  const size_t a = strlen (folder), b = strlen (name);
  const int slash = a > 0 && folder[a - 1] != '/';
  char *path = malloc (a + slash + b + 1);
  if (path)
    {
      memcpy (path, folder, a);
      if (slash)
        path[a] = '/';
      memcpy (path + a + slash, name, b + 1);
    }
  return path;
}

static int
by_path (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* One folder's entries: files matched into files, folders onto the stack
   of those still to list. 0 when memory ran out. */
static int
list_folder (const char *folder, DIR *dir, int recursive, const char *const *extensions,
             int n_extensions, strings_t *files, strings_t *to_visit, seen_t *seen)
{
  struct dirent *entry;
  while ((entry = readdir (dir)))
    {
      const char *name = entry->d_name;
      if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
        continue;
      char *path = joined (folder, name);
      struct stat st;
      if (!path)
        return 0;
      if (stat (path, &st) != 0)   /* gone since, or a dangling link */
        {
          free (path);
          continue;
        }
      if (S_ISDIR (st.st_mode))
        {
          const int visit = recursive ? first_visit (seen, (uint64_t) st.st_dev, (uint64_t) st.st_ino) : 0;
          if (visit < 0 || (visit && !push (to_visit, path)))
            {
              if (visit < 0)
                free (path);
              return 0;
            }
          if (!visit)
            free (path);
        }
      else if (S_ISREG (st.st_mode) && has_extension (name, extensions, n_extensions))
        {
          if (!push (files, path))
            return 0;
        }
      else
        free (path);
    }
  return 1;
}

ae_status_t
ae_file_list (const char *folder, int recursive, const char *const *extensions, int n_extensions,
              ae_file_list_t *list, ae_error_t *err)
{
  memset (list, 0, sizeof *list);
  strings_t files = { 0 }, to_visit = { 0 };
  seen_t seen = { 0 };
  struct stat st;
  DIR *top = opendir (folder);
  if (!top || stat (folder, &st) != 0)
    {
      if (top)
        closedir (top);
      return ae_fail (err, AE_ERR_IO, "%s: cannot read the folder", folder);
    }
  int ok = first_visit (&seen, (uint64_t) st.st_dev, (uint64_t) st.st_ino) >= 0
           && list_folder (folder, top, recursive, extensions, n_extensions, &files, &to_visit, &seen);
  closedir (top);
  while (ok && to_visit.n > 0)
    {
      char *sub = to_visit.items[--to_visit.n];
      DIR *dir = opendir (sub);
      if (dir)
        {
          ok = list_folder (sub, dir, 1, extensions, n_extensions, &files, &to_visit, &seen);
          closedir (dir);
        }
      else
        list->n_unreadable++;
      free (sub);
    }
  strings_free (&to_visit);
  free (seen.keys);
  if (!ok)
    {
      strings_free (&files);
      return ae_fail (err, AE_ERR_MEMORY, "%s: no memory to list the folder", folder);
    }
  qsort (files.items, (size_t) files.n, sizeof *files.items, by_path);
  list->paths = files.items;
  list->n_paths = files.n;
  return AE_OK;
}

void
ae_file_list_free (ae_file_list_t *list)
{
  for (long k = 0; k < list->n_paths; k++)
    free (list->paths[k]);
  free (list->paths);
  list->paths = NULL, list->n_paths = 0;
}
