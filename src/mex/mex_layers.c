/* Layer structs read through the core's type table (see mex_layers.h). */
#include "mex_layers.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mex_args.h"

/* what names the layer in messages ("encoder layer 2: ..."), or is "" */
static const char *
sep (const char *what)
{
  return *what ? ": " : "";
}

static void *
at (ae_layer_spec_t *spec, const ae_setting_t *s)
{
  return (char *) spec + s->offset;
}

/* Octave's (vertical, horizontal) pair as the core's (h, w). */
static void
as_core (int transposed, int vertical, int horizontal, int *h, int *w)
{
  *h = transposed ? horizontal : vertical;
  *w = transposed ? vertical : horizontal;
}

/* The size of dimension d (from 0) of a, 1 past its last. */
static int
dim (const mxArray *a, int d)
{
  return d < (int) mxGetNumberOfDimensions (a) ? (int) mxGetDimensions (a)[d] : 1;
}

/* Between n_min and n_max integers of a in the setting's range into v;
   returns how many. */
static int
read_integers (const mxArray *a, const char *what, const ae_setting_t *s, int n_min,
               int n_max, int *v)
{
  const int n = (int) mxGetNumberOfElements (a);
  if (!mxIsDouble (a) || mxIsComplex (a) || mxIsSparse (a) || n < n_min || n > n_max)
    mx_fail ("invalidModel", "%s%s%s must be %d%s real double value%s", what, sep (what),
             s->what, n_min, n_max > n_min ? " or 2" : "", n_max > 1 ? "s" : "");
  for (int k = 0; k < n; k++)
    {
      const double x = mxGetPr (a)[k];
      if (!(x >= s->lo && x <= s->hi && x == floor (x)))
        mx_fail ("invalidModel", "%s%s%s must hold integers in [%.0f, %.0f]", what,
                 sep (what), s->what, s->lo, s->hi);
      v[k] = (int) x;
    }
  return n;
}

static void
read_padding (const mxArray *a, const char *what, const ae_setting_t *s, int transposed,
              int *same_and_pads)
{
  if (mxIsChar (a))
    {
      char *name = mx_string (a, s->what);
      same_and_pads[0] = strcmp (name, "same") == 0;
      if (!same_and_pads[0])
        mx_fail ("invalidModel", "%s%s%s must be \"same\" or 4 numbers, not \"%s\"", what,
                 sep (what), s->what, name);
      mxFree (name);
      return;
    }
  int pad[4];
  read_integers (a, what, s, 4, 4, pad);
  same_and_pads[0] = 0;
  int *p = same_and_pads + 1;   /* top, bottom, left, right */
  as_core (transposed, pad[0], pad[2], &p[0], &p[2]);
  as_core (transposed, pad[1], pad[3], &p[1], &p[3]);
}

/* A choice's index from its string (in any case, as MATLAB's options). */
static void
read_choice (const mxArray *a, const char *what, const ae_setting_t *s, int *index)
{
  char *name = mx_string (a, s->what);
  for (int c = 0; c < s->n_choices; c++)
    if (strcasecmp (name, s->choices[c]) == 0)
      {
        *index = c;
        mxFree (name);
        return;
      }
  char list[256] = "";
  for (int c = 0; c < s->n_choices; c++)
    snprintf (list + strlen (list), sizeof list - strlen (list), "%s\"%s\"",
              c ? ", " : "", s->choices[c]);
  mx_fail ("invalidModel", "%s%s%s must be one of %s, not \"%s\"", what, sep (what), s->what,
           list, name);
}

/* One setting from its value a into the spec. */
static void
read_value (const mxArray *a, const char *what, const ae_setting_t *s, int transposed,
            ae_layer_spec_t *spec)
{
  int v[3];
  switch (s->type)
    {
    case AE_SETTING_COUNT:
      read_integers (a, what, s, 1, 1, (int *) at (spec, s));
      break;
    case AE_SETTING_CHOICE:
      read_choice (a, what, s, (int *) at (spec, s));
      break;
    case AE_SETTING_STEP:   /* a, or MATLAB's [a a] */
      if (read_integers (a, what, s, 1, 2, v) == 2 && v[0] != v[1])
        mx_fail ("invalidModel", "%s%s%s must be the same in both directions", what,
                 sep (what), s->what);
      *(int *) at (spec, s) = v[0];
      break;
    case AE_SETTING_PAIR:
      if (read_integers (a, what, s, 1, 2, v) == 1)
        v[1] = v[0];
      as_core (transposed, v[0], v[1], (int *) at (spec, s), (int *) at (spec, s) + 1);
      break;
    case AE_SETTING_GRID:
      {
        ae_grid_t *grid = at (spec, s);
        read_integers (a, what, s, 3, 3, v);
        grid->c = v[2];
        as_core (transposed, v[0], v[1], &grid->h, &grid->w);
        break;
      }
    case AE_SETTING_PADDING:
      read_padding (a, what, s, transposed, (int *) at (spec, s));
      break;
    case AE_SETTING_REAL:
      {
        const double x = mx_scalar (a, s->what, s->lo, s->hi);
        if (s->hi_open && x >= s->hi)
          mx_fail ("outOfRange", "%s must be below %g, got %g", s->what, s->hi, x);
        *(float *) at (spec, s) = (float) x;
        break;
      }
    }
}

