## Copyright (C) 2026 The autoencoder package authors
## SPDX-License-Identifier: GPL-3.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{decoder} =} __ae_mirror_layers__ (@var{fname}, @var{layers}, @var{sizes}, @var{n_condition})
## The decoder layer array that mirrors the encoder @var{layers} (whose
## input and output sizes and paddings __ae_compile_layers__ gave in
## @var{sizes}), from
## the code back to the encoder's input, without the output activation.
##
## The layer that changes sizes (a convolution, transposed convolution,
## pooling, resize or fully connected layer) is a block, with the activation
## that follows it.  The decoder first maps the code to the encoder's output
## size, then undoes the blocks in reverse: a convolution becomes a
## transposed convolution of the same filter size, stride and padding (its
## output padding restores the rows a stride skipped), a transposed
## convolution a convolution, a pooling layer a nearest-neighbour resize by
## its stride, a resize an average pooling, a fully connected layer one back
## to its input's size.  Each mirrored block with weights is followed by the
## activation in force before the original block (looking past pooling
## layers), the first decoder layer by the one the encoder ends with.
## A conditional encoder's input has @var{n_condition} label channels
## (default 0) besides the image's, which the decoder does not give back.
## @end deftypefn

function decoder = __ae_mirror_layers__ (fname, layers, sizes, n_condition = 0)
  ## the types the core's table marks as keeping their grid, and the two
  ## MATLAB layers that are not types of the core
  types = __ae_layer_types__ ();
  passive = [{"imageInput", "flatten"}, {types([types.mirror_passes]).matlab}];
  blocks = find (! ismember ({layers.Type}, passive));
  ## a conditional encoder's input has its labels' channels too; the
  ## decoder gives back the image alone
  if (! isempty (blocks))
    sizes(1:blocks(1), 3) -= n_condition;
  endif
  activation = cell (1, numel (blocks));
  for j = 1:numel (blocks)
    next = numel (layers) + 1;
    if (j < numel (blocks))
      next = blocks(j+1);
    endif
    following = layers(blocks(j)+1:next-1);
    following = following(! ismember ({following.Type}, {"flatten"}));
    if (! isempty (following))
      activation{j} = following(end);
    endif
  endfor
  after = @(k) activation_after (k, activation, {layers(blocks).Type});
  decoder = [reluLayer()([]), back_to(sizes(end, 4:6)), after(numel (blocks))];
  for j = numel (blocks):-1:1
    L = layers(blocks(j));
    in = sizes(blocks(j), 1:3);
    out = sizes(blocks(j), 4:6);
    switch (L.Type)
      case "convolution2d"
        p = sizes(blocks(j), 7:10);
        skipped = in(1:2) - ((out(1:2) - 1) * L.Stride(1) + L.FilterSize - p([1 3]) - p([2 4]));
        M = transposedConv2dLayer (L.FilterSize, in(3), "Stride", L.Stride, "Cropping", p,
                                   "OutputPadding", skipped);
      case "transposedConv2d"
        M = convolution2dLayer (L.FilterSize, in(3), "Stride", L.Stride,
                                "Padding", cropping_used (L));
      case {"maxPooling2d", "averagePooling2d"}
        if (any (out(1:2) * L.Stride(1) != in(1:2)))
          error ("autoencoder:cannotMirror",
                 "%s: encoder layer %d (%s) maps %s to %s, which resizing by its stride %d does not undo; give a \"Decoder\"",
                 fname, blocks(j), L.Type, __ae_dims__ (in), __ae_dims__ (out), L.Stride(1));
        endif
        M = resize2dLayer ("Scale", L.Stride(1));
      case "resize2d"
        M = averagePooling2dLayer (L.Scale, "Stride", L.Scale);
      otherwise   # fully connected, project and reshape: back past any flatten layer
        if (j > 1)
          M = back_to (sizes(blocks(j-1), 4:6));
        else
          M = back_to (sizes(1, 1:3));
        endif
    endswitch
    decoder = [decoder, M];
    if (! any (strcmp (M.Type, {"resize2d", "averagePooling2d"})))
      decoder = [decoder, after(j - 1)];
    endif
  endfor
endfunction

## The activation in force after block k: its own, or for a pooling or
## resize block without one, that of the block before it; [] when none.
function a = activation_after (k, activation, types)
  a = reluLayer ()([]);
  while (k >= 1 && isempty (a))
    if (! isempty (activation{k}))
      a = activation{k};
    elseif (! any (strcmp (types{k}, {"maxPooling2d", "averagePooling2d", "resize2d"})))
      break;
    endif
    k--;
  endwhile
endfunction

## a layer with weights from any input to size sz
function M = back_to (sz)
  if (all (sz(1:2) == 1))
    M = fullyConnectedLayer (sz(3));
  else
    M = projectAndReshapeLayer (sz);
  endif
endfunction

function p = cropping_used (L)
  p = L.Cropping;
  if (ischar (p))
    p = "same";
  endif
endfunction
