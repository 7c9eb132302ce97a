/* The autoencoder core: everything numeric, no Octave. */
#ifndef AUTOENCODER_H
#define AUTOENCODER_H

#include "ae_activation.h"
#include "ae_batchnorm.h"
#include "ae_bilstm.h"
#include "ae_checkpoint.h"
#include "ae_contractive.h"
#include "ae_conv.h"
#include "ae_conv_fft.h"
#include "ae_dense.h"
#include "ae_gan.h"
#include "ae_gaussian.h"
#include "ae_gru.h"
#include "ae_gradcheck.h"
#include "ae_idx.h"
#include "ae_loss.h"
#include "ae_lstm.h"
#include "ae_layer.h"
#include "ae_metrics.h"
#include "ae_net.h"
#include "ae_optim.h"
#include "ae_penalty.h"
#include "ae_pool.h"
#include "ae_recurrent.h"
#include "ae_rng.h"
#include "ae_scg.h"
#include "ae_scg_train.h"
#include "ae_status.h"
#include "ae_threads.h"
#include "ae_train.h"

#endif