/* A setting a model keeps in the size of its W: the filters' size and
   number, a dense layer's outputs. */
static void
read_weight_size (const mxArray *layers, mwIndex i, const char *what, const ae_setting_t *s,
                  int transposed, ae_layer_spec_t *spec)
{
  const mxArray *w = mx_field (layers, i, "W", what);
  if (!(mxIsSingle (w) || mxIsDouble (w)) || mxIsComplex (w) || mxIsSparse (w)
      || mxGetNumberOfDimensions (w) > 4 || mxGetNumberOfElements (w) == 0)
    mx_fail ("invalidModel", "%s%sW must be a real, non-empty matrix (or an array of at most"
             " 4 dimensions)", what, sep (what));
  const int first = dim (w, s->weight_dim - 1);
  const int second = s->type == AE_SETTING_PAIR ? dim (w, s->weight_dim) : first;
  if (first > s->hi || second > s->hi)
    mx_fail ("invalidModel", "%s%sW gives %s %dx%d, more than %.0f", what, sep (what),
             s->what, first,
             second, s->hi);
  if (s->type == AE_SETTING_PAIR)
    as_core (transposed, first, second, (int *) at (spec, s), (int *) at (spec, s) + 1);
  else
    *(int *) at (spec, s) = first;
}

/* The value of setting s of element i, or NULL for its default: a model's
   field (a model of format 2 kept a pooling window, a resize factor and a
   reshape grid in one field, "size"), or a MATLAB layer's property. */
static const mxArray *
setting_value (const mxArray *layers, mwIndex i, const char *what, const ae_setting_t *s,
               int matlab)
{
  const char *name = matlab ? s->option : s->field;
  const mxArray *a = mxGetField (layers, i, name);
  if (!a && !matlab)
    a = mxGetField (layers, i, "size");
  if (!a)
    a = mx_field (layers, i, name, what);
  if (!mxIsEmpty (a))
    return a;
  if (isnan (s->fallback))
    mx_fail ("invalidModel", "%s%s%s (%s) is empty", what, sep (what), s->what, name);
  return NULL;
}

static void
apply_fallback (const ae_setting_t *s, ae_layer_spec_t *spec)
{
  switch (s->type)
    {
    case AE_SETTING_REAL:
      *(float *) at (spec, s) = (float) s->fallback;
      break;
    case AE_SETTING_PAIR:
      ((int *) at (spec, s))[1] = (int) s->fallback;
      /* fall through */
    case AE_SETTING_COUNT:
    case AE_SETTING_STEP:
    case AE_SETTING_CHOICE:
      *(int *) at (spec, s) = (int) s->fallback;
      break;
    case AE_SETTING_PADDING:   /* no padding */
      memset (at (spec, s), 0, 5 * sizeof (int));
      break;
    case AE_SETTING_GRID:
      break;   /* grids have no default */
    }
}

const ae_layer_type_t *
mex_layer_spec (const mxArray *layers, mwIndex i, const char *what, int matlab, int transposed,
                ae_layer_spec_t *spec)
{
  char *name = mx_string (mx_field (layers, i, matlab ? "Type" : "type", what), what);
  const ae_layer_type_t *type = ae_layer_type_find (name, matlab);
  if (!type)
    mx_fail ("invalidModel", "%s: unknown layer type '%s'", what, name);
  mxFree (name);
  *spec = (ae_layer_spec_t) { 0 };
  ae_layer_type_apply (type, spec);
  for (int k = 0; k < type->n_settings; k++)
    {
      const ae_setting_t *s = &type->settings[k];
      if (!matlab && s->weight_dim)
        {
          read_weight_size (layers, i, what, s, transposed, spec);
          continue;
        }
      if (matlab && !s->option)
        continue;
      const mxArray *a = setting_value (layers, i, what, s, matlab);
      if (a)
        read_value (a, what, s, transposed, spec);
      else
        apply_fallback (s, spec);
    }
  return type;
}

/* ---- the one field set of a model's layer ---- */

static int
has_name (const char *const *names, int n, const char *name)
{
  for (int k = 0; k < n; k++)
    if (strcmp (names[k], name) == 0)
      return 1;
  return 0;
}

mxArray *
mex_layer_blank (void)
{
  const char *names[64] = { "type", "W", "b" };
  int n = 3;
  for (int t = 0; t < ae_layer_n_types (); t++)
    {
      const ae_layer_type_t *type = ae_layer_type (t);
      for (int k = 0; k < type->n_settings + type->n_buffers; k++)
        {
          const char *name = k < type->n_settings ? type->settings[k].field
                                                  : type->buffers[k - type->n_settings];
          if (name && !has_name (names, n, name) && n < 64)
            names[n++] = name;
        }
    }
  return mxCreateStructMatrix (1, 1, n, names);
}

int
mex_layer_weight_dims (const ae_layer_t *layer, mwSize dims[4])
{
  int n = 0;
  while (n < 4 && layer->weight_shape[n] > 0)
    n++;
  for (int k = 0; k < n; k++)
    dims[k] = (mwSize) layer->weight_shape[n - 1 - k];
  if (n == 0)
    dims[n++] = 0;
  if (n == 1)
    dims[n++] = 1;
  return n;
}

