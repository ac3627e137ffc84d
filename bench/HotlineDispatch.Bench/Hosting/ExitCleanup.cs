using System.Runtime.InteropServices;

namespace HotlineDispatch.Bench.Hosting;

/// <summary>
/// What must not outlive the bench — silo processes, PostgreSQL servers, scratch folders — is
/// registered here, so Ctrl-C or SIGTERM in the middle of a run still takes it down.
/// </summary>
public static class ExitCleanup
{
    private static readonly List<Action> Actions = [];
    private static readonly List<PosixSignalRegistration> Signals = [];

    /// <summary>Makes SIGINT and SIGTERM run the registered actions before the process ends.</summary>
    public static void OnSignals()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            Signals.Add(PosixSignalRegistration.Create(signal, _ => RunAll()));
        }
    }

    /// <summary>Registers <paramref name="action"/> until the returned handle is disposed (the normal path cleans up itself).</summary>
    public static IDisposable Register(Action action)
    {
        lock (Actions)
        {
            Actions.Add(action);
        }

        return new Registration(action);
    }

    private static void RunAll()
    {
        Action[] actions;
        lock (Actions)
        {
            actions = [.. Actions];
            Actions.Clear();
        }

        foreach (var action in actions.Reverse())
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"cleanup: {ex.Message}");
            }
        }
    }

    private sealed class Registration(Action action) : IDisposable
    {
        public void Dispose()
        {
            lock (Actions)
            {
                Actions.Remove(action);
            }
        }
    }
}
