/* The convolutional layers: convolution, transposed convolution, max and
   average pooling and upsampling against PyTorch (tests/reference/conv.txt,
   made by make_conv_reference.py) and against finite differences. */
#include <math.h>
#include <string.h>

#include "test_util.h"

#define GRAD_TOL 2e-2
#define REF_TOL 1e-5

enum { N = 2, C_IN = 3, H = 8, W = 6, C_OUT = 4 };

/* largest |got - want| / max(1, |want|) against the named reference array */
static double
reference_error (const char *name, const float *got, long n)
{
  double worst = reference_difference ("conv.txt", name, got, n);
  printf ("%-16s %4ld values, largest difference from PyTorch %.2e\n", name, n, worst);
  return worst;
}

static double
sum_product (const float *a, const float *b, long n)
{
  double s = 0;
  for (long i = 0; i < n; i++)
    s += (double) a[i] * b[i];
  return s;
}

/* ---- convolution and transposed convolution ---- */

typedef struct {
  ae_conv_shape_t s;
  int transposed;
  float *in, *weight, *bias, *out, *probe, *col;
  long n_in, n_out, n_weight, n_bias;
} conv_case_t;

static void
conv_run (conv_case_t *c)
{
  if (c->transposed)
    ae_conv_transposed_forward (c->out, c->in, c->weight, c->bias, N, &c->s, c->col, 1);
  else
    ae_conv_forward (c->out, c->in, c->weight, c->bias, N, &c->s, c->col, 1);
}

static double
conv_objective (void *ctx)
{
  conv_case_t *c = ctx;
  conv_run (c);
  return sum_product (c->out, c->probe, c->n_out);
}

static void
conv_case_init (conv_case_t *c, int transposed)
{
  ae_error_t err;
  memset (c, 0, sizeof *c);
  c->transposed = transposed;
  if (transposed)
    {
      ck_assert_int_eq (ae_conv_shape_transposed (&c->s, C_OUT, 4, 3, C_IN, 3, 3, 2, 1, 1, 1, 1,
                                                  1, 1, &err), AE_OK);
      ck_assert (c->s.in_h == H && c->s.in_w == W);
      c->n_in = (long) N * C_OUT * 4 * 3;
      c->n_out = (long) N * C_IN * H * W;
      c->in = sine_floats (c->n_in, 0.53, 0.4, 1, 0);
      c->weight = sine_floats (C_OUT * C_IN * 9, 0.91, 0.6, 0.3, 0);
      c->bias = sine_floats (C_IN, 1.7, 0.7, 0.1, 0);
      c->n_bias = C_IN;
    }
  else
    {
      ck_assert_int_eq (ae_conv_shape_same (&c->s, C_IN, H, W, C_OUT, 3, 3, 2, &err), AE_OK);
      ck_assert (c->s.out_h == 4 && c->s.out_w == 3 && c->s.pad_top == 0
                 && c->s.pad_bottom == 1 && c->s.pad_right == 1);
      c->n_in = (long) N * C_IN * H * W;
      c->n_out = (long) N * C_OUT * 4 * 3;
      c->in = sine_floats (c->n_in, 0.71, 0.1, 1, 0);
      c->weight = sine_floats (C_OUT * C_IN * 9, 1.13, 0.2, 0.3, 0);
      c->bias = sine_floats (C_OUT, 2.3, 0.3, 0.1, 0);
      c->n_bias = C_OUT;
    }
  c->n_weight = C_OUT * C_IN * 9;
  c->out = alloc_floats ((size_t) c->n_out);
  c->probe = sine_floats (c->n_out, 0.37, 0.5, 1, 0);
  c->col = alloc_floats ((size_t) ae_conv_col_size (&c->s, N, 1));
}

static void
conv_case_free (conv_case_t *c)
{
  free (c->in); free (c->weight); free (c->bias); free (c->out); free (c->probe); free (c->col);
}

START_TEST (conv_layers_match_pytorch_and_finite_differences)
{
  conv_case_t c;
  conv_case_init (&c, _i);
  const char *prefix = _i ? "tconv" : "conv";
  char name[32];
  float *d_in = alloc_floats ((size_t) c.n_in), *d_weight = alloc_floats ((size_t) c.n_weight);
  float *d_bias = alloc_floats ((size_t) c.n_bias);
  conv_run (&c);
  if (_i)
    ae_conv_transposed_backward (d_in, d_weight, d_bias, c.probe, c.in, c.weight, N, &c.s, c.col, 1);
  else
    ae_conv_backward (d_in, d_weight, d_bias, c.probe, c.in, c.weight, N, &c.s, c.col, 1);
  snprintf (name, sizeof name, "%s_out", prefix);
  ck_assert_double_le (reference_error (name, c.out, c.n_out), REF_TOL);
  snprintf (name, sizeof name, "%s_d_in", prefix);
  ck_assert_double_le (reference_error (name, d_in, c.n_in), REF_TOL);
  snprintf (name, sizeof name, "%s_d_weight", prefix);
  ck_assert_double_le (reference_error (name, d_weight, c.n_weight), REF_TOL);
  snprintf (name, sizeof name, "%s_d_bias", prefix);
  ck_assert_double_le (reference_error (name, d_bias, c.n_bias), REF_TOL);

  size_t worst;
  double e_in = ae_check_grad (conv_objective, &c, c.in, d_in, c.n_in, 1e-2f, 1e-2, 0, &worst);
  double e_w = ae_check_grad (conv_objective, &c, c.weight, d_weight, c.n_weight, 1e-2f, 1e-2,
                              0, &worst);
  double e_b = ae_check_grad (conv_objective, &c, c.bias, d_bias, c.n_bias, 1e-2f, 1e-2, 0,
                              &worst);
  printf ("%s: finite differences, relative errors %.1e (input) %.1e (weight) %.1e (bias)\n",
          prefix, e_in, e_w, e_b);
  ck_assert_double_le (fmax (e_in, fmax (e_w, e_b)), GRAD_TOL);
  conv_case_free (&c);
  free (d_in); free (d_weight); free (d_bias);
}
END_TEST

/* ---- pooling and upsampling ---- */

typedef struct {
  int kind;   /* 0 max pool, 1 average pool, 2 upsampling */
  ae_conv_shape_t s;
  float *in, *out, *probe;
  long n_in, n_out;
} pool_case_t;

static void
pool_run (pool_case_t *c)
{
  if (c->kind == 0)
    ae_max_pool_forward (c->out, c->in, N, &c->s);
  else if (c->kind == 1)
    ae_avg_pool_forward (c->out, c->in, N, &c->s);
  else
    ae_upsample_forward (c->out, c->in, N, C_IN, H, W, 2);
}

static double
pool_objective (void *ctx)
{
  pool_case_t *c = ctx;
  pool_run (c);
  return sum_product (c->out, c->probe, c->n_out);
}

