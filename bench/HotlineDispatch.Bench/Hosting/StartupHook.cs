using HotlineDispatch.Bench.Hosting;

/// <summary>
/// Loaded into a silo started by the bench through <c>DOTNET_STARTUP_HOOKS</c> (the runtime looks
/// for exactly this name, outside any namespace) and runs the heap probe beside the silo.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(HeapProbe.DirectoryVariable) is { Length: > 0 } directory)
        {
            new Thread(() => HeapProbe.Serve(directory)) { IsBackground = true, Name = "bench heap probe" }.Start();
        }
    }
}
