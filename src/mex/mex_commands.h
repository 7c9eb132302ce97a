/* The gateway's commands, one function each, dispatched by name in
   __autoencoder__.c (whose header lists their calls): model commands there,
   training in mex_train.c, files in mex_files.c, metrics in mex_metrics.c,
   data preparation in mex_data.c, layers in mex_layer_commands.c. */
#ifndef MEX_COMMANDS_H
#define MEX_COMMANDS_H

#include "mex.h"

typedef void mex_command_t (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[]);

mex_command_t mex_command_init, mex_command_train_epoch, mex_command_train_scg;
mex_command_t mex_command_forward, mex_command_evaluate, mex_command_jacobian_norms2;
mex_command_t mex_command_normal, mex_command_geometry, mex_command_gan_forward;
mex_command_t mex_command_gan_init, mex_command_gan_train_epoch;
mex_command_t mex_command_read_idx, mex_command_write_checkpoint, mex_command_read_checkpoint;
mex_command_t mex_command_image_header;
mex_command_t mex_command_image_headers;
mex_command_t mex_command_image_decoders;
mex_command_t mex_command_read_images;
mex_command_t mex_command_list_files;
mex_command_t mex_command_mse, mex_command_ssim, mex_command_fid, mex_command_precision_recall;
mex_command_t mex_command_importance_log_weights;
mex_command_t mex_command_columns;
mex_command_t mex_command_release;
mex_command_t mex_command_kept;
mex_command_t mex_command_layer, mex_command_layer_types;

#endif