START_TEST (pooling_and_upsampling_match_pytorch_and_finite_differences)
{
  static const char *const names[] = { "maxpool", "avgpool", "upsample" };
  pool_case_t c = { .kind = _i };
  ae_error_t err;
  if (_i == 0)
    ck_assert_int_eq (ae_conv_shape_init (&c.s, C_IN, H, W, C_IN, 2, 2, 2, 0, 0, 0, 0, &err),
                      AE_OK);
  else if (_i == 1)
    ck_assert_int_eq (ae_conv_shape_init (&c.s, C_IN, H, W, C_IN, 3, 3, 2, 1, 1, 1, 1, &err),
                      AE_OK);
  c.n_in = (long) N * C_IN * H * W;
  c.n_out = _i == 2 ? 4 * c.n_in : (long) N * C_IN * c.s.out_h * c.s.out_w;
  c.in = sine_floats (c.n_in, 0.71, 0.1, 1, 0);
  c.out = alloc_floats ((size_t) c.n_out);
  c.probe = sine_floats (c.n_out, 0.37, 0.5, 1, 0);
  float *d_in = alloc_floats ((size_t) c.n_in);
  pool_run (&c);
  if (_i == 0)
    ae_max_pool_backward (d_in, c.probe, c.in, N, &c.s);
  else if (_i == 1)
    ae_avg_pool_backward (d_in, c.probe, N, &c.s);
  else
    ae_upsample_backward (d_in, c.probe, N, C_IN, H, W, 2);
  char name[32];
  snprintf (name, sizeof name, "%s_out", names[_i]);
  ck_assert_double_le (reference_error (name, c.out, c.n_out), REF_TOL);
  snprintf (name, sizeof name, "%s_d_in", names[_i]);
  ck_assert_double_le (reference_error (name, d_in, c.n_in), REF_TOL);
  /* finite differences: the max pool's ties are apart by more than the step */
  size_t worst;
  double error = ae_check_grad (pool_objective, &c, c.in, d_in, c.n_in, 1e-3f, 1e-2, 0, &worst);
  ck_assert_msg (error <= GRAD_TOL, "%s: relative error %g at %zu", names[_i], error, worst);
  free (c.in); free (c.out); free (c.probe); free (d_in);
}
END_TEST

START_TEST (impossible_geometries_are_refused)
{
  ae_conv_shape_t s;
  ae_error_t err;
  ck_assert_int_eq (ae_conv_shape_init (&s, 1, 2, 2, 1, 3, 3, 1, 0, 0, 0, 0, &err),
                    AE_ERR_ARGUMENT);
  ck_assert (strstr (err.message, "does not fit") != NULL);
  ck_assert_int_eq (ae_conv_shape_init (&s, 0, 8, 8, 1, 3, 3, 1, 0, 0, 0, 0, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_int_eq (ae_conv_shape_init (&s, 1, 8, 8, 1, 3, 3, 0, 0, 0, 0, 0, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_int_eq (ae_conv_shape_transposed (&s, 1, 4, 4, 1, 3, 3, 2, 1, 1, 1, 1, 2, 0, &err),
                    AE_ERR_ARGUMENT);
  ck_assert_int_eq (ae_conv_shape_transposed (&s, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, &err),
                    AE_ERR_ARGUMENT);
  /* "same" keeps ceil(in / stride) */
  ck_assert_int_eq (ae_conv_shape_same (&s, 1, 28, 28, 32, 3, 3, 2, &err), AE_OK);
  ck_assert (s.out_h == 14 && s.out_w == 14 && s.pad_top == 0 && s.pad_bottom == 1);
  ck_assert_int_eq (ae_conv_shape_same (&s, 1, 7, 7, 1, 3, 3, 1, &err), AE_OK);
  ck_assert (s.out_h == 7 && s.pad_top == 1 && s.pad_bottom == 1);
}
END_TEST

/* ---- a stack of them in a network (the reference script's "stack") ---- */

typedef struct {
  ae_net_t net;
  ae_workspace_t ws;
  float *params, *x, *probe;
} stack_case_t;

static double
stack_objective (void *ctx)
{
  stack_case_t *c = ctx;
  ae_net_forward (&c->net, c->params, &c->ws, c->x, N, 0, c->net.n_layers);
  return sum_product (c->ws.outputs[c->net.n_layers - 1], c->probe, (long) N * c->net.n_input);
}

static void
build_stack (ae_net_t *net)
{
  ae_error_t err;
  const ae_conv_spec_t down = { .n_filters = 4, .k_h = 3, .k_w = 3, .stride = 2, .same = 1 };
  const ae_conv_spec_t pool = { .k_h = 2, .k_w = 2, .stride = 1 };
  const ae_conv_spec_t up = { .n_filters = 3, .k_h = 3, .k_w = 3, .stride = 2, .same = 1 };
  const ae_conv_spec_t avg = { .k_h = 2, .k_w = 2, .stride = 2 };
  const ae_conv_spec_t mix = { .n_filters = 2, .k_h = 1, .k_w = 1, .stride = 1 };
  ae_net_begin_grid (net, (ae_grid_t) { 2, H, W, 0 });
  ck_assert_int_eq (
      ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_CONV, .window = down }, &err), AE_OK);
  ck_assert_int_eq (
      ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_RELU },
                  &err),
      AE_OK);
  ck_assert_int_eq (
      ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_MAX_POOL, .window = pool }, &err),
      AE_OK);
  ck_assert_int_eq (
      ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_DENSE, .width = 6 }, &err), AE_OK);
  ck_assert_int_eq (
      ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_TANH },
                  &err),
      AE_OK);
  ae_net_end_encoder (net);
  ck_assert_int_eq (
      ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_DENSE, .width = 36 }, &err), AE_OK);
  ck_assert_int_eq (
      ae_net_add (net,
                  &(ae_layer_spec_t){ .kind = AE_LAYER_RESHAPE, .grid = (ae_grid_t){ 3, 4, 3 } },
                  &err),
      AE_OK);
  ck_assert_int_eq (
      ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_CONV_TRANSPOSED, .window = up }, &err),
      AE_OK);
  ck_assert_int_eq (
      ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_AVG_POOL, .window = avg }, &err),
      AE_OK);
  ck_assert_int_eq (
      ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_UPSAMPLE, .factor = 2 }, &err), AE_OK);
  ck_assert_int_eq (
      ae_net_add (net, &(ae_layer_spec_t){ .kind = AE_LAYER_CONV, .window = mix }, &err), AE_OK);
  ck_assert_int_eq (
      ae_net_add (net,
                  &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_SIGMOID },
                  &err),
      AE_OK);
}

