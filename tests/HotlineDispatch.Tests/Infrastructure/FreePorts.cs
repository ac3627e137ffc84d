namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>Loopback ports no one holds right now, so silos of parallel tests do not collide.</summary>
public static class FreePorts
{
    public static int Next() => HotlineDispatch.Bench.Hosting.FreePorts.Next();
}
