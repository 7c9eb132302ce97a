% Copyright (C) 2026 The autoencoder package authors
% SPDX-License-Identifier: GPL-3.0-or-later

% -*- texinfo -*-
% @deftypefn  {} {} __ae_warning__ (@var{id}, @var{template}, @dots{})
% @deftypefnx {} {@var{keep} =} __ae_warning__ ("scope")
% The package's warnings, kept for @code{lastwarn}.  The first form is
% @code{warning (@var{id}, @var{template}, @dots{})}, remembered.  The second,
% at the top of a public function, returns an onCleanup object: when the
% function returns (or fails), @code{lastwarn} is set again to the last
% warning remembered since, if there was one.
%
% Why: a user asks @code{[~, id] = lastwarn ()} after a call whether training
% was interrupted or capped.  From Octave 11, as in MATLAB, lastwarn also
% records warnings that are off, among them the "language extension" notes
% Octave's parser gives on the first call of each function file (for
% @code{!}, @code{#} comments, @code{endif}): a file parsed after the
% package's warning took its place.  Checked on Octave 7.3, 9.4 and 11.3.
%
% This file is written in MATLAB's syntax (@code{%} comments, @code{~},
% @code{end}) so that parsing it records nothing.
% @end deftypefn

function keep = __ae_warning__ (id, varargin)
  persistent count last_message last_id
  if isempty (count)
    count = 0;
    last_message = '';
    last_id = '';
  end
  if nargin == 1 && strcmp (id, 'scope')
    keep = onCleanup (@() restate (count));
    return;
  elseif nargin == 2 && strcmp (id, 'restate')
    if count > varargin{1}
      lastwarn (last_message, last_id);
    end
    return;
  end
  warning (id, varargin{:});
  % a warning that is off is not in lastwarn before Octave 11: nor kept here
  [message, shown_id] = lastwarn ();
  if strcmp (shown_id, id)
    count = count + 1;
    last_message = message;
    last_id = id;
  end
end

function restate (mark)
  __ae_warning__ ('restate', mark);
end