START_TEST (a_convolutional_stack_matches_pytorch_and_finite_differences)
{
  stack_case_t c;
  ae_error_t err;
  build_stack (&c.net);
  const ae_layer_t *L = c.net.layers;
  /* the grids the script states: 4x4x3, 4x3x2, 6, 36, 3x4x3, 3x8x6, 3x4x3, 3x8x6, 2x8x6 */
  ck_assert (L[0].out.c == 4 && L[0].out.h == 4 && L[0].out.w == 3);
  ck_assert (L[2].out.c == 4 && L[2].out.h == 3 && L[2].out.w == 2 && L[3].n_in == 24);
  ck_assert (L[7].out.c == 3 && L[7].out.h == H && L[7].out.w == W);
  ck_assert (L[8].out.h == 4 && L[9].out.h == H && L[10].out.c == 2 && L[11].n_out == 96);
  ck_assert_int_eq (c.net.n_params, 4 * 2 * 9 + 4 + 24 * 6 + 6 + 6 * 36 + 36 + 81 + 3 + 6 + 2);
  ck_assert_int_eq (ae_workspace_init (&c.ws, &c.net, N, &err), AE_OK);
  const long n_x = (long) N * c.net.n_input;
  c.params = sine_floats (c.net.n_params, 0.61, 0.3, 0.4, 0);
  c.x = sine_floats (n_x, 0.71, 0.1, 1, 0);
  c.probe = sine_floats (n_x, 0.37, 0.5, 1, 0);
  float *grads = alloc_floats ((size_t) c.net.n_params);
  stack_objective (&c);
  ck_assert_double_le (reference_error ("stack_out", c.ws.outputs[c.net.n_layers - 1], n_x),
                       REF_TOL);
  ae_net_backward (&c.net, c.params, grads, &c.ws, c.x, c.probe, N, 0, c.net.n_layers);
  ck_assert_double_le (reference_error ("stack_d_params", grads, c.net.n_params), REF_TOL);
  /* the formula's point sits on a max-pooling kink (PyTorch agrees with the
     one-sided gradient there), so finite differences use a random point */
  ae_rng_t rng;
  ae_rng_seed (&rng, 5, AE_STREAM_USER);
  ae_net_init_params (&c.net, c.params, &rng);
  memset (grads, 0, (size_t) c.net.n_params * sizeof *grads);
  stack_objective (&c);
  ae_net_backward (&c.net, c.params, grads, &c.ws, c.x, c.probe, N, 0, c.net.n_layers);
  size_t worst;
  double error = ae_check_grad (stack_objective, &c, c.params, grads, c.net.n_params, 1e-2f,
                                1e-2, 0, &worst);
  printf ("stack: finite differences, relative error %.1e over %ld parameters\n", error,
          c.net.n_params);
  ck_assert_msg (error <= GRAD_TOL, "relative error %g at parameter %zu", error, worst);
  ae_workspace_free (&c.ws);
  free (c.params); free (c.x); free (c.probe); free (grads);
}
END_TEST

START_TEST (a_convolutional_stack_passes_the_input_gradient)
{
  /* the same stack behind a reshape that changes nothing: the gradient with
     respect to the stack's input is then computed, and must match PyTorch */
  ae_net_t stack, net;
  ae_error_t err;
  build_stack (&stack);
  ae_net_begin_grid (&net, (ae_grid_t) { 2, H, W, 0 });
  ck_assert_int_eq (
      ae_net_add (&net,
                  &(ae_layer_spec_t){ .kind = AE_LAYER_RESHAPE, .grid = (ae_grid_t){ 2, H, W } },
                  &err),
      AE_OK);
  for (int i = 0; i < stack.n_layers; i++)
    {
      ae_layer_t layer = stack.layers[i];
      net.layers[net.n_layers++] = layer;
    }
  net.n_params = stack.n_params;
  net.n_encoder = stack.n_encoder + 1;
  ae_workspace_t ws;
  ck_assert_int_eq (ae_workspace_init (&ws, &net, N, &err), AE_OK);
  const long n_x = (long) N * net.n_input;
  float *params = sine_floats (net.n_params, 0.61, 0.3, 0.4, 0), *x = sine_floats (n_x, 0.71, 0.1, 1, 0);
  float *probe = sine_floats (n_x, 0.37, 0.5, 1, 0), *grads = alloc_floats ((size_t) net.n_params);
  ae_net_forward (&net, params, &ws, x, N, 0, net.n_layers);
  const float *d_in = ae_net_backward (&net, params, grads, &ws, x, probe, N, 0, net.n_layers);
  ck_assert_ptr_nonnull (d_in);
  ck_assert_double_le (reference_error ("stack_d_in", d_in, n_x), REF_TOL);
  ae_workspace_free (&ws);
  free (params); free (x); free (probe); free (grads);
}
END_TEST

START_TEST (impossible_networks_are_refused_with_their_sizes)
{
  ae_net_t net;
  ae_error_t err;
  ae_net_begin_grid (&net, (ae_grid_t) { 1, 5, 5, 0 });
  const ae_conv_spec_t big = { .n_filters = 2, .k_h = 7, .k_w = 7, .stride = 1 };
  ck_assert_int_eq (
      ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_CONV, .window = big }, &err),
      AE_ERR_ARGUMENT);
  ck_assert_msg (strstr (err.message, "7x7") && strstr (err.message, "5x5"), "%s", err.message);
  const ae_conv_spec_t pool = { .k_h = 2, .k_w = 2, .stride = 2, .pad_top = 2 };
  ck_assert_int_eq (
      ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_MAX_POOL, .window = pool }, &err),
      AE_ERR_ARGUMENT);
  ck_assert_int_eq (
      ae_net_add (&net,
                  &(ae_layer_spec_t){ .kind = AE_LAYER_RESHAPE, .grid = (ae_grid_t){ 2, 3, 4 } },
                  &err),
      AE_ERR_ARGUMENT);
  ck_assert_msg (strstr (err.message, "25 values"), "%s", err.message);
  ck_assert_int_eq (
      ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_UPSAMPLE, .factor = 0 }, &err),
      AE_ERR_ARGUMENT);
  ck_assert_int_eq (net.n_layers, 0);
  /* "same" transposed convolutions multiply by the stride */
  const ae_conv_spec_t up = { .n_filters = 3, .k_h = 3, .k_w = 3, .stride = 2, .same = 1 };
  ck_assert_int_eq (
      ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_CONV_TRANSPOSED, .window = up }, &err),
      AE_OK);
  ck_assert (net.layers[0].out.c == 3 && net.layers[0].out.h == 10 && net.layers[0].out.w == 10);
}
END_TEST

/* ---- random geometries ---- */

typedef struct {
  int kind;   /* 0 convolution, 1 transposed, 2 max pool, 3 average pool */
  ae_conv_shape_t s;
  float *x, *w, *b, *y, *r, *col;
  long n_x, n_y, n_w, n_b;
} geometry_case_t;

static void
geometry_run (geometry_case_t *c)
{
  switch (c->kind)
    {
    case 0: ae_conv_forward (c->y, c->x, c->w, c->b, N, &c->s, c->col, 1); break;
    case 1: ae_conv_transposed_forward (c->y, c->x, c->w, c->b, N, &c->s, c->col, 1); break;
    case 2: ae_max_pool_forward (c->y, c->x, N, &c->s); break;
    default: ae_avg_pool_forward (c->y, c->x, N, &c->s); break;
    }
}

static double
geometry_objective (void *ctx)
{
  geometry_case_t *c = ctx;
  geometry_run (c);
  return sum_product (c->y, c->r, c->n_y);
}

