## Writes the package manual doc/autoencoder.texi from the help texts of the
## functions listed in INDEX, grouped by its categories. `make doc` runs it and,
## where makeinfo is installed, turns the result into doc/autoencoder.html.
##   octave-cli doc/make_manual.m

here = fileparts (mfilename ("fullpath"));
top = fileparts (here);
addpath (fullfile (top, "inst"));
index = strsplit (fileread (fullfile (top, "INDEX")), "\n");
out = fopen (fullfile (here, "autoencoder.texi"), "w");
fprintf (out, "\\input texinfo\n@setfilename autoencoder.info\n");
fprintf (out, "@settitle The autoencoder package for GNU Octave\n\n");
## Octave's own help macro, which plain texinfo lacks
fprintf (out, "@macro qcode{arg}\n@code{\\arg\\}\n@end macro\n\n");
fprintf (out, "@node Top\n@top The autoencoder package\n\n");
fprintf (out, "%s\n\n", strtrim (regexprep (fileread (fullfile (top, "DESCRIPTION")),
                                           '(?s).*Description: (.*?)\n[A-Z]\w+:.*', "$1")));
categories = {};
for k = 2:numel (index)
  line = index{k};
  if (isempty (strtrim (line)))
    continue;
  elseif (line(1) != " ")
    categories{end+1} = struct ("name", strtrim (line), "functions", {{}});
  else
    categories{end}.functions{end+1} = strtrim (line);
  endif
endfor
fprintf (out, "@menu\n");
for c = 1:numel (categories)
  fprintf (out, "* %s::\n", categories{c}.name);
endfor
fprintf (out, "@end menu\n\n");
for c = 1:numel (categories)
  fprintf (out, "@node %s\n@chapter %s\n\n", categories{c}.name, categories{c}.name);
  for f = categories{c}.functions
    [text, format] = get_help_text (f{1});
    if (! strcmp (format, "texinfo"))
      error ("make_manual: %s has no texinfo help", f{1});
    endif
    fprintf (out, "@section %s\n@findex %s\n\n%s\n\n", f{1}, f{1},
             regexprep (regexprep (text, '^ ', '', 'lineanchors'), '^\s*-\*- texinfo -\*-\s*', ""));
  endfor
endfor
fprintf (out, "@bye\n");
fclose (out);
printf ("wrote %s\n", fullfile (here, "autoencoder.texi"));
