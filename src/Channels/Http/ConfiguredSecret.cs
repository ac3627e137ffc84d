namespace HotlineDispatch.Channels.Http;

/// <summary>
/// A token or secret written into configuration (the admin token, the bridge secret, Open311 keys): a short one can be
/// guessed, so the silo refuses to start with it and says which setting to lengthen.
/// </summary>
public static class ConfiguredSecret
{
    public const int MinLength = 16;

    public static bool IsLongEnough(string? value) => string.IsNullOrEmpty(value) || value.Trim().Length >= MinLength;

    public static string TooShort(string key) =>
        $"{key} must be at least {MinLength} characters; choose a long random one (e.g. `openssl rand -hex 24`).";

    /// <summary>Throws the start-up error for a set value that is too short.</summary>
    public static void Require(string key, string? value)
    {
        if (!IsLongEnough(value))
        {
            throw new InvalidOperationException(TooShort(key));
        }
    }
}
