namespace HotlineDispatch.Channels.Grid;

/// <summary><c>Hotline:Groups</c>: the resident-group bridge's shared secret (docs/api.md).</summary>
public sealed class BridgeOptions
{
    public const string Section = "Hotline:Groups";

    public string? BridgeSecret { get; set; }
}
