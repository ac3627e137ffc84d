using System.Security.Cryptography;
using HotlineDispatch.Channels.Http;

namespace HotlineDispatch.Silo.Auth;

/// <summary>
/// The bootstrap admin token: <c>Hotline:Auth:AdminToken</c> when set; otherwise generated once into
/// <c>&lt;DataDir&gt;/admin-token</c>, readable by the owner only, and reused on later starts.
/// </summary>
public static class AdminToken
{
    public const string FileName = "admin-token";

    public static string Resolve(string? configured, string dataDir, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConfiguredSecret.Require("Hotline:Auth:AdminToken", configured);
            return configured.Trim();
        }

        HotlineDispatch.Silo.Storage.DataDirectory.Create(dataDir);
        var path = Path.GetFullPath(Path.Combine(dataDir, FileName));
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                logger.LogInformation("Admin token is in {Path}", path);
                return existing;
            }
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, new System.Text.UTF8Encoding(false), options))
        {
            writer.Write(token);
        }

        logger.LogWarning("Generated an admin token into {Path}; set Hotline:Auth:AdminToken to choose one", path);
        return token;
    }
}
