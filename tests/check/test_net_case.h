/* A network over a batch of (padded) sequences for the check suites of the
   sequence kinds: its workspace, parameters, an input and a probe, the
   objective sum (output * probe) for finite differences, and its backward
   pass into the parameters' and the input's gradients; and the specs
   they build networks of. */
#ifndef TEST_NET_CASE_H
#define TEST_NET_CASE_H

#include "test_util.h"

#include "ae_net.h"

/* The spec of the layer kind called name (a sequence kind has no enum
   name outside the kind table). */
static inline ae_layer_spec_t
kind (const char *name)
{
  ae_layer_spec_t spec = { 0 };
  ck_assert_msg (ae_layer_kind_parse (name, &spec.kind) == 0, "no kind %s", name);
  return spec;
}

/* A recurrent layer of H hidden units, output_mode 0 ("sequence") or 1
   ("last"), reset_gate_mode a GRU's. */
static inline ae_layer_spec_t
recurrent (const char *name, int H, int output_mode, int reset_gate_mode)
{
  ae_layer_spec_t spec = kind (name);
  spec.integers[0] = H, spec.integers[1] = output_mode, spec.integers[2] = reset_gate_mode;
  return spec;
}

/* Adds a layer the test expects to fit. */
static inline void
add (ae_net_t *net, ae_layer_spec_t spec)
{
  ae_error_t err;
  ck_assert_msg (ae_net_add (net, &spec, &err) == AE_OK, "%s", err.message);
}

typedef struct {
  ae_net_t net;
  ae_workspace_t ws;
  float *params, *grads, *x, *probe, *d_x;
  long n_x, n_out;
  int n_batch;
} net_case_t;

/* After c->net is built: a workspace for n_batch samples of n_steps steps
   of the given lengths, parameters initialised from seed, and an input and
   a probe drawn from U(-1, 1). */
static inline void
net_case_ready (net_case_t *c, int n_batch, int n_steps, const int *lengths, uint64_t seed)
{
  ae_error_t err;
  ck_assert_int_eq (ae_workspace_init_steps (&c->ws, &c->net, n_batch, n_steps, &err), AE_OK);
  c->ws.lengths = lengths;
  c->ws.input_gradient = 1;
  c->n_batch = n_batch;
  const ae_layer_t *last = &c->net.layers[c->net.n_layers - 1];
  c->n_x = n_batch * ae_workspace_sample_size (&c->ws, c->net.input);
  c->n_out = n_batch * ae_workspace_sample_size (&c->ws, last->out);
  c->params = alloc_floats ((size_t) ae_net_n_values (&c->net));
  c->grads = alloc_floats ((size_t) c->net.n_params);
  c->x = alloc_floats ((size_t) c->n_x);
  c->d_x = alloc_floats ((size_t) c->n_x);
  c->probe = alloc_floats ((size_t) c->n_out);
  ae_rng_t rng;
  ae_rng_seed (&rng, seed, AE_STREAM_USER);
  ae_net_init_params (&c->net, c->params, &rng);
  fill_uniform (&rng, c->x, (size_t) c->n_x, -1, 1);
  fill_uniform (&rng, c->probe, (size_t) c->n_out, -1, 1);
}

static inline void
net_case_free (net_case_t *c)
{
  ae_workspace_free (&c->ws);
  free (c->params), free (c->grads), free (c->x), free (c->d_x), free (c->probe);
}

static inline const float *
net_case_forward (net_case_t *c)
{
  ae_net_forward (&c->net, c->params, &c->ws, c->x, c->n_batch, 0, c->net.n_layers);
  return c->ws.outputs[c->net.n_layers - 1];
}

static inline double
net_case_objective (void *arg)
{
  net_case_t *c = arg;
  return dot (net_case_forward (c), c->probe, (size_t) c->n_out);
}

/* The gradients of the objective: the parameters' into c->grads, the
   input's into c->d_x. */
static inline void
net_case_backward (net_case_t *c)
{
  net_case_forward (c);
  memset (c->grads, 0, (size_t) c->net.n_params * sizeof (float));
  const float *d_x = ae_net_backward (&c->net, c->params, c->grads, &c->ws, c->x, c->probe,
                                      c->n_batch, 0, c->net.n_layers);
  memcpy (c->d_x, d_x, (size_t) c->n_x * sizeof (float));
}

#endif
