using System.Net;
using System.Net.Sockets;

namespace HotlineDispatch.Bench.Hosting;

/// <summary>Loopback ports no one holds right now.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
