using Microsoft.Extensions.DependencyInjection;
using HotlineDispatch.Users;
using Microsoft.Extensions.Options;

namespace HotlineDispatch.Silo.Auth;

/// <summary>
/// Finds the user behind a token: the bootstrap admin, the users from configuration, then those an
/// admin created at run time (cached briefly, so a request costs no grain call).
/// </summary>
public sealed class UserDirectory(
    IOptionsMonitor<List<ConfiguredUser>> configured,
    IGrainFactory grains,
    AdminTokenHash adminToken,
    [FromKeyedServices(HotlineTime.Key)] TimeProvider time)
{
    public const string AdminName = "admin";

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyList<UserAccount> _managed = [];
    private DateTimeOffset _managedUntil = DateTimeOffset.MinValue;

    public Task<UserAccount?> FindByTokenAsync(string token) => FindByHashAsync(TokenHash.Of(token));

    /// <summary>The user whose token has this SHA-256 hex: how a console session is checked again on each request.</summary>
    public async Task<UserAccount?> FindByHashAsync(string hash)
    {
        if (CryptographicEquals(hash, adminToken.Value))
        {
            return new UserAccount(AdminName, Roles.Admin, null, null, hash) { Id = AdminName };
        }

        var fromConfig = configured.CurrentValue.FirstOrDefault(u => CryptographicEquals(hash, u.TokenSha256.ToLowerInvariant()));
        if (fromConfig is not null)
        {
            return new UserAccount(fromConfig.Name, fromConfig.Role, fromConfig.Department, fromConfig.GridCell, hash) { Id = "config:" + fromConfig.Name };
        }

        return (await ManagedAsync()).FirstOrDefault(u => CryptographicEquals(hash, u.TokenSha256));
    }

    /// <summary>After an admin changes users: the next lookup reads them again.</summary>
    public void Invalidate() => _managedUntil = DateTimeOffset.MinValue;

    private async Task<IReadOnlyList<UserAccount>> ManagedAsync()
    {
        if (time.GetUtcNow() < _managedUntil)
        {
            return _managed;
        }

        await _refresh.WaitAsync();
        try
        {
            if (time.GetUtcNow() >= _managedUntil)
            {
                _managed = await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).List();
                _managedUntil = time.GetUtcNow() + CacheFor;
            }

            return _managed;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private static bool CryptographicEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(a), System.Text.Encoding.ASCII.GetBytes(b));
}