START_TEST (random_geometries_match_finite_differences)
{
  /* 40 layers of odd and even sizes, strides 1 to 3, uneven paddings and
     output paddings: every gradient against central differences */
  ae_rng_t rng;
  ae_rng_seed (&rng, 77, AE_STREAM_USER);
  int n_checked = 0;
  double worst_seen = 0;
  for (int trial = 0; trial < 40; trial++)
    {
      geometry_case_t c = { .kind = trial % 4 };
      ae_error_t err;
      const int pick = (int) (ae_rng_uniform (&rng) * 1000);
      const int in_c = 1 + pick % 3, out_c = c.kind >= 2 ? in_c : 1 + pick / 3 % 3;
      const int h = 3 + pick / 9 % 6, w = 3 + pick / 54 % 5, stride = 1 + pick % 3;
      const int k_h = 1 + pick / 7 % 3, k_w = 1 + pick / 11 % 3;
      const int pads[4] = { pick / 13 % 2, pick / 17 % 3 % k_h, pick / 19 % 2 % k_w,
                            pick / 23 % 3 % k_w };
      ae_status_t status;
      if (c.kind == 1)
        status = ae_conv_shape_transposed (&c.s, in_c, h, w, out_c, k_h, k_w, stride,
                                           pads[0] % k_h, pads[1], pads[2], pads[3],
                                           pick % stride, pick / 5 % stride, &err);
      else
        status = ae_conv_shape_init (&c.s, in_c, h, w, out_c, k_h, k_w, stride,
                                     pads[0] % k_h, pads[1], pads[2], pads[3], &err);
      if (status != AE_OK)
        continue;   /* the kernel does not fit: refused, as it should be */
      const ae_conv_shape_t *s = &c.s;
      const long big = (long) N * s->in_c * s->in_h * s->in_w;
      const long small = (long) N * s->out_c * s->out_h * s->out_w;
      c.n_x = c.kind == 1 ? small : big;
      c.n_y = c.kind == 1 ? big : small;
      c.n_w = c.kind < 2 ? (long) s->out_c * s->in_c * s->k_h * s->k_w : 1;
      c.n_b = c.kind == 0 ? s->out_c : c.kind == 1 ? s->in_c : 1;
      c.x = alloc_floats (c.n_x);
      c.w = alloc_floats (c.n_w);
      c.b = alloc_floats (c.n_b);
      c.y = alloc_floats (c.n_y);
      c.r = alloc_floats (c.n_y);
      c.col = alloc_floats ((size_t) ae_conv_col_size (s, N, 1));
      fill_uniform (&rng, c.x, c.n_x, -1, 1);
      fill_uniform (&rng, c.w, c.n_w, -1, 1);
      fill_uniform (&rng, c.b, c.n_b, -1, 1);
      fill_uniform (&rng, c.r, c.n_y, -1, 1);
      if (c.kind == 2)   /* distinct levels 2/n_x apart: no ties within a step */
        for (long i = 0; i < c.n_x; i++)
          c.x[i] = (float) ((i * 7919 + pick) % c.n_x) * (2.0f / c.n_x) - 1.0f;
      float *d_x = alloc_floats (c.n_x), *d_w = alloc_floats (c.n_w), *d_b = alloc_floats (c.n_b);
      geometry_run (&c);
      switch (c.kind)
        {
        case 0: ae_conv_backward (d_x, d_w, d_b, c.r, c.x, c.w, N, s, c.col, 1); break;
        case 1: ae_conv_transposed_backward (d_x, d_w, d_b, c.r, c.x, c.w, N, s, c.col, 1); break;
        case 2: ae_max_pool_backward (d_x, c.r, c.x, N, s); break;
        default: ae_avg_pool_backward (d_x, c.r, N, s); break;
        }
      size_t at;
      double e = ae_check_grad (geometry_objective, &c, c.x, d_x, c.n_x, 1e-3f, 1e-2, 0, &at);
      if (c.kind < 2)
        {
          e = fmax (e,
                    ae_check_grad (geometry_objective, &c, c.w, d_w, c.n_w, 1e-2f, 1e-2, 0, &at));
          e = fmax (e,
                    ae_check_grad (geometry_objective, &c, c.b, d_b, c.n_b, 1e-2f, 1e-2, 0, &at));
        }
      ck_assert_msg (e <= GRAD_TOL, "kind %d, %dx%dx%d -> %dx%dx%d, %dx%d filter, stride %d,"
                     " padding %d/%d/%d/%d: relative error %g", c.kind, s->in_c, s->in_h,
                     s->in_w, s->out_c, s->out_h, s->out_w, s->k_h, s->k_w, s->stride,
                     s->pad_top, s->pad_bottom, s->pad_left, s->pad_right, e);
      worst_seen = fmax (worst_seen, e);
      n_checked++;
      free (c.x); free (c.w); free (c.b); free (c.y); free (c.r); free (c.col);
      free (d_x); free (d_w); free (d_b);
    }
  printf ("random geometries: %d layers checked, largest relative error %.1e\n", n_checked,
          worst_seen);
  ck_assert_int_ge (n_checked, 25);
}
END_TEST

/* ---- groups of samples ---- */


START_TEST (groups_of_samples_give_the_per_sample_results)
{
  /* 40x40 images, 58 filters (107,200 floats of scratch per sample): a group
     holds 2 samples, so a batch of 3 is a group of 2 and one of 1, against
     three batches of 1 */
  enum { B = 3 };
  ae_conv_shape_t s;
  ae_error_t err;
  ck_assert_int_eq (ae_conv_shape_same (&s, 1, 40, 40, 58, 3, 3, 1, &err), AE_OK);
  ck_assert (ae_conv_col_size (&s, B, 1) == 2 * ae_conv_col_size (&s, 1, 1));
  const long n_in = (long) s.in_h * s.in_w, n_out = 58L * n_in, n_w = 58 * 9;
  float *in = sine_floats (B * n_in, 0.71, 0.1, 1, 0), *w = sine_floats (n_w, 1.13, 0.2, 0.3, 0);
  float *bias = sine_floats (58, 2.3, 0.3, 0.1, 0), *probe = sine_floats (B * n_out, 0.37, 0.5, 1, 0);
  float *col = alloc_floats ((size_t) ae_conv_col_size (&s, B, 1));
  for (int transposed = 0; transposed < 2; transposed++)
    {
      /* the transposed convolution maps the 58 channels back to 1 */
      const long src = transposed ? n_out : n_in, dst = transposed ? n_in : n_out;
      float *x = transposed ? probe : in, *r = transposed ? in : probe;
      float *out[2], *d_x[2], *d_w[2], *d_b[2];
      for (int way = 0; way < 2; way++)
        {
          out[way] = alloc_floats (B * dst);
          d_x[way] = alloc_floats (B * src);
          d_w[way] = alloc_floats (n_w);
          d_b[way] = alloc_floats (58);
          for (int b = 0; b < (way ? B : 1); b++)
            {
              const int n = way ? 1 : B;
              if (transposed)
                {
                  ae_conv_transposed_forward (out[way] + b * dst, x + b * src, w, bias, n, &s, col, 1);
                  ae_conv_transposed_backward (d_x[way] + b * src, d_w[way], d_b[way],
                                               r + b * dst, x + b * src, w, n, &s, col, 1);
                }
              else
                {
                  ae_conv_forward (out[way] + b * dst, x + b * src, w, bias, n, &s, col, 1);
                  ae_conv_backward (d_x[way] + b * src, d_w[way], d_b[way], r + b * dst,
                                    x + b * src, w, n, &s, col, 1);
                }
            }
        }
      ck_assert_double_le (largest_difference (out[0], out[1], B * dst), 1e-6);
      ck_assert_double_le (largest_difference (d_x[0], d_x[1], B * src), 1e-6);
      /* weight gradients sum 4,800 products in float, in another order */
      ck_assert_double_le (largest_difference (d_w[0], d_w[1], n_w), 1e-4);
      for (int way = 0; way < 2; way++)
        {
          free (out[way]); free (d_x[way]); free (d_w[way]); free (d_b[way]);
        }
    }
  free (in); free (w); free (bias); free (probe); free (col);
}
END_TEST

