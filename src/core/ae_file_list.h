/* The files of a folder whose names end in one of some extensions, sorted
   by path: what ae_image_folder and the image datastore read. Sub-folders,
   when asked, at any depth, symbolic links followed, each folder listed
   once however many links lead to it, so that a link to a folder above it
   (a loop) ends the walk instead of recursing without end. */
#ifndef AE_FILE_LIST_H
#define AE_FILE_LIST_H

#include "ae_status.h"

typedef struct {
  char **paths;   /* n_paths malloc'd strings, sorted by strcmp */
  long n_paths;
  long n_unreadable;   /* sub-folders that could not be opened, left out */
} ae_file_list_t;

/* Lists folder (a sub-folder's files as "folder/sub/name"). extensions:
   n_extensions endings such as ".png", compared without regard to case.
   AE_ERR_IO when folder itself cannot be read, AE_ERR_MEMORY when the list
   cannot be held. */
ae_status_t ae_file_list (const char *folder, int recursive, const char *const *extensions,
                          int n_extensions, ae_file_list_t *list, ae_error_t *err);

void ae_file_list_free (ae_file_list_t *list);

#endif
