namespace HotlineDispatch.Silo.Auth;

/// <summary>A user from <c>Hotline:Users:{i}</c>: the token itself never sits in a file, only its SHA-256.</summary>
public sealed class ConfiguredUser
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string? Department { get; set; }
    public string? GridCell { get; set; }
    public string TokenSha256 { get; set; } = "";
}