/* ---- a batch split over threads ---- */

/* Forward and backward passes of batch B on n_threads; outputs in r[0..3]:
   out, d_x, d_w, d_b (callers free them). */
static void
passes_on_threads (float *r[4], const ae_conv_shape_t *s, int transposed, const float *x,
                   const float *probe, const float *w, const float *bias, int B, int n_threads)
{
  const long src = transposed ? ae_conv_out_size (s) : ae_conv_in_size (s);
  const long dst = transposed ? ae_conv_in_size (s) : ae_conv_out_size (s);
  const long n_w = (long) s->out_c * s->in_c * s->k_h * s->k_w;
  r[0] = alloc_floats (B * dst), r[1] = alloc_floats (B * src), r[2] = alloc_floats (n_w);
  r[3] = alloc_floats (transposed ? s->in_c : s->out_c);
  float *col = alloc_floats ((size_t) ae_conv_col_size (s, B, n_threads));
  if (transposed)
    {
      ae_conv_transposed_forward (r[0], x, w, bias, B, s, col, n_threads);
      ae_conv_transposed_backward (r[1], r[2], r[3], probe, x, w, B, s, col, n_threads);
    }
  else
    {
      ae_conv_forward (r[0], x, w, bias, B, s, col, n_threads);
      ae_conv_backward (r[1], r[2], r[3], probe, x, w, B, s, col, n_threads);
    }
  free (col);
}

START_TEST (a_batch_split_over_threads_gives_the_one_thread_results)
{
  /* 7 samples on 2 and 3 threads (slices of 3/4 and 2/2/3), against one
     thread; the same thread count twice gives the same bits */
  enum { B = 7 };
  ae_conv_shape_t s;
  ae_error_t err;
  ck_assert_int_eq (ae_conv_shape_init (&s, 3, 9, 8, 5, 3, 3, 2, 1, 1, 1, 1, &err), AE_OK);
  const long n_in = ae_conv_in_size (&s), n_out = ae_conv_out_size (&s), n_w = 5 * 3 * 9;
  float *in = sine_floats (B * n_in, 0.71, 0.1, 1, 0), *w = sine_floats (n_w, 1.13, 0.2, 0.3, 0);
  float *bias = sine_floats (5, 2.3, 0.3, 0.1, 0), *probe = sine_floats (B * n_out, 0.37, 0.5, 1, 0);
  const long sizes[2][4] = { { B * n_out, B * n_in, n_w, 5 }, { B * n_in, B * n_out, n_w, 3 } };
  for (int transposed = 0; transposed < 2; transposed++)
    {
      float *x = transposed ? probe : in, *r = transposed ? in : probe;
      float *one[4], *many[4], *again[4];
      passes_on_threads (one, &s, transposed, x, r, w, bias, B, 1);
      for (int n_threads = 2; n_threads <= 3; n_threads++)
        {
          passes_on_threads (many, &s, transposed, x, r, w, bias, B, n_threads);
          passes_on_threads (again, &s, transposed, x, r, w, bias, B, n_threads);
          for (int k = 0; k < 4; k++)
            {
              ck_assert_double_le (largest_difference (many[k], one[k], sizes[transposed][k]),
                                   1e-5);
              ck_assert_mem_eq (many[k], again[k], sizes[transposed][k] * sizeof (float));
              free (many[k]);
              free (again[k]);
            }
        }
      for (int k = 0; k < 4; k++)
        free (one[k]);
    }
  free (in); free (w); free (bias); free (probe);
}
END_TEST

START_TEST (pooling_and_activations_split_over_threads_give_the_same_bits)
{
  /* 40 samples of 8x16x16 (81,920 values: enough to be split) through max
     pooling, a leaky ReLU and average pooling, behind a reshape so that the
     input's gradient is computed; 1 and 3 slices */
  enum { B = 40 };
  ae_net_t net;
  ae_error_t err;
  ae_net_begin_grid (&net, (ae_grid_t) { 8, 16, 16, 0 });
  const ae_conv_spec_t pool = { .k_h = 2, .k_w = 2, .stride = 2 };
  const ae_layer_spec_t specs[] = {
    { .kind = AE_LAYER_RESHAPE, .grid = (ae_grid_t) { 8, 16, 16, 0 } },
    { .kind = AE_LAYER_MAX_POOL, .window = pool },
    { .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_LEAKY_RELU, .slope = 0.2f },
    { .kind = AE_LAYER_AVG_POOL, .window = pool },
  };
  for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
    ck_assert_int_eq (ae_net_add (&net, &specs[i], &err), AE_OK);
  const long n_x = (long) B * net.n_input, n_y = (long) B * ae_net_n_output (&net, net.n_layers);
  float *x = sine_floats (n_x, 0.71, 0.1, 1, 0), *probe = sine_floats (n_y, 0.37, 0.5, 1, 0);
  float *y[2], *d_x[2];
  for (int way = 0; way < 2; way++)
    {
      ae_workspace_t ws;
      ck_assert_int_eq (ae_workspace_init (&ws, &net, B, &err), AE_OK);
      ws.n_threads = way ? 3 : 1;   /* no layer here sizes scratch by it */
      ws.input_gradient = 1;
      ae_net_forward (&net, NULL, &ws, x, B, 0, net.n_layers);
      y[way] = alloc_floats (n_y);
      memcpy (y[way], ws.outputs[net.n_layers - 1], n_y * sizeof (float));
      const float *d_in = ae_net_backward (&net, NULL, NULL, &ws, x, probe, B, 0, net.n_layers);
      ck_assert_ptr_nonnull (d_in);
      d_x[way] = alloc_floats (n_x);
      memcpy (d_x[way], d_in, n_x * sizeof (float));
      ae_workspace_free (&ws);
    }
  ck_assert_mem_eq (y[0], y[1], n_y * sizeof (float));
  ck_assert_mem_eq (d_x[0], d_x[1], n_x * sizeof (float));
  free (x); free (probe);
  for (int way = 0; way < 2; way++)
    {
      free (y[way]); free (d_x[way]);
    }
}
END_TEST

/* ---- the FFT path against im2col ---- */

