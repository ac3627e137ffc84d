using Microsoft.Extensions.Configuration.Memory;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>
/// Log levels a production silo starts from, as ASP.NET's own project template sets them: without
/// them ASP.NET logs five Information lines per request and Polly two per grain placement, which
/// cost the silo more CPU than the ticket itself (the intake bench measured it). They sit beneath
/// every other configuration source, so <c>Logging:LogLevel:*</c> set anywhere still wins.
/// </summary>
public static class LogDefaults
{
    public static void AddHotlineLogDefaults(this IConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Polly"] = "Warning",
            },
        });
}
