## -*- texinfo -*-
## @deftypefn {} {@var{value} =} demo_size (@var{full}, @var{lecture}, @var{smoke})
## A demo's size (epochs, images, classes) for the profile it runs under,
## chosen by the environment variable @env{AUTOENCODER_PROFILE}:
## @table @asis
## @item @qcode{"full"} (the default, a demo run by hand)
## @var{full}, the long run that the demo's help describes;
## @item @qcode{"lecture"} (@code{tools/run-lecture})
## @var{lecture}, shorter runs where a table keeps the long run's order and
## numbers within the rule of doc/lecture.md (about 30 minutes for the whole
## lecture on two cores);
## @item @qcode{"smoke"} (@code{tools/run-lecture --smoke}, in CI)
## @var{smoke}, tiny sizes that run every line of the demo in seconds; its
## numbers mean nothing.
## @end table
## An unknown profile is an error, so that a misspelt one never runs the long
## demo by surprise.
## @end deftypefn

function value = demo_size (full, lecture, smoke)
  profile = getenv ("AUTOENCODER_PROFILE");
  switch (profile)
    case {"", "full"}
      value = full;
    case "lecture"
      value = lecture;
    case "smoke"
      value = smoke;
    otherwise
      error ("autoencoder:badProfile",
             "demo_size: AUTOENCODER_PROFILE is \"%s\"; it must be full, lecture or smoke",
             profile);
  endswitch
endfunction