START_TEST (the_fft_path_matches_im2col)
{
  /* _i = 0: convolution, 7x5 filters, padding 2/3/1/0; 1: a transposed one */
  ae_conv_shape_t s;
  ae_error_t err;
  if (_i == 0)
    ck_assert_int_eq (ae_conv_shape_init (&s, 3, 11, 9, 4, 7, 5, 1, 2, 3, 1, 0, &err), AE_OK);
  else
    ck_assert_int_eq (ae_conv_shape_transposed (&s, 4, 6, 5, 3, 7, 5, 1, 1, 2, 0, 1, 0, 0, &err),
                      AE_OK);
  ck_assert_int_eq (ae_conv_fft_pays (&s), 0);   /* 35 pixels: below the crossover */
  ae_conv_fft_t *fft = ae_conv_fft_new (&s, &err);
  ck_assert_ptr_nonnull (fft);
  const long n_in = (long)N * s.in_c * s.in_h * s.in_w,
             n_out = (long)N * s.out_c * s.out_h * s.out_w;
  const long n_weight = (long) s.out_c * s.in_c * s.k_h * s.k_w, n_bias = _i ? s.in_c : s.out_c;
  /* the transposed convolution reads the output grid and writes the input grid */
  const long n_src = _i ? n_out : n_in, n_dst = _i ? n_in : n_out;
  float *src = sine_floats (n_src, 0.71, 0.1, 1, 0), *weight = sine_floats (n_weight, 1.13, 0.2, 0.3, 0);
  float *bias = sine_floats (n_bias, 2.3, 0.3, 0.1, 0), *probe = sine_floats (n_dst, 0.37, 0.5, 1, 0);
  float *col = alloc_floats ((size_t) ae_conv_col_size (&s, N, 1));
  float *out[2], *d_src[2], *d_weight[2], *d_bias[2];
  for (int path = 0; path < 2; path++)
    {
      out[path] = alloc_floats ((size_t) n_dst);
      d_src[path] = alloc_floats ((size_t) n_src);
      d_weight[path] = alloc_floats ((size_t) n_weight);
      d_bias[path] = alloc_floats ((size_t) n_bias);
    }
  if (_i)
    {
      ae_conv_transposed_forward (out[0], src, weight, bias, N, &s, col, 1);
      ae_conv_transposed_backward (d_src[0], d_weight[0], d_bias[0], probe, src, weight, N, &s,
                                   col, 1);
      ae_conv_fft_transposed_forward (fft, out[1], src, weight, bias, N);
      ae_conv_fft_transposed_backward (fft, d_src[1], d_weight[1], d_bias[1], probe, src,
                                       weight, N);
    }
  else
    {
      ae_conv_forward (out[0], src, weight, bias, N, &s, col, 1);
      ae_conv_backward (d_src[0], d_weight[0], d_bias[0], probe, src, weight, N, &s, col, 1);
      ae_conv_fft_forward (fft, out[1], src, weight, bias, N);
      ae_conv_fft_backward (fft, d_src[1], d_weight[1], d_bias[1], probe, src, weight, N);
    }
  double e_out = largest_difference (out[1], out[0], n_dst);
  double e_src = largest_difference (d_src[1], d_src[0], n_src);
  double e_w = largest_difference (d_weight[1], d_weight[0], n_weight);
  double e_b = largest_difference (d_bias[1], d_bias[0], n_bias);
  printf ("%s: FFT against im2col, largest differences %.1e (output) %.1e (input gradient)"
          " %.1e (weights) %.1e (bias)\n", _i ? "tconv" : "conv", e_out, e_src, e_w, e_b);
  ck_assert_double_le (fmax (fmax (e_out, e_src), fmax (e_w, e_b)), 1e-5);
  ae_conv_fft_free (fft);
  for (int path = 0; path < 2; path++)
    {
      free (out[path]); free (d_src[path]); free (d_weight[path]); free (d_bias[path]);
    }
  free (src); free (weight); free (bias); free (probe); free (col);
}
END_TEST

START_TEST (a_network_takes_the_fft_path_for_large_filters)
{
  /* 11x11 filters, stride 1, "same", 4 and 5 channels on 8x6 images: the FFT
     path; its gradient against finite differences */
  ae_net_t net;
  ae_error_t err;
  const ae_conv_spec_t big = { .n_filters = 5, .k_h = 11, .k_w = 11, .stride = 1, .same = 1 };
  const ae_conv_spec_t back = { .n_filters = 4, .k_h = 11, .k_w = 11, .stride = 1, .same = 1 };
  ae_net_begin_grid (&net, (ae_grid_t) { 4, H, W, 0 });
  ck_assert_int_eq (
      ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_CONV, .window = big }, &err), AE_OK);
  ck_assert_int_eq (
      ae_net_add (
          &net, &(ae_layer_spec_t){ .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_TANH }, &err),
      AE_OK);
  ck_assert_int_eq (
      ae_net_add (&net, &(ae_layer_spec_t){ .kind = AE_LAYER_CONV_TRANSPOSED, .window = back },
                  &err),
      AE_OK);
  ck_assert (ae_conv_fft_pays (&net.layers[0].conv) && ae_conv_fft_pays (&net.layers[2].conv));
  stack_case_t c = { .net = net };
  ck_assert_int_eq (ae_workspace_init (&c.ws, &c.net, N, &err), AE_OK);
  ck_assert (c.ws.state[0] != NULL && c.ws.state[2] != NULL && c.ws.state[1] == NULL);
  const long n_x = (long) N * net.n_input;
  ae_rng_t rng;
  ae_rng_seed (&rng, 6, AE_STREAM_USER);
  c.params = alloc_floats ((size_t) net.n_params);
  ae_net_init_params (&net, c.params, &rng);
  c.x = sine_floats (n_x, 0.71, 0.1, 1, 0);
  c.probe = sine_floats (n_x, 0.37, 0.5, 1, 0);
  float *grads = alloc_floats ((size_t) net.n_params);
  stack_objective (&c);
  ae_net_backward (&c.net, c.params, grads, &c.ws, c.x, c.probe, N, 0, net.n_layers);
  size_t worst;
  double error = ae_check_grad (stack_objective, &c, c.params, grads, net.n_params, 1e-2f,
                                1e-2, 0, &worst);
  printf ("FFT layers: finite differences, relative error %.1e over %ld parameters\n", error,
          net.n_params);
  ck_assert_msg (error <= GRAD_TOL, "relative error %g at parameter %zu", error, worst);
  ae_workspace_free (&c.ws);
  free (c.params); free (c.x); free (c.probe); free (grads);
}
END_TEST

/* ---- both ways of copying into columns ---- */

/* The convolution written out, in double: out [n][out_c][out_h][out_w]. */
static void
direct_convolution (double *out, const float *in, const float *w, const float *bias, int n,
                    const ae_conv_shape_t *s)
{
  for (int b = 0; b < n; b++)
    for (int o = 0; o < s->out_c; o++)
      for (int oy = 0; oy < s->out_h; oy++)
        for (int ox = 0; ox < s->out_w; ox++)
          {
            double sum = bias[o];
            for (int c = 0; c < s->in_c; c++)
              for (int ky = 0; ky < s->k_h; ky++)
                for (int kx = 0; kx < s->k_w; kx++)
                  {
                    const int iy = oy * s->stride - s->pad_top + ky;
                    const int ix = ox * s->stride - s->pad_left + kx;
                    if (iy >= 0 && iy < s->in_h && ix >= 0 && ix < s->in_w)
                      sum += (double) w[((o * s->in_c + c) * s->k_h + ky) * s->k_w + kx]
                             * in[(((long) b * s->in_c + c) * s->in_h + iy) * s->in_w + ix];
                  }
            out[(((long) b * s->out_c + o) * s->out_h + oy) * s->out_w + ox] = sum;
          }
}

