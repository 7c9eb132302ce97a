// Ctrl-C and the other signals Octave catches, for the gateway: the one file
// of the package that reads Octave's signal state, and the gateway's entry
// point, so that Octave's answer to a signal is thrown from C++ and never
// unwinds through the C core.
//
// Octave offers MEX files no query of a pending interrupt. Its own compiled
// code (built-in functions, Octave Forge's .oct files) polls with
// octave_quit () from quit.h, liboctave's public C++ header: the flags it
// reads are declared there, and the gateway reads the same flags, without
// consuming them, so that Octave answers them as it answers its own. quit.h
// declares them for C++ alone since Octave 9.1 (std::atomic, bug #61370), and
// from Octave 10 mkoctfile links MEX files only against liboctmex, which does
// not export them: this file is C++ and src/Makefile links liboctave
// explicitly. The same source builds unchanged against quit.h of Octave 7.3
// (sig_atomic_t flags), 9.4 and 11.3 (std::atomic), checked on Debian 12, 13
// and unstable.
#include <octave/quit.h>

#include "mex.h"
#include "mex_interrupt.h"

extern "C" int
mex_signal_pending (void)
{
  return octave_signal_caught || octave_interrupt_state > 0;
}

extern "C" int
mex_take_interrupt (void)
{
  if (octave_interrupt_state <= 0)
    return 0;
  octave_signal_caught = false;
  octave_interrupt_state = 0;
  return 1;
}

// A command that stopped on a signal raises an ordinary MEX error (the
// C frames unwind as they do for any MEX error, compiled with -fexceptions).
// Here, before that error reaches Octave, a pending signal is handed to
// octave_quit (), which throws what Octave throws for it in a built-in
// function: Ctrl-C returns to the prompt (and no try/catch of the user's
// swallows it), SIGTERM ends the session.
extern "C" void
mexFunction (int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
  try
    {
      mex_dispatch (nlhs, plhs, nrhs, prhs);
    }
  catch (const octave::execution_exception &)
    {
      octave_quit ();
      throw;
    }
}