typedef struct {
  ae_conv_shape_t s;
  float *x, *w, *b, *y, *probe, *col;
  long n_y;
} copy_case_t;

static double
copy_objective (void *ctx)
{
  copy_case_t *c = ctx;
  ae_conv_forward (c->y, c->x, c->w, c->b, N, &c->s, c->col, 1);
  return sum_product (c->y, c->probe, c->n_y);
}

START_TEST (wide_and_narrow_outputs_match_the_direct_sum)
{
  /* im2col copies rows of outputs 16 or more wide and uses a table of
     offsets for narrower ones (the 7x7 and 14x14 grids of stride-2 layers):
     outputs 18 and 9 wide at stride 1, 17 and 7 wide at stride 2, each with
     padding, against the convolution written out and (the weight gradient,
     whose im2col is the backward pass's own) against finite differences */
  const int shapes[4][3] = { { 18, 20, 1 }, { 9, 11, 1 }, { 34, 30, 2 }, { 14, 13, 2 } };
  for (int k = 0; k < 4; k++)
    {
      copy_case_t c;
      ae_error_t err;
      ck_assert_int_eq (ae_conv_shape_same (&c.s, 2, shapes[k][1], shapes[k][0], 3, 3, 3,
                                            shapes[k][2], &err), AE_OK);
      const long n_x = (long) N * ae_conv_in_size (&c.s), n_w = 3 * 2 * 9;
      c.n_y = (long) N * ae_conv_out_size (&c.s);
      c.x = sine_floats (n_x, 0.71, 0.1, 1, 0);
      c.w = sine_floats (n_w, 1.13, 0.2, 0.3, 0);
      c.b = sine_floats (3, 2.3, 0.3, 0.1, 0);
      c.probe = sine_floats (c.n_y, 0.37, 0.5, 1, 0);
      c.y = alloc_floats (c.n_y);
      c.col = alloc_floats ((size_t) ae_conv_col_size (&c.s, N, 1));
      double *want = malloc (c.n_y * sizeof *want);
      ck_assert_ptr_nonnull (want);
      direct_convolution (want, c.x, c.w, c.b, N, &c.s);
      ae_conv_forward (c.y, c.x, c.w, c.b, N, &c.s, c.col, 1);
      double worst = 0;
      for (long i = 0; i < c.n_y; i++)
        worst = fmax (worst, fabs (c.y[i] - want[i]));
      ck_assert_msg (worst <= 1e-5, "outputs %d wide: %g from the direct sum", c.s.out_w, worst);
      float *d_x = alloc_floats (n_x), *d_w = alloc_floats (n_w), *d_b = alloc_floats (3);
      ae_conv_backward (d_x, d_w, d_b, c.probe, c.x, c.w, N, &c.s, c.col, 1);
      size_t at;
      const double e = ae_check_grad (copy_objective, &c, c.w, d_w, n_w, 1e-2f, 1e-2, 0, &at);
      printf ("outputs %2d wide, stride %d: %.1e from the direct sum, weight gradient %.1e\n",
              c.s.out_w, c.s.stride, worst, e);
      ck_assert_double_le (e, GRAD_TOL);
      free (c.x); free (c.w); free (c.b); free (c.probe); free (c.y); free (c.col); free (want);
      free (d_x); free (d_w); free (d_b);
    }
}
END_TEST

/* ---- full kernels: the filter covers the whole input ---- */

typedef struct {
  ae_conv_shape_t s;
  int transposed, n_batch, n_threads;
  float *x, *w, *b, *y, *probe;
  long n_x, n_y;
} full_case_t;

static void
full_run (full_case_t *c)
{
  float col[1];   /* a full kernel takes no scratch */
  if (c->transposed)
    ae_conv_transposed_forward (c->y, c->x, c->w, c->b, c->n_batch, &c->s, col, c->n_threads);
  else
    ae_conv_forward (c->y, c->x, c->w, c->b, c->n_batch, &c->s, col, c->n_threads);
}

static double
full_objective (void *ctx)
{
  full_case_t *c = ctx;
  full_run (c);
  return sum_product (c->y, c->probe, c->n_y);
}

START_TEST (full_kernels_match_pytorch_finite_differences_and_threads)
{
  /* _i 0: 3 samples of 3x5x4 through 4 filters of 5x4 (one output position,
     run as dense products); 1: the adjoint, 4x1x1 back to 3x5x4. PyTorch's
     values (conv.txt), finite differences, and 2 and 3 threads against one */
  enum { B = 3, KH = 5, KW = 4 };
  full_case_t c = { .transposed = _i, .n_batch = B };
  ae_error_t err;
  if (_i)
    ck_assert_int_eq (ae_conv_shape_transposed (&c.s, C_OUT, 1, 1, C_IN, KH, KW, 2, 0, 0, 0, 0,
                                                0, 0, &err), AE_OK);
  else
    ck_assert_int_eq (ae_conv_shape_init (&c.s, C_IN, KH, KW, C_OUT, KH, KW, 2, 0, 0, 0, 0,
                                          &err), AE_OK);
  ck_assert (ae_conv_is_full_kernel (&c.s) && ae_conv_col_size (&c.s, B, 3) == 0);
  const long big = (long) B * C_IN * KH * KW, small = (long) B * C_OUT;
  const long n_w = (long) C_OUT * C_IN * KH * KW, n_b = _i ? C_IN : C_OUT;
  c.n_x = _i ? small : big;
  c.n_y = _i ? big : small;
  c.x = _i ? sine_floats (c.n_x, 0.59, 0.3, 1, 0) : sine_floats (c.n_x, 0.67, 0.2, 1, 0);
  c.w = _i ? sine_floats (n_w, 0.77, 0.1, 0.3, 0) : sine_floats (n_w, 0.83, 0.9, 0.3, 0);
  c.b = _i ? sine_floats (n_b, 1.3, 0.2, 0.1, 0) : sine_floats (n_b, 1.9, 0.5, 0.1, 0);
  c.y = alloc_floats (c.n_y);
  c.probe = sine_floats (c.n_y, 0.37, 0.5, 1, 0);
  const long sizes[4] = { c.n_y, c.n_x, n_w, n_b };
  float *r[3][4];   /* per thread count: out, d_x, d_w, d_b */
  for (int t = 0; t < 3; t++)
    {
      c.n_threads = t + 1;
      full_run (&c);
      r[t][0] = alloc_floats (c.n_y);
      memcpy (r[t][0], c.y, c.n_y * sizeof (float));
      r[t][1] = alloc_floats (c.n_x), r[t][2] = alloc_floats (n_w), r[t][3] = alloc_floats (n_b);
      float col[1];
      if (_i)
        ae_conv_transposed_backward (r[t][1], r[t][2], r[t][3], c.probe, c.x, c.w, B, &c.s, col,
                                     c.n_threads);
      else
        ae_conv_backward (r[t][1], r[t][2], r[t][3], c.probe, c.x, c.w, B, &c.s, col,
                          c.n_threads);
    }
  const char *prefix = _i ? "full_tconv" : "full_conv";
  const char *parts[4] = { "out", "d_in", "d_weight", "d_bias" };
  for (int k = 0; k < 4; k++)
    {
      char name[32];
      snprintf (name, sizeof name, "%s_%s", prefix, parts[k]);
      ck_assert_double_le (reference_error (name, r[0][k], sizes[k]), REF_TOL);
      for (int t = 1; t < 3; t++)
        ck_assert_msg (largest_difference (r[t][k], r[0][k], sizes[k]) <= 1e-5,
                       "%s on %d threads differs from one thread by %g", name, t + 1,
                       largest_difference (r[t][k], r[0][k], sizes[k]));
    }
  c.n_threads = 1;
  size_t worst;
  double e = ae_check_grad (full_objective, &c, c.x, r[0][1], c.n_x, 1e-2f, 1e-2, 0, &worst);
  e = fmax (e, ae_check_grad (full_objective, &c, c.w, r[0][2], n_w, 1e-2f, 1e-2, 0, &worst));
  e = fmax (e, ae_check_grad (full_objective, &c, c.b, r[0][3], n_b, 1e-2f, 1e-2, 0, &worst));
  printf ("%s: finite differences, largest relative error %.1e\n", prefix, e);
  ck_assert_double_le (e, GRAD_TOL);
  for (int t = 0; t < 3; t++)
    for (int k = 0; k < 4; k++)
      free (r[t][k]);
  free (c.x); free (c.w); free (c.b); free (c.y); free (c.probe);
}
END_TEST

/* ---- input gradients alone (a GAN's generator pass through D) ---- */

START_TEST (input_gradients_alone_are_the_full_passes_own)
{
  /* DCGAN's discriminator in small: conv 4x4 stride 2, batch normalization,
     leaky ReLU, conv 3x3, dense to 1, on 5 samples of 1x8x8. Back with a
     gradient buffer and with none: the same input gradient, bit for bit,
     and the second pass writes no parameter gradient. A network with an
     FFT convolution cannot skip them. */
  enum { B = 5 };
  ae_net_t net;
  ae_error_t err;
  ae_net_begin_grid (&net, (ae_grid_t) { 1, 8, 8, 0 });
  const ae_conv_spec_t down = { .n_filters = 3, .k_h = 4, .k_w = 4, .stride = 2, .same = 1 };
  const ae_conv_spec_t same = { .n_filters = 2, .k_h = 3, .k_w = 3, .stride = 1, .same = 1 };
  const ae_layer_spec_t specs[] = {
    { .kind = AE_LAYER_CONV, .window = down },
    { .kind = AE_LAYER_BATCH_NORM, .epsilon = 1e-5f, .mean_decay = 0.1f,
      .variance_decay = 0.1f },
    { .kind = AE_LAYER_ACTIVATION, .activation = AE_ACT_LEAKY_RELU, .slope = 0.2f },
    { .kind = AE_LAYER_CONV, .window = same },
    { .kind = AE_LAYER_DENSE, .width = 1 },
  };
  for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
    ck_assert_int_eq (ae_net_add (&net, &specs[i], &err), AE_OK);
  ae_workspace_t ws;
  ck_assert_int_eq (ae_workspace_init (&ws, &net, B, &err), AE_OK);
  ws.training = 1;
  ws.input_gradient = 1;
  ck_assert (ae_net_skips_parameter_gradients (&net, &ws, 0, net.n_layers));
  ae_rng_t rng;
  ae_rng_seed (&rng, 9, AE_STREAM_USER);
  float *params = alloc_floats ((size_t) ae_net_n_values (&net));   /* and running statistics */
  ae_net_init_params (&net, params, &rng);
  const long n_x = (long) B * net.n_input;
  float *x = sine_floats (n_x, 0.71, 0.1, 1, 0), *probe = sine_floats (B, 0.37, 0.5, 1, 0);
  float *grads = alloc_floats ((size_t) net.n_params), *d_x[2];
  for (int way = 0; way < 2; way++)
    {
      ae_net_forward (&net, params, &ws, x, B, 0, net.n_layers);
      const float *d_in = ae_net_backward (&net, params, way ? NULL : grads, &ws, x, probe, B,
                                           0, net.n_layers);
      ck_assert_ptr_nonnull (d_in);
      d_x[way] = alloc_floats (n_x);
      memcpy (d_x[way], d_in, n_x * sizeof (float));
    }
  ck_assert_mem_eq (d_x[0], d_x[1], n_x * sizeof (float));
  double gradient_size = 0;
  for (long k = 0; k < net.n_params; k++)
    gradient_size += fabs (grads[k]);
  ck_assert_double_gt (gradient_size, 0);   /* the first pass did write them */
  ae_workspace_free (&ws);

  ae_net_t fft;
  ae_net_begin_grid (&fft, (ae_grid_t) { 4, H, W, 0 });
  const ae_conv_spec_t big = { .n_filters = 5, .k_h = 11, .k_w = 11, .stride = 1, .same = 1 };
  ck_assert_int_eq (
      ae_net_add (&fft, &(ae_layer_spec_t){ .kind = AE_LAYER_CONV, .window = big }, &err), AE_OK);
  ck_assert_int_eq (ae_workspace_init (&ws, &fft, 2, &err), AE_OK);
  ck_assert (ws.state[0] != NULL && !ae_net_skips_parameter_gradients (&fft, &ws, 0, 1));
  ae_workspace_free (&ws);
  free (params); free (x); free (probe); free (grads); free (d_x[0]); free (d_x[1]);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("conv");
  TCase *tc = tcase_create ("convolutional layers");
  tcase_add_loop_test (tc, conv_layers_match_pytorch_and_finite_differences, 0, 2);
  tcase_add_loop_test (tc, pooling_and_upsampling_match_pytorch_and_finite_differences, 0, 3);
  tcase_add_test (tc, impossible_geometries_are_refused);
  tcase_add_test (tc, a_convolutional_stack_matches_pytorch_and_finite_differences);
  tcase_add_test (tc, a_convolutional_stack_passes_the_input_gradient);
  tcase_add_test (tc, impossible_networks_are_refused_with_their_sizes);
  tcase_add_test (tc, random_geometries_match_finite_differences);
  tcase_add_test (tc, groups_of_samples_give_the_per_sample_results);
  tcase_add_test (tc, a_batch_split_over_threads_gives_the_one_thread_results);
  tcase_add_test (tc, pooling_and_activations_split_over_threads_give_the_same_bits);
  tcase_add_loop_test (tc, the_fft_path_matches_im2col, 0, 2);
  tcase_add_test (tc, a_network_takes_the_fft_path_for_large_filters);
  tcase_add_test (tc, wide_and_narrow_outputs_match_the_direct_sum);
  tcase_add_test (tc, input_gradients_alone_are_the_full_passes_own);
  tcase_add_loop_test (tc, full_kernels_match_pytorch_finite_differences_and_threads, 0, 2);
  suite_add_tcase (s, tc);
  return run_suite (s);
}
